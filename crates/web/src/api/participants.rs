//! The maintenance announcements over the API (LIC-9.1.6, LIC-8.0.6): anyone reads the work and
//! incidents not yet over; a participant's official announces planned work on one of its
//! integrated systems.

use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use pencere_cases::Who;
use pencere_cases::participants::{self, Announcement, Outage, ParticipantError};
use pencere_core::Timestamp;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::ApiJson;
use crate::AppState;
use crate::access::{Authenticated, RequestMeta};
use crate::pages::participants::{parse_baku_time, participant_error};
use crate::problem::{ApiError, FieldError, Problem};

/// Announced work or an incident, as the API shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct OutageJson {
    /// Its id.
    pub id: String,
    /// `preventive`, `repair`, `tuning`, `other` (planned work) or `incident`.
    pub kind: String,
    /// The platform's system it affects (`lic`).
    pub system: String,
    /// The participant's integrated system the work is on, when it is planned work.
    pub integrated_system: Option<String>,
    /// What is done and what users will notice.
    pub description: String,
    /// When it starts (RFC 3339, UTC).
    pub starts_at: String,
    /// When it ends, or when the incident was resolved; `null` while an incident is open.
    pub ends_at: Option<String>,
}

fn outage_json(outage: &Outage) -> OutageJson {
    OutageJson {
        id: outage.id.clone(),
        kind: outage.kind.clone(),
        system: outage.portal.clone(),
        integrated_system: outage.system_name.clone(),
        description: outage.description.clone(),
        starts_at: Timestamp::from_micros(outage.starts_at).to_string(),
        ends_at: outage.ends_at.map(|at| Timestamp::from_micros(at).to_string()),
    }
}

/// Which system's announcements to list.
#[derive(Debug, Deserialize, IntoParams)]
pub struct MaintenanceParams {
    /// A system's code (`lic`); all systems when absent.
    pub system: Option<String>,
}

/// The announced work and incidents not yet over, by start; no login needed.
#[utoipa::path(get, path = "/api/v1/maintenance", tag = "participants", params(MaintenanceParams),
    responses((status = 200, description = "Work and incidents not yet over, by start", body = [OutageJson])))]
pub async fn list_maintenance(
    State(state): State<AppState>,
    Query(params): Query<MaintenanceParams>,
) -> Result<Json<Vec<OutageJson>>, ApiError> {
    let system = params.system.as_deref().filter(|code| !code.is_empty());
    let outages =
        participants::current_outages(state.db(), system, state.clock().now()).await.map_err(participant_error)?;
    Ok(Json(outages.iter().map(outage_json).collect()))
}

/// Planned work to announce.
#[derive(Debug, Deserialize, ToSchema)]
pub struct AnnouncementBody {
    /// The integrated system's id (one of the participant's).
    pub system_id: String,
    /// `preventive`, `repair`, `tuning` or `other`.
    pub kind: String,
    /// When the work starts: RFC 3339 (`2026-11-30T06:00:00Z`) or Baku time (`2026-11-30T10:00`).
    pub starts_at: String,
    /// When it ends, in the same forms.
    pub ends_at: String,
    /// What is done and what users will notice.
    pub description: String,
}

/// Reads RFC 3339 in UTC (`…Z`) or with an offset, or Baku's local time without one.
fn parse_moment(text: &str) -> Option<Timestamp> {
    let text = text.trim();
    let split = text.len().checked_sub(6).filter(|at| text.is_char_boundary(*at)).map(|at| text.split_at(at));
    let (local, offset) = match (text.strip_suffix('Z'), split) {
        (Some(utc), _) => (utc, 0),
        (None, Some((local, offset)))
            if local.contains('T') && (offset.starts_with('+') || offset.starts_with('-')) =>
        {
            let (hours, minutes) = offset.get(1..)?.split_once(':')?;
            let seconds = hours.parse::<i64>().ok()? * 3600 + minutes.parse::<i64>().ok()? * 60;
            (local, if offset.starts_with('-') { -seconds } else { seconds })
        }
        _ => return parse_baku_time(text),
    };
    // Read as Baku time, then moved by the difference between Baku's offset and the given one.
    parse_baku_time(local).map(|at| at.plus_seconds(4 * 3600 - offset))
}

/// A participant's official announces planned work on one of its integrated systems
/// (LIC-9.1.6): it must start on or after the second working day after today (the migration
/// portal's: the fifth).
#[utoipa::path(post, path = "/api/v1/maintenance", tag = "participants",
    request_body = AnnouncementBody,
    responses(
        (status = 201, description = "The work is announced, the operator told", body = OutageJson),
        (status = 403, description = "Not an official of a participant, or the participant is suspended", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is invalid, or the start is sooner than the notice allows (the detail names the earliest day)", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn create_maintenance(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
    meta: RequestMeta,
    ApiJson(body): ApiJson<AnnouncementBody>,
) -> Result<Response, ApiError> {
    let invalid = |field: &str| {
        ApiError::validation(vec![FieldError { field: field.to_owned(), message_id: "participants-error-datetime" }])
    };
    let starts_at = parse_moment(&body.starts_at).ok_or_else(|| invalid("starts_at"))?;
    let ends_at = parse_moment(&body.ends_at).ok_or_else(|| invalid("ends_at"))?;
    let context = meta.context();
    let who = Who { session: &session, context: &context };
    let announcement = Announcement {
        system_id: &body.system_id,
        kind: &body.kind,
        starts_at,
        ends_at,
        description: &body.description,
    };
    let now = state.clock().now();
    let id = participants::announce_maintenance(state.db(), state.engine(), who, &announcement, now).await.map_err(
        |error| match error {
            ParticipantError::Invalid { field: "system", code } => ApiError::validation(vec![FieldError {
                field: "system_id".to_owned(),
                message_id: crate::pages::participants::field_message("system", code),
            }]),
            other => participant_error(other),
        },
    )?;
    let outages = participants::current_outages(state.db(), None, now).await.map_err(participant_error)?;
    let created = outages
        .iter()
        .find(|outage| outage.id == id)
        .map(outage_json)
        .ok_or_else(|| ApiError::internal("an announcement just made is not listed"))?;
    Ok((StatusCode::CREATED, Json(created)).into_response())
}

#[cfg(test)]
mod tests {
    use super::parse_moment;

    #[test]
    fn moments_are_rfc_3339_or_baku_time() {
        let utc = parse_moment("2026-11-30T06:00:00Z");
        assert!(utc.is_some());
        assert_eq!(parse_moment("2026-11-30T10:00"), utc);
        assert_eq!(parse_moment("2026-11-30T10:00:00+04:00"), utc);
        assert_eq!(parse_moment("2026-11-30T07:00:00+01:00"), utc);
        assert_eq!(parse_moment("soon"), None);
    }
}

//! The unified registry of licences and permits (LIC-3.5, LIC-7.3, LIC-8.0.14).
//!
//! A workflow transition marked `registry = "issue"` reserves the licence's number when its
//! document is prepared (so the number is printed on the licence) and enters the licence when the
//! official's signature completes. Numbers run per issuing body and prefix, without gaps, under
//! concurrency: the counter row is locked by the reserving transaction, and a reserved number
//! stays with its case until the licence is signed. Later signed acts (`suspend`, `restore`,
//! `revoke`, LIC-6.6) change the entry and the licence document's status in the act's own
//! transaction, which also writes the act to the feed of every body that receives it: the tax
//! authority (LIC-6.3) and the activity's supervisory body (LIC-6.4). A supervisory body moves to
//! suspend or revoke a licence with a reasoned motion (LIC-6.5); the licensing body answers it
//! with the signed act, or dismisses it with reasons.

use std::collections::BTreeMap;

use pencere_core::calendar::Date;
use pencere_core::{Lang, Timestamp};
use pencere_identity::ActiveSession;
use pencere_store::audit::{self, json_string};
use pencere_store::classified::Clearance;
use pencere_store::{Db, Tx};

use crate::catalog::{Actor, FieldKind, RegistryAction, Service};
use crate::issuance::IssuedDocument;
use crate::{CaseError, Engine, FormData, Who, store};

/// The most entries one search returns.
pub const SEARCH_LIMIT: i64 = 100;

/// Where a licence stands in the registry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryStatus {
    /// In force.
    Active,
    /// Suspended.
    Suspended,
    /// Revoked.
    Revoked,
}

impl EntryStatus {
    /// Its name in URLs and the API.
    pub fn as_str(self) -> &'static str {
        match self {
            EntryStatus::Active => "active",
            EntryStatus::Suspended => "suspended",
            EntryStatus::Revoked => "revoked",
        }
    }

    /// Reads a status name.
    pub fn parse(text: &str) -> Option<EntryStatus> {
        match text {
            "active" => Some(EntryStatus::Active),
            "suspended" => Some(EntryStatus::Suspended),
            "revoked" => Some(EntryStatus::Revoked),
            _ => None,
        }
    }
}

/// A licence in the registry: the Law's article 8.1 data the portal holds.
#[derive(Clone, Debug)]
pub struct RegistryEntry {
    /// The licence's number (`LIC-ECONOMY-000001`).
    pub number: String,
    /// Its place in the issuing body's sequence.
    pub seq: i64,
    /// The service (licensed activity or permit type).
    pub service: String,
    /// The issuing body (organization id).
    pub body_org_id: String,
    /// The holder's name.
    pub holder_name: String,
    /// The holder's VÖEN, when the holder is a taxpayer.
    pub holder_voen: Option<String>,
    /// Where the activity is carried out.
    pub address: Option<String>,
    /// The values of the fields the service records in the registry (`registry = true`), by
    /// field id: the registered activity and the like.
    pub details: BTreeMap<String, String>,
    /// Its status.
    pub status: EntryStatus,
    /// The day it was issued (Baku).
    pub issued_on: String,
    /// When the entry last changed.
    pub updated_at: Timestamp,
    /// The application's case (not public).
    pub case_id: String,
    /// The holder's user id (not public).
    pub holder_user_id: String,
}

/// One act in a licence's history.
#[derive(Clone, Debug)]
pub struct RegistryEvent {
    /// When it took effect.
    pub at: Timestamp,
    /// `issued`, `suspended`, `restored` or `revoked`.
    pub kind: String,
    /// The act's reasons.
    pub reason: Option<String>,
    /// The signed act's verification code (`/verify/{code}`).
    pub act_code: Option<String>,
}

/// What the public search asks; every part optional.
#[derive(Clone, Debug, Default)]
pub struct RegistryQuery {
    /// Part of the holder's name, VÖEN or the number.
    pub text: Option<String>,
    /// The service id.
    pub service: Option<String>,
    /// The issuing body's organization id.
    pub body_org_id: Option<String>,
    /// The status.
    pub status: Option<EntryStatus>,
    /// Issued on or after (`YYYY-MM-DD`).
    pub issued_from: Option<Date>,
    /// Issued on or before.
    pub issued_to: Option<Date>,
    /// Whether entries held by classified individuals (VEIS-1.10) are shown; not by default.
    pub clearance: Clearance,
}

/// What a supervisory body asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MotionAction {
    /// Suspend the licence.
    Suspend,
    /// Revoke it.
    Revoke,
}

impl MotionAction {
    /// Its name in forms and the API.
    pub fn as_str(self) -> &'static str {
        match self {
            MotionAction::Suspend => "suspend",
            MotionAction::Revoke => "revoke",
        }
    }

    /// Reads an action name.
    pub fn parse(text: &str) -> Option<MotionAction> {
        match text {
            "suspend" => Some(MotionAction::Suspend),
            "revoke" => Some(MotionAction::Revoke),
            _ => None,
        }
    }
}

/// A supervisory body's reasoned motion to suspend or revoke a licence (LIC-6.5).
#[derive(Clone, Debug)]
pub struct Motion {
    /// Its id.
    pub id: String,
    /// The licence's number.
    pub number: String,
    /// The supervisory body (organization id).
    pub from_org_id: String,
    /// What it asks for.
    pub action: MotionAction,
    /// Its reasons.
    pub reason: String,
    /// `open`, `accepted` (the act was signed) or `dismissed`.
    pub status: String,
    /// The licensing body's answer, for dismissed motions.
    pub answer: Option<String>,
    /// When it was filed.
    pub filed_at: Timestamp,
    /// When it was answered.
    pub answered_at: Option<Timestamp>,
    /// The case of the licence (for the licensing body's links; not public).
    pub case_id: String,
}

/// One item of a receiving body's feed (LIC-6.3, LIC-6.4).
#[derive(Clone, Debug)]
pub struct FeedItem {
    /// Its place in the recipient's feed: ask for those after the last one read.
    pub seq: i64,
    /// When the act took effect.
    pub at: Timestamp,
    /// The act and the entry as they stood after it (JSON object).
    pub payload: serde_json::Value,
}

fn entry(row: store::EntryRow) -> RegistryEntry {
    RegistryEntry {
        number: row.number,
        seq: row.seq,
        service: row.service,
        body_org_id: row.body_org_id,
        holder_name: row.holder_name,
        holder_voen: row.holder_voen,
        address: row.address,
        details: serde_json::from_str(&row.details).unwrap_or_default(),
        status: EntryStatus::parse(&row.status).unwrap_or(EntryStatus::Active),
        issued_on: row.issued_on.unwrap_or_default(),
        updated_at: Timestamp::from_micros(row.updated_at),
        case_id: row.case_id,
        holder_user_id: row.holder_user_id,
    }
}

fn motion(row: store::MotionRow, number: &str, case_id: &str) -> Motion {
    let (id, _, from_org_id, _, action, reason, status, answer, filed_at, answered_at) = row;
    Motion {
        id,
        number: number.to_owned(),
        from_org_id,
        action: MotionAction::parse(&action).unwrap_or(MotionAction::Suspend),
        reason,
        status,
        answer,
        filed_at: Timestamp::from_micros(filed_at),
        answered_at: answered_at.map(Timestamp::from_micros),
        case_id: case_id.to_owned(),
    }
}

/// The licence document's statuses an act moves from, and the one it moves to.
type LicenceChange = (&'static [&'static str], &'static str);

/// A licence's number: the service's prefix, the issuing body's code and the body's sequence.
pub fn licence_number(prefix: &str, body_code: &str, seq: i64) -> String {
    format!("{prefix}-{}-{seq:06}", body_code.to_uppercase())
}

/// The holder's data an application gives for the registry: name, VÖEN, the activity's address,
/// and the values of the fields its service records in the registry.
struct HolderData {
    name: Option<String>,
    voen: Option<String>,
    address: Option<String>,
    details: BTreeMap<String, String>,
}

impl HolderData {
    fn of(case: &store::CaseRow, service: &Service) -> HolderData {
        let data: FormData = serde_json::from_str(&case.data).unwrap_or_default();
        let field = |id: &str| data.get(id).map(|value| value.trim().to_owned()).filter(|value| !value.is_empty());
        let details = service
            .fields
            .iter()
            .filter(|spec| spec.registry)
            .filter_map(|spec| field(&spec.id).map(|value| (spec.id.clone(), value)))
            .collect();
        HolderData {
            name: field("applicant_name"),
            voen: field("voen"),
            address: field("activity_address").or_else(|| field("address")).or_else(|| field("legal_address")),
            details,
        }
    }

    fn details_json(&self) -> String {
        serde_json::to_string(&self.details).unwrap_or_else(|_| "{}".to_owned())
    }
}

/// What the public search matches an entry by: the holder's name, VÖEN and the number.
fn search_text(holder_name: &str, voen: Option<&str>, number: &str) -> String {
    format!("{} {} {}", holder_name, voen.unwrap_or_default(), number).to_lowercase()
}

impl Engine {
    /// The number a case's licence will carry: reserved now, or the one reserved before.
    pub(crate) async fn reserve_licence_number(
        &self,
        tx: &mut Tx,
        case: &store::CaseRow,
        service: &Service,
        holder: &str,
        now: Timestamp,
    ) -> Result<String, CaseError> {
        if let Some(entry) = store::entry_by_case(tx, &case.id).await? {
            return Ok(entry.number);
        }
        let body = pencere_store::organizations::find_by_id(tx, &case.body_org_id)
            .await?
            .ok_or_else(|| CaseError::UnknownBody(case.body_org_id.clone()))?;
        let seq = store::next_registry_seq(tx, &case.body_org_id, &service.number_prefix).await?;
        let number = licence_number(&service.number_prefix, &body.code, seq);
        let given = HolderData::of(case, service);
        let details = given.details_json();
        let holder_name = given.name.unwrap_or_else(|| holder.to_owned());
        let voen = given.voen;
        let address = given.address;
        let search_text = search_text(&holder_name, voen.as_deref(), &number);
        let id = uuid::Uuid::now_v7().to_string();
        store::insert_entry(
            tx,
            &store::NewEntry {
                id: &id,
                number: &number,
                seq,
                body_org_id: &case.body_org_id,
                service: &service.id,
                case_id: &case.id,
                holder_user_id: &case.applicant_id,
                holder_name: &holder_name,
                holder_voen: voen.as_deref(),
                address: address.as_deref(),
                search_text: &search_text,
                details: &details,
                now,
            },
        )
        .await?;
        Ok(number)
    }

    /// The registry entry a case's acts are about: the licence its `licence` field names (a
    /// re-issue, duplicate or annex), or else the licence the case itself issued.
    pub(crate) async fn target_entry(
        &self,
        tx: &mut Tx,
        service: &Service,
        case: &store::CaseRow,
    ) -> Result<Option<store::EntryRow>, CaseError> {
        if let Some(field) = service.fields.iter().find(|field| field.kind == FieldKind::Licence) {
            let data: FormData = serde_json::from_str(&case.data).unwrap_or_default();
            return Ok(match data.get(&field.id) {
                Some(number) => store::entry_by_number(tx, number).await?,
                None => None,
            });
        }
        Ok(store::entry_by_case(tx, &case.id).await?)
    }

    /// Writes a signed act in the registry, in the act's transaction: the entry's status, the
    /// licence document's status, the history, the receiving bodies' feeds, the motions it
    /// answers and the audit entry.
    pub(crate) async fn record_in_registry(
        &self,
        tx: &mut Tx,
        service: &Service,
        action: RegistryAction,
        act: &IssuedDocument,
        who: Who<'_>,
        now: Timestamp,
    ) -> Result<(), CaseError> {
        let case = store::case_by_id(tx, &act.case_id).await?.ok_or(CaseError::NotFound)?;
        let row = self.target_entry(tx, service, &case).await?.ok_or(CaseError::NotPossible(act.transition.clone()))?;
        let today = Date::in_baku(now).to_string();
        let (from, to, licence): (&[&str], &str, Option<LicenceChange>) = match action {
            RegistryAction::Issue => (&["reserved"], "active", None),
            RegistryAction::Suspend => (&["active"], "suspended", Some((&["valid"], "suspended"))),
            RegistryAction::Restore => (&["suspended"], "active", Some((&["suspended"], "valid"))),
            RegistryAction::Revoke => (&["active", "suspended"], "revoked", Some((&["valid", "suspended"], "revoked"))),
            // The new document replaces the licence in force, which is superseded.
            RegistryAction::Reissue | RegistryAction::Duplicate => {
                (&["active"], "active", Some((&["valid"], "superseded")))
            }
            RegistryAction::Annex => (&["active"], "active", None),
        };
        let original_issue = row.issued_on.clone().unwrap_or_else(|| today.clone());
        let issued = match action {
            RegistryAction::Issue => Some((act.id.as_str(), today.as_str())),
            RegistryAction::Reissue | RegistryAction::Duplicate => Some((act.id.as_str(), original_issue.as_str())),
            _ => None,
        };
        if !store::set_entry_status(tx, &row.id, from, to, issued, now).await? {
            return Err(CaseError::NotPossible(act.transition.clone()));
        }
        if let (Some((from, to)), Some(document)) = (licence, row.document_id.as_deref()) {
            store::set_issued_status(tx, document, from, to, act.reason.as_deref(), now).await?;
            if matches!(action, RegistryAction::Reissue | RegistryAction::Duplicate) {
                // A paper copy of the replaced document is no longer to be handed over.
                self.close_superseded_paper_copies(tx, document, who, now).await?;
            }
        }
        let mut row = row;
        if action == RegistryAction::Reissue {
            // The re-formalised licence carries the holder's data as the application gives them.
            let given = HolderData::of(&case, service);
            // The VÖEN names the holder and stays: a re-issue is for the same taxpayer.
            if !given.details.is_empty() {
                let mut details: BTreeMap<String, String> = serde_json::from_str(&row.details).unwrap_or_default();
                details.extend(given.details.clone());
                row.details = serde_json::to_string(&details).unwrap_or_else(|_| "{}".to_owned());
            }
            row.holder_name = given.name.unwrap_or(row.holder_name);
            row.address = given.address.or(row.address);
            let text = search_text(&row.holder_name, row.holder_voen.as_deref(), &row.number);
            store::set_entry_holder(tx, &row, &text).await?;
        }
        let event_id = uuid::Uuid::now_v7().to_string();
        store::insert_registry_event(
            tx,
            &store::NewRegistryEvent {
                id: &event_id,
                entry_id: &row.id,
                at: now,
                kind: action.event(),
                document_id: Some(&act.id),
                reason: act.reason.as_deref(),
                actor_id: Some(&who.session.user.id),
            },
        )
        .await?;
        // The entry as it stands after the act, for the feeds.
        let mut entry = entry(row.clone());
        entry.status = EntryStatus::parse(to).unwrap_or(entry.status);
        if let Some((_, on)) = issued {
            entry.issued_on = on.to_owned();
        }
        // The receiving bodies are the licensed activity's, also when a re-issue acts on it.
        let service = self.catalog.service(&entry.service).unwrap_or(service);
        let body = pencere_store::organizations::find_by_id(tx, &entry.body_org_id).await?;
        let payload = serde_json::json!({
            "event": action.event(),
            "at": now.to_string(),
            "reason": act.reason,
            "act_code": act.code,
            "number": entry.number,
            "service": entry.service,
            "activity": service.name.get(Lang::Az),
            "body": body.as_ref().map(|body| body.code.clone()),
            "holder_name": entry.holder_name,
            "holder_voen": entry.holder_voen,
            "address": entry.address,
            "details": entry.details,
            "status": entry.status.as_str(),
            "issued_on": entry.issued_on,
        })
        .to_string();
        let mut recipients: Vec<&String> = service.report_to.iter().chain(service.supervisor.iter()).collect();
        recipients.sort_unstable();
        recipients.dedup();
        for code in recipients {
            let recipient = pencere_store::organizations::find_by_code(tx, code)
                .await?
                .ok_or_else(|| CaseError::UnknownBody(code.clone()))?;
            store::insert_feed(tx, &recipient.id, &event_id, &payload, now).await?;
        }
        let answered: &[&str] = match action {
            RegistryAction::Suspend => &["suspend"],
            RegistryAction::Revoke => &["suspend", "revoke"],
            _ => &[],
        };
        for open in store::motions_of_entry(tx, &row.id).await? {
            if open.6 == "open" && answered.contains(&open.4.as_str()) {
                store::answer_motion(tx, &open.0, "accepted", None, Some(&who.session.user.id), now).await?;
            }
        }
        let details = format!("{{\"number\":{},\"status\":{}}}", json_string(&entry.number), json_string(to));
        audit::append(
            tx,
            &audit::NewEntry {
                action: "registry.changed",
                record: Some(("registry_entry", &row.id)),
                subject_id: Some(&entry.holder_user_id),
                details: &details,
                ..who.session.entry(now, who.context)
            },
        )
        .await?;
        Ok(())
    }

    /// The public search of the registry (LIC-7.3, LIC-10.0.7): the newest first, at most
    /// [`SEARCH_LIMIT`] entries.
    pub async fn registry_search(&self, db: &Db, query: &RegistryQuery) -> Result<Vec<RegistryEntry>, CaseError> {
        let mut tx = db.begin_read().await?;
        let text = query.text.as_deref().map(str::trim).filter(|text| !text.is_empty());
        let from = query.issued_from.map(|date| date.to_string());
        let to = query.issued_to.map(|date| date.to_string());
        let filter = store::EntryFilter {
            text,
            service: query.service.as_deref(),
            body_org_id: query.body_org_id.as_deref(),
            status: query.status.map(EntryStatus::as_str),
            issued_from: from.as_deref(),
            issued_to: to.as_deref(),
            limit: SEARCH_LIMIT,
            clearance: query.clearance,
        };
        let rows = store::search_entries(&mut tx, &filter).await?;
        Ok(rows.into_iter().map(entry).collect())
    }

    /// A public entry and its history; `None` for unknown (or only reserved) numbers.
    pub async fn registry_entry(
        &self,
        db: &Db,
        number: &str,
        clearance: Clearance,
    ) -> Result<Option<(RegistryEntry, Vec<RegistryEvent>)>, CaseError> {
        let mut tx = db.begin_read().await?;
        let Some(row) = store::entry_by_number(&mut tx, number).await?.filter(|row| row.status != "reserved") else {
            return Ok(None);
        };
        if store::entry_hidden(&mut tx, &row, clearance).await? {
            return Ok(None);
        }
        let events = store::registry_events(&mut tx, &row.id)
            .await?
            .into_iter()
            .map(|(at, kind, reason, act_code)| RegistryEvent {
                at: Timestamp::from_micros(at),
                kind,
                reason,
                act_code,
            })
            .collect();
        Ok(Some((entry(row), events)))
    }

    /// The registry entry of a case, for its pages.
    pub async fn registry_entry_of_case(&self, db: &Db, case_id: &str) -> Result<Option<RegistryEntry>, CaseError> {
        let mut tx = db.begin_read().await?;
        Ok(store::entry_by_case(&mut tx, case_id).await?.filter(|row| row.status != "reserved").map(entry))
    }

    /// The numbers (sequence values) a body has entered under a prefix, in order.
    pub async fn registry_sequence(&self, db: &Db, body_org_id: &str, prefix: &str) -> Result<Vec<i64>, CaseError> {
        let mut tx = db.begin_read().await?;
        Ok(store::entry_seqs(&mut tx, body_org_id, prefix).await?)
    }

    /// The feed of the organization the caller acts for (LIC-6.3, LIC-6.4), after `after`.
    pub async fn registry_feed(
        &self,
        db: &Db,
        session: &ActiveSession,
        after: i64,
        limit: i64,
    ) -> Result<Vec<FeedItem>, CaseError> {
        let org = session.acting_org_id.as_deref().ok_or(CaseError::Forbidden)?;
        let mut tx = db.begin_read().await?;
        let rows = store::feed(&mut tx, org, after, limit.clamp(1, 500), session.clearance()).await?;
        Ok(rows
            .into_iter()
            .map(|(seq, at, payload)| FeedItem {
                seq,
                at: Timestamp::from_micros(at),
                payload: serde_json::from_str(&payload).unwrap_or(serde_json::Value::Null),
            })
            .collect())
    }

    /// Whether the caller may file motions on this entry: they act for the service's supervisory
    /// body and hold its system's `supervisor` role there.
    pub fn may_file_motion(&self, session: &ActiveSession, entry: &RegistryEntry, supervisor_org_id: &str) -> bool {
        let Some(service) = self.catalog.service(&entry.service) else {
            return false;
        };
        service.supervisor.is_some()
            && session.acting_org_id.as_deref() == Some(supervisor_org_id)
            && session.has_role(&format!("{}.supervisor", service.system()))
    }

    /// A supervisory body's reasoned motion to suspend or revoke a licence (LIC-6.5): recorded,
    /// on the licence's case timeline and in the licensing body's queue of motions.
    pub async fn file_motion(
        &self,
        db: &Db,
        who: Who<'_>,
        number: &str,
        action: MotionAction,
        reason: &str,
        now: Timestamp,
    ) -> Result<String, CaseError> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(CaseError::ReasonRequired);
        }
        let mut tx = db.begin().await?;
        let row = store::entry_by_number(&mut tx, number)
            .await?
            .filter(|row| row.status != "reserved")
            .ok_or(CaseError::NotFound)?;
        let service =
            self.catalog.service(&row.service).ok_or_else(|| CaseError::UnknownService(row.service.clone()))?;
        let supervisor = match &service.supervisor {
            Some(code) => pencere_store::organizations::find_by_code(&mut tx, code).await?,
            None => None,
        };
        let current = entry(row.clone());
        if !supervisor.is_some_and(|org| self.may_file_motion(who.session, &current, &org.id)) {
            return Err(CaseError::Forbidden);
        }
        let possible = match action {
            MotionAction::Suspend => current.status == EntryStatus::Active,
            MotionAction::Revoke => current.status != EntryStatus::Revoked,
        };
        if !possible {
            return Err(CaseError::NotPossible(action.as_str().to_owned()));
        }
        let from_org_id = who.session.acting_org_id.clone().unwrap_or_default();
        let id = uuid::Uuid::now_v7().to_string();
        store::insert_motion(
            &mut tx,
            &store::NewMotion {
                id: &id,
                entry_id: &row.id,
                from_org_id: &from_org_id,
                filed_by: &who.session.user.id,
                action: action.as_str(),
                reason,
                now,
            },
        )
        .await?;
        store::insert_event(
            &mut tx,
            &store::NewEvent {
                case_id: &row.case_id,
                at: now,
                kind: &format!("motion_{}", action.as_str()),
                from_state: None,
                to_state: None,
                actor_id: Some(&who.session.user.id),
                actor_org_id: Some(&from_org_id),
                note: Some(reason),
            },
        )
        .await?;
        let details = format!("{{\"number\":{},\"action\":{}}}", json_string(number), json_string(action.as_str()));
        audit::append(
            &mut tx,
            &audit::NewEntry {
                action: "registry.motion_filed",
                record: Some(("supervisory_motion", &id)),
                subject_id: Some(&row.holder_user_id),
                details: &details,
                ..who.session.entry(now, who.context)
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The motions on a licence, oldest first.
    pub async fn motions_of(&self, db: &Db, number: &str) -> Result<Vec<Motion>, CaseError> {
        let mut tx = db.begin_read().await?;
        let Some(row) = store::entry_by_number(&mut tx, number).await? else {
            return Ok(Vec::new());
        };
        Ok(store::motions_of_entry(&mut tx, &row.id)
            .await?
            .into_iter()
            .map(|motion_row| motion(motion_row, &row.number, &row.case_id))
            .collect())
    }

    /// The open motions on the licences of the body the caller acts for.
    pub async fn open_motions(&self, db: &Db, session: &ActiveSession) -> Result<Vec<Motion>, CaseError> {
        let Some(org) = session.acting_org_id.as_deref() else {
            return Ok(Vec::new());
        };
        let mut tx = db.begin_read().await?;
        Ok(store::open_motions_of_body(&mut tx, org, session.clearance())
            .await?
            .into_iter()
            .map(|(row, number, case_id)| motion(row, &number, &case_id))
            .collect())
    }

    /// The licensing body dismisses a motion, with reasons, as an official who may sign the act
    /// the motion asks for.
    pub async fn dismiss_motion(
        &self,
        db: &Db,
        who: Who<'_>,
        motion_id: &str,
        answer: &str,
        now: Timestamp,
    ) -> Result<(), CaseError> {
        let answer = answer.trim();
        if answer.is_empty() {
            return Err(CaseError::ReasonRequired);
        }
        let mut tx = db.begin().await?;
        let row = store::motion_by_id(&mut tx, motion_id).await?.ok_or(CaseError::NotFound)?;
        let entry_row = store::entry_by_id(&mut tx, &row.1).await?.ok_or(CaseError::NotFound)?;
        let case = store::case_by_id(&mut tx, &entry_row.case_id).await?.ok_or(CaseError::NotFound)?;
        if !self.is_official_of(who.session, &case) {
            return Err(CaseError::NotFound);
        }
        let (_, workflow) = self.service(&case.service)?;
        let wanted = if row.4 == "revoke" { RegistryAction::Revoke } else { RegistryAction::Suspend };
        let may = workflow.transitions.iter().filter(|t| t.registry == Some(wanted)).any(|t| match &t.by {
            Actor::Role(role) => who.session.has_role(role),
            _ => false,
        });
        if !may {
            return Err(CaseError::Forbidden);
        }
        if !store::answer_motion(&mut tx, motion_id, "dismissed", Some(answer), Some(&who.session.user.id), now).await?
        {
            return Err(CaseError::Conflict);
        }
        store::insert_event(
            &mut tx,
            &store::NewEvent {
                case_id: &case.id,
                at: now,
                kind: "motion_dismissed",
                from_state: None,
                to_state: None,
                actor_id: Some(&who.session.user.id),
                actor_org_id: who.session.acting_org_id.as_deref(),
                note: Some(answer),
            },
        )
        .await?;
        let details = format!("{{\"number\":{}}}", json_string(&entry_row.number));
        audit::append(
            &mut tx,
            &audit::NewEntry {
                action: "registry.motion_dismissed",
                record: Some(("supervisory_motion", motion_id)),
                subject_id: Some(&case.applicant_id),
                details: &details,
                ..who.session.entry(now, who.context)
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_carry_prefix_body_and_six_digits() {
        assert_eq!(licence_number("LIC", "economy", 7), "LIC-ECONOMY-000007");
        assert_eq!(licence_number("TOB", "taxes", 1_234_567), "TOB-TAXES-1234567");
    }
}

//! Security events a system's owner or the platform's operator reports to the authorities.
//!
//! The registries' regulations have the owner (the body that keeps a system: the competent body
//! of its services) and the operator report detected threats and security incidents immediately
//! to XRİTDX — and, for the EHİS and Government Cloud aspects, to the Ministry of Digital
//! Development and Transport — report attempts to intrude into the system immediately to the
//! competent law-enforcement body (e.g. TOB-6.1.6, TOB-6.1.8, TOB-7.1.2, TOB-7.1.3), and answer
//! their inquiries immediately or, when that is impossible, within 24 hours. Recording an event
//! writes one e-mail to each authority it concerns, through the outbox, in the same transaction
//! as the event and its audit entry; an inquiry is recorded with its due time, and its answer is
//! e-mailed the same way. The addresses and the hours come from `catalog/security.toml` (the
//! test environment's) or the installation's own file.

mod store;

use std::collections::BTreeMap;

use pencere_core::{Lang, Timestamp};
use pencere_identity::{ActiveSession, RoleName};
use pencere_store::Db;
use pencere_store::audit::{self, json_string};
use serde::Deserialize;

use crate::catalog::Names;
use crate::{CaseError, Engine, FieldError, Who};

/// The contacts shipped for the test environment (`catalog/security.toml`).
pub const TEST_CONTACTS: &str = include_str!("../../catalog/security.toml");

/// The longest summary, question or answer, in characters.
pub const MAX_TEXT_CHARS: usize = 4000;

/// An authority security reports go to.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Recipient {
    /// Where its reports are e-mailed.
    pub email: String,
    /// Its name.
    pub name: Names,
}

/// How soon the authorities' inquiries are answered at the latest.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct AnswerPeriod {
    /// Hours.
    pub hours: u32,
    /// Where the figure comes from.
    pub law: String,
    /// Whether it was checked against the text.
    pub verified: bool,
}

/// Where security reports go, and how soon inquiries are answered.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Contacts {
    /// The answer period.
    pub answer: AnswerPeriod,
    /// The authorities by code: `xritdx`, `mddt`, `law_enforcement`.
    pub recipients: BTreeMap<String, Recipient>,
}

/// Within how many hours the authorities' inquiries are answered: the installation's contacts'
/// period, or without contacts the shipped catalog's (the regulations' 24 hours), read once.
pub fn answer_hours(contacts: Option<&Contacts>) -> u32 {
    static SHIPPED: std::sync::OnceLock<Option<u32>> = std::sync::OnceLock::new();
    contacts.map(|contacts| contacts.answer.hours).unwrap_or_else(|| {
        SHIPPED
            .get_or_init(|| Contacts::parse(TEST_CONTACTS).ok().map(|contacts| contacts.answer.hours))
            // The regulations' figure, which the shipped file states (a unit test checks both).
            .unwrap_or(24)
    })
}

/// The authorities a contacts file must name.
pub const RECIPIENTS: [&str; 3] = ["xritdx", "mddt", "law_enforcement"];

impl Contacts {
    /// Reads a contacts file; refuses one that misses an authority or the answer period.
    pub fn parse(text: &str) -> Result<Contacts, String> {
        let contacts: Contacts = toml::from_str(text).map_err(|error| error.to_string())?;
        for code in RECIPIENTS {
            let recipient = contacts.recipients.get(code).ok_or_else(|| format!("no recipient `{code}`"))?;
            if !recipient.email.contains('@') {
                return Err(format!("recipient `{code}`: `{}` is not an e-mail address", recipient.email));
            }
        }
        if contacts.answer.hours == 0 {
            return Err("answer.hours must be positive".to_owned());
        }
        Ok(contacts)
    }
}

/// What was detected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IncidentKind {
    /// A threat to the system's security.
    Threat,
    /// A security incident.
    Incident,
    /// An attempt to intrude into the system.
    IntrusionAttempt,
}

impl IncidentKind {
    /// Every kind.
    pub const ALL: [IncidentKind; 3] = [IncidentKind::Threat, IncidentKind::Incident, IncidentKind::IntrusionAttempt];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            IncidentKind::Threat => "threat",
            IncidentKind::Incident => "incident",
            IncidentKind::IntrusionAttempt => "intrusion_attempt",
        }
    }

    /// The kind by its stored name.
    pub fn parse(text: &str) -> Option<IncidentKind> {
        IncidentKind::ALL.into_iter().find(|kind| kind.as_str() == text)
    }

    /// The authorities an event of this kind is reported to: XRİTDX always, the Ministry of
    /// Digital Development and Transport when it concerns EHİS or the Government Cloud, and the
    /// law-enforcement body when it is an attempt to intrude.
    pub fn recipients(self, ehis_aspect: bool) -> Vec<&'static str> {
        let mut recipients = vec!["xritdx"];
        if ehis_aspect {
            recipients.push("mddt");
        }
        if self == IncidentKind::IntrusionAttempt {
            recipients.push("law_enforcement");
        }
        recipients
    }
}

/// A reported security event, with its reports and the inquiries about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Incident {
    /// Its id.
    pub id: String,
    /// The system it concerns (`tob`).
    pub system: String,
    /// `owner` or `operator`.
    pub reporter_role: String,
    /// Who reported it.
    pub reporter: String,
    /// What it is.
    pub kind: IncidentKind,
    /// What happened.
    pub summary: String,
    /// When it was detected.
    pub detected_at: Timestamp,
    /// When it was reported.
    pub reported_at: Timestamp,
    /// To whom it was reported: authority code, address (none when no contacts are configured),
    /// when.
    pub reports: Vec<(String, Option<String>, Timestamp)>,
    /// The authorities' inquiries.
    pub inquiries: Vec<Inquiry>,
}

/// An authority's inquiry about a reported event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Inquiry {
    /// Its id.
    pub id: String,
    /// The authority that asked.
    pub recipient: String,
    /// What it asked.
    pub question: String,
    /// When.
    pub asked_at: Timestamp,
    /// The answer is due by then.
    pub due_at: Timestamp,
    /// The answer.
    pub answer: Option<String>,
    /// When it was answered.
    pub answered_at: Option<Timestamp>,
}

impl Inquiry {
    /// Whether it is still unanswered after its due time.
    pub fn overdue(&self, now: Timestamp) -> bool {
        self.answer.is_none() && now > self.due_at
    }
}

fn checked(field: &str, text: &str) -> Result<String, CaseError> {
    let text = text.trim();
    let code = if text.is_empty() {
        "required"
    } else if text.chars().count() > MAX_TEXT_CHARS {
        "too-long"
    } else {
        return Ok(text.to_owned());
    };
    Err(CaseError::Invalid(vec![FieldError { field: field.to_owned(), code }]))
}

impl Engine {
    /// The systems the session may report security events for, each with the capacity it acts
    /// in: every system as the operator (`platform.admin`), or as the owner the systems whose
    /// services the body it acts for provides, when it holds a role of that system there.
    pub fn security_scope(&self, session: &ActiveSession) -> Vec<(String, &'static str)> {
        let mut systems: Vec<String> =
            self.catalog.services().iter().map(|service| service.system().to_owned()).collect();
        systems.sort();
        systems.dedup();
        if session.has_role(RoleName::PLATFORM_ADMIN) {
            return systems.into_iter().map(|system| (system, "operator")).collect();
        }
        let Some(body) = session.acting_memberships().next().map(|m| m.organization.code.clone()) else {
            return Vec::new();
        };
        systems
            .into_iter()
            .filter(|system| {
                let prefix = format!("{system}.");
                self.catalog.services_of(system).any(|service| service.competent_body == body)
                    && session.acting_memberships().any(|m| m.role.as_str().starts_with(&prefix))
            })
            .map(|system| (system, "owner"))
            .collect()
    }

    /// Records a security event and reports it at once, through the outbox in the same
    /// transaction, to each authority its kind concerns; without `contacts` nothing is sent and
    /// the reports say so. Returns the event's id.
    #[allow(clippy::too_many_arguments, reason = "one call, each argument a distinct fact of the event")]
    pub async fn report_security_incident(
        &self,
        db: &Db,
        who: Who<'_>,
        contacts: Option<&Contacts>,
        system: &str,
        kind: IncidentKind,
        ehis_aspect: bool,
        summary: &str,
        now: Timestamp,
    ) -> Result<String, CaseError> {
        let Some((_, role)) = self.security_scope(who.session).into_iter().find(|(known, _)| known == system) else {
            return Err(CaseError::Forbidden);
        };
        let summary = checked("summary", summary)?;
        let mut tx = db.begin().await?;
        let id = uuid::Uuid::now_v7().to_string();
        store::insert_incident(
            &mut tx,
            &store::NewIncident {
                id: &id,
                system,
                reporter_role: role,
                reported_by: &who.session.user.id,
                reporter_org_id: who.session.acting_org_id.as_deref(),
                kind: kind.as_str(),
                summary: &summary,
                now,
            },
        )
        .await?;
        let recipients = kind.recipients(ehis_aspect);
        for code in &recipients {
            let address = contacts.and_then(|contacts| contacts.recipients.get(*code)).map(|r| r.email.clone());
            let message = match &address {
                Some(address) => {
                    let notice = pencere_notify::Notice {
                        template: "security-report",
                        args: vec![
                            ("system", system.to_owned()),
                            ("kind", kind.as_str().to_owned()),
                            ("role", role.to_owned()),
                            ("reporter", who.session.user.full_name.clone()),
                            ("at", now.to_string()),
                            ("summary", summary.clone()),
                            ("reference", id.clone()),
                        ],
                        case_id: None,
                    };
                    Some(pencere_notify::notify_email(&mut tx, address, Lang::Az, &notice, now).await?)
                }
                None => None,
            };
            store::insert_report(&mut tx, &id, code, address.as_deref(), message.as_deref(), now).await?;
        }
        let details = format!(
            "{{\"system\":{},\"kind\":{},\"role\":{},\"recipients\":{}}}",
            json_string(system),
            json_string(kind.as_str()),
            json_string(role),
            json_string(&recipients.join(","))
        );
        audit::append(
            &mut tx,
            &audit::NewEntry {
                action: "security.incident_reported",
                record: Some(("security_incident", &id)),
                details: &details,
                ..who.session.entry(now, who.context)
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The security events of the systems in the session's scope, newest first.
    pub async fn security_incidents(&self, db: &Db, session: &ActiveSession) -> Result<Vec<Incident>, CaseError> {
        let systems: Vec<String> = self.security_scope(session).into_iter().map(|(system, _)| system).collect();
        let mut tx = db.begin_read().await?;
        let mut incidents = Vec::new();
        for row in store::incidents(&mut tx, &systems).await? {
            incidents.push(self.incident_of(&mut tx, row).await?);
        }
        Ok(incidents)
    }

    async fn incident_of(&self, tx: &mut pencere_store::Tx, row: store::IncidentRow) -> Result<Incident, CaseError> {
        let (id, system, reporter_role, reporter, kind, summary, detected_at, reported_at) = row;
        let reports = store::reports(tx, &id)
            .await?
            .into_iter()
            .map(|(recipient, address, at)| (recipient, address, Timestamp::from_micros(at)))
            .collect();
        let inquiries = store::inquiries(tx, &id).await?.into_iter().map(inquiry).collect();
        Ok(Incident {
            kind: IncidentKind::parse(&kind).unwrap_or(IncidentKind::Incident),
            id,
            system,
            reporter_role,
            reporter,
            summary,
            detected_at: Timestamp::from_micros(detected_at),
            reported_at: Timestamp::from_micros(reported_at),
            reports,
            inquiries,
        })
    }

    /// Records an authority's inquiry about a reported event, due within [`answer_hours`].
    #[allow(clippy::too_many_arguments, reason = "one call, each argument a distinct fact of the inquiry")]
    pub async fn record_security_inquiry(
        &self,
        db: &Db,
        who: Who<'_>,
        contacts: Option<&Contacts>,
        incident_id: &str,
        recipient: &str,
        question: &str,
        now: Timestamp,
    ) -> Result<String, CaseError> {
        let question = checked("question", question)?;
        if !RECIPIENTS.contains(&recipient) {
            return Err(CaseError::Invalid(vec![FieldError { field: "recipient".to_owned(), code: "choice" }]));
        }
        let mut tx = db.begin().await?;
        let incident = store::incident(&mut tx, incident_id).await?.ok_or(CaseError::NotFound)?;
        if !self.security_scope(who.session).iter().any(|(system, _)| *system == incident.1) {
            return Err(CaseError::NotFound);
        }
        let id = uuid::Uuid::now_v7().to_string();
        let due = now.plus_seconds(i64::from(answer_hours(contacts)) * 3600);
        store::insert_inquiry(
            &mut tx,
            &store::NewInquiry {
                id: &id,
                incident_id,
                recipient,
                question: &question,
                recorded_by: &who.session.user.id,
                now,
                due,
            },
        )
        .await?;
        let details = format!("{{\"incident\":{},\"recipient\":{}}}", json_string(incident_id), json_string(recipient));
        audit::append(
            &mut tx,
            &audit::NewEntry {
                action: "security.inquiry_recorded",
                record: Some(("security_inquiry", &id)),
                details: &details,
                ..who.session.entry(now, who.context)
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Answers an authority's inquiry once, e-mailing the answer to it in the same transaction.
    pub async fn answer_security_inquiry(
        &self,
        db: &Db,
        who: Who<'_>,
        contacts: Option<&Contacts>,
        inquiry_id: &str,
        answer: &str,
        now: Timestamp,
    ) -> Result<(), CaseError> {
        let answer = checked("answer", answer)?;
        let mut tx = db.begin().await?;
        let (incident_id, (_, recipient, question, ..)) =
            store::inquiry(&mut tx, inquiry_id).await?.ok_or(CaseError::NotFound)?;
        let incident = store::incident(&mut tx, &incident_id).await?.ok_or(CaseError::NotFound)?;
        if !self.security_scope(who.session).iter().any(|(system, _)| *system == incident.1) {
            return Err(CaseError::NotFound);
        }
        if !store::answer_inquiry(&mut tx, inquiry_id, &answer, &who.session.user.id, now).await? {
            return Err(CaseError::Conflict);
        }
        if let Some(address) = contacts.and_then(|contacts| contacts.recipients.get(&recipient)).map(|r| &r.email) {
            let notice = pencere_notify::Notice {
                template: "security-answer",
                args: vec![
                    ("system", incident.1.clone()),
                    ("reference", incident_id.clone()),
                    ("question", question),
                    ("answer", answer.clone()),
                ],
                case_id: None,
            };
            pencere_notify::notify_email(&mut tx, address, Lang::Az, &notice, now).await?;
        }
        audit::append(
            &mut tx,
            &audit::NewEntry {
                action: "security.inquiry_answered",
                record: Some(("security_inquiry", inquiry_id)),
                details: &format!("{{\"incident\":{}}}", json_string(&incident_id)),
                ..who.session.entry(now, who.context)
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

fn inquiry(row: store::InquiryRow) -> Inquiry {
    let (id, recipient, question, asked_at, due_at, answer, answered_at) = row;
    Inquiry {
        id,
        recipient,
        question,
        asked_at: Timestamp::from_micros(asked_at),
        due_at: Timestamp::from_micros(due_at),
        answer,
        answered_at: answered_at.map(Timestamp::from_micros),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]

    use super::{Contacts, IncidentKind, TEST_CONTACTS};

    #[test]
    fn the_shipped_contacts_name_every_authority_and_a_missing_one_is_refused() {
        let contacts = Contacts::parse(TEST_CONTACTS).unwrap();
        assert_eq!(contacts.answer.hours, 24);
        assert_eq!(super::answer_hours(None), 24, "without contacts, the shipped period");
        let without = TEST_CONTACTS.replace("[recipients.mddt]", "[recipients.other]");
        assert_eq!(Contacts::parse(&without).unwrap_err(), "no recipient `mddt`");
    }

    #[test]
    fn an_intrusion_attempt_on_ehis_goes_to_all_three_authorities() {
        assert_eq!(IncidentKind::Threat.recipients(false), ["xritdx"]);
        assert_eq!(IncidentKind::Incident.recipients(true), ["xritdx", "mddt"]);
        assert_eq!(IncidentKind::IntrusionAttempt.recipients(true), ["xritdx", "mddt", "law_enforcement"]);
    }
}

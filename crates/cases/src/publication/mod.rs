//! The information of the Law's article 12.2, published for each licence type and kept current
//! (LIC-7.4, LIC-8.0.12, LIC-9.2.2).
//!
//! The article's exact list is not known (LEGAL-FACTS §1.4), so the information is a set of named
//! [`SECTIONS`], each in az, en and ru. The first version is the catalog's (the web layer words
//! it from the service's data; it is version 1 and is not stored). An official of the service's
//! competent body submits an updated version with a note of what changed; the operator publishes
//! it — it is the public text at once, under the next version number — or returns it with a
//! reason. Each step, its audit entry and the notices to the body's officials commit in one
//! transaction.
//!
//! Invariant: SQL only in `store.rs`.

mod store;

use std::collections::BTreeMap;

use pencere_core::{Lang, Timestamp};
use pencere_identity::{ActiveSession, RoleName};
use pencere_store::audit::{self, json_string};
use pencere_store::{Db, StoreError, Tx};

use crate::catalog::Service;
use crate::{CaseError, Engine, FieldError, Who};

/// The sections of the published information, in the order they are shown.
pub const SECTIONS: [&str; 7] =
    ["legal_basis", "conditions", "documents", "fee", "deadlines", "how_to_apply", "contacts"];

/// The longest text of one section in one language, in characters.
pub const MAX_SECTION_CHARS: usize = 4000;

/// The longest note of what changed, in characters.
pub const MAX_NOTE_CHARS: usize = 1000;

/// The catalog's version: the first, never stored.
pub const CATALOG_VERSION: i64 = 1;

/// The texts of every section in every language.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Texts(BTreeMap<String, BTreeMap<String, String>>);

impl Texts {
    /// The text of a section in a language (empty when missing).
    pub fn get(&self, section: &str, lang: Lang) -> &str {
        self.0.get(section).and_then(|texts| texts.get(lang.as_str())).map_or("", String::as_str)
    }

    /// Sets the text of a section in a language.
    pub fn set(&mut self, section: &str, lang: Lang, text: impl Into<String>) {
        self.0.entry(section.to_owned()).or_default().insert(lang.as_str().to_owned(), text.into());
    }

    fn to_json(&self) -> String {
        serde_json::to_string(&self.0).unwrap_or_else(|_| "{}".to_owned())
    }

    fn from_json(text: &str) -> Texts {
        Texts(serde_json::from_str(text).unwrap_or_default())
    }

    /// The name of a section's text field in a form: `{section}_{lang}`.
    pub fn field_name(section: &str, lang: Lang) -> String {
        format!("{section}_{}", lang.as_str())
    }

    /// Checks every section in every language and the note; each problem names its form field
    /// (`conditions_en`, `note`) and a code (`required`, `too-long`).
    pub fn check(&self, note: &str) -> Vec<FieldError> {
        let mut errors = Vec::new();
        for section in SECTIONS {
            for lang in Lang::ALL {
                let text = self.get(section, lang).trim();
                let code = if text.is_empty() {
                    Some("required")
                } else if text.chars().count() > MAX_SECTION_CHARS {
                    Some("too-long")
                } else {
                    None
                };
                if let Some(code) = code {
                    errors.push(FieldError { field: Texts::field_name(section, lang), code });
                }
            }
        }
        let note = note.trim();
        if note.is_empty() {
            errors.push(FieldError { field: "note".to_owned(), code: "required" });
        } else if note.chars().count() > MAX_NOTE_CHARS {
            errors.push(FieldError { field: "note".to_owned(), code: "too-long" });
        }
        errors
    }

    fn trimmed(&self) -> Texts {
        let mut clean = Texts::default();
        for section in SECTIONS {
            for lang in Lang::ALL {
                clean.set(section, lang, self.get(section, lang).trim());
            }
        }
        clean
    }
}

/// Where a version stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Awaiting the operator.
    Submitted,
    /// Published: the public text until a newer one is published.
    Published,
    /// Returned to the body with a reason.
    Returned,
}

impl Status {
    /// Its name in URLs and the API.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Submitted => "submitted",
            Status::Published => "published",
            Status::Returned => "returned",
        }
    }

    fn parse(text: &str) -> Status {
        match text {
            "published" => Status::Published,
            "returned" => Status::Returned,
            _ => Status::Submitted,
        }
    }
}

/// A version submitted by a licensing body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Version {
    /// Its id.
    pub id: String,
    /// The service (licence type).
    pub service: String,
    /// The submitting body's organization id.
    pub body_org_id: String,
    /// The texts.
    pub texts: Texts,
    /// What changed, in the submitter's words.
    pub note: String,
    /// The language the submitter used (the body's notices about it are in it).
    pub lang: Lang,
    /// Where it stands.
    pub status: Status,
    /// Who submitted it (user id) and their name.
    pub submitted_by: String,
    /// The submitter's name.
    pub submitter_name: String,
    /// When.
    pub submitted_at: Timestamp,
    /// Its number once published (from 2; the catalog's is 1).
    pub version: Option<i64>,
    /// When it was published or returned.
    pub decided_at: Option<Timestamp>,
    /// Why it was returned.
    pub return_reason: Option<String>,
}

fn version(row: store::VersionRow) -> Version {
    let (id, service, body, sections, note, lang, status, by, at, number, decided, reason, name) = row;
    Version {
        id,
        service,
        body_org_id: body,
        texts: Texts::from_json(&sections),
        note,
        lang: lang.parse().unwrap_or(Lang::Az),
        status: Status::parse(&status),
        submitted_by: by,
        submitter_name: name,
        submitted_at: Timestamp::from_micros(at),
        version: number,
        decided_at: decided.map(Timestamp::from_micros),
        return_reason: reason,
    }
}

impl Engine {
    /// Whether the caller may submit the information of a service: they act for its competent
    /// body and hold a role of its system there (`lic.head`, `lic.reviewer`, …).
    pub fn may_submit_information(&self, session: &ActiveSession, service: &Service) -> bool {
        let prefix = format!("{}.", service.system());
        session.acting_memberships().any(|membership| {
            membership.organization.code == service.competent_body && membership.role.as_str().starts_with(&prefix)
        })
    }

    fn information_service(&self, id: &str) -> Result<&Service, CaseError> {
        self.catalog.service(id).ok_or_else(|| CaseError::UnknownService(id.to_owned()))
    }

    /// The published versions of a service, the newest first (the catalog's version is not
    /// among them: it is the public text while this list is empty).
    pub async fn published_information(&self, db: &Db, service_id: &str) -> Result<Vec<Version>, CaseError> {
        let service = self.information_service(service_id)?;
        let mut tx = db.begin_read().await?;
        Ok(store::published(&mut tx, &service.id).await?.into_iter().map(version).collect())
    }

    /// The versions the caller's body submitted for a service, the newest first.
    pub async fn information_of_body(
        &self,
        db: &Db,
        session: &ActiveSession,
        service_id: &str,
    ) -> Result<Vec<Version>, CaseError> {
        let service = self.information_service(service_id)?;
        if !self.may_submit_information(session, service) {
            return Err(CaseError::Forbidden);
        }
        let body = session.acting_org_id.clone().unwrap_or_default();
        let mut tx = db.begin_read().await?;
        Ok(store::of_body(&mut tx, &service.id, &body).await?.into_iter().map(version).collect())
    }

    /// Every version awaiting the operator, the oldest first.
    pub async fn submitted_information(&self, db: &Db) -> Result<Vec<Version>, CaseError> {
        let mut tx = db.begin_read().await?;
        Ok(store::submitted(&mut tx).await?.into_iter().map(version).collect())
    }

    /// A body's official submits an updated version of a service's information, with a note of
    /// what changed (LIC-9.2.2). It is not public until the operator publishes it.
    #[allow(clippy::too_many_arguments, reason = "one call, each argument a distinct fact of the submission")]
    pub async fn submit_information(
        &self,
        db: &Db,
        who: Who<'_>,
        service_id: &str,
        texts: &Texts,
        note: &str,
        lang: Lang,
        now: Timestamp,
    ) -> Result<String, CaseError> {
        let service = self.information_service(service_id)?;
        if !self.may_submit_information(who.session, service) {
            return Err(CaseError::Forbidden);
        }
        let errors = texts.check(note);
        if !errors.is_empty() {
            return Err(CaseError::Invalid(errors));
        }
        let body = who.session.acting_org_id.clone().unwrap_or_default();
        let id = uuid::Uuid::now_v7().to_string();
        let mut tx = db.begin().await?;
        store::insert(
            &mut tx,
            &store::NewVersion {
                id: &id,
                service: &service.id,
                body_org_id: &body,
                sections: &texts.trimmed().to_json(),
                note: note.trim(),
                lang: lang.as_str(),
                submitted_by: &who.session.user.id,
                now,
            },
        )
        .await?;
        let details = format!("{{\"service\":{}}}", json_string(&service.id));
        audit::append(
            &mut tx,
            &audit::NewEntry {
                action: "publication.submit",
                record: Some(("service_information", &id)),
                subject_id: None,
                details: &details,
                ..who.session.entry(now, who.context)
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The operator publishes a submitted version: it becomes the public text at once, under the
    /// next version number; the body's officials are told (LIC-8.0.12). Returns the number.
    pub async fn publish_information(&self, db: &Db, who: Who<'_>, id: &str, now: Timestamp) -> Result<i64, CaseError> {
        if !who.session.has_role(RoleName::PLATFORM_ADMIN) {
            return Err(CaseError::Forbidden);
        }
        let mut tx = db.begin().await?;
        let row = store::by_id(&mut tx, id).await?.map(version).ok_or(CaseError::NotFound)?;
        let service = self.information_service(&row.service)?;
        if row.status != Status::Submitted {
            return Err(CaseError::NotPossible("publish".to_owned()));
        }
        let number = store::last_version(&mut tx, &service.id).await? + 1;
        match store::publish(&mut tx, id, number, &who.session.user.id, now).await {
            Ok(true) => {}
            Ok(false) | Err(StoreError::Conflict(_)) => return Err(CaseError::Conflict),
            Err(error) => return Err(error.into()),
        }
        let details = format!("{{\"service\":{},\"version\":{number}}}", json_string(&service.id));
        audit::append(
            &mut tx,
            &audit::NewEntry {
                action: "publication.publish",
                record: Some(("service_information", id)),
                subject_id: None,
                details: &details,
                ..who.session.entry(now, who.context)
            },
        )
        .await?;
        notify_body(&mut tx, service, &row, "information-published", number, "", now).await?;
        tx.commit().await?;
        Ok(number)
    }

    /// The operator returns a submitted version to the body with a reason; the body's officials
    /// are told.
    pub async fn return_information(
        &self,
        db: &Db,
        who: Who<'_>,
        id: &str,
        reason: &str,
        now: Timestamp,
    ) -> Result<(), CaseError> {
        if !who.session.has_role(RoleName::PLATFORM_ADMIN) {
            return Err(CaseError::Forbidden);
        }
        let reason = reason.trim();
        let mut tx = db.begin().await?;
        let row = store::by_id(&mut tx, id).await?.map(version).ok_or(CaseError::NotFound)?;
        let service = self.information_service(&row.service)?;
        if row.status != Status::Submitted {
            return Err(CaseError::NotPossible("return".to_owned()));
        }
        if reason.is_empty() {
            return Err(CaseError::ReasonRequired);
        }
        if !store::give_back(&mut tx, id, reason, &who.session.user.id, now).await? {
            return Err(CaseError::Conflict);
        }
        let details = format!("{{\"service\":{},\"reason\":{}}}", json_string(&service.id), json_string(reason));
        audit::append(
            &mut tx,
            &audit::NewEntry {
                action: "publication.return",
                record: Some(("service_information", id)),
                subject_id: None,
                details: &details,
                ..who.session.entry(now, who.context)
            },
        )
        .await?;
        notify_body(&mut tx, service, &row, "information-returned", 0, reason, now).await?;
        tx.commit().await?;
        Ok(())
    }
}

/// Tells every official of the submitting body (inbox and e-mail), in the submission's language.
async fn notify_body(
    tx: &mut Tx,
    service: &Service,
    row: &Version,
    template: &str,
    number: i64,
    reason: &str,
    now: Timestamp,
) -> Result<(), CaseError> {
    let lang = row.lang;
    for (user_id, email) in store::officials_of(tx, &row.body_org_id, service.system()).await? {
        let notice = pencere_notify::Notice {
            template,
            args: vec![
                ("service", service.name.get(lang).to_owned()),
                ("version", number.to_string()),
                ("reason", reason.to_owned()),
            ],
            case_id: None,
        };
        let recipient = pencere_notify::Recipient { user_id: &user_id, email: email.as_deref(), phone: None, lang };
        pencere_notify::notify(tx, &recipient, &notice, now).await?;
    }
    Ok(())
}

//! Documents a case issues — licences, refusals, administrative acts — signed by the acting
//! official (LIC-5.5, LIC-5.9, LIC-6.1, LIC-6.6).
//!
//! A transition that declares a `document` does not complete when the official takes it: the
//! document is rendered (through the system's [`Paperwork`]) and waits, visibly on both sides,
//! for the official's signature. The signature is a detached CMS over the exact bytes of the
//! PDF, made on the official's phone through the mobile signature service (the platform
//! prepares the signed attributes, the phone signs them) or by software that holds the key. The
//! transition, the signature, the timeline event, the audit entry and the notices commit
//! together when the signature arrives; a declined signature leaves the case where it was.
//! Anyone may verify a document by its code; an official of the issuing body may suspend,
//! reinstate or revoke it.

use pencere_core::calendar::Date;
use pencere_core::{Lang, Timestamp};
use pencere_store::Db;
use pencere_store::audit::{self, NewEntry, json_string};
use pencere_trust::{TrustError, TrustStore, cms};
use rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};

use crate::catalog::{RegistryAction, Service, Transition};
use crate::{ActorRef, CaseError, Engine, FormData, Who, store};

/// What a system's paperwork is asked to render.
#[derive(Clone, Copy, Debug)]
pub struct DocumentRequest<'a> {
    /// The document's template (`licence`, `refusal`).
    pub template: &'a str,
    /// The language of the case.
    pub lang: Lang,
    /// The verification code printed on it.
    pub code: &'a str,
    /// The case's registration number.
    pub number: &'a str,
    /// The service.
    pub service: &'a Service,
    /// The issuing body's name in the case's language.
    pub body: &'a str,
    /// The applicant's name.
    pub applicant: &'a str,
    /// The form's values.
    pub data: &'a FormData,
    /// The reasons, for reasoned acts.
    pub reason: Option<&'a str>,
    /// The date of issue (Baku).
    pub date: Date,
    /// The official who signs.
    pub official: &'a str,
    /// The number of the licence the document is or concerns, in the unified registry.
    pub licence: Option<&'a str>,
}

/// A rendered document.
#[derive(Clone, Debug)]
pub struct RenderedDocument {
    /// Its title, in the case's language.
    pub title: String,
    /// The PDF: the bytes the signature covers.
    pub pdf: Vec<u8>,
}

/// Renders a system's documents in the case's language.
pub trait Paperwork: Send + Sync {
    /// Renders one document; the error is a message for the log.
    fn render(&self, request: &DocumentRequest<'_>) -> Result<RenderedDocument, String>;
}

/// Where an issued document stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocumentStatus {
    /// Prepared; the official's signature is awaited.
    AwaitingSignature,
    /// The official declined to sign; the case stayed where it was.
    Declined,
    /// Signed and in force.
    Valid,
    /// Suspended by the issuing body.
    Suspended,
    /// Revoked by the issuing body.
    Revoked,
    /// Replaced by a newer document of the same kind.
    Superseded,
}

impl DocumentStatus {
    /// The stored name (also the Fluent key's suffix).
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentStatus::AwaitingSignature => "awaiting_signature",
            DocumentStatus::Declined => "declined",
            DocumentStatus::Valid => "valid",
            DocumentStatus::Suspended => "suspended",
            DocumentStatus::Revoked => "revoked",
            DocumentStatus::Superseded => "superseded",
        }
    }

    /// Reads a stored name.
    pub fn parse(text: &str) -> Option<DocumentStatus> {
        Some(match text {
            "awaiting_signature" => DocumentStatus::AwaitingSignature,
            "declined" => DocumentStatus::Declined,
            "valid" => DocumentStatus::Valid,
            "suspended" => DocumentStatus::Suspended,
            "revoked" => DocumentStatus::Revoked,
            "superseded" => DocumentStatus::Superseded,
            _ => return None,
        })
    }
}

/// A document a case issued (or is issuing).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IssuedDocument {
    /// Its id.
    pub id: String,
    /// The verification code.
    pub code: String,
    /// The case.
    pub case_id: String,
    /// The template.
    pub template: String,
    /// The transition it completes.
    pub transition: String,
    /// The reasons written with it.
    pub reason: Option<String>,
    /// Its language.
    pub lang: String,
    /// Its title.
    pub title: String,
    /// SHA-256 of the PDF, hexadecimal.
    pub sha256: String,
    /// Where it stands.
    pub status: DocumentStatus,
    /// The official who prepared it (and must sign it).
    pub prepared_by: String,
    /// When it was prepared.
    pub prepared_at: Timestamp,
    /// Who signed, as the certificate names them.
    pub signer_name: Option<String>,
    /// The signer certificate's serial.
    pub certificate_serial: Option<String>,
    /// When it was signed.
    pub signed_at: Option<Timestamp>,
    /// Why its status last changed.
    pub status_reason: Option<String>,
    /// When its status last changed.
    pub status_changed_at: Option<Timestamp>,
    /// The signature service's request, while the phone is asked.
    pub signature_request: Option<String>,
}

fn issued(row: store::IssuedRow) -> IssuedDocument {
    IssuedDocument {
        id: row.id,
        code: row.code,
        case_id: row.case_id,
        template: row.template,
        transition: row.transition,
        reason: row.reason,
        lang: row.lang,
        title: row.title,
        sha256: row.sha256,
        status: DocumentStatus::parse(&row.status).unwrap_or(DocumentStatus::Declined),
        prepared_by: row.prepared_by,
        prepared_at: Timestamp::from_micros(row.prepared_at),
        signer_name: row.signer_name,
        certificate_serial: row.certificate_serial,
        signed_at: row.signed_at.map(Timestamp::from_micros),
        status_reason: row.status_reason,
        status_changed_at: row.status_changed_at.map(Timestamp::from_micros),
        signature_request: row.signature_request,
    }
}

/// What `/verify/{code}` shows.
#[derive(Clone, Debug)]
pub struct Verification {
    /// The document.
    pub document: IssuedDocument,
    /// The issuing body's names in az, en, ru.
    pub body: [String; 3],
    /// The case's registration number.
    pub number: Option<String>,
    /// The signature checked now against the stored bytes: who signed and when, or why not.
    pub signature: Result<cms::Verified, TrustError>,
}

/// The characters of verification codes: no look-alikes (no I, O, 0, 1).
const CODE_ALPHABET: &str = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/// A verification code: twelve characters in three groups (`K7QP-3MZX-W9RT`), from an alphabet
/// without look-alikes.
pub fn new_code() -> String {
    const ALPHABET: &[u8] = CODE_ALPHABET.as_bytes();
    let mut bytes = [0_u8; 12];
    OsRng.fill_bytes(&mut bytes);
    let chars: Vec<char> = bytes.iter().map(|b| char::from(ALPHABET[usize::from(b % 32)])).collect();
    chars.chunks(4).map(|chunk| chunk.iter().collect::<String>()).collect::<Vec<_>>().join("-")
}

/// Whether a normalized code has the shape of a verification code.
pub fn is_code(code: &str) -> bool {
    code.len() == 14
        && code.split('-').count() == 3
        && code.split('-').all(|group| group.len() == 4 && group.chars().all(|c| CODE_ALPHABET.contains(c)))
}

/// Normalizes a typed code: upper case, dashes where they belong.
pub fn normalize_code(text: &str) -> String {
    let chars: Vec<char> = text.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_uppercase()).collect();
    chars.chunks(4).map(|chunk| chunk.iter().collect::<String>()).collect::<Vec<_>>().join("-")
}

impl Engine {
    /// Renders the transition's document and keeps it awaiting the official's signature.
    #[allow(clippy::too_many_arguments, reason = "the transition's whole context, passed once")]
    pub(crate) async fn prepare_document(
        &self,
        tx: &mut pencere_store::Tx,
        case: &store::CaseRow,
        service: &Service,
        transition: &Transition,
        template: &str,
        who: Who<'_>,
        reason: Option<&str>,
        now: Timestamp,
    ) -> Result<String, CaseError> {
        if !transition.from.contains(&case.state) {
            return Err(CaseError::NotPossible(transition.id.clone()));
        }
        let paperwork = self.paperwork.as_ref().ok_or(CaseError::NoPaperwork)?;
        let lang = case.lang.parse::<Lang>().unwrap_or(Lang::Az);
        let data: FormData = serde_json::from_str(&case.data).unwrap_or_default();
        let body = pencere_store::organizations::find_by_id(tx, &case.body_org_id)
            .await?
            .map(|body| body.name(lang).to_owned())
            .unwrap_or_default();
        let applicant =
            pencere_identity::find_user(tx, &case.applicant_id).await?.map(|user| user.full_name).unwrap_or_default();
        let code = new_code();
        let number = case.number.clone().unwrap_or_default();
        let licence = match transition.registry {
            Some(RegistryAction::Issue) => Some(self.reserve_licence_number(tx, case, service, &applicant, now).await?),
            Some(_) => self.target_entry(tx, service, case).await?.map(|entry| entry.number),
            None => None,
        };
        let request = DocumentRequest {
            template,
            lang,
            code: &code,
            number: &number,
            service,
            body: &body,
            applicant: &applicant,
            data: &data,
            reason,
            date: Date::in_baku(now),
            official: &who.session.user.full_name,
            licence: licence.as_deref(),
        };
        let rendered = paperwork.render(&request).map_err(CaseError::Render)?;
        let sha256 = hex(&Sha256::digest(&rendered.pdf));
        let id = uuid::Uuid::now_v7().to_string();
        let inserted = store::insert_issued(
            tx,
            &store::NewIssued {
                id: &id,
                code: &code,
                case_id: &case.id,
                template,
                transition: &transition.id,
                reason,
                lang: lang.as_str(),
                title: &rendered.title,
                sha256: &sha256,
                pdf: &rendered.pdf,
                prepared_by: &who.session.user.id,
                now,
            },
        )
        .await?;
        if !inserted {
            return Err(CaseError::Conflict);
        }
        store::insert_event(
            tx,
            &store::NewEvent {
                case_id: &case.id,
                at: now,
                kind: "document_prepared",
                from_state: None,
                to_state: None,
                actor_id: Some(&who.session.user.id),
                actor_org_id: who.session.acting_org_id.as_deref(),
                note: Some(&rendered.title),
            },
        )
        .await?;
        let details = format!("{{\"template\":{},\"code\":{}}}", json_string(template), json_string(&code));
        audit::append(
            tx,
            &NewEntry {
                action: "document.prepared",
                record: Some(("issued_document", &id)),
                subject_id: Some(&case.applicant_id),
                details: &details,
                ..who.session.entry(now, who.context)
            },
        )
        .await?;
        Ok(id)
    }

    /// A document the caller prepared and must sign (without its bytes).
    pub async fn document_to_sign(
        &self,
        db: &Db,
        who: Who<'_>,
        document_id: &str,
    ) -> Result<IssuedDocument, CaseError> {
        let mut tx = db.begin_read().await?;
        let document = store::issued_by_id(&mut tx, document_id).await?.map(issued).ok_or(CaseError::NotFound)?;
        if document.prepared_by != who.session.user.id {
            return Err(CaseError::NotFound);
        }
        Ok(document)
    }

    /// Prepares a remote signature: the signed attributes (naming `certificate`) the signer's
    /// device must sign, kept with the document until the answer comes back under `request`.
    pub async fn start_signing(
        &self,
        db: &Db,
        who: Who<'_>,
        document_id: &str,
        certificate: &x509_cert::Certificate,
        request: Option<&str>,
        now: Timestamp,
    ) -> Result<Vec<u8>, CaseError> {
        let document = self.document_to_sign(db, who, document_id).await?;
        if document.status != DocumentStatus::AwaitingSignature {
            return Err(CaseError::Conflict);
        }
        let mut tx = db.begin_read().await?;
        let (pdf, ..) = store::issued_bytes(&mut tx, document_id).await?.ok_or(CaseError::NotFound)?;
        drop(tx);
        let attributes =
            cms::signed_attributes(&pdf, certificate, now).map_err(|e| CaseError::Render(e.to_string()))?;
        let certificate = der::Encode::to_der(certificate).map_err(|e| CaseError::Render(e.to_string()))?;
        let mut tx = db.begin().await?;
        if !store::set_signing(&mut tx, document_id, &attributes, &certificate, request).await? {
            return Err(CaseError::Conflict);
        }
        tx.commit().await?;
        Ok(attributes)
    }

    /// Completes a remote signature with the signature the device made over the prepared
    /// signed attributes.
    pub async fn finish_signing(
        &self,
        db: &Db,
        who: Who<'_>,
        document_id: &str,
        signature: &[u8],
        trust: &TrustStore,
        now: Timestamp,
    ) -> Result<(), CaseError> {
        let mut tx = db.begin_read().await?;
        let (_, attributes, certificate, _) =
            store::issued_bytes(&mut tx, document_id).await?.ok_or(CaseError::NotFound)?;
        drop(tx);
        let (Some(attributes), Some(certificate)) = (attributes, certificate) else {
            return Err(CaseError::Conflict);
        };
        let certificate = pencere_trust::parse_certificate(&certificate).map_err(CaseError::Signature)?;
        let cms = cms::assemble(&attributes, &certificate, signature)
            .map_err(|_| CaseError::Signature(TrustError::BadSignature))?;
        self.complete_signature(db, who, document_id, &cms, trust, now).await
    }

    /// Completes a signature given as a detached CMS over the document's PDF: verifies it, checks
    /// that the certificate names the official who prepared the document (by FİN), records it
    /// and takes the waiting transition — all in one transaction.
    pub async fn complete_signature(
        &self,
        db: &Db,
        who: Who<'_>,
        document_id: &str,
        cms_der: &[u8],
        trust: &TrustStore,
        now: Timestamp,
    ) -> Result<(), CaseError> {
        let mut tx = db.begin().await?;
        let document = store::issued_by_id(&mut tx, document_id).await?.map(issued).ok_or(CaseError::NotFound)?;
        if document.prepared_by != who.session.user.id {
            return Err(CaseError::NotFound);
        }
        if document.status != DocumentStatus::AwaitingSignature {
            return Err(CaseError::Conflict);
        }
        let (pdf, ..) = store::issued_bytes(&mut tx, document_id).await?.ok_or(CaseError::NotFound)?;
        let verified = trust.verify_detached(cms_der, &pdf).map_err(CaseError::Signature)?;
        let fin = who.session.user.fin.as_ref().map(ToString::to_string);
        if fin.is_none() || verified.signer.serial_number != fin {
            return Err(CaseError::WrongSigner);
        }
        let signed = store::Signed {
            id: document_id,
            signature: cms_der,
            signer_name: &verified.signer.common_name,
            certificate_serial: &verified.signer.certificate_serial,
            signed_at: now,
        };
        if !store::set_signed(&mut tx, &signed).await? {
            return Err(CaseError::Conflict);
        }
        store::supersede(&mut tx, &document.case_id, &document.template, document_id, now).await?;
        let case = store::case_by_id(&mut tx, &document.case_id).await?.ok_or(CaseError::NotFound)?;
        let (service, workflow) = self.service(&case.service)?;
        let transition = workflow.transition(&document.transition).ok_or(CaseError::NotFound)?;
        let details = format!(
            "{{\"code\":{},\"certificate_serial\":{}}}",
            json_string(&document.code),
            json_string(&verified.signer.certificate_serial)
        );
        audit::append(
            &mut tx,
            &NewEntry {
                action: "document.signed",
                record: Some(("issued_document", document_id)),
                subject_id: Some(&case.applicant_id),
                details: &details,
                ..who.session.entry(now, who.context)
            },
        )
        .await?;
        let actor = ActorRef {
            user_id: Some(&who.session.user.id),
            label: &who.session.user.login,
            org_id: who.session.acting_org_id.as_deref(),
            context: *who.context,
        };
        self.apply(&mut tx, &case, service, workflow, transition, &actor, document.reason.as_deref(), now).await?;
        if let Some(action) = transition.registry {
            self.record_in_registry(&mut tx, service, action, &document, who, now).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The official declines to sign: the document is set aside and the case stays where it was.
    pub async fn decline_signature(
        &self,
        db: &Db,
        who: Who<'_>,
        document_id: &str,
        now: Timestamp,
    ) -> Result<(), CaseError> {
        let mut tx = db.begin().await?;
        let document = store::issued_by_id(&mut tx, document_id).await?.map(issued).ok_or(CaseError::NotFound)?;
        if document.prepared_by != who.session.user.id {
            return Err(CaseError::NotFound);
        }
        if !store::set_issued_status(&mut tx, document_id, &["awaiting_signature"], "declined", None, now).await? {
            return Err(CaseError::Conflict);
        }
        store::insert_event(
            &mut tx,
            &store::NewEvent {
                case_id: &document.case_id,
                at: now,
                kind: "signature_declined",
                from_state: None,
                to_state: None,
                actor_id: Some(&who.session.user.id),
                actor_org_id: who.session.acting_org_id.as_deref(),
                note: Some(&document.title),
            },
        )
        .await?;
        audit::append(
            &mut tx,
            &NewEntry {
                action: "document.declined",
                record: Some(("issued_document", document_id)),
                details: "{}",
                ..who.session.entry(now, who.context)
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The documents of a case, oldest first.
    pub(crate) async fn issued_documents(
        &self,
        tx: &mut pencere_store::Tx,
        case_id: &str,
    ) -> Result<Vec<IssuedDocument>, CaseError> {
        Ok(store::issued_of_case(tx, case_id).await?.into_iter().map(issued).collect())
    }

    /// A signed document's PDF and signature for its applicant or an official of the issuing
    /// body: `(document, pdf, signature)`.
    pub async fn issued_files(
        &self,
        db: &Db,
        who: Who<'_>,
        document_id: &str,
    ) -> Result<(IssuedDocument, Vec<u8>, Option<Vec<u8>>), CaseError> {
        let mut tx = db.begin_read().await?;
        let document = store::issued_by_id(&mut tx, document_id).await?.map(issued).ok_or(CaseError::NotFound)?;
        let case = store::case_by_id(&mut tx, &document.case_id).await?.ok_or(CaseError::NotFound)?;
        // The applicant sees the body's documents once signed, and their own confirmation
        // (LIC-5.3) while it waits for their signature too.
        let applicant_sees = case.applicant_id == who.session.user.id
            && (document.prepared_by == who.session.user.id
                || !matches!(document.status, DocumentStatus::AwaitingSignature | DocumentStatus::Declined));
        if !applicant_sees && !self.is_official_of(who.session, &case) {
            return Err(CaseError::NotFound);
        }
        let (pdf, _, _, signature) = store::issued_bytes(&mut tx, document_id).await?.ok_or(CaseError::NotFound)?;
        Ok((document, pdf, signature))
    }

    /// What anyone may learn of a document by its code: what it is, who signed it, whether the
    /// signature verifies now against the stored bytes, and its status. Documents not signed
    /// (awaiting or declined) are not found.
    pub async fn verify(&self, db: &Db, code: &str, trust: &TrustStore) -> Result<Option<Verification>, CaseError> {
        let mut tx = db.begin_read().await?;
        let Some(document) = store::issued_by_code(&mut tx, &normalize_code(code)).await?.map(issued) else {
            return Ok(None);
        };
        if matches!(document.status, DocumentStatus::AwaitingSignature | DocumentStatus::Declined) {
            return Ok(None);
        }
        let case = store::case_by_id(&mut tx, &document.case_id).await?.ok_or(CaseError::NotFound)?;
        let body = pencere_store::organizations::find_by_id(&mut tx, &case.body_org_id).await?;
        let body = body.map_or_else(Default::default, |body| {
            [body.name(Lang::Az).to_owned(), body.name(Lang::En).to_owned(), body.name(Lang::Ru).to_owned()]
        });
        let (pdf, _, _, signature) = store::issued_bytes(&mut tx, &document.id).await?.ok_or(CaseError::NotFound)?;
        let signature = match signature {
            Some(signature) => trust.verify_detached(&signature, &pdf),
            None => Err(TrustError::BadSignature),
        };
        Ok(Some(Verification { document, body, number: case.number, signature }))
    }
}

use pencere_core::hex;

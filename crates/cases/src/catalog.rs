//! The service catalog: every e-service and every workflow is a TOML file in its system's
//! `catalog/` folder (`services/*.toml`, `workflows/*.toml`), read and checked at start-up.
//! Adding a licence type is adding a file (LIC-2.0.8). A broken file stops start-up with an
//! error that names the file and the field.

use std::collections::{BTreeMap, BTreeSet};

use pencere_core::Lang;
use pencere_identity::LoginMethod;
use serde::Deserialize;

/// One catalog file, as built into the binary: its path in the system's catalog, and its text.
#[derive(Clone, Copy, Debug)]
pub struct CatalogSource {
    /// The file's path, with a `services` or `workflows` folder in it
    /// (`lic/catalog/services/fire-protection.toml`).
    pub path: &'static str,
    /// The TOML text.
    pub text: &'static str,
}

/// Why the catalog was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("catalog {file}: {field}: {reason}")]
pub struct CatalogError {
    /// The file.
    pub file: String,
    /// The field, dotted (`fields[2].kind`), or `-` for the whole file.
    pub field: String,
    /// What is wrong.
    pub reason: String,
}

pub(crate) fn error(file: &str, field: impl Into<String>, reason: impl Into<String>) -> CatalogError {
    CatalogError { file: file.to_owned(), field: field.into(), reason: reason.into() }
}

/// A text in az, en and ru.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Names {
    az: String,
    en: String,
    ru: String,
}

impl Names {
    /// The text in a language.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Az => &self.az,
            Lang::En => &self.en,
            Lang::Ru => &self.ru,
        }
    }

    fn check(&self, file: &str, field: &str) -> Result<(), CatalogError> {
        for (lang, text) in [("az", &self.az), ("en", &self.en), ("ru", &self.ru)] {
            if text.trim().is_empty() {
                return Err(error(file, format!("{field}.{lang}"), "must not be empty"));
            }
        }
        Ok(())
    }
}

/// What a form field holds, and so how it is checked.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    /// One line of text.
    Text,
    /// Several lines of text.
    LongText,
    /// A FİN.
    Fin,
    /// A VÖEN.
    Voen,
    /// A date, `YYYY-MM-DD`.
    Date,
    /// An e-mail address.
    Email,
    /// An Azerbaijani mobile number.
    Phone,
    /// A whole number.
    Number,
    /// One of the listed options.
    Choice,
    /// The verification code of a signed act issued to the applicant (`K7QP-3MZX-W9RT`), of one
    /// of the kinds the field lists: checked against the issued documents when submitted.
    Act,
    /// The number of a licence in the unified registry that the applicant (or the organization
    /// they act for) holds, in force: checked against the registry when submitted. The
    /// re-issue, duplicate and annex of a licence act on the licence it names.
    Licence,
}

/// Where a field's value is taken from before the applicant sees the form (LIC-4.2).
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
pub enum Prefill {
    /// The applicant's full name.
    #[serde(rename = "applicant.full_name")]
    ApplicantName,
    /// The applicant's FİN.
    #[serde(rename = "applicant.fin")]
    ApplicantFin,
    /// The applicant's e-mail address.
    #[serde(rename = "applicant.email")]
    ApplicantEmail,
    /// The applicant's mobile number.
    #[serde(rename = "applicant.phone")]
    ApplicantPhone,
    /// The name of the organization the applicant acts for.
    #[serde(rename = "organization.name")]
    OrganizationName,
    /// The VÖEN of the organization the applicant acts for.
    #[serde(rename = "organization.voen")]
    OrganizationVoen,
    /// The registered name of the organization the applicant acts for, from the tax register
    /// through EHİS.
    #[serde(rename = "ehis.taxpayer.name")]
    TaxpayerName,
    /// The legal address of the organization the applicant acts for, from the tax register
    /// through EHİS.
    #[serde(rename = "ehis.taxpayer.legal_address")]
    TaxpayerLegalAddress,
    /// The applicant's registered address, from the civil registry through EHİS.
    #[serde(rename = "ehis.person.registered_address")]
    PersonAddress,
    /// The day of the state (tax) registration of the organization the applicant acts for, from
    /// the tax register through EHİS (TOB-4.2.1.2).
    #[serde(rename = "ehis.taxpayer.registered_on")]
    TaxpayerRegisteredOn,
    /// The addresses of the objects registered with the tax authority by the organization the
    /// applicant acts for, one a line, through EHİS (TOB-4.2.1.4).
    #[serde(rename = "ehis.tax_objects.addresses")]
    TaxObjectAddresses,
    /// Since when the organization has carried on production in Azerbaijan: the day its first
    /// production object was registered with the tax authority, through EHİS (TOB-4.2.1.5).
    #[serde(rename = "ehis.tax_objects.production_since")]
    ProductionSince,
}

impl Prefill {
    /// Whether the value comes from another state system through the exchange (filled by the
    /// layer that holds the gateway), rather than from the platform's own records.
    pub fn through_exchange(self) -> bool {
        matches!(
            self,
            Prefill::TaxpayerName
                | Prefill::TaxpayerLegalAddress
                | Prefill::PersonAddress
                | Prefill::TaxpayerRegisteredOn
                | Prefill::TaxObjectAddresses
                | Prefill::ProductionSince
        )
    }
}

/// An option of a choice field.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// The stored value.
    pub value: String,
    /// What the applicant reads.
    pub label: Names,
}

/// A field of the application form.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// Its id (`activity_address`).
    pub id: String,
    /// What it holds.
    pub kind: FieldKind,
    /// Its label.
    pub label: Names,
    /// A hint under the label.
    #[serde(default)]
    pub hint: Option<Names>,
    /// Whether submission needs it.
    #[serde(default)]
    pub required: bool,
    /// The longest value accepted, in characters.
    #[serde(default)]
    pub max_length: Option<usize>,
    /// The options of a choice field.
    #[serde(default)]
    pub options: Vec<Choice>,
    /// Where the value comes from.
    #[serde(default)]
    pub prefill: Option<Prefill>,
    /// For `act` fields: the kinds of signed act (document templates) the value may name.
    #[serde(default)]
    pub acts: Vec<String>,
    /// For an `act` or `licence` field: the case goes to the body that issued the act or the
    /// licence rather than to the service's competent body (a complaint is decided by the body
    /// whose act it contests, a re-issue by the body that issued the licence).
    #[serde(default)]
    pub routes: bool,
    /// Restricted-access information: only the roles the service clears for this kind see the
    /// value (and the applicant, whose it is).
    #[serde(default)]
    pub restricted: Option<Restriction>,
    /// The value is recorded in the registry entry the case makes, and shown wherever the
    /// entry is (the public registry, its extract, the feeds): e.g. the registered activity.
    #[serde(default)]
    pub registry: bool,
}

impl Field {
    /// The longest value accepted.
    pub fn max_chars(&self) -> usize {
        self.max_length.unwrap_or(match self.kind {
            FieldKind::LongText => 4000,
            _ => 300,
        })
    }
}

/// A document the applicant attaches.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct DocumentSlot {
    /// Its id (`ownership`).
    pub id: String,
    /// What it is.
    pub name: Names,
    /// Whether submission needs it.
    #[serde(default)]
    pub required: bool,
    /// Restricted-access information: only the roles the service clears for this kind see the
    /// document (and the applicant, whose it is).
    #[serde(default)]
    pub restricted: Option<Restriction>,
}

/// A kind of restricted-access information (LIC-8.0.11): shown only to the roles a service
/// clears for it, in its `[clearances]`.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum Restriction {
    /// Health and medical-examination data.
    Medical,
    /// Criminal records.
    CriminalRecord,
    /// A commercial secret.
    CommercialSecret,
    /// A tax secret.
    TaxSecret,
}

impl Restriction {
    /// The kind as catalogs and messages name it (`commercial-secret`).
    pub fn as_str(self) -> &'static str {
        match self {
            Restriction::Medical => "medical",
            Restriction::CriminalRecord => "criminal-record",
            Restriction::CommercialSecret => "commercial-secret",
            Restriction::TaxSecret => "tax-secret",
        }
    }
}

/// The state duty or fee.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Fee {
    /// The amount in manat, as written in the law (`"1800.00"`).
    pub amount: String,
    /// Where the figure comes from.
    pub law: String,
    /// Whether the figure was checked against the law's text.
    pub verified: bool,
    /// Who receives it, as the payment order names them.
    pub beneficiary: String,
}

/// Whether a deadline counts working days or calendar days.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum DayUnit {
    /// Working days on the Azerbaijani calendar.
    Working,
    /// Calendar days, ending on a working day (Civil Code 370.2).
    Calendar,
}

/// What happens when a deadline passes.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Expiry {
    /// The case is flagged overdue for the officials and their supervisors.
    Flag,
    /// The case moves on by itself through the rule's `transition`.
    Transition,
}

/// A legal deadline of a service.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Deadline {
    /// How many days.
    pub days: u32,
    /// Working or calendar days.
    pub unit: DayUnit,
    /// The article it comes from.
    pub law: String,
    /// Whether the figure was checked against the law's text (LEGAL-FACTS marks it).
    pub verified: bool,
    /// What happens at expiry.
    pub on_expiry: Expiry,
    /// The system transition taken at expiry, when `on_expiry = "transition"`.
    #[serde(default)]
    pub transition: Option<String>,
    /// What the deadline is for, shown to both sides.
    pub name: Names,
}

/// An opinion (consent) the competent body asks of another body before deciding (LIC-5.6).
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct OpinionRule {
    /// The organization (code) asked.
    pub body: String,
    /// The role its officials need to answer (`lic.opinion`).
    pub role: String,
    /// What is asked.
    pub name: Names,
}

/// The texts of the published information (Law art. 12.2, LIC-7.4) that the catalog's structured
/// data cannot give; the first published version takes them from here.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Information {
    /// The licence conditions and requirements.
    #[serde(default)]
    pub conditions: Option<Names>,
    /// The issuing body's contacts.
    #[serde(default)]
    pub contacts: Option<Names>,
}

/// An e-service.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Service {
    /// Its id, starting with the system's code (`lic.fire-protection`).
    pub id: String,
    /// Its name.
    pub name: Names,
    /// A paragraph on what it is.
    pub summary: Names,
    /// The organization (code) that decides.
    pub competent_body: String,
    /// The first part of registration numbers (`LIC`).
    pub number_prefix: String,
    /// The workflow it follows.
    pub workflow: String,
    /// The legal basis.
    pub law: String,
    /// The fee, if any.
    #[serde(default)]
    pub fee: Option<Fee>,
    /// The form.
    #[serde(default)]
    pub fields: Vec<Field>,
    /// The documents.
    #[serde(default)]
    pub documents: Vec<DocumentSlot>,
    /// The legal deadlines, by name.
    #[serde(default)]
    pub deadlines: BTreeMap<String, Deadline>,
    /// The opinions asked of other bodies when the workflow says so.
    #[serde(default)]
    pub opinions: Vec<OpinionRule>,
    /// The bodies that receive every act on the licences of this service in real time, by code
    /// (the tax authority's feed, LIC-6.3).
    #[serde(default)]
    pub report_to: Vec<String>,
    /// The supervisory body of the licensed activity, by code: it receives the acts in real time
    /// (LIC-6.4) and may move to suspend or revoke a licence (LIC-6.5).
    #[serde(default)]
    pub supervisor: Option<String>,
    /// The first texts of the published information that are not in the fields above.
    #[serde(default)]
    pub information: Information,
    /// Which roles (of the service's system, held in the body a viewer acts for) may see each
    /// kind of restricted information in its fields and documents; a kind not listed is seen
    /// by no official.
    #[serde(default)]
    pub clearances: BTreeMap<Restriction, Vec<String>>,
    /// The login methods accepted to draft, submit and act on its applications, as written
    /// (`login = ["esign"]`); none: any method.
    #[serde(default, rename = "login")]
    login_names: Vec<String>,
    /// The same, checked when the catalog is read.
    #[serde(skip)]
    login: Vec<LoginMethod>,
    #[serde(skip)]
    file: String,
}

impl Service {
    /// The system the service belongs to (`lic`).
    pub fn system(&self) -> &str {
        self.id.split('.').next().unwrap_or_default()
    }

    /// The catalog file it was read from.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// The login methods its applications require (LIC-3.8: the enhanced e-signature for
    /// licence and permit actions); empty when any method will do.
    pub fn login(&self) -> &[LoginMethod] {
        &self.login
    }

    /// A field by id.
    pub fn field(&self, id: &str) -> Option<&Field> {
        self.fields.iter().find(|field| field.id == id)
    }
}

/// What a state means for the applicant when the case ends there.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The request was granted.
    Granted,
    /// It was refused.
    Refused,
    /// It was left unconsidered.
    Unconsidered,
    /// The applicant withdrew it.
    Withdrawn,
}

/// A state of a workflow.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct State {
    /// Its id.
    pub id: String,
    /// What the applicant and the official read.
    pub name: Names,
    /// How the case ended, for final states.
    #[serde(default)]
    pub outcome: Option<Outcome>,
    /// Whether the applicant is the one expected to act.
    #[serde(default)]
    pub awaits_applicant: bool,
}

/// Who may take a transition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Actor {
    /// The applicant, on their own case.
    Applicant,
    /// The platform itself (timers).
    System,
    /// An official of the competent body holding this role.
    Role(String),
}

impl<'de> Deserialize<'de> for Actor {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Ok(match text.as_str() {
            "applicant" => Actor::Applicant,
            "system" => Actor::System,
            _ => Actor::Role(text),
        })
    }
}

/// A transition of a workflow, with its effects on the deadlines.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Transition {
    /// Its id.
    pub id: String,
    /// What the button says.
    pub name: Names,
    /// The states it leaves.
    pub from: Vec<String>,
    /// The state it enters.
    pub to: String,
    /// Who may take it.
    pub by: Actor,
    /// Whether a reason must be written (refusals, deficiency notices).
    #[serde(default)]
    pub reason: bool,
    /// The notice sent to the applicant (a template), if any.
    #[serde(default)]
    pub notice: Option<String>,
    /// Deadlines started (or started again).
    #[serde(default)]
    pub start: Vec<String>,
    /// Deadlines paused (their remaining days are kept).
    #[serde(default)]
    pub pause: Vec<String>,
    /// Paused deadlines continued with their remaining days.
    #[serde(default)]
    pub resume: Vec<String>,
    /// Deadlines met and closed.
    #[serde(default)]
    pub meet: Vec<String>,
    /// Whether taking it asks the service's `opinions` of their bodies.
    #[serde(default)]
    pub request_opinions: bool,
    /// Whether taking it writes a payment order for the service's fee (LIC-5.10).
    #[serde(default)]
    pub request_payment: bool,
    /// The document it issues (a template of the system, e.g. `licence`, `refusal`): taking it
    /// renders the document, and the transition completes only when the official has signed it.
    #[serde(default)]
    pub document: Option<String>,
    /// What it writes in the unified registry when it completes (it must issue a signed document).
    #[serde(default)]
    pub registry: Option<RegistryAction>,
}

/// What a transition writes in the unified registry of licences and permits.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum RegistryAction {
    /// Enters the licence under a number reserved when its document was prepared.
    Issue,
    /// Suspends it.
    Suspend,
    /// Restores a suspended licence.
    Restore,
    /// Revokes it.
    Revoke,
    /// Re-issues (re-formalises) the licence the case names: the new licence replaces the old
    /// one under the same number, with the holder's data as the application gives them.
    Reissue,
    /// Issues a duplicate of the licence the case names, which replaces the original.
    Duplicate,
    /// Issues an annex to the licence the case names, in force beside it.
    Annex,
}

impl RegistryAction {
    /// Whether the document it signs is itself the licence (the first, a re-issued one, or a
    /// duplicate), rather than an act about it or an annex.
    pub fn is_licence(self) -> bool {
        matches!(self, RegistryAction::Issue | RegistryAction::Reissue | RegistryAction::Duplicate)
    }

    /// The event it records (`issued`, `suspended`, …).
    pub fn event(self) -> &'static str {
        match self {
            RegistryAction::Issue => "issued",
            RegistryAction::Suspend => "suspended",
            RegistryAction::Restore => "restored",
            RegistryAction::Revoke => "revoked",
            RegistryAction::Reissue => "reissued",
            RegistryAction::Duplicate => "duplicated",
            RegistryAction::Annex => "annexed",
        }
    }
}

/// A workflow: states and transitions.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Workflow {
    /// Its id.
    pub id: String,
    /// The state a case enters when it is registered.
    pub submitted: String,
    /// The notice sent on registration.
    pub registered_notice: String,
    /// The deadlines started on registration.
    #[serde(default)]
    pub start: Vec<String>,
    /// The system transition taken by itself when the last opinion asked is answered.
    #[serde(default)]
    pub opinions_answered: Option<String>,
    /// The system transition taken by itself when the fee is paid (LIC-5.12).
    #[serde(default)]
    pub paid: Option<String>,
    /// The states.
    pub states: Vec<State>,
    /// The transitions.
    pub transitions: Vec<Transition>,
}

impl Workflow {
    /// A state by id.
    pub fn state(&self, id: &str) -> Option<&State> {
        self.states.iter().find(|state| state.id == id)
    }

    /// A transition by id.
    pub fn transition(&self, id: &str) -> Option<&Transition> {
        self.transitions.iter().find(|transition| transition.id == id)
    }

    /// Whether the state ends the case.
    pub fn is_final(&self, state: &str) -> bool {
        self.state(state).is_some_and(|state| state.outcome.is_some())
    }

    /// The transitions out of a state.
    pub fn from_state<'a>(&'a self, state: &'a str) -> impl Iterator<Item = &'a Transition> + 'a {
        self.transitions.iter().filter(move |transition| transition.from.iter().any(|from| from == state))
    }
}

/// The whole catalog.
#[derive(Clone, Debug, Default)]
pub struct Catalog {
    services: Vec<Service>,
    workflows: BTreeMap<String, Workflow>,
}

/// The state a case is in before submission.
pub const DRAFT: &str = "draft";

impl Catalog {
    /// Reads and checks catalog files. Workflows may be shared between systems; service ids are
    /// unique.
    pub fn load(sources: &[CatalogSource]) -> Result<Catalog, CatalogError> {
        let mut catalog = Catalog::default();
        let mut workflow_files = BTreeMap::new();
        for source in sources.iter().filter(|source| in_folder(source, "workflows")) {
            let workflow: Workflow = parse(source)?;
            check_workflow(source.path, &workflow)?;
            if let Some(previous) = workflow_files.insert(workflow.id.clone(), source.path) {
                return Err(error(
                    source.path,
                    "id",
                    format!("workflow {} is also defined in {previous}", workflow.id),
                ));
            }
            catalog.workflows.insert(workflow.id.clone(), workflow);
        }
        for source in sources {
            if in_folder(source, "workflows") {
                continue;
            }
            if !in_folder(source, "services") {
                return Err(error(source.path, "-", "catalog files live under services/ or workflows/"));
            }
            let mut service: Service = parse(source)?;
            service.file = source.path.to_owned();
            service.login = login_methods(source.path, &service.login_names)?;
            let workflow = catalog
                .workflows
                .get(&service.workflow)
                .ok_or_else(|| error(source.path, "workflow", format!("no workflow {}", service.workflow)))?;
            check_service(source.path, &service, workflow)?;
            if let Some(other) = catalog.services.iter().find(|other| other.id == service.id) {
                return Err(error(
                    source.path,
                    "id",
                    format!("service {} is also defined in {}", service.id, other.file),
                ));
            }
            catalog.services.push(service);
        }
        catalog.services.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(catalog)
    }

    /// Every service.
    pub fn services(&self) -> &[Service] {
        &self.services
    }

    /// The services of a system.
    pub fn services_of<'a>(&'a self, system: &'a str) -> impl Iterator<Item = &'a Service> + 'a {
        self.services.iter().filter(move |service| service.system() == system)
    }

    /// A service by id.
    pub fn service(&self, id: &str) -> Option<&Service> {
        self.services.iter().find(|service| service.id == id)
    }

    /// A workflow by id.
    pub fn workflow(&self, id: &str) -> Option<&Workflow> {
        self.workflows.get(id)
    }

    /// Every workflow.
    pub fn workflows(&self) -> impl Iterator<Item = &Workflow> {
        self.workflows.values()
    }

    /// The service and its workflow.
    pub fn service_and_workflow(&self, id: &str) -> Option<(&Service, &Workflow)> {
        let service = self.service(id)?;
        Some((service, self.workflows.get(&service.workflow)?))
    }
}

fn in_folder(source: &CatalogSource, folder: &str) -> bool {
    source.path.split('/').rev().skip(1).any(|part| part == folder)
}

pub(crate) fn parse<T: for<'de> Deserialize<'de>>(source: &CatalogSource) -> Result<T, CatalogError> {
    toml::from_str(source.text).map_err(|parse_error| {
        let field = parse_error
            .span()
            .map(|span| {
                let line = source.text[..span.start.min(source.text.len())].lines().count().max(1);
                format!("line {line}")
            })
            .unwrap_or_else(|| "-".to_owned());
        error(source.path, field, parse_error.message().to_owned())
    })
}

fn check_id(file: &str, field: &str, id: &str) -> Result<(), CatalogError> {
    let ok = !id.is_empty()
        && id.len() <= 64
        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-' || c == '.');
    if ok { Ok(()) } else { Err(error(file, field, format!("{id:?} is not an id (a-z, 0-9, _ - .)"))) }
}

fn check_workflow(file: &str, workflow: &Workflow) -> Result<(), CatalogError> {
    check_id(file, "id", &workflow.id)?;
    let mut states = BTreeSet::new();
    for (index, state) in workflow.states.iter().enumerate() {
        let field = format!("states[{index}]");
        check_id(file, &format!("{field}.id"), &state.id)?;
        if state.id == DRAFT {
            return Err(error(file, format!("{field}.id"), "draft is the platform's state before submission"));
        }
        state.name.check(file, &format!("{field}.name"))?;
        if !states.insert(state.id.as_str()) {
            return Err(error(file, format!("{field}.id"), format!("state {} is defined twice", state.id)));
        }
    }
    if !states.contains(workflow.submitted.as_str()) {
        return Err(error(file, "submitted", format!("no state {}", workflow.submitted)));
    }
    let mut ids = BTreeSet::new();
    for (index, transition) in workflow.transitions.iter().enumerate() {
        let field = format!("transitions[{index}]");
        check_id(file, &format!("{field}.id"), &transition.id)?;
        transition.name.check(file, &format!("{field}.name"))?;
        if !ids.insert(transition.id.as_str()) {
            return Err(error(file, format!("{field}.id"), format!("transition {} is defined twice", transition.id)));
        }
        if transition.from.is_empty() {
            return Err(error(file, format!("{field}.from"), "names no state"));
        }
        for from in &transition.from {
            if !states.contains(from.as_str()) {
                return Err(error(file, format!("{field}.from"), format!("no state {from}")));
            }
            // A decided case changes afterwards only by an official's signed act (a licence's
            // suspension, restoration or revocation, LIC-6.6).
            let act = matches!(transition.by, Actor::Role(_)) && transition.document.is_some();
            if workflow.is_final(from) && !act {
                return Err(error(
                    file,
                    format!("{field}.from"),
                    format!("{from} is final; only an official's signed act leaves it"),
                ));
            }
        }
        if !states.contains(transition.to.as_str()) {
            return Err(error(file, format!("{field}.to"), format!("no state {}", transition.to)));
        }
        if let Actor::Role(role) = &transition.by {
            let ok = role.split_once('.').is_some_and(|(system, name)| !system.is_empty() && !name.is_empty());
            if !ok {
                return Err(error(
                    file,
                    format!("{field}.by"),
                    format!("{role:?} is neither applicant, system nor a role like lic.reviewer"),
                ));
            }
        }
    }
    let asks = workflow.transitions.iter().any(|transition| transition.request_opinions);
    match (&workflow.opinions_answered, asks) {
        (Some(id), true) => match workflow.transition(id) {
            Some(transition) if transition.by == Actor::System => {}
            _ => return Err(error(file, "opinions_answered", format!("{id} is not a transition taken by the system"))),
        },
        (None, true) => {
            return Err(error(
                file,
                "opinions_answered",
                "a transition asks for opinions: name the one taken when all are in",
            ));
        }
        (Some(_), false) => return Err(error(file, "opinions_answered", "no transition asks for opinions")),
        (None, false) => {}
    }
    let bills = workflow.transitions.iter().any(|transition| transition.request_payment);
    match (&workflow.paid, bills) {
        (Some(id), true) => match workflow.transition(id) {
            Some(transition) if transition.by == Actor::System => {}
            _ => return Err(error(file, "paid", format!("{id} is not a transition taken by the system"))),
        },
        (None, true) => {
            return Err(error(file, "paid", "a transition asks for payment: name the one taken when it is paid"));
        }
        (Some(_), false) => return Err(error(file, "paid", "no transition asks for payment")),
        (None, false) => {}
    }
    for (index, transition) in workflow.transitions.iter().enumerate() {
        if transition.registry.is_some() && transition.document.is_none() {
            return Err(error(
                file,
                format!("transitions[{index}].registry"),
                "the registry changes only by a signed act: the transition must issue a document",
            ));
        }
        // A signed document needs a signer: an official, or the applicant confirming their own
        // step (LIC-5.3); the platform's timers sign nothing.
        if transition.document.is_some() && transition.by == Actor::System {
            return Err(error(
                file,
                format!("transitions[{index}].document"),
                "a signed document needs a signer: the transition must be taken by a role or the applicant",
            ));
        }
        if transition.registry.is_some() && !matches!(transition.by, Actor::Role(_)) {
            return Err(error(
                file,
                format!("transitions[{index}].registry"),
                "the registry changes only by an official's act: the transition must be taken by a role",
            ));
        }
    }
    for state in &workflow.states {
        if state.outcome.is_none() && workflow.from_state(&state.id).next().is_none() {
            return Err(error(file, "states", format!("state {} is not final and nothing leaves it", state.id)));
        }
    }
    Ok(())
}

fn login_methods(file: &str, names: &[String]) -> Result<Vec<LoginMethod>, CatalogError> {
    let mut methods = Vec::new();
    for (index, name) in names.iter().enumerate() {
        let method: LoginMethod =
            name.parse().map_err(|reason: String| error(file, format!("login[{index}]"), reason))?;
        if methods.contains(&method) {
            return Err(error(file, format!("login[{index}]"), format!("{method} is listed twice")));
        }
        methods.push(method);
    }
    Ok(methods)
}

fn check_service(file: &str, service: &Service, workflow: &Workflow) -> Result<(), CatalogError> {
    check_id(file, "id", &service.id)?;
    if !service.id.contains('.') {
        return Err(error(file, "id", "starts with the system's code and a dot (lic.fire-protection)"));
    }
    service.name.check(file, "name")?;
    service.summary.check(file, "summary")?;
    check_id(file, "competent_body", &service.competent_body)?;
    let prefix_ok = !service.number_prefix.is_empty()
        && service.number_prefix.len() <= 8
        && service.number_prefix.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    if !prefix_ok {
        return Err(error(file, "number_prefix", "one to eight capital letters or digits"));
    }
    if service.law.trim().is_empty() {
        return Err(error(file, "law", "must name the legal basis"));
    }
    if let Some(fee) = &service.fee {
        let ok = fee.amount.split_once('.').is_some_and(|(whole, cents)| {
            !whole.is_empty()
                && whole.chars().all(|c| c.is_ascii_digit())
                && cents.len() == 2
                && cents.chars().all(|c| c.is_ascii_digit())
        });
        if !ok {
            return Err(error(file, "fee.amount", "write manat with two decimals, e.g. \"1800.00\""));
        }
        if fee.law.trim().is_empty() {
            return Err(error(file, "fee.law", "must name where the figure comes from"));
        }
        if fee.beneficiary.trim().is_empty() {
            return Err(error(file, "fee.beneficiary", "must name who receives the payment"));
        }
    }
    if service.fee.is_none() && workflow.transitions.iter().any(|transition| transition.request_payment) {
        return Err(error(file, "fee", "the workflow asks for payment, so the service must state its fee"));
    }
    let mut ids = BTreeSet::new();
    for (index, field) in service.fields.iter().enumerate() {
        let name = format!("fields[{index}]");
        check_id(file, &format!("{name}.id"), &field.id)?;
        field.label.check(file, &format!("{name}.label"))?;
        if !ids.insert(field.id.as_str()) {
            return Err(error(file, format!("{name}.id"), format!("field {} is defined twice", field.id)));
        }
        if (field.kind == FieldKind::Choice) == field.options.is_empty() {
            return Err(error(file, format!("{name}.options"), "choice fields, and only they, list options"));
        }
        for (option_index, option) in field.options.iter().enumerate() {
            option.label.check(file, &format!("{name}.options[{option_index}].label"))?;
        }
        if field.max_length == Some(0) {
            return Err(error(file, format!("{name}.max_length"), "must be at least 1"));
        }
        if (field.kind == FieldKind::Act) == field.acts.is_empty() {
            return Err(error(file, format!("{name}.acts"), "act fields, and only they, list the acts they may name"));
        }
        if field.routes && !matches!(field.kind, FieldKind::Act | FieldKind::Licence) {
            return Err(error(file, format!("{name}.routes"), "only an act or a licence field can route the case"));
        }
    }
    for (kind, roles) in &service.clearances {
        for role in roles {
            if !role.strip_prefix(service.system()).is_some_and(|rest| rest.starts_with('.') && rest.len() > 1) {
                return Err(error(
                    file,
                    format!("clearances.{}", kind.as_str()),
                    format!("{role} is not a role of the {} system", service.system()),
                ));
            }
        }
    }
    if service.fields.iter().filter(|field| field.routes).count() > 1 {
        return Err(error(file, "fields", "at most one field routes the case"));
    }
    let licence_fields = service.fields.iter().filter(|field| field.kind == FieldKind::Licence).count();
    let acts_on_a_licence = workflow.transitions.iter().any(|transition| {
        matches!(transition.registry, Some(RegistryAction::Reissue | RegistryAction::Duplicate | RegistryAction::Annex))
    });
    if acts_on_a_licence && licence_fields != 1 {
        return Err(error(
            file,
            "fields",
            "the workflow re-issues, duplicates or annexes a licence, so the service names it in one licence field",
        ));
    }
    if licence_fields > 1 {
        return Err(error(file, "fields", "at most one licence field"));
    }
    for (index, document) in service.documents.iter().enumerate() {
        let name = format!("documents[{index}]");
        check_id(file, &format!("{name}.id"), &document.id)?;
        document.name.check(file, &format!("{name}.name"))?;
        if !ids.insert(document.id.as_str()) {
            return Err(error(file, format!("{name}.id"), format!("{} is already a field or document", document.id)));
        }
    }
    for (name, deadline) in &service.deadlines {
        let field = format!("deadlines.{name}");
        check_id(file, &field, name)?;
        deadline.name.check(file, &format!("{field}.name"))?;
        if deadline.days == 0 {
            return Err(error(file, format!("{field}.days"), "must be at least 1"));
        }
        if deadline.law.trim().is_empty() {
            return Err(error(file, format!("{field}.law"), "must name the article it comes from"));
        }
        match (deadline.on_expiry, &deadline.transition) {
            (Expiry::Flag, None) => {}
            (Expiry::Flag, Some(_)) => {
                return Err(error(file, format!("{field}.transition"), "only with on_expiry = \"transition\""));
            }
            (Expiry::Transition, None) => {
                return Err(error(file, format!("{field}.transition"), "on_expiry = \"transition\" needs one"));
            }
            (Expiry::Transition, Some(id)) => match workflow.transition(id) {
                Some(transition) if transition.by == Actor::System => {}
                Some(_) => {
                    return Err(error(file, format!("{field}.transition"), format!("{id} is not taken by the system")));
                }
                None => {
                    return Err(error(
                        file,
                        format!("{field}.transition"),
                        format!("workflow {} has no transition {id}", workflow.id),
                    ));
                }
            },
        }
    }
    for (index, opinion) in service.opinions.iter().enumerate() {
        let field = format!("opinions[{index}]");
        check_id(file, &format!("{field}.body"), &opinion.body)?;
        opinion.name.check(file, &format!("{field}.name"))?;
        if opinion.body == service.competent_body {
            return Err(error(file, format!("{field}.body"), "the competent body does not ask itself"));
        }
        if !opinion.role.contains('.') {
            return Err(error(file, format!("{field}.role"), "a role like lic.opinion"));
        }
    }
    if let Some(conditions) = &service.information.conditions {
        conditions.check(file, "information.conditions")?;
    }
    if let Some(contacts) = &service.information.contacts {
        contacts.check(file, "information.contacts")?;
    }
    let known = |name: &String| service.deadlines.contains_key(name);
    for name in &workflow.start {
        if !known(name) {
            return Err(error(file, "deadlines", format!("workflow {} starts deadline {name}", workflow.id)));
        }
    }
    for transition in &workflow.transitions {
        for name in transition.start.iter().chain(&transition.pause).chain(&transition.resume).chain(&transition.meet) {
            if !known(name) {
                return Err(error(
                    file,
                    "deadlines",
                    format!("workflow {} transition {} uses deadline {name}", workflow.id, transition.id),
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const WORKFLOW: &str = r#"
id = "simple"
submitted = "registered"
registered_notice = "case-registered"
start = ["review"]

[[states]]
id = "registered"
name = { az = "Qeydə alınıb", en = "Registered", ru = "Зарегистрировано" }

[[states]]
id = "granted"
outcome = "granted"
name = { az = "Verilib", en = "Granted", ru = "Выдано" }

[[transitions]]
id = "grant"
from = ["registered"]
to = "granted"
by = "lic.reviewer"
meet = ["review"]
name = { az = "Ver", en = "Grant", ru = "Выдать" }
"#;

    const SERVICE: &str = r#"
id = "lic.sample"
workflow = "simple"
competent_body = "economy"
number_prefix = "LIC"
law = "Law 176-VQ"
name = { az = "Nümunə", en = "Sample", ru = "Образец" }
summary = { az = "Nümunə", en = "Sample", ru = "Образец" }

[[fields]]
id = "address"
kind = "text"
required = true
label = { az = "Ünvan", en = "Address", ru = "Адрес" }

[deadlines.review]
days = 10
unit = "working"
law = "art. 14.1"
verified = false
on_expiry = "flag"
name = { az = "Baxılma", en = "Review", ru = "Рассмотрение" }
"#;

    fn load(service: &'static str) -> Result<Catalog, CatalogError> {
        Catalog::load(&[
            CatalogSource { path: "workflows/simple.toml", text: WORKFLOW },
            CatalogSource { path: "services/sample.toml", text: service },
        ])
    }

    #[test]
    fn a_valid_catalog_loads() {
        let catalog = load(SERVICE).unwrap();
        let (service, workflow) = catalog.service_and_workflow("lic.sample").unwrap();
        assert_eq!(service.system(), "lic");
        assert_eq!(workflow.submitted, "registered");
        assert!(workflow.is_final("granted"));
    }

    #[test]
    fn errors_name_the_file_and_the_field() {
        let broken = SERVICE.replace("kind = \"text\"", "kind = \"colour\"");
        let error = load(Box::leak(broken.into_boxed_str())).unwrap_err();
        assert_eq!(error.file, "services/sample.toml");
        assert!(error.field.starts_with("line "), "{error}");
        assert!(error.reason.contains("colour"), "{error}");

        let unknown_deadline = SERVICE.replace("[deadlines.review]", "[deadlines.other]");
        let error = load(Box::leak(unknown_deadline.into_boxed_str())).unwrap_err();
        assert_eq!(error.field, "deadlines");
        assert!(error.reason.contains("review"), "{error}");

        let missing_name = SERVICE.replace("ru = \"Адрес\"", "ru = \" \"");
        let error = load(Box::leak(missing_name.into_boxed_str())).unwrap_err();
        assert_eq!(error.field, "fields[0].label.ru");

        let bad_fee =
            format!("{SERVICE}\n[fee]\namount = \"1800\"\nlaw = \"x\"\nverified = false\nbeneficiary = \"x\"\n");
        let error = load(Box::leak(bad_fee.into_boxed_str())).unwrap_err();
        assert_eq!(error.field, "fee.amount");
    }

    #[test]
    fn act_fields_name_the_acts_they_take_and_only_they_route() {
        let act = SERVICE.replace("kind = \"text\"", "kind = \"act\"\nroutes = true\nacts = [\"refusal\"]");
        let catalog = load(Box::leak(act.into_boxed_str())).unwrap();
        let field = catalog.service("lic.sample").unwrap().field("address").unwrap();
        assert_eq!(
            (field.kind, field.routes, field.acts.as_slice()),
            (FieldKind::Act, true, &["refusal".to_owned()][..])
        );

        let no_acts = SERVICE.replace("kind = \"text\"", "kind = \"act\"");
        assert_eq!(load(Box::leak(no_acts.into_boxed_str())).unwrap_err().field, "fields[0].acts");
        let text_routes = SERVICE.replace("kind = \"text\"", "kind = \"text\"\nroutes = true");
        assert_eq!(load(Box::leak(text_routes.into_boxed_str())).unwrap_err().field, "fields[0].routes");
    }

    #[test]
    fn the_login_methods_a_service_requires_are_checked_when_read() {
        assert!(load(SERVICE).unwrap().service("lic.sample").unwrap().login().is_empty(), "default: any method");
        let with = |login: &str| SERVICE.replace("law = \"Law", &format!("login = {login}\nlaw = \"Law"));
        let esign = load(Box::leak(with("[\"esign\"]").into_boxed_str())).unwrap();
        assert_eq!(esign.service("lic.sample").unwrap().login(), &[LoginMethod::Esign]);
        let error = load(Box::leak(with("[\"esign\", \"smartcard\"]").into_boxed_str())).unwrap_err();
        assert_eq!((error.file.as_str(), error.field.as_str()), ("services/sample.toml", "login[1]"));
        assert!(error.reason.contains("smartcard"), "{error}");
        let twice = load(Box::leak(with("[\"esign\", \"esign\"]").into_boxed_str())).unwrap_err();
        assert_eq!(twice.field, "login[1]");
    }

    #[test]
    fn restricted_kinds_and_the_roles_cleared_for_them_are_checked_when_read() {
        let with = |clearances: &str, kind: &str| {
            SERVICE.replace("required = true\nlabel", &format!("restricted = \"{kind}\"\nlabel"))
                + &format!("\n[clearances]\n{clearances}\n")
        };
        let good = load(Box::leak(with("tax-secret = [\"lic.head\"]", "tax-secret").into_boxed_str())).unwrap();
        let service = good.service("lic.sample").unwrap();
        assert_eq!(service.fields[0].restricted, Some(Restriction::TaxSecret));
        assert_eq!(service.clearances[&Restriction::TaxSecret], vec!["lic.head".to_owned()]);
        let foreign = load(Box::leak(with("medical = [\"veis.medical\"]", "medical").into_boxed_str())).unwrap_err();
        assert_eq!(foreign.field, "clearances.medical");
        assert!(load(Box::leak(with("tax-secret = []", "gossip").into_boxed_str())).is_err(), "an unknown kind");
    }
}

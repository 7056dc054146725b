//! The data sets the gateway reads, each one service of an external system: its request key
//! (a FİN or a VÖEN), its response schema, its sensitivity and the organization that keeps it.
//!
//! [`Adapter`] names a service; [`Dataset`] ties a response type to its adapter, so that one
//! typed path ([`crate::Gateway::fetch`]) serves them all. The conscription service's data sets
//! beyond the civil registry (VEIS-4.3.3 to VEIS-4.3.28) are in `veis.rs`.

mod veis;

use std::time::Duration;

use pencere_core::{Fin, Voen};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
pub use veis::*;

/// A response schema of one adapter, read by [`crate::Gateway::fetch`].
pub trait Dataset: Serialize + DeserializeOwned + Clone + Send + Sync + 'static {
    /// The service answering with this schema.
    const ADAPTER: Adapter;
    /// What the request names: a [`Fin`] or a [`Voen`].
    type Key: std::fmt::Display + Send + Sync;
    /// The FİN or VÖEN the record is about.
    fn subject(&self) -> &str;
}

/// A person as the civil registry returns them (VEIS-4.3.1).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// FİN.
    pub fin: String,
    /// Given name.
    pub first_name: String,
    /// Family name.
    pub last_name: String,
    /// Patronymic.
    pub patronymic: String,
    /// Date of birth, `YYYY-MM-DD`.
    pub birth_date: String,
    /// The registered address.
    pub registered_address: String,
}

impl Person {
    /// `Last First Patronymic`, as Azerbaijani documents write it.
    pub fn full_name(&self) -> String {
        format!("{} {} {}", self.last_name, self.first_name, self.patronymic)
    }
}

/// A relative, as the civil registry's family and birth records name them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relative {
    /// `spouse`, `son`, `daughter`, `father` or `mother`.
    pub kinship: String,
    /// Their FİN.
    pub fin: String,
    /// `Last First Patronymic`.
    pub full_name: String,
    /// Date of birth, `YYYY-MM-DD`.
    pub birth_date: String,
    /// Place of birth.
    pub birth_place: String,
    /// Their registered address.
    pub registered_address: String,
}

/// The family composition of a person (VEIS-4.3.2).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Family {
    /// Whose family.
    pub fin: String,
    /// The members, the person excluded.
    pub members: Vec<Relative>,
}

/// One birth registered to a person as parent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Birth {
    /// The child.
    pub child: Relative,
    /// `M` or `F`.
    pub sex: String,
    /// The birth certificate's number.
    pub certificate_number: String,
    /// The day of its issue, `YYYY-MM-DD`.
    pub certificate_date: String,
}

/// The children born to a person (VEIS-4.3.20).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Births {
    /// The parent.
    pub fin: String,
    /// Their children's birth records, oldest first.
    pub births: Vec<Birth>,
}

/// One marriage, and its divorce when there was one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Marriage {
    /// The day of the marriage, `YYYY-MM-DD`.
    pub married_on: String,
    /// The marriage certificate's number.
    pub certificate_number: String,
    /// The spouse's FİN.
    pub spouse_fin: String,
    /// The spouse's `Last First Patronymic`.
    pub spouse_name: String,
    /// The day of the divorce, if any.
    pub divorced_on: Option<String>,
    /// The divorce certificate's number, if any.
    pub divorce_certificate_number: Option<String>,
}

/// A person's marriages (VEIS-4.3.12).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Marriages {
    /// Whose.
    pub fin: String,
    /// Oldest first.
    pub marriages: Vec<Marriage>,
}

/// The registration of a person's death (VEIS-4.3.19); the registry has none for the living.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Death {
    /// Whose.
    pub fin: String,
    /// The day of death, `YYYY-MM-DD`.
    pub died_on: String,
    /// The death certificate's number.
    pub certificate_number: String,
    /// The day of its issue.
    pub certificate_date: String,
}

/// One change of a name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameChange {
    /// When, `YYYY-MM-DD`.
    pub changed_on: String,
    /// `first_name`, `last_name` or `patronymic`.
    pub field: String,
    /// The former name.
    pub old: String,
    /// The new name.
    pub new: String,
}

/// A person's changes of name, patronymic or surname (VEIS-4.3.21).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameChanges {
    /// Whose.
    pub fin: String,
    /// Oldest first.
    pub changes: Vec<NameChange>,
}

/// An identity card.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentityCard {
    /// `AZE` (or `AA` for the older cards).
    pub series: String,
    /// The number.
    pub number: String,
    /// The day of issue.
    pub issued_on: String,
    /// The issuing body.
    pub issued_by: String,
    /// The last day of validity.
    pub valid_until: String,
}

/// A driving licence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DrivingLicence {
    /// The number.
    pub number: String,
    /// The day of issue.
    pub issued_on: String,
    /// The issuing body.
    pub issued_by: String,
    /// The last day of validity.
    pub valid_until: String,
    /// The categories (`B`, `C`…).
    pub categories: Vec<String>,
}

/// A person's identity card and driving licence (VEIS-4.3.17).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdDocuments {
    /// Whose.
    pub fin: String,
    /// The identity card in force.
    pub identity_card: IdentityCard,
    /// The driving licence, if they hold one.
    pub driving_licence: Option<DrivingLicence>,
}

/// A taxpayer as the tax authority's register returns it (TOB-4.2.1.1-4.2.1.3).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Taxpayer {
    /// VÖEN.
    pub voen: String,
    /// The registered name.
    pub name: String,
    /// `legal` (a legal entity) or `natural` (an individual entrepreneur).
    pub kind: String,
    /// The legal address.
    pub legal_address: String,
    /// `active`, `suspended` or `liquidated`.
    pub status: String,
    /// The day of registration, `YYYY-MM-DD`.
    pub registered_on: String,
}

/// A facility registered with the tax authority where the business is carried on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaxObject {
    /// The object's code in the register.
    pub code: String,
    /// `office`, `warehouse`, `production` or `shop`.
    pub kind: String,
    /// Its address.
    pub address: String,
    /// The day it was registered.
    pub registered_on: String,
}

/// A taxpayer's registered objects and their addresses (TOB-4.2.1.4): a tax secret.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaxObjects {
    /// Whose.
    pub voen: String,
    /// The objects.
    pub objects: Vec<TaxObject>,
}

/// An electronic invoice (`elektron qaimə-faktura`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EInvoice {
    /// Series and number.
    pub number: String,
    /// The day of issue.
    pub issued_on: String,
    /// The seller's VÖEN.
    pub seller_voen: String,
    /// The buyer's VÖEN.
    pub buyer_voen: String,
    /// The goods.
    pub goods: String,
    /// How much.
    pub quantity: u32,
    /// Of what unit (`kq`, `blok`).
    pub unit: String,
    /// The amount with VAT, in qəpik.
    pub amount_qepik: u64,
}

/// The electronic invoices a taxpayer issued or received (TOB-4.2.2): a tax secret.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EInvoices {
    /// Whose.
    pub voen: String,
    /// Newest first.
    pub invoices: Vec<EInvoice>,
}

/// A customs declaration.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomsDeclaration {
    /// The declaration's number.
    pub number: String,
    /// The day it was registered.
    pub declared_on: String,
    /// `import` or `export`.
    pub regime: String,
    /// The goods' code in the commodity nomenclature.
    pub goods_code: String,
    /// The goods.
    pub description: String,
    /// Net mass in kilograms.
    pub net_kg: u32,
    /// The customs value in qəpik.
    pub customs_value_qepik: u64,
    /// The country of origin or destination.
    pub country: String,
}

/// The customs declarations of a taxpayer (TOB-4.2.2): a commercial secret.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomsDeclarations {
    /// Whose.
    pub voen: String,
    /// Newest first.
    pub declarations: Vec<CustomsDeclaration>,
}

/// A land plot where tobacco is planted (TOB-4.2.3.1).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LandPlot {
    /// The cadastral number.
    pub cadastre: String,
    /// The district.
    pub district: String,
    /// Hectares.
    pub area_ha: f64,
}

/// Forecast and actual sown areas and perennial plantings of a year (TOB-4.2.3.4).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SownArea {
    /// The year.
    pub year: u32,
    /// Forecast, hectares.
    pub forecast_ha: f64,
    /// Actual, hectares.
    pub actual_ha: f64,
    /// Perennial plantings, hectares.
    pub perennial_ha: f64,
}

/// Tobacco delivered to a procurer, with the farmer's delivery document (TOB-4.2.3.2,
/// TOB-4.2.3.3).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Delivery {
    /// The day.
    pub delivered_on: String,
    /// The procurer's VÖEN.
    pub procurer_voen: String,
    /// The type of tobacco (`Virciniya`, `Berley`, `Şərq`).
    pub tobacco_type: String,
    /// Kilograms.
    pub quantity_kg: u32,
    /// The number of the farmer's delivery document.
    pub document_number: String,
}

/// A contract with a procurer on purchase of the crop (TOB-4.2.3.5).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PurchaseContract {
    /// The number.
    pub number: String,
    /// The day it was concluded.
    pub concluded_on: String,
    /// The procurer's VÖEN.
    pub procurer_voen: String,
    /// Kilograms contracted.
    pub quantity_kg: u32,
    /// Price per kilogram, in qəpik.
    pub price_per_kg_qepik: u32,
}

/// The results of an agrochemical analysis of a plot (TOB-4.2.3.6).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AgrochemicalAnalysis {
    /// The document's number.
    pub number: String,
    /// The day.
    pub analysed_on: String,
    /// The plot's cadastral number.
    pub cadastre: String,
    /// Soil pH.
    pub ph: f64,
    /// Humus, percent.
    pub humus_percent: f64,
    /// `suitable` or `unsuitable`.
    pub conclusion: String,
}

/// What the electronic agriculture system knows of a tobacco grower (TOB-4.2.3): a commercial
/// secret.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TobaccoFarm {
    /// The grower's VÖEN.
    pub voen: String,
    /// TOB-4.2.3.1.
    pub land_plots: Vec<LandPlot>,
    /// TOB-4.2.3.2 and 4.2.3.3.
    pub deliveries: Vec<Delivery>,
    /// TOB-4.2.3.4.
    pub sown_areas: Vec<SownArea>,
    /// TOB-4.2.3.5.
    pub purchase_contracts: Vec<PurchaseContract>,
    /// TOB-4.2.3.6.
    pub agrochemical_analyses: Vec<AgrochemicalAnalysis>,
}

/// A person named by an employer's record: a natural-person employer or a legal entity's
/// representative. A foreigner or stateless person without a FİN is named by the passport or
/// other border-crossing document instead.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedPerson {
    /// Family name.
    pub last_name: String,
    /// Given name.
    pub first_name: String,
    /// FİN, when they have one.
    pub fin: Option<String>,
    /// The passport's or border-crossing document's series, without a FİN.
    pub passport_series: Option<String>,
    /// Its number.
    pub passport_number: Option<String>,
}

/// How to reach an employer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contacts {
    /// E-mail address.
    pub email: Option<String>,
    /// Mobile telephone (`+994 50 123 45 67`).
    pub mobile: Option<String>,
    /// Landline telephone (`+994 12 493 12 34`).
    pub landline: Option<String>,
}

/// An employer as the tax authority's register returns it for the migration portal
/// (MIG-4.5.1.1.1-4.5.1.1.6, MIG-4.5.1.2.1-4.5.1.2.6): a legal entity (or a foreign legal
/// entity's branch or representative office) with its representative, or a natural person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Employer {
    /// VÖEN.
    pub voen: String,
    /// `legal`, `foreign_branch` or `natural`.
    pub kind: String,
    /// The registered name; for a natural person `Last First`.
    pub name: String,
    /// The legal address; for a natural person the registration address.
    pub legal_address: String,
    /// The addresses of the facilities where the business is carried on.
    pub facility_addresses: Vec<String>,
    /// How to reach them.
    pub contacts: Contacts,
    /// The type of activity: its code in the classifier of economic activities.
    pub activity_code: String,
    /// And its name.
    pub activity: String,
    /// A legal entity's or branch's legal representative.
    pub representative: Option<NamedPerson>,
    /// A natural person employer themselves.
    pub entrepreneur: Option<NamedPerson>,
}

macro_rules! dataset {
    ($type:ty, $adapter:ident, $key:ty, $($field:ident).+) => {
        impl Dataset for $type {
            const ADAPTER: Adapter = Adapter::$adapter;
            type Key = $key;
            fn subject(&self) -> &str {
                &self.$($field).+
            }
        }
    };
}

dataset!(Person, CivilRegistry, Fin, fin);
dataset!(Family, Family, Fin, fin);
dataset!(Births, Births, Fin, fin);
dataset!(Marriages, Marriages, Fin, fin);
dataset!(Death, Deaths, Fin, fin);
dataset!(NameChanges, NameChanges, Fin, fin);
dataset!(IdDocuments, IdDocuments, Fin, fin);
dataset!(Taxpayer, Tax, Voen, voen);
dataset!(TaxObjects, TaxObjects, Voen, voen);
dataset!(EInvoices, EInvoices, Voen, voen);
dataset!(CustomsDeclarations, Customs, Voen, voen);
dataset!(TobaccoFarm, Agriculture, Voen, voen);
dataset!(Employer, Employer, Voen, voen);
dataset!(HealthRecords, Health, Fin, fin);
dataset!(Enrolments, Enrolments, Fin, person.fin);
dataset!(Degrees, Degrees, Fin, person.fin);
dataset!(ExamApplications, ExamApplications, Fin, fin);
dataset!(ConsularRegistration, Consular, Fin, person.fin);
dataset!(SpecialEducation, SpecialEducation, Fin, person.fin);
dataset!(QualificationRecognitions, Recognitions, Fin, fin);
dataset!(ServicemanLoss, ServicemanLosses, Fin, person.fin);
dataset!(BorderRecord, Border, Fin, person.fin);
dataset!(CriminalCases, CriminalCases, Fin, fin);
dataset!(CourtRecords, CourtRecords, Fin, fin);
dataset!(PhoneNumbers, Phones, Fin, fin);
dataset!(TemporaryRegistrations, TemporaryRegistrations, Fin, fin);
dataset!(Disabilities, Disability, Fin, fin);
dataset!(CitizenshipActs, Citizenship, Fin, person.fin);
dataset!(EmploymentStatus, Employment, Fin, fin);
dataset!(MartyrFamily, MartyrFamily, Fin, fin);
dataset!(WarVeteran, WarVeterans, Fin, person.fin);
dataset!(Vehicles, Vehicles, Fin, fin);
dataset!(FleetCounts, Fleet, Voen, voen);

/// One service of an external system the gateway talks to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Adapter {
    /// The civil registry (Ministry of Justice): persons by FİN.
    CivilRegistry,
    /// The civil registry: a person's family composition.
    Family,
    /// The civil registry: children born to a person.
    Births,
    /// The civil registry: a person's marriages and divorces.
    Marriages,
    /// The civil registry: the registration of a person's death.
    Deaths,
    /// The civil registry: changes of name.
    NameChanges,
    /// The Ministry of Internal Affairs: identity card and driving licence.
    IdDocuments,
    /// The tax authority (State Tax Service): taxpayers by VÖEN.
    Tax,
    /// The tax authority: a taxpayer's registered objects.
    TaxObjects,
    /// The tax authority: electronic invoices.
    EInvoices,
    /// The State Customs Committee: customs declarations.
    Customs,
    /// The electronic agriculture system (Ministry of Agriculture): tobacco growers.
    Agriculture,
    /// The tax authority: a taxpayer as an employer, for the migration portal (MIG-4.5.1).
    Employer,
    /// The Ministry of Health: dispensarisation and examinations for service (VEIS-4.3.3-4.3.5).
    Health,
    /// The Ministry of Science and Education: admissions to education institutions (VEIS-4.3.6).
    Enrolments,
    /// The Higher Attestation Commission: PhD and Doctor of Sciences degrees (VEIS-4.3.7).
    Degrees,
    /// The State Examination Centre: applicants to entrance examinations (VEIS-4.3.8).
    ExamApplications,
    /// The Ministry of Foreign Affairs: citizens registered with missions abroad (VEIS-4.3.9).
    Consular,
    /// The Ministry of Defence: cadets of special-purpose education institutions (VEIS-4.3.10).
    SpecialEducation,
    /// The Ministry of Science and Education: recognition of foreign qualifications (VEIS-4.3.11).
    Recognitions,
    /// The Ministry of Defence: servicemen who died, were killed or are missing (VEIS-4.3.13).
    ServicemanLosses,
    /// The State Border Service: border crossings and restrictions (VEIS-4.3.14).
    Border,
    /// The Prosecutor General's Office: criminal cases and their prosecution (VEIS-4.3.15).
    CriminalCases,
    /// The courts (the Ministry of Justice's e-court): criminal judgments, sentences and
    /// criminal records (VEIS-4.3.15).
    CourtRecords,
    /// The Ministry of Digital Development and Transport: telephone numbers (VEIS-4.3.16).
    Phones,
    /// The Ministry of Internal Affairs: temporary registration at residence (VEIS-4.3.18).
    TemporaryRegistrations,
    /// The labour ministry's medical-social expertise: disability (VEIS-4.3.22).
    Disability,
    /// The State Migration Service: acts on citizenship (VEIS-4.3.23).
    Citizenship,
    /// The labour ministry: e-employment contracts and job-seeker registrations (VEIS-4.3.24).
    Employment,
    /// The labour ministry: martyr-family status (VEIS-4.3.25).
    MartyrFamily,
    /// The labour ministry: war veterans (VEIS-4.3.26).
    WarVeterans,
    /// The road police (Ministry of Internal Affairs): a person's vehicles (VEIS-4.3.27).
    Vehicles,
    /// The road police: an organization's numbers of vehicles by kind (VEIS-4.3.28).
    Fleet,
}

/// Which identifier a service is asked by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyKind {
    /// A person's FİN.
    Fin,
    /// A taxpayer's VÖEN.
    Voen,
}

/// What the gateway knows of one service: provider member, subsystem and service code; its
/// name in logs; the data set as consents name it; what it is asked by; how sensitive; and the
/// code of the organization keeping it.
struct Spec {
    service: (&'static str, &'static str, &'static str),
    name: &'static str,
    dataset: &'static str,
    key: KeyKind,
    sensitivity: Sensitivity,
    owner: &'static str,
}

const fn spec(
    service: (&'static str, &'static str, &'static str),
    name: &'static str,
    dataset: &'static str,
    key: KeyKind,
    sensitivity: Sensitivity,
    owner: &'static str,
) -> Spec {
    Spec { service, name, dataset, key, sensitivity, owner }
}

impl Adapter {
    /// Every adapter.
    pub const ALL: [Adapter; 33] = [
        Adapter::CivilRegistry,
        Adapter::Family,
        Adapter::Births,
        Adapter::Marriages,
        Adapter::Deaths,
        Adapter::NameChanges,
        Adapter::IdDocuments,
        Adapter::Tax,
        Adapter::TaxObjects,
        Adapter::EInvoices,
        Adapter::Customs,
        Adapter::Agriculture,
        Adapter::Employer,
        Adapter::Health,
        Adapter::Enrolments,
        Adapter::Degrees,
        Adapter::ExamApplications,
        Adapter::Consular,
        Adapter::SpecialEducation,
        Adapter::Recognitions,
        Adapter::ServicemanLosses,
        Adapter::Border,
        Adapter::CriminalCases,
        Adapter::CourtRecords,
        Adapter::Phones,
        Adapter::TemporaryRegistrations,
        Adapter::Disability,
        Adapter::Citizenship,
        Adapter::Employment,
        Adapter::MartyrFamily,
        Adapter::WarVeterans,
        Adapter::Vehicles,
        Adapter::Fleet,
    ];

    fn spec(self) -> Spec {
        use KeyKind::{Fin, Voen};
        use Sensitivity::{CommercialSecret, Criminal, Medical, Organization, Personal, TaxSecret};
        match self {
            Adapter::CivilRegistry => spec(
                ("VMX", "civil-registry", "persons"),
                "civil-registry",
                "civil-registry.person",
                Fin,
                Personal,
                "justice",
            ),
            Adapter::Family => spec(
                ("VMX", "civil-registry", "family"),
                "civil-family",
                "civil-registry.family",
                Fin,
                Personal,
                "justice",
            ),
            Adapter::Births => spec(
                ("VMX", "civil-registry", "births"),
                "civil-births",
                "civil-registry.births",
                Fin,
                Personal,
                "justice",
            ),
            Adapter::Marriages => spec(
                ("VMX", "civil-registry", "marriages"),
                "civil-marriages",
                "civil-registry.marriages",
                Fin,
                Personal,
                "justice",
            ),
            Adapter::Deaths => spec(
                ("VMX", "civil-registry", "deaths"),
                "civil-deaths",
                "civil-registry.death",
                Fin,
                Personal,
                "justice",
            ),
            Adapter::NameChanges => spec(
                ("VMX", "civil-registry", "name-changes"),
                "civil-name-changes",
                "civil-registry.name-changes",
                Fin,
                Personal,
                "justice",
            ),
            Adapter::IdDocuments => spec(
                ("DIN", "documents", "id-documents"),
                "id-documents",
                "documents.id-documents",
                Fin,
                Personal,
                "interior",
            ),
            Adapter::Tax => spec(("DVX", "taxpayers", "taxpayers"), "tax", "tax.taxpayer", Voen, TaxSecret, "taxes"),
            Adapter::TaxObjects => {
                spec(("DVX", "taxpayers", "objects"), "tax-objects", "tax.objects", Voen, TaxSecret, "taxes")
            }
            Adapter::EInvoices => {
                spec(("DVX", "e-invoices", "invoices"), "e-invoices", "tax.e-invoices", Voen, TaxSecret, "taxes")
            }
            Adapter::Customs => spec(
                ("DGK", "declarations", "declarations"),
                "customs",
                "customs.declarations",
                Voen,
                CommercialSecret,
                "customs",
            ),
            Adapter::Agriculture => spec(
                ("KTN", "e-agriculture", "tobacco-growers"),
                "e-agriculture",
                "agriculture.tobacco-grower",
                Voen,
                CommercialSecret,
                "agriculture",
            ),
            Adapter::Employer => {
                spec(("DVX", "taxpayers", "employers"), "tax-employer", "tax.employer", Voen, Personal, "taxes")
            }
            Adapter::Health => spec(
                ("SN", "e-health", "examinations"),
                "health-examinations",
                "health.examinations",
                Fin,
                Medical,
                "health",
            ),
            Adapter::Enrolments => spec(
                ("ETN", "e-education", "enrolments"),
                "education-enrolments",
                "education.enrolments",
                Fin,
                Personal,
                "education",
            ),
            Adapter::Degrees => spec(
                ("AAK", "attestation", "degrees"),
                "academic-degrees",
                "attestation.degrees",
                Fin,
                Personal,
                "attestation",
            ),
            Adapter::ExamApplications => spec(
                ("DIM", "applicants", "applications"),
                "exam-applications",
                "exams.applications",
                Fin,
                Personal,
                "exam-centre",
            ),
            Adapter::Consular => spec(
                ("XIN", "consular", "registrations"),
                "consular-registration",
                "foreign-affairs.consular-registration",
                Fin,
                Personal,
                "foreign-affairs",
            ),
            Adapter::SpecialEducation => spec(
                ("MN", "military-education", "cadets"),
                "special-education",
                "defence.special-education",
                Fin,
                Personal,
                "defence",
            ),
            Adapter::Recognitions => spec(
                ("ETN", "recognition", "qualifications"),
                "qualification-recognition",
                "education.qualification-recognition",
                Fin,
                Personal,
                "education",
            ),
            Adapter::ServicemanLosses => spec(
                ("MN", "personnel", "losses"),
                "serviceman-losses",
                "defence.serviceman-losses",
                Fin,
                Personal,
                "defence",
            ),
            Adapter::Border => spec(
                ("DSX", "border-control", "crossings"),
                "border-crossings",
                "border.crossings",
                Fin,
                Personal,
                "border",
            ),
            Adapter::CriminalCases => spec(
                ("BP", "e-criminal-case", "cases"),
                "criminal-cases",
                "prosecution.criminal-cases",
                Fin,
                Criminal,
                "prosecution",
            ),
            Adapter::CourtRecords => spec(
                ("EN", "e-court", "criminal-records"),
                "court-records",
                "courts.criminal-records",
                Fin,
                Criminal,
                "justice",
            ),
            Adapter::Phones => spec(
                ("RINN", "numbers", "subscribers"),
                "phone-numbers",
                "digital.phone-numbers",
                Fin,
                Personal,
                "digital",
            ),
            Adapter::TemporaryRegistrations => spec(
                ("DIN", "residence", "temporary-registrations"),
                "temporary-registration",
                "interior.temporary-registration",
                Fin,
                Personal,
                "interior",
            ),
            Adapter::Disability => spec(
                ("EESMN", "medical-social-expertise", "disabilities"),
                "disability",
                "labour.disability",
                Fin,
                Medical,
                "labour",
            ),
            Adapter::Citizenship => {
                spec(("DMX", "citizenship", "acts"), "citizenship", "migration.citizenship", Fin, Personal, "migration")
            }
            Adapter::Employment => {
                spec(("EESMN", "e-social", "employment"), "employment", "labour.employment", Fin, Personal, "labour")
            }
            Adapter::MartyrFamily => spec(
                ("EESMN", "social-status", "martyr-families"),
                "martyr-family",
                "labour.martyr-family",
                Fin,
                Personal,
                "labour",
            ),
            Adapter::WarVeterans => spec(
                ("EESMN", "social-status", "war-veterans"),
                "war-veterans",
                "labour.war-veterans",
                Fin,
                Personal,
                "labour",
            ),
            Adapter::Vehicles => {
                spec(("DIN", "road-police", "vehicles"), "vehicles", "interior.vehicles", Fin, Personal, "interior")
            }
            Adapter::Fleet => spec(
                ("DIN", "road-police", "fleets"),
                "fleet-counts",
                "interior.fleet-counts",
                Voen,
                Organization,
                "interior",
            ),
        }
    }

    /// The provider's member code and subsystem, and the service code.
    pub(crate) fn service(self) -> (&'static str, &'static str, &'static str) {
        self.spec().service
    }

    /// The external system (member and subsystem) the service belongs to: one circuit breaker
    /// each, since a system that is down fails all its services.
    pub fn system(self) -> (&'static str, &'static str) {
        let (member, subsystem, _) = self.service();
        (member, subsystem)
    }

    /// The service id as the message log and the X-Road path name it.
    pub fn service_id(self) -> String {
        let (member, subsystem, service) = self.service();
        format!("AZ/GOV/{member}/{subsystem}/{service}")
    }

    /// What the service is asked by.
    pub fn key_kind(self) -> KeyKind {
        self.spec().key
    }

    /// How long an answer may be reused ([`Sensitivity::cache_for`]).
    pub(crate) fn cache_for(self) -> Duration {
        self.sensitivity().cache_for()
    }

    /// The adapter's name in logs, metrics and Fluent ids (`exchange-registry-NAME`).
    pub fn as_str(self) -> &'static str {
        self.spec().name
    }

    /// The adapter by its name in logs and metrics.
    pub fn from_name(name: &str) -> Option<Adapter> {
        Adapter::ALL.into_iter().find(|adapter| adapter.as_str() == name)
    }

    /// The adapter whose service id this is.
    pub fn from_service_id(service: &str) -> Option<Adapter> {
        Adapter::ALL.into_iter().find(|adapter| adapter.service_id() == service)
    }

    /// The data set the adapter reads, as consents name it.
    pub fn dataset(self) -> &'static str {
        self.spec().dataset
    }

    /// How sensitive the data set is.
    pub fn sensitivity(self) -> Sensitivity {
        self.spec().sensitivity
    }

    /// Whether the data set is about a person the civil registry may classify under VEIS-1.10:
    /// such records go only to callers cleared for them.
    pub fn may_be_classified(self) -> bool {
        self.key_kind() == KeyKind::Fin
    }

    /// The code of the organization that keeps the registry: its officials holding
    /// [`crate::SOURCE_ROLE`] enter the data set by hand when the registry cannot answer.
    pub fn owner(self) -> &'static str {
        self.spec().owner
    }

    /// Checks that `data` is a record of this adapter's schema about `subject`.
    pub fn check_record(self, subject: &str, data: &str) -> Result<(), String> {
        fn about<T: Dataset>(data: &str) -> Result<String, String> {
            serde_json::from_str::<T>(data).map(|record| record.subject().to_owned()).map_err(|e| e.to_string())
        }
        let id = match self {
            Adapter::CivilRegistry => about::<Person>(data),
            Adapter::Family => about::<Family>(data),
            Adapter::Births => about::<Births>(data),
            Adapter::Marriages => about::<Marriages>(data),
            Adapter::Deaths => about::<Death>(data),
            Adapter::NameChanges => about::<NameChanges>(data),
            Adapter::IdDocuments => about::<IdDocuments>(data),
            Adapter::Tax => about::<Taxpayer>(data),
            Adapter::TaxObjects => about::<TaxObjects>(data),
            Adapter::EInvoices => about::<EInvoices>(data),
            Adapter::Customs => about::<CustomsDeclarations>(data),
            Adapter::Agriculture => about::<TobaccoFarm>(data),
            Adapter::Employer => about::<Employer>(data),
            Adapter::Health => about::<HealthRecords>(data),
            Adapter::Enrolments => about::<Enrolments>(data),
            Adapter::Degrees => about::<Degrees>(data),
            Adapter::ExamApplications => about::<ExamApplications>(data),
            Adapter::Consular => about::<ConsularRegistration>(data),
            Adapter::SpecialEducation => about::<SpecialEducation>(data),
            Adapter::Recognitions => about::<QualificationRecognitions>(data),
            Adapter::ServicemanLosses => about::<ServicemanLoss>(data),
            Adapter::Border => about::<BorderRecord>(data),
            Adapter::CriminalCases => about::<CriminalCases>(data),
            Adapter::CourtRecords => about::<CourtRecords>(data),
            Adapter::Phones => about::<PhoneNumbers>(data),
            Adapter::TemporaryRegistrations => about::<TemporaryRegistrations>(data),
            Adapter::Disability => about::<Disabilities>(data),
            Adapter::Citizenship => about::<CitizenshipActs>(data),
            Adapter::Employment => about::<EmploymentStatus>(data),
            Adapter::MartyrFamily => about::<MartyrFamily>(data),
            Adapter::WarVeterans => about::<WarVeteran>(data),
            Adapter::Vehicles => about::<Vehicles>(data),
            Adapter::Fleet => about::<FleetCounts>(data),
        }?;
        if id == subject { Ok(()) } else { Err(format!("the record is about {id}, not {subject}")) }
    }
}

/// How sensitive a data set is: what the gateway asks before moving it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sensitivity {
    /// Personal data: moved for a stated purpose, logged, shown in the data tracker.
    Personal,
    /// Data about an organization that is neither personal nor a secret (its numbers of
    /// vehicles): moved for a stated purpose and logged.
    Organization,
    /// Health data (examinations, disability): moved only to a caller acting in
    /// [`crate::MEDICAL_ROLE`].
    Medical,
    /// Criminal cases, judgments and records: moved only to a caller acting in
    /// [`crate::CRIMINAL_ROLE`].
    Criminal,
    /// A tax secret: moved only with the entity's consent in force (TOB-4.3).
    TaxSecret,
    /// A commercial secret: moved only with the entity's consent in force (TOB-4.3).
    CommercialSecret,
}

impl Sensitivity {
    /// Whether moving the data set needs its subject's consent.
    pub fn needs_consent(self) -> bool {
        matches!(self, Sensitivity::TaxSecret | Sensitivity::CommercialSecret)
    }

    /// The role a caller must act in to be given the data set, when it is restricted.
    pub fn clearance(self) -> Option<&'static str> {
        match self {
            Sensitivity::Medical => Some(crate::MEDICAL_ROLE),
            Sensitivity::Criminal => Some(crate::CRIMINAL_ROLE),
            _ => None,
        }
    }

    /// How long an answer may be reused: ordinary personal and organization data a minute;
    /// restricted data and secrets never, so each reader is checked against the registry's
    /// answer of the moment.
    pub fn cache_for(self) -> Duration {
        match self {
            Sensitivity::Personal | Sensitivity::Organization => Duration::from_secs(60),
            _ => Duration::ZERO,
        }
    }
}

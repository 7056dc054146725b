//! The data sets the gateway reads, each one service of an external system: its request key
//! (a FİN or a VÖEN), its response schema, its sensitivity and the organization that keeps it.
//!
//! [`Adapter`] names a service; [`Dataset`] ties a response type to its adapter, so that one
//! typed path ([`crate::Gateway::fetch`]) serves them all.

use std::time::Duration;

use pencere_core::{Fin, Voen};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

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

macro_rules! dataset {
    ($type:ty, $adapter:ident, $key:ty, $field:ident) => {
        impl Dataset for $type {
            const ADAPTER: Adapter = Adapter::$adapter;
            type Key = $key;
            fn subject(&self) -> &str {
                &self.$field
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
}

/// Which identifier a service is asked by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyKind {
    /// A person's FİN.
    Fin,
    /// A taxpayer's VÖEN.
    Voen,
}

impl Adapter {
    /// Every adapter.
    pub const ALL: [Adapter; 12] = [
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
    ];

    /// The provider's member code and subsystem, and the service code.
    pub(crate) fn service(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Adapter::CivilRegistry => ("VMX", "civil-registry", "persons"),
            Adapter::Family => ("VMX", "civil-registry", "family"),
            Adapter::Births => ("VMX", "civil-registry", "births"),
            Adapter::Marriages => ("VMX", "civil-registry", "marriages"),
            Adapter::Deaths => ("VMX", "civil-registry", "deaths"),
            Adapter::NameChanges => ("VMX", "civil-registry", "name-changes"),
            Adapter::IdDocuments => ("DIN", "documents", "id-documents"),
            Adapter::Tax => ("DVX", "taxpayers", "taxpayers"),
            Adapter::TaxObjects => ("DVX", "taxpayers", "objects"),
            Adapter::EInvoices => ("DVX", "e-invoices", "invoices"),
            Adapter::Customs => ("DGK", "declarations", "declarations"),
            Adapter::Agriculture => ("KTN", "e-agriculture", "tobacco-growers"),
        }
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
        match self {
            Adapter::CivilRegistry
            | Adapter::Family
            | Adapter::Births
            | Adapter::Marriages
            | Adapter::Deaths
            | Adapter::NameChanges
            | Adapter::IdDocuments => KeyKind::Fin,
            Adapter::Tax | Adapter::TaxObjects | Adapter::EInvoices | Adapter::Customs | Adapter::Agriculture => {
                KeyKind::Voen
            }
        }
    }

    /// How long an answer may be reused: personal data a minute, secrets never.
    pub(crate) fn cache_for(self) -> Duration {
        if self.sensitivity().needs_consent() { Duration::ZERO } else { Duration::from_secs(60) }
    }

    /// The adapter's name in logs, metrics and Fluent ids (`exchange-registry-NAME`).
    pub fn as_str(self) -> &'static str {
        match self {
            Adapter::CivilRegistry => "civil-registry",
            Adapter::Family => "civil-family",
            Adapter::Births => "civil-births",
            Adapter::Marriages => "civil-marriages",
            Adapter::Deaths => "civil-deaths",
            Adapter::NameChanges => "civil-name-changes",
            Adapter::IdDocuments => "id-documents",
            Adapter::Tax => "tax",
            Adapter::TaxObjects => "tax-objects",
            Adapter::EInvoices => "e-invoices",
            Adapter::Customs => "customs",
            Adapter::Agriculture => "e-agriculture",
        }
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
        match self {
            Adapter::CivilRegistry => "civil-registry.person",
            Adapter::Family => "civil-registry.family",
            Adapter::Births => "civil-registry.births",
            Adapter::Marriages => "civil-registry.marriages",
            Adapter::Deaths => "civil-registry.death",
            Adapter::NameChanges => "civil-registry.name-changes",
            Adapter::IdDocuments => "documents.id-documents",
            Adapter::Tax => "tax.taxpayer",
            Adapter::TaxObjects => "tax.objects",
            Adapter::EInvoices => "tax.e-invoices",
            Adapter::Customs => "customs.declarations",
            Adapter::Agriculture => "agriculture.tobacco-grower",
        }
    }

    /// How sensitive the data set is.
    pub fn sensitivity(self) -> Sensitivity {
        match self {
            Adapter::Tax | Adapter::TaxObjects | Adapter::EInvoices => Sensitivity::TaxSecret,
            Adapter::Customs | Adapter::Agriculture => Sensitivity::CommercialSecret,
            _ => Sensitivity::Personal,
        }
    }

    /// Whether the data set is about a person the civil registry may classify under VEIS-1.10:
    /// such records go only to callers cleared for them.
    pub fn may_be_classified(self) -> bool {
        self.key_kind() == KeyKind::Fin
    }

    /// The code of the organization that keeps the registry: its officials holding
    /// [`crate::SOURCE_ROLE`] enter the data set by hand when the registry cannot answer.
    pub fn owner(self) -> &'static str {
        match self {
            Adapter::CivilRegistry
            | Adapter::Family
            | Adapter::Births
            | Adapter::Marriages
            | Adapter::Deaths
            | Adapter::NameChanges => "justice",
            Adapter::IdDocuments => "interior",
            Adapter::Tax | Adapter::TaxObjects | Adapter::EInvoices => "taxes",
            Adapter::Customs => "customs",
            Adapter::Agriculture => "agriculture",
        }
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
        }?;
        if id == subject { Ok(()) } else { Err(format!("the record is about {id}, not {subject}")) }
    }
}

/// How sensitive a data set is: what the gateway asks before moving it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sensitivity {
    /// Personal data: moved for a stated purpose, logged, shown in the data tracker.
    Personal,
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
}

//! The response schemas of the services the conscription service's system reads (VEIS-4.3.3 to
//! VEIS-4.3.28, beyond the civil registry's and the identity documents'), one per service of a
//! source agency: health, education, the examination centre, foreign affairs, defence, the
//! border service, prosecution and courts, telephone numbers, residence, disability,
//! citizenship, employment, social status and vehicles. All but the fleet counts (by VÖEN) are
//! asked by FİN.

use serde::{Deserialize, Serialize};

/// The personal details most of these data sets repeat about whom a record is: name, birth,
/// sex, identity document and registered address.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonDetails {
    /// FİN.
    pub fin: String,
    /// Family name.
    pub last_name: String,
    /// Given name.
    pub first_name: String,
    /// Patronymic.
    pub patronymic: String,
    /// Date of birth, `YYYY-MM-DD`.
    pub birth_date: String,
    /// Place of birth.
    pub birth_place: String,
    /// `M` or `F`.
    pub sex: String,
    /// The identity document's series (`AZE`).
    pub document_series: String,
    /// The identity document's number.
    pub document_number: String,
    /// The registered address.
    pub registered_address: String,
}

/// A mandatory medical check-up (`icbari dispanserizasiya`) of a pre-conscription-age citizen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dispensarisation {
    /// The day, `YYYY-MM-DD`.
    pub examined_on: String,
    /// The medical institution.
    pub institution: String,
    /// The health group, `I` (healthy) to `V`.
    pub health_group: String,
    /// The conclusion in words.
    pub conclusion: String,
}

/// A medical and psychological examination for military service.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MedicalExamination {
    /// `initial_registration` (VEIS-4.3.3), `call_up` or `final` (VEIS-4.3.4), `reservist`
    /// (VEIS-4.3.5).
    pub stage: String,
    /// The day, `YYYY-MM-DD`.
    pub examined_on: String,
    /// The medical commission.
    pub commission: String,
    /// The category of fitness for service: `A` fit, `B` fit with minor restrictions, `V` fit
    /// in a limited way, `Q` temporarily unfit, `D` unfit.
    pub fitness: String,
    /// The diagnosis (ICD-10) behind a category other than `A`.
    pub diagnosis: Option<String>,
    /// The psychological examination's result: `suitable`, `observe` or `unsuitable`.
    pub psychological: String,
}

/// A person's health status as the Ministry of Health's system returns it: dispensarisations and
/// the examinations for military service (VEIS-4.3.3, VEIS-4.3.4, VEIS-4.3.5). Restricted:
/// medical data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HealthRecords {
    /// Whose.
    pub fin: String,
    /// Oldest first.
    pub dispensarisations: Vec<Dispensarisation>,
    /// Oldest first.
    pub examinations: Vec<MedicalExamination>,
}

/// One admission to an education institution.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enrolment {
    /// `general`, `vocational`, `secondary_specialised`, `bachelor` or `master`.
    pub level: String,
    /// The institution.
    pub institution: String,
    /// The day of admission.
    pub admitted_on: String,
    /// The form of study: `full_time`, `part_time`, `evening` or `distance`.
    pub form: String,
    /// The specialty (none at a general school).
    pub specialty: Option<String>,
    /// The day of expulsion, if expelled.
    pub expelled_on: Option<String>,
    /// The day of reinstatement, if reinstated after expulsion.
    pub reinstated_on: Option<String>,
    /// The day of graduation, if graduated.
    pub graduated_on: Option<String>,
}

/// A person's admissions to general, vocational, secondary specialised and higher education
/// institutions (VEIS-4.3.6).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enrolments {
    /// Whom.
    pub person: PersonDetails,
    /// Oldest first.
    pub enrolments: Vec<Enrolment>,
}

/// A PhD or Doctor of Sciences degree.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Degree {
    /// `phd` (`fəlsəfə doktoru`) or `dsc` (`elmlər doktoru`).
    pub degree: String,
    /// The branch of science.
    pub field: String,
    /// The diploma's series.
    pub diploma_series: String,
    /// The diploma's number.
    pub diploma_number: String,
    /// The day of the diploma.
    pub diploma_date: String,
}

/// A person's scientific degrees, from the Higher Attestation Commission (VEIS-4.3.7).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Degrees {
    /// Whom.
    pub person: PersonDetails,
    /// Oldest first; empty for one without a degree.
    pub degrees: Vec<Degree>,
}

/// An application to sit an entrance examination.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExamApplication {
    /// `bachelor`, `master` or `doctoral_language` (the foreign-language examination for
    /// doctoral admission).
    pub exam: String,
    /// The admission year.
    pub year: u32,
    /// The application's number.
    pub application_number: String,
    /// The day of the application.
    pub applied_on: String,
    /// The specialty group (`I`–`V`) for a bachelor's examination.
    pub group: Option<String>,
    /// The language of the examination (`az`, `ru`; for the doctoral one `en`, `de`, `fr`).
    pub language: String,
}

/// A person's applications to the State Examination Centre's entrance examinations
/// (VEIS-4.3.8).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExamApplications {
    /// Whose.
    pub fin: String,
    /// Oldest first.
    pub applications: Vec<ExamApplication>,
}

/// Studies abroad of a conscript registered with a mission.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StudyAbroad {
    /// The institution.
    pub institution: String,
    /// The day of admission.
    pub admitted_on: String,
    /// The form of study.
    pub form: String,
    /// The specialty.
    pub specialty: String,
    /// The day of graduation, if graduated.
    pub graduated_on: Option<String>,
    /// The day of expulsion, if expelled.
    pub expelled_on: Option<String>,
}

/// A conscript told through the mission of their call-up to fixed-term service.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallUpNotice {
    /// The day.
    pub notified_on: String,
    /// `in_person`, `mail` or `e-mail`.
    pub method: String,
    /// The notice's reference.
    pub reference: String,
}

/// A citizen registered with an Azerbaijani diplomatic mission or consulate abroad, from the
/// Ministry of Foreign Affairs (VEIS-4.3.9); the ministry has none for those not registered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsularRegistration {
    /// Whom.
    pub person: PersonDetails,
    /// The mission or consulate.
    pub mission: String,
    /// Its country (ISO 3166 alpha-2).
    pub country: String,
    /// `permanent` or `temporary` residence abroad.
    pub residence: String,
    /// The day of registration.
    pub registered_on: String,
    /// Studies abroad, when the citizen studies.
    pub study: Option<StudyAbroad>,
    /// The call-up notices made through the mission.
    pub call_up_notices: Vec<CallUpNotice>,
}

/// A cadet of a special-purpose (military) education institution (VEIS-4.3.10); none for
/// anyone else.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpecialEducation {
    /// Whom.
    pub person: PersonDetails,
    /// The military rank.
    pub military_rank: String,
    /// The institution.
    pub institution: String,
    /// The day of admission.
    pub admitted_on: String,
    /// The specialty.
    pub specialty: String,
    /// The day of graduation, if graduated.
    pub graduated_on: Option<String>,
    /// The day of expulsion, if expelled.
    pub expelled_on: Option<String>,
    /// Why, if expelled.
    pub expulsion_reason: Option<String>,
    /// After an expulsion, the day sent to fixed-term service.
    pub sent_to_service_on: Option<String>,
    /// After an expulsion, the military unit's number (never for the State Security Service's).
    pub military_unit: Option<String>,
}

/// A decision on recognising a higher-education qualification obtained abroad.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recognition {
    /// The country where it was obtained (ISO 3166 alpha-2).
    pub country: String,
    /// The institution that awarded it.
    pub institution: String,
    /// The qualification as awarded.
    pub qualification: String,
    /// `bachelor`, `master` or `doctorate`.
    pub level: String,
    /// The decision's number.
    pub decision_number: String,
    /// Its day.
    pub decided_on: String,
    /// `recognised` or `refused`.
    pub outcome: String,
}

/// The recognition of a person's foreign higher-education qualifications, from the Ministry of
/// Science and Education (VEIS-4.3.11).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QualificationRecognitions {
    /// Whose.
    pub fin: String,
    /// Oldest first.
    pub recognitions: Vec<Recognition>,
}

/// The official who certified a serviceman's death, loss or disappearance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertifyingOfficial {
    /// `Last First Patronymic`.
    pub full_name: String,
    /// The military rank.
    pub military_rank: String,
    /// The position.
    pub position: String,
}

/// A serviceman who died, was killed or went missing, from the Ministry of Defence
/// (VEIS-4.3.13); none for anyone else.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServicemanLoss {
    /// Whom.
    pub person: PersonDetails,
    /// The military rank.
    pub military_rank: String,
    /// The position.
    pub position: String,
    /// `died`, `killed` or `missing`.
    pub event: String,
    /// The day of the event.
    pub event_on: String,
    /// Its cause.
    pub cause: String,
    /// Its circumstances.
    pub circumstances: String,
    /// Who certified the fact.
    pub certified_by: CertifyingOfficial,
    /// The certificate's (notification's or order extract's) number.
    pub certificate_number: String,
    /// Its day.
    pub certificate_date: String,
    /// The death certificate's number, when one was issued.
    pub death_certificate_number: Option<String>,
    /// Its day.
    pub death_certificate_date: Option<String>,
    /// The prosecutor's decision on the death or disappearance (number and day).
    pub prosecutor_decision: Option<String>,
    /// The court judgment declaring the person missing (number and day).
    pub court_judgment: Option<String>,
}

/// One crossing of the state border.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BorderCrossing {
    /// `exit` or `entry`.
    pub direction: String,
    /// When, `YYYY-MM-DDTHH:MM` Baku time.
    pub at: String,
    /// The checkpoint.
    pub checkpoint: String,
    /// The country left for or returned from (ISO 3166 alpha-2).
    pub country: String,
}

/// An inclusion in the list of those restricted from crossing the border.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TravelRestriction {
    /// The day of inclusion.
    pub included_on: String,
    /// Why.
    pub included_reason: String,
    /// The day of removal, if removed.
    pub removed_on: Option<String>,
    /// Why removed.
    pub removed_reason: Option<String>,
}

/// A person's border crossings and restrictions, from the State Border Service (VEIS-4.3.14).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BorderRecord {
    /// Whom.
    pub person: PersonDetails,
    /// Oldest first.
    pub crossings: Vec<BorderCrossing>,
    /// Oldest first.
    pub restrictions: Vec<TravelRestriction>,
}

/// A criminal case or simplified pre-trial proceeding about a person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriminalCase {
    /// The case's number.
    pub number: String,
    /// `criminal_case` or `simplified_pretrial`.
    pub procedure: String,
    /// The day it was opened.
    pub opened_on: String,
    /// The body conducting the prosecution.
    pub investigating_body: String,
    /// The articles of the Criminal Code (`178.2.4`).
    pub articles: Vec<String>,
    /// `investigation`, `sent_to_court`, `terminated` or `suspended`.
    pub status: String,
    /// The day of the outcome, when there is one.
    pub outcome_on: Option<String>,
}

/// The criminal cases opened about a person and the conduct and outcome of their prosecution,
/// from the prosecution's system (VEIS-4.3.15). Restricted: criminal data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriminalCases {
    /// Whom.
    pub fin: String,
    /// Oldest first.
    pub cases: Vec<CriminalCase>,
}

/// A sentence and its execution.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// `fine`, `public_works`, `restriction_of_liberty`, `imprisonment` or `suspended`.
    pub kind: String,
    /// The term in months, for a term.
    pub term_months: Option<u32>,
    /// The fine in manat, for a fine.
    pub fine_manat: Option<u32>,
    /// `pending`, `serving`, `served` or `released_early`.
    pub execution: String,
    /// The day it was served, when it was.
    pub served_on: Option<String>,
}

/// A criminal matter a court heard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourtProceeding {
    /// The court's case number.
    pub case_number: String,
    /// The court.
    pub court: String,
    /// `public_prosecution`, or `private_prosecution` (a complaint of the victim).
    pub kind: String,
    /// The articles of the Criminal Code.
    pub articles: Vec<String>,
    /// The day of the judgment.
    pub decided_on: String,
    /// `convicted`, `acquitted`, `terminated` or `complaint_dismissed`.
    pub outcome: String,
    /// The sentence, when convicted.
    pub sentence: Option<Sentence>,
}

/// The courts' criminal proceedings about a person, their sentences and their criminal record
/// (VEIS-4.3.15). Restricted: criminal data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourtRecords {
    /// Whom.
    pub fin: String,
    /// Oldest first.
    pub proceedings: Vec<CourtProceeding>,
    /// `none`, `current` (a conviction not yet spent) or `expunged`.
    pub criminal_record: String,
    /// The day a current record is spent, or was.
    pub record_spent_on: Option<String>,
}

/// A telephone number registered to a person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhoneNumber {
    /// `mobile` or `home`.
    pub kind: String,
    /// `+994 50 123 45 67`.
    pub number: String,
    /// The operator.
    pub operator: String,
    /// The day it was registered to the person.
    pub since: String,
}

/// A person's mobile and home telephone numbers (VEIS-4.3.16).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhoneNumbers {
    /// Whose.
    pub fin: String,
    /// Mobile numbers first.
    pub numbers: Vec<PhoneNumber>,
}

/// A temporary registration at a place of residence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemporaryRegistration {
    /// Where.
    pub address: String,
    /// The day of registration.
    pub registered_on: String,
    /// Until when.
    pub valid_until: String,
    /// The body that registered it.
    pub registered_by: String,
}

/// A person's temporary registrations at a place of residence (VEIS-4.3.18).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemporaryRegistrations {
    /// Whose.
    pub fin: String,
    /// Oldest first.
    pub registrations: Vec<TemporaryRegistration>,
}

/// A disability determined for a person or a member of their family.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisabilityRecord {
    /// Whose disability.
    pub person: PersonDetails,
    /// Their kinship with the person asked about: `self`, `spouse`, `son`, `daughter`.
    pub kinship: String,
    /// The day it was determined.
    pub determined_on: String,
    /// The percentage of impairment of the body's functions.
    pub impairment_percent: u32,
    /// The cause: `general_disease`, `since_childhood`, `war_injury`, `work_injury`.
    pub cause: String,
    /// For how long: `1_year`, `2_years`, `5_years` or `indefinite`.
    pub duration: String,
}

/// The disabilities of a person and their family members, from the medical-social expertise
/// (VEIS-4.3.22). Restricted: medical data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Disabilities {
    /// Whom the request was about.
    pub fin: String,
    /// The person's own first, then the family's.
    pub records: Vec<DisabilityRecord>,
}

/// A legal act on a person's citizenship.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CitizenshipAct {
    /// `determined` (citizenship recognised), `renounced` or `lost`.
    pub kind: String,
    /// The act's number.
    pub act_number: String,
    /// Its day.
    pub act_date: String,
}

/// The State Migration Service's acts on a person's citizenship (VEIS-4.3.23).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CitizenshipActs {
    /// Whom.
    pub person: PersonDetails,
    /// Oldest first; empty when there was none.
    pub acts: Vec<CitizenshipAct>,
}

/// An employment contract concluded as an electronic document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmploymentContract {
    /// The notice's number in the e-contracts system.
    pub number: String,
    /// The employer's VÖEN.
    pub employer_voen: String,
    /// The employer's name.
    pub employer_name: String,
    /// The position.
    pub position: String,
    /// The day concluded.
    pub concluded_on: String,
    /// The day terminated, if it was.
    pub terminated_on: Option<String>,
}

/// A registration as unemployed or as a job seeker.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobSeekerRegistration {
    /// `unemployed` or `job_seeker`.
    pub status: String,
    /// The day of registration.
    pub registered_on: String,
    /// The employment centre.
    pub centre: String,
    /// The day of deregistration, if deregistered.
    pub deregistered_on: Option<String>,
}

/// A person's employment status, from the labour ministry's systems (VEIS-4.3.24).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmploymentStatus {
    /// Whose.
    pub fin: String,
    /// Oldest first.
    pub contracts: Vec<EmploymentContract>,
    /// Registrations as unemployed or job seeker, oldest first.
    pub registrations: Vec<JobSeekerRegistration>,
}

/// The martyr (`şəhid`) whose family a person belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Martyr {
    /// Family name.
    pub last_name: String,
    /// Given name.
    pub first_name: String,
    /// Patronymic.
    pub patronymic: String,
    /// The year of birth.
    pub birth_year: u32,
    /// The day they were killed or died.
    pub died_on: String,
    /// The number of the document confirming the martyr status.
    pub status_document_number: String,
    /// Its day.
    pub status_document_date: String,
}

/// A person with the status of a martyr's family (VEIS-4.3.25); none for anyone else.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MartyrFamily {
    /// FİN.
    pub fin: String,
    /// Family name.
    pub last_name: String,
    /// Given name.
    pub first_name: String,
    /// Patronymic.
    pub patronymic: String,
    /// Kinship with the martyr: `father`, `mother`, `spouse`, `brother` or `sister`.
    pub kinship: String,
    /// The martyr family card's number.
    pub card_number: String,
    /// Its day of issue.
    pub card_issued_on: String,
    /// The martyr.
    pub martyr: Martyr,
}

/// A war veteran (VEIS-4.3.26); none for anyone else.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WarVeteran {
    /// Whom.
    pub person: PersonDetails,
    /// The veteran card's series.
    pub card_series: String,
    /// Its number.
    pub card_number: String,
    /// The issuing body.
    pub issued_by: String,
    /// The day of issue.
    pub issued_on: String,
    /// The number of the commission's protocol.
    pub protocol_number: String,
}

/// A registered vehicle.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vehicle {
    /// The make.
    pub make: String,
    /// The model.
    pub model: String,
    /// `passenger_car`, `truck`, `bus`, `special` or `motorcycle`.
    pub kind: String,
    /// The year of manufacture.
    pub year: u32,
    /// The chassis number (VIN, 17 characters).
    pub chassis_number: String,
    /// The engine number.
    pub engine_number: String,
    /// The state registration plate (`10-AB-123`).
    pub plate: String,
    /// The day of the last technical inspection.
    pub inspected_on: String,
    /// The inspection valid until.
    pub inspection_valid_until: String,
    /// `owner`, `co_owner` or `proxy` (driving by power of attorney).
    pub ownership: String,
    /// The owner's address.
    pub owner_address: String,
    /// The owner's telephone.
    pub owner_phone: String,
}

/// The vehicles registered to a person, from the road police's register (VEIS-4.3.27).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vehicles {
    /// Whose.
    pub fin: String,
    /// Oldest registration first.
    pub vehicles: Vec<Vehicle>,
}

/// How many vehicles of each kind an organization has registered (VEIS-4.3.28).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FleetCounts {
    /// The organization's VÖEN.
    pub voen: String,
    /// The day counted.
    pub counted_on: String,
    /// Special-purpose vehicles.
    pub special_purpose: u32,
    /// Trucks.
    pub trucks: u32,
    /// Passenger cars.
    pub passenger_cars: u32,
}

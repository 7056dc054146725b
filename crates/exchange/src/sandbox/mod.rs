//! The test environment's stand-ins for the state registries behind EHİS, served over HTTP on
//! loopback so the gateway is exercised over a real socket, speaking the same X-Road REST paths
//! (`/r1/{service id}/{FİN or VÖEN}`, one route for every [`Adapter`]) and refusing a call
//! without the protocol's headers.
//!
//! The data is synthetic and deterministic: records are derived from a hash of the seed and the
//! identifier (Azerbaijani names, patronymics, addresses, companies with objects, invoices,
//! customs declarations, tobacco farms). Persons are numbered: a bijection of the seed maps the
//! index `0..N` to FİNs, so a sandbox of a million persons stores nothing and answers any of
//! them, and [`Sandbox::fin_at`] lists them ([`Sandbox::with_persons`]; without a size every
//! FİN but one in eight is known). Spouses are the persons of neighbouring indexes (`i ^ 1`),
//! so the marriage and family records of both agree. One person in fifty is classified under
//! VEIS-1.10: their records carry the [`crate::CLASSIFIED_HEADER`]. The demo accounts and
//! organizations are handed in by name, so a person or company of the demo is always known, never
//! classified, and the same in its cabinet and in the registries.

mod business;
mod people;
mod veis;

use std::collections::HashMap;
use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use pencere_core::{Fin, Voen};
use sha2::{Digest, Sha256};

use crate::{Adapter, KeyKind, Person};

/// The sandbox's data: a seed, a size and the records handed in.
#[derive(Clone, Debug, Default)]
pub struct Sandbox {
    seed: u64,
    /// How many persons the civil registry knows; `None`: every FİN but one in eight.
    persons: Option<u64>,
    /// Names of known persons (FİN → given and family name); the rest is derived.
    person_names: HashMap<String, (String, String)>,
    /// Names of known taxpayers (VÖEN → name); the rest is derived.
    taxpayer_names: HashMap<String, String>,
}

const MALE: &[&str] = &["Rəşad", "Elçin", "Vüqar", "Orxan", "Tural", "Kamran", "Nicat", "Səbuhi", "Fərid", "Anar"];
const FEMALE: &[&str] = &["Aygün", "Leyla", "Günay", "Nərmin", "Səbinə", "Aytən", "Lalə", "Könül", "Fidan", "Nigar"];
const SURNAMES: &[&str] =
    &["Məmmədov", "Əliyev", "Hüseynov", "Quliyev", "Həsənov", "İsmayılov", "Abbasov", "Rzayev", "Cəfərov", "Nəbiyev"];
const FATHERS: &[&str] = &["Əli", "Vaqif", "Rauf", "Tofiq", "İlham", "Zaur", "Namiq", "Elşən", "Rövşən", "Camal"];
const STREETS: &[&str] = &[
    "Nizami küçəsi",
    "Füzuli küçəsi",
    "Azadlıq prospekti",
    "Neftçilər prospekti",
    "Səməd Vurğun küçəsi",
    "Atatürk prospekti",
    "Heydər Əliyev prospekti",
    "Üzeyir Hacıbəyov küçəsi",
];
const CITIES: &[&str] = &["Bakı", "Sumqayıt", "Gəncə", "Şəki", "Lənkəran", "Mingəçevir", "Quba", "Şamaxı"];

/// The characters of a FİN, in the order the index counts them.
const FIN_ALPHABET: &[u8; 34] = b"0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
/// How many FİNs there are: 34⁷ = 2⁷·17⁷.
const FIN_SPACE: u64 = 52_523_350_144;

/// A derived record's bytes.
pub(crate) type Hash = [u8; 32];

/// Picks from a list by one byte of a hash.
pub(crate) fn pick(list: &[&'static str], hash: &Hash, at: usize) -> &'static str {
    list[usize::from(hash[at % 32]) % list.len()]
}

/// A day `YYYY-MM-DD` of `year` from two bytes of a hash.
pub(crate) fn day(year: u32, hash: &Hash, at: usize) -> String {
    let month = 1 + u32::from(hash[at % 32]) % 12;
    let day = 1 + u32::from(hash[(at + 1) % 32]) % 28;
    format!("{year:04}-{month:02}-{day:02}")
}

/// An address from three bytes of a hash.
pub(crate) fn address(hash: &Hash, offset: usize) -> String {
    format!(
        "{}, {} {}",
        pick(CITIES, hash, offset),
        pick(STREETS, hash, offset + 1),
        1 + u32::from(hash[(offset + 2) % 32]) % 180
    )
}

/// `n` decimal digits from a hash.
pub(crate) fn digits(hash: &Hash, at: usize, n: usize) -> String {
    (0..n).map(|i| char::from(b'0' + hash[(at + i) % 32] % 10)).collect()
}

/// The multiplier and offset of the seed's permutation of the FİN space.
fn permutation(seed: u64) -> (u64, u64) {
    let hash: Hash = Sha256::digest(seed.to_be_bytes()).into();
    let word = |at: usize| u64::from_be_bytes(hash[at..at + 8].try_into().unwrap_or_default());
    // Odd and not a multiple of 17: coprime with 2⁷·17⁷, so multiplying permutes.
    let mut multiplier = (word(0) % FIN_SPACE) | 1;
    while multiplier.is_multiple_of(17) {
        multiplier = (multiplier + 2) % FIN_SPACE;
    }
    (multiplier, word(8) % FIN_SPACE)
}

/// The inverse of `a` modulo `m` (they are coprime).
fn inverse(a: u64, m: u64) -> u64 {
    let (mut old_r, mut r) = (i128::from(a), i128::from(m));
    let (mut old_s, mut s) = (1_i128, 0_i128);
    while r != 0 {
        let quotient = old_r / r;
        (old_r, r) = (r, old_r - quotient * r);
        (old_s, s) = (s, old_s - quotient * s);
    }
    u64::try_from(old_s.rem_euclid(i128::from(m))).unwrap_or_default()
}

fn mul_mod(a: u64, b: u64, m: u64) -> u64 {
    u64::try_from(u128::from(a) * u128::from(b) % u128::from(m)).unwrap_or_default()
}

impl Sandbox {
    /// A sandbox deriving its records from `seed`.
    pub fn new(seed: u64) -> Sandbox {
        Sandbox { seed, ..Sandbox::default() }
    }

    /// Makes the civil registry know exactly `count` persons, those of the indexes `0..count`
    /// ([`Sandbox::fin_at`]), plus the named ones.
    pub fn with_persons(mut self, count: u64) -> Sandbox {
        self.persons = Some(count.min(FIN_SPACE));
        self
    }

    /// How many persons the civil registry knows by index, when it is sized.
    pub fn persons(&self) -> Option<u64> {
        self.persons
    }

    /// Makes the registry know a person by this name (a demo account): always found, never
    /// classified, the rest of the record derived as for anyone.
    pub fn with_person_named(mut self, fin: &Fin, first_name: &str, last_name: &str) -> Sandbox {
        self.person_names.insert(fin.to_string(), (first_name.to_owned(), last_name.to_owned()));
        self
    }

    /// Makes the register know a taxpayer by this name (a demo organization): always found.
    pub fn with_taxpayer_named(mut self, voen: &Voen, name: &str) -> Sandbox {
        self.taxpayer_names.insert(voen.to_string(), name.to_owned());
        self
    }

    pub(crate) fn hash(&self, kind: &str, id: &str) -> Hash {
        let mut hasher = Sha256::new();
        hasher.update(self.seed.to_be_bytes());
        hasher.update(kind.as_bytes());
        hasher.update(id.as_bytes());
        hasher.finalize().into()
    }

    /// The FİN of the person with this index (any index below 34⁷ names one FİN, and each
    /// FİN has one index); `None` only if the alphabet made an invalid FİN, which it cannot.
    pub fn fin_at(&self, index: u64) -> Option<Fin> {
        let (multiplier, offset) = permutation(self.seed);
        let mut value = (mul_mod(index % FIN_SPACE, multiplier, FIN_SPACE) + offset) % FIN_SPACE;
        let mut text = [b'0'; 7];
        for slot in text.iter_mut().rev() {
            *slot = FIN_ALPHABET[usize::try_from(value % 34).unwrap_or_default()];
            value /= 34;
        }
        String::from_utf8_lossy(&text).parse().ok()
    }

    /// The index of the person with this FİN.
    pub fn index_of(&self, fin: &Fin) -> u64 {
        let value = fin.as_str().bytes().fold(0_u64, |value, byte| {
            let digit = FIN_ALPHABET.iter().position(|c| *c == byte).unwrap_or_default() as u64;
            value * 34 + digit
        });
        let (multiplier, offset) = permutation(self.seed);
        mul_mod((value + FIN_SPACE - offset) % FIN_SPACE, inverse(multiplier, FIN_SPACE), FIN_SPACE)
    }

    /// Whether the civil registry knows a person with this FİN.
    pub fn knows(&self, fin: &Fin) -> bool {
        if self.person_names.contains_key(fin.as_str()) {
            return true;
        }
        match self.persons {
            Some(count) => self.index_of(fin) < count,
            None => !self.hash("person", fin.as_str())[0].is_multiple_of(8),
        }
    }

    /// Whether the person's data is classified under VEIS-1.10 (one in fifty, never a named one).
    pub fn classified(&self, fin: &Fin) -> bool {
        self.knows(fin)
            && !self.person_names.contains_key(fin.as_str())
            && self.hash("person", fin.as_str())[16].is_multiple_of(50)
    }

    /// Some persons the registry knows, with their index: `per_page` indexes from
    /// `page * per_page` (the test environment's list of whom to look up or log in as).
    pub fn persons_page(&self, page: u64, per_page: u64) -> Vec<(u64, Person)> {
        let start = page.saturating_mul(per_page);
        let end = start.saturating_add(per_page).min(self.persons.unwrap_or(FIN_SPACE));
        (start..end)
            .filter_map(|index| self.fin_at(index).and_then(|fin| self.person(&fin)).map(|person| (index, person)))
            .collect()
    }

    /// The record of `adapter` about `id`, as the registry answers it, if it has one.
    pub fn record(&self, adapter: Adapter, id: &str) -> Option<serde_json::Value> {
        let json = |value: Result<serde_json::Value, serde_json::Error>| value.ok();
        match adapter.key_kind() {
            KeyKind::Fin => {
                let fin = id.parse::<Fin>().ok()?;
                match adapter {
                    Adapter::CivilRegistry => json(serde_json::to_value(self.person(&fin)?)),
                    Adapter::Family => json(serde_json::to_value(self.family(&fin)?)),
                    Adapter::Births => json(serde_json::to_value(self.births(&fin)?)),
                    Adapter::Marriages => json(serde_json::to_value(self.marriages(&fin)?)),
                    Adapter::Deaths => json(serde_json::to_value(self.death(&fin)?)),
                    Adapter::NameChanges => json(serde_json::to_value(self.name_changes(&fin)?)),
                    Adapter::IdDocuments => json(serde_json::to_value(self.id_documents(&fin)?)),
                    Adapter::Health => json(serde_json::to_value(self.health_records(&fin)?)),
                    Adapter::Enrolments => json(serde_json::to_value(self.enrolments(&fin)?)),
                    Adapter::Degrees => json(serde_json::to_value(self.degrees(&fin)?)),
                    Adapter::ExamApplications => json(serde_json::to_value(self.exam_applications(&fin)?)),
                    Adapter::Consular => json(serde_json::to_value(self.consular_registration(&fin)?)),
                    Adapter::SpecialEducation => json(serde_json::to_value(self.special_education(&fin)?)),
                    Adapter::Recognitions => json(serde_json::to_value(self.recognitions(&fin)?)),
                    Adapter::ServicemanLosses => json(serde_json::to_value(self.serviceman_loss(&fin)?)),
                    Adapter::Border => json(serde_json::to_value(self.border_record(&fin)?)),
                    Adapter::CriminalCases => json(serde_json::to_value(self.criminal_cases(&fin)?)),
                    Adapter::CourtRecords => json(serde_json::to_value(self.court_records(&fin)?)),
                    Adapter::Phones => json(serde_json::to_value(self.phone_numbers(&fin)?)),
                    Adapter::TemporaryRegistrations => json(serde_json::to_value(self.temporary_registrations(&fin)?)),
                    Adapter::Disability => json(serde_json::to_value(self.disabilities(&fin)?)),
                    Adapter::Citizenship => json(serde_json::to_value(self.citizenship_acts(&fin)?)),
                    Adapter::Employment => json(serde_json::to_value(self.employment(&fin)?)),
                    Adapter::MartyrFamily => json(serde_json::to_value(self.martyr_family(&fin)?)),
                    Adapter::WarVeterans => json(serde_json::to_value(self.war_veteran(&fin)?)),
                    Adapter::Vehicles => json(serde_json::to_value(self.vehicles(&fin)?)),
                    _ => None,
                }
            }
            KeyKind::Voen => {
                let voen = id.parse::<Voen>().ok()?;
                match adapter {
                    Adapter::Tax => json(serde_json::to_value(self.taxpayer(&voen)?)),
                    Adapter::TaxObjects => json(serde_json::to_value(self.tax_objects(&voen)?)),
                    Adapter::EInvoices => json(serde_json::to_value(self.e_invoices(&voen)?)),
                    Adapter::Customs => json(serde_json::to_value(self.customs(&voen)?)),
                    Adapter::Agriculture => json(serde_json::to_value(self.tobacco_farm(&voen)?)),
                    Adapter::Employer => json(serde_json::to_value(self.employer(&voen)?)),
                    Adapter::Fleet => json(serde_json::to_value(self.fleet_counts(&voen)?)),
                    _ => None,
                }
            }
        }
    }

    /// The sandbox as an HTTP service: the X-Road REST paths of the registries, and
    /// `GET /persons?page=N` listing fifty known persons a page.
    pub fn router(self) -> Router {
        Router::new()
            .route("/r1/AZ/GOV/{member}/{subsystem}/{service}/{id}", get(answer))
            .route("/persons", get(list))
            .with_state(Arc::new(self))
    }

    /// Serves the sandbox on `listener` until the task is dropped.
    pub async fn serve(self, listener: tokio::net::TcpListener) -> std::io::Result<()> {
        axum::serve(listener, self.router()).await
    }
}

fn problem(status: StatusCode, detail: &str) -> Response {
    let body = serde_json::json!({ "type": "about:blank", "title": status.canonical_reason(), "detail": detail });
    (status, [("content-type", "application/problem+json")], body.to_string()).into_response()
}

/// Refuses a call that does not name its client and message as the protocol requires.
fn check_protocol(headers: &HeaderMap) -> Option<Response> {
    ["x-road-client", "x-road-id", "x-road-issue"]
        .into_iter()
        .find(|name| headers.get(*name).and_then(|value| value.to_str().ok()).is_none_or(str::is_empty))
        .map(|name| problem(StatusCode::BAD_REQUEST, &format!("the {name} header is required")))
}

async fn answer(
    State(sandbox): State<Arc<Sandbox>>,
    headers: HeaderMap,
    Path((member, subsystem, service, id)): Path<(String, String, String, String)>,
) -> Response {
    if let Some(refused) = check_protocol(&headers) {
        return refused;
    }
    let Some(adapter) = Adapter::from_service_id(&format!("AZ/GOV/{member}/{subsystem}/{service}")) else {
        return problem(StatusCode::NOT_FOUND, "no such service");
    };
    let valid = match adapter.key_kind() {
        KeyKind::Fin => id.parse::<Fin>().is_ok(),
        KeyKind::Voen => id.parse::<Voen>().is_ok(),
    };
    if !valid {
        return problem(StatusCode::BAD_REQUEST, "not an identifier of this service");
    }
    let Some(record) = sandbox.record(adapter, &id) else {
        return problem(StatusCode::NOT_FOUND, "no such record");
    };
    let classified = adapter.may_be_classified() && id.parse::<Fin>().is_ok_and(|fin| sandbox.classified(&fin));
    let mut response = axum::Json(record).into_response();
    if classified {
        response.headers_mut().insert(crate::CLASSIFIED_HEADER, axum::http::HeaderValue::from_static("VEIS-1.10"));
    }
    response
}

#[derive(serde::Deserialize)]
struct ListQuery {
    #[serde(default)]
    page: u64,
}

async fn list(State(sandbox): State<Arc<Sandbox>>, Query(query): Query<ListQuery>) -> Response {
    let persons: Vec<serde_json::Value> = sandbox
        .persons_page(query.page, 50)
        .into_iter()
        .map(
            |(index, person)| serde_json::json!({ "index": index, "fin": person.fin, "full_name": person.full_name() }),
        )
        .collect();
    axum::Json(serde_json::json!({ "page": query.page, "total": sandbox.persons, "persons": persons })).into_response()
}

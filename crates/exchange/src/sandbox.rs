//! The test environment's stand-ins for the state registries behind EHİS, served over HTTP on
//! loopback so the gateway is exercised over a real socket, speaking the same X-Road REST paths
//! and refusing a call without the protocol's headers.
//!
//! The data is synthetic and deterministic: every valid FİN and VÖEN names a person or taxpayer
//! derived from a hash of the seed and the identifier (Azerbaijani names, patronymics, addresses),
//! except one in eight, which the registry does not know (404). The demo accounts and
//! organizations are handed in by name, so a person or company of the demo is always known and
//! the same in its cabinet and in the registries.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use pencere_core::{Fin, Voen};
use sha2::{Digest, Sha256};

use crate::{Person, Taxpayer};

/// The sandbox's data: a seed and the records handed in.
#[derive(Clone, Debug, Default)]
pub struct Sandbox {
    seed: u64,
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
const TRADES: &[&str] = &["Tikinti", "Ticarət", "Xidmət", "Logistika", "Aqro", "Texnologiya", "Enerji", "Turizm"];
const NAMES: &[&str] = &["Xəzər", "Qafqaz", "Abşeron", "Kür", "Şirvan", "Araz", "Göygöl", "Lənkəran"];

impl Sandbox {
    /// A sandbox deriving its records from `seed`.
    pub fn new(seed: u64) -> Sandbox {
        Sandbox { seed, ..Sandbox::default() }
    }

    /// Makes the registry know a person by this name (a demo account): always found, the rest
    /// of the record derived as for anyone.
    pub fn with_person_named(mut self, fin: &Fin, first_name: &str, last_name: &str) -> Sandbox {
        self.person_names.insert(fin.to_string(), (first_name.to_owned(), last_name.to_owned()));
        self
    }

    /// Makes the register know a taxpayer by this name (a demo organization): always found.
    pub fn with_taxpayer_named(mut self, voen: &Voen, name: &str) -> Sandbox {
        self.taxpayer_names.insert(voen.to_string(), name.to_owned());
        self
    }

    fn hash(&self, kind: &str, id: &str) -> [u8; 32] {
        let mut hasher = Sha256::new();
        hasher.update(self.seed.to_be_bytes());
        hasher.update(kind.as_bytes());
        hasher.update(id.as_bytes());
        hasher.finalize().into()
    }

    fn address(hash: &[u8; 32], offset: usize) -> String {
        let pick = |list: &[&'static str], at: usize| list[usize::from(hash[offset + at]) % list.len()];
        format!("{}, {} {}", pick(CITIES, 0), pick(STREETS, 1), 1 + u32::from(hash[offset + 2]) % 180)
    }

    /// The person with this FİN, if the registry knows one.
    pub fn person(&self, fin: &Fin) -> Option<Person> {
        let fin = fin.to_string();
        let hash = self.hash("person", &fin);
        let named = self.person_names.get(&fin);
        if hash[0].is_multiple_of(8) && named.is_none() {
            return None;
        }
        let female = hash[1].is_multiple_of(2);
        let pick = |list: &[&'static str], at: usize| list[usize::from(hash[at]) % list.len()];
        let surname = pick(SURNAMES, 3);
        let (first_name, last_name, patronymic) = if female {
            (pick(FEMALE, 2), format!("{surname}a"), format!("{} qızı", pick(FATHERS, 4)))
        } else {
            (pick(MALE, 2), surname.to_owned(), format!("{} oğlu", pick(FATHERS, 4)))
        };
        let (first_name, last_name) = match named {
            Some((first, last)) => (first.as_str(), last.clone()),
            None => (first_name, last_name),
        };
        let year = 1950 + u32::from(hash[5]) % 55;
        let month = 1 + u32::from(hash[6]) % 12;
        let day = 1 + u32::from(hash[7]) % 28;
        Some(Person {
            fin,
            first_name: first_name.to_owned(),
            last_name,
            patronymic,
            birth_date: format!("{year:04}-{month:02}-{day:02}"),
            registered_address: Sandbox::address(&hash, 8),
        })
    }

    /// The taxpayer with this VÖEN, if the register knows one.
    pub fn taxpayer(&self, voen: &Voen) -> Option<Taxpayer> {
        let voen = voen.to_string();
        let hash = self.hash("taxpayer", &voen);
        let named = self.taxpayer_names.get(&voen);
        if hash[0].is_multiple_of(8) && named.is_none() {
            return None;
        }
        let pick = |list: &[&'static str], at: usize| list[usize::from(hash[at]) % list.len()];
        let legal = voen.ends_with('1');
        let name = if legal {
            format!("“{} {}” MMC", pick(NAMES, 1), pick(TRADES, 2))
        } else {
            format!("{} {} (fərdi sahibkar)", pick(SURNAMES, 1), pick(MALE, 2))
        };
        let name = named.cloned().unwrap_or(name);
        let year = 2000 + u32::from(hash[3]) % 26;
        let month = 1 + u32::from(hash[4]) % 12;
        let day = 1 + u32::from(hash[5]) % 28;
        Some(Taxpayer {
            voen,
            name,
            kind: if legal { "legal" } else { "natural" }.to_owned(),
            legal_address: Sandbox::address(&hash, 8),
            status: if hash[6].is_multiple_of(16) { "suspended" } else { "active" }.to_owned(),
            registered_on: format!("{year:04}-{month:02}-{day:02}"),
        })
    }

    /// The sandbox as an HTTP service: the X-Road REST paths of the registries.
    pub fn router(self) -> Router {
        Router::new()
            .route("/r1/AZ/GOV/VMX/civil-registry/persons/{fin}", get(person))
            .route("/r1/AZ/GOV/DVX/taxpayers/taxpayers/{voen}", get(taxpayer))
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

async fn person(State(sandbox): State<Arc<Sandbox>>, headers: HeaderMap, Path(fin): Path<String>) -> Response {
    if let Some(refused) = check_protocol(&headers) {
        return refused;
    }
    let Ok(fin) = fin.parse::<Fin>() else { return problem(StatusCode::BAD_REQUEST, "not a FİN") };
    match sandbox.person(&fin) {
        Some(person) => axum::Json(person).into_response(),
        None => problem(StatusCode::NOT_FOUND, "no such person"),
    }
}

async fn taxpayer(State(sandbox): State<Arc<Sandbox>>, headers: HeaderMap, Path(voen): Path<String>) -> Response {
    if let Some(refused) = check_protocol(&headers) {
        return refused;
    }
    let Ok(voen) = voen.parse::<Voen>() else { return problem(StatusCode::BAD_REQUEST, "not a VÖEN") };
    match sandbox.taxpayer(&voen) {
        Some(taxpayer) => axum::Json(taxpayer).into_response(),
        None => problem(StatusCode::NOT_FOUND, "no such taxpayer"),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests")]
    use super::*;

    #[test]
    fn records_are_deterministic_and_some_identifiers_are_unknown() {
        let sandbox = Sandbox::new(7);
        let fins: Vec<Fin> = ["5ZX3K7P", "2HKJ4LM", "7BC4D9E", "3KLM5N8", "4PQR6S2", "5TUV7W3", "6XYZ8A4", "8BCD9E5"]
            .iter()
            .map(|text| text.parse().unwrap())
            .collect();
        let first: Vec<Option<Person>> = fins.iter().map(|fin| sandbox.person(fin)).collect();
        let again: Vec<Option<Person>> = fins.iter().map(|fin| Sandbox::new(7).person(fin)).collect();
        assert_eq!(first, again, "the same seed gives the same people");
        assert_ne!(first, fins.iter().map(|fin| Sandbox::new(8).person(fin)).collect::<Vec<_>>());
        let known = first.iter().flatten().next().unwrap();
        assert!(known.patronymic.ends_with("oğlu") || known.patronymic.ends_with("qızı"), "{known:?}");
        // A person named by the demo is always known, under that name.
        let unknown = fins.iter().zip(&first).find(|(_, person)| person.is_none()).map(|(fin, _)| fin.clone());
        let fin = unknown.unwrap_or_else(|| fins[0].clone());
        let named = Sandbox::new(7).with_person_named(&fin, "Rəşad", "Məmmədov").person(&fin).unwrap();
        assert_eq!((named.first_name.as_str(), named.last_name.as_str()), ("Rəşad", "Məmmədov"));
    }
}

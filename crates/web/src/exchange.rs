//! Prefill of application forms from other state systems through the EHİS gateway (LIC-4.2):
//! the fields a service marks `prefill = "ehis.…"` are filled from the tax register (the
//! organization the applicant acts for, by VÖEN) and the civil registry (the applicant, by FİN),
//! each call logged by the gateway with its purpose and the body and role the user acts in.
//! When a registry does not answer, or no gateway is configured, the form says so and the
//! applicant enters the data themselves (and may attach a scanned document) — nothing blocks the
//! application. Tax-secret data moves only with the taxpayer's consent (TOB-4.3): without it the
//! form says so and links to the cabinet's consents. Data an official of the source agency
//! entered by hand is named as such, by whom and when (TOB-4.5, VEIS-4.5).

use std::collections::BTreeMap;

use fluent_bundle::FluentValue;
use pencere_cases::FormData;
use pencere_cases::catalog::{Prefill, Service};
use pencere_exchange::{Adapter, ExchangeError, Provenance, Purpose, Sourced, TaxObjects};
use pencere_identity::ActiveSession;

use crate::AppState;
use crate::i18n::Tr;

/// What the exchange added to a form.
#[derive(Debug, Default)]
pub struct RegistryPrefill {
    /// The fields filled from a registry, with the service id of the registry.
    pub filled: BTreeMap<String, String>,
    /// The registries that did not answer (adapter names: `tax`, `civil-registry`).
    pub unavailable: Vec<&'static str>,
    /// The registries whose data set needs the entity's consent, not in force (adapter names).
    pub needs_consent: Vec<&'static str>,
    /// The registries whose data came from a record entered by hand: adapter, by whom, when.
    pub manual: Vec<(&'static str, String, pencere_core::Timestamp)>,
}

/// A note on the form about the registries, with a link to follow when there is one.
#[derive(Debug)]
pub struct RegistryNote {
    /// The element id (`exchange-prefilled`, `exchange-unavailable`, `exchange-consent`,
    /// `exchange-manual`).
    pub id: &'static str,
    /// The text.
    pub text: String,
    /// Where to go and the link's text.
    pub link: Option<(String, String)>,
}

impl RegistryPrefill {
    /// The form's notes: what was filled and from where, and what did not answer.
    pub fn notes(&self, tr: &Tr<'_>, service: &Service) -> Vec<RegistryNote> {
        let lang = tr.lang();
        let registries = |adapters: &[&'static str]| -> String {
            adapters.iter().map(|adapter| tr.t(&format!("exchange-registry-{adapter}"))).collect::<Vec<_>>().join(", ")
        };
        let mut notes = Vec::new();
        if !self.filled.is_empty() {
            let fields: Vec<String> = service
                .fields
                .iter()
                .filter(|field| self.filled.contains_key(&field.id))
                .map(|field| field.label.get(lang).to_owned())
                .collect();
            notes.push(RegistryNote {
                id: "exchange-prefilled",
                text: tr.t_with("exchange-prefilled", &[("fields", FluentValue::from(fields.join(", ")))]),
                link: None,
            });
        }
        for (adapter, by, at) in &self.manual {
            let args = [
                ("registry", FluentValue::from(tr.t(&format!("exchange-registry-{adapter}")))),
                ("by", FluentValue::from(by.as_str())),
                ("at", FluentValue::from(at.baku_minute())),
            ];
            notes.push(RegistryNote {
                id: "exchange-manual",
                text: tr.t_with("exchange-manual-note", &args),
                link: None,
            });
        }
        if !self.needs_consent.is_empty() {
            notes.push(RegistryNote {
                id: "exchange-consent",
                text: tr.t_with(
                    "exchange-consent-needed",
                    &[("registries", FluentValue::from(registries(&self.needs_consent)))],
                ),
                link: Some(("/cabinet/consents".to_owned(), tr.t("exchange-consent-give-link"))),
            });
        }
        if !self.unavailable.is_empty() {
            notes.push(RegistryNote {
                id: "exchange-unavailable",
                text: tr.t_with(
                    "exchange-unavailable",
                    &[("registries", FluentValue::from(registries(&self.unavailable)))],
                ),
                link: None,
            });
        }
        notes
    }

    /// Records how one read ended; the data when there is some.
    fn take<T>(&mut self, adapter: Adapter, read: Result<Option<Sourced<T>>, ExchangeError>) -> Option<T> {
        match read {
            Ok(Some(sourced)) => {
                if let Provenance::Manual(manual) = sourced.provenance {
                    self.manual.push((adapter.as_str(), manual.by_name, manual.at));
                }
                Some(sourced.value)
            }
            Ok(None) => None,
            Err(ExchangeError::NoConsent { .. }) => {
                self.needs_consent.push(adapter.as_str());
                None
            }
            // Restricted data the user's role is not cleared for: nothing to fill in, as when
            // the registry has none (the refusal is in the message log), not "did not answer".
            Err(ExchangeError::NotCleared { .. }) => None,
            Err(error) => {
                tracing::warn!(%error, adapter = adapter.as_str(), "prefill from a registry");
                self.unavailable.push(adapter.as_str());
                None
            }
        }
    }
}

/// The purpose of a read on the session's behalf: its text, the user, and the body and role they
/// act in (the data tracker shows these).
pub fn purpose<'a>(text: &'a str, session: &'a ActiveSession) -> Purpose<'a> {
    let membership = session.acting_memberships().next();
    Purpose {
        text,
        user_id: Some(&session.user.id),
        body_id: membership.map(|membership| membership.organization.id.as_str()),
        role: membership.map(|membership| membership.role.as_str()),
    }
}

/// Fills the empty fields of `values` that the service takes from registries.
pub async fn prefill(
    state: &AppState,
    service: &Service,
    session: &ActiveSession,
    values: &mut FormData,
) -> RegistryPrefill {
    let mut outcome = RegistryPrefill::default();
    let wanted: Vec<(String, Prefill)> = service
        .fields
        .iter()
        .filter_map(|field| field.prefill.filter(|prefill| prefill.through_exchange()).map(|p| (field.id.clone(), p)))
        .filter(|(id, _)| values.get(id).is_none_or(String::is_empty))
        .collect();
    if wanted.is_empty() {
        return outcome;
    }
    let purpose_text = format!("prefill {}", service.id);
    let purpose = purpose(&purpose_text, session);
    let gateway = state.services().exchange.clone();
    let needs_tax = wanted.iter().any(|(_, p)| {
        matches!(p, Prefill::TaxpayerName | Prefill::TaxpayerLegalAddress | Prefill::TaxpayerRegisteredOn)
    });
    let needs_objects = wanted.iter().any(|(_, p)| matches!(p, Prefill::TaxObjectAddresses | Prefill::ProductionSince));
    let needs_person = wanted.iter().any(|(_, p)| *p == Prefill::PersonAddress);

    let voen = if needs_tax || needs_objects { acting_voen(state, session).await } else { None };
    let mut taxpayer = None;
    if needs_tax && let Some(voen) = &voen {
        match &gateway {
            Some(gateway) => taxpayer = outcome.take(Adapter::Tax, gateway.taxpayer(voen, &purpose).await),
            None => outcome.unavailable.push(Adapter::Tax.as_str()),
        }
    }
    let mut objects = None;
    if needs_objects && let Some(voen) = &voen {
        match &gateway {
            Some(gateway) => {
                objects = outcome.take(Adapter::TaxObjects, gateway.fetch::<TaxObjects>(voen, &purpose).await);
            }
            None => outcome.unavailable.push(Adapter::TaxObjects.as_str()),
        }
    }
    let mut person = None;
    if needs_person && let Some(fin) = session.user.fin.as_ref() {
        match &gateway {
            Some(gateway) => person = outcome.take(Adapter::CivilRegistry, gateway.person(fin, &purpose).await),
            None => outcome.unavailable.push(Adapter::CivilRegistry.as_str()),
        }
    }
    for (id, source) in wanted {
        let (value, registry) = match source {
            Prefill::TaxpayerName => (taxpayer.as_ref().map(|t| t.name.clone()), Adapter::Tax),
            Prefill::TaxpayerLegalAddress => (taxpayer.as_ref().map(|t| t.legal_address.clone()), Adapter::Tax),
            Prefill::PersonAddress => (person.as_ref().map(|p| p.registered_address.clone()), Adapter::CivilRegistry),
            Prefill::TaxpayerRegisteredOn => (taxpayer.as_ref().map(|t| t.registered_on.clone()), Adapter::Tax),
            Prefill::TaxObjectAddresses => (
                objects
                    .as_ref()
                    .map(|o| o.objects.iter().map(|object| object.address.as_str()).collect::<Vec<_>>().join("\n")),
                Adapter::TaxObjects,
            ),
            // The first production object's registration is when production began here.
            Prefill::ProductionSince => (
                objects.as_ref().and_then(|o| {
                    o.objects
                        .iter()
                        .filter(|object| object.kind == "production")
                        .map(|object| object.registered_on.clone())
                        .min()
                }),
                Adapter::TaxObjects,
            ),
            _ => (None, Adapter::Tax),
        };
        if let Some(value) = value.filter(|value| !value.is_empty()) {
            values.insert(id.clone(), value);
            outcome.filled.insert(id, registry.service_id());
        }
    }
    outcome
}

/// The VÖEN of the organization the session acts for, when it has one.
async fn acting_voen(state: &AppState, session: &ActiveSession) -> Option<pencere_core::Voen> {
    let membership = session.acting_memberships().next()?;
    let mut tx = state.db().begin_read().await.ok()?;
    let organization =
        pencere_store::organizations::find_by_code(&mut tx, &membership.organization.code).await.ok()??;
    organization.voen?.parse().ok()
}

//! Prefill of application forms from other state systems through the EHİS gateway (LIC-4.2):
//! the fields a service marks `prefill = "ehis.…"` are filled from the tax register (the
//! organization the applicant acts for, by VÖEN) and the civil registry (the applicant, by FİN),
//! each call logged by the gateway with its purpose. When a registry does not answer, or no
//! gateway is configured, the form says so and the applicant enters the data themselves (and may
//! attach a scanned document) — nothing blocks the application.

use std::collections::BTreeMap;

use fluent_bundle::FluentValue;
use pencere_cases::FormData;
use pencere_cases::catalog::{Prefill, Service};
use pencere_exchange::Purpose;
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
}

impl RegistryPrefill {
    /// The form's notes: what was filled and from where, and what did not answer.
    pub fn notes(&self, tr: &Tr<'_>, service: &Service) -> Vec<(&'static str, String)> {
        let lang = tr.lang();
        let mut notes = Vec::new();
        if !self.filled.is_empty() {
            let fields: Vec<String> = service
                .fields
                .iter()
                .filter(|field| self.filled.contains_key(&field.id))
                .map(|field| field.label.get(lang).to_owned())
                .collect();
            notes.push((
                "exchange-prefilled",
                tr.t_with("exchange-prefilled", &[("fields", FluentValue::from(fields.join(", ")))]),
            ));
        }
        if !self.unavailable.is_empty() {
            let registries: Vec<String> =
                self.unavailable.iter().map(|adapter| tr.t(&format!("exchange-registry-{adapter}"))).collect();
            notes.push((
                "exchange-unavailable",
                tr.t_with("exchange-unavailable", &[("registries", FluentValue::from(registries.join(", ")))]),
            ));
        }
        notes
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
    let purpose = Purpose { text: &purpose_text, user_id: Some(&session.user.id) };
    let gateway = state.services().exchange.clone();
    let needs_tax = wanted.iter().any(|(_, p)| matches!(p, Prefill::TaxpayerName | Prefill::TaxpayerLegalAddress));
    let needs_person = wanted.iter().any(|(_, p)| *p == Prefill::PersonAddress);

    let mut taxpayer = None;
    if needs_tax && let Some(voen) = acting_voen(state, session).await {
        match &gateway {
            Some(gateway) => match gateway.taxpayer(&voen, &purpose).await {
                Ok(found) => taxpayer = found,
                Err(error) => {
                    tracing::warn!(%error, "prefill from the tax register");
                    outcome.unavailable.push("tax");
                }
            },
            None => outcome.unavailable.push("tax"),
        }
    }
    let mut person = None;
    if needs_person && let Some(fin) = session.user.fin.as_ref() {
        match &gateway {
            Some(gateway) => match gateway.person(fin, &purpose).await {
                Ok(found) => person = found,
                Err(error) => {
                    tracing::warn!(%error, "prefill from the civil registry");
                    outcome.unavailable.push("civil-registry");
                }
            },
            None => outcome.unavailable.push("civil-registry"),
        }
    }
    for (id, source) in wanted {
        let (value, registry) = match source {
            Prefill::TaxpayerName => (taxpayer.as_ref().map(|t| t.name.clone()), pencere_exchange::Adapter::Tax),
            Prefill::TaxpayerLegalAddress => {
                (taxpayer.as_ref().map(|t| t.legal_address.clone()), pencere_exchange::Adapter::Tax)
            }
            Prefill::PersonAddress => {
                (person.as_ref().map(|p| p.registered_address.clone()), pencere_exchange::Adapter::CivilRegistry)
            }
            _ => (None, pencere_exchange::Adapter::Tax),
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

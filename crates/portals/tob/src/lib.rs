//! The registry of entrepreneurs importing or producing tobacco products (`tob`), part of the unified registry.
//!
//! The portal contributes its description and its documents' and notices' texts (`i18n/*.ftl`)
//! and its catalog (`catalog/`): the registration of an entity, the workflow of entry in the
//! registry — which is the unified registry of licences and permits (TOB-1.10) — and of its
//! suspension, restoration and cancellation by signed acts.

use pencere_core::Lang;
use pencere_web::Portal;
use pencere_web::i18n::FtlSource;

const MESSAGES: &[FtlSource] = &[
    FtlSource { lang: Lang::Az, name: "tob/az.ftl", text: include_str!("../i18n/az.ftl") },
    FtlSource { lang: Lang::En, name: "tob/en.ftl", text: include_str!("../i18n/en.ftl") },
    FtlSource { lang: Lang::Ru, name: "tob/ru.ftl", text: include_str!("../i18n/ru.ftl") },
];

include!(concat!(env!("OUT_DIR"), "/catalog.rs"));

/// The tobacco importers and producers registry, as the platform's web layer sees it.
pub fn portal() -> Portal {
    Portal {
        code: "tob",
        clause_prefix: "TOB",
        messages: MESSAGES,
        roles: &["tob.officer"],
        catalog: CATALOG,
        participation: None,
        // The regulation names no period of notice before planned work.
        maintenance: None,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]

    use pencere_cases::Catalog;

    #[test]
    fn the_catalog_loads_with_the_registration_and_its_signed_acts() {
        let catalog = Catalog::load(super::CATALOG).unwrap();
        let (service, workflow) = catalog.service_and_workflow("tob.registration").unwrap();
        assert_eq!(service.system(), "tob");
        assert_eq!(service.number_prefix, "TOB");
        for transition in ["enter", "suspend", "restore", "cancel"] {
            let transition = workflow.transition(transition).unwrap();
            assert!(transition.document.is_some() && transition.registry.is_some(), "{}", transition.id);
        }
    }
}

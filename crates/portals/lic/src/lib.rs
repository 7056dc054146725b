//! The Licences and Permits portal (`lic`): applications, the legal workflow, fees, e-signed licences and the unified registry of licences and permits.
//!
//! The portal contributes its description (`i18n/*.ftl`) and its service catalog (`catalog/`:
//! one TOML file per licence or permit type, and the licence workflow) to the platform, and its
//! rules of public participation (`catalog/participation.toml`: inquiries, suggestions, drafts of
//! legal acts) and the notice its participants give before planned work
//! (`catalog/maintenance.toml`).

use pencere_core::Lang;
use pencere_web::Portal;
use pencere_web::i18n::FtlSource;

const MESSAGES: &[FtlSource] = &[
    FtlSource { lang: Lang::Az, name: "lic/az.ftl", text: include_str!("../i18n/az.ftl") },
    FtlSource { lang: Lang::En, name: "lic/en.ftl", text: include_str!("../i18n/en.ftl") },
    FtlSource { lang: Lang::Ru, name: "lic/ru.ftl", text: include_str!("../i18n/ru.ftl") },
];

include!(concat!(env!("OUT_DIR"), "/catalog.rs"));

/// The rules of public participation: who inquiries go to, their numbers and answer period.
const PARTICIPATION: pencere_cases::CatalogSource = pencere_cases::CatalogSource {
    path: "lic/catalog/participation.toml",
    text: include_str!("../catalog/participation.toml"),
};

/// How far ahead participants announce planned work on their integrated systems (LIC-9.1.6).
const MAINTENANCE: pencere_cases::CatalogSource = pencere_cases::CatalogSource {
    path: "lic/catalog/maintenance.toml",
    text: include_str!("../catalog/maintenance.toml"),
};

/// The Licences and Permits portal, as the platform's web layer sees it.
pub fn portal() -> Portal {
    Portal {
        code: "lic",
        clause_prefix: "LIC",
        messages: MESSAGES,
        roles: &["lic.reviewer", "lic.head", "lic.opinion", "lic.supervisor", "lic.feed"],
        catalog: CATALOG,
        participation: Some(PARTICIPATION),
        maintenance: Some(MAINTENANCE),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]

    use pencere_cases::Catalog;
    use pencere_cases::participants::NoticeRule;

    // clause: LIC-9.1.6
    #[test]
    fn participants_announce_planned_work_two_working_days_ahead() {
        let rule = NoticeRule::load("lic", &super::MAINTENANCE).unwrap();
        assert_eq!(rule.notice.days, 2);
        assert!(rule.notice.verified, "checked against the regulation's clause 9.1.6");
        assert!(rule.notice.law.contains("9.1.6"));
        assert_eq!(super::portal().maintenance.unwrap().path, super::MAINTENANCE.path);
    }

    #[test]
    fn the_catalog_loads_with_every_licensed_activity() {
        let catalog = Catalog::load(super::CATALOG).unwrap();
        let ids: Vec<&str> = catalog.services_of("lic").map(|service| service.id.as_str()).collect();
        for id in [
            "lic.construction",
            "lic.data-transmission",
            "lic.fire-protection",
            "lic.general-education",
            "lic.pharmacy-retail",
            "lic.private-medical",
            "lic.toxic-waste",
        ] {
            assert!(ids.contains(&id), "{id} missing from {ids:?}");
        }
        // Two issuing bodies: the registry numbers licences per body.
        let bodies: std::collections::BTreeSet<&str> = catalog
            .services()
            .iter()
            .filter(|service| service.workflow == "licence")
            .map(|service| service.competent_body.as_str())
            .collect();
        assert_eq!(bodies.into_iter().collect::<Vec<_>>(), ["digital", "economy"]);
        for service in catalog.services().iter().filter(|service| service.workflow == "licence") {
            let fee = service.fee.as_ref().unwrap();
            assert!(!fee.verified, "{}: LEGAL-FACTS marks every fee [S]", service.id);
            assert!(service.deadlines.values().all(|deadline| !deadline.verified), "{}", service.id);
            assert!(service.information.conditions.is_some(), "{}", service.id);
        }
    }
}

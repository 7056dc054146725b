//! The Licences and Permits portal (`lic`): applications, the legal workflow, fees, e-signed licences and the unified registry of licences and permits.
//!
//! The portal contributes its description (`i18n/*.ftl`) and its service catalog (`catalog/`:
//! one TOML file per licence or permit type, and the licence workflow) to the platform, and its
//! rules of public participation (`catalog/participation.toml`: inquiries, suggestions, drafts of
//! legal acts).

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

/// The Licences and Permits portal, as the platform's web layer sees it.
pub fn portal() -> Portal {
    Portal {
        code: "lic",
        clause_prefix: "LIC",
        messages: MESSAGES,
        roles: &["lic.reviewer", "lic.head", "lic.opinion", "lic.supervisor", "lic.feed"],
        catalog: CATALOG,
        participation: Some(PARTICIPATION),
    }
}

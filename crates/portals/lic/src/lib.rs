//! The Licences and Permits portal (`lic`): applications, the legal workflow, fees, e-signed licences and the unified registry of licences and permits.
//!
//! So far the portal contributes its description (`i18n/*.ftl`) to the platform's pages and API;
//! its services arrive with their issues.

use pencere_core::Lang;
use pencere_web::Portal;
use pencere_web::i18n::FtlSource;

const MESSAGES: &[FtlSource] = &[
    FtlSource { lang: Lang::Az, name: "lic/az.ftl", text: include_str!("../i18n/az.ftl") },
    FtlSource { lang: Lang::En, name: "lic/en.ftl", text: include_str!("../i18n/en.ftl") },
    FtlSource { lang: Lang::Ru, name: "lic/ru.ftl", text: include_str!("../i18n/ru.ftl") },
];

/// The Licences and Permits portal, as the platform's web layer sees it.
pub fn portal() -> Portal {
    Portal { code: "lic", clause_prefix: "LIC", messages: MESSAGES, roles: &["lic.reviewer", "lic.head"] }
}

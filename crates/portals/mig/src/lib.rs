//! The Highly Qualified Migrant portal (`mig`): employer and migrant cabinets, applications, evaluation, registry, matching.
//!
//! So far the portal contributes its description (`i18n/*.ftl`) to the platform's pages and API;
//! its services arrive with their issues.

use pencere_core::Lang;
use pencere_web::Portal;
use pencere_web::i18n::FtlSource;

const MESSAGES: &[FtlSource] = &[
    FtlSource { lang: Lang::Az, name: "mig/az.ftl", text: include_str!("../i18n/az.ftl") },
    FtlSource { lang: Lang::En, name: "mig/en.ftl", text: include_str!("../i18n/en.ftl") },
    FtlSource { lang: Lang::Ru, name: "mig/ru.ftl", text: include_str!("../i18n/ru.ftl") },
];

/// The Highly Qualified Migrant portal, as the platform's web layer sees it.
pub fn portal() -> Portal {
    Portal {
        code: "mig",
        clause_prefix: "MIG",
        messages: MESSAGES,
        roles: &["mig.officer"],
        catalog: &[],
        participation: None,
    }
}

//! The registry of entrepreneurs importing or producing tobacco products (`tob`), part of the unified registry.
//!
//! So far the portal contributes its description (`i18n/*.ftl`) to the platform's pages and API;
//! its services arrive with their issues.

use pencere_core::Lang;
use pencere_web::Portal;
use pencere_web::i18n::FtlSource;

const MESSAGES: &[FtlSource] = &[
    FtlSource { lang: Lang::Az, name: "tob/az.ftl", text: include_str!("../i18n/az.ftl") },
    FtlSource { lang: Lang::En, name: "tob/en.ftl", text: include_str!("../i18n/en.ftl") },
    FtlSource { lang: Lang::Ru, name: "tob/ru.ftl", text: include_str!("../i18n/ru.ftl") },
];

/// The tobacco importers and producers registry, as the platform's web layer sees it.
pub fn portal() -> Portal {
    Portal {
        code: "tob",
        clause_prefix: "TOB",
        messages: MESSAGES,
        roles: &["tob.officer"],
        catalog: &[],
        participation: None,
        // The regulation names no period of notice before planned work.
        maintenance: None,
    }
}

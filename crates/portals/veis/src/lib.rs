//! VEİS (`veis`): the conscription and mobilization information system of the State Service for Mobilization and Conscription.
//!
//! So far the portal contributes its description (`i18n/*.ftl`) to the platform's pages and API;
//! its services arrive with their issues.

use pencere_core::Lang;
use pencere_web::Portal;
use pencere_web::i18n::FtlSource;

const MESSAGES: &[FtlSource] = &[
    FtlSource { lang: Lang::Az, name: "veis/az.ftl", text: include_str!("../i18n/az.ftl") },
    FtlSource { lang: Lang::En, name: "veis/en.ftl", text: include_str!("../i18n/en.ftl") },
    FtlSource { lang: Lang::Ru, name: "veis/ru.ftl", text: include_str!("../i18n/ru.ftl") },
];

/// The VEİS conscription and mobilization system, as the platform's web layer sees it.
pub fn portal() -> Portal {
    Portal {
        code: "veis",
        clause_prefix: "VEIS",
        messages: MESSAGES,
        roles: &["veis.registrar", "veis.medical"],
        catalog: &[],
        participation: None,
        // The regulation names no period of notice before planned work.
        maintenance: None,
    }
}

//! The e-KOB evi portal (`kob`): the entrepreneur's e-cabinet, SME-house services, G2B/B2B, e-queue, Business Navigator.
//!
//! So far the portal contributes its description (`i18n/*.ftl`) to the platform's pages and API;
//! its services arrive with their issues.

use pencere_core::Lang;
use pencere_web::Portal;
use pencere_web::i18n::FtlSource;

const MESSAGES: &[FtlSource] = &[
    FtlSource { lang: Lang::Az, name: "kob/az.ftl", text: include_str!("../i18n/az.ftl") },
    FtlSource { lang: Lang::En, name: "kob/en.ftl", text: include_str!("../i18n/en.ftl") },
    FtlSource { lang: Lang::Ru, name: "kob/ru.ftl", text: include_str!("../i18n/ru.ftl") },
];

/// The e-KOB evi SME portal, as the platform's web layer sees it.
pub fn portal() -> Portal {
    Portal {
        code: "kob",
        clause_prefix: "KOB",
        messages: MESSAGES,
        roles: &["kob.operator"],
        catalog: &[],
        participation: None,
        // The regulation names no period of notice before planned work.
        maintenance: None,
    }
}

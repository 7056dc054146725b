//! The Highly Qualified Migrant portal (`mig`): employer and migrant cabinets, applications, evaluation, registry, matching.
//!
//! So far the portal contributes its description (`i18n/*.ftl`) to the platform's pages and API,
//! and the notice its participants give before planned work (`catalog/maintenance.toml`); its
//! services arrive with their issues.

use pencere_core::Lang;
use pencere_web::Portal;
use pencere_web::i18n::FtlSource;

const MESSAGES: &[FtlSource] = &[
    FtlSource { lang: Lang::Az, name: "mig/az.ftl", text: include_str!("../i18n/az.ftl") },
    FtlSource { lang: Lang::En, name: "mig/en.ftl", text: include_str!("../i18n/en.ftl") },
    FtlSource { lang: Lang::Ru, name: "mig/ru.ftl", text: include_str!("../i18n/ru.ftl") },
];

/// How far ahead participants announce planned work on their integrated systems (MIG-6.2.5).
const MAINTENANCE: pencere_web::CatalogSource = pencere_web::CatalogSource {
    path: "mig/catalog/maintenance.toml",
    text: include_str!("../catalog/maintenance.toml"),
};

/// The Highly Qualified Migrant portal, as the platform's web layer sees it.
pub fn portal() -> Portal {
    Portal {
        code: "mig",
        clause_prefix: "MIG",
        messages: MESSAGES,
        roles: &["mig.officer"],
        catalog: &[],
        participation: None,
        maintenance: Some(MAINTENANCE),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]

    use pencere_web::NoticeRule;

    // clause: MIG-6.2.5
    #[test]
    fn participants_announce_planned_work_five_working_days_ahead() {
        let rule = NoticeRule::load("mig", &super::MAINTENANCE).unwrap();
        assert_eq!(rule.notice.days, 5);
        assert!(rule.notice.verified, "checked against the regulation's clause 6.2.5");
        assert!(rule.notice.law.contains("6.2.5"));
    }
}

//! Translations: Fluent bundles for every language, checked complete at start-up.
//!
//! The platform's own messages live in `crates/web/i18n/{az,en,ru}/*.ftl`; each portal adds its
//! own through [`Portal::messages`](crate::Portal). Every message must exist in all three
//! languages: [`I18n::new`] refuses to start otherwise, naming the missing ids.

use std::collections::{BTreeSet, HashMap};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use pencere_core::Lang;

/// One Fluent source file of one language.
#[derive(Clone, Copy, Debug)]
pub struct FtlSource {
    /// The language of the file.
    pub lang: Lang,
    /// A name for error messages (`web/az/main.ftl`).
    pub name: &'static str,
    /// The Fluent text.
    pub text: &'static str,
}

/// The platform's own Fluent files.
pub const PLATFORM_MESSAGES: &[FtlSource] = &[
    FtlSource { lang: Lang::Az, name: "web/az/main.ftl", text: include_str!("../i18n/az/main.ftl") },
    FtlSource { lang: Lang::En, name: "web/en/main.ftl", text: include_str!("../i18n/en/main.ftl") },
    FtlSource { lang: Lang::Ru, name: "web/ru/main.ftl", text: include_str!("../i18n/ru/main.ftl") },
    FtlSource { lang: Lang::Az, name: "web/az/publication.ftl", text: include_str!("../i18n/az/publication.ftl") },
    FtlSource { lang: Lang::En, name: "web/en/publication.ftl", text: include_str!("../i18n/en/publication.ftl") },
    FtlSource { lang: Lang::Ru, name: "web/ru/publication.ftl", text: include_str!("../i18n/ru/publication.ftl") },
    FtlSource { lang: Lang::Az, name: "web/az/participation.ftl", text: include_str!("../i18n/az/participation.ftl") },
    FtlSource { lang: Lang::En, name: "web/en/participation.ftl", text: include_str!("../i18n/en/participation.ftl") },
    FtlSource { lang: Lang::Ru, name: "web/ru/participation.ftl", text: include_str!("../i18n/ru/participation.ftl") },
    FtlSource { lang: Lang::Az, name: "web/az/participants.ftl", text: include_str!("../i18n/az/participants.ftl") },
    FtlSource { lang: Lang::En, name: "web/en/participants.ftl", text: include_str!("../i18n/en/participants.ftl") },
    FtlSource { lang: Lang::Ru, name: "web/ru/participants.ftl", text: include_str!("../i18n/ru/participants.ftl") },
    FtlSource { lang: Lang::Az, name: "web/az/deadlines.ftl", text: include_str!("../i18n/az/deadlines.ftl") },
    FtlSource { lang: Lang::En, name: "web/en/deadlines.ftl", text: include_str!("../i18n/en/deadlines.ftl") },
    FtlSource { lang: Lang::Ru, name: "web/ru/deadlines.ftl", text: include_str!("../i18n/ru/deadlines.ftl") },
    FtlSource { lang: Lang::Az, name: "web/az/followups.ftl", text: include_str!("../i18n/az/followups.ftl") },
    FtlSource { lang: Lang::En, name: "web/en/followups.ftl", text: include_str!("../i18n/en/followups.ftl") },
    FtlSource { lang: Lang::Ru, name: "web/ru/followups.ftl", text: include_str!("../i18n/ru/followups.ftl") },
    FtlSource { lang: Lang::Az, name: "web/az/login_methods.ftl", text: include_str!("../i18n/az/login_methods.ftl") },
    FtlSource { lang: Lang::En, name: "web/en/login_methods.ftl", text: include_str!("../i18n/en/login_methods.ftl") },
    FtlSource { lang: Lang::Ru, name: "web/ru/login_methods.ftl", text: include_str!("../i18n/ru/login_methods.ftl") },
    FtlSource { lang: Lang::Az, name: "web/az/restricted.ftl", text: include_str!("../i18n/az/restricted.ftl") },
    FtlSource { lang: Lang::En, name: "web/en/restricted.ftl", text: include_str!("../i18n/en/restricted.ftl") },
    FtlSource { lang: Lang::Ru, name: "web/ru/restricted.ftl", text: include_str!("../i18n/ru/restricted.ftl") },
    FtlSource { lang: Lang::Az, name: "web/az/exchange.ftl", text: include_str!("../i18n/az/exchange.ftl") },
    FtlSource { lang: Lang::En, name: "web/en/exchange.ftl", text: include_str!("../i18n/en/exchange.ftl") },
    FtlSource { lang: Lang::Ru, name: "web/ru/exchange.ftl", text: include_str!("../i18n/ru/exchange.ftl") },
    FtlSource { lang: Lang::Az, name: "web/az/consent.ftl", text: include_str!("../i18n/az/consent.ftl") },
    FtlSource { lang: Lang::En, name: "web/en/consent.ftl", text: include_str!("../i18n/en/consent.ftl") },
    FtlSource { lang: Lang::Ru, name: "web/ru/consent.ftl", text: include_str!("../i18n/ru/consent.ftl") },
    FtlSource { lang: Lang::Az, name: "web/az/ehis.ftl", text: include_str!("../i18n/az/ehis.ftl") },
    FtlSource { lang: Lang::En, name: "web/en/ehis.ftl", text: include_str!("../i18n/en/ehis.ftl") },
    FtlSource { lang: Lang::Ru, name: "web/ru/ehis.ftl", text: include_str!("../i18n/ru/ehis.ftl") },
    FtlSource { lang: Lang::Az, name: "web/az/status.ftl", text: include_str!("../i18n/az/status.ftl") },
    FtlSource { lang: Lang::En, name: "web/en/status.ftl", text: include_str!("../i18n/en/status.ftl") },
    FtlSource { lang: Lang::Ru, name: "web/ru/status.ftl", text: include_str!("../i18n/ru/status.ftl") },
    FtlSource { lang: Lang::Az, name: "web/az/login_limits.ftl", text: include_str!("../i18n/az/login_limits.ftl") },
    FtlSource { lang: Lang::En, name: "web/en/login_limits.ftl", text: include_str!("../i18n/en/login_limits.ftl") },
    FtlSource { lang: Lang::Ru, name: "web/ru/login_limits.ftl", text: include_str!("../i18n/ru/login_limits.ftl") },
    FtlSource { lang: Lang::Az, name: "web/az/reports.ftl", text: include_str!("../i18n/az/reports.ftl") },
    FtlSource { lang: Lang::En, name: "web/en/reports.ftl", text: include_str!("../i18n/en/reports.ftl") },
    FtlSource { lang: Lang::Ru, name: "web/ru/reports.ftl", text: include_str!("../i18n/ru/reports.ftl") },
];

/// Why the translations cannot be loaded.
#[derive(Debug, thiserror::Error)]
pub enum I18nError {
    /// A file is not valid Fluent.
    #[error("{file}: {errors}")]
    Syntax { file: &'static str, errors: String },
    /// A message id is defined twice for one language.
    #[error("{file}: {reason}")]
    Duplicate { file: &'static str, reason: String },
    /// Some message ids exist in one language but not in another.
    #[error("translations incomplete: {0}")]
    Incomplete(String),
}

/// Every language's bundle.
pub struct I18n {
    bundles: HashMap<Lang, FluentBundle<FluentResource>>,
}

impl std::fmt::Debug for I18n {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("I18n").field("languages", &self.bundles.keys().collect::<Vec<_>>()).finish()
    }
}

impl I18n {
    /// Loads the given files and checks that every language defines the same message ids.
    pub fn new(sources: &[FtlSource]) -> Result<I18n, I18nError> {
        let mut bundles = HashMap::new();
        let mut ids: HashMap<Lang, BTreeSet<String>> = HashMap::new();
        for lang in Lang::ALL {
            let locale = lang
                .as_str()
                .parse()
                .map_err(|_| I18nError::Syntax { file: "locale", errors: format!("cannot parse locale {lang}") })?;
            let mut bundle = FluentBundle::new_concurrent(vec![locale]);
            // Unicode isolation marks around placeables would end up inside HTML attributes.
            bundle.set_use_isolating(false);
            bundles.insert(lang, bundle);
            ids.insert(lang, BTreeSet::new());
        }
        for source in sources {
            let resource =
                FluentResource::try_new(source.text.to_owned()).map_err(|(_, errors)| I18nError::Syntax {
                    file: source.name,
                    errors: errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "),
                })?;
            for entry in resource.entries() {
                if let fluent_syntax::ast::Entry::Message(message) = entry {
                    ids.entry(source.lang).or_default().insert(message.id.name.to_owned());
                }
            }
            if let Some(bundle) = bundles.get_mut(&source.lang) {
                bundle.add_resource(resource).map_err(|errors| I18nError::Duplicate {
                    file: source.name,
                    reason: errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "),
                })?;
            }
        }
        let all: BTreeSet<&String> = ids.values().flatten().collect();
        let mut missing = Vec::new();
        for lang in Lang::ALL {
            let have = ids.get(&lang);
            let lacking: Vec<&str> = all
                .iter()
                .filter(|id| !have.is_some_and(|have| have.contains(id.as_str())))
                .map(|id| id.as_str())
                .collect();
            if !lacking.is_empty() {
                missing.push(format!("{lang} lacks {}", lacking.join(", ")));
            }
        }
        if !missing.is_empty() {
            return Err(I18nError::Incomplete(missing.join("; ")));
        }
        Ok(I18n { bundles })
    }

    /// The translator for one language.
    pub fn tr(&self, lang: Lang) -> Tr<'_> {
        Tr { lang, bundle: self.bundles.get(&lang) }
    }
}

/// Formats messages of one language; what templates and handlers call.
#[derive(Clone, Copy)]
pub struct Tr<'a> {
    lang: Lang,
    bundle: Option<&'a FluentBundle<FluentResource>>,
}

impl Tr<'_> {
    /// The language this translator speaks.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The message `id`, or the id itself (logged) when it does not exist.
    pub fn t(&self, id: &str) -> String {
        self.format(id, None)
    }

    /// The message `id` with arguments.
    pub fn t_with(&self, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        self.format(id, Some(&fluent_args))
    }

    /// Whether the message `id` exists.
    pub fn has(&self, id: &str) -> bool {
        self.bundle.is_some_and(|bundle| bundle.has_message(id))
    }

    fn format(&self, id: &str, args: Option<&FluentArgs<'_>>) -> String {
        let Some(pattern) = self.bundle.and_then(|bundle| bundle.get_message(id)).and_then(|m| m.value()) else {
            tracing::warn!(message.id = id, lang = %self.lang, "missing translation");
            return id.to_owned();
        };
        let mut errors = Vec::new();
        let text = self
            .bundle
            .map(|bundle| bundle.format_pattern(pattern, args, &mut errors).into_owned())
            .unwrap_or_default();
        if !errors.is_empty() {
            tracing::warn!(message.id = id, lang = %self.lang, ?errors, "translation formatting");
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(lang: Lang, text: &'static str) -> FtlSource {
        FtlSource { lang, name: "test.ftl", text }
    }

    #[test]
    fn incomplete_translations_are_refused_naming_the_ids() {
        let error = I18n::new(&[
            source(Lang::Az, "a = A\nb = B\n"),
            source(Lang::En, "a = A\n"),
            source(Lang::Ru, "a = A\nb = Б\n"),
        ])
        .unwrap_err();
        assert_eq!(error.to_string(), "translations incomplete: en lacks b");
    }

    #[test]
    fn formats_with_arguments_and_plurals() {
        let i18n = I18n::new(&[
            source(Lang::Az, "n = { $count } tələb\n"),
            source(Lang::En, "n = { $count ->\n    [one] one requirement\n   *[other] { $count } requirements\n}\n"),
            source(
                Lang::Ru,
                "n = { $count ->\n    [one] { $count } требование\n    [few] { $count } требования\n   *[many] { $count } требований\n}\n",
            ),
        ])
        .unwrap();
        let count = |n: i64| [("count", FluentValue::from(n))];
        assert_eq!(i18n.tr(Lang::En).t_with("n", &count(1)), "one requirement");
        assert_eq!(i18n.tr(Lang::Ru).t_with("n", &count(3)), "3 требования");
        assert_eq!(i18n.tr(Lang::Ru).t_with("n", &count(5)), "5 требований");
        assert_eq!(i18n.tr(Lang::Az).t("missing-id"), "missing-id");
    }

    #[test]
    fn every_exchange_adapter_is_named_in_every_language() {
        let i18n = I18n::new(PLATFORM_MESSAGES).unwrap();
        for lang in [Lang::Az, Lang::En, Lang::Ru] {
            for adapter in pencere_exchange::Adapter::ALL {
                let id = format!("exchange-registry-{}", adapter.as_str());
                assert!(i18n.tr(lang).has(&id), "{lang} lacks {id}");
            }
        }
    }
}

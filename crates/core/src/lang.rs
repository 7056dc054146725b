//! The languages the user interface speaks, and the negotiation of one from a request.
//!
//! Azerbaijani is the default; English and Russian are complete translations (MIG 4.2 asks for at
//! least two foreign languages).

use std::fmt;
use std::str::FromStr;

/// A language of the user interface.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Lang {
    /// Azerbaijani, the default.
    #[default]
    Az,
    /// English.
    En,
    /// Russian.
    Ru,
}

/// A language tag that names none of the languages Pəncərə speaks.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unsupported language {0:?}: expected one of az, en, ru")]
pub struct UnsupportedLang(pub String);

impl Lang {
    /// Every language, the default first.
    pub const ALL: [Lang; 3] = [Lang::Az, Lang::En, Lang::Ru];

    /// The BCP 47 tag (`az`, `en`, `ru`).
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Az => "az",
            Lang::En => "en",
            Lang::Ru => "ru",
        }
    }

    /// Of three values in the order Azerbaijani, English, Russian, the one for this language.
    pub fn pick<T>(self, values: &[T; 3]) -> &T {
        let [az, en, ru] = values;
        match self {
            Lang::Az => az,
            Lang::En => en,
            Lang::Ru => ru,
        }
    }

    /// The language's own name for itself, as a language switcher shows it.
    pub fn endonym(self) -> &'static str {
        match self {
            Lang::Az => "Azərbaycanca",
            Lang::En => "English",
            Lang::Ru => "Русский",
        }
    }

    /// Picks the best supported language from an HTTP `Accept-Language` value.
    ///
    /// Quality values are honoured, a region (`ru-RU`) matches its language, and `*` or an
    /// unparseable value yields `None`, so the caller falls back to the default.
    pub fn negotiate(accept_language: &str) -> Option<Lang> {
        let mut best: Option<(u16, usize, Lang)> = None;
        for (position, item) in accept_language.split(',').enumerate() {
            let mut parts = item.trim().split(';');
            let tag = parts.next().unwrap_or_default().trim();
            let quality = parts.find_map(|param| param.trim().strip_prefix("q=")).map_or(Some(1000), parse_quality);
            let (Some(quality), Some(lang)) = (quality, primary_subtag(tag)) else {
                continue;
            };
            if quality == 0 {
                continue;
            }
            // Higher quality wins; on a tie the earlier entry wins.
            let better = match best {
                None => true,
                Some((best_quality, best_position, _)) => {
                    quality > best_quality || (quality == best_quality && position < best_position)
                }
            };
            if better {
                best = Some((quality, position, lang));
            }
        }
        best.map(|(_, _, lang)| lang)
    }
}

fn primary_subtag(tag: &str) -> Option<Lang> {
    let primary = tag.split(['-', '_']).next()?;
    primary.parse().ok()
}

/// Parses an HTTP quality value (`0`, `0.5`, `1.000`) into thousandths.
fn parse_quality(value: &str) -> Option<u16> {
    let value = value.trim();
    let (whole, fraction) = value.split_once('.').unwrap_or((value, ""));
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let thousandths: u16 = format!("{fraction:0<3}").parse().ok()?;
    match whole {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

impl FromStr for Lang {
    type Err = UnsupportedLang;

    fn from_str(tag: &str) -> Result<Self, Self::Err> {
        match tag.to_ascii_lowercase().as_str() {
            "az" => Ok(Lang::Az),
            "en" => Ok(Lang::En),
            "ru" => Ok(Lang::Ru),
            _ => Err(UnsupportedLang(tag.to_owned())),
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiates_by_quality_then_order() {
        let cases = [
            ("en-US,en;q=0.9,az;q=0.8", Some(Lang::En)),
            ("ru-RU,ru;q=0.9", Some(Lang::Ru)),
            ("de-DE,de;q=0.9,ru;q=0.5,en;q=0.6", Some(Lang::En)),
            ("az-Latn-AZ", Some(Lang::Az)),
            ("en;q=0.2, ru", Some(Lang::Ru)),
            ("en;q=0, ru;q=0.1", Some(Lang::Ru)),
            ("fr, de", None),
            ("*", None),
            ("", None),
            ("en;q=2", None),
            ("en;q=abc", None),
        ];
        for (header, expected) in cases {
            assert_eq!(Lang::negotiate(header), expected, "{header}");
        }
    }

    #[test]
    fn parses_tags_case_insensitively() {
        assert_eq!("EN".parse::<Lang>(), Ok(Lang::En));
        assert!("tr".parse::<Lang>().is_err());
        assert_eq!(Lang::default(), Lang::Az);
    }
}

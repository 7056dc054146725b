//! The identifiers the regulations name: FİN for persons, VÖEN for taxpayers.
//!
//! Each is a newtype with a private field: the only way to get one is to parse it, so a value of
//! the type is valid by construction (see `LEGAL-FACTS.md` for the formats).

use std::fmt;
use std::str::FromStr;

/// Why a FİN or VÖEN was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    /// The value has the wrong number of characters.
    #[error("wrong length: expected {expected} characters")]
    Length {
        /// The length the identifier must have.
        expected: usize,
    },
    /// A character is not allowed in this identifier.
    #[error("character {0:?} is not allowed")]
    Character(char),
    /// The check digit does not match.
    #[error("check digit does not match")]
    CheckDigit,
    /// The last digit of a VÖEN must be 1 (legal person) or 2 (natural person).
    #[error("last digit must be 1 or 2")]
    Status,
}

/// The personal identification number on an Azerbaijani ID card: 7 characters, digits and
/// Latin capitals except `I` and `O`. Lowercase input is accepted and upper-cased.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Fin(String);

impl Fin {
    /// The FİN as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for Fin {
    type Err = IdError;

    fn from_str(text: &str) -> Result<Fin, IdError> {
        let text = text.trim().to_ascii_uppercase();
        if text.chars().count() != 7 {
            return Err(IdError::Length { expected: 7 });
        }
        if let Some(bad) =
            text.chars().find(|c| !(c.is_ascii_digit() || c.is_ascii_uppercase()) || *c == 'I' || *c == 'O')
        {
            return Err(IdError::Character(bad));
        }
        Ok(Fin(text))
    }
}

impl fmt::Display for Fin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Whether a taxpayer is a legal or a natural person (the VÖEN's last digit).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TaxpayerKind {
    /// Last digit 1.
    Legal,
    /// Last digit 2.
    Natural,
}

/// The taxpayer identification number: 10 digits — territory (2), serial (6), check digit (1),
/// legal status (1: legal person, 2: natural person).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Voen(String);

/// The weights of the check digit over the first eight digits.
const VOEN_WEIGHTS: [u32; 8] = [4, 1, 8, 6, 2, 7, 5, 3];

impl Voen {
    /// The VÖEN as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Legal or natural person.
    pub fn taxpayer_kind(&self) -> TaxpayerKind {
        if self.0.ends_with('2') { TaxpayerKind::Natural } else { TaxpayerKind::Legal }
    }
}

impl FromStr for Voen {
    type Err = IdError;

    fn from_str(text: &str) -> Result<Voen, IdError> {
        let text = text.trim();
        if let Some(bad) = text.chars().find(|c| !c.is_ascii_digit()) {
            return Err(IdError::Character(bad));
        }
        let digits: Vec<u32> = text.chars().filter_map(|c| c.to_digit(10)).collect();
        let [d0, d1, d2, d3, d4, d5, d6, d7, check, status] = digits[..] else {
            return Err(IdError::Length { expected: 10 });
        };
        let sum: u32 = [d0, d1, d2, d3, d4, d5, d6, d7].iter().zip(VOEN_WEIGHTS).map(|(d, w)| d * w).sum();
        if sum % 11 != check {
            return Err(IdError::CheckDigit);
        }
        if status != 1 && status != 2 {
            return Err(IdError::Status);
        }
        Ok(Voen(text.to_owned()))
    }
}

impl fmt::Display for Voen {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fin_accepts_seven_allowed_characters() {
        assert_eq!("5zx3k7p".parse::<Fin>().map(|fin| fin.to_string()), Ok("5ZX3K7P".to_owned()));
        assert_eq!("AAAAAA".parse::<Fin>(), Err(IdError::Length { expected: 7 }));
        assert_eq!("AAAAAAAA".parse::<Fin>(), Err(IdError::Length { expected: 7 }));
        assert_eq!("AAAAAAI".parse::<Fin>(), Err(IdError::Character('I')));
        assert_eq!("AAAOAAA".parse::<Fin>(), Err(IdError::Character('O')));
        assert_eq!("AAA-AAA".parse::<Fin>(), Err(IdError::Character('-')));
        assert_eq!("AAAƏAAA".parse::<Fin>(), Err(IdError::Character('Ə')));
    }

    #[test]
    fn voen_checks_length_digit_and_status() {
        // The two examples of the published algorithm.
        assert!("1401555071".parse::<Voen>().is_ok());
        assert!("1400057421".parse::<Voen>().is_ok());
        assert_eq!("1400057421".parse::<Voen>().map(|v| v.taxpayer_kind()), Ok(TaxpayerKind::Legal));
        assert_eq!("1401555081".parse::<Voen>(), Err(IdError::CheckDigit));
        assert_eq!("1401555073".parse::<Voen>(), Err(IdError::Status));
        assert_eq!("140155507".parse::<Voen>(), Err(IdError::Length { expected: 10 }));
        assert_eq!("14015550711".parse::<Voen>(), Err(IdError::Length { expected: 10 }));
        assert_eq!("14O1555071".parse::<Voen>(), Err(IdError::Character('O')));
    }

    #[test]
    fn every_check_digit_is_verified() {
        // Changing any one of the first nine digits of a valid VÖEN breaks it, unless the change
        // happens to keep the weighted sum modulo 11 (never for a single digit: weights < 11).
        let valid = "1400551291";
        for position in 0..9 {
            for replacement in '0'..='9' {
                let mut chars: Vec<char> = valid.chars().collect();
                if chars[position] == replacement {
                    continue;
                }
                chars[position] = replacement;
                let changed: String = chars.into_iter().collect();
                assert!(changed.parse::<Voen>().is_err(), "{changed} should fail");
            }
        }
    }
}

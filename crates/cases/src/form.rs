//! Checking an application's form, field by field (LIC-4.3, MIG-4.6).
//!
//! The result names each field and a problem code; the web layer turns the code into a message
//! in the applicant's language (`case-field-CODE`).

use std::collections::BTreeMap;

use pencere_core::{Fin, Voen, calendar::Date};

use crate::catalog::{FieldKind, Service};

/// The values of a form, by field id.
pub type FormData = BTreeMap<String, String>;

/// A problem with one field or document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// The field's or document slot's id.
    pub field: String,
    /// What is wrong: `required`, `too-long`, `fin`, `voen`, `date`, `email`, `phone`, `number`,
    /// `choice`, `act`, `licence`, `unknown`, `document-required`; at submission also
    /// `act-unknown` (no such act issued to the applicant), `act-kind` (an act of a kind the field
    /// does not take) and `licence-unknown` (no licence in force held by the applicant).
    pub code: &'static str,
}

/// How strictly to check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Strictness {
    /// A draft: anything goes except unknown fields and over-long values.
    Draft,
    /// A submission: required fields present, every value valid.
    Submission,
}

/// Cleans the values (trims them, drops empty ones) and checks them; documents are checked by
/// their slots' presence in `documents`.
pub fn check(
    service: &Service,
    data: &FormData,
    documents: &[&str],
    strictness: Strictness,
) -> (FormData, Vec<FieldError>) {
    let mut clean = FormData::new();
    let mut errors = Vec::new();
    let mut normalized = Vec::new();
    for (id, value) in data {
        let value = value.trim();
        if service.field(id).is_none() {
            errors.push(FieldError { field: id.clone(), code: "unknown" });
        } else if !value.is_empty() {
            clean.insert(id.clone(), value.to_owned());
        }
    }
    for field in &service.fields {
        let Some(value) = clean.get(&field.id) else {
            if field.required && strictness == Strictness::Submission {
                errors.push(FieldError { field: field.id.clone(), code: "required" });
            }
            continue;
        };
        if value.chars().count() > field.max_chars() {
            errors.push(FieldError { field: field.id.clone(), code: "too-long" });
            continue;
        }
        if strictness == Strictness::Draft {
            continue;
        }
        let problem = match field.kind {
            FieldKind::Text | FieldKind::LongText => None,
            FieldKind::Fin => value.parse::<Fin>().err().map(|_| "fin"),
            FieldKind::Voen => value.parse::<Voen>().err().map(|_| "voen"),
            FieldKind::Date => Date::parse(value).is_none().then_some("date"),
            FieldKind::Email => (!is_email(value)).then_some("email"),
            FieldKind::Phone => normalize_phone(value).is_none().then_some("phone"),
            FieldKind::Number => value.parse::<i64>().is_err().then_some("number"),
            FieldKind::Choice => (!field.options.iter().any(|option| option.value == *value)).then_some("choice"),
            FieldKind::Licence => {
                let number = value.to_uppercase();
                let shaped = number.len() <= 40
                    && number.split('-').count() >= 3
                    && number
                        .split('-')
                        .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric()));
                if shaped {
                    normalized.push((field.id.clone(), number));
                    None
                } else {
                    Some("licence")
                }
            }
            FieldKind::Act => {
                let code = crate::issuance::normalize_code(value);
                if crate::issuance::is_code(&code) {
                    normalized.push((field.id.clone(), code));
                    None
                } else {
                    Some("act")
                }
            }
        };
        if let Some(code) = problem {
            errors.push(FieldError { field: field.id.clone(), code });
        }
    }
    clean.extend(normalized);
    if strictness == Strictness::Submission {
        for slot in &service.documents {
            if slot.required && !documents.contains(&slot.id.as_str()) {
                errors.push(FieldError { field: slot.id.clone(), code: "document-required" });
            }
        }
    }
    (clean, errors)
}

pub(crate) fn is_email(value: &str) -> bool {
    let Some((local, domain)) = value.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !value.chars().any(|c| c.is_whitespace() || c == ',' || c == ';' || c == '<' || c == '>')
        && !domain.contains('@')
}

/// An Azerbaijani mobile number in the form `+994XXXXXXXXX`, from `+994…`, `994…` or `0…`
/// (LEGAL-FACTS: prefixes 10, 40, 44, 50, 51, 55, 60, 70, 77, 99 and 36554).
pub fn normalize_phone(value: &str) -> Option<String> {
    let digits: String = value.chars().filter(|c| !matches!(c, ' ' | '-' | '(' | ')')).collect();
    let national = if let Some(rest) = digits.strip_prefix("+994") {
        rest
    } else if let Some(rest) = digits.strip_prefix("994") {
        rest
    } else {
        digits.strip_prefix('0')?
    };
    let mobile = national.len() == 9
        && national.chars().all(|c| c.is_ascii_digit())
        && (["10", "40", "44", "50", "51", "55", "60", "70", "77", "99"].iter().any(|p| national.starts_with(p))
            || national.starts_with("36554"));
    mobile.then(|| format!("+994{national}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_in_every_accepted_form() {
        assert_eq!(normalize_phone("+994 50 123 45 67").as_deref(), Some("+994501234567"));
        assert_eq!(normalize_phone("994501234567").as_deref(), Some("+994501234567"));
        assert_eq!(normalize_phone("0501234567").as_deref(), Some("+994501234567"));
        assert_eq!(normalize_phone("(036) 554-1234").as_deref(), Some("+994365541234"));
        assert_eq!(normalize_phone("0121234567"), None, "a Baku landline is not a mobile");
        assert_eq!(normalize_phone("050123456"), None);
        assert_eq!(normalize_phone("+7 999 1234567"), None);
    }

    #[test]
    fn emails() {
        assert!(is_email("a.b@example.az"));
        assert!(!is_email("a.b@example"));
        assert!(!is_email("@example.az"));
        assert!(!is_email("a b@example.az"));
    }
}

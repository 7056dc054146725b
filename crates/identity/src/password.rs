//! Password hashing with Argon2id (the crate's defaults: 19 MiB, 2 passes, 1 lane, OWASP's
//! recommendation), run off the async threads because it is slow on purpose.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use rand_core::OsRng;

/// Hashes a password into a PHC string (`$argon2id$v=19$…`).
pub fn hash(password: &str) -> Result<String, String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|error| error.to_string())
}

/// Checks a password against a PHC string; a malformed stored hash never matches.
pub fn verify(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .is_ok_and(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
}

/// A hash of a random password, checked against when the login names no account, so that an
/// unknown login takes as long as a wrong password.
pub(crate) fn decoy() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| {
        let mut bytes = [0_u8; 16];
        rand_core::RngCore::fill_bytes(&mut OsRng, &mut bytes);
        hash(&crate::session::hex(&bytes)).unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_hash_verifies_its_password_only() {
        let stored = super::hash("düzgün parol").unwrap();
        assert!(stored.starts_with("$argon2id$"));
        assert!(super::verify("düzgün parol", &stored));
        assert!(!super::verify("düzgün paro1", &stored));
        assert!(!super::verify("anything", "not a hash"));
    }
}

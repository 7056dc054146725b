//! Time-based one-time passwords (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), the optional
//! second login factor of password accounts (KOB-3.6).

use hmac::{Hmac, Mac};
use pencere_core::Timestamp;
use rand_core::{OsRng, RngCore};
use sha1::Sha1;

const STEP_SECONDS: i64 = 30;
const DIGITS: u32 = 6;
const BASE32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// A new random secret, base32-encoded as authenticator apps expect.
pub fn new_secret() -> String {
    let mut bytes = [0_u8; 20];
    OsRng.fill_bytes(&mut bytes);
    base32_encode(&bytes)
}

/// The `otpauth://` URI an authenticator app imports (by QR code or by hand).
pub fn provisioning_uri(secret: &str, account: &str) -> String {
    let account: String =
        account.chars().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '@')).collect();
    format!("otpauth://totp/Pencere:{account}?secret={secret}&issuer=Pencere&algorithm=SHA1&digits=6&period=30")
}

fn base32_encode(bytes: &[u8]) -> String {
    let mut out = String::new();
    let mut buffer = 0_u32;
    let mut bits = 0;
    for byte in bytes {
        buffer = (buffer << 8) | u32::from(*byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(BASE32[((buffer >> bits) & 31) as usize]));
        }
    }
    if bits > 0 {
        out.push(char::from(BASE32[((buffer << (5 - bits)) & 31) as usize]));
    }
    out
}

fn base32_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut buffer = 0_u32;
    let mut bits = 0;
    for c in text.trim_end_matches('=').bytes() {
        let value = BASE32.iter().position(|b| *b == c.to_ascii_uppercase())? as u32;
        buffer = (buffer << 5) | value;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push(((buffer >> bits) & 0xff) as u8);
        }
    }
    Some(out)
}

/// The code for one time step.
fn code_at(key: &[u8], counter: u64) -> Option<u32> {
    let mut mac = Hmac::<Sha1>::new_from_slice(key).ok()?;
    mac.update(&counter.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = usize::from(digest.last()? & 0x0f);
    let window = digest.get(offset..offset + 4)?;
    let value = u32::from_be_bytes([window[0] & 0x7f, window[1], window[2], window[3]]);
    Some(value % 10_u32.pow(DIGITS))
}

/// The code an authenticator shows at `now`, zero-padded.
pub fn code(secret: &str, now: Timestamp) -> Option<String> {
    let key = base32_decode(secret)?;
    let counter = u64::try_from(now.as_micros() / 1_000_000 / STEP_SECONDS).ok()?;
    code_at(&key, counter).map(|code| format!("{code:06}"))
}

/// Whether `entered` is the code of the current step or of a neighbouring one (clock drift).
pub fn verify(secret: &str, entered: &str, now: Timestamp) -> bool {
    let entered = entered.trim().replace(' ', "");
    let Some(key) = base32_decode(secret) else {
        return false;
    };
    let Ok(step) = u64::try_from(now.as_micros() / 1_000_000 / STEP_SECONDS) else {
        return false;
    };
    [step.saturating_sub(1), step, step + 1]
        .iter()
        .filter_map(|counter| code_at(&key, *counter))
        .any(|candidate| format!("{candidate:06}") == entered)
}

/// Turns on the second factor for the session's user, if `entered` proves their app has
/// `secret`. Returns whether it was turned on.
pub async fn enable(
    db: &pencere_store::Db,
    session: &crate::ActiveSession,
    secret: &str,
    entered: &str,
    now: Timestamp,
    context: &crate::RequestContext<'_>,
) -> Result<bool, crate::IdentityError> {
    if !verify(secret, entered, now) {
        return Ok(false);
    }
    change(db, session, Some(secret), "identity.totp.enable", now, context).await?;
    Ok(true)
}

/// Turns the second factor off, if `entered` is a current code. Returns whether it was.
pub async fn disable(
    db: &pencere_store::Db,
    session: &crate::ActiveSession,
    entered: &str,
    now: Timestamp,
    context: &crate::RequestContext<'_>,
) -> Result<bool, crate::IdentityError> {
    let Some(secret) = session.user.totp_secret.as_deref() else {
        return Ok(false);
    };
    if !verify(secret, entered, now) {
        return Ok(false);
    }
    change(db, session, None, "identity.totp.disable", now, context).await?;
    Ok(true)
}

async fn change(
    db: &pencere_store::Db,
    session: &crate::ActiveSession,
    secret: Option<&str>,
    action: &str,
    now: Timestamp,
    context: &crate::RequestContext<'_>,
) -> Result<(), crate::IdentityError> {
    let mut tx = db.begin().await?;
    crate::store::set_totp_secret(&mut tx, &session.user.id, secret).await?;
    let entry = pencere_store::audit::NewEntry { action, ..session.entry(now, context) };
    pencere_store::audit::append(&mut tx, &entry).await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_rfc_6238_test_vectors() {
        // RFC 6238 appendix B, SHA-1 key "12345678901234567890", 8 digits there; the last six here.
        let secret = base32_encode(b"12345678901234567890");
        for (seconds, expected) in
            [(59, "287082"), (1_111_111_109, "081804"), (1_234_567_890, "005924"), (2_000_000_000, "279037")]
        {
            assert_eq!(
                code(&secret, Timestamp::from_micros(seconds * 1_000_000)).as_deref(),
                Some(expected),
                "{seconds}"
            );
        }
    }

    #[test]
    fn accepts_a_neighbouring_step_and_refuses_others() {
        let secret = new_secret();
        let now = Timestamp::from_micros(1_795_447_203_000_000);
        let current = code(&secret, now).unwrap();
        assert!(verify(&secret, &current, now));
        assert!(verify(&secret, &current, now.plus_seconds(30)));
        assert!(!verify(&secret, &current, now.plus_seconds(95)));
        assert!(!verify(&secret, "12345", now));
        assert_eq!(base32_decode(&base32_encode(b"any bytes")).as_deref(), Some(&b"any bytes"[..]));
    }
}

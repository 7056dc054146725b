//! A payment provider's callback. The first byte chooses the case: even, the body (after an
//! 8-byte timestamp) is signed with the provider's secret, as a real provider would, so that the
//! body's parsing is reached; odd, the rest is "timestamp header \n signature header \n body" as
//! anyone may send it. Authenticating never panics; a signed, fresh, well-formed body is accepted
//! and its amount parses to a value that displays back to itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pencere_core::Timestamp;
use pencere_payments::{Money, Refusal, authenticate, sign};

const SECRET: &[u8] = b"fuzz-provider-secret";
const NOW_SECONDS: i64 = 1_750_000_000;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    let now = Timestamp::from_micros(NOW_SECONDS * 1_000_000);
    if mode % 2 == 0 {
        let Some((stamp, body)) = rest.split_first_chunk::<8>() else { return };
        let offset = i64::from_le_bytes(*stamp);
        let timestamp = if mode % 4 == 0 { NOW_SECONDS.wrapping_add(offset % 600) } else { offset };
        let signature = sign(SECRET, timestamp, body);
        let outcome = authenticate(SECRET, Some(&timestamp.to_string()), Some(&signature), body, now);
        match outcome {
            Ok(callback) => {
                if let Some(amount) = Money::parse(&callback.amount) {
                    assert_eq!(Money::parse(&amount.to_string()), Some(amount));
                }
            }
            Err(refusal) => assert!(matches!(refusal, Refusal::Stale | Refusal::Malformed), "{refusal:?}"),
        }
    } else {
        let mut parts = rest.splitn(3, |&b| b == b'\n');
        let timestamp = parts.next().map(String::from_utf8_lossy);
        let signature = parts.next().map(String::from_utf8_lossy);
        let body = parts.next().unwrap_or_default();
        let _ = authenticate(SECRET, timestamp.as_deref(), signature.as_deref(), body, now);
    }
});

//! Compact JSON Web Signatures with ES256 (RFC 7515, RFC 7518): the ID tokens of single sign-on,
//! and the JSON Web Keys (RFC 7517) that publish the keys checking them.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use p256::ecdsa::signature::{Signer as _, Verifier as _};
use p256::ecdsa::{Signature, SigningKey, VerifyingKey};

/// Why a token was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum JwsError {
    /// Not three base64url parts of JSON.
    #[error("malformed token")]
    Malformed,
    /// Not ES256, or no key with that id.
    #[error("unknown key or algorithm")]
    UnknownKey,
    /// The signature does not verify.
    #[error("bad signature")]
    BadSignature,
}

/// Signs `claims` (a JSON object) as a compact JWS with ES256 and the key id `kid`.
pub fn sign(key: &SigningKey, kid: &str, claims: &serde_json::Value) -> String {
    let header = serde_json::json!({ "alg": "ES256", "typ": "JWT", "kid": kid });
    let input =
        format!("{}.{}", URL_SAFE_NO_PAD.encode(header.to_string()), URL_SAFE_NO_PAD.encode(claims.to_string()));
    let signature: Signature = key.sign(input.as_bytes());
    format!("{input}.{}", URL_SAFE_NO_PAD.encode(signature.to_bytes()))
}

/// The public JWK of a key.
pub fn jwk(key: &VerifyingKey, kid: &str) -> serde_json::Value {
    let point = key.to_encoded_point(false);
    let coordinate = |bytes: Option<&p256::FieldBytes>| bytes.map(|b| URL_SAFE_NO_PAD.encode(b)).unwrap_or_default();
    serde_json::json!({
        "kty": "EC", "crv": "P-256", "alg": "ES256", "use": "sig", "kid": kid,
        "x": coordinate(point.x()), "y": coordinate(point.y()),
    })
}

/// The P-256 keys of a JWK set, by key id; others are skipped.
pub fn keys_of(jwks: &serde_json::Value) -> Vec<(String, VerifyingKey)> {
    let decode = |value: &serde_json::Value| value.as_str().and_then(|text| URL_SAFE_NO_PAD.decode(text).ok());
    jwks["keys"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|key| key["kty"] == "EC" && key["crv"] == "P-256")
        .filter_map(|key| {
            let (x, y) = (decode(&key["x"])?, decode(&key["y"])?);
            let mut sec1 = vec![4_u8];
            sec1.extend_from_slice(&x);
            sec1.extend_from_slice(&y);
            Some((key["kid"].as_str().unwrap_or_default().to_owned(), VerifyingKey::from_sec1_bytes(&sec1).ok()?))
        })
        .collect()
}

/// The key id a compact JWS's header names, if it is well formed (to tell a rotated key from a
/// bad signature before [`verify`]).
pub fn key_id(token: &str) -> Option<String> {
    let header = token.split('.').next()?;
    let header: serde_json::Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(header).ok()?).ok()?;
    header["kid"].as_str().map(str::to_owned)
}

/// Checks a compact JWS against the keys and returns its claims. Only ES256 is accepted (never
/// `none`, never an algorithm the token chooses for itself).
pub fn verify(token: &str, keys: &[(String, VerifyingKey)]) -> Result<serde_json::Value, JwsError> {
    let mut parts = token.split('.');
    let (Some(header), Some(payload), Some(signature), None) = (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(JwsError::Malformed);
    };
    let header: serde_json::Value = URL_SAFE_NO_PAD
        .decode(header)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .ok_or(JwsError::Malformed)?;
    if header["alg"] != "ES256" {
        return Err(JwsError::UnknownKey);
    }
    let kid = header["kid"].as_str().unwrap_or_default();
    let key = keys.iter().find(|(id, _)| id == kid).map(|(_, key)| key).ok_or(JwsError::UnknownKey)?;
    let signature = URL_SAFE_NO_PAD.decode(signature).map_err(|_| JwsError::Malformed)?;
    let signature = Signature::from_slice(&signature).map_err(|_| JwsError::BadSignature)?;
    let input_len = token.len() - token.rsplit('.').next().map_or(0, str::len) - 1;
    let input = token.get(..input_len).ok_or(JwsError::Malformed)?;
    key.verify(input.as_bytes(), &signature).map_err(|_| JwsError::BadSignature)?;
    URL_SAFE_NO_PAD
        .decode(payload)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .ok_or(JwsError::Malformed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_verifies_with_its_published_key_and_not_when_changed() {
        let key = SigningKey::random(&mut rand_core::OsRng);
        let token = sign(&key, "k1", &serde_json::json!({ "sub": "5ZX3K7P", "nonce": "n" }));
        let keys = keys_of(&serde_json::json!({ "keys": [jwk(key.verifying_key(), "k1")] }));
        assert_eq!(verify(&token, &keys).unwrap()["sub"], "5ZX3K7P");

        let parts: Vec<&str> = token.split('.').collect();
        let forged_claims = URL_SAFE_NO_PAD.encode(r#"{"sub":"2HKJ4LM","nonce":"n"}"#);
        let forged = format!("{}.{forged_claims}.{}", parts[0], parts[2]);
        assert_eq!(verify(&forged, &keys), Err(JwsError::BadSignature));

        let unsigned_header = URL_SAFE_NO_PAD.encode(r#"{"alg":"none","kid":"k1"}"#);
        assert_eq!(verify(&format!("{unsigned_header}.{}.", parts[1]), &keys), Err(JwsError::UnknownKey));
        let other = SigningKey::random(&mut rand_core::OsRng);
        let other_keys = keys_of(&serde_json::json!({ "keys": [jwk(other.verifying_key(), "k1")] }));
        assert_eq!(verify(&token, &other_keys), Err(JwsError::BadSignature));
    }
}

//! The platform's own signing key: it signs the audit journal's checkpoints. Loaded from a
//! PKCS#8 PEM file in production; generated at start-up in the test environment.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use p256::ecdsa::signature::{Signer as _, Verifier as _};
use p256::ecdsa::{DerSignature, SigningKey, VerifyingKey};
use p256::pkcs8::{DecodePrivateKey, DecodePublicKey, EncodePublicKey, LineEnding};
use sha2::{Digest, Sha256};

/// The platform key.
pub struct PlatformKey {
    key: SigningKey,
    id: String,
}

impl std::fmt::Debug for PlatformKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PlatformKey").field("id", &self.id).finish_non_exhaustive()
    }
}

/// A key's id: the first eight bytes of the SHA-256 of its public key (DER), hexadecimal.
fn key_id(key: &VerifyingKey) -> String {
    let der = key.to_public_key_der().map(|der| der.as_bytes().to_vec()).unwrap_or_default();
    crate::hex(&Sha256::digest(der)[..8])
}

impl PlatformKey {
    /// A new random key.
    pub fn generate() -> PlatformKey {
        let key = SigningKey::random(&mut rand_core::OsRng);
        let id = key_id(key.verifying_key());
        PlatformKey { key, id }
    }

    /// Reads a P-256 private key in PKCS#8 PEM (`openssl genpkey -algorithm EC -pkeyopt
    /// ec_paramgen_curve:P-256`).
    pub fn from_pem(pem: &str) -> Result<PlatformKey, String> {
        let key = SigningKey::from_pkcs8_pem(pem).map_err(|error| error.to_string())?;
        let id = key_id(key.verifying_key());
        Ok(PlatformKey { key, id })
    }

    /// The key's id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The public key, PEM (`PUBLIC KEY`), for whoever verifies checkpoints.
    pub fn public_pem(&self) -> String {
        self.key.verifying_key().to_public_key_pem(LineEnding::LF).unwrap_or_default()
    }

    /// A DER ECDSA signature over `message`, base64.
    pub fn sign(&self, message: &[u8]) -> String {
        STANDARD.encode(self.sign_der(message))
    }

    /// A DER ECDSA signature over `message` (SHA-256): what `openssl dgst -sha256 -verify
    /// key.pem -signature file.sig file` checks.
    pub fn sign_der(&self, message: &[u8]) -> Vec<u8> {
        let signature: DerSignature = self.key.sign(message);
        signature.as_bytes().to_vec()
    }
}

/// A public key that checks the platform's signatures.
#[derive(Clone, Debug)]
pub struct PlatformVerifier {
    key: VerifyingKey,
    id: String,
}

impl PlatformVerifier {
    /// Reads a public key (`PUBLIC KEY` PEM) or takes the public half of a private key
    /// (PKCS#8 PEM).
    pub fn from_pem(pem: &str) -> Result<PlatformVerifier, String> {
        let key = VerifyingKey::from_public_key_pem(pem)
            .or_else(|_| SigningKey::from_pkcs8_pem(pem).map(|key| *key.verifying_key()))
            .map_err(|error| error.to_string())?;
        Ok(PlatformVerifier { id: key_id(&key), key })
    }

    /// The key's id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Whether `signature` (base64 DER) is this key's over `message`.
    pub fn verify(&self, message: &[u8], signature: &str) -> bool {
        let Ok(bytes) = STANDARD.decode(signature) else {
            return false;
        };
        DerSignature::from_bytes(&bytes).is_ok_and(|signature| self.key.verify(message, &signature).is_ok())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_verifies_with_the_public_key_only_for_its_message() {
        let key = PlatformKey::generate();
        let verifier = PlatformVerifier::from_pem(&key.public_pem()).unwrap();
        assert_eq!(verifier.id(), key.id());
        let signature = key.sign(b"checkpoint 1");
        assert!(verifier.verify(b"checkpoint 1", &signature));
        assert!(!verifier.verify(b"checkpoint 2", &signature));
        let other = PlatformVerifier::from_pem(&PlatformKey::generate().public_pem()).unwrap();
        assert!(!other.verify(b"checkpoint 1", &signature));
    }
}

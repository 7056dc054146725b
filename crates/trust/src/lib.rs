//! Trust services: certificates of the enhanced e-signature, the trust anchors they chain to,
//! revocation, and verification of signatures made with them; and, for the test environment,
//! a certification authority generated at start-up.
//!
//! Keys are ECDSA P-256 with SHA-256, the signatures DER-encoded, so anyone can make or check
//! one with `openssl dgst -sha256 -sign key.pem` / `-verify`.
//!
//! Documents are signed with detached CMS signatures in the CAdES-BES profile ([`cms`]), prepared
//! and assembled in separate steps because the key is on the official's phone or in an
//! integrator's software; `openssl cms -verify` accepts them.
//! Revocation arrives as X.509 v2 certificate revocation lists signed by an anchor
//! ([`TrustStore::apply_crl`]); the test CA issues them ([`TestCa::crl`]).
//!
//! Invariant: no IO, no clock (time is a parameter), no HTTP, no SQL.

mod ca;
pub mod cms;
mod crl;
pub mod jws;
mod platform;

use std::collections::HashSet;
use std::sync::RwLock;

use der::{Decode, Encode};
use p256::ecdsa::signature::Verifier;
use p256::ecdsa::{DerSignature, VerifyingKey};
use pencere_core::Timestamp;
use x509_cert::Certificate;
use x509_cert::der::oid::ObjectIdentifier;
use x509_cert::name::Name;

pub use ca::{IssuedCertificate, TestCa};
pub use platform::{PlatformKey, PlatformVerifier};

const ECDSA_WITH_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.2");
const KEY_USAGE: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.15");
const COMMON_NAME: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.3");
const SERIAL_NUMBER: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.5");

/// Why a certificate or a signature was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TrustError {
    /// The bytes are not a certificate (or not PEM/DER).
    #[error("not a readable certificate: {0}")]
    Malformed(String),
    /// No configured trust anchor issued it.
    #[error("the certificate was not issued by a trusted authority")]
    UnknownIssuer,
    /// The issuer's signature on the certificate does not verify.
    #[error("the certificate's signature is not valid")]
    BadCertificateSignature,
    /// Outside its validity period.
    #[error("the certificate is not valid at this time")]
    Expired,
    /// It may not be used for signatures.
    #[error("the certificate may not be used for signing")]
    WrongKeyUsage,
    /// The issuer revoked it.
    #[error("the certificate has been revoked")]
    Revoked,
    /// The signature does not match the message and the certificate's key (for a CMS signature,
    /// also: the content's digest, or the certificate the signed attributes name, differs).
    #[error("the signature does not match")]
    BadSignature,
    /// The bytes are not a CMS signature the platform can read (or one it does not support).
    #[error("not a readable signature: {0}")]
    MalformedSignature(String),
    /// The bytes are not a readable certificate revocation list.
    #[error("not a readable revocation list: {0}")]
    MalformedCrl(String),
}

/// Who signed, as the certificate says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signer {
    /// The subject's common name.
    pub common_name: String,
    /// The subject's serialNumber attribute: the FİN in Azerbaijani signature certificates.
    pub serial_number: Option<String>,
    /// The certificate's serial number, hexadecimal.
    pub certificate_serial: String,
}

/// The trust anchors (root certificates) and the certificates they revoked.
#[derive(Debug, Default)]
pub struct TrustStore {
    anchors: Vec<Certificate>,
    revoked: RwLock<HashSet<String>>,
}

impl TrustStore {
    /// A store trusting these root certificates.
    pub fn new(anchors: Vec<Certificate>) -> TrustStore {
        TrustStore { anchors, revoked: RwLock::default() }
    }

    /// Reads anchors from PEM text (one or more `CERTIFICATE` blocks).
    pub fn from_pem(pem: &str) -> Result<TrustStore, TrustError> {
        let anchors =
            Certificate::load_pem_chain(pem.as_bytes()).map_err(|error| TrustError::Malformed(error.to_string()))?;
        Ok(TrustStore::new(anchors))
    }

    /// Whether no anchor is configured (then no certificate is trusted).
    pub fn is_empty(&self) -> bool {
        self.anchors.is_empty()
    }

    /// Marks a certificate (by serial, hexadecimal) as revoked from now on.
    pub fn revoke(&self, certificate_serial: &str) {
        if let Ok(mut revoked) = self.revoked.write() {
            revoked.insert(certificate_serial.to_ascii_lowercase());
        }
    }

    fn is_revoked(&self, certificate_serial: &str) -> bool {
        self.revoked.read().is_ok_and(|revoked| revoked.contains(certificate_serial))
    }

    /// Checks a certificate: issued by an anchor, signature, validity at `now`, key usage,
    /// revocation. Returns who it names.
    pub fn validate(&self, certificate: &Certificate, now: Timestamp) -> Result<Signer, TrustError> {
        let tbs = &certificate.tbs_certificate;
        let anchor = self
            .anchors
            .iter()
            .find(|anchor| anchor.tbs_certificate.subject == tbs.issuer)
            .ok_or(TrustError::UnknownIssuer)?;
        if certificate.signature_algorithm.oid != ECDSA_WITH_SHA256 {
            return Err(TrustError::BadCertificateSignature);
        }
        let issuer_key = verifying_key(anchor).map_err(|_| TrustError::BadCertificateSignature)?;
        let signature = certificate.signature.as_bytes().ok_or(TrustError::BadCertificateSignature)?;
        let signature = DerSignature::from_bytes(signature).map_err(|_| TrustError::BadCertificateSignature)?;
        let tbs_der = tbs.to_der().map_err(|error| TrustError::Malformed(error.to_string()))?;
        issuer_key.verify(&tbs_der, &signature).map_err(|_| TrustError::BadCertificateSignature)?;

        let seconds = u64::try_from(now.as_micros() / 1_000_000).unwrap_or_default();
        let not_before = tbs.validity.not_before.to_unix_duration().as_secs();
        let not_after = tbs.validity.not_after.to_unix_duration().as_secs();
        if seconds < not_before || seconds > not_after {
            return Err(TrustError::Expired);
        }
        let signing_allowed =
            tbs.extensions.iter().flatten().find(|extension| extension.extn_id == KEY_USAGE).is_some_and(|extension| {
                x509_cert::ext::pkix::KeyUsage::from_der(extension.extn_value.as_bytes())
                    .is_ok_and(|usage| usage.digital_signature() || usage.non_repudiation())
            });
        if !signing_allowed {
            return Err(TrustError::WrongKeyUsage);
        }
        let serial = hex(tbs.serial_number.as_bytes());
        if self.is_revoked(&serial) {
            return Err(TrustError::Revoked);
        }
        Ok(Signer {
            common_name: attribute(&tbs.subject, COMMON_NAME).unwrap_or_default(),
            serial_number: attribute(&tbs.subject, SERIAL_NUMBER),
            certificate_serial: serial,
        })
    }

    /// Validates the certificate, then checks that it signed `message` (ECDSA P-256, SHA-256,
    /// DER signature).
    pub fn verify(
        &self,
        certificate: &Certificate,
        message: &[u8],
        signature: &[u8],
        now: Timestamp,
    ) -> Result<Signer, TrustError> {
        let signer = self.validate(certificate, now)?;
        let key = verifying_key(certificate).map_err(|_| TrustError::BadSignature)?;
        let signature = DerSignature::from_bytes(signature).map_err(|_| TrustError::BadSignature)?;
        key.verify(message, &signature).map_err(|_| TrustError::BadSignature)?;
        Ok(signer)
    }
}

/// Reads one certificate from PEM or DER.
pub fn parse_certificate(bytes: &[u8]) -> Result<Certificate, TrustError> {
    let trimmed = bytes.trim_ascii_start();
    let parsed = if trimmed.starts_with(b"-----BEGIN") {
        <Certificate as der::DecodePem>::from_pem(trimmed)
    } else {
        Certificate::from_der(bytes)
    };
    parsed.map_err(|error| TrustError::Malformed(error.to_string()))
}

fn verifying_key(certificate: &Certificate) -> Result<VerifyingKey, p256::ecdsa::Error> {
    let spki = &certificate.tbs_certificate.subject_public_key_info;
    VerifyingKey::from_sec1_bytes(spki.subject_public_key.raw_bytes())
}

fn attribute(name: &Name, oid: ObjectIdentifier) -> Option<String> {
    name.0
        .iter()
        .flat_map(|rdn| rdn.0.iter())
        .find(|attribute| attribute.oid == oid)
        .and_then(|attribute| std::str::from_utf8(attribute.value.value()).ok().map(str::to_owned))
}

pub(crate) use pencere_core::hex;

#[cfg(test)]
mod tests {
    use p256::ecdsa::signature::Signer as _;

    use super::*;

    const NOW: Timestamp = Timestamp::from_micros(1_795_447_203_000_000);

    fn sign(issued: &IssuedCertificate, message: &[u8]) -> Vec<u8> {
        let signature: DerSignature = issued.key.sign(message);
        signature.as_bytes().to_vec()
    }

    #[test]
    fn a_certificate_from_the_ca_signs_and_verifies_and_names_the_person() {
        let ca = TestCa::generate("Pəncərə Test CA", NOW).unwrap();
        let trust = TrustStore::from_pem(&ca.certificate_pem()).unwrap();
        let issued =
            ca.issue("Rəşad Məmmədov", Some("5ZX3K7P"), NOW.plus_seconds(-3600), NOW.plus_seconds(86_400)).unwrap();
        let signature = sign(&issued, b"challenge-1");
        let signer = trust.verify(&issued.certificate, b"challenge-1", &signature, NOW).unwrap();
        assert_eq!(signer.common_name, "Rəşad Məmmədov");
        assert_eq!(signer.serial_number.as_deref(), Some("5ZX3K7P"));
        assert_eq!(trust.verify(&issued.certificate, b"challenge-2", &signature, NOW), Err(TrustError::BadSignature));
        let reparsed = parse_certificate(issued.certificate_pem().as_bytes()).unwrap();
        assert_eq!(reparsed, issued.certificate);
    }

    #[test]
    fn foreign_expired_and_revoked_certificates_are_refused() {
        let ca = TestCa::generate("Pəncərə Test CA", NOW).unwrap();
        let foreign = TestCa::generate("Someone Else CA", NOW).unwrap();
        let trust = TrustStore::from_pem(&ca.certificate_pem()).unwrap();
        let stranger = foreign.issue("Stranger", None, NOW.plus_seconds(-60), NOW.plus_seconds(3600)).unwrap();
        assert_eq!(trust.validate(&stranger.certificate, NOW), Err(TrustError::UnknownIssuer));
        let expired = ca.issue("Old", None, NOW.plus_seconds(-7200), NOW.plus_seconds(-3600)).unwrap();
        assert_eq!(trust.validate(&expired.certificate, NOW), Err(TrustError::Expired));
        let revoked = ca.issue("Revoked", None, NOW.plus_seconds(-60), NOW.plus_seconds(3600)).unwrap();
        assert!(trust.validate(&revoked.certificate, NOW).is_ok());
        trust.revoke(&revoked.serial());
        assert_eq!(trust.validate(&revoked.certificate, NOW), Err(TrustError::Revoked));
    }
}

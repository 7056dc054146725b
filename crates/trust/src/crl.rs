//! Certificate revocation lists (X.509 v2 CRLs, RFC 5280 section 5): the test CA issues them,
//! and the trust store applies those its anchors signed.

use der::asn1::{BitString, OctetString, Uint};
use der::oid::AssociatedOid;
use der::{Decode, Encode};
use p256::ecdsa::DerSignature;
use p256::ecdsa::signature::{Signer as _, Verifier as _};
use pencere_core::Timestamp;
use x509_cert::Version;
use x509_cert::crl::{CertificateList, RevokedCert, TbsCertList};
use x509_cert::ext::Extension;
use x509_cert::ext::pkix::{AuthorityKeyIdentifier, CrlNumber, KeyUsage, SubjectKeyIdentifier};
use x509_cert::serial_number::SerialNumber;
use x509_cert::spki::AlgorithmIdentifierOwned;

use crate::ca::{IssueError, asn1_time};
use crate::{ECDSA_WITH_SHA256, KEY_USAGE, TestCa, TrustError, TrustStore, hex, verifying_key};

impl TestCa {
    /// A DER X.509 v2 CRL signed by the root (ecdsa-with-SHA256) listing `revoked` (certificate
    /// serial in hexadecimal, as [`crate::IssuedCertificate::serial`] gives it, and the moment of
    /// revocation), issued at `this_update` and due again a day later.
    ///
    /// It carries a CRL number (the seconds of `this_update`, so later lists have larger numbers)
    /// and the root's key identifier, as RFC 5280 asks.
    pub fn crl(&self, revoked: &[(String, Timestamp)], this_update: Timestamp) -> Result<Vec<u8>, IssueError> {
        let root = self.root_certificate();
        let algorithm = AlgorithmIdentifierOwned { oid: ECDSA_WITH_SHA256, parameters: None };
        let entries = revoked
            .iter()
            .map(|(serial, revoked_at)| {
                Ok(RevokedCert {
                    serial_number: parse_serial(serial)?,
                    revocation_date: asn1_time(*revoked_at).map_err(IssueError)?,
                    crl_entry_extensions: None,
                })
            })
            .collect::<Result<Vec<_>, IssueError>>()?;

        let seconds = this_update.as_micros().div_euclid(1_000_000).max(0);
        let crl_number = CrlNumber(Uint::new(&seconds.to_be_bytes()).map_err(issue_error)?);
        let mut extensions = vec![extension(CrlNumber::OID, &crl_number)?];
        let root_key_id = root
            .tbs_certificate
            .extensions
            .iter()
            .flatten()
            .find(|extension| extension.extn_id == SubjectKeyIdentifier::OID)
            .and_then(|extension| SubjectKeyIdentifier::from_der(extension.extn_value.as_bytes()).ok());
        if let Some(SubjectKeyIdentifier(key_identifier)) = root_key_id {
            let authority_key_id = AuthorityKeyIdentifier {
                key_identifier: Some(key_identifier),
                authority_cert_issuer: None,
                authority_cert_serial_number: None,
            };
            extensions.push(extension(AuthorityKeyIdentifier::OID, &authority_key_id)?);
        }

        let tbs_cert_list = TbsCertList {
            version: Version::V2,
            signature: algorithm.clone(),
            issuer: root.tbs_certificate.subject.clone(),
            this_update: asn1_time(this_update).map_err(IssueError)?,
            next_update: Some(asn1_time(this_update.plus_seconds(86_400)).map_err(IssueError)?),
            revoked_certificates: (!entries.is_empty()).then_some(entries),
            crl_extensions: Some(extensions),
        };
        let signature: DerSignature = self.root_key().sign(&tbs_cert_list.to_der().map_err(issue_error)?);
        let list = CertificateList {
            tbs_cert_list,
            signature_algorithm: algorithm,
            signature: BitString::from_bytes(signature.as_bytes()).map_err(issue_error)?,
        };
        list.to_der().map_err(issue_error)
    }
}

impl TrustStore {
    /// Applies a DER certificate revocation list: checks that one of the anchors signed it (issuer
    /// name, ecdsa-with-SHA256 signature, and the cRLSign key usage if the anchor has a key usage
    /// extension), then marks every listed certificate revoked. Returns how many it lists.
    ///
    /// There is no clock here, so `thisUpdate`/`nextUpdate` are not checked; an old list can
    /// only repeat revocations, since revocations are never undone. A list from an unknown issuer
    /// is [`TrustError::UnknownIssuer`], a forged one [`TrustError::BadSignature`].
    pub fn apply_crl(&self, der: &[u8]) -> Result<usize, TrustError> {
        let list = CertificateList::from_der(der).map_err(|error| TrustError::MalformedCrl(error.to_string()))?;
        let tbs = &list.tbs_cert_list;
        if list.signature_algorithm.oid != ECDSA_WITH_SHA256 || tbs.signature.oid != ECDSA_WITH_SHA256 {
            return Err(TrustError::BadSignature);
        }
        let signature = list.signature.as_bytes().ok_or(TrustError::BadSignature)?;
        let signature = DerSignature::from_bytes(signature).map_err(|_| TrustError::BadSignature)?;
        let tbs_der = tbs.to_der().map_err(|error| TrustError::MalformedCrl(error.to_string()))?;

        let mut issuers = self.anchors.iter().filter(|anchor| anchor.tbs_certificate.subject == tbs.issuer).peekable();
        if issuers.peek().is_none() {
            return Err(TrustError::UnknownIssuer);
        }
        let issuer = issuers
            .find(|anchor| verifying_key(anchor).is_ok_and(|key| key.verify(&tbs_der, &signature).is_ok()))
            .ok_or(TrustError::BadSignature)?;
        let crl_signing_allowed = issuer
            .tbs_certificate
            .extensions
            .iter()
            .flatten()
            .find(|extension| extension.extn_id == KEY_USAGE)
            .is_none_or(|extension| {
                KeyUsage::from_der(extension.extn_value.as_bytes()).is_ok_and(|usage| usage.crl_sign())
            });
        if !crl_signing_allowed {
            return Err(TrustError::WrongKeyUsage);
        }

        let revoked = tbs.revoked_certificates.iter().flatten().collect::<Vec<_>>();
        for entry in &revoked {
            self.revoke(&hex(entry.serial_number.as_bytes()));
        }
        Ok(revoked.len())
    }
}

fn extension<T: Encode>(extn_id: der::oid::ObjectIdentifier, value: &T) -> Result<Extension, IssueError> {
    let extn_value = OctetString::new(value.to_der().map_err(issue_error)?).map_err(issue_error)?;
    Ok(Extension { extn_id, critical: false, extn_value })
}

fn parse_serial(serial: &str) -> Result<SerialNumber, IssueError> {
    let invalid = || IssueError(format!("{serial:?} is not a hexadecimal serial number"));
    let digits = serial.trim();
    if digits.is_empty() || !digits.chars().all(|digit| digit.is_ascii_hexdigit()) {
        return Err(invalid());
    }
    let padded = if digits.len() % 2 == 1 { format!("0{digits}") } else { digits.to_owned() };
    let bytes = padded
        .as_bytes()
        .chunks(2)
        .map(|pair| std::str::from_utf8(pair).ok().and_then(|pair| u8::from_str_radix(pair, 16).ok()))
        .collect::<Option<Vec<u8>>>()
        .ok_or_else(invalid)?;
    SerialNumber::new(&bytes).map_err(issue_error)
}

fn issue_error(error: der::Error) -> IssueError {
    IssueError(error.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: Timestamp = Timestamp::from_micros(1_795_447_203_000_000);

    #[test]
    fn a_crl_from_the_own_ca_revokes_the_listed_certificates() {
        let ca = TestCa::generate("Pəncərə Test CA", NOW).unwrap();
        let trust = TrustStore::from_pem(&ca.certificate_pem()).unwrap();
        let kept = ca.issue("Kept", None, NOW.plus_seconds(-60), NOW.plus_seconds(3600)).unwrap();
        let lost = ca.issue("Lost", None, NOW.plus_seconds(-60), NOW.plus_seconds(3600)).unwrap();
        let stolen = ca.issue("Stolen", None, NOW.plus_seconds(-60), NOW.plus_seconds(3600)).unwrap();
        let crl = ca
            .crl(&[(lost.serial(), NOW.plus_seconds(-30)), (stolen.serial().to_ascii_uppercase(), NOW)], NOW)
            .unwrap();
        assert_eq!(trust.apply_crl(&crl), Ok(2));
        assert!(trust.validate(&kept.certificate, NOW).is_ok());
        assert_eq!(trust.validate(&lost.certificate, NOW), Err(TrustError::Revoked));
        assert_eq!(trust.validate(&stolen.certificate, NOW), Err(TrustError::Revoked));

        let list = CertificateList::from_der(&crl).unwrap();
        assert_eq!(list.tbs_cert_list.version, Version::V2);
        assert_eq!(list.tbs_cert_list.issuer, ca.root_certificate().tbs_certificate.subject);
        let next_update = list.tbs_cert_list.next_update.unwrap().to_unix_duration().as_secs();
        assert_eq!(next_update, list.tbs_cert_list.this_update.to_unix_duration().as_secs() + 86_400);
    }

    #[test]
    fn an_empty_crl_is_accepted_and_revokes_nothing() {
        let ca = TestCa::generate("Pəncərə Test CA", NOW).unwrap();
        let trust = TrustStore::from_pem(&ca.certificate_pem()).unwrap();
        assert_eq!(trust.apply_crl(&ca.crl(&[], NOW).unwrap()), Ok(0));
    }

    #[test]
    fn a_crl_from_another_or_a_forged_issuer_is_refused() {
        let ca = TestCa::generate("Pəncərə Test CA", NOW).unwrap();
        let trust = TrustStore::from_pem(&ca.certificate_pem()).unwrap();
        let victim = ca.issue("Victim", None, NOW.plus_seconds(-60), NOW.plus_seconds(3600)).unwrap();
        let revoked = [(victim.serial(), NOW)];

        let other = TestCa::generate("Someone Else CA", NOW).unwrap();
        assert_eq!(trust.apply_crl(&other.crl(&revoked, NOW).unwrap()), Err(TrustError::UnknownIssuer));

        // Same name as the trusted root, different key.
        let impostor = TestCa::generate("Pəncərə Test CA", NOW).unwrap();
        assert_eq!(trust.apply_crl(&impostor.crl(&revoked, NOW).unwrap()), Err(TrustError::BadSignature));

        // A genuine list with another serial slipped in: the signature no longer matches.
        let bystander = ca.issue("Bystander", None, NOW.plus_seconds(-60), NOW.plus_seconds(3600)).unwrap();
        let mut tampered = CertificateList::from_der(&ca.crl(&revoked, NOW).unwrap()).unwrap();
        if let Some(entries) = tampered.tbs_cert_list.revoked_certificates.as_mut() {
            entries[0].serial_number = bystander.certificate.tbs_certificate.serial_number.clone();
        }
        assert_eq!(trust.apply_crl(&tampered.to_der().unwrap()), Err(TrustError::BadSignature));

        assert!(matches!(trust.apply_crl(b"not a crl"), Err(TrustError::MalformedCrl(_))));
        assert!(trust.validate(&victim.certificate, NOW).is_ok());
        assert!(trust.validate(&bystander.certificate, NOW).is_ok());
    }

    #[test]
    fn serials_must_be_hexadecimal() {
        let ca = TestCa::generate("Pəncərə Test CA", NOW).unwrap();
        assert!(ca.crl(&[("xyz".to_owned(), NOW)], NOW).is_err());
        assert!(ca.crl(&[(String::new(), NOW)], NOW).is_err());
        assert_eq!(parse_serial("abc").unwrap().as_bytes(), [0x0a, 0xbc]);
    }
}

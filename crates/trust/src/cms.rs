//! Detached CMS signatures (RFC 5652) in the CAdES-BES profile (ETSI EN 319 122-1): how an
//! official signs a document.
//!
//! The key is on the official's phone (mobile signature service) or in an integrator's software,
//! so signing takes two steps with plain bytes in between, which may be stored:
//! [`signed_attributes`] prepares what is to be signed (content type, signing time, the content's
//! SHA-256 digest and the ESS signing-certificate-v2 attribute naming the certificate); the signer
//! signs exactly those bytes with ECDSA P-256/SHA-256; [`assemble`] checks that signature and puts
//! it, the attributes and the certificate into a `ContentInfo(SignedData)` without the content.
//! [`TrustStore::verify_detached`] checks such a signature against the content, and so does
//! `openssl cms -verify -binary -inform DER -content DOC -in SIG -CAfile CA.pem`.
//!
//! The signing time is what the signer claims (CAdES-BES has no time-stamp token), to the second.

use ::cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use ::cms::content_info::{CmsVersion, ContentInfo};
use ::cms::signed_data::{
    CertificateSet, EncapsulatedContentInfo, SignedData, SignerIdentifier, SignerInfo, SignerInfos,
};
use der::asn1::{Any, ObjectIdentifier, OctetString, SetOfVec};
use der::{Decode, DecodeOwned, Encode, Sequence};
use p256::ecdsa::DerSignature;
use p256::ecdsa::signature::{Signer as _, Verifier as _};
use pencere_core::Timestamp;
use sha2::{Digest, Sha256};
use x509_cert::Certificate;
use x509_cert::attr::{Attribute, Attributes};
use x509_cert::spki::AlgorithmIdentifierOwned;
use x509_cert::time::Time;

use crate::{ECDSA_WITH_SHA256, IssuedCertificate, Signer, TrustError, TrustStore, verifying_key};

const ID_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
const ID_SIGNED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
const CONTENT_TYPE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.3");
const MESSAGE_DIGEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");
const SIGNING_TIME: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.5");
const SIGNING_CERTIFICATE_V2: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.47");
const SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");

/// Why a CMS signature could not be prepared, assembled or read.
///
/// [`TrustStore::verify_detached`] reports these as [`TrustError`]s: a digest, certificate or
/// signature mismatch as [`TrustError::BadSignature`], everything else as
/// [`TrustError::MalformedSignature`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CmsError {
    /// The bytes are not DER of the expected structure.
    #[error("not a readable CMS structure: {0}")]
    Malformed(String),
    /// Readable, but not what the platform accepts: the reason says which part.
    #[error("unsupported CMS signature: {0}")]
    Unsupported(&'static str),
    /// A signed attribute the platform requires is missing, repeated or not single-valued.
    #[error("the signed attribute {0} is missing, repeated or not single-valued")]
    Attribute(&'static str),
    /// The signature does not include the certificate its signer identifier names.
    #[error("the signer's certificate is not included")]
    MissingCertificate,
    /// The message digest in the signed attributes is not the SHA-256 of the content.
    #[error("the message digest does not match the content")]
    DigestMismatch,
    /// The signed attributes (ESS signing-certificate-v2) name another certificate.
    #[error("the signed attributes name another certificate")]
    CertificateMismatch,
    /// The signature does not verify over the signed attributes with the certificate's key.
    #[error("the signature does not match the signed attributes and the certificate's key")]
    BadSignature,
    /// A value could not be encoded (a signing time before 1970, for instance).
    #[error("encoding the signature: {0}")]
    Encoding(String),
}

impl From<CmsError> for TrustError {
    fn from(error: CmsError) -> TrustError {
        match error {
            CmsError::DigestMismatch | CmsError::CertificateMismatch | CmsError::BadSignature => {
                TrustError::BadSignature
            }
            other => TrustError::MalformedSignature(other.to_string()),
        }
    }
}

/// What a verified signature says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verified {
    /// Who signed, as the certificate says.
    pub signer: Signer,
    /// When the signer says they signed (the signing-time attribute, to the second).
    pub signing_time: Timestamp,
    /// The signer's certificate, as embedded in the signature.
    pub certificate: Certificate,
}

/// ESS `SigningCertificateV2` (RFC 5035): the attribute that binds the certificate into what is
/// signed, which makes a CMS signature CAdES-BES.
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
struct SigningCertificateV2 {
    certs: Vec<EssCertIdV2>,
    #[asn1(optional = "true")]
    policies: Option<Any>,
}

/// ESS `ESSCertIDv2`: the hash of a certificate's DER (the first one names the signer's).
/// An absent hash algorithm is the DEFAULT, SHA-256 (and DER omits a default).
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
struct EssCertIdV2 {
    #[asn1(optional = "true")]
    hash_algorithm: Option<AlgorithmIdentifierOwned>,
    cert_hash: OctetString,
    #[asn1(optional = "true")]
    issuer_serial: Option<Any>,
}

fn sha256() -> AlgorithmIdentifierOwned {
    AlgorithmIdentifierOwned { oid: SHA256, parameters: None }
}

/// The DER of the signed attributes (a SET OF Attribute) to be signed for a detached signature of
/// `content` by `certificate` at `signing_time`: content-type (id-data), signing-time,
/// message-digest (SHA-256 of content) and ESS signing-certificate-v2 (SHA-256 of the
/// certificate's DER; the attribute that makes it CAdES-BES). The signer signs exactly these
/// bytes with ECDSA P-256/SHA-256.
pub fn signed_attributes(
    content: &[u8],
    certificate: &Certificate,
    signing_time: Timestamp,
) -> Result<Vec<u8>, CmsError> {
    let time = crate::ca::asn1_time(signing_time).map_err(CmsError::Encoding)?;
    let certificate_hash = Sha256::digest(certificate.to_der().map_err(encoding)?);
    let signing_certificate = SigningCertificateV2 {
        certs: vec![EssCertIdV2 {
            hash_algorithm: None,
            cert_hash: OctetString::new(certificate_hash.to_vec()).map_err(encoding)?,
            issuer_serial: None,
        }],
        policies: None,
    };
    let attributes = vec![
        attribute(CONTENT_TYPE, &ID_DATA)?,
        attribute(SIGNING_TIME, &time)?,
        attribute(MESSAGE_DIGEST, &OctetString::new(Sha256::digest(content).to_vec()).map_err(encoding)?)?,
        attribute(SIGNING_CERTIFICATE_V2, &signing_certificate)?,
    ];
    Attributes::try_from(attributes).and_then(|attributes| attributes.to_der()).map_err(encoding)
}

/// Assembles the detached CMS `ContentInfo(SignedData)` in DER from the signed attributes (as
/// [`signed_attributes`] made them), the signer's certificate and its DER ECDSA signature over
/// them.
///
/// Refuses attributes that lack what [`signed_attributes`] puts in ([`CmsError::Attribute`]),
/// that name another certificate ([`CmsError::CertificateMismatch`]), and a signature that does
/// not verify with the certificate's key ([`CmsError::BadSignature`]). Whether the certificate
/// is trusted is not checked here; [`TrustStore::verify_detached`] does that.
pub fn assemble(signed_attributes: &[u8], certificate: &Certificate, signature: &[u8]) -> Result<Vec<u8>, CmsError> {
    let attributes = Attributes::from_der(signed_attributes).map_err(malformed)?;
    if attributes.to_der().map_err(encoding)? != signed_attributes {
        return Err(CmsError::Malformed("the signed attributes are not in DER".to_owned()));
    }
    let claims = Claims::read(&attributes)?;
    claims.check_certificate(certificate)?;
    check_signature(signed_attributes, certificate, signature)?;

    let tbs = &certificate.tbs_certificate;
    let signer_info = SignerInfo {
        version: CmsVersion::V1,
        sid: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer: tbs.issuer.clone(),
            serial_number: tbs.serial_number.clone(),
        }),
        digest_alg: sha256(),
        signed_attrs: Some(attributes),
        signature_algorithm: AlgorithmIdentifierOwned { oid: ECDSA_WITH_SHA256, parameters: None },
        signature: OctetString::new(signature).map_err(encoding)?,
        unsigned_attrs: None,
    };
    let signed_data = SignedData {
        version: CmsVersion::V1,
        digest_algorithms: SetOfVec::try_from(vec![sha256()]).map_err(encoding)?,
        encap_content_info: EncapsulatedContentInfo { econtent_type: ID_DATA, econtent: None },
        certificates: Some(
            CertificateSet::try_from(vec![CertificateChoices::Certificate(certificate.clone())]).map_err(encoding)?,
        ),
        crls: None,
        signer_infos: SignerInfos::try_from(vec![signer_info]).map_err(encoding)?,
    };
    let content_info = ContentInfo { content_type: ID_SIGNED_DATA, content: to_any(&signed_data)? };
    content_info.to_der().map_err(encoding)
}

/// Signs `content` with a key at hand (tests, integrators, the demo): [`signed_attributes`],
/// then an ECDSA signature with `issued.key`, then [`assemble`].
pub fn sign_detached(content: &[u8], issued: &IssuedCertificate, signing_time: Timestamp) -> Result<Vec<u8>, CmsError> {
    let attributes = signed_attributes(content, &issued.certificate, signing_time)?;
    let signature: DerSignature = issued.key.sign(&attributes);
    assemble(&attributes, &issued.certificate, signature.as_bytes())
}

impl TrustStore {
    /// Verifies a detached CMS signature over `content`: parses it, checks the message digest
    /// against the content, the signature over the signed attributes with the embedded signer
    /// certificate, that the signed attributes name that certificate, and validates it with
    /// [`TrustStore::validate`] at the signing time (chain, validity, key usage); revocation is
    /// checked as of now, whatever the signing time.
    ///
    /// A digest, certificate or signature mismatch (one changed byte of content) is
    /// [`TrustError::BadSignature`]; bytes that are not such a signature are
    /// [`TrustError::MalformedSignature`].
    pub fn verify_detached(&self, cms_der: &[u8], content: &[u8]) -> Result<Verified, TrustError> {
        let (certificate, signing_time) = read_detached(cms_der, content)?;
        let signer = self.validate(&certificate, signing_time)?;
        Ok(Verified { signer, signing_time, certificate })
    }
}

/// Everything about a detached signature that needs no trust anchor: its structure, the digest
/// of `content`, the certificate binding and the signature. Returns the signer's certificate
/// and the signing time.
fn read_detached(cms_der: &[u8], content: &[u8]) -> Result<(Certificate, Timestamp), CmsError> {
    let content_info = ContentInfo::from_der(cms_der).map_err(malformed)?;
    if content_info.content_type != ID_SIGNED_DATA {
        return Err(CmsError::Unsupported("the content is not SignedData"));
    }
    let signed_data: SignedData = from_any(&content_info.content)?;
    if signed_data.encap_content_info.econtent_type != ID_DATA {
        return Err(CmsError::Unsupported("the signed content type is not id-data"));
    }
    if signed_data.encap_content_info.econtent.is_some() {
        return Err(CmsError::Unsupported("the content is encapsulated, a detached signature was expected"));
    }
    let mut signer_infos = signed_data.signer_infos.0.iter();
    let signer_info = match (signer_infos.next(), signer_infos.next()) {
        (Some(signer_info), None) => signer_info,
        _ => return Err(CmsError::Unsupported("there must be exactly one signer")),
    };
    if signer_info.digest_alg.oid != SHA256 {
        return Err(CmsError::Unsupported("the digest algorithm is not SHA-256"));
    }
    if signer_info.signature_algorithm.oid != ECDSA_WITH_SHA256 {
        return Err(CmsError::Unsupported("the signature algorithm is not ecdsa-with-SHA256"));
    }
    let SignerIdentifier::IssuerAndSerialNumber(signer_id) = &signer_info.sid else {
        return Err(CmsError::Unsupported("the signer is not identified by issuer and serial number"));
    };
    let certificate = signed_data
        .certificates
        .iter()
        .flat_map(|certificates| certificates.0.iter())
        .find_map(|choice| match choice {
            CertificateChoices::Certificate(certificate)
                if certificate.tbs_certificate.issuer == signer_id.issuer
                    && certificate.tbs_certificate.serial_number == signer_id.serial_number =>
            {
                Some(certificate.clone())
            }
            _ => None,
        })
        .ok_or(CmsError::MissingCertificate)?;
    let attributes =
        signer_info.signed_attrs.as_ref().ok_or(CmsError::Unsupported("there are no signed attributes"))?;
    let claims = Claims::read(attributes)?;
    if claims.message_digest != Sha256::digest(content).as_slice() {
        return Err(CmsError::DigestMismatch);
    }
    claims.check_certificate(&certificate)?;
    check_signature(&attributes.to_der().map_err(encoding)?, &certificate, signer_info.signature.as_bytes())?;
    Ok((certificate, claims.signing_time))
}

/// What the signed attributes say, once read.
struct Claims {
    message_digest: Vec<u8>,
    signing_time: Timestamp,
    certificate_hash: Vec<u8>,
}

impl Claims {
    fn read(attributes: &Attributes) -> Result<Claims, CmsError> {
        let content_type: ObjectIdentifier = from_any(single(attributes, CONTENT_TYPE, "content-type")?)?;
        if content_type != ID_DATA {
            return Err(CmsError::Unsupported("the signed content type is not id-data"));
        }
        let message_digest: OctetString = from_any(single(attributes, MESSAGE_DIGEST, "message-digest")?)?;
        let time: Time = from_any(single(attributes, SIGNING_TIME, "signing-time")?)?;
        let micros = i64::try_from(time.to_unix_duration().as_micros())
            .map_err(|_| CmsError::Malformed("the signing time is out of range".to_owned()))?;
        let signing_certificate: SigningCertificateV2 =
            from_any(single(attributes, SIGNING_CERTIFICATE_V2, "signing-certificate-v2")?)?;
        let first = signing_certificate
            .certs
            .first()
            .ok_or(CmsError::Malformed("signing-certificate-v2 names no certificate".to_owned()))?;
        if first.hash_algorithm.as_ref().is_some_and(|algorithm| algorithm.oid != SHA256) {
            return Err(CmsError::Unsupported("the signing certificate is not identified by its SHA-256"));
        }
        Ok(Claims {
            message_digest: message_digest.into_bytes(),
            signing_time: Timestamp::from_micros(micros),
            certificate_hash: first.cert_hash.as_bytes().to_vec(),
        })
    }

    fn check_certificate(&self, certificate: &Certificate) -> Result<(), CmsError> {
        let certificate_der = certificate.to_der().map_err(encoding)?;
        if self.certificate_hash != Sha256::digest(certificate_der).as_slice() {
            return Err(CmsError::CertificateMismatch);
        }
        Ok(())
    }
}

/// The one value of the one attribute of type `oid`.
fn single<'a>(attributes: &'a Attributes, oid: ObjectIdentifier, name: &'static str) -> Result<&'a Any, CmsError> {
    let mut matching = attributes.iter().filter(|attribute| attribute.oid == oid);
    match (matching.next(), matching.next()) {
        (Some(attribute), None) if attribute.values.len() == 1 => {
            attribute.values.get(0).ok_or(CmsError::Attribute(name))
        }
        _ => Err(CmsError::Attribute(name)),
    }
}

fn check_signature(signed_attributes: &[u8], certificate: &Certificate, signature: &[u8]) -> Result<(), CmsError> {
    let key = verifying_key(certificate).map_err(|_| CmsError::Unsupported("the certificate's key is not P-256"))?;
    let signature = DerSignature::from_bytes(signature).map_err(|_| CmsError::BadSignature)?;
    key.verify(signed_attributes, &signature).map_err(|_| CmsError::BadSignature)
}

fn attribute<T: Encode>(oid: ObjectIdentifier, value: &T) -> Result<Attribute, CmsError> {
    let values = SetOfVec::try_from(vec![to_any(value)?]).map_err(encoding)?;
    Ok(Attribute { oid, values })
}

fn to_any<T: Encode>(value: &T) -> Result<Any, CmsError> {
    Any::from_der(&value.to_der().map_err(encoding)?).map_err(encoding)
}

fn from_any<T: DecodeOwned>(any: &Any) -> Result<T, CmsError> {
    T::from_der(&any.to_der().map_err(malformed)?).map_err(malformed)
}

fn malformed(error: der::Error) -> CmsError {
    CmsError::Malformed(error.to_string())
}

fn encoding(error: der::Error) -> CmsError {
    CmsError::Encoding(error.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::TestCa;

    const NOW: Timestamp = Timestamp::from_micros(1_795_447_203_000_000);
    const DOCUMENT: &[u8] = "Lisenziya № 17: ə ğ ı İ ö ü ç ş".as_bytes();

    struct World {
        ca: TestCa,
        trust: TrustStore,
        official: IssuedCertificate,
    }

    fn world() -> World {
        let ca = TestCa::generate("Pəncərə Test CA", NOW).unwrap();
        let trust = TrustStore::from_pem(&ca.certificate_pem()).unwrap();
        let official =
            ca.issue("Aysel Quliyeva", Some("7QW2E4R"), NOW.plus_seconds(-3600), NOW.plus_seconds(86_400)).unwrap();
        World { ca, trust, official }
    }

    #[test]
    fn a_detached_signature_verifies_and_names_the_signer_and_the_time() {
        let world = world();
        let signature = sign_detached(DOCUMENT, &world.official, NOW).unwrap();
        let verified = world.trust.verify_detached(&signature, DOCUMENT).unwrap();
        assert_eq!(verified.signer.common_name, "Aysel Quliyeva");
        assert_eq!(verified.signer.serial_number.as_deref(), Some("7QW2E4R"));
        assert_eq!(verified.signer.certificate_serial, world.official.serial());
        assert_eq!(verified.signing_time, NOW);
        assert_eq!(verified.certificate, world.official.certificate);
    }

    #[test]
    fn preparing_and_assembling_are_separate_steps_over_stored_bytes() {
        let world = world();
        let stored = signed_attributes(DOCUMENT, &world.official.certificate, NOW).unwrap();
        // Signing-time is a UTCTime (tag 0x17) for years before 2050.
        assert!(stored.windows(2).any(|window| window == [0x17, 0x0d]));
        let signature: DerSignature = world.official.key.sign(&stored);
        let cms = assemble(&stored, &world.official.certificate, signature.as_bytes()).unwrap();
        assert_eq!(world.trust.verify_detached(&cms, DOCUMENT).unwrap().signing_time, NOW);
    }

    #[test]
    fn any_changed_byte_of_the_content_fails() {
        let world = world();
        let signature = sign_detached(DOCUMENT, &world.official, NOW).unwrap();
        for index in [0, DOCUMENT.len() / 2, DOCUMENT.len() - 1] {
            let mut changed = DOCUMENT.to_vec();
            changed[index] ^= 0x01;
            assert_eq!(world.trust.verify_detached(&signature, &changed), Err(TrustError::BadSignature));
        }
        assert_eq!(world.trust.verify_detached(&signature, b""), Err(TrustError::BadSignature));
    }

    #[test]
    fn a_changed_signature_or_garbage_fails() {
        let world = world();
        let mut signature = sign_detached(DOCUMENT, &world.official, NOW).unwrap();
        let last = signature.len() - 1;
        signature[last] ^= 0x01;
        assert_eq!(world.trust.verify_detached(&signature, DOCUMENT), Err(TrustError::BadSignature));
        assert!(matches!(
            world.trust.verify_detached(b"not a signature", DOCUMENT),
            Err(TrustError::MalformedSignature(_))
        ));
    }

    #[test]
    fn a_signature_from_a_foreign_ca_is_refused() {
        let world = world();
        let foreign = TestCa::generate("Someone Else CA", NOW).unwrap();
        let stranger = foreign.issue("Stranger", None, NOW.plus_seconds(-60), NOW.plus_seconds(3600)).unwrap();
        let signature = sign_detached(DOCUMENT, &stranger, NOW).unwrap();
        assert_eq!(world.trust.verify_detached(&signature, DOCUMENT), Err(TrustError::UnknownIssuer));
    }

    #[test]
    fn a_revoked_certificate_fails_whenever_it_signed() {
        let world = world();
        let signature = sign_detached(DOCUMENT, &world.official, NOW).unwrap();
        world.trust.revoke(&world.official.serial());
        assert_eq!(world.trust.verify_detached(&signature, DOCUMENT), Err(TrustError::Revoked));
    }

    #[test]
    fn the_certificate_must_be_valid_at_the_signing_time() {
        let world = world();
        let signature = sign_detached(DOCUMENT, &world.official, NOW.plus_seconds(2 * 86_400)).unwrap();
        assert_eq!(world.trust.verify_detached(&signature, DOCUMENT), Err(TrustError::Expired));
    }

    #[test]
    fn assemble_refuses_a_wrong_signature_or_another_certificate() {
        let world = world();
        let other = world.ca.issue("Other", None, NOW.plus_seconds(-60), NOW.plus_seconds(3600)).unwrap();
        let stored = signed_attributes(DOCUMENT, &world.official.certificate, NOW).unwrap();
        let by_other: DerSignature = other.key.sign(&stored);
        assert_eq!(assemble(&stored, &world.official.certificate, by_other.as_bytes()), Err(CmsError::BadSignature));
        assert_eq!(assemble(&stored, &world.official.certificate, b"\x30\x00"), Err(CmsError::BadSignature));
        let by_official: DerSignature = world.official.key.sign(&stored);
        assert_eq!(assemble(&stored, &other.certificate, by_official.as_bytes()), Err(CmsError::CertificateMismatch));
        assert!(matches!(
            assemble(b"\x31\x00", &world.official.certificate, by_official.as_bytes()),
            Err(CmsError::Attribute(_))
        ));
    }

    #[test]
    fn a_signing_time_after_2049_is_a_generalized_time() {
        let world = world();
        let later = Timestamp::from_utc_date(2051, 3, 1).unwrap();
        let stored = signed_attributes(DOCUMENT, &world.official.certificate, later).unwrap();
        let claims = Claims::read(&Attributes::from_der(&stored).unwrap()).unwrap();
        assert_eq!(claims.signing_time, later);
        assert!(stored.windows(2).any(|window| window == [0x18, 0x0f]));
    }
}

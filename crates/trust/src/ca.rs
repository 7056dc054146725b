//! A certification authority for the test environment, generated at start-up (no key is ever
//! in the repository), issuing signature certificates for the demo accounts.

use std::str::FromStr;
use std::time::Duration;

use der::DateTime;
use der::EncodePem;
use der::asn1::{GeneralizedTime, UtcTime};
use der::pem::LineEnding;
use p256::ecdsa::SigningKey;
use p256::pkcs8::EncodePrivateKey;
use pencere_core::Timestamp;
use rand_core::{OsRng, RngCore};
use x509_cert::Certificate;
use x509_cert::builder::{Builder, CertificateBuilder, Profile};
use x509_cert::name::Name;
use x509_cert::serial_number::SerialNumber;
use x509_cert::spki::SubjectPublicKeyInfoOwned;
use x509_cert::time::{Time, Validity};

/// A certificate with its private key.
pub struct IssuedCertificate {
    /// The certificate.
    pub certificate: Certificate,
    /// Its private key.
    pub key: SigningKey,
}

impl std::fmt::Debug for IssuedCertificate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IssuedCertificate").field("serial", &self.serial()).finish_non_exhaustive()
    }
}

impl IssuedCertificate {
    /// The certificate in PEM.
    pub fn certificate_pem(&self) -> String {
        self.certificate.to_pem(LineEnding::LF).unwrap_or_default()
    }

    /// The private key in PKCS#8 PEM.
    pub fn key_pem(&self) -> String {
        self.key.to_pkcs8_pem(LineEnding::LF).map(|pem| pem.to_string()).unwrap_or_default()
    }

    /// The certificate's serial number, hexadecimal.
    pub fn serial(&self) -> String {
        crate::hex(self.certificate.tbs_certificate.serial_number.as_bytes())
    }
}

/// The test environment's certification authority.
pub struct TestCa {
    root: IssuedCertificate,
    name: Name,
}

impl std::fmt::Debug for TestCa {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TestCa").field("name", &self.name.to_string()).finish_non_exhaustive()
    }
}

/// Why a certificate (or a revocation list) could not be made.
#[derive(Debug, thiserror::Error)]
#[error("issuing a certificate: {0}")]
pub struct IssueError(pub(crate) String);

fn time(at: Timestamp) -> Result<Time, IssueError> {
    asn1_time(at).map_err(IssueError)
}

/// `at`, to the second, as RFC 5280 and RFC 5652 want it: UTCTime for the years 1950 to 2049,
/// GeneralizedTime after. Moments before 1970 are refused.
pub(crate) fn asn1_time(at: Timestamp) -> Result<Time, String> {
    let seconds = u64::try_from(at.as_micros().div_euclid(1_000_000))
        .map_err(|_| format!("{at} is before 1970 and cannot be encoded"))?;
    let date_time = DateTime::from_unix_duration(Duration::from_secs(seconds)).map_err(|error| error.to_string())?;
    if date_time.year() < 2050 {
        UtcTime::from_date_time(date_time).map(Time::UtcTime).map_err(|error| error.to_string())
    } else {
        Ok(Time::GeneralTime(GeneralizedTime::from_date_time(date_time)))
    }
}

fn serial() -> Result<SerialNumber, IssueError> {
    let mut bytes = [0_u8; 16];
    OsRng.fill_bytes(&mut bytes);
    bytes[0] = (bytes[0] & 0x7f) | 0x10;
    SerialNumber::new(&bytes).map_err(|error| IssueError(error.to_string()))
}

fn escape(value: &str) -> String {
    value.chars().flat_map(|c| if ",+\"\\<>;=#".contains(c) { vec!['\\', c] } else { vec![c] }).collect()
}

impl TestCa {
    /// A new root, valid from a day before `now` for ten years.
    pub fn generate(common_name: &str, now: Timestamp) -> Result<TestCa, IssueError> {
        let key = SigningKey::random(&mut OsRng);
        let name = Name::from_str(&format!("CN={},O=Pencere test environment,C=AZ", escape(common_name)))
            .map_err(|error| IssueError(error.to_string()))?;
        let validity = Validity {
            not_before: time(now.plus_seconds(-86_400))?,
            not_after: time(now.plus_seconds(10 * 365 * 86_400))?,
        };
        let spki =
            SubjectPublicKeyInfoOwned::from_key(*key.verifying_key()).map_err(|error| IssueError(error.to_string()))?;
        let builder = CertificateBuilder::new(Profile::Root, serial()?, validity, name.clone(), spki, &key)
            .map_err(|error| IssueError(error.to_string()))?;
        let certificate =
            builder.build::<p256::ecdsa::DerSignature>().map_err(|error| IssueError(error.to_string()))?;
        Ok(TestCa { root: IssuedCertificate { certificate, key }, name })
    }

    /// The root certificate in PEM: what relying parties configure as a trust anchor.
    pub fn certificate_pem(&self) -> String {
        self.root.certificate_pem()
    }

    /// The root certificate: what relying parties configure as a trust anchor.
    pub fn root_certificate(&self) -> &Certificate {
        &self.root.certificate
    }

    /// The root's private key, which signs certificates and revocation lists.
    pub(crate) fn root_key(&self) -> &SigningKey {
        &self.root.key
    }

    /// A signature certificate for a person, valid in the given window. `serial_number` goes
    /// into the subject's serialNumber attribute (the FİN).
    pub fn issue(
        &self,
        common_name: &str,
        serial_number: Option<&str>,
        not_before: Timestamp,
        not_after: Timestamp,
    ) -> Result<IssuedCertificate, IssueError> {
        let key = SigningKey::random(&mut OsRng);
        let mut subject = format!("CN={}", escape(common_name));
        if let Some(serial_number) = serial_number {
            subject.push_str(&format!(",serialNumber={}", escape(serial_number)));
        }
        subject.push_str(",C=AZ");
        let subject = Name::from_str(&subject).map_err(|error| IssueError(error.to_string()))?;
        let validity = Validity { not_before: time(not_before)?, not_after: time(not_after)? };
        let spki =
            SubjectPublicKeyInfoOwned::from_key(*key.verifying_key()).map_err(|error| IssueError(error.to_string()))?;
        let profile =
            Profile::Leaf { issuer: self.name.clone(), enable_key_agreement: false, enable_key_encipherment: false };
        let builder = CertificateBuilder::new(profile, serial()?, validity, subject, spki, &self.root.key)
            .map_err(|error| IssueError(error.to_string()))?;
        let certificate =
            builder.build::<p256::ecdsa::DerSignature>().map_err(|error| IssueError(error.to_string()))?;
        Ok(IssuedCertificate { certificate, key })
    }
}

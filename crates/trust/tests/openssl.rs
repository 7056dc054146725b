//! What the platform signs, OpenSSL verifies: detached CMS signatures (`openssl cms -verify`)
//! and revocation lists (`openssl crl`), with certificates valid at the real current time,
//! since OpenSSL checks against the system clock.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::process::{Command, Output};
use std::time::{SystemTime, UNIX_EPOCH};

use pencere_core::Timestamp;
use pencere_trust::{IssuedCertificate, TestCa, TrustStore, cms};

const DOCUMENT: &str = "Qərar № 42\nƏrizəçi: Gülnarə Əliyeva\nə ğ ı İ ö ü ç ş — Ə Ğ I İ Ö Ü Ç Ş\n";

fn now() -> Timestamp {
    let since_epoch = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
    Timestamp::from_micros(i64::try_from(since_epoch.as_micros()).unwrap())
}

/// A CA and an official's certificate valid from an hour ago to a day from now.
fn setup(now: Timestamp) -> (TestCa, IssuedCertificate) {
    let ca = TestCa::generate("Pəncərə Test CA", now).unwrap();
    let official =
        ca.issue("Gülnarə Əliyeva", Some("6RT8Y2U"), now.plus_seconds(-3600), now.plus_seconds(86_400)).unwrap();
    (ca, official)
}

/// Runs openssl with `args` (scripts/test installs it; a missing binary fails the test).
fn openssl(directory: &Path, args: &[&str]) -> Output {
    Command::new("openssl")
        .args(args)
        .current_dir(directory)
        .output()
        .unwrap_or_else(|error| panic!("running openssl (scripts/test installs it): {error}"))
}

fn text(output: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

#[test]
fn openssl_verifies_a_detached_signature_and_refuses_a_changed_document() {
    let now = now();
    let (ca, official) = setup(now);
    let directory = tempfile::tempdir().unwrap();
    let signature = cms::sign_detached(DOCUMENT.as_bytes(), &official, now).unwrap();
    std::fs::write(directory.path().join("DOC"), DOCUMENT).unwrap();
    std::fs::write(directory.path().join("SIG"), &signature).unwrap();
    std::fs::write(directory.path().join("CA.pem"), ca.certificate_pem()).unwrap();
    let verify = [
        "cms",
        "-verify",
        "-binary",
        "-inform",
        "DER",
        "-content",
        "DOC",
        "-in",
        "SIG",
        "-CAfile",
        "CA.pem",
        "-out",
        "/dev/null",
    ];

    let output = openssl(directory.path(), &verify);
    assert!(output.status.success(), "openssl refused the signature: {}", text(&output));

    let mut changed = DOCUMENT.as_bytes().to_vec();
    changed[7] ^= 0x01;
    std::fs::write(directory.path().join("DOC"), &changed).unwrap();
    let output = openssl(directory.path(), &verify);
    assert!(!output.status.success(), "openssl accepted a changed document: {}", text(&output));

    // And the platform agrees with openssl on both.
    let trust = TrustStore::from_pem(&ca.certificate_pem()).unwrap();
    assert_eq!(trust.verify_detached(&signature, DOCUMENT.as_bytes()).unwrap().signer.common_name, "Gülnarə Əliyeva");
    assert!(trust.verify_detached(&signature, &changed).is_err());
}

#[test]
fn openssl_verifies_a_revocation_list_and_lists_the_revoked_serial() {
    let now = now();
    let (ca, official) = setup(now);
    let directory = tempfile::tempdir().unwrap();
    let crl = ca.crl(&[(official.serial(), now.plus_seconds(-60))], now).unwrap();
    std::fs::write(directory.path().join("CRL"), &crl).unwrap();
    std::fs::write(directory.path().join("CA.pem"), ca.certificate_pem()).unwrap();

    let output = openssl(directory.path(), &["crl", "-inform", "DER", "-in", "CRL", "-CAfile", "CA.pem", "-noout"]);
    assert!(output.status.success(), "openssl refused the CRL: {}", text(&output));
    assert!(text(&output).contains("verify OK"), "openssl did not verify the CRL: {}", text(&output));

    let output = openssl(directory.path(), &["crl", "-inform", "DER", "-in", "CRL", "-text", "-noout"]);
    assert!(output.status.success(), "openssl could not print the CRL: {}", text(&output));
    let listing = text(&output).to_ascii_lowercase();
    assert!(listing.contains(&format!("serial number: {}", official.serial())), "serial not listed: {listing}");
    assert!(listing.contains("x509v3 crl number"), "no CRL number: {listing}");

    // A list signed by another CA with the same name does not verify.
    let impostor = TestCa::generate("Pəncərə Test CA", now).unwrap();
    std::fs::write(directory.path().join("CRL"), impostor.crl(&[], now).unwrap()).unwrap();
    let output = openssl(directory.path(), &["crl", "-inform", "DER", "-in", "CRL", "-CAfile", "CA.pem", "-noout"]);
    assert!(!text(&output).contains("verify OK"), "openssl verified a forged CRL: {}", text(&output));
}

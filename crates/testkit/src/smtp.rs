//! The real SMTP server `scripts/test` starts on loopback, and the maildir it files messages into.

use std::path::{Path, PathBuf};

/// The server's URL and its maildir, from `PENCERE_TEST_SMTP_URL` and `PENCERE_TEST_MAILDIR`.
#[allow(clippy::expect_used, reason = "a test without its SMTP server cannot run")]
pub fn server() -> (String, PathBuf) {
    let url = std::env::var("PENCERE_TEST_SMTP_URL")
        .expect("PENCERE_TEST_SMTP_URL: run scripts/test, which starts an SMTP server");
    let maildir = std::env::var("PENCERE_TEST_MAILDIR").expect("PENCERE_TEST_MAILDIR: run scripts/test");
    (url, maildir.into())
}

/// Waits (up to ten seconds) for a message to `to` in the maildir, removes it and returns its
/// text. Tests give each recipient an address of its own, so that they never take each other's.
#[allow(clippy::panic, reason = "a mail that never arrives fails the test")]
pub fn wait_for_mail(maildir: &Path, to: &str) -> String {
    for _ in 0..100 {
        for entry in std::fs::read_dir(maildir.join("new")).into_iter().flatten().flatten() {
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            if text.contains(&format!("To: {to}")) && std::fs::remove_file(entry.path()).is_ok() {
                return text;
            }
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    panic!("no mail to {to} arrived at the SMTP server");
}

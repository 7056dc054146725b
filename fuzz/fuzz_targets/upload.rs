//! An uploaded document: a file name, a NUL byte, the content. Checking never panics; an accepted
//! document's type is the one its content starts with, and its name is a plain base name with
//! that type's extension.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pencere_cases::documents::check;

fuzz_target!(|data: &[u8]| {
    let (name, content) = match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (&b"document.pdf"[..], data),
    };
    let name = String::from_utf8_lossy(name);
    if let Ok(checked) = check(&name, content) {
        let extension = match checked.content_type {
            "application/pdf" => {
                assert!(content.starts_with(b"%PDF-"));
                "pdf"
            }
            "image/jpeg" => {
                assert!(content.starts_with(&[0xFF, 0xD8, 0xFF]));
                "jpg"
            }
            "image/png" => {
                assert!(content.starts_with(b"\x89PNG\r\n\x1a\n"));
                "png"
            }
            other => panic!("unexpected type {other}"),
        };
        let (stem, ext) = checked.file_name.rsplit_once('.').expect("a name with an extension");
        assert_eq!(ext, extension);
        assert!(!stem.is_empty() && stem.chars().count() <= 100, "{:?}", checked.file_name);
        assert!(stem.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_'), "{:?}", checked.file_name);
        assert_eq!(checked.sha256.len(), 64);
    }
});

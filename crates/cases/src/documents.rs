//! Checking uploaded documents: the type is read from the content, never from the name or the
//! browser's word; the size is limited; the name is cleaned. Content is stored once by its
//! SHA-256, and a document once stored is never replaced: a new upload is a new version.

use sha2::{Digest, Sha256};

/// The largest document accepted, in bytes.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;

/// Why a document was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DocumentError {
    /// Nothing was uploaded.
    #[error("the file is empty")]
    Empty,
    /// Over [`MAX_BYTES`].
    #[error("the file is larger than {MAX_BYTES} bytes")]
    TooLarge,
    /// Not a PDF, JPEG or PNG by content.
    #[error("only PDF, JPEG and PNG files are accepted")]
    WrongType,
}

/// An accepted document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checked {
    /// The SHA-256 of the content, hexadecimal.
    pub sha256: String,
    /// The cleaned name, with the extension of its real type.
    pub file_name: String,
    /// The real type.
    pub content_type: &'static str,
}

/// Checks a document.
pub fn check(file_name: &str, content: &[u8]) -> Result<Checked, DocumentError> {
    if content.is_empty() {
        return Err(DocumentError::Empty);
    }
    if content.len() > MAX_BYTES {
        return Err(DocumentError::TooLarge);
    }
    let (content_type, extension) = sniff(content).ok_or(DocumentError::WrongType)?;
    let digest = Sha256::digest(content);
    let sha256 = pencere_core::hex(&digest);
    Ok(Checked { sha256, file_name: clean_name(file_name, extension), content_type })
}

fn sniff(content: &[u8]) -> Option<(&'static str, &'static str)> {
    if content.starts_with(b"%PDF-") {
        Some(("application/pdf", "pdf"))
    } else if content.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(("image/jpeg", "jpg"))
    } else if content.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some(("image/png", "png"))
    } else {
        None
    }
}

/// The base name without path, control or shell-special characters, at most 100 characters,
/// ending in the real type's extension.
fn clean_name(file_name: &str, extension: &str) -> String {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or_default();
    let stem = match base.rsplit_once('.') {
        Some((stem, _)) => stem,
        None => base,
    };
    let cleaned: String =
        stem.chars().map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect();
    let trimmed: String = cleaned.trim_matches('_').chars().take(100).collect();
    let stem = if trimmed.is_empty() { "document".to_owned() } else { trimmed };
    format!("{stem}.{extension}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_type_comes_from_the_content() {
        let pdf = check("çertyoj.PDF", b"%PDF-1.7 ...").unwrap();
        assert_eq!(pdf.content_type, "application/pdf");
        assert_eq!(pdf.file_name, "çertyoj.pdf");
        let png = check("photo.pdf", &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0]).unwrap();
        assert_eq!(png.content_type, "image/png");
        assert_eq!(png.file_name, "photo.png", "the name follows the real type");
        assert_eq!(check("virus.pdf", b"MZ\x90\x00"), Err(DocumentError::WrongType));
        assert_eq!(check("empty.pdf", b""), Err(DocumentError::Empty));
        assert_eq!(check("big.pdf", &vec![b'%'; MAX_BYTES + 1]), Err(DocumentError::TooLarge));
    }

    #[test]
    fn names_lose_paths_and_special_characters() {
        assert_eq!(clean_name("../../etc/passwd", "pdf"), "passwd.pdf");
        assert_eq!(clean_name("C:\\Users\\a\\Şəhadətnamə (1).pdf", "pdf"), "Şəhadətnamə__1.pdf");
        assert_eq!(clean_name("<script>.pdf", "pdf"), "script.pdf");
        assert_eq!(clean_name(".pdf", "pdf"), "document.pdf");
    }

    #[test]
    fn equal_content_has_equal_hashes() {
        let a = check("a.pdf", b"%PDF-1.4 same").unwrap();
        let b = check("b.pdf", b"%PDF-1.4 same").unwrap();
        assert_eq!(a.sha256, b.sha256);
        assert_eq!(a.sha256.len(), 64);
    }
}

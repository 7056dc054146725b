//! Rendering of the documents people keep — licences, administrative acts, registry extracts —
//! as PDF files: A4 pages with the issuer, title, a label/value table, running text, and on the
//! last page a QR code, the verification code and address, and a closing line.
//!
//! Text is set in DejaVu Sans and DejaVu Sans Bold, embedded as subsets (Type0/CIDFontType2,
//! Identity-H, with a ToUnicode CMap), so every Azerbaijani and Cyrillic letter displays the
//! same everywhere and can be searched and copied.
//! The output is deterministic: the same [`Document`] always gives the same bytes, which is what
//! lets the platform sign them with a detached signature.
//!
//! Invariant: no IO, no clock, no SQL, no HTTP. The fonts are compiled into the binary.

mod font;
mod layout;
mod pdf;

/// One document to render.
#[derive(Debug, Clone, Copy)]
pub struct Document<'a> {
    /// Who issues it (e.g. the ministry's name), printed at the top.
    pub issuer: &'a str,
    /// The document's title, e.g. "Lisenziya".
    pub title: &'a str,
    /// The document's number or other subtitle line, if any.
    pub subtitle: Option<&'a str>,
    /// Label/value pairs printed as a two-column table (labels bold).
    pub fields: &'a [(String, String)],
    /// Paragraphs of running text, wrapped to the page width.
    pub paragraphs: &'a [String],
    /// The short verification code, printed large near the QR code.
    pub verification_code: &'a str,
    /// The line printed before the code, already localized, e.g. "Yoxlama kodu".
    pub verification_label: &'a str,
    /// The public address that verifies the document; encoded in the QR code and printed under it.
    pub verify_url: &'a str,
    /// A closing line (e.g. "Signed with an enhanced electronic signature by …"), printed at the bottom.
    pub footer: &'a str,
    /// Document metadata title/language for the PDF info dictionary, e.g. "az".
    pub lang: &'a str,
}

/// Why a document could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// A font compiled into the crate could not be parsed.
    #[error("font {font} could not be parsed")]
    FontParse {
        /// The font's PostScript name.
        font: &'static str,
        /// What the parser reported.
        #[source]
        source: ttf_parser::FaceParsingError,
    },
    /// A font could not be reduced to the glyphs the document uses.
    #[error("font {font} could not be subset")]
    FontSubset {
        /// The font's PostScript name.
        font: &'static str,
        /// What the subsetter reported.
        #[source]
        source: subsetter::Error,
    },
    /// The verification address does not fit in a QR code (it is far too long).
    #[error("the verification address cannot be encoded as a QR code")]
    QrCode(#[from] qrcode::types::QrError),
}

/// Renders `document` as a PDF file.
///
/// The same document always gives the same bytes: there is no creation date, no random file
/// identifier, and object numbers, font subsets and compression are all fixed by the input.
pub fn render_pdf(document: &Document<'_>) -> Result<Vec<u8>, RenderError> {
    let fonts = font::Fonts::load()?;
    let pages = layout::layout(document, &fonts)?;
    pdf::write(document, &fonts, &pages)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::*;

    fn fields() -> Vec<(String, String)> {
        vec![
            ("Lisenziya sahibi".to_owned(), "“Şəki İpək” MMC".to_owned()),
            ("VÖEN".to_owned(), "1234567891".to_owned()),
            ("Fəaliyyət növü".to_owned(), "Tikinti-quraşdırma işləri".to_owned()),
            ("Qüvvədədir".to_owned(), "2026-01-15 – müddətsiz".to_owned()),
        ]
    }

    fn document<'a>(fields: &'a [(String, String)], paragraphs: &'a [String]) -> Document<'a> {
        Document {
            issuer: "Azərbaycan Respublikasının İqtisadiyyat Nazirliyi",
            title: "Lisenziya",
            subtitle: Some("№ LIC-2026-000123"),
            fields,
            paragraphs,
            verification_code: "K7QF-3M2P",
            verification_label: "Yoxlama kodu",
            verify_url: "https://pencere.gov.az/yoxla/K7QF-3M2P",
            footer: "Gücləndirilmiş elektron imza ilə imzalanmışdır: İqtisadiyyat Nazirliyi.",
            lang: "az",
        }
    }

    fn page_count(pdf: &[u8]) -> usize {
        pdf.windows(b"/Type /Page\n".len()).filter(|window| *window == b"/Type /Page\n").count()
    }

    #[test]
    fn the_same_document_renders_to_the_same_bytes() {
        let fields = fields();
        let paragraphs = vec!["Bu lisenziya Azərbaycan Respublikasının ərazisində etibarlıdır.".to_owned()];
        let first = render_pdf(&document(&fields, &paragraphs)).unwrap();
        let second = render_pdf(&document(&fields, &paragraphs)).unwrap();
        assert_eq!(first, second);
        assert!(first.starts_with(b"%PDF-1.7"));
        assert_eq!(page_count(&first), 1);
    }

    #[test]
    fn different_documents_render_differently() {
        let fields = fields();
        let first = render_pdf(&document(&fields, &[])).unwrap();
        let mut other = document(&fields, &[]);
        other.verification_code = "Z9ZZ-0000";
        assert_ne!(first, render_pdf(&other).unwrap());
    }

    #[test]
    fn a_long_document_continues_on_more_pages() {
        let fields = fields();
        let paragraph = "Lisenziya sahibi lisenziya şərtlərinə və Azərbaycan Respublikasının qanunvericiliyinə \
                         uyğun fəaliyyət göstərməyə, dəyişikliklər barədə lisenziya orqanına otuz gün ərzində \
                         məlumat verməyə borcludur.";
        let paragraphs = vec![paragraph.to_owned(); 40];
        let pdf = render_pdf(&document(&fields, &paragraphs)).unwrap();
        assert!(page_count(&pdf) > 1, "{} pages", page_count(&pdf));
        assert_eq!(pdf, render_pdf(&document(&fields, &paragraphs)).unwrap());
    }

    #[test]
    fn a_one_page_document_stays_small() {
        let fields = fields();
        let pdf = render_pdf(&document(&fields, &[])).unwrap();
        assert!(pdf.len() < 100 * 1024, "{} bytes", pdf.len());
    }

    #[test]
    fn an_empty_document_still_renders() {
        let doc = Document {
            issuer: "",
            title: "",
            subtitle: None,
            fields: &[],
            paragraphs: &[],
            verification_code: "",
            verification_label: "",
            verify_url: "",
            footer: "",
            lang: "az",
        };
        let pdf = render_pdf(&doc).unwrap();
        assert_eq!(page_count(&pdf), 1);
    }

    #[test]
    fn an_address_too_long_for_a_qr_code_is_an_error() {
        let url = format!("https://pencere.gov.az/yoxla/{}", "x".repeat(5000));
        let mut doc = document(&[], &[]);
        doc.verify_url = &url;
        assert!(matches!(render_pdf(&doc), Err(RenderError::QrCode(_))));
    }
}

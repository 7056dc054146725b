#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Renders documents and reads them back with poppler's command-line tools (`poppler-utils`):
//! the text must extract exactly, every font must be embedded, and a short document is one page.

use std::path::Path;
use std::process::Command;

use pencere_render::{Document, render_pdf};

const AZERBAIJANI: &str = "Şəki, Gəncə, İsmayıllı — ğ ı ö ü ç ş";
const RUSSIAN: &str = "Лицензия выдана";
const CODE: &str = "K7QF-3M2P";
const URL: &str = "https://pencere.gov.az/yoxla/K7QF-3M2P";

fn render(paragraphs: &[String]) -> Vec<u8> {
    let fields = vec![
        ("Lisenziya sahibi".to_owned(), "“Şəki İpək” MMC".to_owned()),
        ("Ünvan".to_owned(), AZERBAIJANI.to_owned()),
        ("VÖEN".to_owned(), "1234567891".to_owned()),
        ("Qüvvədədir".to_owned(), "2026-01-15 – müddətsiz".to_owned()),
    ];
    let document = Document {
        issuer: "Azərbaycan Respublikasının İqtisadiyyat Nazirliyi",
        title: "Lisenziya",
        subtitle: Some("№ LIC-2026-000123"),
        fields: &fields,
        paragraphs,
        verification_code: CODE,
        verification_label: "Yoxlama kodu",
        verify_url: URL,
        footer: "Gücləndirilmiş elektron imza ilə imzalanmışdır: İqtisadiyyat Nazirliyi.",
        lang: "az",
    };
    render_pdf(&document).unwrap()
}

fn poppler(tool: &str, args: &[&str], pdf: &Path) -> String {
    let output = Command::new(tool)
        .args(args)
        .arg(pdf)
        .args(if tool == "pdftotext" { &["-"][..] } else { &[][..] })
        .output()
        .unwrap_or_else(|error| panic!("{tool} could not run (is poppler-utils installed?): {error}"));
    assert!(output.status.success(), "{tool} failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

fn write(dir: &tempfile::TempDir, name: &str, pdf: &[u8]) -> std::path::PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, pdf).unwrap();
    path
}

#[test]
fn text_extracts_fonts_are_embedded_and_a_short_document_is_one_page() {
    let paragraphs = vec![format!("{RUSSIAN} в соответствии с законодательством. {AZERBAIJANI}.")];
    let pdf = render(&paragraphs);
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "lisenziya.pdf", &pdf);

    let text = poppler("pdftotext", &["-layout", "-enc", "UTF-8"], &path);
    for expected in [AZERBAIJANI, RUSSIAN, CODE, URL, "Yoxlama kodu", "Lisenziya", "№ LIC-2026-000123"] {
        assert!(text.contains(expected), "{expected:?} not in the extracted text:\n{text}");
    }

    let fonts = poppler("pdffonts", &[], &path);
    let rows: Vec<&str> = fonts.lines().skip(2).filter(|line| !line.trim().is_empty()).collect();
    assert_eq!(rows.len(), 2, "{fonts}");
    let names: Vec<&str> = rows.iter().filter_map(|row| row.split_whitespace().next()).collect();
    assert!(names.iter().any(|name| name.ends_with("+DejaVuSans")), "{fonts}");
    assert!(names.iter().any(|name| name.ends_with("+DejaVuSans-Bold")), "{fonts}");
    for row in &rows {
        // Columns: name type encoding emb sub uni object ID; the name has no spaces, but the
        // type ("CID TrueType") and encoding do, so read the flags from the right.
        let columns: Vec<&str> = row.split_whitespace().collect();
        let [emb, sub, uni, _object, _generation] = columns[columns.len() - 5..] else { panic!("{row}") };
        assert_eq!((emb, sub, uni), ("yes", "yes", "yes"), "{row}");
        assert!(row.contains("CID TrueType") && row.contains("Identity-H"), "{row}");
    }

    let info = poppler("pdfinfo", &[], &path);
    assert!(info.lines().any(|line| line.split_whitespace().eq(["Pages:", "1"])), "{info}");
    assert!(info.lines().any(|line| line.starts_with("Title:") && line.ends_with("Lisenziya")), "{info}");
    assert!(info.lines().any(|line| line.starts_with("Page size:") && line.contains("(A4)")), "{info}");
}

#[test]
fn a_long_document_puts_the_verification_block_on_its_last_page() {
    let paragraph = format!(
        "{RUSSIAN} {AZERBAIJANI}. Lisenziya sahibi lisenziya şərtlərinə və qanunvericiliyə uyğun fəaliyyət \
         göstərməyə, dəyişikliklər barədə lisenziya orqanına otuz gün ərzində məlumat verməyə borcludur."
    );
    let pdf = render(&vec![paragraph; 60]);
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "uzun.pdf", &pdf);

    let info = poppler("pdfinfo", &[], &path);
    let pages: usize =
        info.lines().find_map(|line| line.strip_prefix("Pages:")).map(|count| count.trim().parse().unwrap()).unwrap();
    assert!(pages > 1, "{info}");

    let last = pages.to_string();
    let last_page = poppler("pdftotext", &["-f", &last, "-l", &last, "-enc", "UTF-8"], &path);
    assert!(last_page.contains(CODE) && last_page.contains(URL), "{last_page}");
    let first_page = poppler("pdftotext", &["-f", "1", "-l", "1", "-enc", "UTF-8"], &path);
    assert!(!first_page.contains(URL), "{first_page}");
    // The page number "1 / N"; poppler may or may not keep the narrow spaces around the slash.
    assert!(first_page.replace(' ', "").contains(&format!("1/{pages}")), "{first_page}");
}

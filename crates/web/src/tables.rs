//! Tables people download: CSV (RFC 4180) and XLSX workbooks, and the bar chart a page draws
//! beside a table. One [`Table`] feeds all three, so what a page shows and what a file holds
//! are the same rows.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::problem::ApiError;

/// One cell of a table.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// Text.
    Text(String),
    /// A count.
    Count(u64),
}

impl Cell {
    fn text(&self) -> String {
        match self {
            Cell::Text(text) => text.clone(),
            Cell::Count(count) => count.to_string(),
        }
    }
}

/// A named table: a header row and rows of cells.
#[derive(Clone, Debug, Default)]
pub struct Table {
    /// The sheet's name in a workbook (at most 31 characters are kept).
    pub name: String,
    /// The header row.
    pub headers: Vec<String>,
    /// The rows.
    pub rows: Vec<Vec<Cell>>,
}

/// A text that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, tab or carriage
/// return first) is kept as text by a leading apostrophe (CSV injection).
fn defused(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text.to_owned() }
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) { format!("\"{}\"", text.replace('"', "\"\"")) } else { text.to_owned() }
}

/// The table as CSV: comma-separated, CRLF line ends, fields quoted where needed; with
/// `bom`, a UTF-8 byte order mark first, so that spreadsheet programs read Azerbaijani letters.
pub fn to_csv(table: &Table, bom: bool) -> Vec<u8> {
    let mut out = String::new();
    if bom {
        out.push('\u{feff}');
    }
    let line = |cells: Vec<String>| cells.iter().map(|cell| csv_field(cell)).collect::<Vec<_>>().join(",") + "\r\n";
    out.push_str(&line(table.headers.clone()));
    for row in &table.rows {
        out.push_str(&line(
            row.iter()
                .map(|cell| match cell {
                    Cell::Text(text) => defused(text),
                    Cell::Count(_) => cell.text(),
                })
                .collect(),
        ));
    }
    out.into_bytes()
}

/// The tables as an XLSX workbook, one sheet each, the header row in bold.
pub fn to_xlsx(tables: &[&Table]) -> Result<Vec<u8>, ApiError> {
    use rust_xlsxwriter::{Format, Workbook};
    let fail = |error: rust_xlsxwriter::XlsxError| ApiError::internal(format!("xlsx: {error}"));
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    for table in tables {
        let sheet = workbook.add_worksheet();
        let name: String =
            table.name.chars().filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\')).take(31).collect();
        if !name.is_empty() {
            sheet.set_name(name).map_err(fail)?;
        }
        for (column, header) in table.headers.iter().enumerate() {
            let column = u16::try_from(column).unwrap_or(u16::MAX);
            sheet.write_string_with_format(0, column, header, &bold).map_err(fail)?;
            let widest = table
                .rows
                .iter()
                .filter_map(|row| row.get(usize::from(column)))
                .map(|cell| cell.text().chars().count());
            let width = widest.chain(std::iter::once(header.chars().count())).max().unwrap_or(8).clamp(8, 60);
            sheet.set_column_width(column, width as f64 + 2.0).map_err(fail)?;
        }
        for (index, row) in table.rows.iter().enumerate() {
            let at = u32::try_from(index + 1).unwrap_or(u32::MAX);
            for (column, cell) in row.iter().enumerate() {
                let column = u16::try_from(column).unwrap_or(u16::MAX);
                match cell {
                    Cell::Text(text) => sheet.write_string(at, column, text).map_err(fail)?,
                    Cell::Count(count) => sheet.write_number(at, column, *count as f64).map_err(fail)?,
                };
            }
        }
    }
    workbook.save_to_buffer().map_err(fail)
}

/// A download: the bytes with their type and a file name.
pub fn download(bytes: Vec<u8>, content_type: &'static str, file_name: &str) -> Response {
    let mut response = (StatusCode::OK, bytes).into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    let safe: String =
        file_name.chars().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')).collect();
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{safe}\"")) {
        response.headers_mut().insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

/// The media type of CSV.
pub const CSV: &str = "text/csv; charset=utf-8";
/// The media type of an XLSX workbook.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// One bar of a horizontal bar chart, laid out.
pub struct Bar {
    /// What it counts.
    pub label: String,
    /// The count.
    pub count: u64,
    /// Its top edge.
    pub y: u32,
    /// Its left edge (where the labels end).
    pub x: u32,
    /// Where its label ends.
    pub label_x: u32,
    /// Its length.
    pub width: u32,
    /// Where its texts' baseline is.
    pub text_y: u32,
    /// Where its count is written.
    pub count_x: u32,
}

/// A horizontal bar chart drawn as inline SVG by a template (`chart.html`): one bar a row,
/// labels on the left, counts after the bars.
pub struct Chart {
    /// The element id its title and description are named by.
    pub id: String,
    /// Its title (what the screen reader announces).
    pub title: String,
    /// A sentence describing it (the table beside it has the figures).
    pub description: String,
    /// The bars.
    pub bars: Vec<Bar>,
    /// The drawing's height.
    pub height: u32,
}

/// Where the bars begin, their longest length, and a row's height.
const LABEL_WIDTH: u32 = 220;
const BAR_SPACE: u32 = 360;
const ROW: u32 = 28;

impl Chart {
    /// Lays out bars for `(label, count)` pairs.
    pub fn new(id: &str, title: String, description: String, values: &[(String, u64)]) -> Chart {
        let top = values.iter().map(|(_, count)| *count).max().unwrap_or(0).max(1);
        let bars = values
            .iter()
            .enumerate()
            .map(|(index, (label, count))| {
                let y = 8 + ROW * u32::try_from(index).unwrap_or(u32::MAX / ROW - 1);
                let width = u32::try_from(u64::from(BAR_SPACE) * count / top).unwrap_or(BAR_SPACE);
                Bar {
                    label: label.clone(),
                    count: *count,
                    y,
                    x: LABEL_WIDTH,
                    label_x: LABEL_WIDTH - 8,
                    width,
                    text_y: y + 15,
                    count_x: LABEL_WIDTH + width + 6,
                }
            })
            .collect::<Vec<_>>();
        let height = 16 + ROW * u32::try_from(bars.len()).unwrap_or(0);
        Chart { id: id.to_owned(), title, description, bars, height }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_what_needs_it_and_defuses_formulas() {
        let table = Table {
            name: "t".into(),
            headers: vec!["Ad".into(), "Say".into()],
            rows: vec![
                vec![Cell::Text("“Şəki Tütün”, ASC".into()), Cell::Count(3)],
                vec![Cell::Text("=HYPERLINK(\"x\")".into()), Cell::Count(0)],
            ],
        };
        let text = String::from_utf8(to_csv(&table, true)).unwrap();
        assert_eq!(text, "\u{feff}Ad,Say\r\n\"“Şəki Tütün”, ASC\",3\r\n\"'=HYPERLINK(\"\"x\"\")\",0\r\n");
        assert!(!String::from_utf8(to_csv(&table, false)).unwrap().starts_with('\u{feff}'));
    }

    #[test]
    fn bars_are_as_long_as_their_share_of_the_largest() {
        let chart = Chart::new("c", "t".into(), "d".into(), &[("a".into(), 4), ("b".into(), 2), ("c".into(), 0)]);
        let widths: Vec<u32> = chart.bars.iter().map(|bar| bar.width).collect();
        assert_eq!(widths, [360, 180, 0]);
        assert_eq!(chart.height, 16 + 3 * 28);
    }
}

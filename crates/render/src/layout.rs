//! Page layout: turns a [`Document`] into positioned text runs, rules and the QR code, page by page.
//!
//! Coordinates are PDF points with the origin at the bottom left of an A4 page.
//! Content flows from the top margin down and continues on a new page when it reaches the bottom
//! margin; the closing block (QR code, verification code, address and footer) is anchored to the
//! bottom of the last page, which is a fresh page if the content leaves no room for it.

use qrcode::{Color as Module, EcLevel, QrCode};

use crate::font::{Fonts, Weight};
use crate::{Document, RenderError};

/// A4 width in points.
pub(crate) const PAGE_WIDTH: f32 = 595.28;
/// A4 height in points.
pub(crate) const PAGE_HEIGHT: f32 = 841.89;
/// Left and right margins: 20 mm.
const MARGIN_X: f32 = 56.69;
/// Top margin: 20 mm.
const MARGIN_TOP: f32 = 56.69;
/// Bottom margin: 20 mm; the page number sits inside it.
const MARGIN_BOTTOM: f32 = 56.69;
/// The width text is wrapped to.
const CONTENT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN_X;
/// The y coordinate where content starts on every page.
const TOP: f32 = PAGE_HEIGHT - MARGIN_TOP;
/// The longest side the QR code may take.
const QR_SIDE: f32 = 96.0;
/// Space between the QR code and the text beside it.
const QR_GAP: f32 = 16.0;

/// An RGB fill colour, components in `0.0..=1.0`.
pub(crate) type Rgb = [f32; 3];

const INK: Rgb = [0.08, 0.09, 0.11];
const MUTED: Rgb = [0.36, 0.38, 0.42];
const ACCENT: Rgb = [0.09, 0.25, 0.45];
const HAIRLINE: Rgb = [0.82, 0.84, 0.87];

/// How a run of text is set: face, size and colour, in a line box `leading` points high.
#[derive(Debug, Clone, Copy)]
struct Style {
    weight: Weight,
    size: f32,
    leading: f32,
    color: Rgb,
}

impl Style {
    const fn new(weight: Weight, size: f32, leading: f32, color: Rgb) -> Self {
        Style { weight, size, leading, color }
    }
}

const ISSUER: Style = Style::new(Weight::Bold, 10.5, 14.0, ACCENT);
const TITLE: Style = Style::new(Weight::Bold, 20.0, 26.0, INK);
const SUBTITLE: Style = Style::new(Weight::Regular, 11.0, 15.0, MUTED);
const FIELD_LABEL: Style = Style::new(Weight::Bold, 10.0, 14.0, INK);
const FIELD_VALUE: Style = Style::new(Weight::Regular, 10.0, 14.0, INK);
const PARAGRAPH: Style = Style::new(Weight::Regular, 10.5, 15.0, INK);
const CODE_LABEL: Style = Style::new(Weight::Regular, 10.0, 14.0, MUTED);
const CODE: Style = Style::new(Weight::Bold, 22.0, 28.0, INK);
const URL: Style = Style::new(Weight::Regular, 9.0, 12.0, ACCENT);
const FOOTER: Style = Style::new(Weight::Regular, 8.5, 11.5, MUTED);
const PAGE_NUMBER: Style = Style::new(Weight::Regular, 8.0, 10.0, MUTED);

/// One thing drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Item {
    /// A single line of text with its baseline starting at (`x`, `y`).
    Text { weight: Weight, size: f32, x: f32, y: f32, color: Rgb, text: String },
    /// A filled rectangle with its lower left corner at (`x`, `y`).
    Fill { x: f32, y: f32, width: f32, height: f32, color: Rgb },
    /// A QR code: `width`×`width` modules of `module` points, its upper left corner at (`x`, `top`),
    /// `dark` listing the modules row by row.
    Qr { x: f32, top: f32, module: f32, width: usize, dark: Vec<bool> },
}

/// The items of one page, in drawing order.
pub(crate) type Page = Vec<Item>;

/// Lays the document out on as many pages as it needs.
pub(crate) fn layout(document: &Document<'_>, fonts: &Fonts) -> Result<Vec<Page>, RenderError> {
    let qr = QrCode::with_error_correction_level(document.verify_url.as_bytes(), EcLevel::M)?;
    let mut flow = Flow::new(fonts);

    flow.text(ISSUER, MARGIN_X, CONTENT_WIDTH, document.issuer);
    flow.gap(4.0);
    flow.rule(1.2, ACCENT);
    flow.gap(18.0);
    flow.text(TITLE, MARGIN_X, CONTENT_WIDTH, document.title);
    if let Some(subtitle) = document.subtitle {
        flow.text(SUBTITLE, MARGIN_X, CONTENT_WIDTH, subtitle);
    }
    flow.gap(14.0);

    flow.table(document.fields);

    if !document.paragraphs.is_empty() {
        flow.gap(14.0);
    }
    for (index, paragraph) in document.paragraphs.iter().enumerate() {
        if index > 0 {
            flow.gap(7.0);
        }
        flow.text(PARAGRAPH, MARGIN_X, CONTENT_WIDTH, paragraph);
    }

    flow.closing_block(document, &qr);
    Ok(flow.finish())
}

/// Rounds a coordinate to hundredths of a point, which keeps content streams short.
fn round(value: f32) -> f32 {
    (value * 100.0).round() / 100.0
}

/// The text flow: a cursor moving down the current page, and the pages filled so far.
struct Flow<'f> {
    fonts: &'f Fonts,
    done: Vec<Page>,
    current: Page,
    /// The top of the next line.
    y: f32,
    /// Whether nothing has been placed on the current page yet.
    fresh: bool,
}

impl<'f> Flow<'f> {
    fn new(fonts: &'f Fonts) -> Self {
        Flow { fonts, done: Vec::new(), current: Vec::new(), y: TOP, fresh: true }
    }

    fn new_page(&mut self) {
        self.done.push(std::mem::take(&mut self.current));
        self.y = TOP;
        self.fresh = true;
    }

    /// Starts a new page unless `height` more points fit above the bottom margin.
    /// A fresh page is never left empty, so content taller than a page still makes progress.
    fn ensure(&mut self, height: f32) {
        if self.y - height < MARGIN_BOTTOM && !self.fresh {
            self.new_page();
        }
    }

    fn gap(&mut self, height: f32) {
        if !self.fresh {
            self.y -= height;
        }
    }

    fn push(&mut self, item: Item) {
        self.current.push(item);
        self.fresh = false;
    }

    /// A horizontal rule across the content width, `thickness` points thick.
    fn rule(&mut self, thickness: f32, color: Rgb) {
        self.ensure(thickness);
        self.y -= thickness;
        let item = Item::Fill { x: MARGIN_X, y: round(self.y), width: round(CONTENT_WIDTH), height: thickness, color };
        self.push(item);
    }

    /// Places one line of text in a line box whose top is the cursor, without moving the cursor.
    fn line(&mut self, style: Style, x: f32, text: String) {
        let baseline = round(self.y - 0.8 * style.leading);
        if !text.is_empty() {
            let Style { weight, size, color, .. } = style;
            self.push(Item::Text { weight, size, x: round(x), y: baseline, color, text });
        }
    }

    /// Places lines one under the other, breaking pages between lines as needed.
    fn lines(&mut self, style: Style, x: f32, lines: Vec<String>) {
        for line in lines {
            self.ensure(style.leading);
            self.line(style, x, line);
            self.y -= style.leading;
        }
    }

    /// Wraps `text` to `width` and places its lines.
    fn text(&mut self, style: Style, x: f32, width: f32, text: &str) {
        let lines = wrap(self.fonts, style, text, width);
        self.lines(style, x, lines);
    }

    /// The label/value table: labels bold in the left column, values in the right, both wrapped.
    fn table(&mut self, fields: &[(String, String)]) {
        const COLUMN_GAP: f32 = 12.0;
        const PADDING: f32 = 4.5;
        if fields.is_empty() {
            return;
        }
        let label_font = self.fonts.get(FIELD_LABEL.weight);
        let widest = fields
            .iter()
            .flat_map(|(label, _)| label.split('\n'))
            .map(|line| label_font.width(line, FIELD_LABEL.size))
            .fold(0.0_f32, f32::max);
        let label_width = widest.clamp(CONTENT_WIDTH * 0.25, CONTENT_WIDTH * 0.4);
        let value_x = MARGIN_X + label_width + COLUMN_GAP;
        let value_width = CONTENT_WIDTH - label_width - COLUMN_GAP;

        self.rule(0.5, HAIRLINE);
        for (label, value) in fields {
            let labels = wrap(self.fonts, FIELD_LABEL, label, label_width);
            let values = wrap(self.fonts, FIELD_VALUE, value, value_width);
            let lines = labels.len().max(values.len()).max(1);
            let height = lines as f32 * FIELD_VALUE.leading + 2.0 * PADDING;
            // Keep a row on one page unless it is taller than a whole page.
            if height <= TOP - MARGIN_BOTTOM {
                self.ensure(height);
            }
            self.y -= PADDING;
            let mut labels = labels.into_iter();
            let mut values = values.into_iter();
            for _ in 0..lines {
                self.ensure(FIELD_VALUE.leading);
                if let Some(label) = labels.next() {
                    self.line(FIELD_LABEL, MARGIN_X, label);
                }
                if let Some(value) = values.next() {
                    self.line(FIELD_VALUE, value_x, value);
                }
                self.y -= FIELD_VALUE.leading;
            }
            self.y -= PADDING;
            self.rule(0.5, HAIRLINE);
        }
    }

    /// The QR code with the verification label and code beside it, the verification address
    /// under it and the footer below a rule, anchored to the bottom of the last page.
    fn closing_block(&mut self, document: &Document<'_>, qr: &QrCode) {
        let modules = qr.width();
        // Whole quarter points per module keep the modules exactly adjacent.
        let module = ((QR_SIDE / modules as f32 * 4.0).floor() / 4.0).max(0.25);
        let qr_side = module * modules as f32;
        let side_x = MARGIN_X + qr_side + QR_GAP;
        let side_width = CONTENT_WIDTH - qr_side - QR_GAP;

        let label = wrap(self.fonts, CODE_LABEL, document.verification_label, side_width);
        let code = wrap(self.fonts, CODE, document.verification_code, side_width);
        let url = wrap(self.fonts, URL, document.verify_url, CONTENT_WIDTH);
        let footer = wrap(self.fonts, FOOTER, document.footer, CONTENT_WIDTH);

        let side_height = label.len() as f32 * CODE_LABEL.leading + 4.0 + code.len() as f32 * CODE.leading;
        let top_height = qr_side.max(side_height);
        let url_height = 8.0 + url.len() as f32 * URL.leading;
        let footer_height = if footer.is_empty() { 0.0 } else { 18.5 + footer.len() as f32 * FOOTER.leading };
        let height = top_height + url_height + footer_height;

        const SEPARATION: f32 = 20.0;
        if self.y - SEPARATION < MARGIN_BOTTOM + height && !self.fresh {
            self.new_page();
        }
        // Anchored to the bottom margin, unless the block is taller than the page.
        self.y = (MARGIN_BOTTOM + height).min(TOP);

        let top = round(self.y);
        let dark = qr.to_colors().into_iter().map(|color| color == Module::Dark).collect();
        self.push(Item::Qr { x: MARGIN_X, top, module, width: modules, dark });

        let block_top = self.y;
        let side_top = block_top - (top_height - side_height) / 2.0;
        self.y = side_top;
        self.lines(CODE_LABEL, side_x, label);
        self.y -= 4.0;
        self.lines(CODE, side_x, code);

        self.y = block_top - top_height - 8.0;
        self.lines(URL, MARGIN_X, url);
        if !footer.is_empty() {
            self.y -= 10.0;
            self.rule(0.5, HAIRLINE);
            self.y -= 8.0;
            self.lines(FOOTER, MARGIN_X, footer);
        }
    }

    /// Closes the last page and numbers the pages if there is more than one.
    fn finish(mut self) -> Vec<Page> {
        self.done.push(std::mem::take(&mut self.current));
        let total = self.done.len();
        if total > 1 {
            let font = self.fonts.get(PAGE_NUMBER.weight);
            for (index, page) in self.done.iter_mut().enumerate() {
                let text = format!("{} / {total}", index + 1);
                let x = round(PAGE_WIDTH - MARGIN_X - font.width(&text, PAGE_NUMBER.size));
                let Style { weight, size, color, .. } = PAGE_NUMBER;
                page.push(Item::Text { weight, size, x, y: 30.0, color, text });
            }
        }
        self.done
    }
}

/// Splits `text` into lines no wider than `width` points when set in `style`.
///
/// Line feeds are kept as line breaks, runs of spaces and tabs collapse to one space, and a word
/// wider than a line is broken between characters.
fn wrap(fonts: &Fonts, style: Style, text: &str, width: f32) -> Vec<String> {
    let Style { weight, size, .. } = style;
    let font = fonts.get(weight);
    let space = font.width(" ", size);
    let mut lines = Vec::new();
    for hard_line in text.trim_end().split('\n') {
        let mut line = String::new();
        let mut line_width = 0.0;
        for word in hard_line.split([' ', '\t', '\r']).filter(|word| !word.is_empty()) {
            let word_width = font.width(word, size);
            if !line.is_empty() && line_width + space + word_width <= width {
                line.push(' ');
                line.push_str(word);
                line_width += space + word_width;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            line_width = 0.0;
            if word_width <= width {
                line.push_str(word);
                line_width = word_width;
                continue;
            }
            for c in word.chars() {
                let mut buffer = [0; 4];
                let char_width = font.width(c.encode_utf8(&mut buffer), size);
                if !line.is_empty() && line_width + char_width > width {
                    lines.push(std::mem::take(&mut line));
                    line_width = 0.0;
                }
                line.push(c);
                line_width += char_width;
            }
        }
        lines.push(line);
    }
    // A text that is empty or only whitespace takes no lines at all.
    if lines.iter().all(String::is_empty) {
        lines.clear();
    }
    lines
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::*;

    #[test]
    fn wrapping_keeps_every_line_within_the_width() {
        let fonts = Fonts::load().unwrap();
        let text = "Azərbaycan Respublikasının Şəki, Gəncə və İsmayıllı rayonlarında fəaliyyət göstərən \
                    hüquqi şəxslər üçün verilən lisenziya. "
            .repeat(5);
        let lines = wrap(&fonts, PARAGRAPH, &text, 200.0);
        assert!(lines.len() > 5);
        for line in &lines {
            assert!(fonts.get(Weight::Regular).width(line, 10.5) <= 200.0, "{line}");
            assert!(!line.starts_with(' ') && !line.ends_with(' '));
        }
        assert_eq!(lines.join(" "), text.trim_end());
    }

    #[test]
    fn an_overlong_word_is_broken_between_characters() {
        let fonts = Fonts::load().unwrap();
        let word = "x".repeat(300);
        let lines = wrap(&fonts, FIELD_VALUE, &word, 100.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), word);
    }

    #[test]
    fn line_feeds_break_lines_and_blank_text_takes_none() {
        let fonts = Fonts::load().unwrap();
        assert_eq!(wrap(&fonts, FIELD_VALUE, "bir\niki", 400.0), ["bir", "iki"]);
        assert!(wrap(&fonts, FIELD_VALUE, "  \n ", 400.0).is_empty());
        assert!(wrap(&fonts, FIELD_VALUE, "", 400.0).is_empty());
    }
}

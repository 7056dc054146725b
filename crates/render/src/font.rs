//! The two embedded DejaVu faces: glyph lookup and advance-width measurement for layout.
//!
//! Text is not shaped: each character maps to one glyph through the font's `cmap`, and lines
//! are measured by adding up advance widths, with no kerning, so what layout measures is
//! exactly what the PDF viewer draws.

use ttf_parser::{Face, GlyphId};

use crate::RenderError;

/// DejaVu Sans, which covers Latin (Azerbaijani included), Cyrillic and much more.
const REGULAR: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
/// DejaVu Sans Bold.
const BOLD: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");

/// Which of the two faces a run of text is set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Weight {
    Regular,
    Bold,
}

impl Weight {
    /// Both weights, in the order the fonts are embedded.
    pub(crate) const ALL: [Weight; 2] = [Weight::Regular, Weight::Bold];

    /// The resource name the content streams use for this face.
    pub(crate) fn resource_name(self) -> &'static [u8] {
        match self {
            Weight::Regular => b"F1",
            Weight::Bold => b"F2",
        }
    }
}

/// A parsed font face with the few metrics layout and embedding need.
pub(crate) struct Font {
    face: Face<'static>,
    data: &'static [u8],
    postscript_name: &'static str,
    /// Multiplier from font units to the PDF's thousandths of an em.
    scale: f32,
    /// The glyph drawn for characters the font lacks.
    fallback: (GlyphId, char),
}

impl Font {
    fn parse(data: &'static [u8], postscript_name: &'static str) -> Result<Self, RenderError> {
        let face = Face::parse(data, 0).map_err(|source| RenderError::FontParse { font: postscript_name, source })?;
        let units_per_em = face.units_per_em();
        let scale = 1000.0 / f32::from(units_per_em);
        let fallback = ['\u{FFFD}', '?']
            .into_iter()
            .find_map(|c| face.glyph_index(c).map(|glyph| (glyph, c)))
            .unwrap_or((GlyphId(0), '\u{FFFD}'));
        Ok(Font { face, data, postscript_name, scale, fallback })
    }

    /// The raw font file.
    pub(crate) fn data(&self) -> &'static [u8] {
        self.data
    }

    /// The font's PostScript name, used (with a subset tag) as the PDF `BaseFont`.
    pub(crate) fn postscript_name(&self) -> &'static str {
        self.postscript_name
    }

    /// The parsed face, for the font descriptor's metrics.
    pub(crate) fn face(&self) -> &Face<'static> {
        &self.face
    }

    /// Converts a length in font units to thousandths of an em.
    pub(crate) fn to_pdf_units(&self, units: f32) -> f32 {
        units * self.scale
    }

    /// The glyph that draws `c`, and the character that glyph stands for in the text layer.
    ///
    /// A character the font lacks is drawn as the replacement character (or `?`), so a missing
    /// glyph is visible and extracts as such rather than silently vanishing.
    pub(crate) fn glyph(&self, c: char) -> (GlyphId, char) {
        match self.face.glyph_index(c) {
            Some(glyph) => (glyph, c),
            None => self.fallback,
        }
    }

    /// The advance width of a glyph in thousandths of an em.
    pub(crate) fn advance(&self, glyph: GlyphId) -> f32 {
        self.to_pdf_units(f32::from(self.face.glyph_hor_advance(glyph).unwrap_or(0)))
    }

    /// The width of `text` set at `size` points, in points.
    pub(crate) fn width(&self, text: &str, size: f32) -> f32 {
        let thousandths: f32 = text.chars().map(|c| self.advance(self.glyph(c).0)).sum();
        thousandths * size / 1000.0
    }
}

/// Both faces, parsed once per rendering.
pub(crate) struct Fonts {
    regular: Font,
    bold: Font,
}

impl Fonts {
    /// Parses the embedded font files.
    pub(crate) fn load() -> Result<Self, RenderError> {
        Ok(Fonts { regular: Font::parse(REGULAR, "DejaVuSans")?, bold: Font::parse(BOLD, "DejaVuSans-Bold")? })
    }

    /// The face of the given weight.
    pub(crate) fn get(&self, weight: Weight) -> &Font {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::*;

    #[test]
    fn every_azerbaijani_and_russian_letter_has_a_glyph_in_both_faces() {
        let fonts = Fonts::load().unwrap();
        let letters = "əƏğĞıİöÖüÜçÇşŞ АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ абвгдеёжзийклмнопрстуфхцчшщъыьэюя —«»№";
        for weight in Weight::ALL {
            let font = fonts.get(weight);
            for c in letters.chars() {
                assert!(font.face().glyph_index(c).is_some(), "{c} missing from {}", font.postscript_name());
            }
        }
    }

    #[test]
    fn a_missing_character_falls_back_to_a_visible_glyph() {
        let fonts = Fonts::load().unwrap();
        let font = fonts.get(Weight::Regular);
        let (glyph, c) = font.glyph('\u{10FFFD}');
        assert_ne!(glyph, GlyphId(0));
        assert!(c == '\u{FFFD}' || c == '?');
    }

    #[test]
    fn bold_is_wider_than_regular() {
        let fonts = Fonts::load().unwrap();
        let text = "Azərbaycan Respublikası";
        assert!(fonts.get(Weight::Bold).width(text, 10.0) > fonts.get(Weight::Regular).width(text, 10.0));
    }
}

//! Serialisation of laid-out pages to PDF bytes: content streams, font subsets, document metadata.
//!
//! Each face is embedded as a Type0 font over a CIDFontType2 (TrueType outlines) with the
//! Identity-H encoding, so every glyph is addressed by a two-byte CID that equals its glyph ID in
//! the subset, and carries a ToUnicode CMap so viewers can extract and search the text.
//! Object numbers follow a fixed order and nothing depends on the clock or on randomness, so the
//! same pages always give the same bytes.

use std::collections::BTreeMap;

use miniz_oxide::deflate::compress_to_vec_zlib;
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use subsetter::GlyphRemapper;

use crate::font::{Font, Fonts, Weight};
use crate::layout::{Item, PAGE_HEIGHT, PAGE_WIDTH, Page};
use crate::{Document, RenderError};

/// The zlib compression level: the highest, as documents are rendered once and kept for years.
const COMPRESSION: u8 = 9;

/// Hands out object numbers in order.
struct Refs(i32);

impl Refs {
    fn next(&mut self) -> Ref {
        self.0 += 1;
        Ref::new(self.0)
    }
}

/// One face as embedded in this document: its subset and the glyph-to-CID mapping.
struct Embedded<'f> {
    weight: Weight,
    font: &'f Font,
    remapper: GlyphRemapper,
    /// The character each used glyph stands for, keyed by its glyph ID in the full font.
    chars: BTreeMap<u16, char>,
    type0: Ref,
}

impl Embedded<'_> {
    /// The Identity-H string that shows `text`: two big-endian bytes per glyph.
    fn encode(&self, text: &str) -> Vec<u8> {
        text.chars()
            .flat_map(|c| {
                let glyph = self.font.glyph(c).0;
                self.remapper.get(glyph.0).unwrap_or(0).to_be_bytes()
            })
            .collect()
    }
}

/// Writes the pages as a complete PDF document.
pub(crate) fn write(document: &Document<'_>, fonts: &Fonts, pages: &[Page]) -> Result<Vec<u8>, RenderError> {
    let mut refs = Refs(0);
    let catalog = refs.next();
    let page_tree = refs.next();
    let info = refs.next();

    // Which glyphs each face needs, in glyph ID order so the subset does not depend on text order.
    let mut used: BTreeMap<Weight, BTreeMap<u16, char>> = BTreeMap::new();
    for item in pages.iter().flatten() {
        if let Item::Text { weight, text, .. } = item {
            let chars = used.entry(*weight).or_default();
            for c in text.chars() {
                let (glyph, shown) = fonts.get(*weight).glyph(c);
                chars.entry(glyph.0).or_insert(shown);
            }
        }
    }
    let embedded: Vec<Embedded<'_>> = Weight::ALL
        .into_iter()
        .filter_map(|weight| used.remove(&weight).map(|chars| (weight, chars)))
        .map(|(weight, chars)| {
            let glyphs: Vec<u16> = chars.keys().copied().collect();
            let remapper = GlyphRemapper::new_from_glyphs_sorted(&glyphs);
            Embedded { weight, font: fonts.get(weight), remapper, chars, type0: refs.next() }
        })
        .collect();

    let mut pdf = Pdf::new();
    pdf.set_version(1, 7);

    let page_refs: Vec<(Ref, Ref)> = pages.iter().map(|_| (refs.next(), refs.next())).collect();
    pdf.catalog(catalog).pages(page_tree).lang(TextStr(document.lang));
    pdf.document_info(info).title(TextStr(document.title)).producer(TextStr("Pəncərə"));
    let page_count = i32::try_from(pages.len()).unwrap_or(i32::MAX);
    pdf.pages(page_tree).kids(page_refs.iter().map(|(page, _)| *page)).count(page_count);

    for (page, (page_ref, content_ref)) in pages.iter().zip(&page_refs) {
        let mut writer = pdf.page(*page_ref);
        writer.parent(page_tree).media_box(Rect::new(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT)).contents(*content_ref);
        let mut resources = writer.resources();
        let mut font_resources = resources.fonts();
        for font in &embedded {
            font_resources.pair(Name(font.weight.resource_name()), font.type0);
        }
        font_resources.finish();
        resources.finish();
        writer.finish();

        let content = compress_to_vec_zlib(&content_stream(page, &embedded), COMPRESSION);
        pdf.stream(*content_ref, &content).filter(Filter::FlateDecode);
    }

    for font in &embedded {
        write_font(&mut pdf, &mut refs, font)?;
    }

    Ok(pdf.finish())
}

/// The drawing operators for one page.
fn content_stream(page: &Page, fonts: &[Embedded<'_>]) -> Vec<u8> {
    let mut content = Content::new();
    let mut fill: Option<[f32; 3]> = None;
    let mut set_fill = |content: &mut Content, color: [f32; 3]| {
        if fill != Some(color) {
            content.set_fill_rgb(color[0], color[1], color[2]);
            fill = Some(color);
        }
    };
    for item in page {
        match item {
            Item::Text { weight, size, x, y, color, text } => {
                let Some(font) = fonts.iter().find(|font| font.weight == *weight) else { continue };
                set_fill(&mut content, *color);
                content.begin_text();
                content.set_font(Name(weight.resource_name()), *size);
                content.set_text_matrix([1.0, 0.0, 0.0, 1.0, *x, *y]);
                content.show(Str(&font.encode(text)));
                content.end_text();
            }
            Item::Fill { x, y, width, height, color } => {
                set_fill(&mut content, *color);
                content.rect(*x, *y, *width, *height);
                content.fill_nonzero();
            }
            Item::Qr { x, top, module, width, dark } => {
                set_fill(&mut content, [0.0, 0.0, 0.0]);
                content.save_state();
                // One unit per module, rows counted downwards from the top edge.
                content.transform([*module, 0.0, 0.0, -*module, *x, *top]);
                for (row, modules) in dark.chunks(*width).enumerate() {
                    let mut column = 0;
                    while column < modules.len() {
                        if !modules[column] {
                            column += 1;
                            continue;
                        }
                        let start = column;
                        while column < modules.len() && modules[column] {
                            column += 1;
                        }
                        content.rect(start as f32, row as f32, (column - start) as f32, 1.0);
                    }
                }
                content.fill_nonzero();
                content.restore_state();
            }
        }
    }
    content.finish().into_vec()
}

/// Writes the Type0 font, its CIDFontType2 descendant, descriptor, ToUnicode CMap and the
/// subset font program.
fn write_font(pdf: &mut Pdf, refs: &mut Refs, embedded: &Embedded<'_>) -> Result<(), RenderError> {
    let font = embedded.font;
    let face = font.face();
    let cid_font = refs.next();
    let descriptor = refs.next();
    let to_unicode = refs.next();
    let font_file = refs.next();

    let subset = subsetter::subset(font.data(), 0, &embedded.remapper)
        .map_err(|source| RenderError::FontSubset { font: font.postscript_name(), source })?;
    let base_font = format!("{}+{}", subset_tag(embedded), font.postscript_name());
    let base_font = Name(base_font.as_bytes());
    let system_info = SystemInfo { registry: Str(b"Adobe"), ordering: Str(b"Identity"), supplement: 0 };

    pdf.type0_font(embedded.type0)
        .base_font(base_font)
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid_font)
        .to_unicode(to_unicode);

    let widths: Vec<f32> =
        embedded.remapper.remapped_gids().map(|glyph| font.advance(ttf_parser::GlyphId(glyph)).round()).collect();
    let mut cid = pdf.cid_font(cid_font);
    cid.subtype(CidFontType::Type2)
        .base_font(base_font)
        .system_info(system_info)
        .font_descriptor(descriptor)
        .default_width(0.0)
        .cid_to_gid_map_predefined(Name(b"Identity"));
    cid.widths().consecutive(0, widths);
    cid.finish();

    let bbox = face.global_bounding_box();
    let ascent = font.to_pdf_units(f32::from(face.ascender())).round();
    let cap_height = face.capital_height().map_or(ascent, |height| font.to_pdf_units(f32::from(height)).round());
    // The usual estimate of the vertical stem width from the weight class.
    let stem_v = (10.0 + 220.0 * (f32::from(face.weight().to_number()) - 50.0) / 900.0).round();
    pdf.font_descriptor(descriptor)
        .name(base_font)
        .flags(FontFlags::NON_SYMBOLIC)
        .bbox(Rect::new(
            font.to_pdf_units(f32::from(bbox.x_min)).round(),
            font.to_pdf_units(f32::from(bbox.y_min)).round(),
            font.to_pdf_units(f32::from(bbox.x_max)).round(),
            font.to_pdf_units(f32::from(bbox.y_max)).round(),
        ))
        .italic_angle(face.italic_angle())
        .ascent(ascent)
        .descent(font.to_pdf_units(f32::from(face.descender())).round())
        .cap_height(cap_height)
        .stem_v(stem_v)
        .font_file2(font_file);

    let mut cmap = UnicodeCmap::<u16>::new(Name(b"Custom"), system_info);
    for (glyph, c) in &embedded.chars {
        if let Some(cid) = embedded.remapper.get(*glyph) {
            cmap.pair(cid, *c);
        }
    }
    let cmap = compress_to_vec_zlib(&cmap.finish().into_vec(), COMPRESSION);
    pdf.cmap(to_unicode, &cmap).filter(Filter::FlateDecode);

    let compressed = compress_to_vec_zlib(&subset, COMPRESSION);
    let length = i32::try_from(subset.len()).unwrap_or(i32::MAX);
    pdf.stream(font_file, &compressed).filter(Filter::FlateDecode).pair(Name(b"Length1"), length);
    Ok(())
}

/// The six capital letters that prefix a subset font's name, derived from the glyphs it holds
/// (FNV-1a), so different subsets get different tags and the same subset always the same one.
fn subset_tag(embedded: &Embedded<'_>) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for glyph in embedded.chars.keys() {
        for byte in glyph.to_be_bytes() {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash ^= embedded.weight as u64;
    (0..6)
        .map(|_| {
            let letter = char::from(b'A' + (hash % 26) as u8);
            hash /= 26;
            letter
        })
        .collect()
}

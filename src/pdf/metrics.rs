//! One face's measures: its glyph and advance width per character.

use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

use super::writer::content::Placed;

/// One face's glyph and advance width (in ems) per character: enough to measure and set
/// Latin text without a shaping pass per line.
pub struct Metrics {
    /// The characters below `DENSE`, by code point (`ABSENT`: the face lacks it): most text
    /// is looked up here, with no hashing.
    dense: Vec<(u32, f32)>,
    /// The rest.
    glyphs: foldhash::HashMap<char, (u32, f32)>,
    fallback: f32,
    /// Each glyph's advance, in ems, by glyph id.
    advances: Vec<f32>,
}

/// The code points kept in the dense table: Latin, Greek, Cyrillic, punctuation, symbols.
const DENSE: u32 = 0x3000;
const ABSENT: (u32, f32) = (u32::MAX, 0.0);

impl Metrics {
    pub fn new(data: &[u8]) -> Result<Metrics, String> {
        let font = FontRef::new(data).map_err(|e| format!("the PDF font cannot be read: {e}"))?;
        let upem = f32::from(
            font.metrics(Size::unscaled(), LocationRef::default())
                .units_per_em,
        );
        let glyphs = font.glyph_metrics(Size::unscaled(), LocationRef::default());
        let count = glyphs.glyph_count();
        let advances = (0..count)
            .map(|g| glyphs.advance_width(skrifa::GlyphId::new(g)).unwrap_or(0.0) / upem)
            .collect();
        let charmap = font.charmap();
        let mut dense = vec![ABSENT; DENSE as usize];
        let mut map = foldhash::HashMap::default();
        for (code, gid) in charmap.mappings() {
            if let Some(c) = char::from_u32(code) {
                let advance = glyphs.advance_width(gid).unwrap_or(0.0);
                let glyph = (gid.to_u32(), advance / upem);
                match dense.get_mut(code as usize) {
                    Some(slot) => *slot = glyph,
                    None => {
                        map.insert(c, glyph);
                    }
                }
            }
        }
        let fallback = dense['n' as usize].1;
        Ok(Metrics {
            dense,
            glyphs: map,
            fallback: if fallback > 0.0 { fallback } else { 0.5 },
            advances,
        })
    }

    /// `c`'s glyph and advance, when the face has it.
    fn glyph(&self, c: char) -> Option<(u32, f32)> {
        match self.dense.get(c as usize) {
            Some(g) if *g == ABSENT => None,
            Some(g) => Some(*g),
            None => self.glyphs.get(&c).copied(),
        }
    }

    /// Whether the face has a glyph for `c`.
    pub fn has(&self, c: char) -> bool {
        self.glyph(c).is_some()
    }

    /// The advance of `c` in ems: nothing for a format character the face lacks (a bidi
    /// control, a joiner), which is left out rather than drawn as a box.
    fn advance(&self, c: char) -> Option<f32> {
        match self.glyph(c) {
            Some(g) => Some(g.1),
            None if ignorable(c) => None,
            None => Some(self.fallback),
        }
    }

    /// The width of `text` at `size` points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().filter_map(|c| self.advance(c)).sum::<f32>() * size
    }

    /// The width of `text` at `size` points when the face has every character of it (format
    /// characters aside); `None` when it lacks one.
    pub fn width_of_own(&self, text: &str, size: f32) -> Option<f32> {
        let mut total = 0.0;
        for c in text.chars() {
            match self.glyph(c) {
                Some(g) => total += g.1,
                None if ignorable(c) => {}
                None => return None,
            }
        }
        Some(total * size)
    }

    /// The advance of glyph `gid` in the face, in ems.
    pub fn advance_of(&self, gid: u32) -> f32 {
        self.advances.get(gid as usize).copied().unwrap_or(0.0)
    }

    /// The glyphs that set `text`, one per character, appended to `out` as the book's
    /// writer draws them (a character the face lacks is its missing-glyph box, set as wide
    /// as the text was measured); returns the run's advance in ems, and whether the face
    /// lacks a character of it.
    pub fn place(&self, text: &str, out: &mut Vec<Placed>) -> (f32, bool) {
        let mut advance = 0.0;
        let mut lacks = false;
        for c in text.chars() {
            let Some(width) = self.advance(c) else {
                continue;
            };
            let (gid, own) = match self.glyph(c) {
                Some((g, w)) => (g, w),
                None => {
                    lacks = true;
                    (0, self.advance_of(0))
                }
            };
            let adjust = if own == width {
                0.0
            } else {
                (own - width) * 1000.0
            };
            out.push((u16::try_from(gid).unwrap_or(0), adjust, 0.0));
            advance += width;
        }
        (advance, lacks)
    }

    /// The glyphs that set `text`, one per character, each at its advance (a character the
    /// face lacks gets glyph 0, drawn as the face's missing-glyph box).
    pub fn glyphs(&self, text: &str) -> Vec<krilla::text::KrillaGlyph> {
        use krilla::text::{GlyphId, KrillaGlyph};
        text.char_indices()
            .filter_map(|(i, c)| {
                let advance = self.advance(c)?;
                let id = self.glyph(c).map_or(0, |g| g.0);
                Some(KrillaGlyph::new(
                    GlyphId::new(id),
                    advance,
                    0.0,
                    0.0,
                    0.0,
                    i..i + c.len_utf8(),
                    None,
                ))
            })
            .collect()
    }
}

/// Characters that are never drawn: bidi controls, joiners, the byte-order mark.
pub fn ignorable(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}')
}

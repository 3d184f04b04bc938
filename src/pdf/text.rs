//! Text in a face with fallbacks: the theme's face sets what it has; a character it lacks is
//! set in the first fallback face that has it (Noto Naskh Arabic for Arabic script, Urdu
//! included; Noto Sans Hebrew). A run of a fallback face is shaped (joined letters, right to
//! left within the run); the order of runs on a line stays the text's own, and every
//! character keeps its place in the text layer.

use std::ops::Range;
use std::sync::Arc;

use krilla::text::{GlyphId, KrillaGlyph};

use super::metrics::Metrics;
use super::writer::content::Placed;

/// A face for the scripts the theme's faces lack.
pub struct Fallback {
    pub data: Arc<Vec<u8>>,
    pub metrics: Metrics,
}

impl Fallback {
    /// `text` shaped in this face: its glyphs, in the order they are drawn, each with the
    /// range of `text` it sets.
    pub fn shape(&self, text: &str) -> Vec<KrillaGlyph> {
        let Some(face) = rustybuzz::Face::from_slice(&self.data, 0) else {
            return Vec::new();
        };
        let upem = face.units_per_em() as f32;
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        let output = rustybuzz::shape(&face, &[], buffer);
        let infos = output.glyph_infos();
        let positions = output.glyph_positions();
        // A glyph's text runs from its cluster to the next cluster up in the text.
        let mut starts: Vec<usize> = infos.iter().map(|i| i.cluster as usize).collect();
        starts.sort_unstable();
        starts.dedup();
        infos
            .iter()
            .zip(positions)
            .map(|(info, pos)| {
                let start = info.cluster as usize;
                let end = starts
                    .iter()
                    .find(|&&s| s > start)
                    .copied()
                    .unwrap_or(text.len());
                KrillaGlyph::new(
                    GlyphId::new(info.glyph_id),
                    pos.x_advance as f32 / upem,
                    pos.x_offset as f32 / upem,
                    pos.y_offset as f32 / upem,
                    pos.y_advance as f32 / upem,
                    start..end,
                    None,
                )
            })
            .collect()
    }

    /// `text` shaped (a right-to-left run comes out in the order it is drawn, left to
    /// right), appended to `out` as the book's writer draws it: each glyph with how far the
    /// pen moves back after it to reach the next glyph's place (thousandths of an em) and how
    /// far it is raised (ems), and the part of `text` each glyph sets appended to `texts`;
    /// returns where the first glyph starts and the run's advance, in ems.
    pub fn place(
        &self,
        text: &str,
        out: &mut Vec<Placed>,
        texts: &mut Vec<Range<usize>>,
    ) -> (f32, f32) {
        let glyphs = self.shape(text);
        let origin = |pen: f32, g: &KrillaGlyph| pen + g.x_offset;
        let start = glyphs.first().map_or(0.0, |g| g.x_offset);
        let mut pen = 0.0;
        for (i, g) in glyphs.iter().enumerate() {
            let here = origin(pen, g);
            pen += g.x_advance;
            let own = self.metrics.advance_of(g.glyph_id.to_u32());
            let adjust = match glyphs.get(i + 1) {
                Some(next) => (here + own - origin(pen, next)) * 1000.0,
                None => 0.0,
            };
            let gid = u16::try_from(g.glyph_id.to_u32()).unwrap_or(0);
            out.push((gid, adjust, g.y_offset));
            texts.push(g.text_range.clone());
        }
        (start, pen)
    }
}

/// Whether `text` is in a script written right to left (Hebrew, Arabic and its extensions).
pub fn right_to_left(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(c, '\u{0590}'..='\u{08ff}' | '\u{fb1d}'..='\u{fdff}' | '\u{fe70}'..='\u{feff}')
    })
}

/// Characters that join the run around them when the face of that run has them.
fn neutral(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200c}' | '\u{200d}')
}

/// A face with its fallbacks: what a style of text is measured and set with.
#[derive(Clone, Copy)]
pub struct Type<'a> {
    pub primary: &'a Metrics,
    pub fallbacks: &'a [Fallback],
}

impl<'a> Type<'a> {
    /// Which face sets `c`: `None` for the primary face (also for a character no face has,
    /// drawn as its missing-glyph box), or the fallback's index.
    fn face_of(&self, c: char) -> Option<usize> {
        if self.primary.has(c) {
            return None;
        }
        self.fallbacks.iter().position(|f| f.metrics.has(c))
    }

    /// `text` cut into runs of one face each.
    pub fn runs(&self, text: &str) -> Vec<(Option<usize>, Range<usize>)> {
        let mut runs: Vec<(Option<usize>, Range<usize>)> = Vec::new();
        for (i, c) in text.char_indices() {
            let mut face = self.face_of(c);
            if neutral(c)
                && let Some((Some(f), _)) = runs.last()
            {
                // A space between two words of a fallback face stays in its run.
                let next = text[i..].chars().find(|n| !neutral(*n));
                if next.is_some_and(|n| self.face_of(n) == Some(*f))
                    && self.fallbacks[*f].metrics.has(c)
                {
                    face = Some(*f);
                }
            }
            let end = i + c.len_utf8();
            match runs.last_mut() {
                Some((f, range)) if *f == face => range.end = end,
                _ => runs.push((face, i..end)),
            }
        }
        runs
    }

    /// The width of `text` at `size` points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        if let Some(width) = self.primary.width_of_own(text, size) {
            return width;
        }
        if self.fallbacks.is_empty() || text.chars().all(|c| self.face_of(c).is_none()) {
            return self.primary.width(text, size);
        }
        self.runs(text)
            .into_iter()
            .map(|(face, range)| match face {
                None => self.primary.width(&text[range], size),
                Some(f) => advance(&self.fallbacks[f].shape(&text[range])) * size,
            })
            .sum()
    }

    /// `text` broken into lines no wider than `width` points, between words; a word longer
    /// than a line is broken between its characters.
    pub fn wrap(&self, text: &str, size: f32, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        let mut used = 0.0;
        let space = self.width(" ", size);
        for word in text.split_whitespace() {
            let w = self.width(word, size);
            if !line.is_empty() && used + space + w <= width {
                line.push(' ');
                line.push_str(word);
                used += space + w;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            used = 0.0;
            if w <= width {
                line.push_str(word);
                used = w;
                continue;
            }
            for c in word.chars() {
                let cw = self.width(c.encode_utf8(&mut [0; 4]), size);
                if used + cw > width && !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    used = 0.0;
                }
                line.push(c);
                used += cw;
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }
}

/// The advance of shaped glyphs, in ems.
pub fn advance(glyphs: &[KrillaGlyph]) -> f32 {
    glyphs.iter().map(|g| g.x_advance).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn faces() -> (Metrics, Vec<Fallback>) {
        let file = |name: &str| crate::embedded::theme_file(name).unwrap().to_vec();
        let primary = Metrics::new(&file("fonts/NotoSans-Regular.ttf")).unwrap();
        let fallbacks = crate::pdf::FALLBACK_FACES
            .iter()
            .map(|name| {
                let data = file(&format!("fonts/{name}.ttf"));
                Fallback {
                    metrics: Metrics::new(&data).unwrap(),
                    data: Arc::new(data),
                }
            })
            .collect();
        (primary, fallbacks)
    }

    #[test]
    fn arabic_script_and_hebrew_are_set_in_their_fallback_faces_and_latin_in_the_primary() {
        let (primary, fallbacks) = faces();
        let t = Type {
            primary: &primary,
            fallbacks: &fallbacks,
        };
        let text = "Goals: ہمارے مقاصد and שלום עולם.";
        let runs: Vec<(Option<usize>, &str)> = t
            .runs(text)
            .into_iter()
            .map(|(f, r)| (f, &text[r]))
            .collect();
        assert_eq!(
            runs,
            [
                (None, "Goals: "),
                (Some(0), "ہمارے مقاصد"),
                (None, " and "),
                (Some(1), "שלום עולם"),
                (None, "."),
            ]
        );
        let shaped = fallbacks[0].shape("ہمارے");
        assert!(shaped.iter().all(|g| g.glyph_id != GlyphId::new(0)));
        assert!(t.width("ہمارے مقاصد", 10.0) > 20.0);
    }
}

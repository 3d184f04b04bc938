//! A face as the PDFs use it: the font to embed, its measures, and the fallback faces that
//! set the scripts it lacks.

use std::sync::Arc;

use krilla::geom::Point;
use krilla::surface::Surface;
use krilla::text::Font;

use super::metrics::Metrics;
use super::text::{Fallback, Type, advance};
use super::{FontFiles, Measures};

/// A theme's font files read for one PDF: their measures, and the fallback faces as fonts to
/// embed, which every face shares.
pub(super) struct Loaded<'a> {
    pub(super) measures: &'a Measures,
    fallbacks: Vec<(Font, &'a Fallback)>,
}

impl<'a> Loaded<'a> {
    pub(super) fn new(files: &'a FontFiles) -> Result<Loaded<'a>, String> {
        let measures = files.measures()?;
        let fallbacks = (measures.fallbacks.iter())
            .map(|f| Ok((font(&f.data)?, f)))
            .collect::<Result<Vec<_>, String>>()?;
        Ok(Loaded {
            measures,
            fallbacks,
        })
    }

    /// The face of the font file `data`, measured by `metrics`.
    pub(super) fn face(
        &self,
        data: &Arc<Vec<u8>>,
        metrics: &'a Metrics,
    ) -> Result<Face<'_>, String> {
        Ok(Face {
            font: font(data)?,
            metrics,
            fallbacks: &self.fallbacks,
            measures: &self.measures.fallbacks,
        })
    }
}

fn font(data: &Arc<Vec<u8>>) -> Result<Font, String> {
    Font::new(data.clone().into(), 0).ok_or_else(|| "the PDF font cannot be read".to_string())
}

/// One face: the font to embed and its measures, with the fallback faces.
pub(super) struct Face<'a> {
    pub(super) font: Font,
    pub(super) metrics: &'a Metrics,
    pub(super) fallbacks: &'a [(Font, &'a Fallback)],
    /// The fallbacks' measures, in the same order.
    pub(super) measures: &'a [Fallback],
}

impl<'a> Face<'a> {
    /// How text in this face is measured and broken into lines.
    pub(super) fn setting(&self) -> Type<'a> {
        Type {
            primary: self.metrics,
            fallbacks: self.measures,
        }
    }

    pub(super) fn width(&self, text: &str, size: f32) -> f32 {
        self.setting().width(text, size)
    }

    /// Sets `text` on one line from `at` (the baseline's start), each run in its face.
    pub(super) fn draw(&self, surface: &mut Surface, at: Point, size: f32, text: &str) {
        let mut x = at.x;
        for (face, range) in self.setting().runs(text) {
            let run = &text[range];
            let (glyphs, font) = match face {
                None => (self.metrics.glyphs(run), self.font.clone()),
                Some(f) => {
                    let (font, fallback) = &self.fallbacks[f];
                    (fallback.shape(run), font.clone())
                }
            };
            surface.draw_glyphs(Point::from_xy(x, at.y), &glyphs, font, run, size, false);
            x += advance(&glyphs) * size;
        }
    }
}

pub(super) struct Faces<'a> {
    pub(super) regular: Face<'a>,
    pub(super) bold: Face<'a>,
}

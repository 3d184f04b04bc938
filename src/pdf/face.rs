//! A face as the PDFs use it: the font to embed and its measures.

use krilla::geom::Point;
use krilla::surface::Surface;
use krilla::text::Font;

use super::layout::Metrics;

/// One face: the font to embed and its measures.
pub(super) struct Face<'a> {
    pub(super) font: Font,
    pub(super) metrics: &'a Metrics,
}

impl Face<'_> {
    /// Sets `text` on one line from `at` (the baseline's start).
    pub(super) fn draw(&self, surface: &mut Surface, at: Point, size: f32, text: &str) {
        let glyphs = self.metrics.glyphs(text);
        surface.draw_glyphs(at, &glyphs, self.font.clone(), text, size, false);
    }
}

pub(super) struct Faces<'a> {
    pub(super) regular: Face<'a>,
    pub(super) bold: Face<'a>,
}

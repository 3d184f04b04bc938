//! The marks sheets are drawn with: the colours, text as tagged spans, and lines and boxes as
//! layout artifacts.

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point};
use krilla::num::NormalizedF32;
use krilla::paint::{Fill, FillRule, Stroke};
use krilla::surface::Surface;
use krilla::tagging::{Artifact, ArtifactType, ContentTag, Identifier, SpanTag, TagGroup};

use super::Style;
use super::face::Face;
use super::layout::LEADING;

pub(super) fn ink() -> rgb::Color {
    rgb::Color::new(0x1b, 0x1f, 0x23)
}
pub(super) fn muted() -> rgb::Color {
    rgb::Color::new(0x4d, 0x57, 0x60)
}
pub(super) fn rule_grey() -> rgb::Color {
    rgb::Color::new(0x8a, 0x93, 0x9b)
}

pub(super) fn fill(surface: &mut Surface, color: rgb::Color) {
    surface.set_fill(Some(Fill {
        paint: color.into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::default(),
    }));
}

/// Text as one tagged span; returns its identifier for the tag tree.
pub(super) fn text(
    surface: &mut Surface,
    face: &Face,
    size: f32,
    (x, baseline): (f32, f32),
    content: &str,
    color: rgb::Color,
) -> Identifier {
    fill(surface, color);
    let id = surface.start_tagged(ContentTag::Span(SpanTag::empty()));
    face.draw(surface, Point::from_xy(x, baseline), size, content);
    surface.end_tagged();
    id
}

/// Lines and boxes: layout, not content.
fn strokes(
    surface: &mut Surface,
    color: rgb::Color,
    width: f32,
    draw: impl FnOnce(&mut PathBuilder),
) {
    let mut pb = PathBuilder::new();
    draw(&mut pb);
    let Some(path) = pb.finish() else { return };
    surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(
        ArtifactType::Layout,
    )));
    surface.set_fill(None);
    surface.set_stroke(Some(Stroke {
        paint: color.into(),
        width,
        ..Stroke::default()
    }));
    surface.draw_path(&path);
    surface.set_stroke(None);
    surface.end_tagged();
}

/// The outline of a box: `(x, y, width, height)`.
pub(super) fn rect(
    surface: &mut Surface,
    color: rgb::Color,
    width: f32,
    (x, y, w, h): (f32, f32, f32, f32),
) {
    strokes(surface, color, width, |pb| {
        pb.move_to(x, y);
        pb.line_to(x + w, y);
        pb.line_to(x + w, y + h);
        pb.line_to(x, y + h);
        pb.close();
    });
}

pub(super) fn line(
    surface: &mut Surface,
    (x1, y1): (f32, f32),
    (x2, y2): (f32, f32),
    color: rgb::Color,
    width: f32,
) {
    strokes(surface, color, width, |pb| {
        pb.move_to(x1, y1);
        pb.line_to(x2, y2);
    });
}

pub(super) fn brand(style: &Style) -> rgb::Color {
    let c = style.primary;
    rgb::Color::new(c.0, c.1, c.2)
}

/// Lines of text from `top`, in a new tag group of `kind`.
#[allow(clippy::too_many_arguments)]
pub(super) fn paragraph(
    surface: &mut Surface,
    font: &Face,
    size: f32,
    x: f32,
    top: f32,
    lines: &[String],
    color: rgb::Color,
    group: &mut TagGroup,
) {
    for (i, l) in lines.iter().enumerate() {
        let baseline = top + size + i as f32 * size * LEADING;
        group.push(text(surface, font, size, (x, baseline), l, color));
    }
}

//! SVG for `pdf::picture`: whether a tree draws as plain vectors, the Form XObject of those
//! vectors (groups, opacity, solid fills and strokes) and, when it does not, the tree
//! rasterized by resvg as the fallback.

use pdf_writer::types::{LineCapStyle, LineJoinStyle};
use pdf_writer::writers::ExtGraphicsState;
use pdf_writer::{Chunk, Content, Filter, Name, Rect, Ref};
use resvg::tiny_skia;
use usvg::tiny_skia_path::{self, PathSegment, Point};

use super::raster::{Layout, Raster, from_pixels};
use super::{PX, deflate};

/// Device pixels per point of an SVG rasterized in place of vectors (288 dpi: sharp in print).
const RASTER_DENSITY: f32 = 4.0;
/// The longer side, in pixels, of a rasterized SVG at most (64 MiB of RGBA).
const RASTER_MAX: f32 = 4096.0;

/// Whether a group draws as plain vectors: solid fills and strokes, groups with a transform
/// and an opacity, text (as the paths usvg made of it). Isolation is ignored: with only
/// normal blending, an isolated group looks the same.
pub(super) fn is_plain(group: &usvg::Group) -> bool {
    let solid = |paint: &usvg::Paint| matches!(paint, usvg::Paint::Color(_));
    group.blend_mode() == usvg::BlendMode::Normal
        && group.clip_path().is_none()
        && group.mask().is_none()
        && group.filters().is_empty()
        && group.children().iter().all(|node| match node {
            usvg::Node::Group(group) => is_plain(group),
            usvg::Node::Text(text) => is_plain(text.flattened()),
            usvg::Node::Path(path) => {
                path.fill().is_none_or(|fill| solid(fill.paint()))
                    && path.stroke().is_none_or(|stroke| solid(stroke.paint()))
            }
            usvg::Node::Image(_) => false,
        })
}

/// The tree as resvg draws it, RGBA, at `RASTER_DENSITY` pixels a point of its size.
pub(super) fn rasterize(tree: &usvg::Tree) -> Option<Raster> {
    let size = tree.size();
    let scale = (PX * RASTER_DENSITY).min(RASTER_MAX / size.width().max(size.height()));
    let width = (size.width() * scale).round().max(1.0);
    let height = (size.height() * scale).round().max(1.0);
    let mut pixmap = tiny_skia::Pixmap::new(width as u32, height as u32)?;
    let fit = tiny_skia::Transform::from_scale(width / size.width(), height / size.height());
    resvg::render(tree, fit, &mut pixmap.as_mut());
    let (width, height) = (pixmap.width(), pixmap.height());
    from_pixels(width, height, Layout::Rgba, &pixmap.take_demultiplied())
}

/// What a Form XObject is drawn for.
pub(super) enum Form {
    /// A whole SVG of this size, mapped to the unit square upright.
    Picture(usvg::Size),
    /// A group drawn with an opacity, as a transparency group over its bounding box (in the
    /// group's own space).
    Group(usvg::NonZeroRect),
}

/// One form's content and the resources it names, gathered while its nodes are drawn.
pub(super) struct Canvas {
    content: Content,
    /// Constant alphas (fill, stroke), named `/G0`, `/G1`, ... in order of first use.
    alphas: Vec<(f32, f32)>,
    /// Groups drawn with an opacity, named `/X0`, `/X1`, ...
    groups: Vec<Ref>,
}

impl Canvas {
    pub(super) fn new() -> Canvas {
        Canvas {
            content: Content::new(),
            alphas: Vec::new(),
            groups: Vec::new(),
        }
    }

    /// Draws a group's children, in its space, as resvg does.
    pub(super) fn draw_children(
        &mut self,
        group: &usvg::Group,
        chunk: &mut Chunk,
        next: &mut impl FnMut() -> Ref,
    ) {
        for node in group.children() {
            match node {
                usvg::Node::Group(group) => self.draw_group(group, chunk, next),
                usvg::Node::Text(text) => self.draw_group(text.flattened(), chunk, next),
                usvg::Node::Path(path) => self.draw_path(path),
                // Only the raster fallback shows images (`is_plain`).
                usvg::Node::Image(_) => {}
            }
        }
    }

    /// A group with an opacity is drawn as a transparency group, so where its children
    /// overlap they are not seen through each other.
    fn draw_group(
        &mut self,
        group: &usvg::Group,
        chunk: &mut Chunk,
        next: &mut impl FnMut() -> Ref,
    ) {
        self.content.save_state();
        let transform = group.transform();
        if !transform.is_identity() {
            self.content.transform(matrix(transform));
        }
        let opacity = group.opacity().get();
        if opacity < 1.0 {
            let id = next();
            let mut canvas = Canvas::new();
            canvas.draw_children(group, chunk, next);
            canvas.finish(chunk, id, Form::Group(group.layer_bounding_box()));
            let alpha = self.alpha(opacity, opacity);
            let name = format!("X{}", self.groups.len());
            self.groups.push(id);
            self.content.set_parameters(Name(alpha.as_bytes()));
            self.content.x_object(Name(name.as_bytes()));
        } else {
            self.draw_children(group, chunk, next);
        }
        self.content.restore_state();
    }

    /// Fill and stroke in the path's paint order.
    fn draw_path(&mut self, path: &usvg::Path) {
        if !path.is_visible() {
            return;
        }
        match path.paint_order() {
            usvg::PaintOrder::FillAndStroke => {
                self.fill(path);
                self.stroke(path);
            }
            usvg::PaintOrder::StrokeAndFill => {
                self.stroke(path);
                self.fill(path);
            }
        }
    }

    fn fill(&mut self, path: &usvg::Path) {
        let Some(fill) = path.fill() else { return };
        let usvg::Paint::Color(color) = fill.paint() else {
            return;
        };
        self.content.save_state();
        self.set_alpha(fill.opacity().get(), 1.0);
        let [r, g, b] = rgb(*color);
        self.content.set_fill_rgb(r, g, b);
        self.trace(path.data());
        match fill.rule() {
            usvg::FillRule::NonZero => self.content.fill_nonzero(),
            usvg::FillRule::EvenOdd => self.content.fill_even_odd(),
        };
        self.content.restore_state();
    }

    fn stroke(&mut self, path: &usvg::Path) {
        let Some(stroke) = path.stroke() else { return };
        let usvg::Paint::Color(color) = stroke.paint() else {
            return;
        };
        self.content.save_state();
        self.set_alpha(1.0, stroke.opacity().get());
        let [r, g, b] = rgb(*color);
        self.content.set_stroke_rgb(r, g, b);
        self.content.set_line_width(stroke.width().get());
        self.content.set_line_cap(match stroke.linecap() {
            usvg::LineCap::Butt => LineCapStyle::ButtCap,
            usvg::LineCap::Round => LineCapStyle::RoundCap,
            usvg::LineCap::Square => LineCapStyle::ProjectingSquareCap,
        });
        self.content.set_line_join(match stroke.linejoin() {
            // PDF has no clipped miter: past the limit a miter becomes a bevel, as SVG 1.1's.
            usvg::LineJoin::Miter | usvg::LineJoin::MiterClip => LineJoinStyle::MiterJoin,
            usvg::LineJoin::Round => LineJoinStyle::RoundJoin,
            usvg::LineJoin::Bevel => LineJoinStyle::BevelJoin,
        });
        self.content.set_miter_limit(stroke.miterlimit().get());
        if let Some(dashes) = stroke.dasharray() {
            let dashes = dashes.iter().copied();
            self.content.set_dash_pattern(dashes, stroke.dashoffset());
        }
        self.trace(path.data());
        self.content.stroke();
        self.content.restore_state();
    }

    /// Sets constant alphas through an ExtGState, when one is below 1.
    fn set_alpha(&mut self, fill: f32, stroke: f32) {
        if fill < 1.0 || stroke < 1.0 {
            let name = self.alpha(fill, stroke);
            self.content.set_parameters(Name(name.as_bytes()));
        }
    }

    /// The name of the ExtGState with these alphas, added on first use.
    fn alpha(&mut self, fill: f32, stroke: f32) -> String {
        let index = match self.alphas.iter().position(|&a| a == (fill, stroke)) {
            Some(index) => index,
            None => {
                self.alphas.push((fill, stroke));
                self.alphas.len() - 1
            }
        };
        format!("G{index}")
    }

    /// The path's outline (PDF has no quadratic curve: it becomes the same cubic).
    fn trace(&mut self, data: &tiny_skia_path::Path) {
        let (mut start, mut last) = (Point::zero(), Point::zero());
        for segment in data.segments() {
            match segment {
                PathSegment::MoveTo(p) => {
                    self.content.move_to(p.x, p.y);
                    (start, last) = (p, p);
                }
                PathSegment::LineTo(p) => {
                    self.content.line_to(p.x, p.y);
                    last = p;
                }
                PathSegment::QuadTo(c, p) => {
                    let (c1, c2) = (between(last, c, 2.0 / 3.0), between(p, c, 2.0 / 3.0));
                    self.content.cubic_to(c1.x, c1.y, c2.x, c2.y, p.x, p.y);
                    last = p;
                }
                PathSegment::CubicTo(c1, c2, p) => {
                    self.content.cubic_to(c1.x, c1.y, c2.x, c2.y, p.x, p.y);
                    last = p;
                }
                PathSegment::Close => {
                    self.content.close_path();
                    last = start;
                }
            }
        }
    }

    /// Writes the form: its content deflated, its bounding box and matrix, its resources.
    pub(super) fn finish(self, chunk: &mut Chunk, id: Ref, form: Form) {
        let content = deflate(&self.content.finish());
        let mut xobject = chunk.form_xobject(id, &content);
        xobject.filter(Filter::FlateDecode);
        match form {
            Form::Picture(size) => {
                let (w, h) = (size.width(), size.height());
                xobject.bbox(Rect::new(0.0, 0.0, w, h));
                // SVG's y goes down; the unit square's up.
                xobject.matrix([1.0 / w, 0.0, 0.0, -1.0 / h, 0.0, 1.0]);
            }
            Form::Group(rect) => {
                xobject.bbox(Rect::new(
                    rect.left(),
                    rect.top(),
                    rect.right(),
                    rect.bottom(),
                ));
                xobject.group().transparency().isolated(true);
            }
        }
        let mut resources = xobject.resources();
        if !self.alphas.is_empty() {
            let mut states = resources.ext_g_states();
            for (index, (fill, stroke)) in self.alphas.into_iter().enumerate() {
                let name = format!("G{index}");
                let mut state = states
                    .insert(Name(name.as_bytes()))
                    .start::<ExtGraphicsState>();
                state.non_stroking_alpha(fill).stroking_alpha(stroke);
            }
        }
        if !self.groups.is_empty() {
            let mut xobjects = resources.x_objects();
            for (index, id) in self.groups.into_iter().enumerate() {
                xobjects.pair(Name(format!("X{index}").as_bytes()), id);
            }
        }
    }
}

/// A usvg transform as a PDF matrix.
fn matrix(t: usvg::Transform) -> [f32; 6] {
    [t.sx, t.ky, t.kx, t.sy, t.tx, t.ty]
}

/// The point `t` of the way from `a` to `b`.
fn between(a: Point, b: Point, t: f32) -> Point {
    Point::from_xy(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t)
}

/// An 8-bit colour as PDF's components, 0 to 1.
fn rgb(color: usvg::Color) -> [f32; 3] {
    [color.red, color.green, color.blue].map(|c| f32::from(c) / 255.0)
}

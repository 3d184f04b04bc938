//! Drawing one slice's ops on a sheet: text as tagged spans (their links' areas noted for
//! the annotations), rules, fills, tick boxes, figures and the logo; a table's head drawn
//! again is an artifact.

use std::borrow::Cow;
use std::collections::HashMap;

use krilla::geom::{Point, Rect, Size, Transform};
use krilla::surface::Surface;
use krilla::tagging::{Artifact, ArtifactType, ContentTag, SpanTag};
use krilla_svg::{SurfaceExt, SvgSettings};

use super::flow::Laid;
use super::flow::Op;
use super::images::Images;
use super::images::Picture;
use super::inline::{Frag, Ink};
use super::tags::Drawn;
use super::{Fonts, Style};
use crate::pdf::marks::{fill, line};

/// What the sheets are drawn from.
pub struct Written<'a> {
    pub(super) laid: &'a Laid,
    /// Where each anchor is: its sheet (from 0) and height on it.
    pub(super) places: &'a HashMap<String, (usize, f32)>,
    pub(super) fonts: &'a Fonts<'a>,
    pub(super) images: &'a Images,
    pub(super) style: &'a Style,
}

pub(super) struct Painter<'p, 's, 'f> {
    pub(super) surface: &'p mut Surface<'s>,
    pub(super) book: &'p Written<'f>,
    pub(super) logo: Option<&'p usvg::Tree>,
    pub(super) drawn: &'p mut Drawn,
    /// The areas of the links drawn, with the link each belongs to.
    pub(super) links: &'p mut Vec<(Rect, usize)>,
}

impl Painter<'_, '_, '_> {
    fn ink(&self, ink: Ink) -> krilla::color::rgb::Color {
        use crate::pdf::marks;
        match ink {
            Ink::Text => marks::ink(),
            Ink::Muted => marks::muted(),
            Ink::Brand => marks::brand(self.book.style),
            Ink::Wash => krilla::color::rgb::Color::new(0xf1, 0xf3, 0xf5),
        }
    }

    pub(super) fn op(&mut self, op: &Op, (x0, y0): (f32, f32), copy: bool) {
        match op {
            Op::Text { x, y, frag, node } => self.text(frag, (x0 + x, y0 + y), *node, copy),
            Op::Line {
                from,
                to,
                ink,
                width,
            } => {
                let color = self.ink(*ink);
                line(
                    self.surface,
                    (x0 + from.0, y0 + from.1),
                    (x0 + to.0, y0 + to.1),
                    color,
                    *width,
                );
            }
            Op::Fill { rect, ink } => {
                let color = self.ink(*ink);
                crate::pdf::marks::filled(
                    self.surface,
                    color,
                    (x0 + rect.0, y0 + rect.1, rect.2, rect.3),
                );
            }
            Op::Box { rect } => crate::pdf::marks::rect(
                self.surface,
                self.ink(Ink::Text),
                0.9,
                (x0 + rect.0, y0 + rect.1, rect.2, rect.3),
            ),
            Op::Image { rect, image, node } => {
                let Some(picture) = self.book.images.get(*image) else {
                    return;
                };
                let tag = if copy {
                    ContentTag::Artifact(Artifact::with_kind(ArtifactType::Layout))
                } else {
                    ContentTag::Other
                };
                let id = self.surface.start_tagged(tag);
                self.picture(picture, (x0 + rect.0, y0 + rect.1, rect.2, rect.3));
                self.surface.end_tagged();
                if !copy {
                    self.drawn
                        .content
                        .entry(*node)
                        .or_default()
                        .push((id, None));
                }
            }
            Op::Logo { rect } => {
                let Some(tree) = self.logo else { return };
                let size = tree.size();
                let scale = (rect.2 / size.width()).min(rect.3 / size.height());
                let Some(to) = Size::from_wh(size.width() * scale, size.height() * scale) else {
                    return;
                };
                self.surface
                    .start_tagged(ContentTag::Artifact(Artifact::with_kind(
                        ArtifactType::Layout,
                    )));
                self.surface
                    .push_transform(&Transform::from_translate(x0 + rect.0, y0 + rect.1));
                self.surface.draw_svg(tree, to, SvgSettings::default());
                self.surface.pop();
                self.surface.end_tagged();
            }
        }
    }

    fn picture(&mut self, picture: &Picture, (x, y, w, h): (f32, f32, f32, f32)) {
        let Some(size) = Size::from_wh(w, h) else {
            return;
        };
        self.surface
            .push_transform(&Transform::from_translate(x, y));
        match picture {
            Picture::Raster(image) => self.surface.draw_image(image.clone(), size),
            Picture::Svg(tree) => {
                self.surface.draw_svg(tree, size, SvgSettings::default());
            }
        }
        self.surface.pop();
    }

    /// The sheet number `url` (or its page, for a heading not found) is on.
    fn page_number(&self, url: &str) -> String {
        super::layout::place(self.book.places, url)
            .map_or("?".to_string(), |(sheet, _)| (sheet + 1).to_string())
    }

    fn text(&mut self, frag: &Frag, (x, y): (f32, f32), node: usize, copy: bool) {
        fill(self.surface, self.ink(frag.ink));
        let tag = if copy {
            ContentTag::Artifact(Artifact::with_kind(ArtifactType::Layout))
        } else {
            ContentTag::Span(SpanTag::empty())
        };
        let id = self.surface.start_tagged(tag);
        let face = self.book.fonts.face(frag.face);
        let (text, x) = match &frag.page {
            Some(slot) => {
                let text = slot.text(&self.page_number(&slot.url));
                let room = face.width(&frag.text, frag.size) - face.width(&text, frag.size);
                (
                    Cow::Owned(text),
                    if slot.flush_right { x + room } else { x },
                )
            }
            None => (Cow::Borrowed(frag.text.as_str()), x),
        };
        face.draw(self.surface, Point::from_xy(x, y), frag.size, &text);
        self.surface.end_tagged();
        if copy {
            return;
        }
        self.drawn
            .content
            .entry(node)
            .or_default()
            .push((id, frag.link));
        if let Some(link) = frag.link {
            let width = face.width(&text, frag.size);
            let (top, bottom) = (y - frag.size * 0.85, y + frag.size * 0.25);
            // A link's runs on one line make one area.
            let (left, right) = match self.links.last() {
                Some((r, l)) if *l == link && r.top() == top && r.right() <= x + 0.5 => {
                    (r.left(), x + width)
                }
                _ => (x, x + width),
            };
            if let Some(rect) = Rect::from_ltrb(left, top, right, bottom) {
                if left < x {
                    self.links.pop();
                }
                self.links.push((rect, link));
            }
        }
    }
}

//! Drawing one slice's ops on a sheet: text as tagged spans (their links' areas noted for
//! the annotations), rules, fills, tick boxes, figures and the logo; a table's head drawn
//! again is an artifact.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::flow::{Laid, Op};
use super::inline::{FaceId, Frag, Ink};
use super::{Fonts, Style};
use crate::pdf::text::right_to_left;
use crate::pdf::writer::content::{Content, Placed, Rgb};
use crate::pdf::writer::fonts::Glyphs;

/// What the sheets are drawn from.
pub struct Written<'a> {
    pub(super) laid: &'a Laid,
    /// Where each anchor is: its sheet (from 0) and height on it.
    pub(super) places: &'a HashMap<String, (usize, f32)>,
    pub(super) fonts: &'a Fonts<'a>,
    pub(super) style: &'a Style,
    /// Each image's XObject number (`/X3`), by the image's index; `None`: not drawn.
    pub(super) pictures: &'a [Option<usize>],
    pub(super) logo: Option<usize>,
}

/// A rectangle: left, top, right, bottom, from the top of the sheet.
pub type Area = (f32, f32, f32, f32);

/// One sheet being drawn.
pub struct Sheet<'p> {
    pub content: Content,
    /// The glyphs shown, per font (the four faces, then the fallbacks).
    pub glyphs: Vec<Glyphs>,
    /// Each marked-content id's node and link.
    pub spans: Vec<(usize, Option<usize>)>,
    /// The areas of the links drawn, with the link each belongs to.
    pub links: Vec<(Area, usize)>,
    /// What each glyph of a fallback face drawn here reads as (its font, its id, its text),
    /// the first time it is drawn on the sheet: shaped glyphs are not in the face's map.
    pub unicode: Vec<(usize, u16, String)>,
    read: HashSet<(usize, u16)>,
    pub book: &'p Written<'p>,
}

/// The font number of a face (the fallbacks follow the four faces).
fn font_of(face: FaceId) -> usize {
    match face {
        FaceId::Regular => 0,
        FaceId::Bold => 1,
        FaceId::Italic => 2,
        FaceId::Mono => 3,
    }
}

pub const FACES: usize = 4;

pub fn rgb(c: crate::color::Rgb) -> Rgb {
    [c.0, c.1, c.2].map(|v| f32::from(v) / 255.0)
}

pub fn muted() -> Rgb {
    rgb(crate::color::Rgb(0x4d, 0x57, 0x60))
}

pub fn rule_grey() -> Rgb {
    rgb(crate::color::Rgb(0x8a, 0x93, 0x9b))
}

impl<'p> Sheet<'p> {
    pub fn new(book: &'p Written<'p>, height: f32, fonts: usize) -> Sheet<'p> {
        Sheet {
            content: Content::new(height),
            glyphs: vec![Glyphs::default(); fonts],
            spans: Vec::new(),
            links: Vec::new(),
            unicode: Vec::new(),
            read: HashSet::new(),
            book,
        }
    }

    fn ink(&self, ink: Ink) -> Rgb {
        match ink {
            Ink::Text => rgb(crate::color::Rgb(0x1b, 0x1f, 0x23)),
            Ink::Muted => muted(),
            Ink::Brand => rgb(self.book.style.primary),
            Ink::Wash => rgb(crate::color::Rgb(0xf1, 0xf3, 0xf5)),
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
                self.artifact(b"Layout", |c| {
                    c.line(
                        (x0 + from.0, y0 + from.1),
                        (x0 + to.0, y0 + to.1),
                        color,
                        *width,
                    )
                });
            }
            Op::Fill { rect, ink } => {
                let color = self.ink(*ink);
                let area = (x0 + rect.0, y0 + rect.1, rect.2, rect.3);
                self.artifact(b"Layout", |c| c.rect(area, Some(color), None));
            }
            Op::Box { rect } => {
                let color = self.ink(Ink::Text);
                let area = (x0 + rect.0, y0 + rect.1, rect.2, rect.3);
                self.artifact(b"Layout", |c| c.rect(area, None, Some((color, 0.9))));
            }
            Op::Image { rect, image, node } => {
                let Some(Some(x)) = self.book.pictures.get(*image).copied() else {
                    return;
                };
                let area = (x0 + rect.0, y0 + rect.1, rect.2, rect.3);
                if copy {
                    self.artifact(b"Layout", |c| c.xobject(x, area));
                } else {
                    let mcid = self.span(*node, None);
                    self.content
                        .begin_marked(b"Figure", format!("<</MCID {mcid}>>").as_bytes());
                    self.content.xobject(x, area);
                    self.content.end_marked();
                }
            }
            Op::Logo { rect } => {
                let Some(x) = self.book.logo else { return };
                let area = (x0 + rect.0, y0 + rect.1, rect.2, rect.3);
                self.artifact(b"Layout", |c| c.xobject(x, area));
            }
        }
    }

    /// Something drawn that is not content: an artifact of `kind`.
    pub fn artifact(&mut self, kind: &[u8], draw: impl FnOnce(&mut Content)) {
        self.content.begin_artifact(kind);
        draw(&mut self.content);
        self.content.end_marked();
    }

    /// A new marked-content id for `node`'s text.
    fn span(&mut self, node: usize, link: Option<usize>) -> usize {
        self.spans.push((node, link));
        self.spans.len() - 1
    }

    /// The sheet number `url` (or its page, for a heading not found) is on.
    fn page_number(&self, url: &str) -> String {
        super::layout::place(self.book.places, url)
            .map_or("?".to_string(), |(sheet, _)| (sheet + 1).to_string())
    }

    fn text(&mut self, frag: &Frag, (x, y): (f32, f32), node: usize, copy: bool) {
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
        let color = self.ink(frag.ink);
        if copy {
            self.content.begin_artifact(b"Layout");
            self.show(frag.face, frag.size, (x, y), &text, color);
            self.content.end_marked();
            return;
        }
        let mcid = self.span(node, frag.link);
        self.content.begin_span(mcid);
        let width = self.show(frag.face, frag.size, (x, y), &text, color);
        self.content.end_marked();
        if let Some(link) = frag.link {
            let (top, bottom) = (y - frag.size * 0.85, y + frag.size * 0.25);
            // A link's runs on one line make one area.
            match self.links.last_mut() {
                Some((area, l)) if *l == link && area.1 == top && area.2 <= x + 0.5 => {
                    area.2 = x + width;
                }
                _ => self.links.push(((x, top, x + width, bottom), link)),
            }
        }
    }

    /// `text` in `face` on one line from `(x, y)`, each run in the face that has its
    /// characters; a run of a fallback face is shaped, its words marked to read in their
    /// own order when it runs right to left. Returns its width.
    pub fn show(
        &mut self,
        face: FaceId,
        size: f32,
        (x, y): (f32, f32),
        text: &str,
        color: Rgb,
    ) -> f32 {
        let setting = self.book.fonts.face(face).setting();
        self.content.set_fill(color);
        let mut placed = Vec::new();
        // Most text is the face's own: one run, placed in one pass.
        let (advance, lacks) = setting.primary.place(text, &mut placed);
        if !lacks || setting.fallbacks.is_empty() {
            self.primary(face, size, (x, y), &placed);
            return advance * size;
        }
        let mut pen = x;
        for (fallback, range) in setting.runs(text) {
            let run = &text[range];
            placed.clear();
            let Some(f) = fallback else {
                let (advance, _) = setting.primary.place(run, &mut placed);
                self.primary(face, size, (pen, y), &placed);
                pen += advance * size;
                continue;
            };
            let font = FACES + f;
            let mut texts = Vec::new();
            let (start, advance) = setting.fallbacks[f].place(run, &mut placed, &mut texts);
            for (g, range) in placed.iter().zip(&texts) {
                self.glyphs[font].insert(g.0);
                if self.read.insert((font, g.0)) {
                    let said = run.get(range.clone()).unwrap_or_default();
                    self.unicode.push((font, g.0, said.to_string()));
                }
            }
            let words = if right_to_left(run) {
                words(run, &texts)
            } else {
                Vec::new()
            };
            self.content
                .glyphs(font, size, (pen + start * size, y), &placed, &words);
            pen += advance * size;
        }
        pen - x
    }
}

impl Sheet<'_> {
    /// Glyphs of `face` itself from `at`.
    fn primary(&mut self, face: FaceId, size: f32, at: (f32, f32), placed: &[Placed]) {
        let font = font_of(face);
        for g in placed {
            self.glyphs[font].insert(g.0);
        }
        self.content.glyphs(font, size, at, placed, &[]);
    }
}

/// The glyphs of a shaped run cut into words and the spaces between them: ranges of glyphs,
/// by the text each glyph sets.
fn words(run: &str, texts: &[Range<usize>]) -> Vec<Range<usize>> {
    let space = |r: &Range<usize>| run.get(r.clone()).is_some_and(|t| t.trim().is_empty());
    let mut out: Vec<Range<usize>> = Vec::new();
    for (i, r) in texts.iter().enumerate() {
        match out.last_mut() {
            Some(last) if !space(r) && !space(&texts[last.end - 1]) => last.end = i + 1,
            _ => out.push(i..i + 1),
        }
    }
    out
}

//! The book laid out and cut into sheets, and each sheet drawn on its own (in parallel, by
//! `write`): the text as tagged spans, the running head (the chapter's title, left off where
//! a chapter opens) and the page number as artifacts.

use std::collections::{HashMap, HashSet};

use super::Fonts;
use super::flow::{Flow, Laid};
use super::images::Images;
use super::inline::FaceId;
use super::layout::Column;
use super::model::Book;
use super::pages::{Sheet, anchors, paginate};
use super::paint::{self, Area, Written};

use crate::pdf::writer::deflate;
use crate::pdf::writer::fonts::Glyphs;

pub(super) const MARGIN_X: f32 = 64.0;
pub(super) const TOP: f32 = 72.0;
pub(super) const BOTTOM: f32 = 64.0;

pub(super) type Places = HashMap<String, (usize, f32)>;

/// One sheet, drawn.
pub(super) struct Drawing {
    /// Its content stream, compressed.
    pub(super) content: Vec<u8>,
    pub(super) glyphs: Vec<Glyphs>,
    pub(super) spans: Vec<(usize, Option<usize>)>,
    pub(super) links: Vec<(Area, usize)>,
    pub(super) unicode: Vec<(usize, u16, String)>,
}

/// The flow and its sheets. Page numbers are set in slots as wide as the book's last page
/// number can be, so one layout serves and the numbers are filled in as the sheets are
/// drawn; a book with more sheets than its slots can number is laid out again.
pub(super) fn lay_out(
    book: &Book,
    fonts: &Fonts,
    images: &Images,
    column: &Column,
) -> (Laid, Vec<Sheet>, Places) {
    let mut pages: HashSet<&str> = HashSet::new();
    for chapter in &book.chapters {
        pages.insert(&chapter.url);
        pages.extend(chapter.pages.iter().map(|p| p.url.as_str()));
    }
    if !book.bibliography.is_empty() {
        pages.insert(crate::links::SOURCES_URL);
    }
    let in_book = |url: &str| pages.contains(url.split('#').next().unwrap_or(url));
    let widest = widest_digit(fonts);
    // A first guess with room to spare: three sheets a page.
    let mut digits = digits_of(3 * pages.len() + 10);
    loop {
        let slot = widest.to_string().repeat(digits);
        let mut flow = Flow {
            fonts,
            in_book: &in_book,
            page: (&book.words.page, &slot),
            images,
            max_figure: column.height * 0.6,
            slices: Vec::new(),
            nodes: Vec::new(),
            links: Vec::new(),
            tables: 0,
            chapter: None,
            titles: Vec::new(),
        };
        flow.book(book, column);
        let sheets = paginate(&flow.slices, column.height);
        if digits_of(sheets.len()) <= digits {
            let places = anchors(&flow.slices, &sheets);
            return (flow.finish(), sheets, places);
        }
        digits = digits_of(sheets.len());
    }
}

fn digits_of(n: usize) -> usize {
    n.max(1).ilog10() as usize + 1
}

/// The digit that sets widest in the faces page numbers are set in.
fn widest_digit(fonts: &Fonts) -> char {
    let width = |c: char| {
        let text = c.to_string();
        fonts
            .regular
            .width(&text, 10.0)
            .max(fonts.bold.width(&text, 10.0))
    };
    ('0'..='9')
        .max_by(|a, b| width(*a).total_cmp(&width(*b)))
        .unwrap_or('0')
}

/// One sheet: its furniture (after the cover), then its slices.
pub(super) fn draw(
    book: &Written,
    sheet: &Sheet,
    s: usize,
    (w, h): (f32, f32),
    fonts: usize,
) -> Drawing {
    let mut out = paint::Sheet::new(book, h, fonts);
    if s > 0 {
        furniture(&mut out, sheet, (w, h), s + 1);
    }
    for &(y, i, copy) in &sheet.placed {
        for op in &book.laid.slices[i].ops {
            out.op(op, (MARGIN_X, TOP + y), copy);
        }
    }
    Drawing {
        content: deflate(&out.content.finish()),
        glyphs: out.glyphs,
        spans: out.spans,
        links: out.links,
        unicode: out.unicode,
    }
}

/// The running head (the chapter's title, but not where a chapter opens) and the number.
fn furniture(out: &mut paint::Sheet, sheet: &Sheet, (w, h): (f32, f32), number: usize) {
    let book = out.book;
    let (fonts, style) = (book.fonts, book.style);
    let (chapter, opening) = sheet.chapter(&book.laid.slices);
    let muted = paint::muted();
    if let (Some(c), false) = (chapter, opening) {
        let title = book.laid.titles.get(c).cloned().unwrap_or_default();
        let right = w - MARGIN_X - fonts.regular.width(&style.handbook, 8.5);
        out.content
            .begin_marked(b"Artifact", b"<</Type/Pagination/Subtype/Header>>");
        out.show(FaceId::Regular, 8.5, (MARGIN_X, 42.0), &title, muted);
        out.show(FaceId::Regular, 8.5, (right, 42.0), &style.handbook, muted);
        out.content.end_marked();
        out.artifact(b"Layout", |c| {
            c.line(
                (MARGIN_X, 50.0),
                (w - MARGIN_X, 50.0),
                paint::rule_grey(),
                0.5,
            )
        });
    }
    let text = number.to_string();
    let x = (w - fonts.regular.width(&text, 9.0)) / 2.0;
    out.content
        .begin_marked(b"Artifact", b"<</Type/Pagination/Subtype/Footer>>");
    out.show(FaceId::Regular, 9.0, (x, h - 34.0), &text, muted);
    out.content.end_marked();
}

//! The whole handbook as one PDF (`/downloads/handbook.pdf`), made with no browser: a cover,
//! contents with page numbers, each chapter from a new sheet, the pages' text (headings,
//! paragraphs, lists, tables, code, quotes, figures, the checklists' boxes and lines), one
//! bibliography numbered in order of first citation, cross-references with the page of their
//! target, running heads and page numbers, bookmarks, tags and metadata.
//!
//! The same small engine as the checklists' (`pdf`), grown for Markdown: `model` is the book
//! as the build hands it over, `inline` breaks styled text into lines, `flow` and `table` turn
//! blocks into slices of the column, `layout` adds the cover, contents and bibliography,
//! `pages` cuts the flow into sheets and `draw` writes them with krilla. Page numbers are
//! known only once the book is cut into sheets, so the book is laid out again with the
//! numbers found, until they no longer change (twice, almost always).

mod blocks;
mod draw;
mod flow;
mod images;
mod inline;
mod layout;
pub mod markdown;
pub mod model;
mod pages;
mod paint;
mod table;
mod tags;

use super::face::Face;
use super::{FontFiles, Style};
use inline::FaceId;

/// The faces the book is set in.
pub struct Fonts<'a> {
    regular: Face<'a>,
    bold: Face<'a>,
    italic: Face<'a>,
    mono: Face<'a>,
}

impl<'a> Fonts<'a> {
    fn face(&self, id: FaceId) -> &Face<'a> {
        match id {
            FaceId::Regular => &self.regular,
            FaceId::Bold => &self.bold,
            FaceId::Italic => &self.italic,
            FaceId::Mono => &self.mono,
        }
    }
}

/// The PDF of `book`.
pub fn render(book: &model::Book, style: &Style, fonts: &FontFiles) -> Result<Vec<u8>, String> {
    draw::document(book, style, fonts)
}

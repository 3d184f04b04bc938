//! The whole handbook as one PDF (`/downloads/handbook.pdf`), made with no browser: a cover,
//! contents with page numbers, each chapter from a new sheet, the pages' text (headings,
//! paragraphs, lists, tables, code, quotes, figures, the checklists' boxes and lines), one
//! bibliography numbered in order of first citation, cross-references with the page of their
//! target, running heads and page numbers, bookmarks, tags and metadata.
//!
//! The same small layout engine as the checklists' (`pdf`), grown for Markdown: `model` is
//! the book as the build hands it over, `inline` breaks styled text into lines, `flow` and
//! `table` turn blocks into slices of the column, `layout` adds the cover, contents and
//! bibliography, `pages` cuts the flow into sheets. Page numbers are set in slots as wide as
//! the last page number, so one layout serves and the numbers are filled in as the sheets are
//! drawn. `draw` draws each sheet on its own and `write` puts the PDF together with the
//! project's own writer on pdf-writer (`pdf::writer`), drawing the sheets in parallel: krilla,
//! which makes the checklists, draws a document's pages one after another on one thread, and
//! a 1,000-page book spent most of its time there.

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
mod runs;
mod table;
mod tags;
mod write;

use super::face::{Face, Loaded};
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
pub fn render(book: &model::Book, style: &Style, files: &FontFiles) -> Result<Vec<u8>, String> {
    use draw::{BOTTOM, MARGIN_X, TOP};
    let loaded = Loaded::new(files)?;
    let m = loaded.measures;
    let fonts = Fonts {
        regular: loaded.face(&files.regular, &m.regular)?,
        bold: loaded.face(&files.bold, &m.bold)?,
        italic: loaded.face(&files.italic, &m.italic)?,
        mono: loaded.face(&files.mono, &m.mono)?,
    };
    let (w, h) = style.paper.points();
    let column = layout::Column {
        width: w - 2.0 * MARGIN_X,
        height: h - TOP - BOTTOM,
    };
    let images = images::Images::read(book);
    let (laid, sheets, places) = draw::lay_out(book, &fonts, &images, &column);
    let mut faces: Vec<&[u8]> = vec![&files.regular, &files.bold, &files.italic, &files.mono];
    faces.extend(m.fallbacks.iter().map(|f| f.data.as_slice()));
    let out = write::Out {
        laid: &laid,
        places: &places,
        fonts: &fonts,
        faces: &faces,
        images: &images,
        style,
    };
    write::write(&out, &sheets, (w, h))
}

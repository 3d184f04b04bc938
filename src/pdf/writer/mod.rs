//! A small PDF writer on pdf-writer, for the handbook's book: pages drawn apart, so they can
//! be drawn in parallel (`content`), faces embedded as subsets once every page is drawn
//! (`fonts`), and the document's metadata. The checklists are still made with krilla; the
//! book outgrew it, since krilla draws a document's pages one after another on one thread.

pub mod content;
pub mod fonts;
pub mod outline;

use pdf_writer::{Date, Finish, Pdf, Ref, TextStr};

use super::Style;

/// Object numbers, handed out in order.
pub struct Refs(i32);

impl Refs {
    pub fn new() -> Refs {
        Refs(1)
    }

    pub fn next(&mut self) -> Ref {
        let r = Ref::new(self.0);
        self.0 += 1;
        r
    }

    /// `n` numbers in a row; the first.
    pub fn block(&mut self, n: usize) -> Ref {
        let first = Ref::new(self.0);
        self.0 += i32::try_from(n).unwrap_or(i32::MAX - self.0);
        first
    }
}

/// How hard streams are compressed: the fastest level costs a page a tenth of level 6's
/// time and makes the file about a fifth larger (measured on the 1,000-page book).
const LEVEL: u32 = 1;

pub fn deflate(data: &[u8]) -> Vec<u8> {
    use flate2::{Compress, Compression, FlushCompress, Status};
    thread_local! {
        // One compressor a thread, reset for each stream: making one allocates and clears
        // its tables, which cost as much as compressing a sheet.
        static COMPRESSOR: std::cell::RefCell<Compress> =
            std::cell::RefCell::new(Compress::new(Compression::new(LEVEL), true));
    }
    COMPRESSOR.with_borrow_mut(|c| {
        c.reset();
        let mut out = Vec::with_capacity(data.len() / 2 + 64);
        loop {
            let read = usize::try_from(c.total_in()).unwrap_or(usize::MAX);
            let rest = data.get(read..).unwrap_or_default();
            let status = c.compress_vec(rest, &mut out, FlushCompress::Finish);
            match status {
                Ok(Status::StreamEnd) => return out,
                Ok(_) => out.reserve(out.capacity().max(64)),
                // Not seen in memory; a fresh encoder then does it.
                Err(_) => return deflate_anew(data),
            }
        }
    })
}

fn deflate_anew(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let level = flate2::Compression::new(LEVEL);
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), level);
    let written = e.write_all(data).and_then(|()| e.finish());
    written.unwrap_or_default()
}

/// The book's metadata, in the document information and as XMP (referenced from the
/// catalog): its title, institution, edition, language and date.
pub fn metadata(pdf: &mut Pdf, refs: &mut Refs, style: &Style, pages: usize) -> (Ref, Ref) {
    let (info, xmp_ref) = (refs.next(), refs.next());
    let subject = style
        .edition
        .as_ref()
        .map(|e| format!("{}, edition {e}", style.handbook));
    let date = style.reviewed.as_deref().and_then(date);
    let mut doc = pdf.document_info(info);
    doc.title(TextStr(&style.handbook))
        .creator(TextStr("handbook"));
    if let Some(subject) = &subject {
        doc.subject(TextStr(subject));
    }
    if let Some(institution) = &style.institution {
        doc.author(TextStr(institution));
    }
    if let Some((y, m, d)) = date {
        let date = Date::new(y).month(m).day(d);
        doc.creation_date(date).modified_date(date);
    }
    doc.finish();

    let mut xmp = xmp_writer::XmpWriter::new();
    xmp.title([(None, style.handbook.as_str())])
        .language([xmp_writer::LangId(style.language.as_str())])
        .creator_tool("handbook")
        .format("application/pdf")
        .num_pages(u32::try_from(pages).unwrap_or(u32::MAX))
        .pdf_version("1.7");
    if let Some(subject) = &subject {
        xmp.description([(None, subject.as_str())]);
    }
    if let Some(institution) = &style.institution {
        xmp.creator([institution.as_str()]);
    }
    if let Some((y, m, d)) = date {
        let date = xmp_writer::DateTime::date(y, m, d);
        xmp.create_date(date).modify_date(date);
    }
    let xml = xmp.finish(None);
    pdf.metadata(xmp_ref, xml.as_bytes()).finish();
    (info, xmp_ref)
}

/// `YYYY-MM-DD`: year, month and day.
pub fn date(text: &str) -> Option<(u16, u8, u8)> {
    let mut parts = text.trim().splitn(3, '-');
    let year = parts.next()?.parse().ok()?;
    let month = parts.next()?.parse().ok()?;
    let day = parts.next()?.get(..2)?.parse().ok()?;
    Some((year, month, day))
}

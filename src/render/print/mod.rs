//! The print editions: `/print/handbook/` (the whole handbook in reading order, as one
//! document: cover, contents, chapters, sources) and `/print/checklists/` (every checklist,
//! each from a new sheet).
//!
//! Pages appear in them as the print partial renders them, with links pointing inside the
//! document and ids prefixed per page so that they stay unique. Each page's part is kept
//! between renders while its input is unchanged (see `PrintMemo`), so that an edit under
//! `serve` renders one page again, not the whole book.

use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use serde::Serialize;
use tera::Context;

mod book;
mod frame;

use super::editions::{Edition, Place, anchor};
use super::highlight::Highlighter;
use super::inputs::{FrameInput, PageOutput, SectionInput, SourcesInput};
use super::templates::Template;
use super::theme::Theme;
use super::{listings, pages};
use crate::diagnostic::Diagnostics;

/// The logo, small, for the running head of every printed sheet.
pub const RUNNING_LOGO_URL: &str = "/print/running-logo.svg";
/// Its size in CSS pixels.
const RUNNING_LOGO_SIZE: u32 = 16;

/// The institution's logo wrapped in a small SVG: a page's margin box shows an image at its
/// own size, so the running head needs one drawn small. The logo goes in as a data URL (an
/// SVG used as an image may load nothing else).
pub fn running_logo(site: &crate::content::Site) -> Option<String> {
    use base64::Engine;
    let logo = site.config.institution.logo.as_ref()?;
    let mime = match logo.value.rsplit('.').next()?.to_ascii_lowercase().as_str() {
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        _ => return None,
    };
    let bytes = std::fs::read(site.root.join(&logo.value)).ok()?;
    let data = base64::engine::general_purpose::STANDARD.encode(bytes);
    let n = RUNNING_LOGO_SIZE;
    Some(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{n}\" height=\"{n}\" viewBox=\"0 0 {n} {n}\"><image width=\"{n}\" height=\"{n}\" href=\"data:{mime};base64,{data}\"/></svg>\n"
    ))
}

/// One part of a print edition, in reading order.
#[derive(Hash)]
pub enum PrintPart<'a> {
    /// A section's title and introduction: a chapter.
    Chapter(Box<SectionInput<'a>>),
    Page(PageOutput<'a>),
}

/// A print edition: its frame (settings, title) and its parts.
#[derive(Hash)]
pub struct PrintInput<'a> {
    pub frame: FrameInput<'a>,
    pub checklists_only: bool,
    pub parts: Vec<PrintPart<'a>>,
    /// The bibliography, at the end of the handbook.
    pub sources: Option<SourcesInput<'a>>,
}

/// Parts' HTML by the hash of their input, and the hashes the current render used.
type Parts = (HashMap<u64, Arc<String>>, HashSet<u64>);

/// Each part's HTML from the last render, by the hash of its input.
#[derive(Default)]
pub struct PrintMemo {
    parts: Mutex<Parts>,
    /// Whether parts are kept for the next render (not by a one-off build).
    forget: AtomicBool,
}

impl PrintMemo {
    /// Whether the parts made from now on are kept for the next render.
    pub fn keep(&self, keep: bool) {
        self.forget.store(!keep, Ordering::Relaxed);
    }

    /// The part whose input hashes to `key()`, from memory or made. A one-off build makes
    /// every part once: it neither hashes the input nor keeps the part.
    fn get_or(
        &self,
        key: impl FnOnce() -> u64,
        make: impl FnOnce() -> Option<String>,
    ) -> Option<Arc<String>> {
        if self.forget.load(Ordering::Relaxed) {
            return make().map(Arc::new);
        }
        let key = key();
        if let Ok(mut guard) = self.parts.lock() {
            let (map, used) = &mut *guard;
            used.insert(key);
            if let Some(html) = map.get(&key) {
                return Some(Arc::clone(html));
            }
        }
        let html = Arc::new(make()?);
        if let Ok(mut guard) = self.parts.lock() {
            guard.0.insert(key, Arc::clone(&html));
        }
        Some(html)
    }

    /// Forgets the parts the last render did not use.
    pub fn end_pass(&self) {
        if let Ok(mut guard) = self.parts.lock() {
            let (map, used) = &mut *guard;
            map.retain(|k, _| used.contains(k));
            used.clear();
        }
    }
}

#[derive(Serialize)]
struct ContentsEntry {
    title: String,
    anchor: String,
    /// 1 for a chapter, 2 for a page in it.
    level: u8,
    number: Option<i64>,
    /// A chapter's number in the edition, 1 and up (none for a page in a chapter).
    chapter: Option<usize>,
}

fn hash_of(value: &impl Hash) -> u64 {
    let mut h = DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

/// Parts of a print edition made ahead of the one being written, at most: enough to keep the
/// pool busy while the frame renders, few enough that a large book's edition is never held
/// whole in memory.
const AHEAD: usize = 512;

/// Writes a print edition to `out`. `Ok(false)` when a template failed (the errors are in
/// `diagnostics`; what was written is incomplete).
pub fn write(
    input: &PrintInput,
    theme: &Theme,
    highlighter: &Highlighter,
    memo: &PrintMemo,
    diagnostics: &mut Diagnostics,
    out: &mut dyn Write,
) -> io::Result<bool> {
    let mut contents: Vec<ContentsEntry> = input.parts.iter().map(|p| entry(input, p)).collect();
    book::number_chapters(&mut contents);
    let edition = book::edition(input, &contents);
    let make = |i: usize| {
        let part = Part {
            input,
            part: &input.parts[i],
            entry: &contents[i],
            edition: &edition,
        };
        part.make(theme, highlighter, memo)
    };
    // The pool makes the parts while this thread renders the frame, then writes them in order
    // as they are ready (`in_order`); at most `AHEAD` wait.
    crate::parallel::in_order(input.parts.len(), AHEAD, make, |take| {
        let Some(html) = frame::frame(input, theme, &edition, &contents, diagnostics) else {
            return Ok(false);
        };
        let (before, after) = html.split_once(PARTS_MARK).unwrap_or((&html, ""));
        out.write_all(before.as_bytes())?;
        // After a failed part the rest are still made, for their errors, but not written.
        let mut complete = true;
        for at in 0..input.parts.len() {
            let Some(made) = take(at) else {
                return Ok(false);
            };
            write_part(made, &mut complete, diagnostics, out)?;
        }
        if complete {
            out.write_all(after.as_bytes())?;
        }
        Ok(complete)
    })
}

/// A part's line in the contents: its title, anchor, level and number.
fn entry(input: &PrintInput, part: &PrintPart) -> ContentsEntry {
    let (url, title, number) = match part {
        PrintPart::Chapter(s) => (&s.section.0.url, &s.section.0.title, None),
        PrintPart::Page(p) => (&p.page.url, &p.page.title, p.page.number()),
    };
    let level = match part {
        PrintPart::Chapter(_) => 1,
        PrintPart::Page(_) if input.checklists_only => 1,
        PrintPart::Page(p) if p.page.section == 0 => 1,
        PrintPart::Page(_) => 2,
    };
    ContentsEntry {
        title: title.clone(),
        anchor: anchor(url),
        level,
        number,
        chapter: None,
    }
}

/// One part of an edition, with its place in it.
struct Part<'a> {
    input: &'a PrintInput<'a>,
    part: &'a PrintPart<'a>,
    entry: &'a ContentsEntry,
    edition: &'a Edition,
}

impl Part<'_> {
    /// The part's HTML, from memory when its input is unchanged, else rendered.
    fn make(&self, theme: &Theme, highlighter: &Highlighter, memo: &PrintMemo) -> Made {
        let mut local = Diagnostics::new();
        let (id, level) = (&self.entry.anchor, self.entry.level);
        // A checklist is a chapter of its own in the checklists edition and a page inside a
        // chapter in the handbook: its part differs by level.
        let input = self.input;
        let key = || {
            hash_of(&(
                self.part,
                input.frame.settings,
                level,
                input.checklists_only,
                self.edition.key,
            ))
        };
        let html = memo.get_or(key, || {
            let place = Place {
                prefix: id,
                shift: level,
                edition: self.edition,
            };
            let page = match self.part {
                PrintPart::Chapter(s) => listings::section_context(s, highlighter, Some(&place)),
                PrintPart::Page(p) => pages::print_page(&p.input(), highlighter, &place),
            };
            let mut context = Context::new();
            context.insert("page", &page);
            context.insert("id", id);
            context.insert("level", &level);
            match theme.tera.render(Template::PrintPart.file(), &context) {
                Ok(html) => Some(html),
                Err(err) => {
                    local.push(theme.render_error(Template::PrintPart.file(), &err));
                    None
                }
            }
        });
        (html, local)
    }
}

/// A part's HTML (none when its template failed) and what rendering it reported.
type Made = (Option<Arc<String>>, Diagnostics);

/// Writes a part while all before it were made; `complete` turns false at a failed one.
fn write_part(
    (html, local): Made,
    complete: &mut bool,
    diagnostics: &mut Diagnostics,
    out: &mut dyn Write,
) -> io::Result<()> {
    diagnostics.extend(local);
    match html {
        Some(html) if *complete => out.write_all(html.as_bytes()),
        Some(_) => Ok(()),
        None => {
            *complete = false;
            Ok(())
        }
    }
}

/// Where a print template puts its parts (`{{ parts | safe }}`).
const PARTS_MARK: &str = "<!--handbook:print-parts-->";

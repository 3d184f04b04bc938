//! The identities every "has this output changed?" decision hashes: a page, a section and
//! book.yaml, each by the text it was read from and where it sits. Everything else about them
//! (front matter values, the Markdown analysis) follows from these, so the renderer's inputs
//! and the search index's per-page keys hash the same values and cannot drift apart.

use std::hash::{Hash, Hasher};

use super::{Page, Section};
use crate::config::Config;

/// A page of the model, by identity: the text of its file, where it sits and how it was read
/// (its kind).
#[derive(Debug, Clone, Copy)]
pub struct PageRef<'a>(pub &'a Page);

impl Hash for PageRef<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        let page = self.0;
        (
            page.file.hash,
            &page.source_path,
            &page.url,
            page.kind().name(),
        )
            .hash(state);
    }
}

/// A section of the model, by what its index shows of it: its `_section.md` text (by hash)
/// and the values read from it.
#[derive(Clone, Copy)]
pub struct SectionRef<'a>(pub &'a Section);

impl Hash for SectionRef<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        let s = self.0;
        let file = s.file.as_ref().map(|f| f.hash);
        (file, &s.body, &s.title, &s.url, &s.summary, s.kind.name()).hash(state);
    }
}

/// book.yaml, by the hash of its text (every value shown comes from that text).
#[derive(Debug, Clone, Copy)]
pub struct ConfigRef<'a>(pub &'a Config);

impl Hash for ConfigRef<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.file.hash.hash(state);
    }
}

//! One page read again on its own, for `serve`'s preview of a save: only when what the rest
//! of the handbook sees of the page is unchanged, so that no other output can differ.

use super::{Kind, Page, Site, walk};
use crate::diagnostic::Diagnostics;
use crate::files::{FileKey, Found};
use crate::markdown::Analysis;

/// The page at `rel` (relative to content/) as its file now reads, in the place of the
/// site's page with that path; `None` unless the site has that page, it is no checklist, its
/// file reads without a single diagnostic, and only its body changed in a way no other output
/// shows: the same front matter, heading anchors, citations and rule uses.
pub fn reload_page(site: &Site, rel: &str) -> Option<Page> {
    let old = site.pages.iter().find(|p| p.source_path == rel)?;
    if old.kind() == Kind::Checklist {
        return None;
    }
    let abs = site.root.join(walk::CONTENT_DIR).join(rel);
    // A linked file may sit anywhere: the walk decides what it means.
    let metadata = std::fs::symlink_metadata(&abs).ok()?;
    if !metadata.is_file() {
        return None;
    }
    let entry = Found {
        rel: rel.to_string(),
        abs,
        key: FileKey::of(Some(&metadata)),
        linked: false,
    };
    let section = old.section_dir().to_string();
    let section_kind = site.sections[old.section].kind;
    let mut diagnostics = Diagnostics::new();
    let mut page =
        *super::load::load_page(&entry, &section, section_kind, false, &mut diagnostics)?;
    if !diagnostics.is_empty() || !same_outside_body(old, &page) {
        return None;
    }
    page.id = old.id;
    page.section = old.section;
    Some(page)
}

/// What other outputs read from a page is the same in both versions.
fn same_outside_body(old: &Page, new: &Page) -> bool {
    old.kind() == new.kind()
        && old.file.text[..old.body.start] == new.file.text[..new.body.start]
        && (&old.title, &old.url, &old.summary) == (&new.title, &new.url, &new.summary)
        && old.analysis.inline.len() == new.analysis.inline.len()
        && old.analysis.extra_anchors == new.analysis.extra_anchors
        && old
            .analysis
            .all()
            .zip(new.analysis.all())
            .all(|(a, b)| seen(a) == seen(b))
}

/// What other outputs read from a piece of Markdown: its anchors, citations and rule uses.
fn seen(a: &Analysis) -> (Vec<&str>, Vec<&str>, Vec<&str>) {
    (
        a.headings.iter().map(|h| h.id.as_str()).collect(),
        a.citations.iter().map(|c| c.key.as_str()).collect(),
        a.rules.iter().map(|r| r.name.as_str()).collect(),
    )
}

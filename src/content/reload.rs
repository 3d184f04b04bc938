//! One page read again on its own, for `serve`'s preview of a save. Whether the rest of the
//! handbook shows what changed is the renderer's to decide, from its inputs
//! (`render::shown_elsewhere`).

use super::{Kind, Page, Site, walk};
use crate::diagnostic::Diagnostics;
use crate::files::{FileKey, Found};

/// The page at `rel` (relative to content/) as its file now reads, in the place of the
/// site's page with that path; `None` unless the site has that page, it is no checklist (whose
/// PDFs a preview does not make), and its file reads without a single diagnostic.
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
    if !diagnostics.is_empty() {
        return None;
    }
    page.id = old.id;
    page.section = old.section;
    Some(page)
}

//! The committee's notes (`CHANGES.md`), shown on `/changes/` when git lists the editions:
//! checked as a page's Markdown is, their links read from the handbook's root, where the file
//! is (`Resolver::resolve_at_root`).

use crate::content::Site;
use crate::diagnostic::Diagnostics;
use crate::history::{Editions, notes};
use crate::links::Resolver;
use crate::source::SourceFile;

use super::references::check_markdown_with;

pub(super) fn check_notes(site: &Site, resolver: &Resolver, diagnostics: &mut Diagnostics) {
    if !matches!(site.history.editions, Editions::Listed(_)) {
        return;
    }
    // As it was read when the session started, as /changes/ shows it.
    let Some(text) = &site.history.notes_text else {
        return;
    };
    let file = SourceFile::new(notes::FILE, text.as_str());
    let analysis = crate::markdown::analyse(&file.text, 0);
    check_markdown_with(&file, &analysis, diagnostics, |dest| {
        resolver.resolve_at_root(dest).map_err(|mut problem| {
            problem.hint = Some(
                "in CHANGES.md a link names the file from the handbook's folder, \
                 e.g. `content/roles/mentor.md`"
                    .into(),
            );
            problem
        })
    });
}

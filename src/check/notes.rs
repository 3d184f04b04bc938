//! The committee's notes (`CHANGES.md`), shown on `/changes/` when git lists the editions:
//! their links checked as a page's are, read from the handbook's root, where the file is
//! (`Resolver::resolve_at_root`).

use crate::content::Site;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::history::{Editions, notes};
use crate::links::Resolver;
use crate::links::urls::scheme_fault;
use crate::source::SourceFile;

use super::references::scheme_problem;

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
    for link in &analysis.links {
        if let Some(fault) = scheme_fault(&link.dest, link.is_image) {
            diagnostics.push(scheme_problem(&fault).at(&file, link.span.clone()));
            continue;
        }
        if let Err(problem) = resolver.resolve_at_root(&link.dest) {
            diagnostics.push(
                Diagnostic::new(problem.code, problem.message)
                    .at(&file, link.span.clone())
                    .hint(
                        "in CHANGES.md a link names the file from the handbook's folder, \
                         e.g. `content/roles/mentor.md`",
                    ),
            );
        }
    }
}

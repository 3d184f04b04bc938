//! The list of outputs: every file of the site by path, each with its input value, and the
//! paths two sources would claim.

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::inputs::{Inputs, Settings};
use super::theme::Theme;
use super::{Output, RenderOptions, downloads, print, statics};
use crate::content::Site;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::links::urls::output_path;

/// Two outputs that would be written to the same path: where each comes from.
pub struct Collision {
    pub path: String,
    pub first: String,
    pub second: String,
    /// Both are pages or section indexes (whose clashes the loader reports, more precisely).
    pub pages: bool,
}

/// Every output of the site, by path, each with its input, and the paths claimed twice (the
/// first claim is kept). `search` holds the index files (made beforehand, see
/// `crate::search`).
pub fn outputs<'a>(
    inputs: &'a Inputs<'a>,
    theme: &Theme,
    search: Vec<(String, Vec<u8>)>,
    fragments: Vec<(String, crate::search::Fragment<'a>)>,
    written: Vec<String>,
) -> (BTreeMap<String, Output<'a>>, Vec<Collision>) {
    let site = inputs.site;
    let mut outputs: BTreeMap<String, Output<'a>> = BTreeMap::new();
    let mut collisions = Vec::new();
    let page = |o: &Output| matches!(o, Output::Page(_) | Output::Section(_));
    let mut add = |path: String, output: Output<'a>| match outputs.get(&path) {
        Some(first) => collisions.push(Collision {
            first: first.origin(&site.root),
            second: output.origin(&site.root),
            pages: page(first) && page(&output),
            path,
        }),
        None => {
            outputs.insert(path, output);
        }
    };
    // What handbook itself publishes claims its paths first, so that a clash is reported at
    // the content file that would take one of them.
    if !site.bibliography.sources.is_empty() {
        add(
            output_path(crate::links::SOURCES_URL),
            Output::Sources(inputs.sources_page()),
        );
    }
    add(
        output_path("/404.html"),
        Output::NotFound(inputs.frame("/404.html", "Page not found", None)),
    );
    if site.config.search {
        add(
            output_path(crate::search::SEARCH_URL),
            Output::Search(inputs.frame(crate::search::SEARCH_URL, "Search", None)),
        );
        for (path, bytes) in search {
            add(path, Output::Text(bytes));
        }
        for (path, fragment) in fragments {
            add(path, Output::Fragment(fragment));
        }
        for path in written {
            add(path, Output::Written);
        }
    }
    let (copies, generated): (Vec<_>, Vec<_>) = downloads::outputs(inputs)
        .into_iter()
        .chain(print_editions(inputs))
        .chain(statics::outputs(inputs, theme))
        .partition(|(_, output)| matches!(output, Output::Copy(..)));
    for (path, output) in generated {
        add(path, output);
    }
    // Each page's input is made from the whole model: in parallel, added in order.
    let pages: Vec<(String, Output<'a>)> = site
        .pages
        .par_iter()
        .map(|page| (output_path(&page.url), Output::Page(inputs.page(page))))
        .collect();
    for (path, output) in pages {
        add(path, output);
    }
    for (id, section) in site.sections.iter().enumerate().skip(1) {
        add(
            output_path(&section.url),
            Output::Section(inputs.section(id)),
        );
    }
    for (path, output) in copies {
        add(path, output);
    }
    (outputs, collisions)
}

/// Outputs that would overwrite each other, as errors naming both sources. Pages that share
/// a URL with a page or a section are left to the loader's own, more precise reports.
pub fn check_collisions(
    site: &Site,
    theme: &Theme,
    options: &RenderOptions,
    diagnostics: &mut Diagnostics,
) {
    let inputs = Inputs::new(site, Settings::new(site, options, 0));
    let fragments = crate::search::fragments(site, inputs.shared.settings.offline);
    let (_, collisions) = outputs(&inputs, theme, Vec::new(), fragments, Vec::new());
    report_collisions(collisions, diagnostics);
}

/// Each path claimed twice, as an error at the second claim.
pub fn report_collisions(collisions: Vec<Collision>, diagnostics: &mut Diagnostics) {
    for c in collisions.into_iter().filter(|c| !c.pages) {
        diagnostics.push(
            Diagnostic::new(
                Code::UrlCollision,
                format!(
                    "{} would be published as `{}`, which is already {}",
                    c.second, c.path, c.first
                ),
            )
            .in_file(&c.second)
            .hint("rename or move one of them: every file of the site must come from one source"),
        );
    }
}

/// The print editions of the handbook and of its checklists (when it has any).
fn print_editions<'a>(inputs: &'a Inputs<'a>) -> Vec<(String, Output<'a>)> {
    use crate::content::{Kind, NavEntry};
    use print::{PrintInput, PrintPart};
    let site = inputs.site;
    let part = |entry: &NavEntry| match *entry {
        NavEntry::Section(id) => PrintPart::Chapter(inputs.section(id)),
        NavEntry::Page(id) => PrintPart::Page(inputs.page(&site.pages[id])),
    };
    let parts: Vec<PrintPart> = site.nav.order.par_iter().map(part).collect();
    let checklists: Vec<PrintPart> = site
        .nav
        .order
        .iter()
        .filter(|e| matches!(e, NavEntry::Page(id) if site.pages[*id].kind() == Kind::Checklist))
        .map(part)
        .collect();
    let title = &site.config.title;
    let mut out = Vec::new();
    if let Some(svg) = print::running_logo(site) {
        out.push((
            output_path(print::RUNNING_LOGO_URL),
            Output::Text(svg.into_bytes()),
        ));
    }
    out.push((
        output_path(print::HANDBOOK_URL),
        Output::Print(PrintInput {
            frame: inputs.frame(print::HANDBOOK_URL, title, None),
            checklists_only: false,
            parts,
            sources: (!site.bibliography.sources.is_empty()).then(|| inputs.sources_page()),
        }),
    ));
    if !checklists.is_empty() {
        out.push((
            output_path(print::CHECKLISTS_URL),
            Output::Print(PrintInput {
                frame: inputs.frame(print::CHECKLISTS_URL, "Checklists", None),
                checklists_only: true,
                parts: checklists,
                sources: None,
            }),
        ));
    }
    out
}

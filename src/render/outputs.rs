//! The list of outputs: every file of the site by path, each with its input value, and the
//! paths two sources would claim.

use super::highlight::Highlighter;
use super::inputs::{
    ChangesInput, FrameInput, Inputs, PageOutput, SectionInput, Settings, SourcesInput,
};
use super::templates::Template;
use super::theme::Theme;
use super::{RenderOptions, book, changes, downloads, editions, listings, pages, print, statics};
use crate::content::Site;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::files::FileKey;
use crate::links::urls::{CHANGES_URL, NOT_FOUND_URL, output_path};
use std::collections::BTreeMap;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::PathBuf;

/// One output file and what it is made from.
pub enum Output<'a> {
    Page(PageOutput<'a>),
    Section(Box<SectionInput<'a>>),
    Sources(Box<SourcesInput<'a>>),
    NotFound(Box<FrameInput<'a>>),
    /// The search page.
    Search(Box<FrameInput<'a>>),
    /// What changed in each edition.
    Changes(Box<ChangesInput<'a>>),
    /// A print edition.
    Print(Box<print::PrintInput<'a>>),
    /// A PDF of checklists.
    Pdf(Box<downloads::PdfInput>),
    /// The handbook's PDF.
    Book(Box<book::BookInput<'a>>),
    /// Generated text whose inputs are cheap to compute: the text itself is the input.
    Text(Vec<u8>),
    /// A page's search fragment.
    Fragment(crate::search::Fragment<'a>),
    /// A file already handed to the sink (its path is claimed all the same).
    Written,
    /// The last render's version, kept as it was (see `Schedule::PagesFirst`).
    Previous,
    /// A file published as it is.
    Copy(PathBuf, FileKey),
}

impl Output<'_> {
    /// Where the output comes from, in words naming the file when there is one.
    pub(super) fn origin(&self, root: &std::path::Path) -> String {
        match self {
            Output::Page(output) => output.page.file.display_path().to_string(),
            Output::Section(input) => match &input.section.0.file {
                Some(file) => file.display_path().to_string(),
                None => format!("the index of {}/", input.section.0.dir),
            },
            Output::Sources(_) => "the sources page".to_string(),
            Output::NotFound(_) => "the 404 page".to_string(),
            Output::Search(_) => "the search page".to_string(),
            Output::Changes(_) => "the page of changes".to_string(),
            Output::Print(_) => "a print edition".to_string(),
            Output::Pdf(_) => "a checklist PDF".to_string(),
            Output::Book(_) => "the handbook's PDF".to_string(),
            Output::Text(_) => "a file of the theme's or one handbook generates".to_string(),
            Output::Fragment(_) | Output::Written => "the search index".to_string(),
            Output::Previous => "a file made from the whole book".to_string(),
            Output::Copy(path, _) => path
                .strip_prefix(root)
                .unwrap_or(path)
                .display()
                .to_string(),
        }
    }

    pub(super) fn fingerprint(&self) -> u64 {
        let mut h = DefaultHasher::new();
        std::mem::discriminant(self).hash(&mut h);
        match self {
            Output::Page(input) => input.hash(&mut h),
            Output::Section(input) => input.hash(&mut h),
            Output::Sources(input) => input.hash(&mut h),
            Output::NotFound(input) | Output::Search(input) => input.hash(&mut h),
            Output::Changes(input) => input.hash(&mut h),
            Output::Print(input) => input.hash(&mut h),
            Output::Pdf(input) => input.fingerprint(&mut h),
            Output::Book(input) => input.fingerprint(&mut h),
            Output::Text(bytes) => bytes.hash(&mut h),
            Output::Fragment(fragment) => fragment.fingerprint(&mut h),
            Output::Written | Output::Previous => {}
            Output::Copy(from, key) => (from, key).hash(&mut h),
        }
        h.finish()
    }

    /// Renders a templated output; `None` for the others, or when the template failed.
    pub(super) fn render(
        self,
        theme: &Theme,
        highlighter: &Highlighter,
        memo: &print::PrintMemo,
        diagnostics: &mut Diagnostics,
    ) -> Option<Vec<u8>> {
        let (template, context) = match self {
            Output::Print(input) => {
                let mut out = Vec::new();
                let done = print::write(&input, theme, highlighter, memo, diagnostics, &mut out);
                return done.is_ok_and(|done| done).then_some(out);
            }
            Output::Pdf(input) => {
                let made =
                    crate::pdf::render(&input.sheets, input.pack, &input.style, &theme.fonts);
                return made_pdf(made, diagnostics);
            }
            Output::Book(input) => {
                let made = crate::pdf::book::render(input.book(), &input.style, &theme.fonts);
                return made_pdf(made, diagnostics);
            }
            Output::Page(output) => pages::page(&output.input(), highlighter),
            Output::Section(input) => (
                Template::Section.file(),
                listings::section(&input, highlighter),
            ),
            Output::Sources(input) => (Template::Sources.file(), listings::sources(&input)),
            Output::NotFound(frame) => (Template::NotFound.file(), listings::not_found(&frame)),
            Output::Search(frame) => (Template::Search.file(), listings::search(&frame)),
            Output::Changes(input) => (
                Template::Changes.file(),
                changes::context(&input, highlighter),
            ),
            Output::Text(bytes) => return Some(bytes),
            Output::Fragment(fragment) => return Some(fragment.render()),
            // Not made here: copied, already written, or kept from the last render.
            Output::Copy(..) | Output::Written | Output::Previous => return None,
        };
        match theme.tera.render(template, &context) {
            Ok(html) => Some(html.into_bytes()),
            Err(err) => {
                diagnostics.push(theme.render_error(template, &err));
                None
            }
        }
    }
}

/// A PDF's bytes, or its fault reported.
fn made_pdf(made: Result<Vec<u8>, String>, diagnostics: &mut Diagnostics) -> Option<Vec<u8>> {
    made.map_err(|message| diagnostics.push(Diagnostic::new(Code::Internal, message)))
        .ok()
}

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
/// `crate::search`), `fragments` the fragments to make and `written` the paths of those
/// already handed to the sink.
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
            Output::Sources(Box::new(inputs.sources_page())),
        );
    }
    add(
        output_path(NOT_FOUND_URL),
        Output::NotFound(Box::new(inputs.frame(
            NOT_FOUND_URL,
            "Page not found",
            None,
        ))),
    );
    add(
        output_path(CHANGES_URL),
        Output::Changes(Box::new(inputs.changes_page())),
    );
    if site.config.search {
        add(
            output_path(crate::search::SEARCH_URL),
            Output::Search(Box::new(inputs.frame(
                crate::search::SEARCH_URL,
                "Search",
                None,
            ))),
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
    let statics = statics::outputs(inputs, theme)
        .into_iter()
        .map(|(path, file)| match file {
            statics::Static::Text(bytes) => (path, Output::Text(bytes)),
            statics::Static::Copy(from, key) => (path, Output::Copy(from, key)),
        });
    let (copies, generated): (Vec<_>, Vec<_>) = downloads::outputs(inputs)
        .into_iter()
        .map(|(path, pdf)| (path, Output::Pdf(Box::new(pdf))))
        .chain(book::output(inputs).map(|(path, input)| (path, Output::Book(Box::new(input)))))
        .chain(print_editions(inputs))
        .chain(statics)
        .partition(|(_, output)| matches!(output, Output::Copy(..)));
    for (path, output) in generated {
        add(path, output);
    }
    for page in &site.pages {
        add(
            output_path(&page.url),
            Output::Page(PageOutput { inputs, page }),
        );
    }
    for (id, section) in site.sections.iter().enumerate().skip(1) {
        add(
            output_path(&section.url),
            Output::Section(Box::new(inputs.section(id))),
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
    let inputs = Inputs::new(site, Settings::new(site, options, theme, 0));
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
        NavEntry::Section(id) => PrintPart::Chapter(Box::new(inputs.section(id))),
        NavEntry::Page(id) => PrintPart::Page(PageOutput {
            inputs,
            page: &site.pages[id],
        }),
    };
    let parts: Vec<PrintPart> = site.nav.order.iter().map(part).collect();
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
        output_path(editions::HANDBOOK_URL),
        Output::Print(Box::new(PrintInput {
            frame: inputs.frame(editions::HANDBOOK_URL, title, None),
            checklists_only: false,
            parts,
            sources: (!site.bibliography.sources.is_empty()).then(|| inputs.sources_page()),
        })),
    ));
    if !checklists.is_empty() {
        out.push((
            output_path(editions::CHECKLISTS_URL),
            Output::Print(Box::new(PrintInput {
                frame: inputs.frame(editions::CHECKLISTS_URL, "Checklists", None),
                checklists_only: true,
                parts: checklists,
                sources: None,
            })),
        ));
    }
    out
}

//! Rendering: the checked site model to the files of the published site.
//!
//! Every output file is declared once, as an `Output`: its path and the one value it is made
//! from (see `inputs`). Its fingerprint is the hash of that value, so an incremental render
//! makes again exactly the outputs whose inputs changed and reuses the rest. `render` returns
//! the files as data; it writes nothing, so `build` can put them on disk atomically and
//! `serve` can keep them in memory. Outputs are rendered in parallel and sorted by path, so
//! the result never depends on timing.

pub mod citations;
pub mod context;
mod downloads;
pub mod highlight;
pub mod inputs;
mod listings;
pub mod nav;
mod outputs;
mod pages;
mod preview;
pub mod print;
mod progress;
pub(crate) mod statics;
pub mod theme;

use std::collections::HashMap;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use crate::content::Site;
use crate::diagnostic::Diagnostics;
use crate::files::FileKey;
use highlight::Highlighter;
use inputs::{FrameInput, Inputs, PageInput, SectionInput, Settings, SourcesInput};
use theme::Theme;

pub use crate::emit::{Contents, OutputFile, Sink};
pub use outputs::{Collision, check_collisions, outputs, report_collisions};
pub use preview::preview_pages;
use progress::Progress;

#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    pub offline: bool,
    /// Overrides book.yaml's `base_url`.
    pub base_url: Option<String>,
    /// Shows a progress bar on a terminal when rendering takes longer than a second.
    pub progress: bool,
    /// Keeps the last versions of the outputs made from the whole book (the search index's
    /// shards and the print editions) instead of making them again, when there are last
    /// versions: `serve` reloads the browser first and brings those up to date just after.
    pub defer_whole_book: bool,
}

/// One output file and what it is made from.
pub enum Output<'a> {
    Page(PageInput<'a>),
    Section(SectionInput<'a>),
    Sources(SourcesInput<'a>),
    NotFound(FrameInput<'a>),
    /// The search page.
    Search(FrameInput<'a>),
    /// A print edition.
    Print(print::PrintInput<'a>),
    /// A PDF of checklists.
    Pdf(Box<downloads::PdfInput>),
    /// Generated text whose inputs are cheap to compute: the text itself is the input.
    Text(Vec<u8>),
    /// A page's search fragment.
    Fragment(crate::search::Fragment<'a>),
    /// A file already handed to the sink (its path is claimed all the same).
    Written,
    /// The last render's version, kept as it was (see `RenderOptions::defer_whole_book`).
    Previous,
    /// A file published as it is.
    Copy(PathBuf, FileKey),
}

impl Output<'_> {
    /// Where the output comes from, in words naming the file when there is one.
    fn origin(&self, root: &std::path::Path) -> String {
        match self {
            Output::Page(input) => input.page.0.file.display_path().to_string(),
            Output::Section(input) => match &input.section.0.file {
                Some(file) => file.display_path().to_string(),
                None => format!("the index of {}/", input.section.0.dir),
            },
            Output::Sources(_) => "the sources page".to_string(),
            Output::NotFound(_) => "the 404 page".to_string(),
            Output::Search(_) => "the search page".to_string(),
            Output::Print(_) => "a print edition".to_string(),
            Output::Pdf(_) => "a checklist PDF".to_string(),
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

    fn fingerprint(&self) -> u64 {
        let mut h = DefaultHasher::new();
        std::mem::discriminant(self).hash(&mut h);
        match self {
            Output::Page(input) => input.hash(&mut h),
            Output::Section(input) => input.hash(&mut h),
            Output::Sources(input) => input.hash(&mut h),
            Output::NotFound(input) | Output::Search(input) => input.hash(&mut h),
            Output::Print(input) => input.hash(&mut h),
            Output::Pdf(input) => input.fingerprint(&mut h),
            Output::Text(bytes) => bytes.hash(&mut h),
            Output::Fragment(fragment) => fragment.fingerprint(&mut h),
            Output::Written | Output::Previous => {}
            Output::Copy(from, key) => (from, key).hash(&mut h),
        }
        h.finish()
    }

    /// Renders a templated output; `None` for the others, or when the template failed.
    fn render(
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
                return match crate::pdf::render(
                    &input.sheets,
                    input.pack,
                    &input.style,
                    &theme.fonts,
                ) {
                    Ok(bytes) => Some(bytes),
                    Err(message) => {
                        diagnostics.push(crate::diagnostic::Diagnostic::new(
                            crate::diagnostic::Code::Internal,
                            message,
                        ));
                        None
                    }
                };
            }
            Output::Page(input) => pages::page(&input, highlighter),
            Output::Section(input) => ("section.html", listings::section(&input, highlighter)),
            Output::Sources(input) => ("sources.html", listings::sources(&input)),
            Output::NotFound(frame) => ("404.html", listings::not_found(&frame)),
            Output::Search(frame) => ("search.html", listings::search(&frame)),
            Output::Text(bytes) => return Some(bytes),
            Output::Fragment(fragment) => return Some(fragment.render()),
            // Not made here: copied, already written, or kept from the last render.
            Output::Copy(..) | Output::Written | Output::Previous => return None,
        };
        match theme.tera.render(template, &context) {
            Ok(html) => Some(html.into_bytes()),
            Err(err) => {
                diagnostics.push(theme.render_error(&err));
                None
            }
        }
    }
}

/// What the previous render made, by output path, with the fingerprints of their inputs.
#[derive(Default)]
pub struct RenderState {
    outputs: HashMap<String, (u64, Arc<Vec<u8>>)>,
    /// A one-off render (`build`): nothing is kept for a next render.
    pub once: bool,
    /// Files the last render made or reused.
    pub delivered: usize,
    /// Templated outputs (pages) rendered, not reused, by the last render.
    pub rendered: usize,
    /// Bumped whenever the theme is reloaded: every templated output depends on it.
    pub theme_generation: u64,
    pub highlighter: Arc<Highlighter>,
    /// The search index's per-page parts, and the time the last render spent on the index.
    pub search: crate::search::Memo,
    /// The paths of the search index's files (not the fragments) the last render made, kept
    /// as they are by a render that defers them.
    search_paths: Vec<String>,
    /// The paths of the outputs made from the whole book (search index, print editions) in
    /// the last render, whether made or kept as they were.
    pub whole_book: Vec<String>,
    pub search_time: std::time::Duration,
    /// The time the last render spent on PDFs.
    pub pdf_time: std::time::Duration,
    /// The print editions' parts, kept while their pages are unchanged.
    pub print: print::PrintMemo,
}

/// Every file of the site, sorted by path.
pub fn render(
    site: &Site,
    theme: &Theme,
    options: &RenderOptions,
    diagnostics: &mut Diagnostics,
) -> Vec<OutputFile> {
    render_incremental(
        site,
        theme,
        options,
        &mut RenderState::default(),
        diagnostics,
        None,
    )
}

/// Renders the outputs whose inputs changed since `state` was filled, and reuses the rest.
/// The result is the same, byte for byte, as a full render. With a `sink`, each file goes
/// there as soon as it is made and the list returned is empty.
pub fn render_incremental(
    site: &Site,
    theme: &Theme,
    options: &RenderOptions,
    state: &mut RenderState,
    diagnostics: &mut Diagnostics,
    sink: Option<&dyn Sink>,
) -> Vec<OutputFile> {
    let inputs = Inputs::new(site, Settings::new(site, options, state.theme_generation));
    let search_start = std::time::Instant::now();
    let offline = inputs.shared.settings.offline;
    // Outputs made from the whole book are left as they were when asked and possible.
    let defer = options.defer_whole_book && sink.is_none() && !state.outputs.is_empty();
    let (search, written) = if defer {
        (Vec::new(), Vec::new())
    } else {
        crate::search::files(site, offline, &mut state.search, sink)
    };
    if !defer {
        state.search_paths = search.iter().map(|(path, _)| path.clone()).collect();
    }
    state.search_time = search_start.elapsed();
    // With a sink, the fragments were written with the index.
    let fragments = match sink {
        Some(_) => Vec::new(),
        None => crate::search::fragments(site, offline),
    };
    let (mut outputs, collisions) = outputs(&inputs, theme, search, fragments, written);
    report_collisions(collisions, diagnostics);
    if defer {
        for (path, output) in outputs.iter_mut() {
            if matches!(output, Output::Print(_)) && state.outputs.contains_key(path) {
                *output = Output::Previous;
            }
        }
        for path in &state.search_paths {
            outputs.entry(path.clone()).or_insert(Output::Previous);
        }
    }
    state.whole_book = outputs
        .iter()
        .filter(|(_, output)| matches!(output, Output::Previous | Output::Print(_)))
        .map(|(path, _)| path.clone())
        .chain(state.search_paths.iter().cloned())
        .collect();
    let previous = &state.outputs;
    let highlighter = &state.highlighter;
    let print_memo = &state.print;
    let once = state.once;
    print_memo.keep(!once);
    let panic_on = std::env::var(PANIC_VARIABLE).ok();
    highlighter.begin_pass();
    let progress = Progress::new(options.progress, outputs.len());
    // A file made: handed to the sink at once, or kept for the list.
    let deliver = |path: String, contents: Contents| -> Option<Contents> {
        match sink {
            Some(sink) => {
                sink.put(OutputFile { path, contents });
                None
            }
            None => Some(contents),
        }
    };
    let render_one = |(path, output): (String, Output)| {
        progress.tick();
        let mut local = Diagnostics::new();
        match output {
            Output::Copy(from, key) => {
                let contents = deliver(path.clone(), Contents::Copy { from, key });
                return (path, 0, contents, false, local);
            }
            Output::Written => return (path, 0, None, false, local),
            Output::Previous => {
                let Some((fingerprint, bytes)) = previous.get(&path) else {
                    return (path, 0, None, false, local);
                };
                let contents = deliver(path.clone(), Contents::Shared(Arc::clone(bytes)));
                return (path, *fingerprint, contents, false, local);
            }
            _ => {}
        }
        // A one-off render reuses nothing: no fingerprint is needed.
        let fingerprint = if once { 0 } else { output.fingerprint() };
        if let Some((old, bytes)) = previous.get(&path)
            && *old == fingerprint
        {
            let contents = deliver(path.clone(), Contents::Shared(Arc::clone(bytes)));
            return (path, fingerprint, contents, false, local);
        }
        if panic_on.as_deref().is_some_and(|p| path.contains(p)) {
            panic!("{PANIC_VARIABLE} asked for a panic while rendering {path}");
        }
        // Pages, not generated files or the print editions (which an edit to any page
        // renders again, mostly from memory).
        let templated = matches!(
            output,
            Output::Page(_)
                | Output::Section(_)
                | Output::Sources(_)
                | Output::NotFound(_)
                | Output::Search(_)
        );
        let bytes = match (output, sink) {
            // A print edition is as large as the book: a build writes it as it is made.
            (Output::Print(input), Some(sink)) => {
                sink.stream(&path, &mut |out| {
                    print::write(&input, theme, highlighter, print_memo, &mut local, out)
                });
                None
            }
            (output, _) => output.render(theme, highlighter, print_memo, &mut local),
        };
        let contents = bytes.and_then(|b| deliver(path.clone(), Contents::Shared(Arc::new(b))));
        (path, fingerprint, contents, templated, local)
    };
    // PDFs first, on their own, so that `--verbose` can say what they cost; the print
    // editions last, when the pages have highlighted every code block they share.
    let (mut pdfs, rest): (Vec<_>, Vec<_>) = outputs
        .into_iter()
        .partition(|(_, output)| matches!(output, Output::Pdf(_)));
    let (prints, rest): (Vec<_>, Vec<_>) = rest
        .into_iter()
        .partition(|(_, output)| matches!(output, Output::Print(_)));
    // The pack is the longest to make: start it first.
    pdfs.sort_by_key(|(_, output)| !matches!(output, Output::Pdf(input) if input.pack));
    let pdf_start = std::time::Instant::now();
    let mut results: Vec<(String, u64, Option<Contents>, bool, Diagnostics)> =
        pdfs.into_par_iter().map(render_one).collect();
    state.pdf_time = pdf_start.elapsed();
    results.extend(rest.into_par_iter().map(render_one).collect::<Vec<_>>());
    // Each edition renders its parts in parallel.
    results.extend(prints.into_iter().map(render_one));
    progress.finish();
    results.sort_by(|a, b| a.0.cmp(&b.0));
    highlighter.end_pass();
    print_memo.end_pass();
    let mut next = HashMap::new();
    let mut files = Vec::with_capacity(results.len());
    state.rendered = 0;
    state.delivered = results.len();
    for (path, fingerprint, contents, fresh, local) in results {
        diagnostics.extend(local);
        state.rendered += usize::from(fresh);
        let Some(contents) = contents else { continue };
        if let Contents::Shared(bytes) = &contents
            && !state.once
        {
            next.insert(path.clone(), (fingerprint, Arc::clone(bytes)));
        }
        files.push(OutputFile { path, contents });
    }
    state.outputs = next;
    files
}

/// For tests of `serve` and `watch`: rendering an output whose path contains this variable's
/// value panics, so that the recovery from a panic can be tested although no known input
/// panics.
pub const PANIC_VARIABLE: &str = "HANDBOOK_TEST_PANIC";

/// Escapes text for HTML and XML (element content and quoted attributes).
pub fn escape(text: &str) -> String {
    html_escape::encode_quoted_attribute(text).into_owned()
}

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
pub mod editions;
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
mod template_error;
pub mod templates;
pub mod theme;

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use crate::content::Site;
use crate::diagnostic::Diagnostics;
use highlight::Highlighter;
use inputs::{Inputs, Settings};
use theme::Theme;

pub use crate::emit::{Contents, OutputFile, Sink};
pub use outputs::{Collision, Output, check_collisions, outputs, report_collisions};
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
    let inputs = Inputs::new(
        site,
        Settings::new(site, options, theme, state.theme_generation),
    );
    let offline = inputs.shared.settings.offline;
    // Outputs made from the whole book are left as they were when asked and possible.
    let defer = options.defer_whole_book && sink.is_none() && !state.outputs.is_empty();
    let mut late_search = None;
    let (mut outputs, collisions) = match sink {
        // A build: the pool reads every page for the search index, handing each fragment to
        // the sink, while this thread lists the outputs; the index's files, whose assembly is
        // serial, are made while the pages render.
        Some(sink) => {
            let (memo, search_time) = (&mut state.search, &mut state.search_time);
            let mut parts = None;
            let listed = rayon::in_place_scope(|scope| {
                scope.spawn(|_| {
                    let start = std::time::Instant::now();
                    parts = crate::search::parts(site, offline, memo, Some(sink));
                    *search_time = start.elapsed();
                });
                let written = crate::search::fragment_paths(site);
                outputs(&inputs, theme, Vec::new(), Vec::new(), written)
            });
            late_search = parts.map(|parts| (parts, sink));
            listed
        }
        None => {
            let start = std::time::Instant::now();
            let parts = if defer {
                None
            } else {
                crate::search::parts(site, offline, &mut state.search, None)
            };
            let search = parts.map_or_else(Vec::new, crate::search::Parts::files);
            if !defer {
                state.search_paths = search.iter().map(|(path, _)| path.clone()).collect();
            }
            state.search_time = start.elapsed();
            let fragments = crate::search::fragments(site, offline);
            outputs(&inputs, theme, search, fragments, Vec::new())
        }
    };
    report_collisions(collisions, diagnostics);
    // What else claims a path where the index's files go, for the files assembled late.
    let search_folder: Vec<(String, String)> = match late_search {
        Some(_) => outputs
            .range(crate::search::FOLDER.to_string()..)
            .take_while(|(path, _)| path.starts_with(crate::search::FOLDER))
            .filter(|(_, output)| !matches!(output, Output::Written | Output::Search(_)))
            .map(|(path, output)| (path.clone(), output.origin(&site.root)))
            .collect(),
        None => Vec::new(),
    };
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
        crate::test_hooks::panic_if_asked(&path, false);
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
    let (mut pdfs, mut prints, mut rest) =
        (Vec::new(), Vec::new(), Vec::with_capacity(outputs.len()));
    for item in outputs {
        match item.1 {
            Output::Pdf(_) => pdfs.push(item),
            Output::Print(_) => prints.push(item),
            _ => rest.push(item),
        }
    }
    // The pack is the longest to make: start it first.
    pdfs.sort_by_key(|(_, output)| !matches!(output, Output::Pdf(input) if input.pack));
    let pdf_start = std::time::Instant::now();
    let mut results: Vec<(String, u64, Option<Contents>, bool, Diagnostics)> =
        pdfs.into_par_iter().map(render_one).collect();
    state.pdf_time = pdf_start.elapsed();
    let assemble = || {
        let (parts, sink) = late_search?;
        let start = std::time::Instant::now();
        let paths: Vec<String> = parts
            .files()
            .into_iter()
            .map(|(path, bytes)| {
                let contents = Contents::Shared(Arc::new(bytes));
                sink.put(OutputFile {
                    path: path.clone(),
                    contents,
                });
                path
            })
            .collect();
        Some((paths, start.elapsed()))
    };
    let (late, rendered) = rayon::join(assemble, || {
        rest.into_par_iter()
            .with_max_len(crate::parallel::TASK_ITEMS)
            .map(render_one)
            .collect::<Vec<_>>()
    });
    results.extend(rendered);
    if let Some((paths, time)) = late {
        state.search_time += time;
        let collisions = paths.iter().filter_map(|path| {
            let (_, second) = search_folder.iter().find(|(p, _)| p == path)?;
            Some(Collision {
                path: path.clone(),
                first: Output::Written.origin(&site.root),
                second: second.clone(),
                pages: false,
            })
        });
        report_collisions(collisions.collect(), diagnostics);
        let delivered = paths
            .iter()
            .map(|path| (path.clone(), 0, None, false, Diagnostics::new()));
        results.extend(delivered);
        state.search_paths = paths;
    }
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

/// Escapes text for HTML and XML (element content and quoted attributes).
pub fn escape(text: &str) -> String {
    html_escape::encode_quoted_attribute(text).into_owned()
}

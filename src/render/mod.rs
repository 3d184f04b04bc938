//! Rendering: the checked site model to the files of the published site.
//!
//! Every output file is declared once, as an `Output`: its path and the one value it is made
//! from (see `inputs`). Its fingerprint is the hash of that value, so an incremental render
//! makes again exactly the outputs whose inputs changed and reuses the rest. `render` returns
//! the files as data; it writes nothing, so `build` can put them on disk atomically and
//! `serve` can keep them in memory. Outputs are rendered in parallel and sorted by path, so
//! the result never depends on timing.

mod book;
mod changes;
pub(crate) mod citations;
pub(crate) mod context;
mod downloads;
pub(crate) mod editions;
mod execute;
pub(crate) mod highlight;
pub(crate) mod inputs;
mod listings;
pub mod nav;
mod outputs;
mod page_links;
mod pages;
mod preview;
pub(crate) mod print;
mod progress;
mod search_parts;
pub(crate) mod statics;
mod template_error;
pub(crate) mod templates;
pub(crate) mod theme;

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use rayon::prelude::*;

use crate::content::Site;
use crate::diagnostic::Diagnostics;
use highlight::Highlighter;
use inputs::{Inputs, Settings};
use theme::Theme;

pub use crate::emit::{Contents, OutputFile, Sink};
pub use outputs::{Collision, Output, check_collisions, outputs, report_collisions};
pub use preview::{Seen, preview_pages};
use progress::Progress;

#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    pub offline: bool,
    /// Overrides book.yaml's `base_url`.
    pub base_url: Option<String>,
    /// Shows a progress bar on a terminal when rendering takes longer than a second.
    pub progress: bool,
}

/// What pages are rendered with (see `Session::renderer`).
pub struct Renderer {
    pub theme: Arc<Theme>,
    pub options: RenderOptions,
    pub theme_generation: u64,
    pub highlighter: Arc<Highlighter>,
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
    /// `Shared::fingerprint` of the last render's inputs, for `serve`'s previews.
    pub shared: u64,
}

/// When the outputs made from the whole book (the search index's files, the print editions)
/// are made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Schedule {
    /// With every other output.
    Everything,
    /// Later: the last render's versions are kept as they were, when there are any, for a
    /// render of `Everything` to bring up to date (`serve` reloads the browser after a save
    /// first).
    PagesFirst,
}

/// Renders the outputs whose inputs changed since `state` was filled, and reuses the rest.
/// The result is the same, byte for byte, as a full render. With a `sink`, each file goes
/// there as soon as it is made and the list returned is empty.
pub fn render_incremental(
    site: &Site,
    theme: &Theme,
    options: &RenderOptions,
    state: &mut RenderState,
    schedule: Schedule,
    diagnostics: &mut Diagnostics,
    sink: Option<&dyn Sink>,
) -> Vec<OutputFile> {
    let inputs = Inputs::new(
        site,
        Settings::new(site, options, theme, state.theme_generation),
    );
    state.shared = inputs.shared.fingerprint();
    // Outputs made from the whole book are left as they were when asked and possible.
    let keep = schedule == Schedule::PagesFirst && sink.is_none() && !state.outputs.is_empty();
    let mut plan = plan(&inputs, theme, state, sink, keep, diagnostics);
    if keep {
        plan.keep_whole_book(state);
    }
    state.whole_book = plan.whole_book(&state.search_paths);
    let results = execute(plan, site, theme, options, state, sink, diagnostics);
    commit(state, results, diagnostics)
}

/// Every output of the site, each with the one value it is made from; for a build, also the
/// search index's files still to be assembled (they are made while the pages render).
struct Plan<'a, 's> {
    outputs: BTreeMap<String, Output<'a>>,
    late_search: Option<(crate::search::Parts, &'s dyn Sink)>,
    /// What else claims a path where the late search files go, for the collision check.
    search_folder: Vec<(String, String)>,
}

impl Plan<'_, '_> {
    /// Keeps the last render's print editions and search files as they were.
    fn keep_whole_book(&mut self, state: &RenderState) {
        for (path, output) in self.outputs.iter_mut() {
            if matches!(output, Output::Print(_) | Output::Book(_))
                && state.outputs.contains_key(path)
            {
                *output = Output::Previous;
            }
        }
        for path in &state.search_paths {
            self.outputs.entry(path.clone()).or_insert(Output::Previous);
        }
    }

    /// The paths of the outputs made from the whole book, whether made or kept.
    fn whole_book(&self, search_paths: &[String]) -> Vec<String> {
        self.outputs
            .iter()
            .filter(|(_, output)| {
                matches!(
                    output,
                    Output::Previous | Output::Print(_) | Output::Book(_)
                )
            })
            .map(|(path, _)| path.clone())
            .chain(search_paths.iter().cloned())
            .collect()
    }
}

/// Lists the site's outputs, with the search index's parts: a build's pool reads every page
/// for the index, handing each fragment to the sink, while this thread lists the outputs;
/// otherwise the index's files are made first (unless kept) and listed with the rest.
fn plan<'a, 's>(
    inputs: &'a Inputs<'a>,
    theme: &Theme,
    state: &mut RenderState,
    sink: Option<&'s dyn Sink>,
    keep: bool,
    diagnostics: &mut Diagnostics,
) -> Plan<'a, 's> {
    let site = inputs.site;
    let offline = inputs.shared.settings.offline;
    let mut late_search = None;
    let (outputs, collisions) = match sink {
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
                outputs(inputs, theme, Vec::new(), Vec::new(), written)
            });
            late_search = parts.map(|parts| (parts, sink));
            listed
        }
        None => {
            let start = std::time::Instant::now();
            let parts = if keep {
                None
            } else {
                crate::search::parts(site, offline, &mut state.search, None)
            };
            let search = parts.map_or_else(Vec::new, crate::search::Parts::files);
            if !keep {
                state.search_paths = search.iter().map(|(path, _)| path.clone()).collect();
            }
            state.search_time = start.elapsed();
            let fragments = crate::search::fragments(site, offline);
            outputs(inputs, theme, search, fragments, Vec::new())
        }
    };
    report_collisions(collisions, diagnostics);
    let search_folder: Vec<(String, String)> = match late_search {
        Some(_) => outputs
            .range(crate::search::FOLDER.to_string()..)
            .take_while(|(path, _)| path.starts_with(crate::search::FOLDER))
            .filter(|(_, output)| !matches!(output, Output::Written | Output::Search(_)))
            .map(|(path, output)| (path.clone(), output.origin(&site.root)))
            .collect(),
        None => Vec::new(),
    };
    Plan {
        outputs,
        late_search,
        search_folder,
    }
}

/// Makes the plan's outputs: the PDFs on threads of their own (timed apart, for `--verbose`)
/// beside the pages and the rest, while a build's search files are assembled; the
/// print editions last, when the pages have highlighted every code block they share.
fn execute(
    plan: Plan,
    site: &Site,
    theme: &Theme,
    options: &RenderOptions,
    state: &mut RenderState,
    sink: Option<&dyn Sink>,
    diagnostics: &mut Diagnostics,
) -> Vec<execute::Rendered> {
    let Plan {
        outputs,
        late_search,
        search_folder,
    } = plan;
    state.print.keep(!state.once);
    state.highlighter.begin_pass();
    let progress = Progress::new(options.progress, outputs.len());
    let executor = execute::Executor {
        theme,
        highlighter: &state.highlighter,
        print: &state.print,
        previous: &state.outputs,
        once: state.once,
        sink,
        progress: &progress,
    };
    let make = |(path, output): (String, Output)| executor.make(path, output);
    let (mut pdfs, mut prints, mut rest) =
        (Vec::new(), Vec::new(), Vec::with_capacity(outputs.len()));
    for item in outputs {
        match item.1 {
            Output::Pdf(_) | Output::Book(_) => pdfs.push(item),
            Output::Print(_) => prints.push(item),
            _ => rest.push(item),
        }
    }
    let (mut results, pdf_time, (late, rendered)) = execute::beside_pdfs(pdfs, &make, || {
        rayon::join(
            || late_search.map(|(parts, sink)| assemble(parts, sink)),
            || {
                rest.into_par_iter()
                    .with_max_len(crate::parallel::TASK_ITEMS)
                    .map(make)
                    .collect::<Vec<_>>()
            },
        )
    });
    results.extend(rendered);
    // Each edition renders its parts in parallel. When the editions are kept as they were
    // (`Schedule::PagesFirst`), no part is used, and the memo keeps them all for the render
    // that brings the editions up to date.
    let editions_made = !prints.is_empty();
    results.extend(prints.into_iter().map(make));
    progress.finish();
    state.pdf_time = pdf_time;
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
        results.extend(paths.iter().map(|path| execute::Rendered {
            path: path.clone(),
            fingerprint: 0,
            contents: None,
            fresh: false,
            diagnostics: Diagnostics::new(),
        }));
        state.search_paths = paths;
    }
    results.sort_by(|a, b| a.path.cmp(&b.path));
    state.highlighter.end_pass();
    if editions_made {
        state.print.end_pass();
    }
    results
}

/// A build's search index files, made from the pages' parts and handed to the sink; their
/// paths and the time it took.
fn assemble(parts: crate::search::Parts, sink: &dyn Sink) -> (Vec<String>, std::time::Duration) {
    let start = std::time::Instant::now();
    let paths = parts
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
    (paths, start.elapsed())
}

/// Keeps what the next render may reuse (unless this one is a one-off), and returns the
/// files not handed to a sink.
fn commit(
    state: &mut RenderState,
    results: Vec<execute::Rendered>,
    diagnostics: &mut Diagnostics,
) -> Vec<OutputFile> {
    let mut next = HashMap::new();
    let mut files = Vec::with_capacity(results.len());
    state.rendered = 0;
    state.delivered = results.len();
    for rendered in results {
        diagnostics.extend(rendered.diagnostics);
        state.rendered += usize::from(rendered.fresh);
        let Some(contents) = rendered.contents else {
            continue;
        };
        if let Contents::Shared(bytes) = &contents
            && !state.once
        {
            next.insert(
                rendered.path.clone(),
                (rendered.fingerprint, Arc::clone(bytes)),
            );
        }
        files.push(OutputFile {
            path: rendered.path,
            contents,
        });
    }
    state.outputs = next;
    files
}

/// Escapes text for HTML and XML (element content and quoted attributes).
pub fn escape(text: &str) -> String {
    html_escape::encode_quoted_attribute(text).into_owned()
}

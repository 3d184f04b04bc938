//! A few pages' outputs made on their own from a site, for `serve`'s preview of a save: the
//! page and its search fragment, made by the executor from a plan of those outputs alone,
//! so exactly as a full render makes them.
//!
//! A preview is right only when no other output shows what the save changed. That is decided
//! from the same inputs the renderer hashes, not from a list of page fields: `Seen` holds the
//! fingerprint of the inputs every output shares (settings, sidebar, the sections' page lists
//! and cards, made by the code that makes those inputs) and what the sources page, the link
//! checks and the rule checks read of the saved pages, before and after the save.

use std::collections::HashMap;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use super::execute::Executor;
use super::inputs::{Inputs, PageOutput, Settings};
use super::print::PrintMemo;
use super::progress::Progress;
use super::{Contents, Output, Renderer};
use crate::content::{Page, Site};
use crate::diagnostic::Diagnostics;
use crate::links::Resolver;
use crate::links::urls::output_path;

/// What a site's other outputs read of some of its pages: the inputs every output shares
/// (`Shared::fingerprint`, recorded by the render that made the site), and what the sources
/// page, the link checks and the rule checks read of each of those pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seen {
    pub shared: u64,
    pub pages: u64,
}

impl Seen {
    /// For the pages `ids` of a site whose render recorded `shared`.
    pub fn of(shared: u64, site: &Site, ids: &[usize]) -> Seen {
        let mut h = DefaultHasher::new();
        for &id in ids {
            let page = &site.pages[id];
            (&page.url, &page.source_path, &page.sources).hash(&mut h);
            page.analysis.anchors().for_each(|a| a.hash(&mut h));
            page.analysis.cited_keys().for_each(|k| k.hash(&mut h));
            let rules = page.analysis.rule_uses().map(|r| r.name.as_str());
            rules.for_each(|r| r.hash(&mut h));
        }
        Seen {
            shared,
            pages: h.finish(),
        }
    }
}

fn inputs<'a>(site: &'a Site, renderer: &Renderer) -> Inputs<'a> {
    let Renderer { theme, options, .. } = renderer;
    let settings = Settings::new(site, options, theme, renderer.theme_generation);
    Inputs::new(site, settings)
}

/// The outputs of the pages `ids` of `site`, by path, once `verify` found nothing to say about
/// any of them; `None` when it did, a template failed, or what other outputs read of the site
/// is no longer what it was `before` the pages were replaced.
pub fn preview_pages(
    site: &Site,
    renderer: &Renderer,
    ids: &[usize],
    before: Seen,
    verify: impl Fn(&Resolver, &Page, &mut Diagnostics),
) -> Option<Vec<(String, Arc<Vec<u8>>)>> {
    let inputs = inputs(site, renderer);
    if Seen::of(inputs.shared.fingerprint(), site, ids) != before {
        return None;
    }
    let offline = inputs.shared.settings.offline;
    let mut diagnostics = Diagnostics::new();
    for &id in ids {
        verify(&inputs.resolver, &site.pages[id], &mut diagnostics);
    }
    if !diagnostics.is_empty() {
        return None;
    }
    let (memo, previous) = (PrintMemo::default(), HashMap::new());
    let progress = Progress::new(false, 0);
    let executor = Executor {
        theme: &renderer.theme,
        highlighter: &renderer.highlighter,
        print: &memo,
        previous: &previous,
        once: true,
        sink: None,
        progress: &progress,
    };
    let mut files = Vec::new();
    for &id in ids {
        let page = &site.pages[id];
        crate::test_hooks::panic_if_asked(&page.url, true);
        let mut outputs = vec![(
            output_path(&page.url),
            Output::Page(PageOutput {
                inputs: &inputs,
                page,
            }),
        )];
        if let Some((path, fragment)) = crate::search::page_fragment(site, page, offline) {
            outputs.push((path, Output::Fragment(fragment)));
        }
        for (path, output) in outputs {
            let made = executor.make(path, output);
            diagnostics.extend(made.diagnostics);
            let Some(Contents::Shared(bytes)) = made.contents else {
                return None;
            };
            files.push((made.path, bytes));
        }
    }
    diagnostics.is_empty().then_some(files)
}

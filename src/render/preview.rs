//! A few pages' outputs made on their own from a site, for `serve`'s preview of a save: the
//! page and its search fragment, made by the executor from a plan of those outputs alone,
//! so exactly as a full render makes them.
//!
//! A preview is right only when no other output shows what the save changed. That is decided
//! from the same inputs the renderer hashes, not from a list of page fields: `shown_elsewhere`
//! fingerprints the parts of the inputs that outputs share (settings, sidebar, the sections'
//! page lists and cards, the sources page) and what the link and rule checks read of every
//! page, before and after the save.

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

/// What every output but a page's own reads of the site's pages (see the module's comment).
pub fn shown_elsewhere(site: &Site, renderer: &Renderer) -> u64 {
    fingerprint(&inputs(site, renderer))
}

fn inputs<'a>(site: &'a Site, renderer: &Renderer) -> Inputs<'a> {
    let Renderer { theme, options, .. } = renderer;
    let settings = Settings::new(site, options, theme, renderer.theme_generation);
    Inputs::new(site, settings)
}

fn fingerprint(inputs: &Inputs) -> u64 {
    let mut h = DefaultHasher::new();
    let shared = &inputs.shared;
    let lists = (&shared.section_nav, &shared.cards, &shared.positions);
    (&shared.settings, &shared.nav, lists).hash(&mut h);
    inputs.sources_page().hash(&mut h);
    for page in &inputs.site.pages {
        (&page.url, &page.source_path).hash(&mut h);
        page.analysis.anchors().for_each(|a| a.hash(&mut h));
        let rules = page.analysis.rule_uses().map(|r| r.name.as_str());
        rules.for_each(|r| r.hash(&mut h));
    }
    h.finish()
}

/// The outputs of the pages `ids` of `site`, by path, once `verify` found nothing to say about
/// any of them; `None` when it did, a template failed, or the site's other outputs would no
/// longer be what they were when the site's `shown_elsewhere` was `before`.
pub fn preview_pages(
    site: &Site,
    renderer: &Renderer,
    ids: &[usize],
    before: u64,
    verify: impl Fn(&Resolver, &Page, &mut Diagnostics),
) -> Option<Vec<(String, Arc<Vec<u8>>)>> {
    let inputs = inputs(site, renderer);
    if fingerprint(&inputs) != before {
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

//! A few pages' outputs made on their own from a site, for `serve`'s preview of a save: the
//! page and its search fragment, made by the executor from a plan of those outputs alone,
//! so exactly as a full render makes them.

use std::collections::HashMap;
use std::sync::Arc;

use super::execute::Executor;
use super::inputs::{Inputs, PageOutput, Settings};
use super::print::PrintMemo;
use super::progress::Progress;
use super::{Contents, Output, RenderOptions, highlight::Highlighter, theme::Theme};
use crate::content::{Page, Site};
use crate::diagnostic::Diagnostics;
use crate::links::Resolver;
use crate::links::urls::output_path;

/// The outputs of the pages `ids` of `site`, by path, once `verify` found nothing to say about
/// any of them; `None` when it did or a template failed.
pub fn preview_pages(
    site: &Site,
    theme: &Theme,
    options: &RenderOptions,
    theme_generation: u64,
    highlighter: &Highlighter,
    ids: &[usize],
    verify: impl Fn(&Resolver, &Page, &mut Diagnostics),
) -> Option<Vec<(String, Arc<Vec<u8>>)>> {
    let inputs = Inputs::new(site, Settings::new(site, options, theme, theme_generation));
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
        theme,
        highlighter,
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

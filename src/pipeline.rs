//! The pipeline, in one place: config -> theme -> content -> analyse -> check -> render.
//!
//! This is the only module that knows the order of the stages. `build` writes its result to
//! disk; `check` stops before rendering; `serve` (to come) keeps the result in memory and feeds
//! the same stages again when files change.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::check::{self, Analyses};
use crate::config::Config;
use crate::content::{self, Kind, Site};
use crate::diagnostic::Diagnostics;
use crate::render::{self, OutputFile, RenderOptions, theme::Theme};

#[derive(Debug, Clone, Default)]
pub struct Options {
    pub root: PathBuf,
    pub render: RenderOptions,
}

/// What a successful run produced, with its warnings.
pub struct Built {
    pub site: Site,
    pub analyses: Analyses,
    pub files: Vec<OutputFile>,
    pub stats: Stats,
}

#[derive(Debug, Clone, Default)]
pub struct Stats {
    pub pages: usize,
    pub checklists: usize,
    pub files: usize,
    pub elapsed: Duration,
}

/// Loads and checks the handbook at `root`, without rendering.
pub fn load_and_check(
    root: &Path,
    diagnostics: &mut Diagnostics,
) -> Option<(Site, Analyses, Theme)> {
    let config = Config::load(root, diagnostics);
    let theme = config
        .as_ref()
        .and_then(|c| Theme::load(root, &c.theme, diagnostics));
    let config = config?;
    let site = content::load(root, config, diagnostics);
    let analyses = check::analyse(&site);
    check::check(&site, &analyses, diagnostics);
    Some((site, analyses, theme?))
}

/// Runs every stage; `None` when any stage found errors (all of them are in `diagnostics`).
pub fn build(options: &Options, diagnostics: &mut Diagnostics) -> Option<Built> {
    let start = Instant::now();
    let (site, analyses, theme) = load_and_check(&options.root, diagnostics)?;
    if diagnostics.has_errors() {
        return None;
    }
    let files = render::render(&site, &analyses, &theme, &options.render, diagnostics);
    if diagnostics.has_errors() {
        return None;
    }
    let checklists = site
        .pages
        .iter()
        .filter(|p| p.kind() == Kind::Checklist)
        .count();
    let stats = Stats {
        pages: site.pages.len() - checklists,
        checklists,
        files: files.len(),
        elapsed: start.elapsed(),
    };
    Some(Built {
        site,
        analyses,
        files,
        stats,
    })
}

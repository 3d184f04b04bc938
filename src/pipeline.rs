//! The pipeline, in one place: config -> theme -> content -> check -> render.
//!
//! This is the only module that knows the order of the stages. A `Session` runs them and keeps
//! what each stage produced, so that the next run re-reads only changed files and re-renders
//! only pages whose inputs changed. `build` and `check` run one session once; `serve` and
//! `watch` keep theirs across rebuilds: an incremental rebuild is the same pipeline fed fewer
//! inputs, and its output equals a full build's byte for byte.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::check;
use crate::config::Config;
use crate::content::{self, Kind, LoadCache, Site};
use crate::diagnostic::{Code, Diagnostics};
use crate::history::History;
pub use crate::render::Schedule;
use crate::render::{self, OutputFile, RenderOptions, RenderState, Sink, theme::Theme};

#[derive(Debug, Clone, Default)]
pub struct Options {
    pub root: PathBuf,
    pub render: RenderOptions,
}

/// What a successful run produced.
pub struct Built {
    pub site: Site,
    pub files: Vec<OutputFile>,
    pub stats: Stats,
}

#[derive(Debug, Clone, Default)]
pub struct Stats {
    pub pages: usize,
    pub checklists: usize,
    /// Content files read (not reused from the previous run).
    pub read: usize,
    /// Outputs rendered (not reused from the previous run).
    pub rendered: usize,
    pub elapsed: Duration,
    /// Time spent in each stage, in order (shown with --verbose).
    pub stages: Vec<(&'static str, Duration)>,
    /// Templates the handbook's own theme lacks, taken from the default theme (shown with
    /// --verbose).
    pub theme_fallbacks: Vec<&'static str>,
}

pub use crate::render::Renderer;

/// What a change can affect. Content files are re-read only when they changed, whatever the
/// scope: the load cache knows each file's version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Scope {
    /// Only files under content/ or assets/ changed.
    Content,
    /// The theme or templates/ changed: the theme is loaded again, every page re-rendered.
    Theme,
    /// book.yaml changed (or this is the first run): settings and theme are loaded again.
    Everything,
}

/// The pipeline with memory of its last run.
pub struct Session {
    options: Options,
    config: Option<Config>,
    theme: Option<Arc<Theme>>,
    load_cache: LoadCache,
    render_state: RenderState,
    stages: Vec<(&'static str, Duration)>,
    /// The editions, read from git once, when the session's first run starts: `serve` reads
    /// them again when it is restarted.
    history: Option<Arc<History>>,
}

impl Session {
    pub fn new(options: Options) -> Session {
        Session {
            options,
            config: None,
            theme: None,
            load_cache: LoadCache::default(),
            render_state: RenderState::default(),
            stages: Vec::new(),
            history: None,
        }
    }

    /// A session for one run that keeps nothing for a next one (`build`): no fingerprints,
    /// no memo of the files read.
    pub fn one_off(options: Options) -> Session {
        let mut session = Session::new(options);
        session.render_state.once = true;
        session.load_cache.once = true;
        session
    }

    fn time<T>(&mut self, stage: &'static str, start: Instant, value: T) -> T {
        self.stages.push((stage, start.elapsed()));
        value
    }

    /// The paths of the outputs made from the whole book in the last run.
    pub fn whole_book(&self) -> &[String] {
        &self.render_state.whole_book
    }

    /// What a page is rendered with, as the last run had it: the theme, the render options,
    /// the theme's generation and the highlighter (see `render::preview_pages`).
    pub fn renderer(&self) -> Option<Renderer> {
        Some(Renderer {
            theme: Arc::clone(self.theme.as_ref()?),
            options: self.options.render.clone(),
            theme_generation: self.render_state.theme_generation,
            highlighter: Arc::clone(&self.render_state.highlighter),
        })
    }

    /// `render::inputs::Shared::fingerprint` of the last render.
    pub fn shared_fingerprint(&self) -> u64 {
        self.render_state.shared
    }

    /// Loads and checks; `None` when book.yaml could not be read.
    pub fn check(&mut self, scope: Scope, diagnostics: &mut Diagnostics) -> Option<Site> {
        let root = self.options.root.clone();
        self.stages.clear();
        let start = Instant::now();
        if scope == Scope::Everything || self.config.is_none() {
            self.config = Config::load(&root, diagnostics);
            self.theme = None;
        }
        if scope >= Scope::Theme || self.theme.is_none() {
            self.render_state.theme_generation += 1;
            self.theme = self
                .config
                .as_ref()
                .and_then(|c| Theme::load(&root, c, diagnostics))
                .map(Arc::new);
        }
        // Without a theme there is nothing to render, but the content is still checked.
        let config = self.config.clone()?;
        self.time("config and theme", start, ());
        let start = Instant::now();
        let mut site = content::load_cached(&root, config, &mut self.load_cache, diagnostics);
        let history = self.history.get_or_insert_with(|| {
            Arc::new(crate::history::read(
                &root,
                content::CONTENT_DIR,
                diagnostics,
            ))
        });
        site.history = Arc::clone(history);
        let site = self.time("load", start, site);
        let start = Instant::now();
        // A file that could not be read leaves the model short of the handbook on disk: what
        // the checks across files would say (no home page, rules unused, links with no
        // target) could be false, so only the reading fault is reported.
        let unread = diagnostics.iter().any(|d| d.code == Code::FileRead);
        if !unread {
            check::check(&site, diagnostics);
        }
        match &self.theme {
            Some(theme) => {
                check::brand::check_colors(&site.config, &theme.surfaces, diagnostics);
                check::check_glyphs(&site, &theme.fonts, diagnostics);
                // Rendering lists every output and reports paths claimed twice; when other
                // errors stop it from running, the list is made here, so that all of a
                // build's errors are reported together.
                if diagnostics.has_errors() {
                    crate::render::check_collisions(
                        &site,
                        theme,
                        &self.options.render,
                        diagnostics,
                    );
                }
            }
            None => {
                let surfaces = crate::color::Surfaces::default_theme();
                check::brand::check_colors(&site.config, &surfaces, diagnostics);
            }
        }
        self.time("check", start, ());
        Some(site)
    }

    /// Runs every stage; `None` when any stage found errors (all of them are in `diagnostics`).
    pub fn rebuild(
        &mut self,
        scope: Scope,
        schedule: Schedule,
        diagnostics: &mut Diagnostics,
    ) -> Option<Built> {
        self.rebuild_into(scope, schedule, diagnostics, None)
    }

    /// Runs every stage, each rendered file handed to `sink` (when there is one) as soon as
    /// it is made rather than kept in `Built::files`.
    pub fn rebuild_into(
        &mut self,
        scope: Scope,
        schedule: Schedule,
        diagnostics: &mut Diagnostics,
        sink: Option<&dyn Sink>,
    ) -> Option<Built> {
        let start = Instant::now();
        let site = self.check(scope, diagnostics)?;
        if diagnostics.has_errors() {
            return None;
        }
        let theme = self.theme.as_ref()?;
        let render_start = Instant::now();
        let files = render::render_incremental(
            &site,
            theme,
            &self.options.render,
            &mut self.render_state,
            schedule,
            diagnostics,
            sink,
        );
        self.stages.push(("render", render_start.elapsed()));
        self.stages
            .push(("  of which search", self.render_state.search_time));
        self.stages
            .push(("  of which PDF", self.render_state.pdf_time));
        if diagnostics.has_errors() {
            // Pages that failed are not in the render state, so the next run renders them.
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
            read: self.load_cache.last_read,
            rendered: self.render_state.rendered,
            elapsed: start.elapsed(),
            stages: self.stages.clone(),
            theme_fallbacks: self
                .theme
                .as_ref()
                .map(|t| t.fallbacks.clone())
                .unwrap_or_default(),
        };
        Some(Built { site, files, stats })
    }
}

/// One full run of every stage.
pub fn build(options: &Options, diagnostics: &mut Diagnostics) -> Option<Built> {
    Session::new(options.clone()).rebuild(Scope::Everything, Schedule::Everything, diagnostics)
}

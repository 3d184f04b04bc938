//! One rebuild for `serve` and `watch`: run the session, then work out which files of the
//! site changed, so the server can swap in the new site and `watch` can write only those.
//!
//! A panic while rebuilding (a bug in handbook) is caught here and reported like any other
//! error; the session starts afresh, so the next save rebuilds everything normally.

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::content::Site;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::files::FileKey;
use crate::pipeline::{Options, Renderer, Schedule, Scope, Session};
use crate::render::{Contents, OutputFile};

/// What previews render from: the last good rebuild's site and renderer.
pub struct Base {
    pub site: Site,
    pub renderer: Renderer,
    /// `Shared::fingerprint` of the render that made the site.
    pub shared: u64,
}

pub struct Rebuilder {
    session: Session,
    options: Options,
    /// The last good site, by path.
    pub files: HashMap<String, Arc<Vec<u8>>>,
    /// Files published as they are, by source path, in the version last read.
    copies: HashMap<PathBuf, (FileKey, Arc<Vec<u8>>)>,
    /// The last good site's model, kept when `keep_site` is on (for `serve`'s previews).
    site: Option<Site>,
    keep_site: bool,
}

/// What a successful rebuild changed.
#[derive(Debug, Default)]
pub struct Change {
    pub changed: Vec<String>,
    pub removed: Vec<String>,
    pub rendered: usize,
    /// Content files read (not reused from the previous rebuild).
    pub read: usize,
    pub elapsed: Duration,
    /// Time spent in each stage of the rebuild, in order (shown with --verbose).
    pub stages: Vec<(&'static str, Duration)>,
}

impl Change {
    pub fn is_empty(&self) -> bool {
        self.changed.is_empty() && self.removed.is_empty()
    }

    /// What changed apart from `expected` (paths a rebuild was due to bring up to date).
    pub fn besides(&self, expected: &[String]) -> Change {
        let expected: std::collections::HashSet<&String> = expected.iter().collect();
        let keep = |paths: &[String]| -> Vec<String> {
            paths
                .iter()
                .filter(|p| !expected.contains(p))
                .cloned()
                .collect()
        };
        Change {
            changed: keep(&self.changed),
            removed: keep(&self.removed),
            ..Change::default()
        }
    }

    /// Only stylesheets changed: the browser can swap them without reloading.
    pub fn css_only(&self) -> bool {
        !self.is_empty()
            && self.removed.is_empty()
            && self.changed.iter().all(|p| p.ends_with(".css"))
    }
}

impl Rebuilder {
    pub fn new(options: Options) -> Rebuilder {
        Rebuilder {
            session: Session::new(options.clone()),
            options,
            files: HashMap::new(),
            copies: HashMap::new(),
            site: None,
            keep_site: false,
        }
    }

    /// Keeps each good rebuild's site model for `preview_base`.
    pub fn keep_site(&mut self) {
        self.keep_site = true;
    }

    /// The last good rebuild's site and what it was rendered with, once.
    pub fn preview_base(&mut self) -> Option<Base> {
        let renderer = self.session.renderer()?;
        let shared = self.session.shared_fingerprint();
        let site = self.site.take()?;
        Some(Base {
            site,
            renderer,
            shared,
        })
    }

    /// The paths of the outputs made from the whole book in the last rebuild.
    pub fn whole_book(&self) -> &[String] {
        self.session.whole_book()
    }

    /// `None` when the handbook has errors (in `diagnostics`); the last good site is kept.
    pub fn rebuild(
        &mut self,
        scope: Scope,
        schedule: Schedule,
        diagnostics: &mut Diagnostics,
    ) -> Option<Change> {
        let start = Instant::now();
        let mut local = Diagnostics::new();
        let built = catch_unwind(AssertUnwindSafe(|| {
            self.session.rebuild(scope, schedule, &mut local)
        }));
        diagnostics.extend(local);
        let mut built = match built {
            Ok(built) => built?,
            Err(panic) => {
                let what = panic
                    .downcast_ref::<String>()
                    .map(String::as_str)
                    .or_else(|| panic.downcast_ref::<&str>().copied())
                    .unwrap_or("no message");
                diagnostics.push(
                    Diagnostic::new(Code::Internal, format!("handbook failed while rebuilding: {what}"))
                        .hint("this is a bug in handbook, not in your files; the last good site stays served, and the next save rebuilds from scratch"),
                );
                self.session = Session::new(self.options.clone());
                return None;
            }
        };
        let (rendered, read) = (built.stats.rendered, built.stats.read);
        let mut stages = std::mem::take(&mut built.stats.stages);
        let collect_start = Instant::now();
        let next = self.collect(built.files, diagnostics)?;
        self.site = self.keep_site.then_some(built.site);
        let mut changed: Vec<String> = next
            .iter()
            .filter(|(path, bytes)| match self.files.get(*path) {
                Some(old) => !Arc::ptr_eq(old, bytes) && old.as_slice() != bytes.as_slice(),
                None => true,
            })
            .map(|(path, _)| path.clone())
            .collect();
        let mut removed: Vec<String> = self
            .files
            .keys()
            .filter(|p| !next.contains_key(*p))
            .cloned()
            .collect();
        changed.sort();
        removed.sort();
        self.files = next;
        stages.push(("compare", collect_start.elapsed()));
        Some(Change {
            changed,
            removed,
            rendered,
            read,
            elapsed: start.elapsed(),
            stages,
        })
    }

    /// The site's files as bytes: copies are read only when their file changed.
    fn collect(
        &mut self,
        files: Vec<OutputFile>,
        diagnostics: &mut Diagnostics,
    ) -> Option<HashMap<String, Arc<Vec<u8>>>> {
        let mut next = HashMap::with_capacity(files.len());
        let mut copies = HashMap::new();
        for file in files {
            let bytes = match file.contents {
                Contents::Shared(bytes) => bytes,
                Contents::Copy { from, key } => {
                    let bytes = match self.copies.get(&from) {
                        Some((old, bytes)) if *old == key => Arc::clone(bytes),
                        _ => match std::fs::read(&from) {
                            Ok(bytes) => Arc::new(bytes),
                            Err(err) => {
                                let shown = from.strip_prefix(&self.options.root).unwrap_or(&from);
                                diagnostics.push(
                                    Diagnostic::new(Code::FileRead, format!("cannot read: {err}"))
                                        .in_file(crate::source::display_path(shown)),
                                );
                                return None;
                            }
                        },
                    };
                    copies.insert(from, (key, Arc::clone(&bytes)));
                    bytes
                }
            };
            next.insert(file.path, bytes);
        }
        self.copies = copies;
        Some(next)
    }
}

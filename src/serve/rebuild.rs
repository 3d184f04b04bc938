//! One rebuild for `serve` and `watch`: run the session, then work out which files of the
//! site changed, so the server can swap in the new site and `watch` can write only those.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::diagnostic::Diagnostics;
use crate::pipeline::{Options, Scope, Session};
use crate::render::Contents;

pub struct Rebuilder {
    session: Session,
    /// The last good site, by path.
    pub files: HashMap<String, Arc<Vec<u8>>>,
}

/// What a successful rebuild changed.
#[derive(Debug, Default)]
pub struct Change {
    pub changed: Vec<String>,
    pub removed: Vec<String>,
    pub rendered: usize,
    pub read: usize,
    pub elapsed: Duration,
}

impl Change {
    pub fn is_empty(&self) -> bool {
        self.changed.is_empty() && self.removed.is_empty()
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
            session: Session::new(options),
            files: HashMap::new(),
        }
    }

    /// `None` when the handbook has errors (in `diagnostics`); the last good site is kept.
    pub fn rebuild(&mut self, scope: Scope, diagnostics: &mut Diagnostics) -> Option<Change> {
        let start = Instant::now();
        let built = self.session.rebuild(scope, diagnostics)?;
        let mut next = HashMap::with_capacity(built.files.len());
        for file in built.files {
            let bytes = match file.contents {
                Contents::Bytes(bytes) => Arc::new(bytes),
                Contents::Shared(bytes) => bytes,
                Contents::Copy(path) => match std::fs::read(&path) {
                    Ok(bytes) => Arc::new(bytes),
                    Err(err) => {
                        diagnostics.push(
                            crate::diagnostic::Diagnostic::error(
                                "E-FILE-READ",
                                format!("cannot read: {err}"),
                            )
                            .in_file(crate::source::display_path(
                                path.strip_prefix(self.session.root()).unwrap_or(&path),
                            )),
                        );
                        return None;
                    }
                },
            };
            next.insert(file.path, bytes);
        }
        let mut changed: Vec<String> = next
            .iter()
            .filter(|(path, bytes)| match self.files.get(*path) {
                Some(old) => !Arc::ptr_eq(old, bytes) && old != *bytes,
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
        Some(Change {
            changed,
            removed,
            rendered: built.stats.rendered,
            read: built.stats.read,
            elapsed: start.elapsed(),
        })
    }
}

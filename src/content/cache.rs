//! The load cache: what reading each content file gave, kept between rebuilds so that
//! `serve` and `watch` read again only the files that changed.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::front_matter::SectionMeta;
use super::{Bibliography, Kind, Page};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::files::{FileKey, Found};
use crate::source::SourceFile;

/// What reading one file gave, kept so that unchanged files are not read again.
#[derive(Clone)]
pub(super) enum Outcome {
    Page(Option<Box<Page>>),
    Section(Option<Arc<SourceFile>>, SectionMeta),
    Bibliography(Bibliography),
}

#[derive(Clone)]
pub(super) struct Cached {
    key: FileKey,
    /// The section kind and checklist flag the file was read under: a kind change re-reads it.
    read_as: Option<(Kind, bool)>,
    pub(super) outcome: Outcome,
    pub(super) diagnostics: Vec<Diagnostic>,
}

impl Cached {
    pub(super) fn failed(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == crate::diagnostic::Severity::Error)
    }
}

/// Parsed files from the previous load. `serve` and `watch` keep one across rebuilds, so a
/// rebuild re-reads only the files that changed; `build` starts with an empty one.
#[derive(Default)]
pub struct LoadCache {
    files: HashMap<String, Cached>,
    next: HashMap<String, Cached>,
    reads: AtomicUsize,
    /// Files read (not taken from the cache) by the last load.
    pub last_read: usize,
    /// A one-off load (a build): nothing is kept for a next one.
    pub once: bool,
}

impl LoadCache {
    /// What `entry` gave when last read under `read_as`, if it has not changed since.
    pub(super) fn get(&self, entry: &Found, read_as: Option<(Kind, bool)>) -> Option<Cached> {
        self.files
            .get(&entry.rel)
            .filter(|c| c.key == entry.key && c.read_as == read_as)
            .cloned()
    }

    /// Reads `entry` with `read` unless it is cached.
    pub(super) fn read(
        &mut self,
        entry: &Found,
        read_as: Option<(Kind, bool)>,
        read: impl FnOnce(&mut Diagnostics) -> Outcome,
    ) -> Cached {
        self.get(entry, read_as)
            .unwrap_or_else(|| self.fresh(entry, read_as, read))
    }

    /// Reads `entry` (counting the read); does not touch the cache.
    pub(super) fn fresh(
        &self,
        entry: &Found,
        read_as: Option<(Kind, bool)>,
        read: impl FnOnce(&mut Diagnostics) -> Outcome,
    ) -> Cached {
        self.reads.fetch_add(1, Ordering::Relaxed);
        let mut local = Diagnostics::new();
        let outcome = read(&mut local);
        Cached {
            key: entry.key.clone(),
            read_as,
            outcome,
            diagnostics: local.into_iter().collect(),
        }
    }

    /// Reports what a file gave and keeps it for the next load.
    pub(super) fn keep(
        &mut self,
        rel: &str,
        cached: Cached,
        diagnostics: &mut Diagnostics,
    ) -> Outcome {
        if self.once {
            diagnostics.extend(cached.diagnostics);
            return cached.outcome;
        }
        diagnostics.extend(cached.diagnostics.iter().cloned());
        let outcome = cached.outcome.clone();
        self.next.insert(rel.to_string(), cached);
        outcome
    }

    /// Ends a load: what it kept becomes the cache, and files no longer there are dropped.
    pub(super) fn finish(&mut self) {
        self.files = std::mem::take(&mut self.next);
        self.last_read = self.reads.swap(0, Ordering::Relaxed);
    }
}

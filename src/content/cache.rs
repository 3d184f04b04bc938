//! The load cache: what reading each content file gave, kept between rebuilds so that
//! `serve` and `watch` read again only the files that changed.

use std::collections::HashMap;
use std::sync::Arc;

use super::front_matter::SectionMeta;
use super::load::Entry;
use super::{Bibliography, Kind, Page};
use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;

/// Identifies a version of a file without reading it: a file whose size, modification time
/// and inode are unchanged is taken as unchanged (an editor's save-by-rename changes the inode).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct FileKey {
    len: u64,
    modified: Option<std::time::SystemTime>,
    inode: u64,
}

impl FileKey {
    pub(super) fn of(metadata: Option<std::fs::Metadata>) -> FileKey {
        use std::os::unix::fs::MetadataExt;
        match metadata {
            Some(m) => FileKey {
                len: m.len(),
                modified: m.modified().ok(),
                inode: m.ino(),
            },
            None => FileKey {
                len: 0,
                modified: None,
                inode: 0,
            },
        }
    }
}

/// What reading one file gave, kept so that unchanged files are not read again.
#[derive(Clone)]
pub(super) enum Outcome {
    Page(Option<Box<Page>>),
    Section(Option<Arc<SourceFile>>, SectionMeta),
    Bibliography(Bibliography),
}

#[derive(Clone)]
pub(super) struct Cached {
    pub(super) key: FileKey,
    /// The section kind and checklist flag the file was read under: a kind change re-reads it.
    pub(super) read_as: Option<(Kind, bool)>,
    pub(super) outcome: Outcome,
    pub(super) diagnostics: Vec<Diagnostic>,
}

/// Parsed files from the previous load. `serve` and `watch` keep one across rebuilds, so a
/// rebuild re-reads only the files that changed; `build` starts with an empty one.
#[derive(Default)]
pub struct LoadCache {
    pub(super) files: HashMap<String, Cached>,
    /// Files read (not taken from the cache) by the last load.
    pub last_read: usize,
}

impl LoadCache {
    pub(super) fn take(&self, entry: &Entry, read_as: Option<(Kind, bool)>) -> Option<Cached> {
        self.files
            .get(&entry.rel)
            .filter(|c| c.key == entry.key && c.read_as == read_as)
            .cloned()
    }
}

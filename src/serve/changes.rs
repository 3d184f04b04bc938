//! File watching: notify's events, debounced, turned into batches of handbook changes.
//!
//! Editors save in odd ways — write a temp file and rename it over the page, leave `4913`,
//! `page.md~` or `.#page.md` behind, save twenty times in a burst. The debouncer folds bursts
//! into one batch; scratch files are dropped here; and since every rebuild re-walks content/
//! (comparing each file's size, time and inode with what it read last), a missed or oddly
//! paired event can delay a rebuild but never make it wrong.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify_debouncer_full::notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::files::is_scratch_path;
use crate::pipeline::Scope;

/// Quiet time after the last event before a batch is handed over.
pub const DEBOUNCE: Duration = Duration::from_millis(10);

/// Folders whose changes matter, besides book.yaml at the root.
const WATCHED: &[&str] = &["content", "assets", "templates", "themes"];

/// One batch of changes, classified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Batch {
    pub scope: Scope,
    /// Changed paths relative to the root, sorted, for the terminal line.
    pub paths: Vec<String>,
}

pub struct Watcher {
    debouncer: Debouncer<notify_debouncer_full::notify::RecommendedWatcher, RecommendedCache>,
    root: PathBuf,
    /// Folders of `WATCHED` being watched, each with the identity of the folder watched: one
    /// created later is added by `refresh`, and one moved away and back (as git checkouts and
    /// some editors do) is watched again.
    watching: Vec<(&'static str, Option<FolderId>)>,
    pub batches: mpsc::Receiver<Batch>,
}

/// What tells one folder from another at the same path: device and inode where there are
/// such (a folder moved away and back, or replaced, is another folder to a watch).
type FolderId = (u64, u64);

fn folder_id(path: &Path) -> Option<FolderId> {
    let meta = std::fs::metadata(path).ok().filter(|m| m.is_dir())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        Some((0, 0))
    }
}

impl Watcher {
    /// Watches the folders of `WATCHED` as they are now: one that did not exist before
    /// (templates/ made while serving), and one that is not the folder watched before, or
    /// that `changed` (the paths of the last batch) names itself: moved away and back, or
    /// replaced, its old watch hears nothing more. Returns the folders watched again, for
    /// the terminal.
    pub fn refresh(&mut self, changed: &[String]) -> Vec<&'static str> {
        let mut again = Vec::new();
        for dir in WATCHED {
            let path = self.root.join(dir);
            let now = folder_id(&path);
            let moved = changed.iter().any(|p| p == dir);
            match self.watching.iter().position(|(d, _)| d == dir) {
                Some(i) if self.watching[i].1 == now && !moved => {}
                Some(i) => {
                    // Gone, moved or replaced: the old watch (if any is left) goes, and the
                    // folder there now is watched.
                    let _ = self.debouncer.unwatch(&path);
                    self.watching[i].1 = None;
                    if now.is_some()
                        && self
                            .debouncer
                            .watch(&path, RecursiveMode::Recursive)
                            .is_ok()
                    {
                        self.watching[i].1 = now;
                        again.push(*dir);
                    }
                }
                None => {
                    if now.is_some()
                        && self
                            .debouncer
                            .watch(&path, RecursiveMode::Recursive)
                            .is_ok()
                    {
                        self.watching.push((dir, now));
                    }
                }
            }
        }
        again
    }
}

/// Watches the handbook at `root` until the returned `Watcher` is dropped.
pub fn watch(root: &Path) -> notify_debouncer_full::notify::Result<Watcher> {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let (tx, rx) = mpsc::channel();
    let handler_root = root.clone();
    let mut debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
        let Ok(events) = result else { return };
        let paths = events
            .iter()
            .filter(|e| !matches!(e.event.kind, EventKind::Access(_)))
            .flat_map(|e| e.event.paths.iter());
        if let Some(batch) = classify(&handler_root, paths) {
            let _ = tx.send(batch);
        }
    })?;
    // book.yaml is watched through its folder: editors replace it by renaming.
    debouncer.watch(&root, RecursiveMode::NonRecursive)?;
    let mut watcher = Watcher {
        debouncer,
        root,
        watching: Vec::new(),
        batches: rx,
    };
    let _ = watcher.refresh(&[]);
    Ok(watcher)
}

/// Keeps the paths that belong to the handbook; `None` when nothing relevant changed.
pub fn classify<'a>(root: &Path, paths: impl Iterator<Item = &'a PathBuf>) -> Option<Batch> {
    let mut scope = None;
    let mut names = Vec::new();
    for path in paths {
        let Ok(rel) = path.strip_prefix(root) else {
            continue;
        };
        let rel = crate::source::display_path(rel);
        let Some(first) = rel.split('/').next() else {
            continue;
        };
        if is_scratch_path(&rel) {
            continue;
        }
        let this = match first {
            "book.yaml" => Scope::Everything,
            "templates" | "themes" => Scope::Theme,
            "content" | "assets" => Scope::Content,
            _ => continue,
        };
        scope = scope.max(Some(this));
        names.push(rel);
    }
    names.sort();
    names.dedup();
    scope.map(|scope| Batch {
        scope,
        paths: names,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn batch(paths: &[&str]) -> Option<Batch> {
        let root = PathBuf::from("/h");
        let paths: Vec<PathBuf> = paths.iter().map(|p| root.join(p)).collect();
        classify(&root, paths.iter())
    }

    #[test]
    fn scratch_files_and_output_are_ignored() {
        assert_eq!(
            batch(&[
                "content/4913",
                "content/page.md~",
                "content/.#page.md",
                "public/index.html",
                "target/x"
            ]),
            None
        );
    }

    #[test]
    fn the_widest_change_decides_the_scope() {
        assert_eq!(batch(&["content/a.md"]).unwrap().scope, Scope::Content);
        assert_eq!(
            batch(&["content/a.md", "book.yaml"]).unwrap().scope,
            Scope::Everything
        );
        assert_eq!(batch(&["templates/page.html"]).unwrap().scope, Scope::Theme);
        assert_eq!(
            batch(&["templates/page.html", "book.yaml"]).unwrap().scope,
            Scope::Everything
        );
        assert_eq!(
            batch(&["content/b.md", "content/a.md", "content/a.md"])
                .unwrap()
                .paths,
            ["content/a.md", "content/b.md"]
        );
    }
}

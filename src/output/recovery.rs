//! What interrupted runs left, put right, under a lock.
//!
//! Every write to an output folder holds an exclusive lock (`flock`) on a lock file beside
//! it for the whole write and swap. The system lets go of the lock when its process ends,
//! however it ends, so a folder of the swap's names beside the output was left either by a
//! process that has ended or by this one: no concurrent `build` or `watch` can still be
//! using it. A second process writing the same output folder waits for the first.
//!
//! Holding the lock, a write first restores the output folder if a run killed between the
//! two renames of the fallback swap left none (the newest complete site beside it), then
//! removes whatever else earlier runs left.

use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

use super::MARKER;
use super::beside::{Beside, Leftover, Stage};

/// The lock on one output folder, held until dropped. The lock file is removed as the lock
/// is let go, so that nothing stays beside the output folder between runs.
#[derive(Debug)]
pub(super) struct Lock {
    path: PathBuf,
    _file: File,
}

impl Lock {
    /// Waits for the lock. `None` where the file system cannot lock at all: the caller may
    /// write, but must not remove what might be another process's.
    pub fn take(beside: &Beside) -> io::Result<Option<Lock>> {
        let path = beside.lock_file();
        loop {
            let file = OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)?;
            match file.lock() {
                Ok(()) => {}
                Err(err) if err.kind() == io::ErrorKind::Unsupported => return Ok(None),
                Err(err) => return Err(err),
            }
            // The holder before us removed the file as it let go: a lock on a removed file
            // guards nothing, so lock whatever file has the name now.
            if is_same_file(&file, &path) {
                return Ok(Some(Lock { path, _file: file }));
            }
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Removed while still locked (the file closes after this), so whoever waits on it
        // next sees that it is gone and locks a new one.
        if cfg!(unix) {
            let _ = fs::remove_file(&self.path);
        }
    }
}

#[cfg(unix)]
fn is_same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => (a.dev(), a.ino()) == (b.dev(), b.ino()),
        _ => false,
    }
}

#[cfg(not(unix))]
fn is_same_file(_: &File, _: &Path) -> bool {
    // The lock file is never removed here (see `Drop`), so it is always the same file.
    true
}

/// Whether another process holds the lock on this output folder right now (so a write
/// would wait for it).
pub(super) fn is_locked(beside: &Beside) -> bool {
    let Ok(file) = File::open(beside.lock_file()) else {
        return false;
    };
    matches!(file.try_lock(), Err(fs::TryLockError::WouldBlock))
}

/// Restores a missing output folder from the newest complete site beside it, and removes
/// everything else earlier runs left there. Only to be called holding the `Lock`.
pub(super) fn recover(beside: &Beside, _held: &Lock) -> io::Result<()> {
    let mut leftovers = beside.leftovers()?;
    if fs::symlink_metadata(beside.out()).is_err()
        && let Some(newest) = newest_complete(&leftovers)
    {
        let site = leftovers.swap_remove(newest);
        fs::rename(&site.path, beside.out())?;
    }
    for leftover in leftovers {
        discard(beside, &leftover.path);
    }
    Ok(())
}

/// A site yet to be published is newer than one moved aside; among several of a stage, the
/// one named last.
fn newest_complete(leftovers: &[Leftover]) -> Option<usize> {
    leftovers
        .iter()
        .enumerate()
        .filter(|(_, l)| matches!(l.stage, Stage::Ready | Stage::Old))
        .filter(|(_, l)| l.path.join(MARKER).is_file())
        .max_by_key(|(_, l)| (l.stage == Stage::Ready, l.stamp))
        .map(|(i, _)| i)
}

/// Removes a folder (or stray file) beside the output. A complete site is first renamed to
/// trash, so that a removal cut short cannot leave half a site under a name that says it is
/// complete. Failures are left for the next run to retry.
pub(super) fn discard(beside: &Beside, path: &Path) {
    let Ok(meta) = fs::symlink_metadata(path) else {
        return;
    };
    if !meta.is_dir() {
        let _ = fs::remove_file(path);
        return;
    }
    let trash = beside.fresh(Stage::Trash);
    let doomed = if fs::rename(path, &trash).is_ok() {
        trash
    } else {
        path.to_path_buf()
    };
    let _ = fs::remove_dir_all(doomed);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(path: &Path, page: &str) {
        fs::create_dir_all(path).unwrap();
        fs::write(path.join(MARKER), "").unwrap();
        fs::write(path.join("index.html"), page).unwrap();
    }

    #[test]
    fn a_missing_output_comes_back_from_the_newest_complete_site() {
        let tmp = tempfile::tempdir().unwrap();
        let beside = Beside::new(&tmp.path().join("public"));
        site(&tmp.path().join(".public.old-7"), "oldest");
        site(&beside.fresh(Stage::Old), "old");
        site(&beside.fresh(Stage::Ready), "new");
        let half = beside.fresh(Stage::Staging);
        fs::create_dir_all(&half).unwrap();
        let lock = Lock::take(&beside).unwrap().unwrap();
        recover(&beside, &lock).unwrap();
        let page = fs::read_to_string(tmp.path().join("public/index.html")).unwrap();
        assert_eq!(page, "new");
        assert!(beside.leftovers().unwrap().is_empty());
        drop(lock);
        let names: Vec<_> = fs::read_dir(tmp.path()).unwrap().flatten().collect();
        assert_eq!(names.len(), 1, "only public/ stays: {names:?}");
    }

    #[test]
    fn an_output_folder_that_exists_is_kept() {
        let tmp = tempfile::tempdir().unwrap();
        let beside = Beside::new(&tmp.path().join("public"));
        site(beside.out(), "current");
        site(&beside.fresh(Stage::Ready), "unpublished");
        let lock = Lock::take(&beside).unwrap().unwrap();
        assert!(is_locked(&beside) || !cfg!(unix));
        recover(&beside, &lock).unwrap();
        let page = fs::read_to_string(tmp.path().join("public/index.html")).unwrap();
        assert_eq!(page, "current");
        assert!(beside.leftovers().unwrap().is_empty());
        drop(lock);
        assert!(!is_locked(&beside));
    }
}

//! A site being written while it is rendered, then swapped in whole.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};

use super::beside::{Beside, Stage};
use super::recovery::{self, Lock};
use super::swap::{self, Moment};
use super::{MARKER, OutputError, absolute, io_err, is_replaceable, lock_and_recover, new_folder};
use crate::render::{Contents, OutputFile};

/// A site being written: files go into a fresh folder beside the output folder, in any order
/// and from any thread, and `publish` swaps it in once every file is there. Dropped without
/// `publish` (a build that failed), the folder is removed and the output left as it was.
///
/// The folder is made, under the lock on the output folder, when the first file arrives, so
/// a build stopped by errors before rendering leaves nothing beside the output.
pub struct Staging {
    out: PathBuf,
    root: PathBuf,
    open: OnceLock<Option<Open>>,
    /// The first error met; later files are not written.
    error: Mutex<Option<OutputError>>,
    failed: AtomicBool,
    /// Folders already made inside the staging folder.
    folders: Mutex<HashSet<PathBuf>>,
}

struct Open {
    beside: Beside,
    folder: PathBuf,
    _lock: Option<Lock>,
}

impl Staging {
    pub fn new(out: &Path, root: &Path) -> Staging {
        Staging {
            out: absolute(out),
            root: absolute(root),
            open: OnceLock::new(),
            error: Mutex::new(None),
            failed: AtomicBool::new(false),
            folders: Mutex::new(HashSet::new()),
        }
    }

    fn fail(&self, err: OutputError) {
        self.failed.store(true, Ordering::Relaxed);
        if let Ok(mut first) = self.error.lock() {
            first.get_or_insert(err);
        }
    }

    fn opened(&self) -> Option<&Open> {
        self.open
            .get_or_init(|| match self.begin() {
                Ok(open) => Some(open),
                Err(err) => {
                    self.fail(err);
                    None
                }
            })
            .as_ref()
    }

    fn begin(&self) -> Result<Open, OutputError> {
        let (out, root) = (&self.out, &self.root);
        if root.starts_with(out)
            || out.starts_with(root.join(crate::content::CONTENT_DIR))
            || out.starts_with(root.join(crate::content::ASSETS_DIR))
        {
            return Err(OutputError::Overlaps(out.clone()));
        }
        // Checked before anything is written beside a folder that is not ours, and again
        // under the lock, which may have restored the output folder.
        if out.exists() && !is_replaceable(out) {
            return Err(OutputError::Foreign(out.clone()));
        }
        let beside = Beside::new(out);
        fs::create_dir_all(beside.parent()).map_err(io_err(beside.parent()))?;
        let lock = lock_and_recover(&beside)?;
        if out.exists() && !is_replaceable(out) {
            return Err(OutputError::Foreign(out.clone()));
        }
        let folder = new_folder(&beside, Stage::Staging)?;
        fs::write(
            folder.join(MARKER),
            b"This folder is written by `handbook build` and replaced on every build.\n",
        )
        .map_err(io_err(&folder))?;
        Ok(Open {
            beside,
            folder,
            _lock: lock,
        })
    }

    /// Writes one file into the staging folder.
    pub fn write(&self, file: &OutputFile) {
        if self.failed.load(Ordering::Relaxed) {
            return;
        }
        let Some(open) = self.opened() else { return };
        if let Err(err) = self.write_in(&open.folder, file) {
            self.fail(err);
        }
    }

    /// Makes the folder that `path` (inside `folder`) goes in, once.
    fn folder_for(&self, folder: &Path, path: &Path) -> Result<(), OutputError> {
        if let Some(parent) = path.parent()
            && parent != folder
        {
            let known = self.folders.lock().is_ok_and(|f| f.contains(parent));
            if !known {
                fs::create_dir_all(parent).map_err(io_err(parent))?;
                if let Ok(mut folders) = self.folders.lock() {
                    folders.insert(parent.to_path_buf());
                }
            }
        }
        Ok(())
    }

    fn write_in(&self, folder: &Path, file: &OutputFile) -> Result<(), OutputError> {
        let path = folder.join(&file.path);
        self.folder_for(folder, &path)?;
        match &file.contents {
            Contents::Shared(bytes) => fs::write(&path, bytes.as_slice()).map_err(io_err(&path)),
            Contents::Copy { from, .. } => fs::copy(from, &path).map(drop).map_err(io_err(from)),
        }
    }

    /// Swaps the written site in for the output folder; the first error of any write
    /// instead, with the output folder left as it was.
    pub fn publish(self) -> Result<(), OutputError> {
        let opened = self.opened();
        if let Some(err) = self.error.lock().ok().and_then(|mut e| e.take()) {
            return Err(err);
        }
        let Some(Open { beside, folder, .. }) = opened else {
            return Err(OutputError::Foreign(self.out.clone()));
        };
        // Complete: from here on the site is never lost, whenever the process ends.
        let ready = beside.fresh(Stage::Ready);
        fs::rename(folder, &ready).map_err(io_err(folder))?;
        swap::interrupt_if_asked(Moment::AfterStaging);
        let retired = match swap::publish(&ready, beside) {
            Ok(retired) => retired,
            Err(source) => {
                // With no output folder left, `ready` is what the next run restores.
                if self.out.exists() {
                    recovery::discard(beside, &ready);
                }
                return Err(OutputError::Io {
                    path: self.out.clone(),
                    source,
                });
            }
        };
        swap::interrupt_if_asked(Moment::BeforeCleanup);
        if let Some(retired) = retired {
            recovery::discard(beside, &retired);
        }
        Ok(())
    }
}

impl crate::render::Sink for Staging {
    fn put(&self, file: OutputFile) {
        self.write(&file);
    }

    fn stream(
        &self,
        path: &str,
        fill: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<bool>,
    ) {
        if self.failed.load(Ordering::Relaxed) {
            return;
        }
        let Some(open) = self.opened() else { return };
        let target = open.folder.join(path);
        let written = self.folder_for(&open.folder, &target).and_then(|()| {
            let file = fs::File::create(&target).map_err(io_err(&target))?;
            let mut out = std::io::BufWriter::with_capacity(1 << 16, file);
            // A fill that did not complete the file has reported why; the build fails.
            fill(&mut out)
                .and_then(|_| std::io::Write::flush(&mut out))
                .map_err(io_err(&target))
        });
        if let Err(err) = written {
            self.fail(err);
        }
    }
}

impl Drop for Staging {
    /// A staging folder that was not published (its build failed) is removed; one that was
    /// has been renamed away, and removing it finds nothing.
    fn drop(&mut self) {
        if let Some(Some(open)) = self.open.get() {
            let _ = fs::remove_dir_all(&open.folder);
        }
    }
}

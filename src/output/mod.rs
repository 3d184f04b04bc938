//! Output: putting the rendered site on disk, all or nothing.
//!
//! The site is written to a fresh staging folder beside the output folder and swapped in
//! (`swap`) only when every file is written, so a failed build leaves the previous site
//! exactly as it was, and a reader never sees a half-written one. Every write holds a lock
//! beside the output folder and first puts right what an interrupted run left there
//! (`recovery`); `beside` names what is kept there.

mod beside;
mod recovery;
mod staging;
mod swap;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::render::OutputFile;
use beside::{Beside, Stage};
use recovery::Lock;
pub use staging::Staging;

/// Marks a folder as written by handbook, so that it may be replaced by the next build.
pub const MARKER: &str = ".handbook-output";

#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error(
        "refusing to replace {0}: it is not empty and was not written by handbook (no {MARKER} file)"
    )]
    Foreign(PathBuf),
    #[error("the output folder {0} would contain or overwrite the handbook's own files")]
    Overlaps(PathBuf),
    #[error("cannot write {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
    move |source| OutputError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Writes `files` as the folder `out`, replacing what was there. Waits while another
/// process writes into `out`.
pub fn write_site(out: &Path, root: &Path, files: &[OutputFile]) -> Result<(), OutputError> {
    use rayon::prelude::*;
    let staging = Staging::new(out, root);
    files.par_iter().for_each(|file| staging.write(file));
    staging.publish()
}

/// Restores and tidies what earlier runs left beside `out` (a site moved aside by a run that
/// was killed, folders half written), at the start of a build, so that a build that then fails
/// on content errors still leaves the last site in place. Does nothing while another process
/// writes there, or when there is no folder to tidy.
pub fn tidy(out: &Path) {
    let beside = Beside::new(&absolute(out));
    if beside.parent().is_dir() && !recovery::is_locked(&beside) {
        let _ = lock_and_recover(&beside);
    }
}

/// Whether another process is writing into `out` right now, so that a write would first wait
/// for it to finish.
pub fn is_busy(out: &Path) -> bool {
    recovery::is_locked(&Beside::new(&absolute(out)))
}

/// Takes the lock on the output folder, then restores and tidies what earlier runs left
/// beside it. Where the file system cannot lock, nothing is tidied: what is there may be a
/// concurrent process's.
fn lock_and_recover(beside: &Beside) -> Result<Option<Lock>, OutputError> {
    let lock_file = beside.lock_file();
    let lock = Lock::take(beside).map_err(io_err(&lock_file))?;
    if let Some(held) = &lock {
        recovery::recover(beside, held).map_err(io_err(beside.parent()))?;
    }
    Ok(lock)
}

/// A new, empty folder of `stage` beside the output.
fn new_folder(beside: &Beside, stage: Stage) -> Result<PathBuf, OutputError> {
    loop {
        let path = beside.fresh(stage);
        match fs::create_dir(&path) {
            Ok(()) => return Ok(path),
            Err(err) if err.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(source) => return Err(OutputError::Io { path, source }),
        }
    }
}

/// Brings an output folder written by `write_site` up to date: each changed file is written
/// to a temporary name and renamed into place (so no reader sees half a file), and files the
/// site no longer has are removed.
pub fn update_site(
    out: &Path,
    changed: &[String],
    removed: &[String],
    files: &std::collections::HashMap<String, std::sync::Arc<Vec<u8>>>,
) -> Result<(), OutputError> {
    // Under the lock, so that no build swaps the folder away halfway through.
    let _lock = lock_and_recover(&Beside::new(&absolute(out)))?;
    if !out.join(MARKER).is_file() {
        return Err(OutputError::Foreign(out.to_path_buf()));
    }
    for path in changed {
        let Some(bytes) = files.get(path) else {
            continue;
        };
        let target = out.join(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(io_err(parent))?;
        }
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let temp = target.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
        fs::write(&temp, bytes.as_slice()).map_err(io_err(&temp))?;
        fs::rename(&temp, &target).map_err(io_err(&target))?;
    }
    for path in removed {
        let target = out.join(path);
        match fs::remove_file(&target) {
            Ok(()) => {
                // Folders left empty (a page's `slug/`) go too.
                let mut dir = target.parent();
                while let Some(d) = dir.filter(|d| *d != out) {
                    if fs::remove_dir(d).is_err() {
                        break;
                    }
                    dir = d.parent();
                }
            }
            Err(err) if err.kind() == io::ErrorKind::NotFound => {}
            Err(source) => {
                return Err(OutputError::Io {
                    path: target,
                    source,
                });
            }
        }
    }
    Ok(())
}

fn is_replaceable(out: &Path) -> bool {
    out.join(MARKER).is_file() || fs::read_dir(out).is_ok_and(|mut d| d.next().is_none())
}

fn absolute(path: &Path) -> PathBuf {
    let path = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    // Lexical clean-up, so `a/../b` and `b` compare equal even before `b` exists.
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::Contents;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            contents: Contents::Shared(std::sync::Arc::new(text.as_bytes().to_vec())),
        }
    }

    #[test]
    fn replaces_its_own_output_and_refuses_foreign_folders() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("book");
        fs::create_dir_all(&root).unwrap();
        let out = tmp.path().join("site");
        write_site(
            &out,
            &root,
            &[file("index.html", "one"), file("a/index.html", "a")],
        )
        .unwrap();
        write_site(&out, &root, &[file("index.html", "two")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "two");
        assert!(!out.join("a").exists(), "stale files are gone");

        let foreign = tmp.path().join("documents");
        fs::create_dir_all(&foreign).unwrap();
        fs::write(foreign.join("thesis.docx"), "precious").unwrap();
        assert!(matches!(
            write_site(&foreign, &root, &[]),
            Err(OutputError::Foreign(_))
        ));
        assert!(foreign.join("thesis.docx").exists());
        assert!(
            !tmp.path().join(".documents.lock").exists(),
            "nothing beside it"
        );
        assert!(matches!(
            write_site(&root, &root, &[]),
            Err(OutputError::Overlaps(_))
        ));
    }

    fn beside_site(tmp: &Path) -> Vec<String> {
        fs::read_dir(tmp)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".site."))
            .collect()
    }

    #[test]
    fn what_a_run_with_this_process_id_left_is_removed_and_a_failed_write_changes_nothing() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("book");
        fs::create_dir_all(&root).unwrap();
        let out = tmp.path().join("site");
        write_site(&out, &root, &[file("index.html", "one")]).unwrap();
        // As the versions before named them, by the process id alone.
        for stage in ["staging", "old"] {
            let left = tmp
                .path()
                .join(format!(".site.{stage}-{}", std::process::id()));
            fs::create_dir_all(&left).unwrap();
            fs::write(left.join("index.html"), "stale").unwrap();
        }
        // `a` as a file and as a folder: the second cannot be written.
        let clash = [
            file("index.html", "two"),
            file("a", "a"),
            file("a/index.html", ""),
        ];
        assert!(matches!(
            write_site(&out, &root, &clash),
            Err(OutputError::Io { .. })
        ));
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "one");
        assert_eq!(beside_site(tmp.path()), Vec::<String>::new());
        write_site(&out, &root, &[file("index.html", "three")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "three");
        assert_eq!(beside_site(tmp.path()), Vec::<String>::new());
    }
}

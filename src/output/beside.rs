//! The names of what a write keeps beside the output folder, in the same parent folder: the
//! lock file and the folders of a swap, all named after the output folder (`public` has
//! `.public.lock`, `.public.staging-…`, `.public.ready-…`, `.public.old-…`, `.public.trash-…`),
//! so that what an interrupted run left there can be found and told apart from anything else.
//!
//! A folder's name ends in the time it was named and the process id: ids are reused (in a
//! container every run may be process 1), so the id alone would collide with what an
//! earlier run left.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// What a folder beside the output holds, which its name says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Stage {
    /// A site being written: incomplete until renamed to `Ready`.
    Staging,
    /// A complete site, not yet published (or, after an exchange, the site it replaced).
    Ready,
    /// A complete site that was published and has been moved aside.
    Old,
    /// Anything being removed: no longer complete.
    Trash,
}

impl Stage {
    const ALL: [Stage; 4] = [Stage::Staging, Stage::Ready, Stage::Old, Stage::Trash];

    fn word(self) -> &'static str {
        match self {
            Stage::Staging => "staging",
            Stage::Ready => "ready",
            Stage::Old => "old",
            Stage::Trash => "trash",
        }
    }
}

/// A folder (or stray file) beside the output that a run, this one or an earlier one, made.
#[derive(Debug)]
pub(super) struct Leftover {
    pub stage: Stage,
    pub path: PathBuf,
    /// When it was named (nanoseconds since 1970), so the newest can be told; 0 for names
    /// given by versions of handbook that did not record it.
    pub stamp: u64,
}

/// The output folder and the names of its companions.
#[derive(Debug)]
pub(super) struct Beside {
    out: PathBuf,
    parent: PathBuf,
    name: String,
}

impl Beside {
    pub fn new(out: &Path) -> Beside {
        let parent = out
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| crate::config::DEFAULT_OUTPUT_DIR.into());
        Beside {
            out: out.to_path_buf(),
            parent,
            name,
        }
    }

    pub fn out(&self) -> &Path {
        &self.out
    }

    pub fn parent(&self) -> &Path {
        &self.parent
    }

    pub fn lock_file(&self) -> PathBuf {
        self.parent.join(format!(".{}.lock", self.name))
    }

    /// A name for a new folder of `stage` that no earlier run, and no earlier call in this
    /// run, has given.
    pub fn fresh(&self, stage: Stage) -> PathBuf {
        static SEQUENCE: AtomicU64 = AtomicU64::new(0);
        let stamp = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX));
        let sequence = SEQUENCE.fetch_add(1, Ordering::Relaxed);
        self.parent.join(format!(
            ".{}.{}-{stamp:016x}-{}-{sequence}",
            self.name,
            stage.word(),
            std::process::id()
        ))
    }

    /// Everything beside the output whose name one of the stages would give (the lock file
    /// is not among them).
    pub fn leftovers(&self) -> io::Result<Vec<Leftover>> {
        let prefix = format!(".{}.", self.name);
        let mut found = Vec::new();
        for entry in std::fs::read_dir(&self.parent)? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let Some(rest) = name.strip_prefix(&prefix) else {
                continue;
            };
            if let Some((stage, stamp)) = parse(rest) {
                found.push(Leftover {
                    stage,
                    path: entry.path(),
                    stamp,
                });
            }
        }
        Ok(found)
    }
}

/// `staging-0188a4…-42-0` as its stage and stamp. Earlier versions named folders
/// `staging-42` (the process id only): the stage is known, the stamp is 0.
fn parse(rest: &str) -> Option<(Stage, u64)> {
    let (word, suffix) = rest.split_once('-')?;
    let stage = Stage::ALL.into_iter().find(|s| s.word() == word)?;
    if suffix.is_empty() || !suffix.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
        return None;
    }
    let stamp = match suffix.split_once('-') {
        Some((stamp, _)) if stamp.len() == 16 => u64::from_str_radix(stamp, 16).unwrap_or(0),
        _ => 0,
    };
    Some((stage, stamp))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_names_are_found_again_and_others_are_not() {
        let tmp = tempfile::tempdir().unwrap();
        let beside = Beside::new(&tmp.path().join("public"));
        let first = beside.fresh(Stage::Ready);
        let second = beside.fresh(Stage::Ready);
        assert_ne!(
            first, second,
            "two calls in one process in the same instant"
        );
        for path in [&first, &second] {
            std::fs::create_dir(path).unwrap();
        }
        for other in [
            "public",
            ".public.lock",
            ".public.old-backup",
            ".public.ready-",
            ".site.old-1234",
        ] {
            std::fs::create_dir(tmp.path().join(other)).unwrap();
        }
        std::fs::create_dir(tmp.path().join(".public.old-1234")).unwrap();
        let mut found = beside.leftovers().unwrap();
        found.sort_by_key(|l| l.stamp);
        let names: Vec<_> = found
            .iter()
            .map(|l| l.path.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 3, "{names:?}");
        assert_eq!(names[0], ".public.old-1234");
        assert_eq!((found[0].stage, found[0].stamp), (Stage::Old, 0));
        assert_eq!(found[1].stage, Stage::Ready);
        assert!(found[1].stamp > 0 && found[1].stamp <= found[2].stamp);
    }
}

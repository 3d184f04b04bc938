//! The handbook's files on disk: which names count (the scratch-file rule), how a version of a
//! file is recognised without reading it (`FileKey`), and the one folder walk that content,
//! assets and themes all use, so the three agree on both.
//!
//! Files that are links to places outside the handbook are refused by the walk, so no later
//! stage can read them. It does not read or parse files: loading does that, with the keys
//! walked here.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use walkdir::WalkDir;

use crate::diagnostic::{Code, Diagnostic, Diagnostics};

pub use crate::scratch::is_scratch_file;

/// A path relative to the handbook root is skipped when any part of it is a scratch name
/// (`content/.git/x`, `content/page.md~`).
pub fn is_scratch_path(rel: &str) -> bool {
    rel.split('/').any(is_scratch_file)
}

/// The largest Markdown or YAML file read (SPEC): a handbook's pages are a few kilobytes,
/// and a file past this is a mistake (a pasted log, an export) that would cost memory many
/// times its size to report.
pub const TEXT_LIMIT: u64 = 4 * 1024 * 1024;

/// Why a text file was not read.
#[derive(Debug)]
pub enum ReadError {
    /// Larger than the limit (no more than the limit was read).
    TooLarge,
    Io(std::io::Error),
}

/// The bytes of the file at `path`, reading no further than `TEXT_LIMIT` (and one byte more,
/// to know that there is more).
pub fn read_text_file(path: &Path) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    let mut bytes = Vec::new();
    file.take(TEXT_LIMIT + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > TEXT_LIMIT {
        return Err(ReadError::TooLarge);
    }
    Ok(bytes)
}

/// The diagnostic for a text file over `TEXT_LIMIT`.
pub fn too_large(shown: &str) -> Diagnostic {
    Diagnostic::new(
        Code::FileSize,
        format!(
            "this file is larger than {} MB, the most a Markdown or YAML file may hold",
            TEXT_LIMIT / (1024 * 1024)
        ),
    )
    .in_file(shown)
    .hint("split it into pages, or move data that is not prose out of content/")
}

/// `text` with each control character other than tab and line breaks (NUL, BEL, ESC, DEL…)
/// made a space, which keeps every offset, and where the first one was and how many there
/// were, for a warning. They never reach a page: a title with one would land in every page's
/// navigation.
pub fn without_controls(mut text: String) -> (String, Option<(usize, usize)>) {
    let is_control = |b: u8| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7f;
    let Some(first) = text.bytes().position(is_control) else {
        return (text, None);
    };
    let mut count = 0;
    let mut bytes = std::mem::take(&mut text).into_bytes();
    for b in &mut bytes {
        if is_control(*b) {
            *b = b' ';
            count += 1;
        }
    }
    // Only ASCII bytes were replaced, by ASCII spaces: the text is still UTF-8.
    let text = String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    (text, Some((first, count)))
}

/// The warning for the control characters `without_controls` found in `file`.
pub fn controls_warning(
    file: &std::sync::Arc<crate::source::SourceFile>,
    (first, count): (usize, usize),
) -> Diagnostic {
    let more = if count > 1 {
        format!(" (and {} more)", count - 1)
    } else {
        String::new()
    };
    Diagnostic::new(
        Code::ControlCharacter,
        format!("a control character that no page should show{more}: it is removed"),
    )
    .at(file, first..first + 1)
    .hint("delete it; it often comes from pasting out of a terminal or a PDF")
}

/// Identifies a version of a file without reading it: a file whose size, modification time
/// and identity are unchanged is taken as unchanged (an editor's save-by-rename changes the
/// identity, even within the clock's resolution).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct FileKey {
    len: u64,
    modified: Option<SystemTime>,
    identity: u64,
}

impl FileKey {
    pub fn of(metadata: Option<&std::fs::Metadata>) -> FileKey {
        match metadata {
            Some(m) => FileKey {
                len: m.len(),
                modified: m.modified().ok(),
                identity: identity(m),
            },
            None => FileKey::default(),
        }
    }
}

#[cfg(unix)]
fn identity(metadata: &std::fs::Metadata) -> u64 {
    use std::os::unix::fs::MetadataExt;
    metadata.ino()
}

#[cfg(not(unix))]
fn identity(metadata: &std::fs::Metadata) -> u64 {
    // No inode elsewhere: the creation time changes on save-by-rename too.
    metadata
        .created()
        .ok()
        .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as u64)
}

/// Every file below `root/dir` that lies inside `root` (see `walk`); what could not be read,
/// and every link to a place outside the handbook, is reported.
pub fn walk_within(root: &Path, dir: &str, diagnostics: &mut Diagnostics) -> Vec<Found> {
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let (found, errors) = walk(&root.join(dir), &canonical_root);
    for error in errors {
        let (shown, message) = match error {
            WalkError::Escape(shown) => {
                let shown = if shown.is_empty() {
                    dir.to_string()
                } else {
                    shown
                };
                diagnostics.push(
                    Diagnostic::new(
                        Code::SymlinkEscape,
                        "this is a symbolic link to a place outside the handbook, so it is not read",
                    )
                    .in_file(shown)
                    .hint("copy what it points to into the handbook instead of linking to it"),
                );
                continue;
            }
            WalkError::Loop(shown) => (
                shown,
                "this symbolic link loops back to a folder that contains it".to_string(),
            ),
            WalkError::Unreadable(shown, err) => (shown, format!("cannot read: {err}")),
        };
        let shown = if shown.is_empty() {
            dir.to_string()
        } else {
            shown
        };
        diagnostics.push(Diagnostic::new(Code::FileRead, message).in_file(shown));
    }
    found
        .into_iter()
        .filter(|f| {
            // Folders linked outside are never walked, so only a linked file can lead out.
            if !f.linked {
                return true;
            }
            let real = f.abs.canonicalize().unwrap_or_else(|_| f.abs.clone());
            if real.starts_with(&canonical_root) {
                return true;
            }
            diagnostics.push(
                Diagnostic::new(
                    Code::SymlinkEscape,
                    "this file is a symbolic link to a place outside the handbook",
                )
                .in_file(format!("{dir}/{}", f.rel))
                .hint("copy the file into the handbook instead of linking to it"),
            );
            false
        })
        .collect()
}

/// A file found by `walk`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Relative to the walked folder, with `/` separators.
    pub rel: String,
    pub abs: PathBuf,
    pub key: FileKey,
    /// The file is a symbolic link (it may lead outside the walked folder).
    pub linked: bool,
}

/// What `walk` could not read, relative to the walked folder's parent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WalkError {
    /// A symbolic link that loops back to a folder containing it.
    Loop(String),
    /// A symbolic link to a place outside the handbook: not followed.
    Escape(String),
    Unreadable(String, String),
}

/// Every file below `dir` (following links that stay inside `within`, a canonical path),
/// scratch files skipped, sorted by path. A missing folder has no files. A link that leads
/// outside `within` is not followed (so a folder linked to `/usr` is not read at all).
pub fn walk(dir: &Path, within: &Path) -> (Vec<Found>, Vec<WalkError>) {
    let mut found = Vec::new();
    let mut errors = Vec::new();
    if !dir.is_dir() {
        return (found, errors);
    }
    let base = dir.parent().unwrap_or(dir);
    let mut escapes = Vec::new();
    let walker = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if e.depth() > 0 && is_scratch_file(&e.file_name().to_string_lossy()) {
                return false;
            }
            // The folder itself may be a link, or lie under one.
            let linked = e.path_is_symlink() || e.depth() == 0;
            let outside = linked
                && e.path()
                    .canonicalize()
                    .is_ok_and(|real| !real.starts_with(within));
            if outside {
                let rel = e.path().strip_prefix(base).unwrap_or(e.path());
                escapes.push(WalkError::Escape(crate::source::display_path(rel)));
            }
            !outside
        });
    for item in walker {
        match item {
            Ok(e) if e.file_type().is_file() => {
                let rel = e.path().strip_prefix(dir).unwrap_or(e.path());
                found.push(Found {
                    rel: crate::source::display_path(rel),
                    abs: e.path().to_path_buf(),
                    key: FileKey::of(e.metadata().ok().as_ref()),
                    linked: e.path_is_symlink(),
                });
            }
            Ok(_) => {}
            Err(err) => {
                let shown = err
                    .path()
                    .map(|p| crate::source::display_path(p.strip_prefix(base).unwrap_or(p)))
                    .unwrap_or_default();
                if err.loop_ancestor().is_some() {
                    errors.push(WalkError::Loop(shown));
                } else {
                    errors.push(WalkError::Unreadable(shown, err.to_string()));
                }
            }
        }
    }
    errors.append(&mut escapes);
    found.sort_by(|a, b| a.rel.cmp(&b.rel));
    (found, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scratch_files_are_recognised() {
        for name in [
            ".page.md.swp",
            "page.md~",
            "#page.md#",
            "4913",
            "x.tmp",
            ".#page.md",
        ] {
            assert!(is_scratch_file(name), "{name}");
        }
        assert!(!is_scratch_file("page.md"));
        assert!(is_scratch_path("content/.git/config"));
        assert!(!is_scratch_path("content/roles/mentor.md"));
    }

    #[test]
    fn walking_skips_scratch_files_and_sorts() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("assets");
        std::fs::create_dir_all(dir.join("img")).unwrap();
        for name in ["b.css", "a.svg~", "img/x.png", ".hidden"] {
            std::fs::write(dir.join(name), "x").unwrap();
        }
        let (found, errors) = walk(&dir, &tmp.path().canonicalize().unwrap());
        let rels: Vec<&str> = found.iter().map(|f| f.rel.as_str()).collect();
        assert_eq!(rels, ["b.css", "img/x.png"]);
        assert!(errors.is_empty());
        assert!(walk(&tmp.path().join("none"), tmp.path()).0.is_empty());
    }
}

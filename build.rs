//! Embeds the default theme and the bundled handbook into the binary, so that `handbook build`
//! and `handbook init` work from an installed binary with no repository around.
//!
//! Writes `$OUT_DIR/embedded.rs`: two sorted tables of (relative path, bytes) whose bytes come
//! from `include_bytes!`, so Cargo rebuilds whenever an embedded file changes.
//!
//! The theme's `static/search.js` is written here too, from its parts in
//! `themes/default/search/` (`src/render/search_parts.rs`).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

// The handbook's own scratch-file rule: what a walk of a handbook skips is not embedded.
#[path = "src/scratch.rs"]
mod scratch;
// How search.js's parts are joined, shared with the theme loader.
#[path = "src/render/search_parts.rs"]
mod search_parts;

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets it"));
    let parts = manifest.join("themes/default").join(search_parts::FOLDER);
    let search = join_parts(&parts, &out_dir.join("search.js"));
    let mut out = String::new();
    table(
        &mut out,
        "THEME",
        &manifest,
        &["themes/default"],
        true,
        &[("static/search.js", search)],
        &[&parts],
    );
    table(
        &mut out,
        "BUNDLED_HANDBOOK",
        &manifest,
        &["book.yaml", "content", "assets"],
        false,
        &[],
        &[],
    );
    std::fs::write(out_dir.join("embedded.rs"), out).expect("OUT_DIR is writable");
    for dir in [
        "themes/default",
        "book.yaml",
        "content",
        "assets",
        "src/scratch.rs",
        "src/render/search_parts.rs",
    ] {
        println!("cargo:rerun-if-changed={dir}");
    }
}

/// Writes search.js, joined from its parts in `dir`, to `dest`, and returns `dest`.
fn join_parts(dir: &Path, dest: &Path) -> PathBuf {
    let parts = std::fs::read_dir(dir)
        .expect("the theme has search.js's parts")
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !search_parts::is_part(&name) || scratch::is_scratch_file(&name) {
                return None;
            }
            let bytes = std::fs::read(entry.path()).expect("a part of search.js is readable");
            Some((name, bytes))
        })
        .collect();
    std::fs::write(dest, search_parts::join(parts)).expect("OUT_DIR is writable");
    dest.to_path_buf()
}

/// `strip` removes the first listed folder from the paths (the theme is addressed from its root).
/// `made` are files written here, by their path in the table; what is under `left_out` is not
/// embedded. Sorted by the path as written in the table (`a/b`), the key `embedded.rs` searches by.
fn table(
    out: &mut String,
    name: &str,
    manifest: &Path,
    roots: &[&str],
    strip: bool,
    made: &[(&str, PathBuf)],
    left_out: &[&PathBuf],
) {
    let mut files = Vec::new();
    for root in roots {
        collect(&manifest.join(root), &mut files);
    }
    files.retain(|path| !left_out.iter().any(|dir| path.starts_with(dir)));
    let mut rows: Vec<(String, PathBuf)> = files
        .into_iter()
        .map(|path| {
            let rel = path.strip_prefix(manifest).expect("under the manifest");
            let rel = if strip {
                rel.strip_prefix(roots[0]).expect("under the root")
            } else {
                rel
            };
            let rel: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            (rel.join("/"), path)
        })
        .collect();
    rows.extend(
        made.iter()
            .map(|(rel, path)| (rel.to_string(), path.clone())),
    );
    rows.sort();
    let _ = writeln!(out, "pub static {name}: &[(&str, &[u8])] = &[");
    for (rel, path) in rows {
        let _ = writeln!(
            out,
            "    ({rel:?}, include_bytes!({:?})),",
            path.display().to_string()
        );
    }
    let _ = writeln!(out, "];");
}

fn collect(path: &Path, files: &mut Vec<PathBuf>) {
    if path.is_file() {
        files.push(path.to_path_buf());
    } else if let Ok(entries) = std::fs::read_dir(path) {
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if scratch::is_scratch_file(&name) {
                continue;
            }
            collect(&entry.path(), files);
        }
    }
}

//! The incremental pipeline equals a full build, byte for byte, after any sequence of edits.
//!
//! `handbook watch` runs on a small generated handbook while a seeded random sequence of edits
//! (weights that reorder pages, retitles, new citations, sources.yaml and book.yaml edits,
//! checklist edits, pages added, renamed and deleted) is applied to it; after each edit the
//! watched output folder is compared with a fresh `handbook build` of the same files.

use std::collections::BTreeMap;
use std::time::Duration;

use crate::common::edits::*;
use crate::common::server::*;
use crate::common::*;

fn run_seed(seed: u64, edits: usize) {
    let mut rng = Rng(seed);
    let mut book = Book::new();
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("book");
    book.sync(&root, &BTreeMap::new());
    let watched = tmp.path().join("watched");
    let (_watch, lines) = spawn(
        &[
            "watch",
            "--root",
            root.to_str().unwrap(),
            "--out",
            watched.to_str().unwrap(),
        ],
        tmp.path(),
    );
    let first = lines.recv_timeout(WAIT).expect("watch builds");
    assert!(first.starts_with("Built"), "watch's first line: {first}");
    lines.recv_timeout(WAIT).expect("watch starts watching");
    let mut done = Vec::new();
    for step in 0..edits {
        let (before, what) = book.draw(&mut rng, Book::edit);
        done.push(what);
        book.sync(&root, &before);
        rebuilt(&lines, WAIT).unwrap_or_else(|| panic!("seed {seed}: no rebuild after {done:?}"));
        let full = tmp.path().join(format!("full-{step}"));
        let out = run(
            &[
                "build",
                "--root",
                root.to_str().unwrap(),
                "--out",
                full.to_str().unwrap(),
            ],
            tmp.path(),
        );
        assert!(
            out.status.success(),
            "seed {seed}: build failed after {done:?}: {}",
            stderr(&out)
        );
        // An edit can reach the watcher as two batches: give a second rebuild its chance.
        let mut diff = differences(&snapshot(&watched), &snapshot(&full));
        while !diff.is_empty() && rebuilt(&lines, Duration::from_secs(2)).is_some() {
            diff = differences(&snapshot(&watched), &snapshot(&full));
        }
        assert!(
            diff.is_empty(),
            "seed {seed}, edit {}: the watched output differs from a full build in {diff:?}\nedits: {done:#?}",
            step + 1
        );
        std::fs::remove_dir_all(&full).unwrap();
    }
}

#[test]
fn incremental_output_equals_a_full_build_seed_1() {
    run_seed(1, 20);
}

#[test]
fn incremental_output_equals_a_full_build_seed_2() {
    run_seed(0x9E37_79B9_7F4A_7C15, 20);
}

#[test]
fn incremental_output_equals_a_full_build_seed_3() {
    run_seed(20_261_201, 20);
}

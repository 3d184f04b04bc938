//! The bundled handbook's content has the shape SPEC and the content model promise: twelve
//! numbered strategies, the four roles, enough scenarios and checklists, pages short enough to
//! read on a phone, a citation on every page that states facts, and a build with no warnings
//! (so every `related` name, link, anchor and citation resolves).
//!
//! Reads only files inside this repository (`content/` under `CARGO_MANIFEST_DIR`).

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use regex::Regex;
use walkdir::WalkDir;

const MAX_WORDS: usize = 1200;

/// Sections whose pages must cite at least one source.
const CITING_SECTIONS: &[&str] = &[
    "strategies",
    "roles",
    "pairing",
    "programme",
    "ethics",
    "development",
];

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn content() -> PathBuf {
    repo().join("content")
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Splits a Markdown file into (front matter, body): the front matter is the text between the
/// first two `---` lines. A file without front matter is all body.
fn split_front_matter(text: &str) -> (String, String) {
    let mut lines = text.lines();
    if lines.next().map(str::trim_end) != Some("---") {
        return (String::new(), text.to_string());
    }
    let mut front = Vec::new();
    let mut closed = false;
    for line in lines.by_ref() {
        if line.trim_end() == "---" {
            closed = true;
            break;
        }
        front.push(line);
    }
    assert!(closed, "front matter is never closed with a `---` line");
    let body: Vec<&str> = lines.collect();
    (front.join("\n"), body.join("\n"))
}

/// The files with extension `ext` directly inside `content/<section>`, `_section.md` left out.
fn files_in(section: &str, ext: &str) -> Vec<PathBuf> {
    let dir = content().join(section);
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.is_file())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .filter(|p| p.file_name().is_some_and(|n| n != "_section.md"))
        .collect();
    files.sort();
    files
}

fn rel(path: &Path) -> String {
    path.strip_prefix(repo())
        .unwrap_or(path)
        .display()
        .to_string()
}

#[test]
fn twelve_strategies_numbered_one_to_twelve() {
    let number = Regex::new(r"(?m)^number:\s*(\d+)\s*$").unwrap();
    let files = files_in("strategies", "md");
    assert_eq!(
        files.len(),
        12,
        "expected 12 strategy files, found {:?}",
        files.iter().map(|p| rel(p)).collect::<Vec<_>>()
    );
    let mut numbers = Vec::new();
    for file in &files {
        let (front, _) = split_front_matter(&read(file));
        let caps = number
            .captures(&front)
            .unwrap_or_else(|| panic!("{} has no `number:` in its front matter", rel(file)));
        numbers.push(caps[1].parse::<u32>().unwrap());
    }
    numbers.sort_unstable();
    assert_eq!(
        numbers,
        (1..=12).collect::<Vec<u32>>(),
        "strategy numbers must be 1..=12, each once"
    );
}

#[test]
fn the_four_roles_are_present() {
    let found: BTreeSet<String> = files_in("roles", "md")
        .iter()
        .map(|p| p.file_stem().unwrap().to_string_lossy().to_string())
        .collect();
    let expected: BTreeSet<String> = ["mentor", "mentee", "committee", "leadership"]
        .into_iter()
        .map(String::from)
        .collect();
    assert_eq!(found, expected, "roles/ must hold exactly the four roles");
}

#[test]
fn at_least_four_scenarios_and_eight_checklists() {
    let scenarios = files_in("scenarios", "md");
    assert!(
        scenarios.len() >= 4,
        "expected at least 4 scenarios, found {}",
        scenarios.len()
    );
    let checklists = files_in("checklists", "yaml");
    assert!(
        checklists.len() >= 8,
        "expected at least 8 checklists, found {}",
        checklists.len()
    );
}

#[test]
fn no_page_body_is_longer_than_the_limit() {
    let mut too_long = Vec::new();
    let mut pages = 0;
    for entry in WalkDir::new(content()) {
        let entry = entry.unwrap();
        let path = entry.path();
        if !entry.file_type().is_file() || path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        pages += 1;
        let (_, body) = split_front_matter(&read(path));
        let words = body.split_whitespace().count();
        if words > MAX_WORDS {
            too_long.push(format!("{} ({words} words)", rel(path)));
        }
    }
    assert!(pages > 0, "no Markdown pages found under content/");
    assert!(
        too_long.is_empty(),
        "pages over {MAX_WORDS} words: {too_long:?}"
    );
}

#[test]
fn every_factual_page_cites_a_source() {
    let mut uncited = Vec::new();
    let mut checked = 0;
    for section in CITING_SECTIONS {
        let files = files_in(section, "md");
        assert!(!files.is_empty(), "content/{section}/ has no pages");
        for file in files {
            checked += 1;
            let (_, body) = split_front_matter(&read(&file));
            if !body.contains("[@") {
                uncited.push(rel(&file));
            }
        }
    }
    assert!(checked >= 30, "only {checked} pages checked");
    assert!(
        uncited.is_empty(),
        "pages without a `[@key]` citation: {uncited:?}"
    );
}

#[test]
fn bundled_handbook_builds_without_warnings() {
    let tmp = tempfile::tempdir().unwrap();
    let out_dir = tmp.path().join("site");
    let output = Command::new(env!("CARGO_BIN_EXE_handbook"))
        .arg("build")
        .arg("--root")
        .arg(repo())
        .arg("--out")
        .arg(&out_dir)
        .current_dir(tmp.path())
        .env("NO_COLOR", "1")
        .output()
        .expect("run handbook build");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "handbook build failed ({}):\n{stderr}",
        output.status
    );
    assert!(
        !stderr.to_lowercase().contains("warning"),
        "handbook build printed warnings:\n{stderr}"
    );
    assert!(
        out_dir.join("index.html").is_file(),
        "no index.html in {}",
        out_dir.display()
    );
}

//! The incremental pipeline equals a full build, byte for byte, after any sequence of edits.
//!
//! `handbook watch` runs on a small generated handbook while a seeded random sequence of edits
//! (weights that reorder pages, retitles, new citations, sources.yaml and book.yaml edits,
//! checklist edits, pages added, renamed and deleted) is applied to it; after each edit the
//! watched output folder is compared with a fresh `handbook build` of the same files.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::mpsc::Receiver;
use std::time::Duration;

use crate::common::server::*;
use crate::common::*;

/// A small, seeded generator (xorshift64*): the same seed gives the same edits.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const SOURCES: &[&str] = &["alpha", "beta", "gamma"];
const WORDS: &[&str] = &[
    "trust",
    "time",
    "goals",
    "feedback",
    "meetings",
    "pairing",
    "probation",
    "review",
];

/// The edited handbook, kept in memory and written out whole after each edit.
struct Book {
    files: BTreeMap<String, String>,
    added: Vec<String>,
    counter: usize,
}

fn guide_page(title: &str, weight: usize, cites: &[&str], body: &str) -> String {
    let citations: String = cites.iter().map(|c| format!(" [@{c}]")).collect();
    format!(
        "---\ntitle: {title}\nweight: {weight}\n---\n## About {title}\n\n{body}{citations}\n\n## Practice\n\nSee [the mentor](../roles/mentor.md).\n"
    )
}

fn sources(notes: &[String]) -> String {
    SOURCES
        .iter()
        .zip(notes)
        .map(|(key, note)| {
            format!("{key}:\n  title: The {key} study\n  year: 2024\n  note: {note}\n")
        })
        .collect()
}

fn checklist(items: &[String]) -> String {
    let items: String = items.iter().map(|i| format!("      - {i}\n")).collect();
    format!("title: First meeting\nsections:\n  - title: Before\n    items:\n{items}")
}

impl Book {
    fn new() -> Book {
        let mut files = BTreeMap::new();
        let mut put = |p: &str, t: String| {
            files.insert(p.to_string(), t);
        };
        put(
            "book.yaml",
            "title: Property Handbook\nsubtitle: First\n".to_string(),
        );
        put(
            "content/index.md",
            "---\ntitle: Home\n---\nWelcome. Start with [the guide](guide/one.md).\n".to_string(),
        );
        put(
            "content/guide/_section.md",
            "---\ntitle: Guide\nweight: 1\n---\nThe guide [@gamma].\n".to_string(),
        );
        for (i, name) in ["one", "two", "three", "four"].iter().enumerate() {
            put(
                &format!("content/guide/{name}.md"),
                guide_page(name, i + 1, &["alpha", "beta"], "Plain words."),
            );
        }
        put(
            "content/roles/_section.md",
            "---\ntitle: Roles\nkind: role\nweight: 2\n---\n".to_string(),
        );
        put(
            "content/roles/mentor.md",
            "---\ntitle: Mentor\nrelated: [guide/two]\nresponsibilities:\n  - Guide [@beta]\n---\nThe mentor [@alpha].\n".to_string(),
        );
        put(
            "content/checklists/_section.md",
            "---\ntitle: Checklists\nkind: checklist\nweight: 3\n---\n".to_string(),
        );
        put(
            "content/checklists/first.yaml",
            checklist(&["Agree a time".into(), "Share goals [@alpha]".into()]),
        );
        put(
            "content/sources.yaml",
            sources(&["One.".into(), "Two.".into(), "Three.".into()]),
        );
        Book {
            files,
            added: Vec::new(),
            counter: 0,
        }
    }

    fn pages(&self) -> Vec<String> {
        self.files
            .keys()
            .filter(|p| p.starts_with("content/guide/") && !p.ends_with("_section.md"))
            .cloned()
            .collect()
    }

    /// One random edit; returns what it did, for the failure message.
    fn edit(&mut self, rng: &mut Rng) -> String {
        let word = *rng.pick(WORDS);
        match rng.below(9) {
            0 => {
                let page = rng.pick(&self.pages()).clone();
                let weight = rng.below(9) + 1;
                let text = &self.files[&page];
                let text = replace_line(text, "weight:", &format!("weight: {weight}"));
                self.files.insert(page.clone(), text);
                format!("weight {weight} on {page}")
            }
            1 => {
                let page = rng.pick(&self.pages()).clone();
                let text = replace_line(&self.files[&page], "title:", &format!("title: {word}"));
                self.files.insert(page.clone(), text);
                format!("retitle {page} as {word}")
            }
            2 => {
                let page = rng.pick(&self.pages()).clone();
                let key = *rng.pick(SOURCES);
                let text = format!("{}\nMore on {word} [@{key}].\n", self.files[&page]);
                self.files.insert(page.clone(), text);
                format!("cite {key} on {page}")
            }
            3 => {
                let notes: Vec<String> = SOURCES
                    .iter()
                    .map(|_| format!("{}.", rng.pick(WORDS)))
                    .collect();
                self.files
                    .insert("content/sources.yaml".into(), sources(&notes));
                format!("sources.yaml notes {notes:?}")
            }
            4 => {
                self.files.insert(
                    "book.yaml".into(),
                    format!("title: Property Handbook\nsubtitle: {word}\n"),
                );
                format!("book.yaml subtitle {word}")
            }
            5 => {
                let n = rng.below(3) + 1;
                let items: Vec<String> = (0..n).map(|i| format!("Talk about {word} {i}")).collect();
                self.files
                    .insert("content/checklists/first.yaml".into(), checklist(&items));
                format!("checklist with {n} items about {word}")
            }
            6 | 7 if !self.added.is_empty() => {
                let i = rng.below(self.added.len());
                let old = self.added.remove(i);
                let text = self.files.remove(&old).unwrap();
                if rng.below(2) == 0 {
                    format!("delete {old}")
                } else {
                    self.counter += 1;
                    let new = format!("content/guide/renamed-{}.md", self.counter);
                    self.files.insert(new.clone(), text);
                    self.added.push(new.clone());
                    format!("rename {old} to {new}")
                }
            }
            _ => {
                self.counter += 1;
                let path = format!("content/guide/added-{}.md", self.counter);
                let key = *rng.pick(SOURCES);
                let weight = rng.below(9) + 1;
                self.files
                    .insert(path.clone(), guide_page(word, weight, &[key], "New page."));
                self.added.push(path.clone());
                format!("add {path} (weight {weight}, cites {key})")
            }
        }
    }

    /// Brings the folder in line with `files`: each changed file by temp file and rename (as
    /// editors save), removed files deleted, renamed ones renamed.
    fn sync(&self, root: &Path, before: &BTreeMap<String, String>) {
        let gone: Vec<&String> = before
            .keys()
            .filter(|p| !self.files.contains_key(*p))
            .collect();
        let new: Vec<&String> = self
            .files
            .keys()
            .filter(|p| !before.contains_key(*p))
            .collect();
        if let ([old], [new]) = (gone.as_slice(), new.as_slice())
            && before[*old] == self.files[*new]
        {
            std::fs::rename(root.join(old), root.join(new)).unwrap();
            return;
        }
        for path in gone {
            std::fs::remove_file(root.join(path)).unwrap();
        }
        for (path, text) in &self.files {
            if before.get(path) != Some(text) {
                let target = root.join(path);
                std::fs::create_dir_all(target.parent().unwrap()).unwrap();
                let temp = target.with_file_name(".edit.tmp");
                std::fs::write(&temp, text).unwrap();
                std::fs::rename(&temp, &target).unwrap();
            }
        }
    }
}

fn replace_line(text: &str, prefix: &str, line: &str) -> String {
    text.lines()
        .map(|l| if l.starts_with(prefix) { line } else { l })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// The next rebuild line from `watch` (a summary, or the note that nothing was written).
fn rebuilt(lines: &Receiver<String>, within: Duration) -> Option<String> {
    let deadline = std::time::Instant::now() + within;
    loop {
        let left = deadline.checked_duration_since(std::time::Instant::now())?;
        let line = lines.recv_timeout(left).ok()?;
        if line.contains(" rendered, ") || line.starts_with("Not written") {
            return Some(line);
        }
    }
}

fn differences(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let mut out = Vec::new();
    for path in a.keys().chain(b.keys()) {
        if a.get(path) != b.get(path) && !out.contains(path) {
            out.push(path.clone());
        }
    }
    out
}

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
        let before = book.files.clone();
        // An edit that leaves every file as it was triggers nothing: draw another.
        let mut what = book.edit(&mut rng);
        while book.files == before {
            what = book.edit(&mut rng);
        }
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

//! Seeded random edits of a small generated handbook, for the property tests that compare a
//! running `watch` (incremental.rs) or `serve` (serve_property.rs) with a full build.
//!
//! `Book::edit` draws the edits both tests make (weights, retitles, citations, sources.yaml,
//! book.yaml, checklists, pages added, renamed and deleted); `serve`'s test adds edit kinds
//! of its own on top, drawn with the same `Rng`, so the watch test's seeds make the edits
//! they always made.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

/// A small, seeded generator (xorshift64*): the same seed gives the same edits.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

pub const SOURCES: &[&str] = &["alpha", "beta", "gamma"];
pub const WORDS: &[&str] = &[
    "trust",
    "time",
    "goals",
    "feedback",
    "meetings",
    "pairing",
    "probation",
    "review",
];

/// The edited handbook, kept in memory and written out after each edit.
pub struct Book {
    /// Every file, by path from the handbook's root.
    pub files: BTreeMap<String, String>,
    /// The pages added by edits (which later edits may rename or delete).
    pub added: Vec<String>,
    /// Numbers new names and texts.
    pub counter: usize,
}

pub fn guide_page(title: &str, weight: usize, cites: &[&str], body: &str) -> String {
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
    pub fn new() -> Book {
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

    /// The guide's pages (not its index), by path.
    pub fn pages(&self) -> Vec<String> {
        self.files
            .keys()
            .filter(|p| p.starts_with("content/guide/") && !p.ends_with("_section.md"))
            .cloned()
            .collect()
    }

    /// Draws edits with `edit` until one changes a file (an edit that leaves every file as it
    /// was triggers nothing). Returns the files as they were, and what `edit` returned.
    pub fn draw<T>(
        &mut self,
        rng: &mut Rng,
        mut edit: impl FnMut(&mut Book, &mut Rng) -> T,
    ) -> (BTreeMap<String, String>, T) {
        let before = self.files.clone();
        let mut made = edit(self, rng);
        while self.files == before {
            made = edit(self, rng);
        }
        (before, made)
    }

    /// One random edit; returns what it did, for the failure message.
    pub fn edit(&mut self, rng: &mut Rng) -> String {
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
                // The other lines of book.yaml (a test's own settings) stay as they are.
                let text = replace_line(
                    &self.files["book.yaml"],
                    "subtitle:",
                    &format!("subtitle: {word}"),
                );
                self.files.insert("book.yaml".into(), text);
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
    pub fn sync(&self, root: &Path, before: &BTreeMap<String, String>) {
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

/// `text` with each line that starts with `prefix` replaced by `line`.
pub fn replace_line(text: &str, prefix: &str, line: &str) -> String {
    text.lines()
        .map(|l| if l.starts_with(prefix) { line } else { l })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// The next rebuild line from `watch` or `serve` (a summary, or the note that nothing was
/// written or served because of errors).
pub fn rebuilt(lines: &Receiver<String>, within: Duration) -> Option<String> {
    let deadline = Instant::now() + within;
    loop {
        let left = deadline.checked_duration_since(Instant::now())?;
        let line = lines.recv_timeout(left).ok()?;
        if line.contains(" rendered, ")
            || line.starts_with("Not written")
            || line.starts_with("The browser shows these errors")
        {
            return Some(line);
        }
    }
}

/// The paths whose bytes differ between `a` and `b` (or that only one has).
pub fn differences(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let mut out = Vec::new();
    for path in a.keys().chain(b.keys()) {
        if a.get(path) != b.get(path) && !out.contains(path) {
            out.push(path.clone());
        }
    }
    out
}

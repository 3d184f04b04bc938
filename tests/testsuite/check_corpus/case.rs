//! The shape of a corpus case: a handbook with one fault, and where it must be reported.

use std::time::Duration;

use crate::common::*;

pub const HOME: &str = "---\ntitle: Home\n---\nWelcome.\n";
pub const STRATEGIES: &str = "---\ntitle: Strategies\nkind: strategy\n---\n";
pub const ROLES: &str = "---\ntitle: Roles\nkind: role\n---\n";
pub const CHECKLISTS: &str = "---\ntitle: Checklists\nkind: checklist\n---\n";
pub const MENTOR: &str = "---\ntitle: Mentor\n---\n## Duties\n\nGuide the mentee.\n";
pub const SOURCES: &str = "rehman2024:\n  title: Mentoring strategies\n";
/// A home page that cites the one source of `SOURCES`, so it is not reported unused.
pub const HOME_CITING: &str = "---\ntitle: Home\n---\nWelcome [@rehman2024].\n";
/// No run may take longer than this (it is killed then): a guard against hangs on hostile
/// input.
pub const LIMIT: Duration = Duration::from_secs(5);

/// One file of a faulty handbook.
pub enum File {
    Text(&'static str, String),
    Bytes(&'static str, Vec<u8>),
    /// A symbolic link at the first path, pointing to the second (as written).
    Symlink(&'static str, &'static str),
    /// Removes a file the base handbook has (book.yaml, content/index.md).
    Absent(&'static str),
    /// Removes a folder the base handbook has (content/).
    AbsentDir(&'static str),
}

pub fn t(path: &'static str, text: impl Into<String>) -> File {
    File::Text(path, text.into())
}

pub struct Case {
    pub name: &'static str,
    pub files: Vec<File>,
    /// The code of the fault.
    pub code: &'static str,
    /// Where: `file:line:column`, or `file` for a diagnostic with no position in text.
    pub at: &'static str,
    /// Other codes the same handbook must report (and no more).
    pub also: &'static [&'static str],
}

pub fn case(name: &'static str, code: &'static str, at: &'static str, files: Vec<File>) -> Case {
    Case {
        name,
        files,
        code,
        at,
        also: &[],
    }
}

impl Case {
    pub fn also(mut self, also: &'static [&'static str]) -> Case {
        self.also = also;
        self
    }

    pub fn warning_only(&self) -> bool {
        std::iter::once(&self.code)
            .chain(self.also)
            .all(|c| c.starts_with("W-"))
    }

    /// Builds the handbook: book.yaml and a home page unless the case replaces or removes them.
    pub fn build(&self) -> (tempfile::TempDir, std::path::PathBuf) {
        let (tmp, root) = handbook_from(&[("content/index.md", HOME)]);
        for file in &self.files {
            match file {
                File::Text(path, text) => write(&root, path, text),
                File::Bytes(path, bytes) => write_bytes(&root, path, bytes),
                File::Symlink(link, target) => {
                    let link = root.join(link);
                    std::fs::create_dir_all(link.parent().unwrap()).unwrap();
                    symlink(target, &link);
                }
                File::Absent(path) => std::fs::remove_file(root.join(path)).unwrap(),
                File::AbsentDir(path) => std::fs::remove_dir_all(root.join(path)).unwrap(),
            }
        }
        (tmp, root)
    }
}

pub fn alias_bomb() -> String {
    let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    for pair in names.windows(2) {
        let (prev, name) = (pair[0], pair[1]);
        let refs = vec![format!("*{prev}"); 10].join(", ");
        bomb.push_str(&format!("{name}: &{name} [{refs}]\n"));
    }
    bomb
}

pub fn deep_nest() -> String {
    "[".repeat(20_000) + &"]".repeat(20_000)
}

pub fn strategy(title: &str, number: &str) -> String {
    format!("---\ntitle: {title}\nnumber: {number}\n---\nBody.\n")
}

/// A checklist section with one good checklist, so that the section is never empty when the
/// faulty file beside it fails to load.
pub fn checklists(faulty: File) -> Vec<File> {
    vec![
        t("content/checklists/_section.md", CHECKLISTS),
        t(
            "content/checklists/good.yaml",
            "title: Good\nsections:\n  - title: Start\n    items: [Say hello]\n",
        ),
        faulty,
    ]
}

/// A strategy section with one good strategy (number 1) beside the faulty file.
pub fn strategies(faulty: File) -> Vec<File> {
    vec![
        t("content/strategies/_section.md", STRATEGIES),
        t("content/strategies/niceness.md", strategy("Niceness", "1")),
        faulty,
    ]
}

pub fn checklist(items: &str) -> String {
    format!("title: First meeting\nsections:\n  - title: Before\n    items:\n{items}")
}

#[cfg(unix)]
fn symlink(target: &str, link: &std::path::Path) {
    std::os::unix::fs::symlink(target, link).unwrap();
}

#[cfg(windows)]
fn symlink(target: &str, link: &std::path::Path) {
    std::os::windows::fs::symlink_file(target, link).unwrap();
}

//! The handbook's editions, read from git: what changed in each, for the `/changes/` page.
//!
//! An edition is a git tag `edition-NAME`. Editions are ordered by their tag's commit time
//! (then name), and each is compared with the one before it, commit to commit: the working
//! tree is never read (so `serve` and a full build agree), and uncommitted edits belong to
//! no edition. The commits after the last tag are the edition that book.yaml's `edition:`
//! names, being prepared. Only files under the handbook's root count, which may be a folder
//! of the repository.
//!
//! The history is read once, when a session starts (`build`, `check`, or `serve` when it
//! starts); it is plain data, and the renderer maps its files to the site's pages. A git
//! fault is a warning and an empty history, never a failed build.

mod git;
pub mod notes;

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use std::path::Path;

pub use notes::Notes;

/// The prefix of the tags that mark editions.
pub const TAG_PREFIX: &str = "edition-";

/// The handbook's editions as the repository has them, with the committee's notes.
#[derive(Debug, Clone, Hash, Default)]
pub struct History {
    pub editions: Editions,
    pub notes: Notes,
    /// CHANGES.md as it was read, for `check`.
    pub notes_text: Option<String>,
}

/// What the repository says about the handbook's editions.
#[derive(Debug, Clone, Hash, Default)]
pub enum Editions {
    /// Not read (a site loaded outside a session).
    #[default]
    Unread,
    /// The handbook is not in a git repository.
    NotGit,
    /// The repository has no `edition-*` tag.
    NoTags,
    /// The repository could not be read (a warning says why).
    Unreadable,
    /// Newest first: the edition being prepared (when there are commits after the last
    /// tag), then the tagged editions.
    Listed(Vec<Edition>),
}

/// One edition and what changed in it since the one before.
#[derive(Debug, Clone, Hash, PartialEq, Eq)]
pub struct Edition {
    /// The tag's NAME; `None` for the commits after the last tag, whose name is book.yaml's
    /// `edition:` (read when the page is rendered, so that it follows book.yaml).
    pub name: Option<String>,
    /// The day of the tag's commit (`YYYY-MM-DD`, in the committer's time zone).
    pub date: Option<String>,
    /// The first edition, compared with nothing.
    pub first: bool,
    /// Sorted by path.
    pub pages: Vec<PageChange>,
    /// Sorted by name.
    pub rules: Vec<RuleChange>,
}

/// How a page's file changed between two editions.
#[derive(Debug, Clone, Copy, Hash, PartialEq, Eq, PartialOrd, Ord)]
pub enum How {
    Added,
    Changed,
    Renamed,
    Removed,
}

/// A page file (Markdown or checklist YAML) that changed.
#[derive(Debug, Clone, Hash, PartialEq, Eq, PartialOrd, Ord)]
pub struct PageChange {
    /// Its path under content/, in the newer edition (the older one for a removed page).
    pub path: String,
    pub how: How,
    /// The title its file gives in that edition, when it could be read.
    pub title: Option<String>,
    /// A renamed page: its path and title before.
    pub before: Option<(String, Option<String>)>,
    /// A renamed page whose text changed too.
    pub edited: bool,
}

/// A local rule (`rules:` in book.yaml) whose value changed; `None`: not set.
#[derive(Debug, Clone, Hash, PartialEq, Eq)]
pub struct RuleChange {
    pub name: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// Reads the editions of the handbook at `root` (whose pages are in its folder `content`),
/// and its notes. A fault of the repository is a warning.
pub fn read(root: &Path, content: &str, diagnostics: &mut Diagnostics) -> History {
    let editions = match git::editions(root, content) {
        Ok(editions) => editions,
        Err(message) => {
            diagnostics.push(
                Diagnostic::new(
                    Code::History,
                    format!("the editions could not be read from git: {message}"),
                )
                .hint(
                    "the site is built all the same; its page of changes says it cannot list them",
                ),
            );
            Editions::Unreadable
        }
    };
    let notes_text = notes::read(root);
    History {
        editions,
        notes: notes_text.as_deref().map(notes::parse).unwrap_or_default(),
        notes_text,
    }
}

/// What the file of a page says of itself in one commit: its title, and whether it is a
/// draft (left out of the site, so of its changes too).
#[derive(Debug, Default, PartialEq)]
struct Facts {
    title: Option<String>,
    draft: bool,
}

/// The title and draft flag of a page file's text: front matter for Markdown, the whole
/// file for a checklist. Anything unreadable gives no title.
fn facts(path: &str, text: &str) -> Facts {
    let yaml = if path.ends_with(".md") {
        match front_matter(text) {
            Some(yaml) => yaml,
            None => return Facts::default(),
        }
    } else {
        text
    };
    let Ok(node) = crate::yaml::parse(0, yaml) else {
        return Facts::default();
    };
    let field = |name: &str| field(&node, name);
    Facts {
        title: field("title")
            .and_then(|n| n.as_text())
            .filter(|t| !t.trim().is_empty()),
        draft: matches!(
            field("draft").map(|n| &n.value),
            Some(crate::yaml::Value::Bool(true))
        ),
    }
}

/// The YAML between a Markdown file's `---` lines.
fn front_matter(text: &str) -> Option<&str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))?;
    let mut at = 0;
    for line in rest.split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            return Some(&rest[..at]);
        }
        at += line.len();
    }
    None
}

/// The `rules:` of a book.yaml's text, by name (an unreadable file has none).
fn rules(text: &str) -> std::collections::BTreeMap<String, String> {
    let Ok(node) = crate::yaml::parse(0, text) else {
        return Default::default();
    };
    match field(&node, "rules").map(|n| &n.value) {
        Some(crate::yaml::Value::Map(entries)) => entries
            .iter()
            .filter_map(|(k, v)| Some((k.as_text()?, v.as_text()?)))
            .collect(),
        _ => Default::default(),
    }
}

/// The value of `name` in a YAML mapping.
fn field<'a>(node: &'a crate::yaml::Node, name: &str) -> Option<&'a crate::yaml::Node> {
    match &node.value {
        crate::yaml::Value::Map(entries) => entries
            .iter()
            .find(|(k, _)| k.as_text().as_deref() == Some(name))
            .map(|(_, v)| v),
        _ => None,
    }
}

/// The rules whose values differ between two book.yaml texts, by name.
fn rule_changes(before: Option<&str>, after: Option<&str>) -> Vec<RuleChange> {
    let (before, after) = (
        before.map(rules).unwrap_or_default(),
        after.map(rules).unwrap_or_default(),
    );
    let mut names: Vec<&String> = before.keys().chain(after.keys()).collect();
    names.sort();
    names.dedup();
    names
        .into_iter()
        .filter(|n| before.get(*n) != after.get(*n))
        .map(|n| RuleChange {
            name: n.clone(),
            before: before.get(n).cloned(),
            after: after.get(n).cloned(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_come_from_front_matter_or_the_checklist() {
        let page = "---\ntitle: Trust\ndraft: true\n---\nBody\n";
        assert_eq!(
            facts("strategies/trust.md", page),
            Facts {
                title: Some("Trust".into()),
                draft: true
            }
        );
        assert_eq!(
            facts(
                "checklists/first.yaml",
                "title: First meeting\nsections: []\n"
            )
            .title,
            Some("First meeting".into())
        );
        assert_eq!(facts("a.md", "no front matter").title, None);
        assert_eq!(facts("a.md", "---\ntitle: [unclosed\n---\n").title, None);
    }

    #[test]
    fn rules_that_changed_are_listed_by_name() {
        let before = "title: T\nrules:\n  meetings: 4\n  weeks: 6\n  gone: x\n";
        let after = "title: T\nrules:\n  meetings: 6\n  weeks: 6\n  new: y\n";
        let changes = rule_changes(Some(before), Some(after));
        let names: Vec<&str> = changes.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["gone", "meetings", "new"]);
        assert_eq!(changes[1].before.as_deref(), Some("4"));
        assert_eq!(changes[1].after.as_deref(), Some("6"));
        assert_eq!(changes[2].before, None);
    }
}

//! `handbook new KIND "Title"`: a correctly named file with its kind's fields filled in.

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::console::Console;
use crate::content::{self, CONTENT_DIR, Kind};
use crate::diagnostic::Diagnostics;
use crate::slug::slugify;

pub fn run(console: &Console, root: &Path, kind: Kind, title: &str) -> bool {
    let slug = slugify(title);
    if slug.is_empty() {
        console.failure("the title needs at least one letter or digit, to name the file");
        return false;
    }
    // The handbook may have errors (that is often why one adds a page); load what loads.
    let mut ignored = Diagnostics::new();
    let Some(config) = Config::load(root, &mut ignored) else {
        console.failure(&format!(
            "{} has no readable book.yaml; run `handbook init` first",
            root.display()
        ));
        return false;
    };
    let site = content::load(root, config, &mut ignored);
    let dir = match kind {
        Kind::Page => String::new(),
        _ => site
            .sections
            .iter()
            .find(|s| s.kind == kind && !s.dir.is_empty())
            .map_or_else(|| default_dir(kind).to_string(), |s| s.dir.clone()),
    };
    let content = root.join(CONTENT_DIR);
    let (file_name, text) = match kind {
        Kind::Strategy => {
            let next = next_number(site.pages.iter().filter_map(|p| p.number()));
            (format!("{next:02}-{slug}.md"), strategy(title, next))
        }
        Kind::Checklist => (format!("{slug}.yaml"), checklist(title)),
        Kind::Role => (format!("{slug}.md"), role(title)),
        Kind::Scenario => (format!("{slug}.md"), scenario(title)),
        Kind::Page => (format!("{slug}.md"), page(title)),
    };
    let folder = if dir.is_empty() {
        content.clone()
    } else {
        content.join(&dir)
    };
    let path: PathBuf = folder.join(&file_name);
    if path.exists() {
        console.failure(&format!(
            "{} already exists; choose another title",
            path.display()
        ));
        return false;
    }
    let section_file = folder.join("_section.md");
    let mut written = std::fs::create_dir_all(&folder);
    if written.is_ok() && !dir.is_empty() && !section_file.exists() {
        let intro = format!(
            "---\ntitle: {}\nkind: {}\n---\n",
            yaml_text(&title_case(&dir)),
            kind.name()
        );
        written = std::fs::write(&section_file, intro);
    }
    if let Err(err) = written.and_then(|()| std::fs::write(&path, text)) {
        console.failure(&format!("cannot write {}: {err}", path.display()));
        return false;
    }
    println!("{}", path.display());
    true
}

/// The number after the highest strategy's. Numbers come from front matter, so the highest
/// may be `i64::MAX` (then the new page shares it, and `check` says so) or below 1.
fn next_number(numbers: impl Iterator<Item = i64>) -> i64 {
    numbers.max().unwrap_or(0).max(0).saturating_add(1)
}

fn default_dir(kind: Kind) -> &'static str {
    match kind {
        Kind::Strategy => "strategies",
        Kind::Role => "roles",
        Kind::Checklist => "checklists",
        Kind::Scenario => "scenarios",
        Kind::Page => "",
    }
}

fn title_case(dir: &str) -> String {
    let mut chars = dir.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default()
}

/// Quoted for YAML, so titles with `:` or `#` stay text.
fn yaml_text(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

const BODY: &str = "Write the page here in Markdown. Cite a source with `[@key]`, using a key from \
content/sources.yaml, and link to another page by its file, e.g. `[the mentor](../roles/mentor.md)`.\n";

fn page(title: &str) -> String {
    format!(
        "---\ntitle: {}\nsummary: One sentence saying what this page is for.\nrelated: []\nsources: []\n---\n{BODY}",
        yaml_text(title)
    )
}

fn strategy(title: &str, number: i64) -> String {
    format!(
        "---\ntitle: {}\nnumber: {number}\nroles: []          # who acts, e.g. [mentor, mentee]\nsummary: One sentence saying what this strategy asks of mentor and mentee.\nrelated: []\nsources: []\n---\n## What it means in practice\n\n{BODY}\n## Practices for mentors\n\n- …\n\n## Practices for mentees\n\n- …\n",
        yaml_text(title)
    )
}

fn role(title: &str) -> String {
    format!(
        "---\ntitle: {}\nsummary: One sentence saying who holds this role.\nresponsibilities:\n  - The first responsibility, in a short sentence.\nrelated: []\nsources: []\n---\n{BODY}",
        yaml_text(title)
    )
}

fn scenario(title: &str) -> String {
    format!(
        "---\ntitle: {}\nsummary: One sentence describing the dilemma.\nthemes: []\ndiscussion:\n  - A question for the group to discuss.\nrelated: []\nsources: []\n---\nThis is an invented training scenario.\n\n{BODY}",
        yaml_text(title)
    )
}

fn checklist(title: &str) -> String {
    format!(
        "title: {}\naudience: [mentor, mentee]\nwhen: When to use this checklist\nintro: One sentence on what the checklist is for.\nsections:\n  - title: Before\n    items:\n      - The first thing to do\n  - title: After\n    items:\n      - The last thing to do\nsign_off: []        # e.g. [mentor, mentee] for signature lines in print\nrelated: []\nsources: []\n",
        yaml_text(title)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_strategy_number_never_overflows() {
        assert_eq!(next_number([3, 1, 2].into_iter()), 4);
        assert_eq!(next_number(std::iter::empty()), 1);
        assert_eq!(next_number([-7].into_iter()), 1);
        assert_eq!(next_number([i64::MAX].into_iter()), i64::MAX);
    }
}

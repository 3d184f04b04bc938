//! The committee's notes on its editions: an optional `CHANGES.md` at the handbook's root,
//! one `## NAME` heading per edition, the Markdown under it shown with that edition.

use std::collections::BTreeMap;
use std::path::Path;

/// The file the notes are read from, at the handbook's root.
pub const FILE: &str = "CHANGES.md";

/// The notes, by edition name: the Markdown under each `## NAME` heading.
pub type Notes = BTreeMap<String, String>;

/// Reads `CHANGES.md` at `root`; none when it is missing or not UTF-8 text.
pub fn read(root: &Path) -> Option<String> {
    std::fs::read(root.join(FILE))
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
}

/// Splits the text at its `## ` headings (not inside fenced code). Text before the first
/// heading, and headings with nothing under them, give no note.
pub fn parse(text: &str) -> Notes {
    let mut notes = Notes::new();
    let mut current: Option<(String, String)> = None;
    let mut fence: Option<&str> = None;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some(open) = fence {
            if trimmed.starts_with(open) {
                fence = None;
            }
        } else if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(&trimmed[..3]);
        } else if let Some(name) = line.strip_prefix("## ") {
            keep(&mut notes, current.take());
            let name = name.trim().trim_end_matches('#').trim().to_string();
            current = Some((name, String::new()));
            continue;
        }
        if let Some((_, body)) = current.as_mut() {
            body.push_str(line);
        }
    }
    keep(&mut notes, current);
    notes
}

fn keep(notes: &mut Notes, note: Option<(String, String)>) {
    if let Some((name, body)) = note
        && !name.is_empty()
        && !body.trim().is_empty()
    {
        notes.insert(name, body.trim().to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_heading_holds_its_editions_notes() {
        let text = "# Changes\n\nIntro.\n\n## 2026\n\nMeetings are now **six** a year.\n\n\
                    ```md\n## not a heading\n```\n\n## 2025 ##\n\nFirst edition.\n## empty\n";
        let notes = parse(text);
        assert_eq!(notes.len(), 2);
        assert!(notes["2026"].starts_with("Meetings are now"));
        assert!(notes["2026"].contains("## not a heading"));
        assert_eq!(notes["2025"], "First edition.");
    }
}

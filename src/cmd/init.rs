//! `handbook init`: write the bundled handbook (compiled into the binary) as a starting point,
//! with a CI workflow that checks and publishes it (`ci`).

pub mod ci;

use std::path::Path;

use crate::config;
use crate::console::Console;
use crate::embedded::BUNDLED_HANDBOOK;
use ci::Ci;

pub fn run(
    console: &Console,
    dir: &Path,
    institution: Option<&str>,
    ci: Ci,
    source: Option<&str>,
) -> bool {
    let workflow = ci::workflow(ci, source);
    let existing: Vec<String> = BUNDLED_HANDBOOK
        .iter()
        .map(|(rel, _)| *rel)
        .chain(workflow.as_ref().map(|(rel, _)| *rel))
        .filter(|rel| taken(dir, rel))
        .map(str::to_string)
        .collect();
    if !existing.is_empty() {
        let shown: Vec<&str> = existing.iter().take(5).map(String::as_str).collect();
        console.failure(&format!(
            "{} already holds files or links that init would overwrite or write through: {}{}\nnothing was written; choose an empty folder",
            dir.display(),
            shown.join(", "),
            if existing.len() > shown.len() { ", …" } else { "" }
        ));
        return false;
    }
    let files = BUNDLED_HANDBOOK.iter().map(|(rel, bytes)| {
        let contents = if *rel == config::FILE_NAME {
            let text = without_sample(&String::from_utf8_lossy(bytes));
            match institution {
                Some(name) => set_institution(&text, name).into_bytes(),
                None => text.into_bytes(),
            }
        } else {
            bytes.to_vec()
        };
        (*rel, contents)
    });
    let files = files.chain(workflow.map(|(rel, text)| (rel, text.into_bytes())));
    let files = files.chain(gitignore(dir).map(|text| (GITIGNORE, text.into_bytes())));
    let mut count = 0;
    for (rel, contents) in files {
        let path = dir.join(rel);
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&path, contents));
        if let Err(err) = written {
            console.failure(&format!("cannot write {}: {err}", path.display()));
            return false;
        }
        count += 1;
    }
    let publishing = match ci {
        Ci::Github => format!(
            "\nThe handbook is checked and published by {}: push it to GitHub and turn Pages on (Settings > Pages > Source: GitHub Actions).",
            ci::GITHUB_FILE
        ),
        Ci::Gitlab => format!(
            "\nThe handbook is checked and published on GitLab Pages by {}.",
            ci::GITLAB_FILE
        ),
        Ci::None => String::new(),
    };
    console.status(&format!(
        "Created a handbook in {} ({count} files).{publishing}\nNext: edit book.yaml, then run `handbook build --root {}`",
        dir.display(),
        dir.display()
    ));
    true
}

const GITIGNORE: &str = ".gitignore";

/// What git should not keep: the built site, what a build stages beside it, and the answers
/// `check --external` keeps for a week.
const IGNORED: &[&str] = &["/public/", "/.public.*", "/.handbook-links.json"];

/// The `.gitignore` to write: a new one, or the folder's own (a repository made on a forge
/// often has one) with the lines it lacks added; none when it has them all or is not a file.
fn gitignore(dir: &Path) -> Option<String> {
    let path = dir.join(GITIGNORE);
    match path.symlink_metadata() {
        Err(_) => Some(format!(
            "# Not kept in git (written by `handbook init`): the built site and the answers of\n\
             # `handbook check --external`.\n{}\n",
            IGNORED.join("\n")
        )),
        Ok(meta) if meta.is_file() => {
            let mut text = std::fs::read_to_string(&path).ok()?;
            let missing: Vec<&str> = IGNORED
                .iter()
                .copied()
                .filter(|line| !text.lines().any(|l| l.trim() == *line))
                .collect();
            if missing.is_empty() {
                return None;
            }
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            text.push_str(&format!("# handbook\n{}\n", missing.join("\n")));
            Some(text)
        }
        Ok(_) => None,
    }
}

/// Whether writing `rel` under `dir` would overwrite something or leave the folder: the file
/// exists (a dangling link counts), or a folder on the way is a link, through which the write
/// would land wherever the link points.
fn taken(dir: &Path, rel: &str) -> bool {
    let mut at = dir.to_path_buf();
    for part in rel.split('/') {
        at.push(part);
        match at.symlink_metadata() {
            Ok(m) if m.file_type().is_symlink() => return true,
            Ok(_) => {}
            Err(_) => return false,
        }
    }
    true
}

/// book.yaml without its `sample: true` line and the comment above it: a committee's own
/// handbook is no sample, so `check` warns about the placeholders it still holds.
fn without_sample(book_yaml: &str) -> String {
    let mut lines: Vec<&str> = book_yaml.lines().collect();
    if let Some(at) = lines.iter().position(|l| l.starts_with("sample:")) {
        let start = lines[..at]
            .iter()
            .rposition(|l| !l.starts_with('#'))
            .map_or(0, |i| i + 1);
        lines.drain(start..=at);
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

/// Replaces the institution's name (and short name) in book.yaml's text, keeping its comments.
fn set_institution(book_yaml: &str, name: &str) -> String {
    let quoted = serde_json::to_string(name).unwrap_or_default();
    let short = initials(name);
    let mut in_institution = false;
    let mut out = String::with_capacity(book_yaml.len());
    for line in book_yaml.lines() {
        if !line.starts_with(' ') && !line.is_empty() {
            in_institution = line.starts_with("institution:");
        }
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        if in_institution && trimmed.starts_with("name:") {
            out.push_str(&format!("{indent}name: {quoted}\n"));
        } else if in_institution && trimmed.starts_with("short_name:") {
            out.push_str(&format!(
                "{indent}short_name: {}\n",
                serde_json::to_string(&short).unwrap_or_default()
            ));
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter(|w| !["of", "and", "the", "for", "&"].contains(&w.to_lowercase().as_str()))
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_uppercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn institution_name_replaces_only_the_institution() {
        let yaml = "title: T\ninstitution:\n  name: Old # keep\n  short_name: O\ntheme: default\n";
        let out = set_institution(yaml, "Aga Khan University");
        assert!(out.contains("  name: \"Aga Khan University\"\n"));
        assert!(out.contains("  short_name: \"AKU\"\n"));
        assert!(out.starts_with("title: T\n"));
    }
}

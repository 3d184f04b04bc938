//! The CI workflow `init` writes installs `handbook` from a git address. Until the committee
//! gives the real one (`init --handbook-source`, or by editing the file), it is a placeholder
//! and the workflow would fail at its first step: `check` warns at the place, as it does for
//! book.yaml's placeholders (and, like them, not in the bundled sample). Only `check` reads
//! these files; a site is built without them.

use std::path::Path;

use super::addresses::is_placeholder;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::source::SourceFile;

/// Where `init` writes each platform's workflow, relative to the handbook's root (which is the
/// repository's: both platforms read their workflow from there).
pub const GITHUB_FILE: &str = ".github/workflows/handbook.yml";
pub const GITLAB_FILE: &str = ".gitlab-ci.yml";

/// Warns at each placeholder address outside a comment in the handbook's CI workflows.
pub fn check_ci_files(root: &Path, diagnostics: &mut Diagnostics) {
    for rel in [GITHUB_FILE, GITLAB_FILE] {
        let Ok(text) = std::fs::read_to_string(root.join(rel)) else {
            continue;
        };
        let file = SourceFile::new(rel, text);
        let mut line_start = 0;
        for line in file.text.split_inclusive('\n') {
            if !line.trim_start().starts_with('#') {
                for (at, word) in words(line) {
                    if is_placeholder(word) {
                        let value = word.trim_matches(|c| c == '"' || c == '\'');
                        let start = line_start + at;
                        diagnostics.push(
                            Diagnostic::new(
                                Code::Placeholder,
                                format!("the CI workflow installs handbook from a placeholder: `{value}`"),
                            )
                            .at(&file, start..start + word.len())
                            .hint("write the git address of handbook's source here (`handbook init --handbook-source URL` writes it)"),
                        );
                    }
                }
            }
            line_start += line.len();
        }
    }
}

/// The words of a line (split at white space), each with its byte offset in the line.
fn words(line: &str) -> impl Iterator<Item = (usize, &str)> {
    line.split(char::is_whitespace)
        .filter(|word| !word.is_empty())
        // Each word is a slice of the line: where it starts is where it lies.
        .map(move |word| (word.as_ptr().addr() - line.as_ptr().addr(), word))
}

#[cfg(test)]
mod tests {
    #[test]
    fn words_know_where_they_are() {
        let words: Vec<_> = super::words("  a: \"b\u{a0}c\"\n").collect();
        assert_eq!(words, [(2, "a:"), (5, "\"b"), (9, "c\"")]);
    }
}

//! A source file as the user wrote it: its path for display, its text, and the arithmetic that
//! turns byte offsets into the line and column numbers an editor shows.
//!
//! Every diagnostic points into one of these, so the text is shared (`Arc`) rather than copied.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Debug)]
pub struct SourceFile {
    /// Path relative to the handbook root (what the user recognises), with `/` separators.
    pub path: PathBuf,
    pub text: String,
    /// A hash of the text, computed once, for rebuild fingerprints.
    pub hash: u64,
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Arc<SourceFile> {
        let text = text.into();
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        // A fixed seed: the same text hashes the same in every process.
        let hash =
            std::hash::BuildHasher::hash_one(&foldhash::quality::FixedState::default(), &text);
        Arc::new(SourceFile {
            path: path.into(),
            text,
            hash,
            line_starts,
        })
    }

    pub fn display_path(&self) -> String {
        display_path(&self.path)
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = self.clamp(offset);
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let column = self.text[start..offset].chars().count() + 1;
        (line + 1, column)
    }

    /// Byte offset of a 1-based line and column (in characters).
    pub fn offset(&self, line: usize, column: usize) -> usize {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        self.text[start..]
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(self.text.len(), |(i, _)| start + i)
    }

    /// The span widened to at least one character, inside the text and on char boundaries.
    pub fn clamp_span(&self, span: Range<usize>) -> Range<usize> {
        let start = self.clamp(span.start);
        let mut end = self.clamp(span.end.max(start));
        if end == start {
            end = self.text[start..]
                .chars()
                .next()
                .filter(|c| *c != '\n')
                .map_or(start, |c| start + c.len_utf8());
        }
        start..end
    }

    fn clamp(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }
}

/// A path as shown to users: relative, with forward slashes on every platform.
pub fn display_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let file = SourceFile::new("a.md", "ab\nçdé\n");
        assert_eq!(file.line_col(0), (1, 1));
        assert_eq!(file.line_col(3), (2, 1));
        assert_eq!(file.line_col("ab\nçd".len()), (2, 3));
        assert_eq!(file.offset(2, 3), "ab\nçd".len());
    }

    #[test]
    fn empty_spans_widen_to_one_character() {
        let file = SourceFile::new("a.md", "xé");
        assert_eq!(file.clamp_span(1..1), 1..3);
        assert_eq!(file.clamp_span(9..9), 3..3);
    }
}

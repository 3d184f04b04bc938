//! Diagnostics: every problem `handbook` finds in a handbook, as a value.
//!
//! Stages never print and never stop at the first fault: they push `Diagnostic`s into a
//! `Diagnostics` list, and the command at the edge decides how to show them (a source snippet
//! with the span underlined, one JSON object per line, or what a CI platform shows on the
//! changed lines) and which exit code follows.

use std::fmt::Write as _;
use std::ops::Range;
use std::sync::Arc;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

use crate::source::SourceFile;

mod code;
mod platforms;

pub use code::Code;
pub use platforms::{github_command, gitlab_report};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// Where a diagnostic points: a span of bytes in a source file.
#[derive(Debug, Clone)]
pub struct Location {
    pub file: Arc<SourceFile>,
    pub span: Range<usize>,
}

#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable code, e.g. `E-FIELD-UNKNOWN`: documented, greppable, safe to match on in tests.
    pub code: Code,
    pub message: String,
    pub hint: Option<String>,
    pub location: Option<Location>,
    /// For faults that concern a whole file with no text to point into (unreadable, not UTF-8).
    pub path: Option<String>,
}

impl Diagnostic {
    /// A diagnostic of `code`, with the code's severity.
    pub fn new(code: Code, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: code.severity(),
            code,
            message: message.into(),
            hint: None,
            location: None,
            path: None,
        }
    }

    pub fn at(mut self, file: &Arc<SourceFile>, span: Range<usize>) -> Diagnostic {
        let span = file.clamp_span(span);
        self.location = Some(Location {
            file: Arc::clone(file),
            span,
        });
        self
    }

    pub fn in_file(mut self, path: impl Into<String>) -> Diagnostic {
        self.path = Some(path.into());
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }

    pub fn hint_opt(mut self, hint: Option<String>) -> Diagnostic {
        self.hint = hint;
        self
    }

    pub fn file_name(&self) -> Option<String> {
        match &self.location {
            Some(loc) => Some(loc.file.display_path()),
            None => self.path.clone(),
        }
    }

    /// 1-based (line, column, end line, end column), when the diagnostic points into text.
    pub fn position(&self) -> Option<(usize, usize, usize, usize)> {
        let loc = self.location.as_ref()?;
        let (line, column) = loc.file.line_col(loc.span.start);
        let (end_line, end_column) = loc.file.line_col(loc.span.end);
        Some((line, column, end_line, end_column))
    }

    fn sort_key(&self) -> (Option<String>, usize, Severity, &'static str) {
        let start = self.location.as_ref().map_or(0, |l| l.span.start);
        (self.file_name(), start, self.severity, self.code.name())
    }

    /// The human form: `error[CODE]: message`, then `--> file:line:col` with the snippet.
    pub fn render(&self, color: bool) -> String {
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let title = level.primary_title(&self.message).id(self.code.name());
        let group = if let Some(loc) = &self.location {
            Group::with_title(title).element(
                Snippet::source(&loc.file.text)
                    .path(loc.file.display_path())
                    .fold(true)
                    .annotation(AnnotationKind::Primary.span(loc.span.clone())),
            )
        } else if let Some(path) = &self.path {
            Group::with_title(title).element(Level::NOTE.message(format!("in {path}")))
        } else {
            Group::with_title(title)
        };
        let mut report: Vec<Group> = vec![group];
        if let Some(hint) = &self.hint {
            report.push(Group::with_title(Level::HELP.secondary_title(hint)));
        }
        renderer.render(&report)
    }

    pub fn to_json(&self) -> String {
        #[derive(Serialize)]
        struct Json<'a> {
            file: Option<String>,
            line: Option<usize>,
            column: Option<usize>,
            end_line: Option<usize>,
            end_column: Option<usize>,
            severity: Severity,
            code: &'a str,
            message: &'a str,
            hint: Option<&'a str>,
        }
        let pos = self.position();
        let json = Json {
            file: self.file_name(),
            line: pos.map(|p| p.0),
            column: pos.map(|p| p.1),
            end_line: pos.map(|p| p.2),
            end_column: pos.map(|p| p.3),
            severity: self.severity,
            code: self.code.name(),
            message: &self.message,
            hint: self.hint.as_deref(),
        };
        serde_json::to_string(&json).unwrap_or_default()
    }
}

/// Every diagnostic of one run, in the order they are reported.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
    /// The same fault met many times (a template error on every page) is reported once.
    seen: std::collections::HashSet<(Code, String, Option<String>, usize, usize)>,
}

impl Diagnostics {
    pub fn new() -> Diagnostics {
        Diagnostics::default()
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        let span = diagnostic
            .location
            .as_ref()
            .map_or(0..0, |l| l.span.clone());
        let key = (
            diagnostic.code,
            diagnostic.message.clone(),
            diagnostic.file_name(),
            span.start,
            span.end,
        );
        if self.seen.insert(key) {
            self.items.push(diagnostic);
        }
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        for diagnostic in other {
            self.push(diagnostic);
        }
    }

    pub fn error_count(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warning_count(&self) -> usize {
        self.count(Severity::Warning)
    }

    pub fn has_errors(&self) -> bool {
        self.error_count() > 0
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    fn count(&self, severity: Severity) -> usize {
        self.items.iter().filter(|d| d.severity == severity).count()
    }

    /// Sorted by file and position, so output is the same whatever order the threads ran in.
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        self.items
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// A one-line tally, e.g. `2 errors, 1 warning`.
pub fn tally(errors: usize, warnings: usize) -> String {
    let mut out = String::new();
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let _ = write!(out, "{errors} error{}", plural(errors));
    if warnings > 0 {
        let _ = write!(out, ", {warnings} warning{}", plural(warnings));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_form_names_file_line_and_column() {
        let file = SourceFile::new("content/a.md", "---\ntitel: X\n---\n");
        let d = Diagnostic::new(Code::FieldUnknown, "unknown field `titel`")
            .at(&file, 4..9)
            .hint("did you mean `title`?");
        let text = d.render(false);
        assert!(text.contains("content/a.md:2:1"), "{text}");
        assert!(text.contains("titel: X"), "{text}");
        assert!(text.contains("did you mean `title`?"), "{text}");
        assert_eq!(d.position(), Some((2, 1, 2, 6)));
    }

    #[test]
    fn json_form_has_every_field() {
        let file = SourceFile::new("book.yaml", "x: 1\n");
        let d = Diagnostic::new(Code::ImageAlt, "m").at(&file, 0..1);
        let v: serde_json::Value = serde_json::from_str(&d.to_json()).unwrap();
        for key in [
            "file",
            "line",
            "column",
            "end_line",
            "end_column",
            "severity",
            "code",
        ] {
            assert!(v.get(key).is_some(), "{key}");
        }
        assert_eq!(v["severity"], "warning");
    }
}

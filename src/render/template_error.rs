//! Diagnostics for templates that fail to parse or render, pointed at the template and, where
//! Tera says, the line and column.
//!
//! Which template failed is always known from the handbook's side: each template is parsed
//! on its own, inheritance faults name their templates in Tera's error kinds, and a render
//! names the template it rendered (with the templates it extends). Tera gives a fault's
//! position and a missing variable's name only in its message; `TeraSays` reads those two
//! things, and its tests pin the wording of the Tera release in Cargo.lock, so an upgrade
//! that changes it fails the tests instead of losing positions silently.

use std::sync::Arc;

use tera::ErrorKind;

use crate::diagnostic::{Code, Diagnostic};
use crate::source::SourceFile;

const HINT: &str = "see the Tera template documentation for the syntax; `handbook` passes `page`, `site`, `nav` and more to each template";

/// A fault of `file` found while parsing it on its own.
pub(super) fn parse_error(file: &Arc<SourceFile>, err: &tera::Error) -> Diagnostic {
    let says = TeraSays::of(err);
    let d = Diagnostic::new(Code::Template, format!("template error: {}", says.message)).hint(HINT);
    match says.position {
        Some((line, col)) => {
            let offset = file.offset(line, col);
            d.at(file, offset..offset)
        }
        None => d.in_file(file.display_path()),
    }
}

/// A fault Tera found while putting the parsed templates together (a missing or circular
/// parent): its error kind names the template.
pub(super) fn inheritance_error(
    templates: &[(String, Arc<SourceFile>)],
    err: &tera::Error,
) -> Diagnostic {
    let named = match &err.kind {
        ErrorKind::MissingParent { current, .. } => Some(current),
        ErrorKind::CircularExtend { tpl, .. } => Some(tpl),
        _ => None,
    };
    let d = Diagnostic::new(
        Code::Template,
        format!("template error: {}", TeraSays::of(err).message),
    )
    .hint(HINT);
    match named.and_then(|name| templates.iter().find(|(n, _)| n == name)) {
        Some((_, file)) => d.in_file(file.display_path()),
        None => d,
    }
}

/// A fault met while rendering with `chain`: the template rendered, then the templates it
/// extends. A missing variable is pointed at its first use in the first of them that uses it.
pub(super) fn render_error(chain: &[&Arc<SourceFile>], err: &tera::Error) -> Diagnostic {
    let says = TeraSays::of(err);
    let d = Diagnostic::new(Code::Template, format!("template error: {}", says.message)).hint(HINT);
    let used = says.missing.as_deref().and_then(|name| {
        chain
            .iter()
            .find_map(|file| Some((file, file.text.find(name).map(|at| at..at + name.len())?)))
    });
    match (used, chain.first()) {
        (Some((file, span)), _) => d.at(file, span),
        (None, Some(file)) => d.in_file(file.display_path()),
        (None, None) => d,
    }
}

/// What Tera's message says beyond its error kind.
#[derive(Debug, PartialEq)]
struct TeraSays {
    /// The last line of the message that is not part of a snippet.
    message: String,
    /// `--> line:col`, in syntax errors.
    position: Option<(usize, usize)>,
    /// The variable in "Variable `x` not found in context".
    missing: Option<String>,
}

impl TeraSays {
    fn of(err: &tera::Error) -> TeraSays {
        let mut chain = vec![err.to_string()];
        let mut source = std::error::Error::source(err);
        while let Some(s) = source {
            chain.push(s.to_string());
            source = s.source();
        }
        let full = chain.join("\n");
        let message = chain
            .iter()
            .flat_map(|c| c.lines())
            .map(str::trim)
            .rfind(|l| {
                !l.is_empty()
                    && !l.starts_with("-->")
                    && !l.starts_with('|')
                    && !l.chars().next().is_some_and(|c| c.is_ascii_digit())
            })
            .unwrap_or("template error")
            .trim_start_matches("= ")
            .to_string();
        let missing = full
            .contains("not found in context")
            .then(|| full.split('`').nth(1).map(str::to_string))
            .flatten();
        TeraSays {
            message,
            position: position(&full),
            missing,
        }
    }
}

fn position(text: &str) -> Option<(usize, usize)> {
    let at = text.find("--> ")?;
    let rest = &text[at + 4..];
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == ':'))
        .unwrap_or(rest.len());
    let (line, col) = rest[..end].split_once(':')?;
    Some((line.parse().ok()?, col.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::TeraSays;

    /// The wording of the Tera release the handbook is built with: a syntax error's position.
    #[test]
    fn tera_gives_a_syntax_errors_line_and_column() {
        let err = tera::Template::new("t.html", None, "<p>\n\n  {% if %}yes{% endif %}\n")
            .expect_err("a syntax error");
        let says = TeraSays::of(&err);
        assert_eq!(says.position, Some((3, 9)), "{says:?}");
        assert!(says.message.contains("expected"), "{says:?}");
    }

    /// The wording of the Tera release the handbook is built with: a missing variable's name.
    #[test]
    fn tera_names_a_missing_variable() {
        let mut tera = tera::Tera::default();
        tera.add_raw_template("t.html", "<p>{{ no_such_thing }}</p>")
            .unwrap();
        let err = tera
            .render("t.html", &tera::Context::new())
            .expect_err("a render error");
        let says = TeraSays::of(&err);
        assert_eq!(says.missing.as_deref(), Some("no_such_thing"), "{says:?}");
        assert_eq!(says.position, None);
    }
}

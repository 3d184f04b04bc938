//! Diagnostics for templates that fail to parse or render, pointed at the template and, where
//! Tera says, the line and column.

use std::sync::Arc;

use crate::diagnostic::{Code, Diagnostic};
use crate::source::SourceFile;

/// Tera's errors name the template and, for syntax errors, `--> line:col`: point there.
pub(super) fn template_error(
    templates: &[(String, Arc<SourceFile>)],
    err: &tera::Error,
) -> Diagnostic {
    let mut chain = vec![err.to_string()];
    let mut source = std::error::Error::source(err);
    while let Some(s) = source {
        chain.push(s.to_string());
        source = s.source();
    }
    let full = chain.join("\n");
    let name = templates
        .iter()
        .filter(|(n, _)| {
            full.contains(&format!("'{n}'"))
                || full.contains(&format!("\"{n}\""))
                || full.contains(&format!("`{n}`"))
        })
        .max_by_key(|(n, _)| n.len());
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
    let d = Diagnostic::new(Code::Template, format!("template error: {message}"))
        .hint("see the Tera template documentation for the syntax; `handbook` passes `page`, `site`, `nav` and more to each template");
    let Some((_, file)) = name else {
        return d;
    };
    if let Some((line, col)) = position(&full) {
        let offset = file.offset(line, col);
        return d.at(file, offset..offset);
    }
    // Render errors carry no position; the first use of the missing name is the likely place.
    let missing = full
        .split('`')
        .nth(1)
        .filter(|_| full.contains("not found in context"));
    match missing.and_then(|name| file.text.find(name).map(|at| at..at + name.len())) {
        Some(span) => d.at(file, span),
        None => d.in_file(file.display_path()),
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

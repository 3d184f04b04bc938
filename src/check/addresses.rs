//! The addresses book.yaml and the content publish: none may run a script
//! (`javascript:`, `vbscript:`, `data:`) or use a scheme the site does not link to, and none should be a placeholder a committee forgot
//! to replace: addresses at the domains reserved for examples (example.org, example.com,
//! example.net; RFC 2606), which the bundled handbook that `init` writes is full of. The
//! bundled handbook itself says `sample: true`.

use super::references::scheme_problem;
use crate::content::Site;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::links::urls::scheme_fault;
use std::sync::Arc;

use crate::source::SourceFile;

const RESERVED: &[&str] = &["example.org", "example.com", "example.net"];

/// Each address in book.yaml and sources.yaml that would run a script or has a scheme the
/// site does not allow is an error; each
/// setting, rule and link naming a reserved example domain a warning.
pub fn check_addresses(site: &Site, diagnostics: &mut Diagnostics) {
    let config = &site.config;
    let institution = &config.institution;
    let fields = [
        (&institution.url, &institution.url_span),
        (&institution.contact, &institution.contact_span),
    ];
    for (value, span) in fields {
        if let (Some(value), Some(span)) = (value, span)
            && let Some(fault) = scheme_fault(value, false)
        {
            diagnostics.push(scheme_problem(&fault).at(&config.file, span.clone()));
        }
    }
    for source in site.bibliography.sources.values() {
        if let (Some(url), Some(span), Some(file)) =
            (&source.url, &source.url_span, &site.bibliography.file)
            && let Some(fault) = scheme_fault(url, false)
        {
            diagnostics.push(scheme_problem(&fault).at(file, span.clone()));
        }
    }
    if !config.sample {
        check_placeholders(site, diagnostics);
    }
}

/// Warns at each setting, rule and link that names a reserved example domain.
fn check_placeholders(site: &Site, diagnostics: &mut Diagnostics) {
    let config = &site.config;
    let mut warn = |file: &Arc<SourceFile>,
                    span: &std::ops::Range<usize>,
                    what: &str,
                    value: &str| {
        diagnostics.push(
            Diagnostic::new(
                Code::Placeholder,
                format!("{what} is a placeholder: `{value}`"),
            )
            .at(file, span.clone())
            .hint("replace it with your programme's own address before publishing (example.org and example.com belong to no one)"),
        );
    };
    let book = &config.file;
    let institution = &config.institution;
    let fields = [
        ("`base_url`", &config.base_url, &config.base_url_span),
        (
            "the institution's `url`",
            &institution.url,
            &institution.url_span,
        ),
        (
            "the institution's `contact`",
            &institution.contact,
            &institution.contact_span,
        ),
    ];
    for (what, value, span) in fields {
        if let (Some(value), Some(span)) = (value, span)
            && is_placeholder(value)
        {
            warn(book, span, what, value);
        }
    }
    for (name, rule) in config.rules.iter() {
        if is_placeholder(&rule.value) {
            warn(
                book,
                &rule.key_span,
                &format!("the rule `{name}`"),
                &rule.value,
            );
        }
    }
    let pages = site.pages.iter().map(|p| (&p.file, p.analysis.all()));
    for (file, analyses) in pages {
        for link in analyses.flat_map(|a| &a.links) {
            if is_placeholder(&link.dest) {
                warn(file, &link.span, "a link", &link.dest);
            }
        }
    }
    for section in &site.sections {
        let Some(file) = &section.file else { continue };
        for link in &section.analysis.links {
            if is_placeholder(&link.dest) {
                warn(file, &link.span, "a link", &link.dest);
            }
        }
    }
}

/// True when `text` names a host or e-mail domain under a reserved example domain.
pub fn is_placeholder(text: &str) -> bool {
    // Every reserved domain starts so: most addresses are ruled out without a copy.
    const SHARED: &[u8] = b"example.";
    let bytes = text.as_bytes();
    if !bytes
        .windows(SHARED.len())
        .any(|w| w.eq_ignore_ascii_case(SHARED))
    {
        return false;
    }
    let text = text.to_ascii_lowercase();
    RESERVED.iter().any(|domain| {
        text.match_indices(domain).any(|(at, _)| {
            let before = text[..at].chars().next_back();
            let after = text[at + domain.len()..].chars().next();
            let starts = before.is_none_or(|c| matches!(c, '.' | '@' | '/' | ' ' | '<' | '('));
            let ends = after.is_none_or(|c| !(c.is_ascii_alphanumeric() || c == '-'));
            starts && ends
        })
    })
}

#[cfg(test)]
mod tests {
    use super::is_placeholder;

    #[test]
    fn reserved_domains_are_found_in_urls_and_addresses() {
        for text in [
            "https://example.org",
            "https://handbook.example.org/",
            "mentoring@example.com",
            "the chair (mentoring@EXAMPLE.org)",
            "http://example.net/x",
        ] {
            assert!(is_placeholder(text), "{text}");
        }
        for text in [
            "https://myexample.org",
            "https://example.organisation.edu",
            "https://www.aku.edu",
            "examples.com",
        ] {
            assert!(!is_placeholder(text), "{text}");
        }
        // The quick test before the search relies on this.
        assert!(super::RESERVED.iter().all(|d| d.starts_with("example.")));
    }
}

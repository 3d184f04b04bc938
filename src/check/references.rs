//! References between files: links, citations and page names, each checked against the
//! loaded model and reported at the exact place it is written.

use std::sync::Arc;

use crate::content::{NameError, Page, Site};
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::links::urls::{SchemeFault, scheme_fault};
use crate::links::{LinkProblem, Resolved, Resolver};
use crate::markdown::Analysis;
use crate::source::SourceFile;
use crate::suggest::did_you_mean;
use crate::yaml::Spanned;

pub(super) fn check_name(
    site: &Site,
    page: &Page,
    name: &Spanned<String>,
    code: Code,
    diagnostics: &mut Diagnostics,
) -> Option<usize> {
    match site.names.resolve(&name.value) {
        Ok(id) => Some(id),
        Err(NameError::Unknown { .. }) if site.is_broken(&name.value) => None,
        Err(NameError::Unknown { suggestion }) => {
            let hint = suggestion.map_or_else(
                || "name a page by its slug (`build-trust`) or by `section/slug` (`checklists/pairing`)".to_string(),
                |s| format!("did you mean `{s}`?"),
            );
            diagnostics.push(
                Diagnostic::new(code, format!("no page is named `{}`", name.value))
                    .at(&page.file, name.span.clone())
                    .hint(hint),
            );
            None
        }
        Err(NameError::Ambiguous(ids)) => {
            let options: Vec<String> = ids
                .iter()
                .map(|&id| {
                    let p = &site.pages[id];
                    let dir = &site.sections[p.section].dir;
                    format!("`{dir}/{}` ({})", p.slug, p.file.display_path())
                })
                .collect();
            diagnostics.push(
                Diagnostic::new(code, format!("`{}` names more than one page", name.value))
                    .at(&page.file, name.span.clone())
                    .hint(format!("write one of {}", options.join(" or "))),
            );
            None
        }
    }
}

/// What one piece of Markdown refers to and sets: its links (targets, schemes, alt text) and
/// its headings' attributes.
pub(super) fn check_markdown(
    resolver: &Resolver,
    from: &str,
    file: &Arc<SourceFile>,
    analysis: &Analysis,
    diagnostics: &mut Diagnostics,
) {
    check_markdown_with(file, analysis, diagnostics, |dest| {
        resolver.resolve(from, dest)
    });
}

/// As `check_markdown`, with links resolved by `resolve` (a file outside content/).
pub(super) fn check_markdown_with(
    file: &Arc<SourceFile>,
    analysis: &Analysis,
    diagnostics: &mut Diagnostics,
    resolve: impl Fn(&str) -> Result<Option<Resolved>, LinkProblem>,
) {
    check_headings(file, analysis, diagnostics);
    for link in &analysis.links {
        if link.is_image && link.alt.trim().is_empty() {
            diagnostics.push(
                Diagnostic::new(Code::ImageAlt, "this image has no alt text")
                    .at(file, link.span.clone())
                    .hint("describe the image between the brackets, e.g. ![Pairing: pool, choice, consent](pairing.png)"),
            );
        }
        if let Some(fault) = scheme_fault(&link.dest, link.is_image) {
            diagnostics.push(scheme_problem(&fault).at(file, link.span.clone()));
            continue;
        }
        if let Err(problem) = resolve(&link.dest) {
            diagnostics.push(
                Diagnostic::new(problem.code, problem.message)
                    .at(file, link.span.clone())
                    .hint_opt(problem.hint),
            );
        }
    }
}

/// Headings' attributes: any other than the id and classes (dropped), and explicit ids the
/// theme uses.
pub fn check_headings(file: &Arc<SourceFile>, analysis: &Analysis, diagnostics: &mut Diagnostics) {
    for dropped in &analysis.dropped_attributes {
        diagnostics.push(
            Diagnostic::new(
                Code::HeadingAttribute,
                format!(
                    "this heading sets `{}`, which is not published: headings may set an id and classes only",
                    dropped.name
                ),
            )
            .at(file, dropped.span.clone())
            .hint("keep `{#id .class}`; remove the other attributes"),
        );
    }
    for (id, span) in &analysis.reserved_ids {
        diagnostics.push(
            Diagnostic::new(
                Code::IdReserved,
                format!("the id `{id}` is the theme's own: a link to `#{id}` would land on the page's frame, not on this heading"),
            )
            .at(file, span.clone())
            .hint(format!("choose another id, e.g. `{{#section-{id}}}`")),
        );
    }
}

/// A link or address whose scheme the site does not allow.
pub(crate) fn scheme_problem(fault: &SchemeFault) -> Diagnostic {
    match fault {
        SchemeFault::Script(scheme) => Diagnostic::new(
            Code::UrlScript,
            format!("a `{scheme}` address would run code, or open a document hidden in the address, in readers' browsers"),
        )
        .hint("link to a page of the handbook or to an https:// address"),
        SchemeFault::Unsupported(scheme) => Diagnostic::new(
            Code::UrlScheme,
            format!("a `{scheme}` address is not one the handbook publishes"),
        )
        .hint(format!(
            "external links may use {}; images may also be `data:image/…`; link to files by putting them in content/ or assets/",
            crate::links::urls::LINK_SCHEMES.iter().map(|s| format!("`{s}:`")).collect::<Vec<_>>().join(", ")
        )),
        SchemeFault::ProtocolRelative => Diagnostic::new(
            Code::UrlScheme,
            "an address starting with `//` leads to another host on whatever scheme the page was served with",
        )
        .hint("write the scheme: `https://host/…`"),
    }
}

pub(super) fn check_citations(
    site: &Site,
    file: &Arc<SourceFile>,
    analysis: &Analysis,
    diagnostics: &mut Diagnostics,
) {
    for citation in &analysis.citations {
        check_citation_key(
            site,
            file,
            &citation.key,
            citation.span.clone(),
            diagnostics,
        );
    }
}

pub(super) fn check_citation_key(
    site: &Site,
    file: &Arc<SourceFile>,
    key: &str,
    span: std::ops::Range<usize>,
    diagnostics: &mut Diagnostics,
) {
    if site.bibliography.get(key).is_some() {
        return;
    }
    let keys = site.bibliography.sources.keys().map(String::as_str);
    let hint = match did_you_mean(key, keys) {
        Some(k) => format!("did you mean `{k}`?"),
        None if site.bibliography.sources.is_empty() => {
            "add the source to content/sources.yaml".to_string()
        }
        None => format!("add `{key}` to content/sources.yaml, or use one of its keys"),
    };
    diagnostics.push(
        Diagnostic::new(Code::Citation, format!("unknown citation key `{key}`"))
            .at(file, span)
            .hint(hint),
    );
}

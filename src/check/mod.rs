//! Checking: everything that can be wrong *between* files — links, anchors, `related` names,
//! citations, the logo — found before anything is written, each as a `Diagnostic` that points
//! at the exact place in the source.
//!
//! Faults inside a single file (YAML syntax, unknown fields, wrong types) are found while
//! loading; this stage needs the whole model, with what every page's Markdown refers to.

mod addresses;
/// Public for the fuzz target (`fuzz/`), which holds themes' surfaces against book.yaml.
pub mod brand;
/// Public for `init`, which writes the workflows this checks.
pub mod ci;
mod copied;
/// `check --external`, which only `handbook check` runs.
pub mod external;
mod glyphs;
mod notes;
mod references;
mod rules;

use rayon::prelude::*;

use crate::content::{Page, Site};
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::links::Resolver;
/// Public for the fuzz target (`fuzz/`), which reports headings' attributes without a site.
pub use ci::check_ci_files;
pub use glyphs::check_glyphs;
pub use references::check_headings;
use references::{check_citation_key, check_citations, check_markdown, check_name};

/// Every check across files. Pushes into `diagnostics`; writes nothing.
pub fn check(site: &Site, diagnostics: &mut Diagnostics) {
    let resolver = Resolver::new(site);
    // A home page that failed to load is reported as it is, not as missing.
    if site.home().is_none() && !site.is_broken("index.md") {
        diagnostics.push(
            Diagnostic::new(Code::HomeMissing, "the handbook has no home page")
                .in_file("content/index.md")
                .hint("create content/index.md with a `title` in its front matter"),
        );
    }
    let per_page: Vec<Diagnostics> = site
        .pages
        .par_iter()
        .map(|page| {
            let mut local = Diagnostics::new();
            check_page(site, &resolver, page, &mut local);
            local
        })
        .collect();
    per_page.into_iter().for_each(|d| diagnostics.extend(d));
    for page in &site.pages {
        let reserved = [
            (crate::pdf::PACK, "the PDF of all checklists"),
            (crate::pdf::BOOK, "the handbook's PDF"),
        ];
        let Some((name, what)) = reserved.iter().find(|(name, _)| page.slug == *name) else {
            continue;
        };
        if page.kind() == crate::content::Kind::Checklist {
            diagnostics.push(
                Diagnostic::new(
                    Code::PdfName,
                    format!(
                        "the checklist `{}` would be published as /{}, {what}",
                        page.source_path,
                        crate::pdf::path(name)
                    ),
                )
                .at(&page.file, page.slug_span.clone())
                .hint("give it another `slug:` (or rename the file)"),
            );
        }
    }
    for section in &site.sections {
        if let Some(file) = &section.file {
            let analysis = &section.analysis;
            let from = format!("{}/_section.md", section.dir);
            check_markdown(&resolver, &from, file, analysis, diagnostics);
            check_citations(site, file, analysis, diagnostics);
        }
    }
    for broken in &site.broken {
        if let Some((file, analysis)) = &broken.body {
            check_markdown(&resolver, &broken.source_path, file, analysis, diagnostics);
            check_citations(site, file, analysis, diagnostics);
        }
    }
    notes::check_notes(site, &resolver, diagnostics);
    check_logo(site, diagnostics);
    copied::check_copied_files(site, diagnostics);
    brand::check_variants(&site.config, &site.root, diagnostics);
    addresses::check_addresses(site, diagnostics);
    check_empty_sections(site, diagnostics);
    check_unused_sources(site, diagnostics);
    rules::check_rules(site, diagnostics);
}

/// The checks of one page's own references (links, citations, `related`, `roles`).
pub fn check_page(site: &Site, resolver: &Resolver, page: &Page, diagnostics: &mut Diagnostics) {
    for a in page.analysis.all() {
        check_markdown(resolver, &page.source_path, &page.file, a, diagnostics);
        check_citations(site, &page.file, a, diagnostics);
    }
    for key in &page.sources {
        check_citation_key(site, &page.file, &key.value, key.span.clone(), diagnostics);
    }
    for name in &page.related {
        check_name(site, page, name, Code::Related, diagnostics);
    }
    if let crate::content::PageData::Strategy { roles, .. } = &page.data {
        for role in roles {
            if let Some(id) = check_name(site, page, role, Code::Role, diagnostics)
                && site.pages[id].kind() != crate::content::Kind::Role
            {
                diagnostics.push(
                    Diagnostic::new(Code::Role, format!("`{}` is not a role page", role.value))
                        .at(&page.file, role.span.clone())
                        .hint("`roles` names pages of a section whose kind is `role`"),
                );
            }
        }
    }
}

fn check_logo(site: &Site, diagnostics: &mut Diagnostics) {
    let Some(logo) = &site.config.institution.logo else {
        return;
    };
    let path = crate::links::urls::join("", &logo.value);
    let asset = path.as_deref().and_then(|p| p.strip_prefix("assets/"));
    let inside = asset.is_some();
    let exists = asset.is_some_and(|a| site.assets.iter().any(|f| f.rel == a));
    if !inside || !exists {
        let hint = if inside {
            format!("there is no file {}", logo.value)
        } else {
            "put the logo in assets/ and write `logo: assets/<file>`".to_string()
        };
        diagnostics.push(
            Diagnostic::new(
                Code::Logo,
                format!("the logo `{}` cannot be used", logo.value),
            )
            .at(&site.config.file, logo.span.clone())
            .hint(hint),
        );
    }
}

fn check_unused_sources(site: &Site, diagnostics: &mut Diagnostics) {
    let Some(file) = &site.bibliography.file else {
        return;
    };
    // A page that failed to load may cite the source: say nothing until it loads.
    if !site.broken.is_empty() {
        return;
    }
    let mut used = std::collections::HashSet::new();
    for page in &site.pages {
        used.extend(page.sources.iter().map(|s| s.value.as_str()));
        used.extend(page.analysis.cited_keys());
    }
    used.extend(
        site.sections
            .iter()
            .flat_map(|s| s.analysis.citations.iter().map(|c| c.key.as_str())),
    );
    for (key, source) in &site.bibliography.sources {
        if !used.contains(key.as_str()) {
            diagnostics.push(
                Diagnostic::new(Code::SourceUnused, format!("no page cites `{key}`"))
                    .at(file, source.key_span.clone())
                    .hint("cite it with [@key] where it supports the text, or remove it"),
            );
        }
    }
}

fn check_empty_sections(site: &Site, diagnostics: &mut Diagnostics) {
    for section in site.sections.iter().skip(1) {
        if section.files == 0
            && let Some(file) = &section.file
        {
            diagnostics.push(
                Diagnostic::new(
                    Code::SectionEmpty,
                    format!("the section `{}` has no pages", section.dir),
                )
                .at(file, 0..0)
                .hint("add pages to the folder, or remove it"),
            );
        }
    }
}

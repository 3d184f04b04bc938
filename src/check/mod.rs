//! Checking: everything that can be wrong *between* files — links, anchors, `related` names,
//! citations, the logo — found before anything is written, each as a `Diagnostic` that points
//! at the exact place in the source.
//!
//! Faults inside a single file (YAML syntax, unknown fields, wrong types) are found while
//! loading; this stage needs the whole model, and the `Analyses` of every page's Markdown.

mod brand;
pub mod resolve;

use rayon::prelude::*;

use crate::content::{NameError, Page, PageData, Site, slug::slugify};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::render::markdown::{self, Analysis};
use crate::suggest::did_you_mean;
use crate::yaml::Spanned;
use resolve::Resolver;

/// What each page's Markdown declares and refers to, read once per build.
#[derive(Debug, Default)]
pub struct Analyses {
    /// Indexed by `PageId`; shared with the next rebuild's cache.
    pub pages: Vec<std::sync::Arc<PageAnalysis>>,
    /// Section introductions, indexed by `SectionId`.
    pub sections: Vec<Analysis>,
}

#[derive(Debug, Default, Clone)]
pub struct PageAnalysis {
    pub body: Analysis,
    /// Inline Markdown from front matter or checklist items, in display order.
    pub inline: Vec<Analysis>,
    /// Anchors that do not come from headings (checklist sections and items).
    pub extra_anchors: Vec<String>,
}

impl PageAnalysis {
    pub fn anchors(&self) -> impl Iterator<Item = &str> {
        self.body
            .headings
            .iter()
            .map(|h| h.id.as_str())
            .chain(self.extra_anchors.iter().map(String::as_str))
    }

    pub fn all(&self) -> impl Iterator<Item = &Analysis> {
        std::iter::once(&self.body).chain(&self.inline)
    }
}

/// Inline Markdown strings of a page, in the order they are displayed.
pub fn inline_texts(page: &Page) -> Vec<&Spanned<String>> {
    match &page.data {
        PageData::Role { responsibilities } => responsibilities.iter().collect(),
        PageData::Scenario { discussion, .. } => discussion.iter().collect(),
        PageData::Checklist(c) => c
            .intro
            .iter()
            .chain(c.sections.iter().flat_map(|s| {
                s.items
                    .iter()
                    .flat_map(|i| std::iter::once(&i.text).chain(&i.note))
            }))
            .collect(),
        PageData::Page | PageData::Strategy { .. } => Vec::new(),
    }
}

pub fn analyse(site: &Site) -> Analyses {
    analyse_cached(site, &mut AnalysisCache::default())
}

/// Analyses from the previous rebuild, reused for pages whose source has not changed.
#[derive(Debug, Default)]
pub struct AnalysisCache {
    pages: std::collections::HashMap<
        String,
        (
            std::sync::Arc<crate::source::SourceFile>,
            std::sync::Arc<PageAnalysis>,
        ),
    >,
}

pub fn analyse_cached(site: &Site, cache: &mut AnalysisCache) -> Analyses {
    let pages: Vec<std::sync::Arc<PageAnalysis>> = site
        .pages
        .par_iter()
        .map(|page| {
            if let Some((file, analysis)) = cache.pages.get(&page.source_path)
                && std::sync::Arc::ptr_eq(file, &page.file)
            {
                return std::sync::Arc::clone(analysis);
            }
            let body = markdown::analyse(page.body_text(), page.body.start);
            let inline = inline_texts(page)
                .into_iter()
                .map(|text| markdown::analyse(&text.value, text.span.start))
                .collect();
            let extra_anchors = match &page.data {
                PageData::Checklist(c) => c
                    .sections
                    .iter()
                    .map(|s| slugify(&s.title))
                    .chain(
                        c.sections
                            .iter()
                            .flat_map(|s| s.items.iter().map(|i| i.id.clone())),
                    )
                    .collect(),
                _ => Vec::new(),
            };
            std::sync::Arc::new(PageAnalysis {
                body,
                inline,
                extra_anchors,
            })
        })
        .collect();
    cache.pages = site
        .pages
        .iter()
        .zip(&pages)
        .map(|(p, a)| {
            (
                p.source_path.clone(),
                (std::sync::Arc::clone(&p.file), a.clone()),
            )
        })
        .collect();
    let sections = site
        .sections
        .iter()
        .map(|s| match &s.file {
            Some(file) => markdown::analyse(&file.text[s.body.clone()], s.body.start),
            None => Analysis::default(),
        })
        .collect();
    Analyses { pages, sections }
}

/// Every check across files. Pushes into `diagnostics`; writes nothing.
pub fn check(site: &Site, analyses: &Analyses, diagnostics: &mut Diagnostics) {
    let resolver = Resolver::new(site, analyses);
    if site.home().is_none() {
        diagnostics.push(
            Diagnostic::error("E-HOME-MISSING", "the handbook has no home page")
                .in_file("content/index.md")
                .hint("create content/index.md with a `title` in its front matter"),
        );
    }
    let per_page: Vec<Diagnostics> = site
        .pages
        .par_iter()
        .map(|page| {
            let mut local = Diagnostics::new();
            check_page(site, &resolver, page, &analyses.pages[page.id], &mut local);
            local
        })
        .collect();
    per_page.into_iter().for_each(|d| diagnostics.extend(d));
    for (id, section) in site.sections.iter().enumerate() {
        if let Some(file) = &section.file {
            let analysis = &analyses.sections[id];
            let from = format!("{}/_section.md", section.dir);
            check_links(&resolver, &from, file, analysis, diagnostics);
            check_citations(site, file, analysis, diagnostics);
        }
    }
    check_logo(site, diagnostics);
    brand::check_colors(&site.config, diagnostics);
    brand::check_variants(&site.config, &site.root, diagnostics);
    check_empty_sections(site, diagnostics);
    check_unused_sources(site, analyses, diagnostics);
}

fn check_page(
    site: &Site,
    resolver: &Resolver,
    page: &Page,
    analysis: &PageAnalysis,
    diagnostics: &mut Diagnostics,
) {
    for a in analysis.all() {
        check_links(resolver, &page.source_path, &page.file, a, diagnostics);
        check_citations(site, &page.file, a, diagnostics);
    }
    for key in &page.sources {
        check_citation_key(site, &page.file, &key.value, key.span.clone(), diagnostics);
    }
    for name in &page.related {
        check_name(site, page, name, "E-RELATED", diagnostics);
    }
    if let PageData::Strategy { roles, .. } = &page.data {
        for role in roles {
            if let Some(id) = check_name(site, page, role, "E-ROLE", diagnostics)
                && site.pages[id].kind() != crate::content::Kind::Role
            {
                diagnostics.push(
                    Diagnostic::error("E-ROLE", format!("`{}` is not a role page", role.value))
                        .at(&page.file, role.span.clone())
                        .hint("`roles` names pages of a section whose kind is `role`"),
                );
            }
        }
    }
}

fn check_name(
    site: &Site,
    page: &Page,
    name: &Spanned<String>,
    code: &'static str,
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
                Diagnostic::error(code, format!("no page is named `{}`", name.value))
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
                Diagnostic::error(code, format!("`{}` names more than one page", name.value))
                    .at(&page.file, name.span.clone())
                    .hint(format!("write one of {}", options.join(" or "))),
            );
            None
        }
    }
}

fn check_links(
    resolver: &Resolver,
    from: &str,
    file: &std::sync::Arc<crate::source::SourceFile>,
    analysis: &Analysis,
    diagnostics: &mut Diagnostics,
) {
    for link in &analysis.links {
        if link.is_image && link.alt.trim().is_empty() {
            diagnostics.push(
                Diagnostic::warning("W-IMAGE-ALT", "this image has no alt text")
                    .at(file, link.span.clone())
                    .hint("describe the image between the brackets, e.g. ![Pairing: pool, choice, consent](pairing.png)"),
            );
        }
        if let Err(problem) = resolver.resolve(from, &link.dest) {
            diagnostics.push(
                Diagnostic::error(problem.code, problem.message)
                    .at(file, link.span.clone())
                    .hint_opt(problem.hint),
            );
        }
    }
}

fn check_citations(
    site: &Site,
    file: &std::sync::Arc<crate::source::SourceFile>,
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

fn check_citation_key(
    site: &Site,
    file: &std::sync::Arc<crate::source::SourceFile>,
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
        Diagnostic::error("E-CITATION", format!("unknown citation key `{key}`"))
            .at(file, span)
            .hint(hint),
    );
}

fn check_logo(site: &Site, diagnostics: &mut Diagnostics) {
    let Some(logo) = &site.config.institution.logo else {
        return;
    };
    let path = site.root.join(&logo.value);
    let inside =
        crate::render::urls::join("", &logo.value).is_some_and(|p| p.starts_with("assets/"));
    if !inside || !path.is_file() {
        let hint = if inside {
            format!("there is no file {}", logo.value)
        } else {
            "put the logo in assets/ and write `logo: assets/<file>`".to_string()
        };
        diagnostics.push(
            Diagnostic::error(
                "E-LOGO",
                format!("the logo `{}` cannot be used", logo.value),
            )
            .at(&site.config.file, logo.span.clone())
            .hint(hint),
        );
    }
}

fn check_unused_sources(site: &Site, analyses: &Analyses, diagnostics: &mut Diagnostics) {
    let Some(file) = &site.bibliography.file else {
        return;
    };
    // A page that failed to load may cite the source: say nothing until it loads.
    if !site.broken.is_empty() {
        return;
    }
    let mut used = std::collections::HashSet::new();
    for (page, analysis) in site.pages.iter().zip(&analyses.pages) {
        used.extend(page.sources.iter().map(|s| s.value.as_str()));
        used.extend(
            analysis
                .all()
                .flat_map(|a| a.citations.iter().map(|c| c.key.as_str())),
        );
    }
    used.extend(
        analyses
            .sections
            .iter()
            .flat_map(|a| a.citations.iter().map(|c| c.key.as_str())),
    );
    for (key, source) in &site.bibliography.sources {
        if !used.contains(key.as_str()) {
            diagnostics.push(
                Diagnostic::warning("W-SOURCE-UNUSED", format!("no page cites `{key}`"))
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
                Diagnostic::warning(
                    "W-SECTION-EMPTY",
                    format!("the section `{}` has no pages", section.dir),
                )
                .at(file, 0..0)
                .hint("add pages to the folder, or remove it"),
            );
        }
    }
}

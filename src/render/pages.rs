//! One output page at a time: build its context, render its template.

use serde::Serialize;
use tera::Context;

use super::RenderOptions;
use super::citations::{self, PageCitations, add_listed};
use super::context::{
    ChecklistContext, ChecklistItemContext, ChecklistSectionContext, Framer, Link, PageContext,
    PageLinks, Related, TocEntry, references,
};
use super::markdown::{self, Analysis};
use super::theme::Theme;
use crate::check::Analyses;
use crate::check::resolve::{Resolver, SOURCES_URL};
use crate::content::{Kind, NavEntry, Page, PageData, PageId, SectionId, Site, slug::slugify};
use crate::diagnostic::Diagnostics;

/// Pages with fewer headings than this get no on-page contents.
const TOC_MIN_HEADINGS: usize = 3;

#[derive(Debug, Clone, Copy)]
pub enum Job {
    Page(PageId),
    Section(SectionId),
    Sources,
    NotFound,
}

pub struct Renderer<'a> {
    site: &'a Site,
    analyses: &'a Analyses,
    theme: &'a Theme,
    resolver: &'a Resolver<'a>,
    framer: Framer<'a>,
    offline: bool,
    base_url: Option<String>,
    /// The path the site is published under (`/` unless the base URL says otherwise).
    base_path: String,
}

impl<'a> Renderer<'a> {
    pub fn new(
        site: &'a Site,
        analyses: &'a Analyses,
        theme: &'a Theme,
        resolver: &'a Resolver<'a>,
        options: &RenderOptions,
    ) -> Renderer<'a> {
        let base_url = match &options.base_url {
            Some(b) if b.starts_with("http://") || b.starts_with("https://") => {
                Some(if b.ends_with('/') {
                    b.clone()
                } else {
                    format!("{b}/")
                })
            }
            Some(_) => None,
            None => site.config.absolute_base_url(),
        };
        let given = options
            .base_url
            .clone()
            .or_else(|| site.config.base_url.clone())
            .unwrap_or_default();
        let path = match given.split_once("://") {
            Some((_, rest)) => rest.find('/').map_or("/", |i| &rest[i..]).to_string(),
            None => given,
        };
        let base_path = if path.starts_with('/') {
            if path.ends_with('/') {
                path
            } else {
                format!("{path}/")
            }
        } else {
            "/".to_string()
        };
        Renderer {
            site,
            analyses,
            theme,
            resolver,
            framer: Framer::new(site, options.offline, base_url.clone()),
            offline: options.offline,
            base_url,
            base_path,
        }
    }

    pub fn analyses(&self) -> &Analyses {
        self.analyses
    }

    pub fn base_url(&self) -> &Option<String> {
        &self.base_url
    }

    /// The site URL a job renders.
    pub fn url(&self, job: Job) -> String {
        match job {
            Job::Page(id) => self.site.pages[id].url.clone(),
            Job::Section(id) => self.site.sections[id].url.clone(),
            Job::Sources => SOURCES_URL.to_string(),
            Job::NotFound => "/404.html".to_string(),
        }
    }

    pub fn jobs(&self) -> Vec<Job> {
        let mut jobs: Vec<Job> = (0..self.site.pages.len()).map(Job::Page).collect();
        jobs.extend((1..self.site.sections.len()).map(Job::Section));
        if !self.site.bibliography.sources.is_empty() {
            jobs.push(Job::Sources);
        }
        jobs.push(Job::NotFound);
        jobs
    }

    pub fn render_job(&self, job: Job, diagnostics: &mut Diagnostics) -> Option<Vec<u8>> {
        let (template, context) = match job {
            Job::Page(id) => self.page(&self.site.pages[id]),
            Job::Section(id) => ("section.html", self.section(id)),
            Job::Sources => ("sources.html", self.sources()),
            Job::NotFound => ("404.html", self.not_found()),
        };
        match self.theme.tera.render(template, &context) {
            Ok(html) => Some(html.into_bytes()),
            Err(err) => {
                diagnostics.push(self.theme.render_error(&err));
                None
            }
        }
    }

    fn links(&self, source: &str, url: &str) -> PageLinks<'_> {
        PageLinks {
            resolver: self.resolver,
            source: source.to_string(),
            url: url.to_string(),
            offline: self.offline,
            citations: PageCitations::default(),
        }
    }

    fn context(
        &self,
        url: &str,
        entry: Option<NavEntry>,
        title: &str,
        page: &PageContext,
    ) -> Context {
        let frame = self.framer.frame(url, entry, title);
        let mut context = Context::from_serialize(&frame).unwrap_or_default();
        context.insert("page", page);
        context
    }

    fn page(&self, page: &Page) -> (&'static str, Context) {
        let analysis = &self.analyses.pages[page.id];
        let mut links = self.links(&page.source_path, &page.url);
        let mut ctx = PageContext {
            title: page.title.clone(),
            summary: page.summary.clone(),
            kind: page.kind().name(),
            number: page.number(),
            has_code: analysis.body.has_code,
            ..PageContext::default()
        };
        // Inline Markdown is rendered in display order, so citations number as they are read.
        match &page.data {
            PageData::Role { responsibilities } => {
                ctx.responsibilities = responsibilities
                    .iter()
                    .map(|r| markdown::render_inline(&r.value, &mut links))
                    .collect();
                ctx.content = markdown::render(page.body_text(), &analysis.body, &mut links);
            }
            PageData::Scenario { themes, discussion } => {
                ctx.themes = themes.clone();
                ctx.content = markdown::render(page.body_text(), &analysis.body, &mut links);
                ctx.discussion = discussion
                    .iter()
                    .map(|d| markdown::render_inline(&d.value, &mut links))
                    .collect();
            }
            PageData::Checklist(checklist) => {
                let sections = checklist
                    .sections
                    .iter()
                    .map(|s| ChecklistSectionContext {
                        title: s.title.clone(),
                        id: slugify(&s.title),
                        items: s
                            .items
                            .iter()
                            .map(|item| ChecklistItemContext {
                                id: item.id.clone(),
                                html: markdown::render_inline(&item.text.value, &mut links),
                                note: item
                                    .note
                                    .as_ref()
                                    .map(|n| markdown::render_inline(&n.value, &mut links)),
                            })
                            .collect(),
                    })
                    .collect::<Vec<_>>();
                ctx.checklist = Some(ChecklistContext {
                    storage_key: format!("handbook:{}", page.url),
                    audience: checklist.audience.clone(),
                    when: checklist.when.clone(),
                    intro: checklist
                        .intro
                        .as_ref()
                        .map(|i| markdown::render_inline(&i.value, &mut links)),
                    item_count: sections.iter().map(|s| s.items.len()).sum(),
                    sections,
                    sign_off: checklist.sign_off.clone(),
                });
            }
            PageData::Strategy { roles, .. } => {
                ctx.roles = roles
                    .iter()
                    .filter_map(|r| self.site.names.resolve(&r.value).ok())
                    .map(|id| Link {
                        title: self.site.pages[id].title.clone(),
                        url: self.framer.rel(&page.url, &self.site.pages[id].url),
                    })
                    .collect();
                ctx.content = markdown::render(page.body_text(), &analysis.body, &mut links);
            }
            PageData::Page => {
                ctx.content = markdown::render(page.body_text(), &analysis.body, &mut links);
            }
        }
        ctx.toc = toc(&analysis.body);
        ctx.related = page
            .related
            .iter()
            .filter_map(|r| self.site.names.resolve(&r.value).ok())
            .map(|id| {
                let target = &self.site.pages[id];
                Related {
                    title: target.title.clone(),
                    url: self.framer.rel(&page.url, &target.url),
                    kind: target.kind().name(),
                }
            })
            .collect();
        add_listed(
            &mut links.citations,
            page.sources.iter().map(|s| s.value.clone()),
            &self.site.bibliography,
        );
        ctx.references = references(&self.framer, &page.url, &links.citations);
        let template = if page.url == "/" {
            "home.html"
        } else {
            match page.kind() {
                Kind::Page => "page.html",
                Kind::Strategy => "strategy.html",
                Kind::Role => "role.html",
                Kind::Checklist => "checklist.html",
                Kind::Scenario => "scenario.html",
            }
        };
        let mut context = self.context(&page.url, Some(NavEntry::Page(page.id)), &page.title, &ctx);
        if page.url == "/" {
            context.insert("home", &self.home(&page.url));
        }
        (template, context)
    }

    fn home(&self, from: &str) -> Home {
        let cards = |kind: Kind| {
            self.site
                .sections
                .iter()
                .filter(|s| s.kind == kind)
                .flat_map(|s| {
                    s.pages
                        .iter()
                        .map(|&p| self.framer.card(from, &self.site.pages[p]))
                })
                .collect::<Vec<_>>()
        };
        Home {
            strategies: cards(Kind::Strategy),
            roles: cards(Kind::Role),
            checklists: cards(Kind::Checklist),
        }
    }

    fn section(&self, id: SectionId) -> Context {
        let section = &self.site.sections[id];
        let source = format!("{}/_section.md", section.dir);
        let mut links = self.links(&source, &section.url);
        let intro = match &section.file {
            Some(file) => markdown::render(
                &file.text[section.body.clone()],
                &self.analyses.sections[id],
                &mut links,
            ),
            None => String::new(),
        };
        let page = PageContext {
            title: section.title.clone(),
            summary: section.summary.clone(),
            kind: "section",
            content: intro,
            references: references(&self.framer, &section.url, &links.citations),
            ..PageContext::default()
        };
        let mut context = self.context(
            &section.url,
            Some(NavEntry::Section(id)),
            &section.title,
            &page,
        );
        let cards: Vec<_> = section
            .pages
            .iter()
            .map(|&p| self.framer.card(&section.url, &self.site.pages[p]))
            .collect();
        context.insert(
            "section",
            &SectionListing {
                kind: section.kind.name(),
                pages: cards,
            },
        );
        context
    }

    fn sources(&self) -> Context {
        let url = SOURCES_URL;
        let mut cited_by: std::collections::BTreeMap<&str, Vec<PageId>> =
            std::collections::BTreeMap::new();
        for entry in &self.site.nav.order {
            let NavEntry::Page(id) = *entry else { continue };
            let page = &self.site.pages[id];
            let analysis = &self.analyses.pages[id];
            let keys = analysis
                .all()
                .flat_map(|a| a.citations.iter().map(|c| c.key.as_str()))
                .chain(page.sources.iter().map(|s| s.value.as_str()));
            for key in keys {
                let pages = cited_by.entry(key).or_default();
                if !pages.contains(&id) {
                    pages.push(id);
                }
            }
        }
        let entries: Vec<SourceEntry> = self
            .site
            .bibliography
            .sources
            .values()
            .map(|source| SourceEntry {
                key: source.key.clone(),
                id: format!("src-{}", citations::anchor(&source.key)),
                html: citations::source_html(source),
                cited_by: cited_by
                    .get(source.key.as_str())
                    .into_iter()
                    .flatten()
                    .map(|&id| Link {
                        title: self.site.pages[id].title.clone(),
                        url: self.framer.rel(url, &self.site.pages[id].url),
                    })
                    .collect(),
            })
            .collect();
        let page = PageContext {
            title: "Sources".to_string(),
            summary: Some(
                "Every source this handbook cites, with the pages that cite it.".to_string(),
            ),
            kind: "sources",
            ..PageContext::default()
        };
        let mut context = self.context(url, None, &page.title, &page);
        context.insert("sources", &entries);
        context
    }

    fn not_found(&self) -> Context {
        let page = PageContext {
            title: "Page not found".to_string(),
            kind: "404",
            ..PageContext::default()
        };
        let mut context = self.context("/404.html", None, &page.title, &page);
        // Hosts serve 404.html at any depth: a <base> makes its relative links work there.
        // Opened from a folder (--offline) there is no host, and a <base> would break them.
        if !self.offline {
            context.insert("base_path", &self.base_path);
        }
        context.insert("canonical", &Option::<String>::None);
        context
    }

    /// `sitemap.xml`, only when the base URL is absolute (SPEC).
    pub fn sitemap(&self) -> Option<String> {
        let base = self.base_url.as_ref()?;
        let mut urls: Vec<&str> = self.site.pages.iter().map(|p| p.url.as_str()).collect();
        urls.extend(self.site.sections.iter().skip(1).map(|s| s.url.as_str()));
        if !self.site.bibliography.sources.is_empty() {
            urls.push(SOURCES_URL);
        }
        urls.sort();
        let mut xml = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for url in urls {
            xml.push_str(&format!(
                "  <url><loc>{}{}</loc></url>\n",
                super::escape(base),
                super::escape(url.trim_start_matches('/'))
            ));
        }
        xml.push_str("</urlset>\n");
        Some(xml)
    }
}

fn toc(analysis: &Analysis) -> Vec<TocEntry> {
    let entries: Vec<TocEntry> = analysis
        .headings
        .iter()
        .filter(|h| h.level == 2 || h.level == 3)
        .map(|h| TocEntry {
            level: h.level,
            id: h.id.clone(),
            title: h.text.clone(),
        })
        .collect();
    if entries.len() >= TOC_MIN_HEADINGS {
        entries
    } else {
        Vec::new()
    }
}

#[derive(Serialize)]
struct Home {
    strategies: Vec<super::context::Card>,
    roles: Vec<super::context::Card>,
    checklists: Vec<super::context::Card>,
}

#[derive(Serialize)]
struct SectionListing {
    kind: &'static str,
    pages: Vec<super::context::Card>,
}

#[derive(Serialize)]
struct SourceEntry {
    key: String,
    id: String,
    html: String,
    cited_by: Vec<Link>,
}

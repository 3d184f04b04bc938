//! What each output page depends on, as a fingerprint.
//!
//! An output page is re-rendered only when its fingerprint changes. The fingerprint hashes
//! every input its template context is made from — its own source, the navigation it shows
//! (section titles, its section's pages, previous and next), the titles and URLs of the pages
//! it relates to, links to and cites, and the site-wide settings — without rendering anything.
//! This is the dependency graph that `serve` and `watch` use; `build` starts with no previous
//! fingerprints, so it renders everything. Outputs still to come (search index, PDFs) join by
//! declaring their inputs here too.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use super::citations::source_html;
use super::pages::{Job, Renderer};
use crate::check::resolve::Resolver;
use crate::content::{Kind, NavEntry, Page, PageData, Site};

/// Inputs shared by every page: settings, theme, the sidebar's sections.
pub fn global(site: &Site, theme_generation: u64, offline: bool, base_url: &Option<String>) -> u64 {
    let mut h = DefaultHasher::new();
    site.config.file.hash.hash(&mut h);
    theme_generation.hash(&mut h);
    offline.hash(&mut h);
    base_url.hash(&mut h);
    site.bibliography.sources.is_empty().hash(&mut h);
    site.home().map(|p| &p.url).hash(&mut h);
    for entry in &site.nav.entries {
        entry_key(site, *entry).hash(&mut h);
    }
    site.pages
        .iter()
        .find(|p| p.section == 0 && p.slug == "editors-guide")
        .map(|p| &p.url)
        .hash(&mut h);
    h.finish()
}

/// Title and URL of a navigation entry.
fn entry_key(site: &Site, entry: NavEntry) -> (&str, &str) {
    match entry {
        NavEntry::Page(id) => (&site.pages[id].title, &site.pages[id].url),
        NavEntry::Section(id) => (&site.sections[id].title, &site.sections[id].url),
    }
}

/// Per section: what its pages show in the sidebar, and what its index shows as cards.
pub fn sections(site: &Site) -> Vec<u64> {
    site.sections
        .iter()
        .map(|section| {
            let mut h = DefaultHasher::new();
            for &id in &section.pages {
                card_key(&site.pages[id]).hash(&mut h);
            }
            h.finish()
        })
        .collect()
}

fn card_key(page: &Page) -> (&str, &str, &Option<String>, Option<i64>, &'static str) {
    (
        &page.title,
        &page.url,
        &page.summary,
        page.number(),
        page.kind().name(),
    )
}

pub struct Fingerprints<'a> {
    pub site: &'a Site,
    pub resolver: &'a Resolver<'a>,
    pub global: u64,
    pub sections: Vec<u64>,
}

impl Fingerprints<'_> {
    pub fn job(&self, renderer: &Renderer, job: Job) -> u64 {
        let site = self.site;
        let mut h = DefaultHasher::new();
        self.global.hash(&mut h);
        match job {
            Job::Page(id) => {
                let page = &site.pages[id];
                "page".hash(&mut h);
                page.file.hash.hash(&mut h);
                page.source_path.hash(&mut h);
                page.url.hash(&mut h);
                self.sections[page.section].hash(&mut h);
                self.neighbours(NavEntry::Page(id), &mut h);
                for name in page.related.iter().chain(roles(page)) {
                    match site.names.resolve(&name.value) {
                        Ok(target) => card_key(&site.pages[target]).hash(&mut h),
                        Err(_) => name.value.hash(&mut h),
                    }
                }
                for key in &page.sources {
                    site.bibliography
                        .get(&key.value)
                        .map(source_html)
                        .hash(&mut h);
                }
                let analysis = &renderer.analyses().pages[id];
                for a in analysis.all() {
                    self.links(&page.source_path, a, &mut h);
                }
                if page.url == "/" {
                    for (section, fp) in site.sections.iter().zip(&self.sections) {
                        if matches!(section.kind, Kind::Strategy | Kind::Role | Kind::Checklist) {
                            fp.hash(&mut h);
                        }
                    }
                }
            }
            Job::Section(id) => {
                let section = &site.sections[id];
                "section".hash(&mut h);
                section.file.as_ref().map(|f| f.hash).hash(&mut h);
                self.sections[id].hash(&mut h);
                self.neighbours(NavEntry::Section(id), &mut h);
                let source = format!("{}/_section.md", section.dir);
                self.links(&source, &renderer.analyses().sections[id], &mut h);
            }
            Job::Sources => {
                "sources".hash(&mut h);
                for source in site.bibliography.sources.values() {
                    source_html(source).hash(&mut h);
                }
                for (page, analysis) in site.pages.iter().zip(&renderer.analyses().pages) {
                    let cites =
                        analysis.all().any(|a| !a.citations.is_empty()) || !page.sources.is_empty();
                    if cites {
                        (&page.title, &page.url).hash(&mut h);
                        for a in analysis.all() {
                            a.citations.iter().for_each(|c| c.key.hash(&mut h));
                        }
                        page.sources.iter().for_each(|s| s.value.hash(&mut h));
                    }
                }
            }
            Job::NotFound => "404".hash(&mut h),
        }
        h.finish()
    }

    fn neighbours(&self, entry: NavEntry, h: &mut DefaultHasher) {
        let (prev, next) = self.site.nav.neighbours(entry);
        prev.map(|e| entry_key(self.site, e)).hash(h);
        next.map(|e| entry_key(self.site, e)).hash(h);
    }

    /// Where each link goes and what each cited source says.
    fn links(&self, source: &str, analysis: &super::markdown::Analysis, h: &mut DefaultHasher) {
        for link in &analysis.links {
            self.resolver
                .resolve(source, &link.dest)
                .ok()
                .flatten()
                .map(|r| r.url)
                .hash(h);
        }
        for citation in &analysis.citations {
            self.site
                .bibliography
                .get(&citation.key)
                .map(source_html)
                .hash(h);
        }
    }
}

fn roles(page: &Page) -> &[crate::yaml::Spanned<String>] {
    match &page.data {
        PageData::Strategy { roles, .. } => roles,
        _ => &[],
    }
}

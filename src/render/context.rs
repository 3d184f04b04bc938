//! The data a template sees. A page's context holds that page and the shared navigation
//! (titles and URLs only), never other pages' bodies, so its cost does not grow with the book.
//! Every URL in it is already relative to the page being rendered.

use serde::Serialize;

use super::citations::{self, PageCitations};
use super::markdown::LinkRewriter;
use super::urls::relative;
use crate::check::resolve::{Resolver, SOURCES_URL};
use crate::content::{NavEntry, Page, Site};

#[derive(Serialize, Clone)]
pub struct Link {
    pub title: String,
    pub url: String,
}

#[derive(Serialize)]
pub struct NavItem {
    pub title: String,
    pub url: String,
    /// The reader is in this section (or on this page).
    pub current: bool,
    /// This entry is the page being read.
    pub here: bool,
    pub pages: Vec<NavPage>,
}

#[derive(Serialize)]
pub struct NavPage {
    pub title: String,
    pub url: String,
    pub here: bool,
    pub number: Option<i64>,
}

#[derive(Serialize)]
pub struct SiteContext {
    pub title: String,
    pub subtitle: Option<String>,
    pub edition: Option<String>,
    pub reviewed: Option<String>,
    pub language: String,
    pub dir: &'static str,
    pub institution_name: Option<String>,
    pub institution_short_name: Option<String>,
    pub institution_url: Option<String>,
    pub contact: Option<String>,
    pub contact_href: Option<String>,
}

#[derive(Serialize)]
pub struct Assets {
    pub style: String,
    pub brand: String,
    pub highlight: String,
    pub script: String,
    pub favicon: String,
    pub logo: Option<String>,
}

#[derive(Serialize)]
pub struct FooterLinks {
    pub home: String,
    pub sources: Option<String>,
    pub editors_guide: Option<String>,
}

/// Everything every page shows around its content.
#[derive(Serialize)]
pub struct Frame {
    pub site: SiteContext,
    pub root: String,
    pub asset: Assets,
    pub links: FooterLinks,
    pub nav: Vec<NavItem>,
    pub breadcrumbs: Vec<Link>,
    pub prev: Option<Link>,
    pub next: Option<Link>,
    pub canonical: Option<String>,
}

/// Turns links of one page's Markdown into relative hrefs and numbers its citations.
pub struct PageLinks<'a> {
    pub resolver: &'a Resolver<'a>,
    pub source: String,
    pub url: String,
    pub offline: bool,
    pub citations: PageCitations,
}

impl LinkRewriter for PageLinks<'_> {
    fn href(&self, dest: &str) -> Option<String> {
        match self.resolver.resolve(&self.source, dest) {
            Ok(Some(resolved)) => Some(relative(&self.url, &resolved.url, self.offline)),
            _ => None,
        }
    }

    fn cite(&mut self, keys: &[String]) -> String {
        self.citations.cite(keys)
    }
}

/// Shared inputs for building frames; built once per build.
pub struct Framer<'a> {
    pub site: &'a Site,
    pub offline: bool,
    pub base_url: Option<String>,
    pub logo_url: Option<String>,
    pub editors_guide: Option<String>,
    pub has_sources: bool,
    pub has_home: bool,
}

impl<'a> Framer<'a> {
    pub fn new(site: &'a Site, offline: bool, base_url: Option<String>) -> Framer<'a> {
        let logo_url = site.config.institution.logo.as_ref().map(|l| {
            let path = crate::render::urls::join("", &l.value).unwrap_or_default();
            format!("/{path}")
        });
        let editors_guide = site
            .pages
            .iter()
            .find(|p| p.section == 0 && p.slug == "editors-guide")
            .map(|p| p.url.clone());
        Framer {
            site,
            offline,
            base_url,
            logo_url,
            editors_guide,
            has_sources: !site.bibliography.sources.is_empty(),
            has_home: site.home().is_some(),
        }
    }

    pub fn rel(&self, from: &str, to: &str) -> String {
        relative(from, to, self.offline)
    }

    fn entry_link(&self, from: &str, entry: NavEntry) -> Link {
        let (title, url) = match entry {
            NavEntry::Page(id) => (&self.site.pages[id].title, &self.site.pages[id].url),
            NavEntry::Section(id) => (&self.site.sections[id].title, &self.site.sections[id].url),
        };
        Link {
            title: title.clone(),
            url: self.rel(from, url),
        }
    }

    /// The frame of the page at `url`, which is `entry` in the navigation (if it is in it).
    pub fn frame(&self, url: &str, entry: Option<NavEntry>, title: &str) -> Frame {
        let site = self.site;
        let config = &site.config;
        let current_section = match entry {
            Some(NavEntry::Page(id)) => Some(site.pages[id].section).filter(|&s| s != 0),
            Some(NavEntry::Section(id)) => Some(id),
            None => None,
        };
        let mut nav = Vec::new();
        if self.has_home {
            nav.push(NavItem {
                title: "Home".to_string(),
                url: self.rel(url, "/"),
                current: url == "/",
                here: url == "/",
                pages: Vec::new(),
            });
        }
        for &e in &site.nav.entries {
            match e {
                NavEntry::Section(id) => {
                    let section = &site.sections[id];
                    let current = current_section == Some(id);
                    let pages = if current {
                        section
                            .pages
                            .iter()
                            .map(|&p| {
                                let page = &site.pages[p];
                                NavPage {
                                    title: page.title.clone(),
                                    url: self.rel(url, &page.url),
                                    here: page.url == url,
                                    number: page.number(),
                                }
                            })
                            .collect()
                    } else {
                        Vec::new()
                    };
                    nav.push(NavItem {
                        title: section.title.clone(),
                        url: self.rel(url, &section.url),
                        current,
                        here: section.url == url,
                        pages,
                    });
                }
                NavEntry::Page(id) => {
                    let page = &site.pages[id];
                    nav.push(NavItem {
                        title: page.title.clone(),
                        url: self.rel(url, &page.url),
                        current: page.url == url,
                        here: page.url == url,
                        pages: Vec::new(),
                    });
                }
            }
        }
        let mut breadcrumbs = vec![Link {
            title: "Home".to_string(),
            url: self.rel(url, "/"),
        }];
        if let Some(section) = current_section
            && site.sections[section].url != url
        {
            breadcrumbs.push(Link {
                title: site.sections[section].title.clone(),
                url: self.rel(url, &site.sections[section].url),
            });
        }
        if url != "/" {
            breadcrumbs.push(Link {
                title: title.to_string(),
                url: self.rel(url, url),
            });
        }
        let (prev, next) = entry.map_or((None, None), |e| site.nav.neighbours(e));
        let contact_href = config.institution.contact.as_ref().map(|c| {
            if c.contains('@') && !c.contains(':') {
                format!("mailto:{c}")
            } else {
                c.clone()
            }
        });
        Frame {
            site: SiteContext {
                title: config.title.clone(),
                subtitle: config.subtitle.clone(),
                edition: config.edition.clone(),
                reviewed: config.reviewed.clone(),
                language: config.language.clone(),
                dir: config.direction(),
                institution_name: config.institution.name.clone(),
                institution_short_name: config.institution.short_name.clone(),
                institution_url: config.institution.url.clone(),
                contact: config.institution.contact.clone(),
                contact_href,
            },
            root: self.rel(url, "/"),
            asset: Assets {
                style: self.rel(url, "/theme/style.css"),
                brand: self.rel(url, "/theme/brand.css"),
                highlight: self.rel(url, "/theme/highlight.css"),
                script: self.rel(url, "/theme/handbook.js"),
                favicon: self.rel(
                    url,
                    self.logo_url
                        .as_deref()
                        .filter(|l| l.ends_with(".svg"))
                        .unwrap_or("/theme/favicon.svg"),
                ),
                logo: self.logo_url.as_ref().map(|l| self.rel(url, l)),
            },
            links: FooterLinks {
                home: self.rel(url, "/"),
                sources: self.has_sources.then(|| self.rel(url, SOURCES_URL)),
                editors_guide: self.editors_guide.as_ref().map(|g| self.rel(url, g)),
            },
            nav,
            breadcrumbs,
            prev: prev.map(|e| self.entry_link(url, e)),
            next: next.map(|e| self.entry_link(url, e)),
            canonical: self
                .base_url
                .as_ref()
                .map(|b| format!("{b}{}", url.trim_start_matches('/'))),
        }
    }

    /// A page as it appears in lists (home, section index).
    pub fn card(&self, from: &str, page: &Page) -> Card {
        Card {
            title: page.title.clone(),
            url: self.rel(from, &page.url),
            summary: page.summary.clone(),
            number: page.number(),
            kind: page.kind().name(),
        }
    }
}

#[derive(Serialize)]
pub struct Card {
    pub title: String,
    pub url: String,
    pub summary: Option<String>,
    pub number: Option<i64>,
    pub kind: &'static str,
}

#[derive(Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
}

#[derive(Serialize)]
pub struct Reference {
    pub number: usize,
    pub id: String,
    pub html: String,
    pub sources_url: String,
}

#[derive(Serialize)]
pub struct Related {
    pub title: String,
    pub url: String,
    pub kind: &'static str,
}

/// A page's own data, whatever its kind.
#[derive(Serialize, Default)]
pub struct PageContext {
    pub title: String,
    pub summary: Option<String>,
    pub kind: &'static str,
    pub content: String,
    pub toc: Vec<TocEntry>,
    pub related: Vec<Related>,
    pub references: Vec<Reference>,
    pub number: Option<i64>,
    pub roles: Vec<Link>,
    pub responsibilities: Vec<String>,
    pub themes: Vec<String>,
    pub discussion: Vec<String>,
    pub checklist: Option<ChecklistContext>,
    pub has_code: bool,
}

#[derive(Serialize)]
pub struct ChecklistContext {
    /// Key for the ticks kept in the browser.
    pub storage_key: String,
    pub audience: Vec<String>,
    pub when: Option<String>,
    pub intro: Option<String>,
    pub sections: Vec<ChecklistSectionContext>,
    pub sign_off: Vec<String>,
    pub item_count: usize,
}

#[derive(Serialize)]
pub struct ChecklistSectionContext {
    pub title: String,
    pub id: String,
    pub items: Vec<ChecklistItemContext>,
}

#[derive(Serialize)]
pub struct ChecklistItemContext {
    pub id: String,
    pub html: String,
    pub note: Option<String>,
}

/// The reference list of a page, in citation order.
pub fn references(framer: &Framer, from: &str, citations: &PageCitations) -> Vec<Reference> {
    citations
        .keys
        .iter()
        .enumerate()
        .filter_map(|(i, key)| {
            let source = framer.site.bibliography.get(key)?;
            Some(Reference {
                number: i + 1,
                id: format!("ref-{}", citations::anchor(key)),
                html: citations::source_html(source),
                sources_url: framer.rel(
                    from,
                    &format!("{SOURCES_URL}#src-{}", citations::anchor(key)),
                ),
            })
        })
        .collect()
}

//! Building the inputs: the shared parts once per rebuild, then one value per output.

use std::collections::BTreeMap;

use super::*;
use crate::content::{Kind, NavEntry, Page, SectionId, Site, Source};
use crate::links::{Resolver, SOURCES_URL};
use crate::markdown::Analysis;

/// Builds the shared parts, then one input per output.
pub struct Inputs<'a> {
    pub site: &'a Site,
    pub resolver: Resolver<'a>,
    pub shared: Shared<'a>,
    /// The pages that changed in the newest edition.
    pub latest: Option<Latest>,
}

impl<'a> Inputs<'a> {
    pub fn new(site: &'a Site, settings: Settings<'a>) -> Inputs<'a> {
        let nav = site
            .nav
            .entries
            .iter()
            .map(|&entry| {
                let section = match entry {
                    NavEntry::Section(id) => Some(id),
                    NavEntry::Page(_) => None,
                };
                (nav_top(site, entry), section)
            })
            .collect();
        let section_nav = per_section(site, |page| NavPage {
            title: page.title.clone(),
            url: page.url.clone(),
            number: page.number(),
        });
        let cards = per_section(site, |page| CardInput::of(page, &site.config));
        let mut positions = vec![0; site.pages.len()];
        for section in &site.sections {
            for (i, &page) in section.pages.iter().enumerate() {
                positions[page] = i;
            }
        }
        Inputs {
            site,
            latest: Latest::of(site),
            resolver: Resolver::new(site),
            shared: Shared {
                settings: Hashed::new(settings),
                nav: Hashed::new(nav),
                section_nav,
                cards,
                positions,
            },
        }
    }

    /// The frame of the output at `url`, which is `entry` in the reading order (if it is).
    pub fn frame(&'a self, url: &str, title: &str, entry: Option<NavEntry>) -> FrameInput<'a> {
        let site = self.site;
        let section = match entry {
            Some(NavEntry::Page(id)) => Some(site.pages[id].section).filter(|&s| s != 0),
            Some(NavEntry::Section(id)) => Some(id),
            None => None,
        };
        let section = section.and_then(|id| {
            let position = self.shared.nav.iter().position(|(_, s)| *s == Some(id))?;
            let s = &site.sections[id];
            Some(SectionFrame {
                position,
                target: Target {
                    title: s.title.clone(),
                    url: s.url.clone(),
                },
                pages: &self.shared.section_nav[id],
                here: match entry {
                    Some(NavEntry::Page(page)) => Some(self.shared.positions[page]),
                    _ => None,
                },
            })
        });
        let (prev, next) = entry.map_or((None, None), |e| site.nav.neighbours(e));
        FrameInput {
            url: url.to_string(),
            title: title.to_string(),
            settings: &self.shared.settings,
            nav: &self.shared.nav,
            section,
            prev: prev.map(|e| target(site, e)),
            next: next.map(|e| target(site, e)),
        }
    }

    /// Where every link of `analyses` goes, for Markdown written in `source`.
    pub fn links<'b>(
        &self,
        source: &str,
        analyses: impl Iterator<Item = &'b Analysis>,
    ) -> LinkTable {
        let mut table = LinkTable::new();
        for analysis in analyses {
            for link in &analysis.links {
                let url = self
                    .resolver
                    .resolve(source, &link.dest)
                    .ok()
                    .flatten()
                    .map(|r| r.url);
                table.insert(link.dest.clone(), url);
            }
        }
        table
    }

    pub fn sources<'k>(
        &self,
        keys: impl Iterator<Item = &'k str>,
    ) -> BTreeMap<String, Option<&'a Source>> {
        keys.map(|k| (k.to_string(), self.site.bibliography.get(k)))
            .collect()
    }

    pub fn page(&'a self, page: &'a Page) -> PageInput<'a> {
        let site = self.site;
        let resolve = |names: &[crate::yaml::Spanned<String>]| -> Vec<&'a Page> {
            names
                .iter()
                .filter_map(|n| site.names.resolve(&n.value).ok())
                .map(|id| &site.pages[id])
                .collect()
        };
        let roles = match &page.data {
            crate::content::PageData::Strategy { roles, .. } => resolve(roles),
            _ => Vec::new(),
        };
        let home = (page.url == "/").then(|| {
            site.sections
                .iter()
                .enumerate()
                .filter(|(_, s)| matches!(s.kind, Kind::Strategy | Kind::Role | Kind::Checklist))
                .map(|(id, s)| {
                    let target = Target {
                        title: s.title.clone(),
                        url: s.url.clone(),
                    };
                    (s.kind, target, &self.shared.cards[id])
                })
                .collect()
        });
        PageInput {
            frame: self.frame(&page.url, &page.title, Some(NavEntry::Page(page.id))),
            page: PageRef(page),
            links: self.links(&page.source_path, page.analysis.all()),
            sources: self.sources(
                page.analysis
                    .cited_keys()
                    .chain(page.sources.iter().map(|s| s.value.as_str())),
            ),
            related: resolve(&page.related)
                .into_iter()
                .map(|p| CardInput::of(p, &site.config))
                .collect(),
            roles: roles
                .into_iter()
                .map(|p| Target {
                    title: p.title.clone(),
                    url: p.url.clone(),
                })
                .collect(),
            home,
            changed_in: (self.latest.as_ref()).and_then(|l| l.page(&page.source_path)),
        }
    }

    pub fn section(&'a self, id: SectionId) -> SectionInput<'a> {
        let section = &self.site.sections[id];
        let source = format!("{}/_section.md", section.dir);
        let analysis = &section.analysis;
        SectionInput {
            frame: self.frame(&section.url, &section.title, Some(NavEntry::Section(id))),
            section: SectionRef(section),
            links: self.links(&source, std::iter::once(analysis.as_ref())),
            sources: self.sources(analysis.citations.iter().map(|c| c.key.as_str())),
            cards: &self.shared.cards[id],
        }
    }

    pub fn sources_page(&'a self) -> SourcesInput<'a> {
        let site = self.site;
        let mut cited_by: BTreeMap<&str, Vec<Target>> = BTreeMap::new();
        for entry in &site.nav.order {
            let NavEntry::Page(id) = *entry else { continue };
            let page = &site.pages[id];
            let keys = page
                .analysis
                .cited_keys()
                .chain(page.sources.iter().map(|s| s.value.as_str()));
            for key in keys {
                let pages = cited_by.entry(key).or_default();
                // Pages come one at a time: a page citing a key again is the last one listed.
                if pages.last().is_none_or(|t| t.url != page.url) {
                    pages.push(Target {
                        title: page.title.clone(),
                        url: page.url.clone(),
                    });
                }
            }
        }
        SourcesInput {
            frame: self.frame(SOURCES_URL, "Sources", None),
            entries: site
                .bibliography
                .sources
                .values()
                .map(|s| (s, cited_by.remove(s.key.as_str()).unwrap_or_default()))
                .collect(),
        }
    }
}

/// For each section, its pages in reading order as `item` shows them, hashed once.
fn per_section<T: std::hash::Hash>(site: &Site, item: impl Fn(&Page) -> T) -> Vec<Hashed<Vec<T>>> {
    site.sections
        .iter()
        .map(|s| Hashed::new(s.pages.iter().map(|&p| item(&site.pages[p])).collect()))
        .collect()
}

fn nav_top(site: &Site, entry: NavEntry) -> NavTop {
    let t = target(site, entry);
    NavTop {
        title: t.title,
        url: t.url,
    }
}

fn target(site: &Site, entry: NavEntry) -> Target {
    let (title, url) = match entry {
        NavEntry::Page(id) => (&site.pages[id].title, &site.pages[id].url),
        NavEntry::Section(id) => (&site.sections[id].title, &site.sections[id].url),
    };
    Target {
        title: title.clone(),
        url: url.clone(),
    }
}

impl<'a> Settings<'a> {
    pub fn new(
        site: &'a Site,
        options: &crate::render::RenderOptions,
        theme: &crate::render::theme::Theme,
        theme_generation: u64,
    ) -> Settings<'a> {
        let config = &site.config;
        let with_slash = |b: &str| {
            if b.ends_with('/') {
                b.to_string()
            } else {
                format!("{b}/")
            }
        };
        let base_url = match &options.base_url {
            Some(b) if b.starts_with("http://") || b.starts_with("https://") => Some(with_slash(b)),
            Some(_) => None,
            None => config.absolute_base_url(),
        };
        let given = options
            .base_url
            .clone()
            .or_else(|| config.base_url.clone())
            .unwrap_or_default();
        let path = match given.split_once("://") {
            Some((_, rest)) => rest.find('/').map_or("/", |i| &rest[i..]).to_string(),
            None => given,
        };
        let base_path = if path.starts_with('/') {
            with_slash(&path)
        } else {
            "/".to_string()
        };
        let logo_url = config.institution.logo.as_ref().map(|l| {
            let path = crate::links::urls::join("", &l.value).unwrap_or_default();
            format!("/{path}")
        });
        // The footer's link for editors: the first page for them, else (for handbooks that
        // do not mark it) the top-level page named editors-guide.
        let editors_guide = site
            .nav
            .editors
            .first()
            .map(|&id| &site.pages[id])
            .or_else(|| (site.pages.iter()).find(|p| p.section == 0 && p.slug == "editors-guide"))
            .map(|p| p.url.clone());
        Settings {
            config: ConfigRef(config),
            offline: options.offline,
            base_url,
            base_path,
            theme_generation,
            reads_nav: theme.reads_nav,
            logo_url,
            editors_guide,
            has_sources: !site.bibliography.sources.is_empty(),
            has_changes: matches!(site.history.editions, crate::history::Editions::Listed(_)),
            has_home: site.home().is_some(),
            has_checklists: site
                .pages
                .iter()
                .any(|p| p.kind() == crate::content::Kind::Checklist),
            has_handbook_pdf: site.config.handbook_pdf.wanted(site.pages.len()),
        }
    }
}

//! What each output file is made from: one value per output, built once per rebuild.
//!
//! The renderer receives only this value and the theme, so the template context is made from
//! it alone, and its hash is the output's fingerprint: an output is rendered again exactly
//! when something it shows has changed, and there is no second list of dependencies to keep
//! in step. Parts that many outputs share (settings, the sidebar, a section's page list) are
//! built and hashed once per rebuild and held by reference: hashing a page costs what the
//! page itself refers to, not the size of the book.

use std::collections::BTreeMap;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use crate::config::Config;
use crate::content::{Kind, NavEntry, Page, Section, SectionId, Site, Source};
use crate::links::{Resolver, SOURCES_URL};
use crate::markdown::Analysis;

/// A value with its hash computed once; hashing it again costs one `u64`.
#[derive(Debug)]
pub struct Hashed<T> {
    pub value: T,
    hash: u64,
}

impl<T: Hash> Hashed<T> {
    pub fn new(value: T) -> Hashed<T> {
        let mut h = DefaultHasher::new();
        value.hash(&mut h);
        Hashed {
            hash: h.finish(),
            value,
        }
    }
}

impl<T> Hash for Hashed<T> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.hash.hash(state);
    }
}

impl<T> std::ops::Deref for Hashed<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

/// A page of the model, by identity: the text of its file, where it sits and how it was read
/// (its kind). Everything else about it, its Markdown analysis included, follows from these.
#[derive(Debug, Clone, Copy)]
pub struct PageRef<'a>(pub &'a Page);

impl Hash for PageRef<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        let page = self.0;
        (
            page.file.hash,
            &page.source_path,
            &page.url,
            page.kind().name(),
        )
            .hash(state);
    }
}

/// A title and a site URL (starting with `/`).
#[derive(Debug, Clone, Hash, PartialEq, Eq)]
pub struct Target {
    pub title: String,
    pub url: String,
}

/// A page as lists show it (home, section index, related pages).
#[derive(Debug, Clone, Hash)]
pub struct CardInput {
    pub title: String,
    pub url: String,
    pub summary: Option<String>,
    pub number: Option<i64>,
    pub kind: &'static str,
}

impl CardInput {
    fn of(page: &Page) -> CardInput {
        CardInput {
            title: page.title.clone(),
            url: page.url.clone(),
            summary: page.summary.clone(),
            number: page.number(),
            kind: page.kind().name(),
        }
    }
}

/// One entry of the sidebar's top level.
#[derive(Debug, Clone, Hash)]
pub struct NavTop {
    pub title: String,
    pub url: String,
}

/// A page in the sidebar's list of its section.
#[derive(Debug, Clone, Hash)]
pub struct NavPage {
    pub title: String,
    pub url: String,
    pub number: Option<i64>,
}

/// Settings every output shows: from book.yaml, the command line and the theme.
#[derive(Debug, Hash)]
pub struct Settings<'a> {
    pub config: ConfigRef<'a>,
    pub offline: bool,
    /// Absolute, ending in `/`, when known: for canonical links and the sitemap.
    pub base_url: Option<String>,
    /// The path the site is published under (`/` unless the base URL says otherwise).
    pub base_path: String,
    /// Bumped whenever the theme is loaded again: every templated output depends on it.
    pub theme_generation: u64,
    pub logo_url: Option<String>,
    pub editors_guide: Option<String>,
    pub has_sources: bool,
    pub has_home: bool,
}

/// book.yaml, by the hash of its text (every value shown comes from that text).
#[derive(Debug, Clone, Copy)]
pub struct ConfigRef<'a>(pub &'a Config);

impl Hash for ConfigRef<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.file.hash.hash(state);
    }
}

/// The parts many outputs share, built and hashed once per rebuild.
pub struct Shared<'a> {
    pub settings: Hashed<Settings<'a>>,
    /// The sidebar's top level, with the section each entry opens (if it is a section).
    pub nav: Hashed<Vec<(NavTop, Option<SectionId>)>>,
    /// Per section: the sidebar's list of its pages.
    pub section_nav: Vec<Hashed<Vec<NavPage>>>,
    /// Per section: its pages as cards.
    pub cards: Vec<Hashed<Vec<CardInput>>>,
}

/// What frames an output: settings, sidebar, breadcrumbs, previous and next.
#[derive(Hash)]
pub struct FrameInput<'a> {
    pub url: String,
    pub title: String,
    pub settings: &'a Hashed<Settings<'a>>,
    pub nav: &'a Hashed<Vec<(NavTop, Option<SectionId>)>>,
    /// The reader's section: its position in `nav`, its title and URL, and its pages.
    pub section: Option<(usize, Target, &'a Hashed<Vec<NavPage>>)>,
    pub prev: Option<Target>,
    pub next: Option<Target>,
}

/// Where each link of a piece of Markdown goes (site URL with fragment), as written.
pub type LinkTable = BTreeMap<String, Option<String>>;

/// A section's kind and its pages as cards.
pub type SectionCards<'a> = (Kind, &'a Hashed<Vec<CardInput>>);

/// An output page made from one content page.
#[derive(Hash)]
pub struct PageInput<'a> {
    pub frame: FrameInput<'a>,
    pub page: PageRef<'a>,
    pub links: LinkTable,
    /// Every source the page cites (inline or in `sources`), by key; `None`: not in sources.yaml.
    pub sources: BTreeMap<String, Option<&'a Source>>,
    pub related: Vec<CardInput>,
    pub roles: Vec<Target>,
    /// On the home page: the cards of the strategy, role and checklist sections.
    pub home: Option<Vec<SectionCards<'a>>>,
}

/// A section's index page.
#[derive(Hash)]
pub struct SectionInput<'a> {
    pub frame: FrameInput<'a>,
    pub section: SectionRef<'a>,
    pub links: LinkTable,
    pub sources: BTreeMap<String, Option<&'a Source>>,
    pub cards: &'a Hashed<Vec<CardInput>>,
}

/// A section of the model, by what its index shows of it: its `_section.md` text (by hash)
/// and the values read from it.
#[derive(Clone, Copy)]
pub struct SectionRef<'a>(pub &'a Section);

impl Hash for SectionRef<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        let s = self.0;
        let file = s.file.as_ref().map(|f| f.hash);
        (file, &s.body, &s.title, &s.url, &s.summary, s.kind.name()).hash(state);
    }
}

/// The sources page: every source, with the pages that cite it in reading order.
#[derive(Hash)]
pub struct SourcesInput<'a> {
    pub frame: FrameInput<'a>,
    pub entries: Vec<(&'a Source, Vec<Target>)>,
}

/// Builds the shared parts, then one input per output.
pub struct Inputs<'a> {
    pub site: &'a Site,
    pub resolver: Resolver<'a>,
    pub shared: Shared<'a>,
}

impl<'a> Inputs<'a> {
    pub fn new(site: &'a Site, settings: Settings<'a>) -> Inputs<'a> {
        let mut nav = Vec::new();
        for &entry in &site.nav.entries {
            nav.push(match entry {
                NavEntry::Section(id) => (nav_top(site, entry), Some(id)),
                NavEntry::Page(_) => (nav_top(site, entry), None),
            });
        }
        let section_nav = site
            .sections
            .iter()
            .map(|s| {
                Hashed::new(
                    s.pages
                        .iter()
                        .map(|&p| NavPage {
                            title: site.pages[p].title.clone(),
                            url: site.pages[p].url.clone(),
                            number: site.pages[p].number(),
                        })
                        .collect(),
                )
            })
            .collect();
        let cards = site
            .sections
            .iter()
            .map(|s| {
                Hashed::new(
                    s.pages
                        .iter()
                        .map(|&p| CardInput::of(&site.pages[p]))
                        .collect(),
                )
            })
            .collect();
        Inputs {
            site,
            resolver: Resolver::new(site),
            shared: Shared {
                settings: Hashed::new(settings),
                nav: Hashed::new(nav),
                section_nav,
                cards,
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
            let target = Target {
                title: s.title.clone(),
                url: s.url.clone(),
            };
            Some((position, target, &self.shared.section_nav[id]))
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
                .map(|(id, s)| (s.kind, &self.shared.cards[id]))
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
                .map(CardInput::of)
                .collect(),
            roles: roles
                .into_iter()
                .map(|p| Target {
                    title: p.title.clone(),
                    url: p.url.clone(),
                })
                .collect(),
            home,
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
                if !pages.iter().any(|t| t.url == page.url) {
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
        let editors_guide = site
            .pages
            .iter()
            .find(|p| p.section == 0 && p.slug == "editors-guide")
            .map(|p| p.url.clone());
        Settings {
            config: ConfigRef(config),
            offline: options.offline,
            base_url,
            base_path,
            theme_generation,
            logo_url,
            editors_guide,
            has_sources: !site.bibliography.sources.is_empty(),
            has_home: site.home().is_some(),
        }
    }
}

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
pub use crate::content::{ConfigRef, PageRef, SectionRef};
use crate::content::{Kind, Page, PageData, SectionId, Source};

mod build;
mod changes;

pub use build::Inputs;
pub use changes::{ChangedIn, ChangedPage, ChangesInput, Latest};

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
    /// A checklist's `when`: the moment it is for.
    pub when: Option<String>,
}

impl CardInput {
    fn of(page: &Page, config: &Config) -> CardInput {
        let when = match &page.data {
            PageData::Checklist(checklist) => checklist.when.as_ref(),
            _ => None,
        };
        CardInput {
            title: page.title.clone(),
            url: page.url.clone(),
            summary: page.summary.as_deref().map(|s| config.with_rules(s)),
            number: page.number(),
            kind: page.kind().name(),
            when: when.map(|w| config.with_rules(&w.value)),
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
    /// Some template reads `nav` (see `Theme::reads_nav`); else the context leaves it out.
    pub reads_nav: bool,
    pub logo_url: Option<String>,
    pub editors_guide: Option<String>,
    pub has_sources: bool,
    /// The page of changes lists editions (git has them), so the footer links to it.
    pub has_changes: bool,
    pub has_home: bool,
    /// The handbook has checklists (so their print edition and PDFs exist).
    pub has_checklists: bool,
    /// The build makes `/downloads/handbook.pdf` (`print.handbook_pdf`).
    pub has_handbook_pdf: bool,
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
    /// Per page (by id): its position in its section's list.
    pub positions: Vec<usize>,
}

impl Shared<'_> {
    /// What every output may show of the book as a whole: the settings, the sidebar, each
    /// section's page list and cards, and each page's place in its list. Cheap: the parts are
    /// hashed once when built.
    pub fn fingerprint(&self) -> u64 {
        let mut h = DefaultHasher::new();
        let lists = (&self.section_nav, &self.cards, &self.positions);
        (&self.settings, &self.nav, lists).hash(&mut h);
        h.finish()
    }
}

/// What frames an output: settings, sidebar, breadcrumbs, previous and next.
#[derive(Hash)]
pub struct FrameInput<'a> {
    pub url: String,
    pub title: String,
    pub settings: &'a Hashed<Settings<'a>>,
    pub nav: &'a Hashed<Vec<(NavTop, Option<SectionId>)>>,
    /// The reader's section, when the output is in one.
    pub section: Option<SectionFrame<'a>>,
    pub prev: Option<Target>,
    pub next: Option<Target>,
}

/// The section an output is in, as its frame shows it.
#[derive(Hash)]
pub struct SectionFrame<'a> {
    /// Its position in the sidebar's top level.
    pub position: usize,
    pub target: Target,
    pub pages: &'a Hashed<Vec<NavPage>>,
    /// The output's position among `pages` (`None`: the section's own index).
    pub here: Option<usize>,
}

/// Where each link of a piece of Markdown goes (site URL with fragment), as written.
pub type LinkTable = BTreeMap<String, Option<String>>;

/// A section's kind, title and URL, and its pages as cards.
pub type SectionCards<'a> = (Kind, Target, &'a Hashed<Vec<CardInput>>);

/// An output page, by its content page: its input is made when the page is rendered (or
/// hashed). A book's outputs are all listed before any is rendered, and every page is listed
/// twice (as a page and as a part of the print edition): holding each page's input from the
/// listing to its render held tens of megabytes at 10,000 pages, all of it memory the process
/// touched for the first time.
#[derive(Clone, Copy)]
pub struct PageOutput<'a> {
    pub inputs: &'a Inputs<'a>,
    pub page: &'a Page,
}

impl<'a> PageOutput<'a> {
    pub fn input(&self) -> PageInput<'a> {
        self.inputs.page(self.page)
    }
}

impl Hash for PageOutput<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.input().hash(state);
    }
}

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
    /// The newest edition, when the page changed in it.
    pub changed_in: Option<ChangedIn>,
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

/// The sources page: every source, with the pages that cite it in reading order.
#[derive(Hash)]
pub struct SourcesInput<'a> {
    pub frame: FrameInput<'a>,
    pub entries: Vec<(&'a Source, Vec<Target>)>,
}

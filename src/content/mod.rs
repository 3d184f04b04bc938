//! The content model: the handbook as plain, typed data.
//!
//! `load` reads `content/` once into a `Site`; later stages (check, render, output) take the
//! site by reference and never go back to the files. Pages of every kind share one `Page`
//! type whose `PageData` carries the fields of its kind.

pub mod analysis;
pub(crate) mod bibliography;
mod cache;
pub mod checklist;
pub mod front_matter;
mod identity;
mod integrity;
mod load;
mod names;
mod nav;
mod reload;
mod walk;

use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

pub use analysis::PageAnalysis;
pub use bibliography::{Bibliography, Source};
pub use cache::LoadCache;
pub use checklist::{Checklist, ChecklistItem, ChecklistSection, ItemKind};
pub use identity::{ConfigRef, PageRef, SectionRef};
pub use load::{load, load_cached};
pub use names::{NameError, Names};
pub use nav::{NavEntry, Navigation};
pub use reload::reload_page;
pub use walk::{ASSETS_DIR, CONTENT_DIR};

use crate::config::Config;
use crate::files::Found;
use crate::markdown::Analysis;
use crate::source::SourceFile;
use crate::yaml::Spanned;

pub type PageId = usize;
pub type SectionId = usize;

/// What kind of thing a section holds (SPEC: a section's kind applies to its files).
/// Who a Markdown page is for (`audience` in its front matter, SPEC).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Audience {
    #[default]
    Readers,
    /// The handbook's editors: the page is kept out of the readers' menu, linked from the
    /// footer, and comes after the readers' pages in reading order.
    Editors,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Page,
    Strategy,
    Role,
    Checklist,
    Scenario,
}

impl Kind {
    pub const NAMES: &'static [&'static str] =
        &["page", "strategy", "role", "checklist", "scenario"];

    pub fn parse(name: &str) -> Option<Kind> {
        Some(match name {
            "page" => Kind::Page,
            "strategy" => Kind::Strategy,
            "role" => Kind::Role,
            "checklist" => Kind::Checklist,
            "scenario" => Kind::Scenario,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Kind::Page => "page",
            Kind::Strategy => "strategy",
            Kind::Role => "role",
            Kind::Checklist => "checklist",
            Kind::Scenario => "scenario",
        }
    }
}

/// The whole loaded handbook.
#[derive(Debug)]
pub struct Site {
    pub root: PathBuf,
    pub config: Config,
    /// Section 0 is the top level (home and single pages); the rest are content folders.
    pub sections: Vec<Section>,
    pub pages: Vec<Page>,
    pub bibliography: Bibliography,
    /// Non-content files under content/ (images beside pages), copied to the same place.
    pub files: Vec<Found>,
    /// Files under assets/, relative to it, published under `/assets/`.
    pub assets: Vec<Found>,
    /// Page files that exist but could not be loaded (their errors are reported). Links and
    /// names pointing at them are not reported again.
    pub broken: Vec<BrokenPage>,
    pub names: Names,
    pub nav: Navigation,
    /// The editions, read from git when the session started (see `crate::history`).
    pub history: Arc<crate::history::History>,
}

#[derive(Debug, Clone)]
pub struct BrokenPage {
    pub source_path: String,
    /// The names it would have had: its slug from the file name, and `section/slug`.
    pub names: Vec<String>,
    /// Its Markdown body, when the front matter could be told apart from it: its links and
    /// citations are checked too, so that one fault does not hide the others.
    pub body: Option<(
        Arc<crate::source::SourceFile>,
        Arc<crate::markdown::Analysis>,
    )>,
}

impl BrokenPage {
    pub fn new(source_path: &str, section: &str) -> BrokenPage {
        let stem = source_path.rsplit('/').next().unwrap_or(source_path);
        let stem = stem.rsplit_once('.').map_or(stem, |(s, _)| s);
        let slug = crate::slug::slugify(crate::slug::split_number_prefix(stem).1);
        let mut names = vec![slug.clone()];
        if !section.is_empty() {
            names.push(format!("{section}/{slug}"));
        }
        BrokenPage {
            source_path: source_path.to_string(),
            names,
            body: None,
        }
    }
}

impl Site {
    /// A name or source path that belongs to a page that failed to load.
    pub fn is_broken(&self, name_or_path: &str) -> bool {
        let name = name_or_path.trim().trim_matches('/');
        self.broken
            .iter()
            .any(|b| b.source_path == name || b.names.iter().any(|n| n == name))
    }

    pub fn home(&self) -> Option<&Page> {
        self.pages.iter().find(|p| p.url == "/")
    }
}

#[derive(Debug)]
pub struct Section {
    /// Folder under content/ ("" for the top level).
    pub dir: String,
    pub title: String,
    pub kind: Kind,
    pub weight: Option<i64>,
    pub summary: Option<String>,
    /// The `_section.md` file, whose body is the section's introduction.
    pub file: Option<Arc<SourceFile>>,
    pub body: Range<usize>,
    /// What the introduction's Markdown declares and refers to.
    pub analysis: Arc<Analysis>,
    pub url: String,
    /// In reading order.
    pub pages: Vec<PageId>,
    /// Page files in the folder, loaded or not (a page with errors is still there).
    pub files: usize,
}

#[derive(Debug, Clone)]
pub struct Page {
    pub id: PageId,
    pub section: SectionId,
    /// Path relative to content/, with `/` separators.
    pub source_path: String,
    pub file: Arc<SourceFile>,
    pub slug: String,
    /// Where the slug came from (the `slug` field, or the title when taken from the file name).
    pub slug_span: Range<usize>,
    pub url: String,
    pub title: String,
    pub title_span: Range<usize>,
    pub summary: Option<String>,
    /// Where `summary` is written in the front matter.
    pub summary_span: Option<Range<usize>>,
    /// The page is the handbook's own guidance, not drawn from sources.
    pub own_guidance: bool,
    /// Readers', or for the handbook's editors (kept out of the readers' menu).
    pub audience: Audience,
    pub weight: Option<i64>,
    pub prefix: Option<u32>,
    pub related: Vec<Spanned<String>>,
    pub sources: Vec<Spanned<String>>,
    /// The Markdown body's span in `file` (empty for checklists).
    pub body: Range<usize>,
    /// What the page's Markdown declares and refers to, read with the file.
    pub analysis: Arc<PageAnalysis>,
    pub data: PageData,
}

impl Page {
    pub fn kind(&self) -> Kind {
        match self.data {
            PageData::Page => Kind::Page,
            PageData::Strategy { .. } => Kind::Strategy,
            PageData::Role { .. } => Kind::Role,
            PageData::Scenario { .. } => Kind::Scenario,
            PageData::Checklist(_) => Kind::Checklist,
        }
    }

    pub fn body_text(&self) -> &str {
        &self.file.text[self.body.clone()]
    }

    pub fn number(&self) -> Option<i64> {
        match &self.data {
            PageData::Strategy { number, .. } => Some(number.value),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub enum PageData {
    Page,
    Strategy {
        number: Spanned<i64>,
        roles: Vec<Spanned<String>>,
    },
    Role {
        responsibilities: Vec<Spanned<String>>,
    },
    Scenario {
        themes: Vec<String>,
        discussion: Vec<Spanned<String>>,
    },
    Checklist(Checklist),
}

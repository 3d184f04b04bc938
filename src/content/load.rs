//! Loading: read every file of `content/` into the typed model and tie it together (slugs,
//! URLs, order, names, navigation). Files are read and parsed in parallel, or taken from the
//! load cache when unchanged; the model is assembled in a fixed order so that the result never
//! depends on thread timing.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use super::analysis::PageAnalysis;
use super::bibliography::Bibliography;
use super::cache::{LoadCache, Outcome};
use super::front_matter::{self, Common, SectionMeta};
use super::walk::{self, FileRole, SECTION_FILE};
use super::{BrokenPage, Kind, Names, Navigation, Page, PageData, Section, Site, checklist};
use crate::config::Config;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::files::Found;
use crate::markdown::{self, Analysis};
use crate::slug::{slugify, split_number_prefix};

pub fn load(root: &Path, config: Config, diagnostics: &mut Diagnostics) -> Site {
    load_cached(root, config, &mut LoadCache::default(), diagnostics)
}

/// Loads the site, reusing from `cache` every file that has not changed since it was read.
pub fn load_cached(
    root: &Path,
    config: Config,
    cache: &mut LoadCache,
    diagnostics: &mut Diagnostics,
) -> Site {
    let entries = walk::content(root, diagnostics);
    let assets = walk::assets(root, diagnostics);
    let mut sections = load_sections(&entries, &config, cache, diagnostics);
    let sorted = sort_entries(&entries, &sections, cache, diagnostics);
    // Each section by its folder: looked up once per page.
    let section_at: HashMap<String, usize> = sections
        .iter()
        .enumerate()
        .rev()
        .map(|(i, s)| (s.dir.clone(), i))
        .collect();
    let (pages, broken) = load_pages(&sorted.pages, &sections, &section_at, cache, diagnostics);
    cache.finish();
    for page in &pages {
        sections[page.section].pages.push(page.id);
    }
    for (_, section, _) in &sorted.pages {
        if let Some(&i) = section_at.get(section.as_str()) {
            sections[i].files += 1;
        }
    }
    for section in &mut sections {
        section
            .pages
            .sort_by(|&a, &b| reading_order(&pages[a], &pages[b]));
    }
    super::integrity::check_empty_slugs(&pages, diagnostics);
    super::integrity::check_unique_urls(&pages, diagnostics);
    super::integrity::check_section_collisions(&sections, &pages, diagnostics);
    super::integrity::check_strategy_numbers(&pages, diagnostics);
    let names = Names::build(&sections, &pages);
    let nav = Navigation::build(&sections, &pages);
    Site {
        root: root.to_path_buf(),
        config,
        sections,
        pages,
        broken,
        bibliography: sorted.bibliography,
        files: sorted.files,
        assets,
        names,
        nav,
        history: Default::default(),
    }
}

/// A page's file, the folder of its section, and whether it is a checklist.
type PageEntry<'a> = (&'a Found, String, bool);

/// The files of content/ by what they are: pages and checklists (to load), the bibliography
/// (read here), and files published as they are.
struct Sorted<'a> {
    pages: Vec<PageEntry<'a>>,
    bibliography: Bibliography,
    files: Vec<Found>,
}

fn sort_entries<'a>(
    entries: &'a [Found],
    sections: &[Section],
    cache: &mut LoadCache,
    diagnostics: &mut Diagnostics,
) -> Sorted<'a> {
    let section_kind: HashMap<&str, Kind> =
        sections.iter().map(|s| (s.dir.as_str(), s.kind)).collect();
    let mut sorted = Sorted {
        pages: Vec::new(),
        bibliography: Bibliography::default(),
        files: Vec::new(),
    };
    for entry in entries {
        match walk::classify(&entry.rel, &section_kind) {
            Ok(FileRole::Page { section }) => sorted.pages.push((entry, section, false)),
            Ok(FileRole::Checklist { section }) => sorted.pages.push((entry, section, true)),
            Ok(FileRole::SectionMeta) => {}
            Ok(FileRole::Bibliography) => {
                let cached = cache.read(entry, None, |local| {
                    Outcome::Bibliography(match walk::read_text(entry, local) {
                        Some(file) => Bibliography::read(file, local),
                        None => Bibliography::default(),
                    })
                });
                if let Outcome::Bibliography(b) = cache.keep(&entry.rel, cached, diagnostics) {
                    sorted.bibliography = b;
                }
            }
            Ok(FileRole::Static) => sorted.files.push(entry.clone()),
            Err(d) => diagnostics.push(walk::at_first_line(d, entry)),
        }
    }
    sorted
}

/// Every page and checklist, read in parallel (or taken from `cache`), numbered in the
/// order of `entries`; those that failed to load, as broken pages.
fn load_pages(
    entries: &[PageEntry],
    sections: &[Section],
    section_at: &HashMap<String, usize>,
    cache: &mut LoadCache,
    diagnostics: &mut Diagnostics,
) -> (Vec<Page>, Vec<BrokenPage>) {
    let kind_of = |section: &str| {
        section_at
            .get(section)
            .map_or(Kind::Page, |&i| sections[i].kind)
    };
    let read_as: Vec<(Kind, bool)> = entries
        .iter()
        .map(|(_, section, is_checklist)| (kind_of(section), *is_checklist))
        .collect();
    let loaded: Vec<_> = entries
        .par_iter()
        .zip(&read_as)
        .with_max_len(crate::parallel::TASK_ITEMS)
        .map(|((entry, section, _), &(kind, is_checklist))| {
            let read_as = Some((kind, is_checklist));
            cache.get(entry, read_as).unwrap_or_else(|| {
                cache.fresh(entry, read_as, |local| {
                    Outcome::Page(load_page(entry, section, kind, is_checklist, local))
                })
            })
        })
        .collect();
    let mut pages = Vec::with_capacity(loaded.len());
    let mut broken = Vec::new();
    for (cached, (entry, section, _)) in loaded.into_iter().zip(entries) {
        let failed = cached.failed();
        match cache.keep(&entry.rel, cached, diagnostics) {
            Outcome::Page(Some(mut page)) => {
                page.id = pages.len();
                page.section = section_at.get(page.section_dir()).copied().unwrap_or(0);
                pages.push(*page);
            }
            _ if failed => broken.push(BrokenPage {
                body: broken_body(entry),
                ..BrokenPage::new(&entry.rel, section)
            }),
            _ => {}
        }
    }
    (pages, broken)
}

/// The top level (section 0) and one section per folder; a section's kind decides how its
/// files are read, so sections come first.
fn load_sections(
    entries: &[Found],
    config: &Config,
    cache: &mut LoadCache,
    diagnostics: &mut Diagnostics,
) -> Vec<Section> {
    let mut dirs: Vec<&str> = entries
        .iter()
        .filter_map(|e| e.rel.split_once('/').map(|(dir, _)| dir))
        .collect();
    dirs.dedup();
    let mut sections = vec![Section {
        dir: String::new(),
        title: config.title.clone(),
        kind: Kind::Page,
        weight: None,
        summary: None,
        file: None,
        body: 0..0,
        analysis: Arc::default(),
        url: "/".to_string(),
        pages: Vec::new(),
        files: 0,
    }];
    for dir in dirs {
        let path = format!("{dir}/{SECTION_FILE}");
        let (file, meta) = match entries.iter().find(|e| e.rel == path) {
            Some(entry) => {
                let cached = cache.read(entry, None, |local| match walk::read_text(entry, local) {
                    Some(file) => {
                        let meta = front_matter::read_section(&file, local);
                        Outcome::Section(Some(file), meta)
                    }
                    None => Outcome::Section(None, SectionMeta::default()),
                });
                match cache.keep(&entry.rel, cached, diagnostics) {
                    Outcome::Section(file, meta) => (file, meta),
                    _ => (None, SectionMeta::default()),
                }
            }
            None => (None, SectionMeta::default()),
        };
        let analysis = match &file {
            Some(file) => markdown::analyse(&file.text[meta.body.clone()], meta.body.start),
            None => Analysis::default(),
        };
        sections.push(Section {
            dir: dir.to_string(),
            title: meta.title.unwrap_or_else(|| title_from_dir(dir)),
            kind: meta.kind.unwrap_or(Kind::Page),
            weight: meta.weight,
            summary: meta.summary,
            file,
            body: meta.body,
            analysis: Arc::new(analysis),
            url: format!("/{}/", crate::slug::nfc(dir)),
            pages: Vec::new(),
            files: 0,
        });
    }
    sections
}

/// The body of a Markdown page that failed to load, analysed, if its front matter can be told
/// apart from it (its faults were reported when it was loaded).
fn broken_body(entry: &Found) -> Option<(Arc<crate::source::SourceFile>, Arc<Analysis>)> {
    if !entry.rel.ends_with(".md") {
        return None;
    }
    let file = walk::read_text(entry, &mut Diagnostics::new())?;
    let split = front_matter::split(&file).ok()?;
    let body = file.text.get(split.body.clone())?;
    let analysis = markdown::analyse(body, split.body.start);
    Some((file, Arc::new(analysis)))
}

impl Page {
    /// The folder the page's source sits in ("" at the top level).
    pub(super) fn section_dir(&self) -> &str {
        self.source_path.rsplit_once('/').map_or("", |(dir, _)| dir)
    }
}

pub(super) fn load_page(
    entry: &Found,
    section: &str,
    kind: Kind,
    is_checklist: bool,
    diagnostics: &mut Diagnostics,
) -> Option<Box<Page>> {
    let file = walk::read_text(entry, diagnostics)?;
    if file.text.trim().is_empty() {
        diagnostics.push(
            Diagnostic::new(Code::FileEmpty, "this file is empty")
                .at(&file, 0..0)
                .hint("give it front matter with a `title`, or delete it"),
        );
        return None;
    }
    let (common, data, body) = if is_checklist {
        let (common, checklist) = checklist::read(&file, diagnostics)?;
        (common, PageData::Checklist(checklist), 0..0)
    } else {
        let kind = match kind {
            _ if section.is_empty() => Kind::Page,
            Kind::Checklist => Kind::Page,
            kind => kind,
        };
        front_matter::read_page(&file, kind, diagnostics)?
    };
    if common.draft {
        return None;
    }
    let mut page = make_page(entry, section, file, common, data, body);
    page.analysis = Arc::new(PageAnalysis::of(&page));
    Some(Box::new(page))
}

fn make_page(
    entry: &Found,
    section: &str,
    file: Arc<crate::source::SourceFile>,
    common: Common,
    data: PageData,
    body: std::ops::Range<usize>,
) -> Page {
    let stem = entry.rel.rsplit('/').next().unwrap_or(&entry.rel);
    let stem = stem.rsplit_once('.').map_or(stem, |(s, _)| s);
    let (prefix, stem_slug) = split_number_prefix(stem);
    let (slug, slug_span) = match &common.slug {
        Some(slug) => (slug.value.clone(), slug.span.clone()),
        None => (slugify(stem_slug), common.title.span.clone()),
    };
    let url = if section.is_empty() && stem == "index" {
        "/".to_string()
    } else if section.is_empty() {
        format!("/{slug}/")
    } else {
        format!("/{}/{slug}/", crate::slug::nfc(section))
    };
    Page {
        id: 0,
        section: 0,
        source_path: entry.rel.clone(),
        file,
        slug,
        slug_span,
        url,
        title: common.title.value,
        title_span: common.title.span,
        summary: common.summary,
        summary_span: common.summary_span,
        own_guidance: common.own_guidance,
        audience: common.audience,
        weight: common.weight,
        prefix,
        related: common.related,
        sources: common.sources,
        body,
        analysis: Arc::default(),
        data,
    }
}

/// SPEC: weight, then the number prefix, then title; strategies by their number.
fn reading_order(a: &Page, b: &Page) -> std::cmp::Ordering {
    let key = |p: &Page| {
        (
            p.number().unwrap_or(i64::MAX),
            p.weight.unwrap_or(i64::MAX),
            p.prefix.unwrap_or(u32::MAX),
            p.title.to_lowercase(),
            p.source_path.clone(),
        )
    };
    key(a).cmp(&key(b))
}

fn title_from_dir(dir: &str) -> String {
    let words = dir.replace(['-', '_'], " ");
    let mut chars = words.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default()
}

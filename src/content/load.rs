//! Loading: walk `content/`, read every file into the typed model, and tie it together
//! (slugs, URLs, order, names, navigation). Files are read and parsed in parallel; the model
//! is assembled in a fixed order so that the result never depends on thread timing.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use walkdir::WalkDir;

use super::bibliography::{self, Bibliography};
use super::cache::{Cached, FileKey, LoadCache, Outcome};
use super::front_matter::{self, Common, SectionMeta};
use super::integrity;
use super::slug::{is_scratch_file, slugify, split_number_prefix};
use super::{BrokenPage, Kind, Names, Navigation, Page, PageData, Section, Site, checklist};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::source::SourceFile;

pub const CONTENT_DIR: &str = "content";
const SECTION_FILE: &str = "_section.md";

/// A file under content/, by path relative to it (with `/` separators).
pub(super) struct Entry {
    pub(super) rel: String,
    abs: PathBuf,
    pub(super) key: FileKey,
}

enum FileRole {
    Page { section: String },
    SectionMeta,
    Checklist { section: String },
    Bibliography,
    Static,
}

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
    let content = root.join(CONTENT_DIR);
    let entries = walk(&content, diagnostics);
    let mut next_cache: HashMap<String, Cached> = HashMap::new();
    let mut read = 0;
    let replay = |cached: Cached,
                  diagnostics: &mut Diagnostics,
                  next: &mut HashMap<String, Cached>,
                  rel: &str| {
        diagnostics.extend(cached.diagnostics.iter().cloned());
        let outcome = cached.outcome.clone();
        next.insert(rel.to_string(), cached);
        outcome
    };

    // Sections first: a section's kind decides how its files are read.
    let mut section_dirs: Vec<String> = entries
        .iter()
        .filter_map(|e| e.rel.split_once('/').map(|(dir, _)| dir.to_string()))
        .collect();
    section_dirs.sort();
    section_dirs.dedup();
    let mut sections = vec![Section {
        dir: String::new(),
        title: config.title.clone(),
        kind: Kind::Page,
        weight: None,
        summary: None,
        file: None,
        body: 0..0,
        url: "/".to_string(),
        pages: Vec::new(),
        files: 0,
    }];
    for dir in &section_dirs {
        let meta_entry = entries
            .iter()
            .find(|e| e.rel == format!("{dir}/{SECTION_FILE}"));
        let (file, meta) = match meta_entry {
            Some(entry) => {
                let cached = cache.take(entry, None).unwrap_or_else(|| {
                    read += 1;
                    let mut local = Diagnostics::new();
                    let (file, meta) = match read_text(entry, &mut local) {
                        Some(file) => {
                            let meta = front_matter::read_section(&file, &mut local);
                            (Some(file), meta)
                        }
                        None => (None, SectionMeta::default()),
                    };
                    Cached {
                        key: entry.key.clone(),
                        read_as: None,
                        outcome: Outcome::Section(file, meta),
                        diagnostics: local.into_iter().collect(),
                    }
                });
                match replay(cached, diagnostics, &mut next_cache, &entry.rel) {
                    Outcome::Section(file, meta) => (file, meta),
                    _ => (None, SectionMeta::default()),
                }
            }
            None => (None, SectionMeta::default()),
        };
        sections.push(Section {
            dir: dir.clone(),
            title: meta.title.unwrap_or_else(|| title_from_dir(dir)),
            kind: meta.kind.unwrap_or(Kind::Page),
            weight: meta.weight,
            summary: meta.summary,
            file,
            body: meta.body,
            url: format!("/{dir}/"),
            pages: Vec::new(),
            files: 0,
        });
    }
    let section_kind: HashMap<&str, Kind> =
        sections.iter().map(|s| (s.dir.as_str(), s.kind)).collect();

    let mut bibliography = Bibliography::default();
    let mut files = Vec::new();
    let mut page_entries = Vec::new();
    for entry in &entries {
        match classify(&entry.rel, &section_kind) {
            Ok(FileRole::Page { section }) => page_entries.push((entry, section, false)),
            Ok(FileRole::Checklist { section }) => page_entries.push((entry, section, true)),
            Ok(FileRole::SectionMeta) => {}
            Ok(FileRole::Bibliography) => {
                let cached = cache.take(entry, None).unwrap_or_else(|| {
                    read += 1;
                    let mut local = Diagnostics::new();
                    let bibliography = match read_text(entry, &mut local) {
                        Some(file) => Bibliography::read(file, &mut local),
                        None => Bibliography::default(),
                    };
                    Cached {
                        key: entry.key.clone(),
                        read_as: None,
                        outcome: Outcome::Bibliography(bibliography),
                        diagnostics: local.into_iter().collect(),
                    }
                });
                if let Outcome::Bibliography(b) =
                    replay(cached, diagnostics, &mut next_cache, &entry.rel)
                {
                    bibliography = b;
                }
            }
            Ok(FileRole::Static) => files.push(entry.rel.clone()),
            Err(d) => diagnostics.push(at_first_line(d, entry)),
        }
    }

    let kind_of = |section: &str| section_kind.get(section).copied().unwrap_or(Kind::Page);
    let cached: Vec<Option<Cached>> = page_entries
        .iter()
        .map(|(entry, section, is_checklist)| {
            cache.take(entry, Some((kind_of(section), *is_checklist)))
        })
        .collect();
    read += cached.iter().filter(|c| c.is_none()).count();
    let loaded: Vec<Cached> = page_entries
        .par_iter()
        .zip(cached)
        .map(|((entry, section, is_checklist), cached)| {
            cached.unwrap_or_else(|| {
                let mut local = Diagnostics::new();
                let kind = kind_of(section);
                let page = load_page(entry, section, kind, *is_checklist, &mut local);
                Cached {
                    key: entry.key.clone(),
                    read_as: Some((kind, *is_checklist)),
                    outcome: Outcome::Page(page),
                    diagnostics: local.into_iter().collect(),
                }
            })
        })
        .collect();

    let mut pages = Vec::new();
    let mut broken = Vec::new();
    for (cached, (entry, section, _)) in loaded.into_iter().zip(&page_entries) {
        let failed = cached
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error);
        match replay(cached, diagnostics, &mut next_cache, &entry.rel) {
            Outcome::Page(Some(mut page)) => {
                page.id = pages.len();
                page.section = sections
                    .iter()
                    .position(|s| s.dir == page.section_dir())
                    .unwrap_or(0);
                pages.push(*page);
            }
            _ if failed => broken.push(BrokenPage::new(&entry.rel, section)),
            _ => {}
        }
    }
    for page in &pages {
        sections[page.section].pages.push(page.id);
    }
    for (_, section, _) in &page_entries {
        if let Some(s) = sections.iter_mut().find(|s| &s.dir == section) {
            s.files += 1;
        }
    }

    for section in &mut sections {
        section
            .pages
            .sort_by(|&a, &b| reading_order(&pages[a], &pages[b]));
    }
    integrity::check_unique_urls(&pages, diagnostics);
    integrity::check_section_collisions(&sections, &pages, diagnostics);
    integrity::check_strategy_numbers(&pages, diagnostics);
    cache.files = next_cache;
    cache.last_read = read;
    let names = Names::build(&sections, &pages);
    let nav = Navigation::build(&sections, &pages);
    Site {
        root: root.to_path_buf(),
        config,
        sections,
        pages,
        broken,
        bibliography,
        files,
        names,
        nav,
    }
}

impl Page {
    /// The folder the page's source sits in ("" at the top level).
    fn section_dir(&self) -> &str {
        self.source_path.rsplit_once('/').map_or("", |(dir, _)| dir)
    }
}

fn walk(content: &Path, diagnostics: &mut Diagnostics) -> Vec<Entry> {
    let mut entries = Vec::new();
    if !content.is_dir() {
        diagnostics.push(
            Diagnostic::error("E-CONTENT-MISSING", "the handbook has no content/ folder")
                .in_file(CONTENT_DIR)
                .hint("create content/index.md, the home page"),
        );
        return entries;
    }
    let root = content.parent().unwrap_or(content);
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let walker = WalkDir::new(content)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_scratch_file(&e.file_name().to_string_lossy()));
    for item in walker {
        match item {
            Ok(e) if e.file_type().is_file() => {
                let rel = e.path().strip_prefix(content).unwrap_or(e.path());
                let rel = crate::source::display_path(rel);
                let real = e
                    .path()
                    .canonicalize()
                    .unwrap_or_else(|_| e.path().to_path_buf());
                if !real.starts_with(&canonical_root) {
                    diagnostics.push(
                        Diagnostic::error(
                            "E-SYMLINK-ESCAPE",
                            "this file is a symbolic link to a place outside the handbook",
                        )
                        .in_file(format!("{CONTENT_DIR}/{rel}"))
                        .hint("copy the file into the handbook instead of linking to it"),
                    );
                    continue;
                }
                entries.push(Entry {
                    rel,
                    abs: e.path().to_path_buf(),
                    key: FileKey::of(e.metadata().ok()),
                });
            }
            Ok(_) => {}
            Err(err) => {
                let path = err.path().map(|p| {
                    p.strip_prefix(content.parent().unwrap_or(content))
                        .unwrap_or(p)
                        .to_path_buf()
                });
                let shown = path
                    .as_deref()
                    .map(crate::source::display_path)
                    .unwrap_or_else(|| CONTENT_DIR.into());
                let message = if err.loop_ancestor().is_some() {
                    "this symbolic link loops back to a folder that contains it".to_string()
                } else {
                    format!("cannot read: {err}")
                };
                diagnostics.push(Diagnostic::error("E-FILE-READ", message).in_file(shown));
            }
        }
    }
    entries
}

fn classify(rel: &str, section_kind: &HashMap<&str, Kind>) -> Result<FileRole, Diagnostic> {
    let parts: Vec<&str> = rel.split('/').collect();
    let name = parts[parts.len() - 1];
    let is_markdown = name.ends_with(".md");
    let is_yaml = name.ends_with(".yaml") || name.ends_with(".yml");
    let section = if parts.len() > 1 { parts[0] } else { "" };
    let shown = format!("{CONTENT_DIR}/{rel}");
    if parts.len() > 2 && (is_markdown || is_yaml) {
        return Err(Diagnostic::error(
            "E-CONTENT-NESTED",
            "pages sit at most one folder deep in content/",
        )
        .in_file(shown)
        .hint(format!("move it into content/{section}/")));
    }
    if name == SECTION_FILE {
        return Ok(if section.is_empty() {
            FileRole::Page {
                section: String::new(),
            }
        } else {
            FileRole::SectionMeta
        });
    }
    if is_markdown {
        return Ok(FileRole::Page {
            section: section.to_string(),
        });
    }
    if is_yaml {
        if rel == bibliography::FILE_NAME {
            return Ok(FileRole::Bibliography);
        }
        if section_kind.get(section) == Some(&Kind::Checklist) {
            return Ok(FileRole::Checklist {
                section: section.to_string(),
            });
        }
        return Err(Diagnostic::error("E-YAML-PLACE", "this YAML file is not a checklist and not sources.yaml")
            .in_file(shown)
            .hint("checklists go in a folder whose _section.md says `kind: checklist`; the bibliography is content/sources.yaml"));
    }
    Ok(FileRole::Static)
}

/// Points a diagnostic about a whole file at its first line, so editors can jump there.
fn at_first_line(d: Diagnostic, entry: &Entry) -> Diagnostic {
    match std::fs::read(&entry.abs) {
        Ok(bytes) => {
            let file = SourceFile::new(
                format!("{CONTENT_DIR}/{}", entry.rel),
                String::from_utf8_lossy(&bytes).into_owned(),
            );
            let end = file.text.find('\n').unwrap_or(file.text.len());
            let mut d = d.at(&file, 0..end);
            d.path = None;
            d
        }
        Err(_) => d,
    }
}

fn read_text(entry: &Entry, diagnostics: &mut Diagnostics) -> Option<Arc<SourceFile>> {
    let shown = format!("{CONTENT_DIR}/{}", entry.rel);
    match std::fs::read(&entry.abs) {
        Ok(bytes) => {
            match String::from_utf8(bytes) {
                Ok(text) => Some(SourceFile::new(shown, text)),
                Err(err) => {
                    let offset = err.utf8_error().valid_up_to();
                    let text = String::from_utf8_lossy(err.as_bytes()).into_owned();
                    let file = SourceFile::new(shown, text);
                    diagnostics.push(
                    Diagnostic::error("E-FILE-ENCODING", "this file is not UTF-8 text")
                        .at(&file, offset..offset + 1)
                        .hint("save it as UTF-8 (most editors offer this under “Save with encoding”)"),
                );
                    None
                }
            }
        }
        Err(err) => {
            diagnostics.push(
                Diagnostic::error("E-FILE-READ", format!("cannot read: {err}")).in_file(shown),
            );
            None
        }
    }
}

fn load_page(
    entry: &Entry,
    section: &str,
    kind: Kind,
    is_checklist: bool,
    diagnostics: &mut Diagnostics,
) -> Option<Box<Page>> {
    let file = read_text(entry, diagnostics)?;
    if file.text.trim().is_empty() {
        diagnostics.push(
            Diagnostic::error("E-FILE-EMPTY", "this file is empty")
                .at(&file, 0..0)
                .hint("give it front matter with a `title`, or delete it"),
        );
        return None;
    }
    let stem = entry.rel.rsplit('/').next().unwrap_or(&entry.rel);
    let stem = stem.rsplit_once('.').map_or(stem, |(s, _)| s);
    let (common, data, body) = if is_checklist {
        let (common, checklist) = checklist::read(&file, diagnostics)?;
        (common, PageData::Checklist(checklist), 0..0)
    } else {
        let kind = if section.is_empty() { Kind::Page } else { kind };
        let kind = if kind == Kind::Checklist {
            Kind::Page
        } else {
            kind
        };
        front_matter::read_page(&file, kind, diagnostics)?
    };
    if common.draft {
        return None;
    }
    Some(Box::new(make_page(
        entry, section, stem, file, common, data, body,
    )))
}

fn make_page(
    entry: &Entry,
    section: &str,
    stem: &str,
    file: Arc<SourceFile>,
    common: Common,
    data: PageData,
    body: std::ops::Range<usize>,
) -> Page {
    let (prefix, stem_slug) = split_number_prefix(stem);
    let (slug, slug_span) = match &common.slug {
        Some(slug) => (slug.value.clone(), slug.span.clone()),
        None => (slugify(stem_slug), common.title.span.clone()),
    };
    let is_home = section.is_empty() && stem == "index";
    let url = if is_home {
        "/".to_string()
    } else if section.is_empty() {
        format!("/{slug}/")
    } else {
        format!("/{section}/{slug}/")
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
        weight: common.weight,
        prefix,
        related: common.related,
        sources: common.sources,
        body,
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

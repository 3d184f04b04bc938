//! The pages of the handbook as parts of the book: each page's Markdown and front matter
//! read into blocks in the order the site shows them, links resolved as the site resolves
//! them, citations numbered for the whole book as they are read.

use std::collections::HashMap;
use std::sync::Arc;

use crate::content::{ItemKind, Page, PageData, SectionId, Site};
use crate::links::{Resolver, Target};
use crate::markdown::Cited;
use crate::pdf::book::markdown::{Context, blocks};
use crate::pdf::book::model::{Block, Image, Inline, Link, Part};

/// The heading id of a scenario's facilitator's notes, which come after its questions.
const FACILITATOR_NOTES: &str = "notes";

/// Reads pages in reading order, numbering the sources they cite.
pub struct Reader<'a> {
    site: &'a Site,
    resolver: Resolver<'a>,
    /// The keys cited so far, in order of first citation.
    keys: Vec<String>,
    numbers: HashMap<String, usize>,
}

impl<'a> Reader<'a> {
    pub fn new(site: &'a Site) -> Reader<'a> {
        Reader {
            site,
            resolver: Resolver::new(site),
            keys: Vec::new(),
            numbers: HashMap::new(),
        }
    }

    /// The sources cited, in order of first citation.
    pub fn cited(&self) -> &[String] {
        &self.keys
    }

    /// The number of source `key`; `None` for a key sources.yaml lacks (`check` says so).
    fn number(&mut self, key: &str) -> Option<usize> {
        if let Some(n) = self.numbers.get(key) {
            return Some(*n);
        }
        self.site.bibliography.get(key)?;
        self.keys.push(key.to_string());
        self.numbers.insert(key.to_string(), self.keys.len());
        Some(self.keys.len())
    }

    fn markdown(&mut self, from: &str, text: &str, heading_urls: &[String]) -> Vec<Block> {
        let mut cx = PageContext { reader: self, from };
        blocks(text, heading_urls, &mut cx)
    }

    /// One line of inline Markdown (a checklist item, a responsibility).
    fn inline(&mut self, from: &str, text: &str) -> Vec<Inline> {
        let mut out = Vec::new();
        for block in self.markdown(from, text, &[]) {
            if let Block::Paragraph(inlines) = block {
                if !out.is_empty() {
                    out.push(Inline::Break);
                }
                out.extend(inlines);
            }
        }
        out
    }

    /// A section's introduction.
    pub fn section(&mut self, id: SectionId) -> Vec<Block> {
        let section = &self.site.sections[id];
        let Some(file) = &section.file else {
            return Vec::new();
        };
        let urls: Vec<String> = (section.analysis.headings.iter())
            .map(|h| format!("{}#{}", section.url, h.id))
            .collect();
        let from = format!("{}/_section.md", section.dir);
        let mut blocks = Vec::new();
        if let Some(summary) = &section.summary {
            blocks.push(Block::Lead(vec![Inline::plain(
                self.site.config.with_rules(summary),
            )]));
        }
        blocks.extend(self.markdown(&from, &file.text[section.body.clone()], &urls));
        blocks
    }

    /// A page as a part of its chapter.
    pub fn page(&mut self, page: &Page) -> Part {
        let from = page.source_path.as_str();
        let mut blocks = Vec::new();
        if let Some(summary) = &page.summary {
            blocks.push(Block::Lead(vec![Inline::plain(
                self.site.config.with_rules(summary),
            )]));
        }
        let urls: Vec<String> = (page.analysis.body.headings.iter())
            .map(|h| format!("{}#{}", page.url, h.id))
            .collect();
        let body = page.body_text();
        let label = match &page.data {
            PageData::Strategy { number, .. } => Some(format!("Strategy {}", number.value)),
            PageData::Scenario { .. } => Some("Training scenario".to_string()),
            PageData::Role { .. } => Some("Role".to_string()),
            PageData::Checklist(_) => Some("Checklist".to_string()),
            PageData::Page => None,
        };
        match &page.data {
            PageData::Role { responsibilities } => {
                let items = (responsibilities.iter())
                    .map(|r| vec![Block::Paragraph(self.inline(from, &r.value))])
                    .collect();
                blocks.push(heading(
                    "Responsibilities",
                    &format!("{}#responsibilities-title", page.url),
                ));
                blocks.push(Block::List { start: None, items });
                blocks.extend(self.markdown(from, body, &urls));
            }
            PageData::Scenario { discussion, .. } => {
                let mut text = self.markdown(from, body, &urls);
                let items = (discussion.iter())
                    .map(|d| vec![Block::Paragraph(self.inline(from, &d.value))])
                    .collect();
                let notes = format!("{}#{FACILITATOR_NOTES}", page.url);
                let at = (text.iter())
                    .position(|b| matches!(b, Block::Heading { url, .. } if *url == notes))
                    .unwrap_or(text.len());
                let rest = text.split_off(at);
                blocks.extend(text);
                if !discussion.is_empty() {
                    blocks.push(heading(
                        "For discussion",
                        &format!("{}#discussion-title", page.url),
                    ));
                    blocks.push(Block::List {
                        start: Some(1),
                        items,
                    });
                }
                blocks.extend(rest);
            }
            PageData::Checklist(_) => blocks.extend(self.checklist(page)),
            PageData::Page | PageData::Strategy { .. } => {
                blocks.extend(self.markdown(from, body, &urls))
            }
        }
        self.listed_sources(page, &mut blocks);
        Part {
            title: page.title.clone(),
            label,
            url: page.url.clone(),
            new_sheet: matches!(page.data, PageData::Checklist(_)),
            blocks,
        }
    }

    /// The sources a page lists in its front matter, numbered after those its text cites.
    fn listed_sources(&mut self, page: &Page, blocks: &mut Vec<Block>) {
        let numbers: Vec<(usize, Option<String>)> = (page.sources.iter())
            .filter_map(|key| self.number(&key.value))
            .map(|n| (n, None))
            .collect();
        if !numbers.is_empty() {
            let mut sorted = numbers;
            sorted.sort();
            sorted.dedup();
            blocks.push(Block::Paragraph(vec![
                Inline::plain("Sources:"),
                Inline::Cite(sorted),
            ]));
        }
    }

    fn checklist(&mut self, page: &Page) -> Vec<Block> {
        let PageData::Checklist(checklist) = &page.data else {
            return Vec::new();
        };
        let from = page.source_path.as_str();
        let config = &self.site.config;
        let mut blocks = Vec::new();
        let meta: Vec<String> = [
            (!checklist.audience.is_empty())
                .then(|| format!("For {}", checklist.audience.join(", "))),
            checklist.when.as_ref().map(|w| config.with_rules(&w.value)),
        ]
        .into_iter()
        .flatten()
        .collect();
        if !meta.is_empty() {
            blocks.push(Block::Paragraph(vec![Inline::plain(meta.join(" · "))]));
        }
        if let Some(intro) = &checklist.intro {
            blocks.push(Block::Paragraph(self.inline(from, &intro.value)));
        }
        let field = |name: &String| Block::Field {
            label: vec![Inline::plain(crate::slug::capitalize(name))],
            note: None,
            lines: 1,
        };
        blocks.extend(checklist.record.iter().map(field));
        for section in &checklist.sections {
            let url = format!("{}#{}", page.url, crate::slug::slugify(&section.title));
            blocks.push(heading(&section.title, &url));
            for item in &section.items {
                let note = item.note.as_ref().map(|n| self.inline(from, &n.value));
                blocks.push(match &item.kind {
                    ItemKind::Tick => Block::Tick {
                        text: self.inline(from, &item.text.value),
                        note,
                    },
                    ItemKind::Field { lines } => Block::Field {
                        label: self.inline(from, &item.text.value),
                        note,
                        lines: *lines,
                    },
                    ItemKind::Table { columns, rows } => Block::FillIn {
                        columns: columns
                            .iter()
                            .map(|c| config.with_rules(&c.value))
                            .collect(),
                        rows: *rows,
                    },
                });
            }
        }
        blocks.extend(checklist.sign_off.iter().map(field));
        blocks
    }
}

fn heading(text: &str, url: &str) -> Block {
    Block::Heading {
        level: 2,
        text: vec![Inline::plain(text)],
        url: url.to_string(),
    }
}

/// What the Markdown of one file asks of the book.
struct PageContext<'r, 'a> {
    reader: &'r mut Reader<'a>,
    from: &'r str,
}

impl Context for PageContext<'_, '_> {
    fn link(&self, dest: &str) -> Option<Link> {
        match self.reader.resolver.resolve(self.from, dest) {
            Ok(None) => Some(Link::Outside(dest.to_string())),
            Ok(Some(resolved)) => match resolved.target {
                Target::Page(_) | Target::Section(_) | Target::Sources => {
                    Some(Link::Inside(resolved.url))
                }
                Target::File => {
                    let base = self.reader.site.config.base_url.as_ref()?;
                    let base = base.trim_end_matches('/');
                    Some(Link::Outside(format!("{base}{}", resolved.url)))
                }
            },
            Err(_) => None,
        }
    }

    fn image(&self, dest: &str) -> Option<Image> {
        let resolved = self.reader.resolver.resolve(self.from, dest).ok()??;
        let site = self.reader.site;
        let url = resolved.url.split('#').next()?.to_string();
        let found = match url.strip_prefix("/assets/") {
            Some(rel) => site.assets.iter().find(|f| f.rel == rel),
            None => site.files.iter().find(|f| f.rel == url[1..]),
        }?;
        if found.linked {
            return None;
        }
        let bytes = std::fs::read(&found.abs).ok()?;
        Some(Image {
            url,
            bytes: Arc::new(bytes),
        })
    }

    fn rule(&self, name: &str) -> Option<String> {
        self.reader
            .site
            .config
            .rules
            .get(name)
            .map(|r| r.value.clone())
    }

    fn cite(&mut self, cited: &[Cited]) -> Vec<(usize, Option<String>)> {
        cited
            .iter()
            .filter_map(|c| Some((self.reader.number(&c.key)?, c.locator.clone())))
            .collect()
    }
}

//! Templated outputs that list or frame rather than show one page: section indexes (and
//! their introductions as print chapters), the sources page, the search page and the 404
//! page.

use serde::Serialize;
use tera::Context;

use super::citations;
use super::context::{self, Link, PageContext, references};
use super::editions::{Edition, Place};
use super::highlight::Highlighter;
use super::inputs::{FrameInput, SectionInput, SourcesInput};
use super::page_links::PageLinks;
use super::pages::with_frame;
use crate::links::SOURCES_URL;
use crate::links::urls::relative;
use crate::markdown;

pub fn section(input: &SectionInput, highlighter: &Highlighter) -> Context {
    let section = input.section.0;
    let offline = input.frame.settings.offline;
    let page = section_context(input, highlighter, None);
    let mut context = with_frame(&input.frame, &page);
    let cards = input
        .cards
        .iter()
        .map(|c| context::card(c, &section.url, offline))
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

/// A section's title and introduction; `print` as for `print_page`.
pub fn section_context(
    input: &SectionInput,
    highlighter: &Highlighter,
    print: Option<&Place>,
) -> PageContext {
    let section = input.section.0;
    let offline = input.frame.settings.offline;
    let mut links = PageLinks::new(&input.links, &section.url, &input.frame, highlighter, print);
    let intro = match &section.file {
        Some(file) => markdown::render(
            &file.text[section.body.clone()],
            &section.analysis,
            &mut links,
        ),
        None => String::new(),
    };
    PageContext {
        title: section.title.clone(),
        summary: section
            .summary
            .as_deref()
            .map(|s| input.frame.settings.config.0.with_rules(s)),
        kind: "section",
        content: intro,
        references: references(
            &links.citations.keys,
            &input.sources,
            &section.url,
            offline,
            print,
        ),
        ..PageContext::default()
    }
}

pub fn sources(input: &SourcesInput) -> Context {
    let entries = source_entries(input, None);
    let page = PageContext {
        title: input.frame.title.clone(),
        summary: Some("Every source this handbook cites, with the pages that cite it.".to_string()),
        kind: "sources",
        ..PageContext::default()
    };
    let mut context = with_frame(&input.frame, &page);
    context.insert("sources", &entries);
    context
}

/// The bibliography's entries, each with the pages that cite it; in the print edition, with
/// ids and links inside the document.
pub fn source_entries(input: &SourcesInput, print: Option<&Edition>) -> Vec<SourceEntry> {
    let url = input.frame.url.as_str();
    let offline = input.frame.settings.offline;
    input
        .entries
        .iter()
        .map(|(source, cited_by)| {
            let id = format!("src-{}", citations::anchor(&source.key));
            SourceEntry {
                key: source.key.clone(),
                id: match print {
                    Some(_) => super::editions::anchor(&format!("{SOURCES_URL}#{id}")),
                    None => id,
                },
                html: citations::source_html(source),
                cited_by: cited_by
                    .iter()
                    .map(|t| Link {
                        title: t.title.clone(),
                        url: match print {
                            Some(edition) => super::editions::href(&t.url, edition, offline),
                            None => relative(url, &t.url, offline),
                        },
                    })
                    .collect(),
            }
        })
        .collect()
}

pub fn not_found(frame: &FrameInput) -> Context {
    let page = PageContext {
        title: frame.title.clone(),
        kind: "404",
        ..PageContext::default()
    };
    let mut context = with_frame(frame, &page);
    // Hosts serve 404.html at any depth: a <base> makes its relative links work there.
    // Opened from a folder (--offline) there is no host, and a <base> would break them.
    if !frame.settings.offline {
        context.insert("base_path", &frame.settings.base_path);
    }
    context.insert("canonical", &Option::<String>::None);
    context
}

pub fn search(frame: &FrameInput) -> Context {
    let page = PageContext {
        title: frame.title.clone(),
        kind: "search",
        ..PageContext::default()
    };
    with_frame(frame, &page)
}

#[derive(Serialize)]
struct SectionListing {
    kind: &'static str,
    pages: Vec<context::Card>,
}

#[derive(Serialize)]
pub struct SourceEntry {
    pub key: String,
    id: String,
    html: String,
    cited_by: Vec<Link>,
}

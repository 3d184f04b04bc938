//! What search reads of each page: its title, and its text in blocks at heading granularity,
//! so that a hit links to `page/#heading`. Checklist sections, role responsibilities and
//! scenario prompts are blocks of their own, with the anchors their pages give them.

use crate::config::Config;
use crate::content::{Page, PageData, Section};
use crate::markdown::plain::{PlainBlock, blocks};
use crate::slug::slugify;

/// One place a result can link to.
#[derive(Debug, Clone, Hash, PartialEq)]
pub struct Block {
    /// The heading's id; empty for the top of the page.
    pub anchor: String,
    /// The heading's text; empty for the top of the page.
    pub heading: String,
    pub text: String,
}

/// A page as search sees it.
#[derive(Debug, Clone, Hash, PartialEq)]
pub struct Doc {
    /// Site URL (starting with `/`).
    pub url: String,
    pub title: String,
    pub blocks: Vec<Block>,
    /// A page for the handbook's editors (`audience: editors`): ranked below readers' pages
    /// and shown apart.
    pub for_editors: bool,
}

/// Anchors the templates give to parts that are not headings of the body.
pub const RESPONSIBILITIES_ANCHOR: &str = "responsibilities-title";
pub const DISCUSSION_ANCHOR: &str = "discussion-title";

pub fn of_page(page: &Page, config: &Config) -> Doc {
    let rule = |name: &str| config.rules.get(name).map(|r| r.value.clone());
    let inline = |text: &str| {
        blocks(text, &rule)
            .into_iter()
            .map(|b| b.text)
            .collect::<Vec<_>>()
            .join(" ")
    };
    let body = blocks(page.body_text(), &rule);
    let mut top = Vec::new();
    top.extend(page.summary.as_deref().map(inline));
    let mut extra = Vec::new();
    match &page.data {
        PageData::Role { responsibilities } => extra.push(Block {
            anchor: RESPONSIBILITIES_ANCHOR.into(),
            heading: "Responsibilities".into(),
            text: joined(responsibilities.iter().map(|r| inline(&r.value))),
        }),
        PageData::Scenario { themes, discussion } => {
            top.extend(themes.iter().cloned());
            extra.push(Block {
                anchor: DISCUSSION_ANCHOR.into(),
                heading: "For discussion".into(),
                text: joined(discussion.iter().map(|d| inline(&d.value))),
            });
        }
        PageData::Checklist(c) => {
            top.extend(c.when.as_ref().map(|w| inline(&w.value)));
            top.extend(c.intro.as_ref().map(|i| inline(&i.value)));
            for section in &c.sections {
                let items = section.items.iter().map(|item| {
                    let note = item.note.as_ref().map(|n| inline(&n.value));
                    joined(std::iter::once(inline(&item.text.value)).chain(note))
                });
                extra.push(Block {
                    anchor: slugify(&section.title),
                    heading: section.title.clone(),
                    text: joined(items),
                });
            }
        }
        PageData::Page | PageData::Strategy { .. } => {}
    }
    let headings = &page.analysis.body.headings;
    let mut doc = assemble(&page.url, &page.title, top, body, headings);
    // Responsibilities come before the body on a role's page; the rest after it.
    match &page.data {
        PageData::Role { .. } => {
            let at = 1.min(doc.blocks.len());
            doc.blocks.splice(at..at, extra);
        }
        _ => doc.blocks.extend(extra),
    }
    doc.blocks
        .retain(|b| b.anchor.is_empty() || !b.text.is_empty() || !b.heading.is_empty());
    doc.for_editors = page.audience == crate::content::Audience::Editors;
    doc
}

/// A section's index page: its title and introduction.
pub fn of_section(section: &Section, config: &Config) -> Doc {
    let rule = |name: &str| config.rules.get(name).map(|r| r.value.clone());
    let text = section
        .file
        .as_ref()
        .and_then(|f| f.text.get(section.body.clone()))
        .unwrap_or("");
    let top = section.summary.iter().cloned().collect();
    assemble(
        &section.url,
        &section.title,
        top,
        blocks(text, &rule),
        &section.analysis.headings,
    )
}

fn assemble(
    url: &str,
    title: &str,
    top: Vec<String>,
    body: Vec<PlainBlock>,
    headings: &[crate::markdown::Heading],
) -> Doc {
    let mut parts = body.into_iter();
    let intro = parts.next().map(|b| b.text).unwrap_or_default();
    let mut blocks = vec![Block {
        anchor: String::new(),
        heading: String::new(),
        text: joined(top.into_iter().chain(Some(intro))),
    }];
    for (plain, heading) in parts.zip(headings) {
        blocks.push(Block {
            anchor: heading.id.clone(),
            heading: plain.heading.unwrap_or_default(),
            text: plain.text,
        });
    }
    Doc {
        url: url.to_string(),
        title: title.to_string(),
        blocks,
        for_editors: false,
    }
}

fn joined(parts: impl Iterator<Item = String>) -> String {
    parts
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

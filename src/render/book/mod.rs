//! `/downloads/handbook.pdf`: the handbook as a book, from the same content as the site, in
//! reading order. Chapters are the sections and the top-level pages; a section's pages are
//! its parts. Citations are numbered once for the whole book, in order of first citation,
//! and point to one bibliography at its end (sources' `note` is not printed, as on the site).
//! Made with every other output, from the whole book, so under `serve` it is brought up to
//! date after the pages (as the print editions are).

use std::hash::{Hash, Hasher};
use std::sync::OnceLock;

mod pages;

use super::inputs::Inputs;
use crate::content::{NavEntry, Site};
use crate::pdf::Style;
use crate::pdf::book::model::{Book, Chapter, Cover, Inline, Link, TextStyle, Words};

/// The book and the style it is drawn in. The book is read from the site when first asked
/// for: by a build, on the thread that makes the PDF, beside the pages (not while the outputs
/// are listed, which the pages wait for); by `serve`, to tell whether it changed.
pub struct BookInput<'a> {
    site: &'a Site,
    book: OnceLock<Book>,
    pub style: Style,
    /// Bumped when the theme (and so the fonts) is loaded again.
    pub theme_generation: u64,
}

impl BookInput<'_> {
    pub fn book(&self) -> &Book {
        self.book.get_or_init(|| book(self.site))
    }

    pub fn fingerprint(&self, h: &mut impl Hasher) {
        self.book().hash(h);
        self.style.hash(h);
        self.theme_generation.hash(h);
    }
}

/// The PDF's path and input, when the handbook gets one.
pub fn output<'a>(inputs: &Inputs<'a>) -> Option<(String, BookInput<'a>)> {
    let site = inputs.site;
    if !site.config.handbook_pdf.wanted(site.pages.len()) {
        return None;
    }
    let input = BookInput {
        site,
        book: OnceLock::new(),
        style: super::downloads::style(inputs),
        theme_generation: inputs.shared.settings.theme_generation,
    };
    Some((crate::pdf::path(crate::pdf::BOOK), input))
}

/// The handbook as a book.
pub fn book(site: &Site) -> Book {
    let config = &site.config;
    let mut reader = pages::Reader::new(site);
    let mut chapters: Vec<Chapter> = Vec::new();
    for entry in &site.nav.order {
        match *entry {
            NavEntry::Section(id) => {
                let section = &site.sections[id];
                let blocks = reader.section(id);
                chapters.push(Chapter {
                    title: section.title.clone(),
                    url: section.url.clone(),
                    blocks,
                    pages: Vec::new(),
                });
            }
            NavEntry::Page(id) => {
                let page = &site.pages[id];
                let part = reader.page(page);
                match chapters.last_mut() {
                    Some(chapter) if page.section != 0 => chapter.pages.push(part),
                    _ => chapters.push(Chapter {
                        title: part.title,
                        url: part.url,
                        blocks: part.blocks,
                        pages: Vec::new(),
                    }),
                }
            }
        }
    }
    let bibliography = reader
        .cited()
        .iter()
        .filter_map(|key| Some(reference(site.bibliography.get(key)?)))
        .collect();
    Book {
        cover: Cover {
            institution: config.institution.name.clone(),
            title: config.title.clone(),
            subtitle: config.subtitle.clone(),
            edition: config.edition.clone(),
            reviewed: config.reviewed.clone(),
        },
        chapters,
        bibliography,
        words: Words::default(),
    }
}

/// A source as its bibliography entry: authors (year). *Title*. Venue. Its DOI or address,
/// linked.
fn reference(source: &crate::content::Source) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut head = String::new();
    if !source.authors.is_empty() {
        head.push_str(&source.authors.join(", "));
        head.push(' ');
    }
    if let Some(year) = &source.year {
        head.push_str(&format!("({year}). "));
    }
    out.push(Inline::plain(head));
    match &source.description {
        Some(d) if source.title.is_empty() => {
            out.push(Inline::plain(format!("[{}].", d.trim_end_matches('.'))))
        }
        _ => {
            out.push(Inline::Text {
                text: source.title.trim_end_matches('.').to_string(),
                style: TextStyle {
                    italic: true,
                    ..TextStyle::default()
                },
                link: None,
            });
            out.push(Inline::plain("."));
        }
    }
    if let Some(venue) = &source.venue {
        out.push(Inline::plain(format!(" {venue}.")));
    }
    let (text, address) = match (&source.doi, &source.url) {
        (Some(doi), _) => (format!("doi:{doi}"), format!("https://doi.org/{doi}")),
        (None, Some(url)) => (url.clone(), url.clone()),
        (None, None) => return out,
    };
    out.push(Inline::plain(" "));
    out.push(Inline::Text {
        text,
        style: TextStyle::default(),
        link: Some(Link::Outside(address)),
    });
    out
}

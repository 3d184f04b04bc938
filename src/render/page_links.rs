//! How a page's Markdown meets the site: links made relative (or kept inside a print
//! edition), citations numbered, rules' values, code highlighted, raw HTML as book.yaml allows.

use super::citations::PageCitations;
use super::editions::Place;
use super::highlight::Highlighter;
use super::inputs::{FrameInput, LinkTable};
use crate::config::Rules;
use crate::links::urls::relative;
use crate::markdown::{Cited, Rewriter};

/// Turns the links of one output's Markdown into relative hrefs, numbers its citations and
/// highlights its code.
pub(super) struct PageLinks<'a> {
    pub(super) table: &'a LinkTable,
    pub(super) from: &'a str,
    pub(super) offline: bool,
    pub(super) citations: PageCitations,
    pub(super) highlighter: &'a Highlighter,
    pub(super) rules: &'a Rules,
    /// book.yaml's `allow_html`: false sanitises raw HTML in the Markdown.
    pub(super) allow_html: bool,
    /// In the print edition: the anchor prefix of the page (see `editions::anchor`) and the
    /// levels its headings move down.
    pub(super) print: Option<&'a Place<'a>>,
}

impl<'a> PageLinks<'a> {
    pub(super) fn new(
        table: &'a LinkTable,
        from: &'a str,
        frame: &'a FrameInput,
        highlighter: &'a Highlighter,
        print: Option<&'a Place<'a>>,
    ) -> PageLinks<'a> {
        PageLinks {
            table,
            from,
            offline: frame.settings.offline,
            citations: PageCitations {
                prefix: print.map(|p| format!("{}--", p.prefix)).unwrap_or_default(),
                ..PageCitations::default()
            },
            highlighter,
            rules: &frame.settings.config.0.rules,
            allow_html: frame.settings.config.0.allow_html,
            print,
        }
    }
}

impl Rewriter for PageLinks<'_> {
    fn href(&self, dest: &str) -> Option<String> {
        let url = self.table.get(dest)?.as_ref()?;
        Some(match self.print {
            Some(place) => super::editions::href(url, place.edition, self.offline),
            None => relative(self.from, url, self.offline),
        })
    }

    fn anchor(&self, id: &str) -> String {
        match self.print {
            Some(place) => format!("{}--{id}", place.prefix),
            None => id.to_string(),
        }
    }

    fn heading_shift(&self) -> u8 {
        self.print.map_or(0, |place| place.shift)
    }

    fn cite(&mut self, keys: &[Cited]) -> String {
        let book = self.print.and_then(|place| place.edition.numbers.as_ref());
        self.citations.cite(keys, book)
    }

    fn link_note(&self, dest: &str, text: &str) -> Option<String> {
        let url = self.table.get(dest)?.as_ref()?;
        let path = url.split('#').next().unwrap_or(url);
        let landmark = self.print?.edition.places.get(path)?;
        if path == self.from {
            return None;
        }
        let note = if text.trim().eq_ignore_ascii_case(&landmark.title) {
            landmark.place.clone()
        } else {
            format!("{}, {}", landmark.title, landmark.place)
        };
        Some(format!(
            " <span class=\"xref\">({})</span>",
            super::escape(&note)
        ))
    }

    fn rule(&self, name: &str) -> Option<String> {
        self.rules.get(name).map(|r| r.value.clone())
    }

    fn code_block(&mut self, lang: &str, code: &str) -> String {
        self.highlighter.code_block(lang, code)
    }

    fn raw_html(&self, html: &str) -> Option<String> {
        (!self.allow_html).then(|| ammonia::clean(html))
    }
}

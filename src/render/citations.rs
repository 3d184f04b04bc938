//! Citations: `[@key]` numbered per page in order of first use, the page's reference list,
//! and the HTML of one bibliography entry (shared with the sources page).

use std::collections::HashMap;

use crate::content::Source;
use crate::links::SOURCES_URL;
use crate::markdown::Cited;
use crate::slug::slugify;

use super::escape;

/// The numbering of one page's citations.
#[derive(Debug, Default)]
pub struct PageCitations {
    /// Keys in order of first citation; a key's number is its index + 1.
    pub keys: Vec<String>,
    /// Put before reference ids (`ref-key`), where several pages share one document.
    pub prefix: String,
}

impl PageCitations {
    pub fn number(&mut self, key: &str) -> usize {
        match self.keys.iter().position(|k| k == key) {
            Some(i) => i + 1,
            None => {
                self.keys.push(key.to_string());
                self.keys.len()
            }
        }
    }

    /// The inline HTML for one citation group: a quiet superscript of its numbers in
    /// ascending order, each a link to the page's reference (`1 3`, or with locators
    /// `1, p. 3; 2`). The writer attaches it to the word before, so it never starts a line.
    ///
    /// In a book (`book` holds the numbers of the whole book's bibliography) the numbers are
    /// the book's and the links go to its bibliography.
    pub fn cite(&mut self, keys: &[Cited], book: Option<&HashMap<String, usize>>) -> String {
        let mut numbered: Vec<(usize, &Cited)> = keys
            .iter()
            .map(|cited| match book.and_then(|b| b.get(&cited.key)) {
                Some(&n) => (n, cited),
                None => (self.number(&cited.key), cited),
            })
            .collect();
        numbered.sort_by_key(|(n, _)| *n);
        numbered.dedup_by(|a, b| a.0 == b.0 && a.1.locator == b.1.locator);
        let links: Vec<String> = numbered
            .iter()
            .map(|(n, cited)| {
                let (label, shown) = match &cited.locator {
                    Some(locator) => {
                        let locator = escape(locator);
                        (format!("source {n}, {locator}"), format!("{n}, {locator}"))
                    }
                    None => (format!("source {n}"), n.to_string()),
                };
                let target = match book {
                    Some(_) => crate::render::editions::anchor(&format!(
                        "{SOURCES_URL}#src-{}",
                        anchor(&cited.key)
                    )),
                    None => format!("{}ref-{}", self.prefix, slugify(&cited.key)),
                };
                format!("<a href=\"#{target}\" aria-label=\"{label}\">{shown}</a>")
            })
            .collect();
        let separator = if keys.iter().any(|c| c.locator.is_some()) {
            "<span class=\"cite-sep\">;</span>"
        } else {
            ""
        };
        format!("<sup class=\"cite\">{}</sup>", links.join(separator))
    }
}

pub fn anchor(key: &str) -> String {
    slugify(key)
}

/// One bibliography entry: authors, year, title, venue and link. A source's `note` is for
/// editors (SPEC) and is never published.
pub fn source_html(source: &Source) -> String {
    let mut parts = Vec::new();
    if !source.authors.is_empty() {
        parts.push(escape(&source.authors.join(", ")));
    }
    if let Some(year) = &source.year {
        parts.push(format!("({})", escape(year)));
    }
    let mut out = parts.join(" ");
    if !out.is_empty() {
        out.push_str(". ");
    }
    match &source.description {
        // A work with no title of its own is described in square brackets, as citation
        // styles do, so no reader takes the words for its title.
        Some(description) if source.title.is_empty() => out.push_str(&format!(
            "<span class=\"source-description\">[{}]</span>.",
            escape(description.trim_end_matches('.'))
        )),
        _ => out.push_str(&format!(
            "<cite>{}</cite>.",
            escape(source.title.trim_end_matches('.'))
        )),
    }
    if let Some(venue) = &source.venue {
        out.push_str(&format!(" <span class=\"venue\">{}</span>.", escape(venue)));
    }
    if let Some(doi) = &source.doi {
        out.push_str(&format!(
            " <a class=\"source-link\" href=\"https://doi.org/{0}\">doi:{0}</a>",
            escape(doi)
        ));
    } else if let Some(url) = &source.url {
        out.push_str(&format!(
            " <a class=\"source-link\" href=\"{0}\">{0}</a>",
            escape(url)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_first_use_and_a_group_shows_them_in_order() {
        let cited = |key: &str, locator: Option<&str>| Cited {
            key: key.into(),
            locator: locator.map(Into::into),
        };
        let mut c = PageCitations::default();
        assert!(c.cite(&[cited("b", None)], None).contains(">1<"));
        let group = c.cite(&[cited("a", None), cited("b", None)], None);
        assert!(
            group.contains(">1</a><a href=\"#ref-a\" aria-label=\"source 2\">2<"),
            "{group}"
        );
        assert_eq!(c.keys, ["b", "a"]);
        let html = c.cite(
            &[cited("c", Some("Table <1>")), cited("a", Some("p. 3"))],
            None,
        );
        assert!(
            html.contains(">2, p. 3</a><span class=\"cite-sep\">;</span><a href=\"#ref-c\""),
            "{html}"
        );
        assert!(
            html.contains("aria-label=\"source 3, Table &lt;1&gt;\""),
            "{html}"
        );
    }
}

//! Citations: `[@key]` numbered per page in order of first use, the page's reference list,
//! and the HTML of one bibliography entry (shared with the sources page).

use crate::content::Source;
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

    /// The inline HTML for one citation group: `[1]`, `[1, 2]`, or with locators
    /// `[1, p. 3; 2]`, one marker for the whole group.
    pub fn cite(&mut self, keys: &[Cited]) -> String {
        let links: Vec<String> = keys
            .iter()
            .map(|cited| {
                let n = self.number(&cited.key);
                let link = format!(
                    "<a href=\"#{}ref-{}\" aria-label=\"source {n}\">{n}</a>",
                    self.prefix,
                    slugify(&cited.key)
                );
                match &cited.locator {
                    Some(locator) => format!("{link}, {}", escape(locator)),
                    None => link,
                }
            })
            .collect();
        let separator = if keys.iter().any(|c| c.locator.is_some()) {
            "; "
        } else {
            ", "
        };
        format!("<span class=\"cite\">[{}]</span>", links.join(separator))
    }
}

pub fn anchor(key: &str) -> String {
    slugify(key)
}

/// One bibliography entry: authors, year, title, venue, link and note.
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
    if let Some(note) = &source.note {
        out.push_str(&format!(
            " <span class=\"source-note\">{}</span>",
            escape(note)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_first_use() {
        let cited = |key: &str, locator: Option<&str>| Cited {
            key: key.into(),
            locator: locator.map(Into::into),
        };
        let mut c = PageCitations::default();
        assert!(c.cite(&[cited("b", None)]).contains(">1<"));
        assert!(
            c.cite(&[cited("a", None), cited("b", None)])
                .contains(">2</a>, <a href=\"#ref-b\" aria-label=\"source 1\">1<")
        );
        assert_eq!(c.keys, ["b", "a"]);
        let html = c.cite(&[cited("a", Some("p. 3")), cited("c", Some("Table <1>"))]);
        assert!(html.contains(">2</a>, p. 3; <a href=\"#ref-c\""), "{html}");
        assert!(html.contains("Table &lt;1&gt;]"), "{html}");
    }
}

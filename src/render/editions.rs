//! The print editions' addresses: where each edition is, and how a page of the site is found
//! inside one (its anchor prefix, and links that stay within the document). Pages, listings
//! and the frame all link by these rules; the print module assembles the editions.

use std::collections::{HashMap, HashSet};

use crate::links::urls::relative;

pub const HANDBOOK_URL: &str = "/print/handbook/";
pub const CHECKLISTS_URL: &str = "/print/checklists/";

/// The id, inside a print edition, of the site URL `url` (`/roles/mentor/#duties` becomes
/// `p-roles-mentor--duties`, the home page `p`). No two URLs get the same id: the folders of
/// the path are joined by `-`, and a `-`, `_` or `.` inside one is written `_d`, `_u` or `_p`
/// (white space `_s`), so `/a/b-c/` (`p-a-b_dc`) and `/a-b/c/` (`p-a_db-c`) differ. The page's
/// part never holds `--`, which comes before the fragment, nor `.`, which comes before the
/// ids the print templates derive from it (`p-a.title`, the part's heading).
pub fn anchor(url: &str) -> String {
    let (path, fragment) = url.split_once('#').unwrap_or((url, ""));
    let mut id = String::from("p");
    for folder in path.split('/').filter(|f| !f.is_empty()) {
        id.push('-');
        for c in folder.chars() {
            match c {
                '-' => id.push_str("_d"),
                '_' => id.push_str("_u"),
                '.' => id.push_str("_p"),
                c if c.is_whitespace() => id.push_str("_s"),
                c => id.push(c),
            }
        }
    }
    if !fragment.is_empty() {
        id.push_str("--");
        id.push_str(fragment);
    }
    id
}

/// Which print edition a part is in: its URL and the site URLs of the pages it holds.
#[derive(Default)]
pub struct Edition {
    pub url: &'static str,
    pub inside: HashSet<String>,
    /// In the handbook, read as a book: where each page is, by site URL, for
    /// cross-references that say where ("strategy 7", "chapter 3").
    pub places: HashMap<String, Landmark>,
    /// In the handbook: each source's number, in order of first citation in the book, for
    /// citations that point to the one bibliography at its end.
    pub numbers: Option<HashMap<String, usize>>,
    /// A hash of `places` and `numbers`: what a part's rendering reads of the whole edition.
    pub key: u64,
}

/// A page of the handbook edition as a cross-reference names it.
#[derive(Debug, Clone, Hash)]
pub struct Landmark {
    pub title: String,
    /// Where it is: `strategy 7`, `chapter 3`.
    pub place: String,
}

/// Where a page sits in a print edition: its anchor prefix and how many levels its headings
/// move down.
pub struct Place<'a> {
    pub prefix: &'a str,
    pub shift: u8,
    pub edition: &'a Edition,
}

/// The href, in `edition`, of a link to the site URL `url`: pages of the edition (and their
/// headings) within the document, anything else relative to the print page.
pub fn href(url: &str, edition: &Edition, offline: bool) -> String {
    let path = url.split('#').next().unwrap_or(url);
    if edition.inside.contains(path) {
        format!("#{}", anchor(url))
    } else {
        relative(edition.url, url, offline)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_urls_become_anchors_inside_the_document() {
        assert_eq!(anchor("/"), "p");
        assert_eq!(anchor("/home/"), "p-home");
        assert_eq!(anchor("/a/b-c/"), "p-a-b_dc");
        assert_eq!(anchor("/a-b/c/"), "p-a_db-c");
        assert_eq!(anchor("/a_b/"), "p-a_ub");
        assert_eq!(anchor("/v1.2/"), "p-v1_p2");
        assert_ne!(anchor("/a/b--c/"), anchor("/a/b/#c"));
        assert_eq!(anchor("/roles/mentor/#duties"), "p-roles-mentor--duties");
        let edition = Edition {
            url: CHECKLISTS_URL,
            inside: ["/roles/".to_string()].into_iter().collect(),
            ..Edition::default()
        };
        assert_eq!(href("/roles/#duties", &edition, false), "#p-roles--duties");
        assert_eq!(href("/ethics/", &edition, false), "../../ethics/");
        assert_eq!(
            href("/assets/plan.pdf", &edition, true),
            "../../assets/plan.pdf"
        );
    }
}

//! The print editions' addresses: where each edition is, and how a page of the site is found
//! inside one (its anchor prefix, and links that stay within the document). Pages, listings
//! and the frame all link by these rules; the print module assembles the editions.

use std::collections::HashSet;

use crate::links::urls::relative;

pub const HANDBOOK_URL: &str = "/print/handbook/";
pub const CHECKLISTS_URL: &str = "/print/checklists/";

/// The id, inside a print edition, of the site URL `url` (`/roles/mentor/#duties` becomes
/// `p-roles-mentor--duties`).
pub fn anchor(url: &str) -> String {
    let (path, fragment) = url.split_once('#').unwrap_or((url, ""));
    let trimmed = path.trim_matches('/');
    let page = if trimmed.is_empty() {
        "p-home".to_string()
    } else {
        format!("p-{}", trimmed.replace('/', "-"))
    };
    if fragment.is_empty() {
        page
    } else {
        format!("{page}--{fragment}")
    }
}

/// Which print edition a part is in: its URL and the site URLs of the pages it holds.
pub struct Edition {
    pub url: &'static str,
    pub inside: HashSet<String>,
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
        assert_eq!(anchor("/"), "p-home");
        assert_eq!(anchor("/roles/mentor/#duties"), "p-roles-mentor--duties");
        let edition = Edition {
            url: CHECKLISTS_URL,
            inside: ["/roles/".to_string()].into_iter().collect(),
        };
        assert_eq!(href("/roles/#duties", &edition, false), "#p-roles--duties");
        assert_eq!(href("/ethics/", &edition, false), "../../ethics/");
        assert_eq!(
            href("/assets/plan.pdf", &edition, true),
            "../../assets/plan.pdf"
        );
    }
}

//! Client-side search: an index made at build time from what readers see, split into small
//! script files that the browser loads on first use, from a server or from a folder.
//!
//! `docs` says what is read of each page, `text` how words are split, folded and stemmed (the
//! same rules as the client's), and `index` scores blocks and writes the shards. The client
//! is the theme's `search.js`.

pub mod docs;
pub mod index;
mod shard;
pub mod text;

use crate::content::Site;
use docs::Doc;

/// URL of the search page.
pub const SEARCH_URL: &str = "/search/";

/// Every page and section index as search reads it, in the order of the site's pages.
pub fn documents(site: &Site) -> Vec<Doc> {
    use rayon::prelude::*;
    let config = &site.config;
    let mut all: Vec<Doc> = site
        .pages
        .par_iter()
        .map(|p| docs::of_page(p, config))
        .collect();
    all.extend(
        site.sections
            .iter()
            .skip(1)
            .map(|s| docs::of_section(s, config)),
    );
    all
}

/// The index files of `site`, by path; none when book.yaml says `search: false`.
pub fn files(site: &Site, offline: bool) -> Vec<(String, Vec<u8>)> {
    if !site.config.search {
        return Vec::new();
    }
    let language = text::Language::new(&site.config.language);
    index::files(&documents(site), &language, offline)
}

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

use std::collections::HashMap;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::content::{Page, Section, Site};
use docs::Doc;
use index::PageIndex;
use text::Language;

/// URL of the search page.
pub const SEARCH_URL: &str = "/search/";

/// The per-page part of the index from the last rebuild, by URL, with the hash of what it
/// was made from: a rebuild re-reads only the pages that changed.
#[derive(Default)]
pub struct Memo {
    pages: HashMap<String, (u64, Arc<PageIndex>)>,
}

/// What a page's part of the index is made from: its file, place and kind, book.yaml (rules
/// and language), and how URLs are written.
fn page_key(page: &Page, config: &Config, offline: bool) -> u64 {
    let mut h = DefaultHasher::new();
    (
        page.file.hash,
        &page.url,
        page.kind().name(),
        config.file.hash,
        offline,
    )
        .hash(&mut h);
    h.finish()
}

fn section_key(section: &Section, config: &Config, offline: bool) -> u64 {
    let mut h = DefaultHasher::new();
    let file = section.file.as_ref().map(|f| f.hash);
    (
        file,
        &section.url,
        &section.title,
        config.file.hash,
        offline,
    )
        .hash(&mut h);
    h.finish()
}

/// The index files of `site`, by path; none when book.yaml says `search: false`.
pub fn files(site: &Site, offline: bool, memo: &mut Memo) -> Vec<(String, Vec<u8>)> {
    if !site.config.search {
        memo.pages.clear();
        return Vec::new();
    }
    let config = &site.config;
    let language = Language::new(&config.language);
    let old = &memo.pages;
    let reuse = |url: &str, key: u64| {
        old.get(url)
            .filter(|(k, _)| *k == key)
            .map(|(_, index)| Arc::clone(index))
    };
    let make = |url: &str, key: u64, doc: &dyn Fn() -> Doc| {
        let index = reuse(url, key)
            .unwrap_or_else(|| Arc::new(index::page_index(&doc(), &language, offline)));
        (url.to_string(), key, index)
    };
    let mut pages: Vec<(String, u64, Arc<PageIndex>)> = site
        .pages
        .par_iter()
        .map(|p| {
            make(&p.url, page_key(p, config, offline), &|| {
                docs::of_page(p, config)
            })
        })
        .collect();
    pages.extend(site.sections.iter().skip(1).map(|s| {
        make(&s.url, section_key(s, config, offline), &|| {
            docs::of_section(s, config)
        })
    }));
    let indexes: Vec<Arc<PageIndex>> = pages.iter().map(|(_, _, i)| Arc::clone(i)).collect();
    memo.pages = pages
        .into_iter()
        .map(|(url, key, index)| (url, (key, index)))
        .collect();
    index::files(&indexes, &language)
}

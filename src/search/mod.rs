//! Client-side search: an index made at build time from what readers see, split into small
//! script files that the browser loads on first use, from a server or from a folder.
//!
//! `docs` says what is read of each page, `text` how words are split, folded and stemmed (the
//! same rules as the client's), and `index` scores blocks and writes the shards. The client
//! is the theme's `search.js`.

pub(crate) mod docs;
mod files;
pub(crate) mod format;
mod fragment;
pub(crate) mod index;
mod shard;
pub mod text;
mod vocabulary;
mod words;

use std::collections::HashMap;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::content::{ConfigRef, Page, PageRef, Section, SectionRef, Site};
use crate::emit::{Contents, OutputFile, Sink};
use docs::Doc;
use index::PageIndex;
use text::Language;
use vocabulary::Vocabulary;

/// URL of the search page.
pub const SEARCH_URL: &str = "/search/";
/// Where the index's files go, under the site root.
pub const FOLDER: &str = "search/";

/// The per-page part of the index from the last rebuild, by URL, with the hash of what it
/// was made from: a rebuild re-reads only the pages that changed. The parts' numbers are of
/// the memo's vocabulary.
#[derive(Default)]
pub struct Memo {
    pages: HashMap<String, (u64, Arc<PageIndex>)>,
    vocabulary: Arc<Vocabulary>,
    /// The vocabulary's size after its first whole index: what the book needs.
    needed: usize,
}

impl Memo {
    /// A new vocabulary (and so every page read again) once this one holds twice what the
    /// book needed and ten thousand more: words typed and since deleted under `serve` are
    /// forgotten, and its memory stays in proportion to the book.
    fn bound(&mut self) {
        if self.needed > 0 && self.vocabulary.len() > 2 * self.needed + 10_000 {
            *self = Memo::default();
        }
    }
}

/// What the index reads, in the order it numbers pages: every page, then every section but
/// the home section.
#[derive(Clone, Copy)]
pub enum Source<'a> {
    Page(&'a Page),
    Section(&'a Section),
}

impl<'a> Source<'a> {
    fn url(&self) -> &'a str {
        match self {
            Source::Page(p) => &p.url,
            Source::Section(s) => &s.url,
        }
    }

    /// What the source's part of the index is made from: the page or section as the
    /// renderer's inputs identify it, book.yaml (rules and language), and how URLs are written.
    fn key(&self, config: &Config, offline: bool) -> u64 {
        let mut h = DefaultHasher::new();
        match self {
            Source::Page(p) => PageRef(p).hash(&mut h),
            Source::Section(s) => SectionRef(s).hash(&mut h),
        }
        (ConfigRef(config), offline).hash(&mut h);
        h.finish()
    }

    fn doc(&self, config: &Config) -> Doc {
        match self {
            Source::Page(p) => docs::of_page(p, config),
            Source::Section(s) => docs::of_section(s, config),
        }
    }
}

fn sources(site: &Site) -> impl Iterator<Item = Source<'_>> {
    let pages = site.pages.iter().map(Source::Page);
    pages.chain(site.sections.iter().skip(1).map(Source::Section))
}

/// One pack of fragments (see `fragment`), an output of its own: made in parallel with the
/// pages, and again only when one of its pages changed.
pub struct Fragment<'a> {
    number: usize,
    sources: Vec<Source<'a>>,
    /// The most characters of a block's text it keeps (`fragment::excerpt_chars`).
    chars: usize,
    config: &'a Config,
    offline: bool,
}

impl Fragment<'_> {
    /// What the pack is made from.
    pub fn fingerprint(&self, h: &mut impl Hasher) {
        (self.number, self.chars).hash(h);
        for source in &self.sources {
            source.key(self.config, self.offline).hash(h);
        }
    }

    pub fn render(&self) -> Vec<u8> {
        let pages: Vec<String> = (self.sources.iter())
            .map(|source| fragment::page(&source.doc(self.config), self.offline, self.chars))
            .collect();
        fragment::pack(self.number, &pages)
    }
}

/// The pack of fragments that holds `page`, by path; none when book.yaml says `search: false`.
pub fn page_fragment<'a>(
    site: &'a Site,
    page: &'a Page,
    offline: bool,
) -> Option<(String, Fragment<'a>)> {
    let number = fragment::pack_of(page.id, format::fragment_pages(sources(site).count()));
    fragments(site, offline)
        .into_iter()
        .nth(number)
        .filter(|(_, pack)| pack.number == number)
}

/// The packs of fragments of `site`, by path; none when book.yaml says `search: false`.
pub fn fragments(site: &Site, offline: bool) -> Vec<(String, Fragment<'_>)> {
    if !site.config.search {
        return Vec::new();
    }
    let sources: Vec<Source> = sources(site).collect();
    let pack_pages = format::fragment_pages(sources.len());
    sources
        .chunks(pack_pages)
        .enumerate()
        .map(|(number, pack)| {
            let fragment = Fragment {
                number,
                sources: pack.to_vec(),
                chars: fragment::excerpt_chars(pack_pages),
                config: &site.config,
                offline,
            };
            (fragment::pack_path(number), fragment)
        })
        .collect()
}

/// The index's part of every page of a site, ready to be assembled into its files.
pub struct Parts {
    indexes: Vec<Arc<PageIndex>>,
    language: Language,
    vocabulary: Arc<Vocabulary>,
}

impl Parts {
    /// The index files (but for the fragments), by path under the site root. Serial: a build
    /// assembles them while the pages render.
    pub fn files(self) -> Vec<(String, Vec<u8>)> {
        files::files(self.indexes, &self.language, &self.vocabulary)
    }
}

/// The paths of the packs of fragments of `site`, as `parts` hands them to a sink; none when
/// book.yaml says `search: false`.
pub fn fragment_paths(site: &Site) -> Vec<String> {
    if !site.config.search {
        return Vec::new();
    }
    let count = sources(site).count();
    (0..count.div_ceil(format::fragment_pages(count)))
        .map(fragment::pack_path)
        .collect()
}

/// Every page's part of the index, read in parallel; none when book.yaml says `search: false`.
///
/// Without a `sink`, each page's part is remembered in `memo` for the next run, and the
/// fragments are left to `fragments` (made again only for packs whose pages change). With one
/// (a one-off build), nothing is remembered or reused, and the packs of fragments go to the
/// sink, made from the text already read for the index (at the paths `fragment_paths`
/// lists).
pub fn parts(
    site: &Site,
    offline: bool,
    memo: &mut Memo,
    sink: Option<&dyn Sink>,
) -> Option<Parts> {
    if !site.config.search {
        memo.pages.clear();
        return None;
    }
    let keep = sink.is_none();
    if keep {
        memo.bound();
    } else {
        *memo = Memo::default();
    }
    let vocabulary = Arc::clone(&memo.vocabulary);
    let config = &site.config;
    let language = Language::new(&config.language);
    // With a sink, every page's part is made, and its fragment with it: nothing is reused.
    let none = HashMap::new();
    let old = if keep { &memo.pages } else { &none };
    let sources: Vec<Source> = sources(site).collect();
    let pack_pages = format::fragment_pages(sources.len());
    let chars = fragment::excerpt_chars(pack_pages);
    let pages: Vec<(u64, Arc<PageIndex>, Option<String>)> = sources
        .par_iter()
        .with_max_len(crate::parallel::TASK_ITEMS)
        .map(|source| {
            let key = source.key(config, offline);
            if let Some((_, index)) = old.get(source.url()).filter(|(k, _)| *k == key) {
                return (key, Arc::clone(index), None);
            }
            let doc = source.doc(config);
            let index = Arc::new(index::page_index(&doc, &language, &vocabulary));
            let fragment = sink.map(|_| fragment::page(&doc, offline, chars));
            (key, index, fragment)
        })
        .collect();
    let (pages, fragments): (Vec<_>, Vec<_>) = pages
        .into_iter()
        .map(|(key, index, fragment)| ((key, index), fragment))
        .unzip();
    if let Some(sink) = sink {
        let fragments: Vec<String> = fragments.into_iter().flatten().collect();
        fragments
            .par_chunks(pack_pages)
            .enumerate()
            .for_each(|(number, pack)| {
                sink.put(OutputFile {
                    path: fragment::pack_path(number),
                    contents: Contents::Shared(Arc::new(fragment::pack(number, pack))),
                });
            });
    }
    let (keys, indexes): (Vec<u64>, Vec<Arc<PageIndex>>) = pages.into_iter().unzip();
    memo.pages = if keep {
        sources
            .iter()
            .zip(keys)
            .zip(&indexes)
            .map(|((source, key), index)| (source.url().to_string(), (key, Arc::clone(index))))
            .collect()
    } else {
        HashMap::new()
    };
    if memo.needed == 0 {
        memo.needed = vocabulary.len();
    }
    Some(Parts {
        indexes,
        language,
        vocabulary,
    })
}

#[cfg(test)]
mod memo_tests {
    use super::Memo;

    #[test]
    fn a_vocabulary_grown_well_past_the_book_is_started_afresh() {
        let mut memo = Memo {
            needed: 100,
            ..Memo::default()
        };
        let first = memo.vocabulary.id();
        for n in 0..10_200 {
            memo.vocabulary.intern(&format!("w{n}"));
        }
        memo.bound();
        assert_eq!(memo.vocabulary.id(), first, "within the bound: kept");
        memo.vocabulary.intern("one-more");
        memo.bound();
        assert_ne!(memo.vocabulary.id(), first, "past it: a new vocabulary");
        assert_eq!((memo.vocabulary.len(), memo.needed), (0, 0));
    }
}

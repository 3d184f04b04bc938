//! `check --external`: whether the links to other sites still answer. Every http(s) link and
//! image in the content (pages, inline Markdown in front matter and checklists, sections),
//! the institution's `url` in book.yaml, and each source's `url` and DOI (asked at
//! https://doi.org/) are gathered with the places that write them; each distinct address is
//! asked once (`fetch`), unless it answered well in the last week (`cache`), and a dead one
//! is a warning at every place that writes it.
//!
//! Never part of `build` or of a plain `check`: it needs the network, and the answer depends
//! on other sites. Addresses at the domains reserved for examples are left to the placeholder
//! warning (`addresses`).

mod cache;
mod fetch;

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use super::addresses::is_placeholder;
use crate::content::Site;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::source::SourceFile;

pub use cache::FILE_NAME as CACHE_FILE;

/// How many addresses a run looked at, and how many of them the cache answered.
#[derive(Debug, Clone, Copy, Default)]
pub struct Tally {
    pub addresses: usize,
    pub from_cache: usize,
}

/// Where an address is written.
struct Place {
    file: Arc<SourceFile>,
    span: Range<usize>,
}

/// Asks every external address of `site` (or the cache, at `root`) and warns at each place
/// of a dead one.
pub fn check_external(
    site: &Site,
    root: &Path,
    timeout: Duration,
    diagnostics: &mut Diagnostics,
) -> Tally {
    let places = places(site);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let mut cache = cache::load(root).unwrap_or_else(|why| {
        diagnostics.push(
            Diagnostic::new(
                Code::LinkCache,
                format!("the cache of external links cannot be read ({why}); every link is checked again"),
            )
            .in_file(CACHE_FILE)
            .hint(format!("{CACHE_FILE} is handbook's own: it is replaced by this run")),
        );
        cache::Cache::new()
    });
    // Only the addresses the handbook still writes are kept.
    cache.retain(|url, _| places.contains_key(url));
    let asked: Vec<String> = places
        .keys()
        .filter(|url| !cache.get(*url).is_some_and(|e| e.is_fresh(now)))
        .cloned()
        .collect();
    let outcomes = fetch::Client::new(timeout).check_all(&asked);
    for (url, outcome) in asked.iter().zip(&outcomes) {
        cache.insert(url.clone(), cache::Entry::new(outcome, now));
        if !outcome.is_dead() {
            continue;
        }
        for place in &places[url] {
            diagnostics.push(
                Diagnostic::new(
                    Code::LinkDead,
                    format!("this external link is dead: {url} {}", outcome.describe()),
                )
                .at(&place.file, place.span.clone())
                .hint("open it in a browser: link to the page's new address, or remove the link (a site that refuses automated checks may still work for readers)"),
            );
        }
    }
    if let Err(err) = cache::save(root, &cache) {
        diagnostics.push(
            Diagnostic::new(
                Code::LinkCache,
                format!("the cache of external links cannot be written ({err})"),
            )
            .in_file(CACHE_FILE)
            .hint("every link is checked again next time; make the handbook's folder writable"),
        );
    }
    Tally {
        addresses: places.len(),
        from_cache: places.len() - asked.len(),
    }
}

/// Every external address of the handbook (without its `#fragment`, which is never sent),
/// sorted, with the places that write it in reading order.
fn places(site: &Site) -> BTreeMap<String, Vec<Place>> {
    let mut places: BTreeMap<String, Vec<Place>> = BTreeMap::new();
    let mut add = |file: &Arc<SourceFile>, span: &Range<usize>, address: &str| {
        let address = address.trim();
        let address = address.split_once('#').map_or(address, |(a, _)| a);
        if is_web(address) && !is_placeholder(address) {
            places.entry(address.to_string()).or_default().push(Place {
                file: Arc::clone(file),
                span: span.clone(),
            });
        }
    };
    let institution = &site.config.institution;
    if let (Some(url), Some(span)) = (&institution.url, &institution.url_span) {
        add(&site.config.file, span, url);
    }
    for section in &site.sections {
        if let Some(file) = &section.file {
            for link in &section.analysis.links {
                add(file, &link.span, &link.dest);
            }
        }
    }
    for page in &site.pages {
        for link in page.analysis.all().flat_map(|a| &a.links) {
            add(&page.file, &link.span, &link.dest);
        }
    }
    if let Some(file) = &site.bibliography.file {
        for source in site.bibliography.sources.values() {
            if let (Some(url), Some(span)) = (&source.url, &source.url_span) {
                add(file, span, url);
            }
            if let (Some(doi), Some(span)) = (&source.doi, &source.doi_span) {
                add(file, span, &format!("https://doi.org/{doi}"));
            }
        }
    }
    places
}

fn is_web(address: &str) -> bool {
    let lower = address.get(..8).unwrap_or(address).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

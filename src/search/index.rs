//! The index: term statistics per block, and the files that carry them to the browser.
//!
//! Every page's blocks are scored on their own: for each stem, a weighted, saturated term
//! frequency over the page title, the heading and the body (title > heading > body),
//! quantised to 1..=31. No collection-wide number goes into a score, so a shard changes only
//! when a page it lists changes; the document count, which IDF needs, lives in `meta.js`, and
//! each stem's document frequency sits beside its postings.
//!
//! Files (each a script, so that they load from `file://` too, where `fetch` cannot):
//! - `search/meta.js`: counts, stop words and the shard keys;
//! - `search/w/<key>.js`: words by prefix, each with its stem and document frequency, so the
//!   client stems exactly as the build did and completes the word being typed;
//! - `search/p/<key>.js`: postings by stem prefix, split until each shard is small, small
//!   neighbouring shards sharing a file (named by its first key; `pg` in meta.js says where
//!   each file starts in the list of keys);
//! - `search/f/<n>.js`: the title, URL and block texts of page n (of `FRAGMENT_PAGES` pages
//!   from n on), for results and excerpts.

use serde_json::json;

use super::FOLDER;
use super::docs::Doc;
use super::format;
use super::shard::{Posting, encode, file_key, shard};
use super::text::Language;
use super::vocabulary::{Term, vocabulary};

/// Field weights: a word in a page's title counts most, then in a heading, then in the text.
const TITLE: f32 = 6.0;
const HEADING: f32 = 3.0;
const BODY: f32 = 1.0;
/// The page's title, in the blocks below its top: context, not the block's own subject.
const PAGE_TITLE: f32 = 0.5;
const MAX_SCORE: f32 = TITLE + HEADING + BODY;
/// BM25's saturation, with fixed typical lengths so that a score needs only its own block.
const K1: f32 = 1.2;
const B: f32 = 0.75;
const TYPICAL_TITLE: f32 = 4.0;
const TYPICAL_BODY: f32 = 80.0;
/// A stem found in more blocks keeps its highest-scoring ones: such a word says little, and
/// this bounds what any one query downloads, whatever the size of the book.
pub const MAX_POSTINGS: usize = 4000;
/// Shards are split by longer prefixes until they are at most this many bytes (a shard with
/// a single stem may be larger).
const POSTINGS_SHARD: usize = 12 * 1024;
const WORDS_SHARD: usize = 16 * 1024;

/// What one page contributes: its postings (stem, block, impact) and the words it uses with
/// their stems, all as vocabulary numbers. It depends on the page alone, so `serve` keeps it
/// from one rebuild to the next while the page is unchanged. The page's fragment (its text
/// for excerpts) is an output of its own (`fragment`).
#[derive(Default)]
pub struct PageIndex {
    postings: Vec<(Term, u16, u8)>,
    words: Vec<(Term, Term)>,
    blocks: usize,
}

fn saturate(tf: f32, len: f32, typical: f32) -> f32 {
    if tf == 0.0 {
        return 0.0;
    }
    tf / (tf + K1 * (1.0 - B + B * len / typical))
}

/// The stems of the non-stop words of `text`, in order; each word's folded form goes into
/// `words` with its stem.
fn terms(text: &str, language: &Language, words_seen: &mut Vec<(Term, Term)>) -> Vec<Term> {
    let mut out = Vec::new();
    language.terms(text, |folded, stem| {
        if let Some(stem) = stem {
            words_seen.push((folded, stem));
            out.push(stem);
        }
    });
    out
}

/// Scores every block of `doc`.
pub fn page_index(doc: &Doc, language: &Language) -> PageIndex {
    let mut out = PageIndex {
        blocks: doc.blocks.len(),
        ..PageIndex::default()
    };
    let mut seen = Vec::new();
    let title = terms(&doc.title, language, &mut seen);
    let mut fields: Vec<(Term, u8)> = Vec::new();
    for (b, block) in doc.blocks.iter().enumerate() {
        // Blocks are numbered in 16 bits: a page with more headings than that is indexed
        // up to its 65,535th.
        let Ok(number) = u16::try_from(b) else { break };
        let heading = terms(&block.heading, language, &mut seen);
        let body = terms(&block.text, language, &mut seen);
        let title_weight = if b == 0 { TITLE } else { PAGE_TITLE };
        fields.clear();
        for (field, list) in [&title, &heading, &body].into_iter().enumerate() {
            fields.extend(list.iter().map(|&stem| (stem, field as u8)));
        }
        fields.sort_unstable();
        for run in fields.chunk_by(|a, b| a.0 == b.0) {
            let mut tf = [0.0f32; 3];
            for &(_, field) in run {
                tf[field as usize] += 1.0;
            }
            let [t, h, x] = tf;
            let score = title_weight * saturate(t, title.len() as f32, TYPICAL_TITLE)
                + HEADING * saturate(h, heading.len() as f32, TYPICAL_TITLE)
                + BODY * saturate(x, body.len() as f32, TYPICAL_BODY);
            let impact = (score / MAX_SCORE * 31.0).ceil().clamp(1.0, 31.0) as u8;
            out.postings.push((run[0].0, number, impact));
        }
    }
    seen.sort_unstable();
    seen.dedup();
    out.words = seen;
    out
}

/// The index files for the pages (in page order), by path under the site root, but for the
/// fragments (see `fragment`).
pub fn files(pages: Vec<std::sync::Arc<PageIndex>>, language: &Language) -> Vec<(String, Vec<u8>)> {
    use rayon::prelude::*;
    let texts = vocabulary();
    let text = |t: Term| texts.get(t as usize).map_or("", |s| s);
    // Postings grouped by stem, each group in page and block order: counted, then placed.
    let mut starts = vec![0usize; texts.len() + 1];
    let mut dictionary: Vec<Option<Term>> = vec![None; texts.len()];
    for page in &pages {
        for &(stem, _, _) in &page.postings {
            starts[stem as usize + 1] += 1;
        }
        for &(word, stem) in &page.words {
            dictionary[word as usize] = Some(stem);
        }
    }
    for i in 1..starts.len() {
        starts[i] += starts[i - 1];
    }
    let mut next = starts.clone();
    let mut placed = vec![Posting::default(); starts[texts.len()]];
    for (n, page) in pages.iter().enumerate() {
        for &(stem, block, impact) in &page.postings {
            let at = &mut next[stem as usize];
            placed[*at] = Posting {
                page: n as u32,
                block,
                impact,
            };
            *at += 1;
        }
    }
    let (page_count, blocks) = (pages.len(), pages.iter().map(|p| p.blocks).sum::<usize>());
    // What is placed is all that is needed of the pages' parts (unless `serve` keeps them).
    drop(pages);
    let postings_of = |stem: Term| &placed[starts[stem as usize]..starts[stem as usize + 1]];
    let df = |stem: Term| postings_of(stem).len();
    let mut out = Vec::new();

    // Words: `word,stem,df` joined by `;`, the stem left empty where it is the word.
    let mut word_entries: Vec<(String, String)> = dictionary
        .iter()
        .enumerate()
        .filter_map(|(word, stem)| {
            let stem = (*stem)?;
            let (word, shown) = (text(word as Term), text(stem));
            let shown = if shown == word { "" } else { shown };
            let count = df(stem);
            Some((word.to_string(), format!("{word},{shown},{count}")))
        })
        .collect();
    word_entries.par_sort_unstable();
    let word_keys = shard(&word_entries, WORDS_SHARD);
    for (key, entries) in &word_keys {
        let list: Vec<&str> = entries
            .iter()
            .map(|&i| word_entries[i].1.as_str())
            .collect();
        out.push(script(
            &format!("{FOLDER}w/{}.js", file_key(key)),
            "w",
            &json!(key),
            &json!(list.join(";")),
        ));
    }

    // Postings: `{stem: [df, encoded]}`.
    let used: Vec<Term> = (0..texts.len() as Term).filter(|&s| df(s) > 0).collect();
    let mut stems: Vec<(String, String)> = used
        .par_iter()
        .map(|&stem| {
            let list = postings_of(stem);
            let count = list.len();
            let encoded = if count > MAX_POSTINGS {
                let mut best = list.to_vec();
                best.sort_by(|a, b| b.impact.cmp(&a.impact).then(a.page.cmp(&b.page)));
                best.truncate(MAX_POSTINGS);
                best.sort_by_key(|p| (p.page, p.block));
                encode(&best)
            } else {
                encode(list)
            };
            let entry = format!("[{count},{}]", json!(encoded));
            (text(stem).to_string(), entry)
        })
        .collect();
    stems.par_sort_unstable();
    let stem_keys = shard(&stems, POSTINGS_SHARD);
    // Shards that came out small share a file with their neighbours (in key order), so
    // that a large book is not thousands of tiny files: each file holds whole shards up to
    // the limit and is named by its first key; `pg` in meta.js lists where each file starts
    // in the list of keys.
    let bodies: Vec<(&String, String)> = stem_keys
        .iter()
        .map(|(key, entries)| {
            let mut body = String::from("{");
            for (n, &i) in entries.iter().enumerate() {
                if n > 0 {
                    body.push(',');
                }
                body.push_str(&json!(stems[i].0).to_string());
                body.push(':');
                body.push_str(&stems[i].1);
            }
            body.push('}');
            (key, body)
        })
        .collect();
    let mut starts = Vec::new();
    let mut size = usize::MAX;
    for (n, (_, body)) in bodies.iter().enumerate() {
        if size.saturating_add(body.len()) > POSTINGS_SHARD {
            starts.push(n);
            size = 0;
        }
        size += body.len();
    }
    for (g, &start) in starts.iter().enumerate() {
        let end = starts.get(g + 1).copied().unwrap_or(bodies.len());
        let mut file = String::new();
        for (key, body) in &bodies[start..end] {
            file.push_str(&format!("hbSearch.p({},{body});\n", json!(key)));
        }
        out.push((
            format!("{FOLDER}p/{}.js", file_key(bodies[start].0)),
            file.into_bytes(),
        ));
    }

    let meta = json!({
        "version": format::VERSION,
        "blocksPerPage": format::BLOCKS_PER_PAGE,
        "pages": page_count,
        "docs": blocks,
        "stop": language.stop_words(),
        "w": word_keys.keys().collect::<Vec<_>>(),
        "p": stem_keys.keys().collect::<Vec<_>>(),
        "pg": starts,
        "typical": TYPICAL_BODY,
        "fragmentPages": format::FRAGMENT_PAGES,
    });
    out.push((
        format!("{FOLDER}meta.js"),
        format!("hbSearch.m({meta});\n").into_bytes(),
    ));
    out
}

fn script(
    path: &str,
    function: &str,
    key: &serde_json::Value,
    value: &serde_json::Value,
) -> (String, Vec<u8>) {
    (
        path.to_string(),
        format!("hbSearch.{function}({key},{value});\n").into_bytes(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::docs::Block;

    fn block(anchor: &str, heading: &str, text: &str) -> Block {
        Block {
            anchor: anchor.into(),
            heading: heading.into(),
            text: text.into(),
        }
    }

    fn impact(terms: &PageIndex, stem: &str, block: u16) -> u8 {
        let stem = crate::search::vocabulary::intern(stem);
        terms
            .postings
            .iter()
            .find(|(s, b, _)| *s == stem && *b == block)
            .map_or(0, |p| p.2)
    }

    #[test]
    fn a_title_hit_outranks_a_heading_hit_which_outranks_a_body_hit() {
        let en = Language::new("en");
        let body = "Meet often and keep notes; the probation review comes later in the year.";
        let doc = Doc {
            url: "/x/".into(),
            title: "Probation".into(),
            blocks: vec![
                block("", "", body),
                block("review", "The review", body),
                block("later", "Later", body),
            ],
        };
        let terms = page_index(&doc, &en);
        let title = impact(&terms, "probat", 0);
        let heading = impact(&terms, "review", 1);
        let body_only = impact(&terms, "review", 2);
        assert!(
            title > heading && heading > body_only,
            "{title} {heading} {body_only}"
        );
        assert!(body_only >= 1);
        // Stop words are not indexed; surface forms map to their stems.
        assert_eq!(impact(&terms, "the", 0), 0);
        let word = |w: &str| crate::search::vocabulary::intern(w);
        assert!(terms.words.contains(&(word("comes"), word("come"))));
    }

    #[test]
    fn common_stems_keep_only_their_best_postings() {
        let en = Language::new("en");
        let docs: Vec<Doc> = (0..MAX_POSTINGS + 10)
            .map(|i| Doc {
                url: format!("/p{i}/"),
                title: format!("Page {i}"),
                blocks: vec![block("", "", "mentor")],
            })
            .collect();
        let pages: Vec<_> = docs
            .iter()
            .map(|d| std::sync::Arc::new(page_index(d, &en)))
            .collect();
        let files = files(pages, &en);
        let shard = files
            .iter()
            .find(|(p, bytes)| {
                p.starts_with("search/p/") && String::from_utf8_lossy(bytes).contains("\"mentor\"")
            })
            .expect("the shard of `mentor`");
        let text = String::from_utf8_lossy(&shard.1);
        let df = format!("\"mentor\":[{},", MAX_POSTINGS + 10);
        assert!(
            text.contains(&df),
            "the true document frequency is kept: {text:.80}"
        );
        assert!(
            text.len() < 4 * MAX_POSTINGS,
            "postings are capped: {} bytes",
            text.len()
        );
    }
}

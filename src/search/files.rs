//! The index's files, made from every page's part of it (`index.rs`).
//!
//! Files (each a script, so that they load from `file://` too, where `fetch` cannot):
//! - `search/meta.js`: counts, stop words, the shard keys (the words' and the postings', each
//!   as one front-coded string, see `front_coded`) and the pages for editors;
//! - `search/w/<key>.js`: words by prefix, each with its stem and document frequency, so the
//!   client completes the word being typed and finds near misses; small neighbouring shards
//!   share a file (named by its first key);
//! - `search/p/<key>.js`: postings by stem prefix, split until each shard is small, small
//!   neighbouring shards sharing a file (named by its first key); each stem's entry also
//!   lists the blocks whose name (heading, or title) holds it, so that the client weighs a
//!   heading that names the query without fetching the block's page;
//! - `search/f/<n>.js`: the title, URL and block texts of the pages of pack n
//!   (`fragment_pages` pages from n × `fragment_pages` on), for results and excerpts.

use serde_json::json;

use super::FOLDER;
use super::format;
use super::index::{
    MAX_POSTINGS, NAME_PLACES, POSTINGS_FILE, POSTINGS_SHARD, PageIndex, TYPICAL_BODY, WORDS_FILE,
    WORDS_SHARD,
};
use super::shard::{Posting, encode, file_key, shard};
use super::text::Language;
use super::vocabulary::{Term, Vocabulary};

/// The index files for the pages (in page order), by path under the site root, but for the
/// fragments (see `fragment`).
pub fn files(
    pages: Vec<std::sync::Arc<PageIndex>>,
    language: &Language,
    vocabulary: &Vocabulary,
) -> Vec<(String, Vec<u8>)> {
    let texts = vocabulary.texts();
    let text = |t: Term| texts.get(t as usize).map_or("", |s| s.as_ref());
    let grouped = Grouped::new(pages, texts.len());
    let mut out = Vec::new();
    let (word_keys, word_starts) = word_files(&grouped, &text, &mut out);
    let (stem_keys, starts) = posting_files(&grouped, &text, &mut out);
    let meta = json!({
        "version": format::VERSION,
        "blocksPerPage": format::BLOCKS_PER_PAGE,
        "pages": grouped.pages,
        "docs": grouped.blocks,
        "stop": language.stop_words(),
        "stemmer": language.stemmer_name(),
        "w": front_coded(&word_keys, &word_starts),
        "p": front_coded(&stem_keys, &starts),
        "typical": TYPICAL_BODY,
        "fragmentPages": format::fragment_pages(grouped.pages),
        "editors": grouped.editors,
        "namePlaces": NAME_PLACES,
    });
    out.push((
        format!("{FOLDER}meta.js"),
        format!("hbSearch.m({meta});\n").into_bytes(),
    ));
    out
}

/// The book's postings grouped by stem, each group in page and block order, the blocks whose
/// name holds each stem likewise, and each word's stem: all the files need of the pages' parts.
struct Grouped {
    placed: Vec<Posting>,
    /// Where each stem's group starts in `placed` (one more entry: the end).
    starts: Vec<usize>,
    /// The blocks whose name holds each stem (as postings whose score is the stem's place in
    /// the name and the name's length, `PageIndex::named`), and where each stem's group starts.
    named: Vec<Posting>,
    named_starts: Vec<usize>,
    dictionary: Vec<Option<Term>>,
    pages: usize,
    blocks: usize,
    /// The numbers of the pages for editors.
    editors: Vec<usize>,
}

/// `(stem, posting)` pairs from every page, grouped by stem by a counting sort (`terms` is
/// the size of the vocabulary): the list and where each stem's group starts.
fn counting_sort<'p, I>(items: impl Fn() -> I, terms: usize) -> (Vec<Posting>, Vec<usize>)
where
    I: Iterator<Item = (Term, Posting)> + 'p,
{
    let mut starts = vec![0usize; terms + 1];
    for (stem, _) in items() {
        starts[stem as usize + 1] += 1;
    }
    for i in 1..starts.len() {
        starts[i] += starts[i - 1];
    }
    let mut next = starts.clone();
    let mut placed = vec![Posting::default(); starts[terms]];
    for (stem, posting) in items() {
        let at = &mut next[stem as usize];
        placed[*at] = posting;
        *at += 1;
    }
    (placed, starts)
}

impl Grouped {
    /// Counted, then placed; `terms` is the size of the vocabulary.
    fn new(pages: Vec<std::sync::Arc<PageIndex>>, terms: usize) -> Grouped {
        let mut dictionary: Vec<Option<Term>> = vec![None; terms];
        for page in &pages {
            for &(word, stem) in &page.words {
                dictionary[word as usize] = Some(stem);
            }
        }
        let postings = || {
            pages.iter().enumerate().flat_map(|(n, page)| {
                page.postings.iter().map(move |&(stem, block, impact)| {
                    let page = n as u32;
                    (
                        stem,
                        Posting {
                            page,
                            block,
                            impact,
                        },
                    )
                })
            })
        };
        let (placed, starts) = counting_sort(postings, terms);
        let named = || {
            pages.iter().enumerate().flat_map(|(n, page)| {
                page.named.iter().map(move |&(stem, block, code)| {
                    let page = n as u32;
                    (
                        stem,
                        Posting {
                            page,
                            block,
                            impact: code,
                        },
                    )
                })
            })
        };
        let (named, named_starts) = counting_sort(named, terms);
        let blocks = pages.iter().map(|p| p.blocks).sum::<usize>();
        let editors = (pages.iter().enumerate())
            .filter(|(_, page)| page.for_editors)
            .map(|(n, _)| n)
            .collect();
        // The pages' parts are dropped here (unless `serve` keeps them).
        Grouped {
            placed,
            starts,
            named,
            named_starts,
            dictionary,
            pages: pages.len(),
            blocks,
            editors,
        }
    }

    fn postings(&self, stem: Term) -> &[Posting] {
        &self.placed[self.starts[stem as usize]..self.starts[stem as usize + 1]]
    }

    fn named(&self, stem: Term) -> &[Posting] {
        &self.named[self.named_starts[stem as usize]..self.named_starts[stem as usize + 1]]
    }
}

/// The word files: `word,stem,df` joined by `;`, the stem left empty where it is the word,
/// by word prefix, small neighbouring shards sharing a file (see `shared_files`). Returns the
/// shards' keys and where each file starts in their list.
fn word_files<'t>(
    grouped: &Grouped,
    text: &(impl Fn(Term) -> &'t str + Sync),
    out: &mut Vec<(String, Vec<u8>)>,
) -> (Vec<String>, Vec<usize>) {
    use rayon::prelude::*;
    let mut word_entries: Vec<(String, String)> = grouped
        .dictionary
        .iter()
        .enumerate()
        .filter_map(|(word, stem)| {
            let stem = (*stem)?;
            let (word, shown) = (text(word as Term), text(stem));
            let shown = if shown == word { "" } else { shown };
            let count = grouped.postings(stem).len();
            Some((word.to_string(), format!("{word},{shown},{count}")))
        })
        .collect();
    word_entries.par_sort_unstable();
    let word_keys = shard(&word_entries, WORDS_SHARD);
    let bodies: Vec<(&String, String)> = word_keys
        .iter()
        .map(|(key, entries)| {
            let list: Vec<&str> = entries
                .iter()
                .map(|&i| word_entries[i].1.as_str())
                .collect();
            (key, json!(list.join(";")).to_string())
        })
        .collect();
    let starts = shared_files(&bodies, "w", WORDS_FILE, out);
    (word_keys.into_keys().collect(), starts)
}

/// The posting files: `{stem: [df, encoded]}` by stem prefix. Shards that came out small
/// share a file with their neighbours (in key order), so that a large book is not thousands
/// of tiny files: each file holds whole shards up to the limit and is named by its first
/// key. Returns the shards' keys and where each file starts in their list (`pg`).
fn posting_files<'t>(
    grouped: &Grouped,
    text: &(impl Fn(Term) -> &'t str + Sync),
    out: &mut Vec<(String, Vec<u8>)>,
) -> (Vec<String>, Vec<usize>) {
    use rayon::prelude::*;
    let used: Vec<Term> = (0..grouped.dictionary.len() as Term)
        .filter(|&s| !grouped.postings(s).is_empty())
        .collect();
    let mut stems: Vec<(String, String)> = used
        .par_iter()
        .map(|&stem| {
            let list = grouped.postings(stem);
            let count = list.len();
            let mut kept = list.to_vec();
            if count > MAX_POSTINGS {
                kept.sort_by(|a, b| b.impact.cmp(&a.impact).then(a.page.cmp(&b.page)));
                kept.truncate(MAX_POSTINGS);
                kept.sort_by_key(|p| (p.page, p.block));
            }
            // The kept blocks whose name holds the stem (every such block has a posting).
            let named: Vec<Posting> = grouped
                .named(stem)
                .iter()
                .filter(|n| {
                    count <= MAX_POSTINGS
                        || kept
                            .binary_search_by_key(&(n.page, n.block), |p| (p.page, p.block))
                            .is_ok()
                })
                .copied()
                .collect();
            let mut entry = format!("[{count},{}", json!(encode(&kept)));
            if !named.is_empty() {
                entry.push_str(&format!(",{}", json!(encode(&named))));
            }
            entry.push(']');
            (text(stem).to_string(), entry)
        })
        .collect();
    stems.par_sort_unstable();
    let stem_keys = shard(&stems, POSTINGS_SHARD);
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
    let starts = shared_files(&bodies, "p", POSTINGS_FILE, out);
    (stem_keys.into_keys().collect(), starts)
}

/// Writes shards (key and body, in key order) to `search/<folder>/`, each file holding whole
/// neighbouring shards up to `limit` bytes (a shard larger than that alone) and named by its
/// first key, each shard a call `hbSearch.<folder>(key, body)`. Returns where each file starts
/// in the list of shards.
fn shared_files(
    bodies: &[(&String, String)],
    folder: &str,
    limit: usize,
    out: &mut Vec<(String, Vec<u8>)>,
) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut size = usize::MAX;
    for (n, (_, body)) in bodies.iter().enumerate() {
        if size.saturating_add(body.len()) > limit {
            starts.push(n);
            size = 0;
        }
        size += body.len();
    }
    for (g, &start) in starts.iter().enumerate() {
        let end = starts.get(g + 1).copied().unwrap_or(bodies.len());
        let mut file = String::new();
        for (key, body) in &bodies[start..end] {
            file.push_str(&format!("hbSearch.{folder}({},{body});\n", json!(key)));
        }
        out.push((
            format!("{FOLDER}{folder}/{}.js", file_key(bodies[start].0)),
            file.into_bytes(),
        ));
    }
    starts
}

/// Shards' keys (sorted) as one string, small beside a list: the files (which
/// start at `starts`) joined by `;`, the keys of a file by `,`, each key as the number of
/// characters it shares with the key before it (one base-36 digit) and the rest. Keys are
/// parts of words, which hold neither separator.
fn front_coded(keys: &[String], starts: &[usize]) -> String {
    let mut out = String::new();
    let mut previous: Vec<char> = Vec::new();
    for (n, key) in keys.iter().enumerate() {
        if n > 0 {
            out.push(if starts.binary_search(&n).is_ok() {
                ';'
            } else {
                ','
            });
        }
        let chars: Vec<char> = key.chars().collect();
        let shared = (previous.iter().zip(&chars))
            .take_while(|(a, b)| a == b)
            .count()
            .min(35);
        out.push(char::from_digit(shared as u32, 36).unwrap_or('0'));
        out.extend(&chars[shared..]);
        previous = chars;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{front_coded, shared_files};

    #[test]
    fn small_neighbouring_shards_share_a_file_named_by_its_first_key() {
        let keys: Vec<String> = ["ma", "me", "mo", "x"].map(String::from).to_vec();
        let bodies: Vec<(&String, String)> = (keys.iter())
            .zip([
                "\"a\"",
                "\"b\"",
                &format!("\"{}\"", "c".repeat(40)),
                "\"d\"",
            ])
            .map(|(key, body)| (key, body.to_string()))
            .collect();
        let mut out = Vec::new();
        let starts = shared_files(&bodies, "w", 20, &mut out);
        assert_eq!(
            starts,
            [0, 2, 3],
            "a shard larger than the limit stays alone"
        );
        let paths: Vec<&str> = out.iter().map(|(path, _)| path.as_str()).collect();
        assert_eq!(paths, ["search/w/ma.js", "search/w/mo.js", "search/w/x.js"]);
        assert_eq!(
            out[0].1,
            b"hbSearch.w(\"ma\",\"a\");\nhbSearch.w(\"me\",\"b\");\n"
        );
        // meta.js tells the client which file holds each key.
        assert_eq!(front_coded(&keys, &starts), "0ma,1e;1o;0x");
    }
}

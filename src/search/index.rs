//! The index: term statistics per block (the files that carry them to the browser are
//! `files.rs`'s).
//!
//! Every page's blocks are scored on their own: for each stem, a weighted, saturated term
//! frequency over the page title, the heading and the body (title > heading > body),
//! quantised to 1..=31. No collection-wide number goes into a score, so a shard changes only
//! when a page it lists changes; the document count, which IDF needs, lives in `meta.js`, and
//! each stem's document frequency sits beside its postings.

use super::docs::Doc;
use super::text::Language;
use super::vocabulary::{Term, Vocabulary};

/// Field weights: a word in a page's title counts most, then in a heading, then in the text.
const TITLE: f32 = 6.0;
const HEADING: f32 = 3.0;
const BODY: f32 = 1.0;
/// The page's title, in the blocks below its top: context, not the block's own subject.
const PAGE_TITLE: f32 = 0.5;
const MAX_SCORE: f32 = TITLE + HEADING + BODY;
/// Places in a name told apart in the index (see `PageIndex::named`).
pub(super) const NAME_PLACES: usize = 16;
/// BM25's saturation, with fixed typical lengths so that a score needs only its own block.
const K1: f32 = 1.2;
const B: f32 = 0.75;
const TYPICAL_TITLE: f32 = 4.0;
pub(super) const TYPICAL_BODY: f32 = 80.0;
/// A stem found in more blocks keeps its highest-scoring ones: such a word says little, and
/// this bounds what any one query downloads, whatever the size of the book.
pub const MAX_POSTINGS: usize = 4000;
/// Shards are split by longer prefixes until they are at most this many bytes (a shard with
/// a single stem may be larger).
pub(super) const POSTINGS_SHARD: usize = 12 * 1024;
pub(super) const WORDS_SHARD: usize = 16 * 1024;
/// Neighbouring shards share a file up to this many bytes: a large book's index stays a few
/// hundred files of postings (a query fetches a file or two more than its own shards), and
/// its words a few dozen.
pub(super) const POSTINGS_FILE: usize = 24 * 1024;
pub(super) const WORDS_FILE: usize = 6 * 1024;

/// What one page contributes: its postings (stem, block, impact) and the words it uses with
/// their stems, all as vocabulary numbers. It depends on the page alone, so `serve` keeps it
/// from one rebuild to the next while the page is unchanged. The page's fragment (its text
/// for excerpts) is an output of its own (`fragment`).
#[derive(Default)]
pub struct PageIndex {
    pub(super) postings: Vec<(Term, u16, u8)>,
    /// The stems of each block's name (its heading; the page's title for a block without
    /// one), by block, each with where it first comes in the name and the name's length in
    /// words, stop words counted (`NAME_PLACES` × length + place, both at most `NAME_PLACES` - 1): the client
    /// weighs a name that is the query, starts with it or holds it from these alone.
    pub(super) named: Vec<(Term, u16, u8)>,
    pub(super) words: Vec<(Term, Term)>,
    pub(super) blocks: usize,
    /// A page for the handbook's editors (`audience: editors`).
    pub(super) for_editors: bool,
}

fn saturate(tf: f32, len: f32, typical: f32) -> f32 {
    if tf == 0.0 {
        return 0.0;
    }
    tf / (tf + K1 * (1.0 - B + B * len / typical))
}

/// The stems of the non-stop words of `text`, in order; each word's folded form goes into
/// `words` with its stem.
fn terms(
    text: &str,
    (language, vocabulary): (&Language, &Vocabulary),
    words_seen: &mut Vec<(Term, Term)>,
) -> Vec<Term> {
    let mut out = Vec::new();
    language.terms(vocabulary, text, |folded, stem| {
        if let Some(stem) = stem {
            words_seen.push((folded, stem));
            out.push(stem);
        }
    });
    out
}

/// The words of a name (a heading or a title), each as its stem, or `None` for a stop word:
/// a name's places and length count its stop words, as a reader sees them.
fn name_words(text: &str, (language, vocabulary): (&Language, &Vocabulary)) -> Vec<Option<Term>> {
    let mut out = Vec::new();
    language.terms(vocabulary, text, |_, stem| out.push(stem));
    out
}

/// Scores every block of `doc`, its words numbered in `vocabulary`.
pub fn page_index(doc: &Doc, language: &Language, vocabulary: &Vocabulary) -> PageIndex {
    let language = (language, vocabulary);
    let mut out = PageIndex {
        blocks: doc.blocks.len(),
        for_editors: doc.for_editors,
        ..PageIndex::default()
    };
    let mut seen = Vec::new();
    let title = terms(&doc.title, language, &mut seen);
    let title_words = name_words(&doc.title, language);
    let mut fields: Vec<(Term, u8)> = Vec::new();
    for (b, block) in doc.blocks.iter().enumerate() {
        // Blocks are numbered in 16 bits: a page with more headings than that is indexed
        // up to its 65,535th.
        let Ok(number) = u16::try_from(b) else { break };
        let heading = terms(&block.heading, language, &mut seen);
        let body = terms(&block.text, language, &mut seen);
        let name = if block.heading.is_empty() {
            &title_words
        } else {
            &name_words(&block.heading, language)
        };
        let length = name.len().min(NAME_PLACES - 1);
        for (place, &stem) in name.iter().enumerate() {
            let Some(stem) = stem else { continue };
            if !name[..place].contains(&Some(stem)) {
                let code = length * NAME_PLACES + place.min(NAME_PLACES - 1);
                out.named.push((stem, number, code as u8));
            }
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::docs::Block;

    thread_local! {
        static VOCABULARY: Vocabulary = Vocabulary::default();
    }

    fn block(anchor: &str, heading: &str, text: &str) -> Block {
        Block {
            anchor: anchor.into(),
            heading: heading.into(),
            text: text.into(),
        }
    }

    fn impact(terms: &PageIndex, stem: &str, block: u16) -> u8 {
        let stem = VOCABULARY.with(|v| v.intern(stem));
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
            for_editors: false,
        };
        let terms = VOCABULARY.with(|v| page_index(&doc, &en, v));
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
        let word = |w: &str| VOCABULARY.with(|v| v.intern(w));
        assert!(terms.words.contains(&(word("comes"), word("come"))));
    }

    #[test]
    fn a_name_tells_each_stems_place_and_its_length_stop_words_counted() {
        let en = Language::new("en");
        let doc = Doc {
            url: "/x/".into(),
            title: "Mentorship committee".into(),
            blocks: vec![
                block("", "", "Text."),
                block("what", "What the committee does", "Text."),
            ],
            for_editors: false,
        };
        let terms = VOCABULARY.with(|v| page_index(&doc, &en, v));
        let committee = VOCABULARY.with(|v| v.intern("committe"));
        let code = |block: u16| {
            let found = terms
                .named
                .iter()
                .find(|n| n.0 == committee && n.1 == block);
            found.map(|n| (n.2 as usize / NAME_PLACES, n.2 as usize % NAME_PLACES))
        };
        // The page's top is named by the title; a section by its heading, where "what" and
        // "the" come before the word.
        assert_eq!(code(0), Some((2, 1)));
        assert_eq!(code(1), Some((4, 2)));
    }

    #[test]
    fn common_stems_keep_only_their_best_postings() {
        use crate::search::files::files;
        let vocabulary = Vocabulary::default();
        let en = Language::new("en");
        let docs: Vec<Doc> = (0..MAX_POSTINGS + 10)
            .map(|i| Doc {
                url: format!("/p{i}/"),
                title: format!("Page {i}"),
                blocks: vec![block("", "", "mentor")],
                for_editors: false,
            })
            .collect();
        let pages: Vec<_> = docs
            .iter()
            .map(|d| std::sync::Arc::new(page_index(d, &en, &vocabulary)))
            .collect();
        let files = files(pages, &en, &vocabulary);
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

//! Words as search sees them, the same on both sides: the browser's client (`search.js`)
//! splits, folds and stems a query by exactly these rules. The client once took stems only
//! from the index's own word list, so a form the handbook never uses ("rewarding") found
//! nothing; it now stems a typed word with a port of the same algorithm (English), held to
//! this one by a parity test over a committed word list, and uses the word list for
//! completions and typo tolerance.
//!
//! A word is a run of letters, digits and combining marks (any script), with `'` or `’`
//! joining two such runs (`mentor's`). Folding decomposes it (NFD), drops the combining
//! marks (so `résumé` finds `resume`, and Urdu with or without its vowel marks matches),
//! lowercases it and writes `’` as `'`.

use std::collections::HashSet;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::vocabulary::{Term, Vocabulary};
use super::words::{Known, ShortWords};

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphabetic() || c.is_numeric() || is_combining_mark(c)
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// The words of `text` as written (not folded), in order.
pub fn words(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for_each_word(text, |word| out.push(word));
    out
}

/// Calls `each` with the words of `text` as written, in order (as `words` lists them).
fn for_each_word<'t>(text: &'t str, mut each: impl FnMut(&'t str)) {
    let mut start: Option<usize> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if is_word_char(c) {
            start.get_or_insert(i);
            continue;
        }
        let joins = is_apostrophe(c)
            && start.is_some()
            && chars.peek().is_some_and(|&(_, next)| is_word_char(next));
        if joins {
            continue;
        }
        if let Some(s) = start.take() {
            each(&text[s..i]);
        }
    }
    if let Some(s) = start {
        each(&text[s..]);
    }
}

/// A word folded for matching: decomposed, without combining marks, lowercase.
pub fn fold(word: &str) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    let bare: String = word
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| if c == '\u{2019}' { '\'' } else { c })
        .collect();
    bare.to_lowercase()
}

/// One thread's memory of words as written, in one language. A word of up to 16 bytes
/// (nearly every word) is keyed by its bytes packed into an integer, so that a lookup follows
/// no pointer and compares once; words hold no NUL, so the zero padding is unambiguous.
#[derive(Default)]
struct Seen {
    language: String,
    /// The vocabulary its numbers are of.
    vocabulary: u64,
    short: ShortWords,
    long: foldhash::HashMap<Box<str>, Known>,
}

impl Seen {
    fn packed(word: &str) -> Option<u128> {
        let bytes = word.as_bytes();
        (bytes.len() <= 16).then(|| {
            let mut packed = [0u8; 16];
            packed[..bytes.len()].copy_from_slice(bytes);
            u128::from_le_bytes(packed)
        })
    }

    /// The word's terms, if known; `key` is `packed(word)`.
    fn get(&self, word: &str, key: Option<u128>) -> Option<Known> {
        match key {
            Some(key) => self.short.get(key),
            None => self.long.get(word).copied(),
        }
    }

    fn insert(&mut self, word: &str, key: Option<u128>, known: Known) {
        match key {
            Some(key) => self.short.insert(key, known),
            None => {
                self.long.insert(word.into(), known);
            }
        }
    }

    fn len(&self) -> usize {
        self.short.len + self.long.len()
    }
}

/// What a handbook's language needs: its stemmer (where one exists) and its stop words.
pub struct Language {
    /// The primary language subtag (`en`).
    primary: String,
    stemmer: Option<Stemmer>,
    stop: HashSet<String>,
}

impl Language {
    /// For a BCP 47 tag (`en`, `en-GB`, `ur-PK`): stemming and stop words by its primary
    /// language; none for languages without a stemmer.
    pub fn new(tag: &str) -> Language {
        let primary = tag
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        // The browser stems a typed word as the index did, so the index stems only in the
        // languages whose stemmer search.js also has (English); in the others both sides
        // fold words and match them whole (the word list still gives completions and typos).
        let algorithm = (primary == "en").then_some(Algorithm::English);
        let stop = stop_words::lookup(primary.as_str())
            .unwrap_or(&[])
            .iter()
            .map(|w| fold(w))
            .collect();
        Language {
            stemmer: algorithm.map(Stemmer::create),
            stop,
            primary,
        }
    }

    /// The name the browser's client knows the stemmer by (`meta.js`'s `stemmer`), if any.
    pub fn stemmer_name(&self) -> Option<&'static str> {
        self.stemmer.as_ref().map(|_| "english")
    }

    pub fn is_stop(&self, folded: &str) -> bool {
        self.stop.contains(folded)
    }

    /// The stem of a folded word.
    pub fn stem(&self, folded: &str) -> String {
        match &self.stemmer {
            Some(s) => s.stem(folded).into_owned(),
            None => folded.to_string(),
        }
    }

    /// What the index makes of each word of `text`, in order: its folded form and its stem
    /// (none for a stop word), as numbers in `vocabulary`, given to `each`. Remembered per
    /// thread, by the word as written: a book uses a few thousand words many times over. (A
    /// thread's memory holds one language's words in one vocabulary; it is cleared when
    /// either changes, and when it grows large.)
    pub fn terms(
        &self,
        vocabulary: &Vocabulary,
        text: &str,
        mut each: impl FnMut(Term, Option<Term>),
    ) {
        thread_local! {
            static SEEN: std::cell::RefCell<Seen> = std::cell::RefCell::new(Seen::default());
        }
        SEEN.with(|cell| {
            let mut seen = cell.borrow_mut();
            if seen.language != self.primary
                || seen.vocabulary != vocabulary.id()
                || seen.len() > 200_000
            {
                *seen = Seen {
                    language: self.primary.clone(),
                    vocabulary: vocabulary.id(),
                    ..Seen::default()
                };
            }
            // Each word's slot is fetched a few words ahead of its lookup.
            const AHEAD: usize = 8;
            let mut words = Vec::new();
            for_each_word(text, |surface| words.push((surface, Seen::packed(surface))));
            for (i, &(surface, key)) in words.iter().enumerate() {
                if let Some(&(_, Some(ahead))) = words.get(i + AHEAD) {
                    seen.short.prefetch(ahead);
                }
                let (folded, stem) = seen.get(surface, key).unwrap_or_else(|| {
                    let folded = fold(surface);
                    let stem =
                        (!self.is_stop(&folded)).then(|| vocabulary.intern(&self.stem(&folded)));
                    let known = (vocabulary.intern(&folded), stem);
                    seen.insert(surface, key, known);
                    known
                });
                each(folded, stem);
            }
        });
    }

    pub fn stop_words(&self) -> Vec<&str> {
        let mut words: Vec<&str> = self.stop.iter().map(String::as_str).collect();
        words.sort_unstable();
        words
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(text: &str) -> Vec<String> {
        words(text).into_iter().map(fold).collect()
    }

    #[test]
    fn words_split_on_anything_but_letters_digits_and_inner_apostrophes() {
        assert_eq!(
            folded("The mentor’s role: 4–6 weeks (don't skip!) 'quoted'"),
            [
                "the", "mentor's", "role", "4", "6", "weeks", "don't", "skip", "quoted"
            ]
        );
    }

    #[test]
    fn accents_fold_away_in_any_script() {
        assert_eq!(folded("Résumé NAÏVE Ærø"), ["resume", "naive", "ærø"]);
        // Urdu: "mentor" written with and without a vowel mark (zer) is one word.
        assert_eq!(fold("مُرشد"), fold("مرشد"));
        assert_eq!(words("رہنمائی اور تعاون"), ["رہنمائی", "اور", "تعاون"]);
        // Devanagari vowel signs are marks inside the word, not separators.
        assert_eq!(words("मार्गदर्शन").len(), 1);
    }

    #[test]
    fn the_memory_of_words_finds_every_word_it_was_given_and_no_other() {
        let mut seen = Seen::default();
        let word = |n: u32| format!("w{n:x}{}", "y".repeat((n % 20) as usize));
        let get = |seen: &Seen, w: &str| seen.get(w, Seen::packed(w));
        for n in 0..5000 {
            let w = word(n);
            seen.insert(
                &w,
                Seen::packed(&w),
                (n, n.checked_rem(3).filter(|r| *r != 0)),
            );
        }
        assert_eq!(seen.len(), 5000);
        for n in 0..5000 {
            assert_eq!(
                get(&seen, &word(n)),
                Some((n, n.checked_rem(3).filter(|r| *r != 0))),
                "{}",
                word(n)
            );
        }
        assert_eq!(get(&seen, "w5000"), None);
        assert_eq!(get(&seen, &"z".repeat(40)), None);
    }

    #[test]
    fn english_stems_and_stop_words() {
        let en = Language::new("en-GB");
        for (word, stem) in [
            ("meetings", "meet"),
            ("meeting", "meet"),
            ("cultural", "cultur"),
            ("culture", "cultur"),
            ("stepped", "step"),
            ("mentor's", "mentor"),
            ("confidentiality", "confidenti"),
        ] {
            assert_eq!(en.stem(word), stem, "{word}");
        }
        assert!(en.is_stop("the") && en.is_stop("who") && !en.is_stop("mentor"));
        // A language without a stemmer keeps words whole.
        let ur = Language::new("ur");
        assert_eq!(ur.stem("رہنمائی"), "رہنمائی");
    }
}

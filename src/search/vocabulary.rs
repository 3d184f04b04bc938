//! The vocabulary: every word and stem the index has met, each by a number, so that the
//! index's parts hold numbers rather than strings.
//!
//! A vocabulary belongs to the search memo of one session (`serve` and `watch` keep theirs
//! from rebuild to rebuild; a build makes one and drops it), and `Memo` starts a new one when
//! it has grown well past what the book uses, so a long `serve` session does not keep every
//! word ever typed.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// A word or stem, by its number in its vocabulary.
pub type Term = u32;

/// Every word and stem met so far, numbered in the order they were met. The index's parts
/// hold numbers, not strings: a page's part is a few bytes per word, and the book's index
/// groups postings by number. Numbers depend on timing; nothing published does, since the
/// files list words and stems by their text.
pub struct Vocabulary {
    /// Unique among the process's vocabularies: the threads' memories of words hold numbers
    /// of one vocabulary, and forget them when they meet another.
    id: u64,
    terms: Mutex<Terms>,
}

#[derive(Default)]
struct Terms {
    numbers: foldhash::HashMap<Arc<str>, Term>,
    texts: Vec<Arc<str>>,
}

impl Default for Vocabulary {
    fn default() -> Vocabulary {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        Vocabulary {
            id: NEXT.fetch_add(1, Ordering::Relaxed),
            terms: Mutex::default(),
        }
    }
}

impl Vocabulary {
    pub fn id(&self) -> u64 {
        self.id
    }

    /// The number of `text`, given it if it had none.
    pub fn intern(&self, text: &str) -> Term {
        let mut terms = self.terms.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(&n) = terms.numbers.get(text) {
            return n;
        }
        let n = terms.texts.len() as Term;
        let text: Arc<str> = Arc::from(text);
        terms.texts.push(Arc::clone(&text));
        terms.numbers.insert(text, n);
        n
    }

    /// The text of every term, by number.
    pub fn texts(&self) -> Vec<Arc<str>> {
        self.terms
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .texts
            .clone()
    }

    pub fn len(&self) -> usize {
        self.terms.lock().map_or(0, |t| t.texts.len())
    }
}

#[cfg(test)]
mod tests {
    use super::Vocabulary;

    #[test]
    fn each_vocabulary_numbers_its_own_terms() {
        let (a, b) = (Vocabulary::default(), Vocabulary::default());
        assert_ne!(a.id(), b.id());
        assert_eq!(
            (a.intern("mentor"), a.intern("trust"), a.intern("mentor")),
            (0, 1, 0)
        );
        assert_eq!(b.intern("trust"), 0);
        assert_eq!(a.texts().len(), 2);
        assert_eq!(b.len(), 1);
    }
}

//! The vocabulary: every word and stem the index has met, each by a number, so that the
//! index's parts hold numbers rather than strings.

use std::sync::{Arc, Mutex};

/// A word or stem, by its number in the process's vocabulary.
pub type Term = u32;

/// Every word and stem met so far, numbered in the order they were met. The index's parts
/// hold numbers, not strings: a page's part is a few bytes per word, and the book's index
/// groups postings by number. Numbers depend on timing; nothing published does, since the
/// files list words and stems by their text.
#[derive(Default)]
struct Vocabulary {
    numbers: foldhash::HashMap<Arc<str>, Term>,
    texts: Vec<Arc<str>>,
}

static VOCABULARY: std::sync::LazyLock<Mutex<Vocabulary>> =
    std::sync::LazyLock::new(|| Mutex::new(Vocabulary::default()));

/// The number of `text` in the vocabulary, given it if it had none.
pub fn intern(text: &str) -> Term {
    let mut vocabulary = VOCABULARY.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(&n) = vocabulary.numbers.get(text) {
        return n;
    }
    let n = vocabulary.texts.len() as Term;
    let text: Arc<str> = Arc::from(text);
    vocabulary.texts.push(Arc::clone(&text));
    vocabulary.numbers.insert(text, n);
    n
}

/// The text of every term, by number.
pub fn vocabulary() -> Vec<Arc<str>> {
    VOCABULARY
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .texts
        .clone()
}

//! Text shown inside other text keeps its bidirectional controls to itself.
//!
//! A title with an unclosed right-to-left override (U+202E) would reverse whatever follows it
//! on the same line: the rest of the breadcrumbs, the page's `<title>`, a search result's
//! excerpt, a print contents line with its page number. Every YAML text value (titles,
//! summaries, checklist items, sources) is closed here: each embedding and override left
//! open gets its pop (U+202C) and each isolate its pop (U+2069), in order, at the end.
//! Balanced text is left as it is, and so is text with no controls at all.

const LRE: char = '\u{202A}';
const RLE: char = '\u{202B}';
const PDF: char = '\u{202C}';
const LRO: char = '\u{202D}';
const RLO: char = '\u{202E}';
const LRI: char = '\u{2066}';
const RLI: char = '\u{2067}';
const FSI: char = '\u{2068}';
const PDI: char = '\u{2069}';

/// `text` with every explicit embedding, override and isolate it opens closed by its end,
/// as the Unicode Bidirectional Algorithm (UAX #9) pairs them.
pub fn closed(mut text: String) -> String {
    if !text
        .chars()
        .any(|c| matches!(c, LRE | RLE | LRO | RLO | LRI | RLI | FSI))
    {
        return text;
    }
    // What is open, innermost last: `true` for an isolate.
    let mut open: Vec<bool> = Vec::new();
    for c in text.chars() {
        match c {
            LRE | RLE | LRO | RLO => open.push(false),
            LRI | RLI | FSI => open.push(true),
            // A pop closes the innermost embedding, but never reaches past an isolate.
            PDF if open.last() == Some(&false) => {
                open.pop();
            }
            // An isolate's pop closes it and every embedding opened inside it; with no
            // isolate open it does nothing.
            PDI => {
                if let Some(at) = open.iter().rposition(|&isolate| isolate) {
                    open.truncate(at);
                }
            }
            _ => {}
        }
    }
    for isolate in open.into_iter().rev() {
        text.push(if isolate { PDI } else { PDF });
    }
    text
}

#[cfg(test)]
mod tests {
    use super::closed;

    #[test]
    fn open_controls_are_closed_in_order_and_balanced_text_is_kept() {
        assert_eq!(closed("plain".into()), "plain");
        assert_eq!(closed("a\u{202E}b".into()), "a\u{202E}b\u{202C}");
        assert_eq!(
            closed("\u{2067}a\u{202B}b".into()),
            "\u{2067}a\u{202B}b\u{202C}\u{2069}"
        );
        // Already closed, or a stray pop: nothing added.
        assert_eq!(closed("\u{202E}b\u{202C}".into()), "\u{202E}b\u{202C}");
        assert_eq!(closed("b\u{202C}\u{2069}".into()), "b\u{202C}\u{2069}");
        // An isolate's pop closes the embedding inside it too.
        assert_eq!(
            closed("\u{2066}\u{202E}x\u{2069}".into()),
            "\u{2066}\u{202E}x\u{2069}"
        );
        // A pop does not reach past an isolate.
        assert_eq!(
            closed("\u{202E}\u{2066}x\u{202C}".into()),
            "\u{202E}\u{2066}x\u{202C}\u{2069}\u{202C}"
        );
    }
}

//! Markdown as plain text, split at headings: what a reader sees of a page, for search.
//! Local rules read as their values; citation markers, raw HTML and images are left out.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::{Cited, cite_keys, parser, rules};

/// The text under one heading (or before the first), as plain text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlainBlock {
    /// The heading's text; `None` for the text before the first heading. The n-th heading
    /// block matches the n-th heading of `analyse`.
    pub heading: Option<String>,
    pub text: String,
}

/// The blocks of `text`, with `{{ rules.x }}` replaced through `rule`.
pub fn blocks(text: &str, rule: &dyn Fn(&str) -> Option<String>) -> Vec<PlainBlock> {
    walk(text, rule, None)
}

/// One line of inline Markdown (a checklist item) as plain text, each citation group written
/// as `cite` gives it (`[1]`).
pub fn inline(
    text: &str,
    rule: &dyn Fn(&str) -> Option<String>,
    cite: &mut dyn FnMut(&[Cited]) -> String,
) -> String {
    let blocks = walk(text, rule, Some(cite));
    let parts: Vec<String> = blocks
        .into_iter()
        .map(|b| b.text)
        .filter(|t| !t.is_empty())
        .collect();
    parts.join(" ")
}

/// Writes a citation group as text.
type Cite<'a> = &'a mut dyn FnMut(&[Cited]) -> String;

fn walk(
    text: &str,
    rule: &dyn Fn(&str) -> Option<String>,
    mut cite: Option<Cite>,
) -> Vec<PlainBlock> {
    let mut out = vec![PlainBlock::default()];
    let mut in_heading = false;
    let mut in_code_block = false;
    // Inside a citation link or an image, whose text is not read as prose.
    let mut skipped = 0usize;
    for event in parser(text) {
        let block = out.last_mut().expect("starts with one block");
        match &event {
            Event::Start(Tag::Heading { .. }) => {
                out.push(PlainBlock {
                    heading: Some(String::new()),
                    text: String::new(),
                });
                in_heading = true;
            }
            Event::End(TagEnd::Heading(_)) => {
                in_heading = false;
                if let Some(h) = &mut block.heading {
                    *h = h.trim().to_string();
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) if cite_keys(dest_url).is_some() => {
                if let (Some(cite), Some(keys)) = (cite.as_mut(), cite_keys(dest_url)) {
                    let marker = cite(&keys);
                    block.text = block.text.trim_end().to_string();
                    block.text.push_str(&marker);
                }
                skipped += 1;
            }
            Event::Start(Tag::Image { .. }) => skipped += 1,
            Event::End(TagEnd::Link | TagEnd::Image) => skipped = skipped.saturating_sub(1),
            Event::Start(Tag::CodeBlock(_)) => in_code_block = true,
            Event::End(TagEnd::CodeBlock) => {
                in_code_block = false;
                space(&mut block.text);
            }
            Event::Text(t) | Event::Code(t) if skipped == 0 => {
                // Code keeps its braces as written (SPEC); prose reads rules as values.
                let is_code = in_code_block || matches!(event, Event::Code(_));
                let value = if is_code {
                    std::borrow::Cow::Borrowed(t.as_ref())
                } else {
                    rules::substitute(t, rule)
                };
                let target = match (&mut block.heading, in_heading) {
                    (Some(h), true) => h,
                    _ => &mut block.text,
                };
                // A citation left out before punctuation leaves no space behind.
                if value.starts_with(['.', ',', ';', ':', '!', '?', ')']) && target.ends_with(' ') {
                    target.pop();
                }
                target.push_str(&value);
            }
            Event::SoftBreak | Event::HardBreak => space(&mut block.text),
            // List items and table cells stay apart in an excerpt ("pairs · Build the pool").
            Event::End(TagEnd::Item | TagEnd::TableCell) => apart(&mut block.text),
            Event::End(_) => space(&mut block.text),
            _ => {}
        }
    }
    for block in &mut out {
        let text = collapse(&block.text);
        block.text = text.trim_end_matches('·').trim_end().to_string();
    }
    out
}

/// Ends a list item or a table cell: a `·` after it, unless it ends a sentence already.
fn apart(text: &mut String) {
    let end = text.trim_end();
    if !end.is_empty() && !end.ends_with(['.', '!', '?', ':', ';', '·']) {
        text.truncate(end.len());
        text.push_str(" · ");
    } else {
        space(text);
    }
}

fn space(text: &mut String) {
    if !text.ends_with(' ') && !text.is_empty() {
        text.push(' ');
    }
}

/// Runs of white space as one space, trimmed.
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_split_at_headings_with_rules_read_and_markers_dropped() {
        let text = "Intro with **bold** text [@key].\n\n## Meet {#meet}\n\nMeet {{ rules.n }} times.\n\n- one\n- two\n\n### Deeper\n\n`{{ rules.n }}` stays.\n";
        let rule = |name: &str| (name == "n").then(|| "4".to_string());
        let got = blocks(text, &rule);
        assert_eq!(got.len(), 3);
        assert_eq!(got[0].heading, None);
        assert_eq!(got[0].text, "Intro with bold text.");
        assert_eq!(got[1].heading.as_deref(), Some("Meet"));
        assert_eq!(got[1].text, "Meet 4 times. one · two");
        assert_eq!(got[2].heading.as_deref(), Some("Deeper"));
        assert!(got[2].text.contains("{{ rules.n }} stays"), "{:?}", got[2]);
    }

    #[test]
    fn inline_text_numbers_citations_as_asked() {
        let rule = |_: &str| None;
        let mut n = 0;
        let mut cite = |keys: &[Cited]| {
            n += 1;
            format!(" [{n}:{}]", keys[0].key)
        };
        let text = inline(
            "Agree **dates** [@a] and *roles* [@b, p. 2].",
            &rule,
            &mut cite,
        );
        assert_eq!(text, "Agree dates [1:a] and roles [2:b].");
    }
}

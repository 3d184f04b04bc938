//! Markdown, in two passes over the same parser.
//!
//! `analyse` reads a piece of Markdown for what other stages need to know before anything is
//! rendered: heading ids (for anchors and the on-page contents), links (to check) and
//! citations (to number, and for the back-links of the sources page). It runs once per file,
//! while loading, and its result is part of the content model. `html` then writes HTML,
//! asking a `Rewriter` where links go, how citations look and how code is highlighted; it
//! knows nothing of the site.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{
    BrokenLink, BrokenLinkCallback, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag,
    TagEnd, TextMergeWithOffset,
};

use crate::slug::slugify;

mod footnotes;
mod html;
pub mod plain;
pub mod rules;

pub use html::{Rewriter, render, render_inline, render_split};
pub use rules::RuleUse;

/// Citations are written `[@key]` (or `[@a; @b]`); the parser sees them as broken reference
/// links, and we turn them into links with this scheme so they survive to the event stream.
pub(crate) const CITE_SCHEME: &str = "cite:";

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Turns `[@key]` (a broken shortcut reference to the parser) into a citation link.
pub(crate) struct Citations;

impl<'input> BrokenLinkCallback<'input> for Citations {
    fn handle_broken_link(
        &mut self,
        link: BrokenLink<'input>,
    ) -> Option<(CowStr<'input>, CowStr<'input>)> {
        let reference = link.reference.trim();
        if reference.starts_with('@') && matches!(link.link_type, LinkType::Shortcut) {
            Some((
                CowStr::from(format!("{CITE_SCHEME}{reference}")),
                CowStr::from(""),
            ))
        } else {
            None
        }
    }
}

pub(crate) fn parser(text: &str) -> Parser<'_, Citations> {
    Parser::new_with_broken_link_callback(text, options(), Some(Citations))
}

#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct Link {
    pub dest: String,
    /// Byte span in the file (the whole `[text](dest)`).
    pub span: Range<usize>,
    pub is_image: bool,
    /// An image's alt text (empty for links).
    pub alt: String,
}

#[derive(Debug, Clone)]
pub struct Citation {
    pub key: String,
    /// Where in the source: `p. 3`, `Table 1` (written `[@key, p. 3]`).
    pub locator: Option<String>,
    pub span: Range<usize>,
}

/// What one piece of Markdown declares and refers to.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    pub headings: Vec<Heading>,
    pub links: Vec<Link>,
    pub citations: Vec<Citation>,
    /// `{{ rules.name }}` in the text (not in code), with spans in the file.
    pub rules: Vec<RuleUse>,
    pub has_code: bool,
    /// Heading attributes other than the id and classes (`{#h onfocus=…}`): never written
    /// to the page, whatever `allow_html` says, and reported.
    pub dropped_attributes: Vec<DroppedAttribute>,
    /// Explicit heading ids (`{#main}`) that the theme uses: reported, and given a suffix.
    pub reserved_ids: Vec<(String, Range<usize>)>,
}

/// An attribute a heading tried to set that headings may not set.
#[derive(Debug, Clone)]
pub struct DroppedAttribute {
    pub name: String,
    /// Byte span of the heading in the file.
    pub span: Range<usize>,
}

/// One cited key of a citation group, with its locator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cited {
    pub key: String,
    pub locator: Option<String>,
}

/// The keys of `[@a, p. 3; @b]`, each with its locator; `None` when `dest` is no citation.
pub(crate) fn cite_keys(dest: &str) -> Option<Vec<Cited>> {
    let rest = dest.strip_prefix(CITE_SCHEME)?;
    Some(
        rest.split(';')
            .filter_map(|part| {
                let part = part.trim().trim_start_matches('@');
                let (key, locator) = match part.split_once(',') {
                    Some((k, l)) => (k.trim(), Some(l.trim()).filter(|l| !l.is_empty())),
                    None => (part.trim(), None),
                };
                (!key.is_empty()).then(|| Cited {
                    key: key.to_string(),
                    locator: locator.map(str::to_string),
                })
            })
            .collect(),
    )
}

/// Reads `text`, which starts at byte `base` of its file.
pub fn analyse(text: &str, base: usize) -> Analysis {
    let mut analysis = Analysis::default();
    // The theme's own ids count as taken: a heading named "Main" gets `main-1`.
    let mut used_ids = UsedIds {
        taken: crate::reserved::RESERVED_IDS
            .iter()
            .map(|id| id.to_string())
            .collect(),
        next: HashMap::new(),
    };
    let mut heading: Option<(u8, Option<String>, String, Range<usize>)> = None;
    let mut image: Option<usize> = None;
    let mut in_code_block = false;
    for (event, range) in TextMergeWithOffset::new(parser(text).into_offset_iter()) {
        let span = base + range.start..base + range.end;
        if let Event::Text(t) = &event
            && !in_code_block
        {
            let raw = text.get(range.clone()).unwrap_or("");
            analysis
                .rules
                .extend(rules::located(raw, base + range.start, t));
        }
        match event {
            Event::Start(Tag::Heading {
                level, id, attrs, ..
            }) => {
                analysis
                    .dropped_attributes
                    .extend(attrs.iter().map(|(name, _)| DroppedAttribute {
                        name: name.to_string(),
                        span: span.clone(),
                    }));
                heading = Some((
                    level_number(level),
                    id.map(|i| i.to_string()),
                    String::new(),
                    span.clone(),
                ));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, explicit, text, span)) = heading.take() {
                    if let Some(id) = explicit
                        .as_ref()
                        .filter(|id| crate::reserved::is_reserved(id))
                    {
                        analysis.reserved_ids.push((id.clone(), span));
                    }
                    let id = explicit.unwrap_or_else(|| automatic_id(&text));
                    let id = unique_id(id, &mut used_ids);
                    analysis.headings.push(Heading {
                        level,
                        id,
                        text: text.trim().to_string(),
                    });
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, buf, _)) = &mut heading {
                    buf.push_str(&t);
                }
                if let Some(i) = image {
                    analysis.links[i].alt.push_str(&t);
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => match cite_keys(&dest_url) {
                Some(keys) => analysis
                    .citations
                    .extend(keys.into_iter().map(|cited| Citation {
                        key: cited.key,
                        locator: cited.locator,
                        span: span.clone(),
                    })),
                None => analysis.links.push(Link {
                    dest: dest_url.to_string(),
                    span,
                    is_image: false,
                    alt: String::new(),
                }),
            },
            Event::Start(Tag::Image { dest_url, .. }) => {
                image = Some(analysis.links.len());
                analysis.links.push(Link {
                    dest: dest_url.to_string(),
                    span,
                    is_image: true,
                    alt: String::new(),
                });
            }
            Event::End(TagEnd::Image) => image = None,
            Event::Start(Tag::CodeBlock(_)) => {
                analysis.has_code = true;
                in_code_block = true;
            }
            Event::End(TagEnd::CodeBlock) => in_code_block = false,
            _ => {}
        }
    }
    analysis
}

fn level_number(level: HeadingLevel) -> u8 {
    level as u8
}

/// A heading's id from its text; one that would begin like the ids the theme makes from
/// other names (`ref-`) starts with `section-` instead, so it can meet none of them.
fn automatic_id(text: &str) -> String {
    let id = slugify(text);
    let generated = crate::reserved::RESERVED_PREFIXES;
    if generated.iter().any(|p| id.starts_with(p)) {
        format!("section-{id}")
    } else {
        id
    }
}

/// The ids a page's headings have taken so far (the theme's among them), and for each id
/// asked for, the next suffix to try.
struct UsedIds {
    taken: HashSet<String>,
    next: HashMap<String, usize>,
}

/// `id`, or the first of `id-1`, `id-2`, ... that no heading or the theme has taken: a
/// heading written `Hi 1` is `hi-1`, so a later second `Hi` is `hi-2`.
fn unique_id(id: String, used: &mut UsedIds) -> String {
    let id = if id.is_empty() {
        "section".to_string()
    } else {
        id
    };
    if used.taken.insert(id.clone()) {
        return id;
    }
    let next = used.next.entry(id.clone()).or_insert(1);
    loop {
        let candidate = format!("{id}-{next}");
        *next += 1;
        if used.taken.insert(candidate.clone()) {
            return candidate;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_get_stable_unique_ids() {
        let a = analyse("## Duties\n\n## Duties\n\n### Own id {#mine}\n", 0);
        let ids: Vec<_> = a.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["duties", "duties-1", "mine"]);
    }

    #[test]
    fn a_suffix_never_takes_an_id_a_heading_already_has() {
        // Found by fuzzing (`headings`): `Hi 1` is `hi-1`, which the second `Hi` also took.
        let a = analyse(
            "## Hi 1\n# Hi\n# Hi\n## Main\n## Main 1\n## B {#hi-2}\n## Hi\n",
            0,
        );
        let ids: Vec<_> = a.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(
            ids,
            ["hi-1", "hi", "hi-2", "main-1", "main-1-1", "hi-2-1", "hi-3"]
        );
    }

    #[test]
    fn heading_attributes_other_than_id_and_class_are_found() {
        let text = "## Hi {#h .note autofocus onfocus=alert(1) tabindex=1}\n";
        let a = analyse(text, 5);
        let names: Vec<_> = a
            .dropped_attributes
            .iter()
            .map(|d| d.name.as_str())
            .collect();
        assert_eq!(names, ["autofocus", "onfocus", "tabindex"]);
        assert_eq!(a.dropped_attributes[0].span, 5..5 + text.len());
        assert_eq!(a.headings[0].id, "h");
    }

    #[test]
    fn the_themes_ids_are_never_a_headings() {
        let a = analyse("## Main\n\n## Sidebar {#sidebar}\n\n## Main\n", 0);
        let ids: Vec<_> = a.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["main-1", "sidebar-1", "main-2"]);
        assert_eq!(a.reserved_ids.len(), 1);
        assert_eq!(a.reserved_ids[0].0, "sidebar");
    }

    #[test]
    fn citations_and_links_are_found_with_spans() {
        let text = "Trust matters [@rehman2025]. See [mentor](../roles/mentor.md).\n";
        let a = analyse(text, 100);
        assert_eq!(a.citations[0].key, "rehman2025");
        assert_eq!(a.citations[0].span.start, 100 + text.find("[@").unwrap());
        assert_eq!(a.links[0].dest, "../roles/mentor.md");
    }
}

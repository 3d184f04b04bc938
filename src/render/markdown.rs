//! Markdown, in two passes over the same parser.
//!
//! `analyse` reads a page's Markdown for what other stages need to know before anything is
//! rendered: heading ids (for anchors and the on-page contents), links (to check) and
//! citations (to number, and for the back-links of the sources page). `render` then writes
//! HTML, rewriting links through a `LinkRewriter` and highlighting code blocks.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{
    BrokenLink, BrokenLinkCallback, CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Options,
    Parser, Tag, TagEnd, html,
};

use super::highlight;
use crate::content::slug::slugify;

/// Citations are written `[@key]` (or `[@a; @b]`); the parser sees them as broken reference
/// links, and we turn them into links with this scheme so they survive to the event stream.
const CITE_SCHEME: &str = "cite:";

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Turns `[@key]` (a broken shortcut reference to the parser) into a citation link.
struct Citations;

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

fn parser(text: &str) -> Parser<'_, Citations> {
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
    pub span: Range<usize>,
}

/// What one piece of Markdown declares and refers to.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    pub headings: Vec<Heading>,
    pub links: Vec<Link>,
    pub citations: Vec<Citation>,
    pub has_code: bool,
}

fn cite_keys(dest: &str) -> Option<Vec<String>> {
    let rest = dest.strip_prefix(CITE_SCHEME)?;
    Some(
        rest.split(';')
            .map(|k| k.trim().trim_start_matches('@').trim().to_string())
            .filter(|k| !k.is_empty())
            .collect(),
    )
}

/// Reads `text`, which starts at byte `base` of its file.
pub fn analyse(text: &str, base: usize) -> Analysis {
    let mut analysis = Analysis::default();
    let mut used_ids: HashMap<String, usize> = HashMap::new();
    let mut heading: Option<(u8, Option<String>, String)> = None;
    let mut image: Option<usize> = None;
    for (event, range) in parser(text).into_offset_iter() {
        let span = base + range.start..base + range.end;
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                heading = Some((
                    level_number(level),
                    id.map(|i| i.to_string()),
                    String::new(),
                ));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, explicit, text)) = heading.take() {
                    let id = unique_id(explicit.unwrap_or_else(|| slugify(&text)), &mut used_ids);
                    analysis.headings.push(Heading {
                        level,
                        id,
                        text: text.trim().to_string(),
                    });
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, buf)) = &mut heading {
                    buf.push_str(&t);
                }
                if let Some(i) = image {
                    analysis.links[i].alt.push_str(&t);
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => match cite_keys(&dest_url) {
                Some(keys) => analysis
                    .citations
                    .extend(keys.into_iter().map(|key| Citation {
                        key,
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
            Event::Start(Tag::CodeBlock(_)) => analysis.has_code = true,
            _ => {}
        }
    }
    analysis
}

fn level_number(level: HeadingLevel) -> u8 {
    level as u8
}

fn unique_id(id: String, used: &mut HashMap<String, usize>) -> String {
    let id = if id.is_empty() {
        "section".to_string()
    } else {
        id
    };
    let count = used.entry(id.clone()).or_insert(0);
    *count += 1;
    if *count == 1 {
        id
    } else {
        format!("{id}-{}", *count - 1)
    }
}

/// What rendering asks of the rest of the build: where links go, how citations look.
pub trait LinkRewriter {
    /// The href for a link or image as written; `None` leaves it as it is.
    fn href(&self, dest: &str) -> Option<String>;
    /// The HTML of a citation of `keys`.
    fn cite(&mut self, keys: &[String]) -> String;
}

/// Renders a block of Markdown (a page body) to HTML.
pub fn render(text: &str, analysis: &Analysis, links: &mut dyn LinkRewriter) -> String {
    let mut out = String::with_capacity(text.len() * 3 / 2);
    html::push_html(&mut out, Rewrite::new(parser(text), analysis, links));
    out
}

/// Renders one line of inline Markdown (a checklist item, a responsibility) without the `<p>`.
pub fn render_inline(text: &str, links: &mut dyn LinkRewriter) -> String {
    let analysis = Analysis::default();
    let html = render(text, &analysis, links);
    let trimmed = html.trim_end();
    match trimmed
        .strip_prefix("<p>")
        .and_then(|t| t.strip_suffix("</p>"))
    {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => trimmed.to_string(),
    }
}

struct Rewrite<'a, 'l, I> {
    events: I,
    analysis: &'a Analysis,
    links: &'l mut dyn LinkRewriter,
    heading_index: usize,
    /// Inside a citation link: its text is replaced by the number.
    in_citation: bool,
    code: Option<(String, String)>,
}

impl<'a, 'l, I> Rewrite<'a, 'l, I> {
    fn new(events: I, analysis: &'a Analysis, links: &'l mut dyn LinkRewriter) -> Self {
        Rewrite {
            events,
            analysis,
            links,
            heading_index: 0,
            in_citation: false,
            code: None,
        }
    }
}

impl<'e, I: Iterator<Item = Event<'e>>> Iterator for Rewrite<'_, '_, I> {
    type Item = Event<'e>;

    fn next(&mut self) -> Option<Event<'e>> {
        loop {
            let event = self.events.next()?;
            if self.in_citation {
                if matches!(event, Event::End(TagEnd::Link)) {
                    self.in_citation = false;
                }
                continue;
            }
            if let Some((lang, buf)) = &mut self.code {
                match event {
                    Event::Text(t) => {
                        buf.push_str(&t);
                        continue;
                    }
                    Event::End(TagEnd::CodeBlock) => {
                        let html = highlight::code_block(lang, buf);
                        self.code = None;
                        return Some(Event::Html(html.into()));
                    }
                    _ => continue,
                }
            }
            return Some(match event {
                Event::Start(Tag::Heading {
                    level,
                    id: _,
                    classes,
                    attrs,
                }) => {
                    let id = self
                        .analysis
                        .headings
                        .get(self.heading_index)
                        .map(|h| h.id.clone());
                    self.heading_index += 1;
                    Event::Start(Tag::Heading {
                        level,
                        id: id.map(CowStr::from),
                        classes,
                        attrs,
                    })
                }
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    if let Some(keys) = cite_keys(&dest_url) {
                        self.in_citation = true;
                        return Some(Event::InlineHtml(self.links.cite(&keys).into()));
                    }
                    let dest_url = self.links.href(&dest_url).map_or(dest_url, CowStr::from);
                    Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    })
                }
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    let dest_url = self.links.href(&dest_url).map_or(dest_url, CowStr::from);
                    Event::Start(Tag::Image {
                        link_type,
                        dest_url,
                        title,
                        id,
                    })
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    let lang = match kind {
                        CodeBlockKind::Fenced(info) => {
                            info.split_whitespace().next().unwrap_or("").to_string()
                        }
                        CodeBlockKind::Indented => String::new(),
                    };
                    self.code = Some((lang, String::new()));
                    continue;
                }
                other => other,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Plain(Vec<Vec<String>>);
    impl LinkRewriter for Plain {
        fn href(&self, dest: &str) -> Option<String> {
            dest.strip_suffix(".md").map(|d| format!("{d}/"))
        }
        fn cite(&mut self, keys: &[String]) -> String {
            self.0.push(keys.to_vec());
            format!("<sup>[{}]</sup>", self.0.len())
        }
    }

    #[test]
    fn headings_get_stable_unique_ids() {
        let a = analyse("## Duties\n\n## Duties\n\n### Own id {#mine}\n", 0);
        let ids: Vec<_> = a.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["duties", "duties-1", "mine"]);
    }

    #[test]
    fn citations_and_links_are_found_with_spans() {
        let text = "Trust matters [@rehman2025]. See [mentor](../roles/mentor.md).\n";
        let a = analyse(text, 100);
        assert_eq!(a.citations[0].key, "rehman2025");
        assert_eq!(a.citations[0].span.start, 100 + text.find("[@").unwrap());
        assert_eq!(a.links[0].dest, "../roles/mentor.md");
    }

    #[test]
    fn rendering_rewrites_links_and_numbers_citations() {
        let text = "## Duties\n\nSee [mentor](mentor.md) [@a; @b].\n";
        let a = analyse(text, 0);
        let mut links = Plain(Vec::new());
        let html = render(text, &a, &mut links);
        assert!(html.contains(r#"<h2 id="duties">"#), "{html}");
        assert!(html.contains(r#"href="mentor/""#), "{html}");
        assert!(html.contains("<sup>[1]</sup>"), "{html}");
        assert_eq!(links.0, vec![vec!["a".to_string(), "b".to_string()]]);
    }

    #[test]
    fn inline_rendering_drops_the_paragraph() {
        let mut links = Plain(Vec::new());
        assert_eq!(render_inline("Do *this*", &mut links), "Do <em>this</em>");
    }
}

//! Markdown to HTML: pulldown-cmark's writer, with heading ids from the analysis, links and
//! citations rewritten and code blocks handed to the `Rewriter`.

use pulldown_cmark::{
    CodeBlockKind, CowStr, Event, HeadingLevel, Tag, TagEnd, TextMergeStream, html,
};

use super::footnotes::Footnotes;
use super::{Analysis, CITE_SCHEME, Cited, cite_keys, parser, rules};

/// What rendering asks of the rest of the build: where links go, how citations look and how
/// code is highlighted.
pub trait Rewriter {
    /// The href for a link or image as written; `None` leaves it as it is.
    fn href(&self, dest: &str) -> Option<String>;
    /// The HTML of a citation of `keys` (a group, each key with its locator).
    fn cite(&mut self, keys: &[Cited]) -> String;
    /// The value of the local rule `name`, if the handbook sets it.
    fn rule(&self, name: &str) -> Option<String>;
    /// The HTML of a fenced or indented code block in `lang` ("" when none is given).
    fn code_block(&mut self, lang: &str, code: &str) -> String;
    /// The id a heading gets in the output (the print edition makes them unique per page).
    fn anchor(&self, id: &str) -> String {
        id.to_string()
    }
    /// Levels to add to every heading (the print edition nests pages under chapters).
    fn heading_shift(&self) -> u8 {
        0
    }
    /// What raw HTML written in the Markdown becomes: `None` keeps it as written (book.yaml's
    /// `allow_html: true`, the default), else the replacement (sanitised).
    fn raw_html(&self, _html: &str) -> Option<String> {
        None
    }
    /// HTML to put after a link to `dest` whose text is `text` (a printed book says where a
    /// cross-reference leads); `None` for nothing.
    fn link_note(&self, _dest: &str, _text: &str) -> Option<String> {
        None
    }
}

/// Renders a block of Markdown (a page body) to HTML.
pub fn render(text: &str, analysis: &Analysis, links: &mut dyn Rewriter) -> String {
    let mut out = String::with_capacity(text.len() * 3 / 2);
    html::push_html(
        &mut out,
        Rewrite::new(TextMergeStream::new(parser(text)), analysis, links),
    );
    out
}

/// Renders `text` in two parts, divided where the heading with id `at` starts (the second
/// part empty when there is none), with `between` run on the links in between, so that
/// citations number in the order the parts are shown: what comes before, then what
/// `between` renders, then the rest.
pub fn render_split<T>(
    text: &str,
    analysis: &Analysis,
    links: &mut dyn Rewriter,
    at: &str,
    between: impl FnOnce(&mut dyn Rewriter) -> T,
) -> (String, T, String) {
    let mut rewrite = Rewrite::new(TextMergeStream::new(parser(text)), analysis, links);
    rewrite.split_at = Some(at);
    let mut before = Vec::new();
    let mut divider = None;
    while let Some(event) = rewrite.next() {
        if rewrite.split_reached {
            divider = Some(event);
            break;
        }
        before.push(event);
    }
    let mut first = String::with_capacity(text.len() * 3 / 2);
    html::push_html(&mut first, before.into_iter());
    let made = between(&mut *rewrite.links);
    let mut rest = String::new();
    if let Some(divider) = divider {
        html::push_html(&mut rest, std::iter::once(divider).chain(rewrite));
    }
    (first, made, rest)
}

/// Renders one line of inline Markdown (a checklist item, a responsibility) without the `<p>`.
pub fn render_inline(text: &str, links: &mut dyn Rewriter) -> String {
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

/// `level` made deeper by `by`, down to `h6` at most.
fn shift(level: HeadingLevel, by: u8) -> HeadingLevel {
    let deeper = (level as usize + usize::from(by)).min(6);
    HeadingLevel::try_from(deeper).unwrap_or(level)
}

struct Rewrite<'a, 'l, I: Iterator> {
    events: std::iter::Peekable<I>,
    analysis: &'a Analysis,
    links: &'l mut dyn Rewriter,
    heading_index: usize,
    /// Inside a citation link: its text is replaced by the number.
    in_citation: bool,
    code: Option<(String, String)>,
    /// An event to give before reading on: a table's start after its wrapper's, or the
    /// wrapper's end after the table's.
    queued: Option<Event<'static>>,
    /// Inside a block of raw HTML that is to be replaced: the block so far.
    html_block: Option<String>,
    footnotes: Footnotes,
    /// The id of the heading `render_split` divides at, and whether it has been read.
    split_at: Option<&'a str>,
    split_reached: bool,
    /// Inside a link: where it goes, as written, and its text so far (for `link_note`).
    link: Option<(String, String)>,
}

impl<'a, 'l, I: Iterator> Rewrite<'a, 'l, I> {
    fn new(events: I, analysis: &'a Analysis, links: &'l mut dyn Rewriter) -> Self {
        Rewrite {
            events: events.peekable(),
            analysis,
            links,
            heading_index: 0,
            in_citation: false,
            code: None,
            queued: None,
            html_block: None,
            footnotes: Footnotes::default(),
            split_at: None,
            split_reached: false,
            link: None,
        }
    }
}

/// What became of an event read while a construct was being gathered.
enum Gathered<'e> {
    /// Part of the construct: nothing to give yet.
    Taken,
    /// The construct is complete: this is its HTML.
    Done(Event<'e>),
    /// Not inside any construct: rewrite it as usual.
    Free(Event<'e>),
}

impl<'e, I: Iterator<Item = Event<'e>>> Iterator for Rewrite<'_, '_, I> {
    type Item = Event<'e>;

    fn next(&mut self) -> Option<Event<'e>> {
        if let Some(event) = self.queued.take() {
            return Some(event);
        }
        loop {
            let read = self.events.next()?;
            let event = match self.gather(read) {
                Gathered::Taken => continue,
                Gathered::Done(event) => return Some(event),
                Gathered::Free(event) => event,
            };
            if let Some(event) = self.rewrite(event) {
                return Some(event);
            }
        }
    }
}

impl<'e, I: Iterator<Item = Event<'e>>> Rewrite<'_, '_, I> {
    /// Events inside a citation (replaced by its number), a raw HTML block to be replaced
    /// whole, or a code block (handed to the highlighter whole).
    fn gather(&mut self, event: Event<'e>) -> Gathered<'e> {
        if self.in_citation {
            if matches!(event, Event::End(TagEnd::Link)) {
                self.in_citation = false;
            }
            return Gathered::Taken;
        }
        if let Some(block) = &mut self.html_block {
            return match event {
                Event::Html(html) => {
                    block.push_str(&html);
                    Gathered::Taken
                }
                Event::End(TagEnd::HtmlBlock) => {
                    let block = self.html_block.take().unwrap_or_default();
                    let html = self.links.raw_html(&block).unwrap_or(block);
                    Gathered::Done(Event::Html(html.into()))
                }
                _ => Gathered::Taken,
            };
        }
        if let Some((lang, buf)) = &mut self.code {
            return match event {
                Event::Text(t) => {
                    buf.push_str(&t);
                    Gathered::Taken
                }
                Event::End(TagEnd::CodeBlock) => {
                    let html = self.links.code_block(lang, buf);
                    self.code = None;
                    Gathered::Done(Event::Html(html.into()))
                }
                _ => Gathered::Taken,
            };
        }
        Gathered::Free(event)
    }

    /// A heading's start: its id from the analysis (as the page's anchors say), its level
    /// shifted as the output asks, its classes, and no other attribute.
    fn heading(&mut self, level: HeadingLevel, classes: Vec<CowStr<'e>>) -> Event<'e> {
        let heading = self.analysis.headings.get(self.heading_index);
        self.split_reached |= heading.is_some_and(|h| Some(h.id.as_str()) == self.split_at);
        let id = heading.map(|h| self.links.anchor(&h.id));
        self.heading_index += 1;
        Event::Start(Tag::Heading {
            level: shift(level, self.links.heading_shift()),
            id: id.map(CowStr::from),
            classes,
            attrs: Vec::new(),
        })
    }

    /// Whether the next event starts a citation.
    fn citation_next(&mut self) -> bool {
        matches!(self.events.peek(),
            Some(Event::Start(Tag::Link { dest_url, .. })) if dest_url.starts_with(CITE_SCHEME))
    }

    /// Text with its rules' values; a citation holds on to the word before it, so the
    /// space between them goes and the citation never starts a line.
    fn text(&mut self, text: CowStr<'e>) -> Event<'e> {
        if let Some((_, link_text)) = &mut self.link {
            link_text.push_str(&text);
        }
        let links = &*self.links;
        let text = match rules::substitute(&text, |name| links.rule(name)) {
            std::borrow::Cow::Borrowed(_) => text,
            std::borrow::Cow::Owned(owned) => owned.into(),
        };
        let cited = self.citation_next();
        match text.trim_end() {
            trimmed if cited && trimmed.len() < text.len() => {
                Event::Text(trimmed.to_string().into())
            }
            _ => Event::Text(text),
        }
    }

    /// One event as the page shows it; `None` when it starts a construct to gather.
    fn rewrite(&mut self, event: Event<'e>) -> Option<Event<'e>> {
        Some(match event {
            // Headings set an id and classes only: any other attribute (`onfocus=…`) is
            // dropped here, whatever `allow_html` says, and reported by `check`.
            Event::Start(Tag::Heading {
                level,
                id: _,
                classes,
                attrs: _,
            }) => self.heading(level, classes),
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
                self.link = Some((dest_url.to_string(), String::new()));
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
                return None;
            }
            // A wide table scrolls inside a wrapper that keyboard users can focus (and so
            // scroll), not the page.
            Event::Start(Tag::Table(alignments)) => {
                self.queued = Some(Event::Start(Tag::Table(alignments)));
                Event::Html(CowStr::Borrowed(
                    "<div class=\"table-scroll\" tabindex=\"0\">\n",
                ))
            }
            Event::End(TagEnd::Table) => {
                self.queued = Some(Event::Html(CowStr::Borrowed("</div>\n")));
                Event::End(TagEnd::Table)
            }
            // Raw HTML is replaced whole: a block at once, so that its tags stay paired.
            Event::Start(Tag::HtmlBlock) if self.links.raw_html("").is_some() => {
                self.html_block = Some(String::new());
                return None;
            }
            Event::InlineHtml(html) => match self.links.raw_html(&html) {
                Some(replaced) => Event::InlineHtml(replaced.into()),
                None => Event::InlineHtml(html),
            },
            Event::FootnoteReference(label) => {
                let anchor = |id: &str| self.links.anchor(id);
                Event::InlineHtml(self.footnotes.reference(&label, anchor).into())
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let anchor = |id: &str| self.links.anchor(id);
                Event::Html(self.footnotes.definition(&label, anchor).into())
            }
            Event::End(TagEnd::FootnoteDefinition) => Event::Html(CowStr::Borrowed("</div>\n")),
            // A line break before a citation goes too: it would show as a space.
            Event::SoftBreak if self.citation_next() => return None,
            Event::End(TagEnd::Link) => {
                if let Some((dest, text)) = self.link.take() {
                    let note = self.links.link_note(&dest, &text);
                    self.queued = note.map(|n| Event::InlineHtml(n.into()));
                }
                Event::End(TagEnd::Link)
            }
            Event::End(TagEnd::Heading(level)) => {
                Event::End(TagEnd::Heading(shift(level, self.links.heading_shift())))
            }
            Event::Text(text) => self.text(text),
            other => other,
        })
    }
}

#[cfg(test)]
mod tests;

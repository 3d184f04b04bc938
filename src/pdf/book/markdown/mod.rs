//! A page's Markdown as the book's blocks: the same parser as the site, with links resolved,
//! local rules read as their values and citations numbered by the caller.

use pulldown_cmark::{Event, Tag, TagEnd, TextMergeStream};

use super::model::{Block, Image, Inline, Link, TextStyle};
use crate::markdown::{Cited, cite_keys, parser, rules};

/// What a page's Markdown needs from the book around it.
pub trait Context {
    /// Where a link goes; `None`: it is shown as text only.
    fn link(&self, dest: &str) -> Option<Link>;
    /// An image's bytes; `None`: its alt text is shown instead.
    fn image(&self, dest: &str) -> Option<Image>;
    fn rule(&self, name: &str) -> Option<String>;
    /// A citation group's source numbers, each with its locator.
    fn cite(&mut self, cited: &[Cited]) -> Vec<(usize, Option<String>)>;
}

/// The blocks of `text`; `heading_urls` are the site URLs of its headings, in order.
pub fn blocks(text: &str, heading_urls: &[String], cx: &mut dyn Context) -> Vec<Block> {
    let mut reader = Reader {
        cx,
        heading_urls,
        headings: 0,
        stack: vec![Open::Blocks(Vec::new())],
        inlines: Vec::new(),
        styles: Vec::new(),
        links: Vec::new(),
        code: None,
        image: None,
        skip: 0,
    };
    for event in TextMergeStream::new(parser(text)) {
        reader.event(event);
    }
    reader.end_inlines();
    match reader.stack.pop() {
        Some(Open::Blocks(blocks)) => blocks,
        _ => Vec::new(),
    }
}

/// A container being read.
enum Open {
    Blocks(Vec<Block>),
    Quote(Vec<Block>),
    List(Option<u64>, Vec<Vec<Block>>),
    Item(Vec<Block>),
    Footnote(String, Vec<Block>),
    Table {
        head: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
        in_head: bool,
    },
    Heading(u8),
}

struct Reader<'a, 'c> {
    cx: &'c mut dyn Context,
    heading_urls: &'a [String],
    headings: usize,
    stack: Vec<Open>,
    /// The text being read (a paragraph's, a heading's, a cell's).
    inlines: Vec<Inline>,
    styles: Vec<TextStyle>,
    /// The links being read; `None` for a link to nowhere, or a citation (`skip`).
    links: Vec<Option<Link>>,
    code: Option<String>,
    /// An image being read: its destination and alt text.
    image: Option<(String, String)>,
    /// Inside this many citations, whose text is not read.
    skip: usize,
}

impl Reader<'_, '_> {
    fn style(&self) -> TextStyle {
        self.styles.last().copied().unwrap_or_default()
    }

    fn push_style(&mut self, change: impl Fn(&mut TextStyle)) {
        let mut style = self.style();
        change(&mut style);
        self.styles.push(style);
    }

    fn text(&mut self, text: &str, style: TextStyle) {
        if self.skip > 0 {
            return;
        }
        if let Some((_, alt)) = &mut self.image {
            alt.push_str(text);
            return;
        }
        if let Some(code) = &mut self.code {
            code.push_str(text);
            return;
        }
        let link = self.links.last().cloned().flatten();
        self.inlines.push(Inline::Text {
            text: text.to_string(),
            style,
            link,
        });
    }

    /// Where a finished block goes: the innermost container of blocks.
    fn push_block(&mut self, block: Block) {
        for open in self.stack.iter_mut().rev() {
            match open {
                Open::Blocks(b) | Open::Quote(b) | Open::Item(b) | Open::Footnote(_, b) => {
                    b.push(block);
                    return;
                }
                _ => {}
            }
        }
    }

    /// Text read outside a paragraph (a tight list's item) becomes one.
    fn end_inlines(&mut self) {
        if self.inlines.iter().any(|i| !matches!(i, Inline::Break)) {
            let inlines = std::mem::take(&mut self.inlines);
            self.push_block(Block::Paragraph(trim(inlines)));
        }
        self.inlines.clear();
    }

    fn event(&mut self, event: Event) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => {
                let text = if self.code.is_some() {
                    t.to_string()
                } else {
                    rules::substitute(&t, |name| self.cx.rule(name)).into_owned()
                };
                self.text(&text, self.style());
            }
            Event::Code(t) => {
                let mut style = self.style();
                style.code = true;
                self.text(&t, style);
            }
            Event::SoftBreak => self.text(" ", self.style()),
            Event::HardBreak => self.inlines.push(Inline::Break),
            Event::Rule => {
                self.end_inlines();
                self.push_block(Block::Rule);
            }
            Event::FootnoteReference(label) => self.text(&format!("[{label}]"), self.style()),
            Event::TaskListMarker(done) => {
                self.text(if done { "[x] " } else { "[ ] " }, self.style())
            }
            Event::Html(_) | Event::InlineHtml(_) => {}
            Event::InlineMath(t) | Event::DisplayMath(t) => self.text(&t, self.style()),
        }
    }

    fn start(&mut self, tag: Tag) {
        match tag {
            Tag::Paragraph => self.end_inlines(),
            Tag::Heading { level, .. } => {
                self.end_inlines();
                self.stack.push(Open::Heading((level as u8).max(2)));
            }
            Tag::BlockQuote(_) => {
                self.end_inlines();
                self.stack.push(Open::Quote(Vec::new()));
            }
            Tag::CodeBlock(_) => {
                self.end_inlines();
                self.code = Some(String::new());
            }
            Tag::List(start) => {
                self.end_inlines();
                self.stack.push(Open::List(start, Vec::new()));
            }
            Tag::Item => {
                self.end_inlines();
                self.stack.push(Open::Item(Vec::new()));
            }
            Tag::FootnoteDefinition(label) => {
                self.end_inlines();
                self.stack
                    .push(Open::Footnote(label.to_string(), Vec::new()));
            }
            Tag::Table(_) => {
                self.end_inlines();
                self.stack.push(Open::Table {
                    head: Vec::new(),
                    rows: Vec::new(),
                    in_head: false,
                });
            }
            Tag::TableHead => self.in_table(|head, _, in_head| {
                head.clear();
                *in_head = true;
            }),
            Tag::TableRow => self.in_table(|_, rows, _| rows.push(Vec::new())),
            Tag::TableCell => self.inlines.clear(),
            Tag::Emphasis => self.push_style(|s| s.italic = true),
            Tag::Strong => self.push_style(|s| s.bold = true),
            Tag::Strikethrough | Tag::Superscript | Tag::Subscript => self.push_style(|_| {}),
            Tag::Link { dest_url, .. } if self.skip > 0 => {
                let _ = dest_url;
                self.skip += 1;
                self.links.push(None);
            }
            Tag::Link { dest_url, .. } => match cite_keys(&dest_url) {
                Some(keys) => {
                    let mut numbers = self.cx.cite(&keys);
                    numbers.sort_by_key(|(n, _)| *n);
                    numbers.dedup();
                    trim_end(&mut self.inlines);
                    if !numbers.is_empty() {
                        self.inlines.push(Inline::Cite(numbers));
                    }
                    self.skip += 1;
                    self.links.push(None);
                }
                None => {
                    let link = self.cx.link(&dest_url);
                    self.links.push(link);
                }
            },
            Tag::Image { dest_url, .. } => self.image = Some((dest_url.to_string(), String::new())),
            Tag::HtmlBlock | Tag::MetadataBlock(_) => {}
            Tag::DefinitionList | Tag::DefinitionListTitle | Tag::DefinitionListDefinition => {}
        }
    }

    fn in_table(
        &mut self,
        f: impl FnOnce(&mut Vec<Vec<Inline>>, &mut Vec<Vec<Vec<Inline>>>, &mut bool),
    ) {
        if let Some(Open::Table {
            head,
            rows,
            in_head,
        }) = self.stack.last_mut()
        {
            f(head, rows, in_head);
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => self.end_inlines(),
            TagEnd::Heading(_) => {
                let inlines = trim(std::mem::take(&mut self.inlines));
                if let Some(Open::Heading(level)) = self.stack.pop() {
                    let url = self
                        .heading_urls
                        .get(self.headings)
                        .cloned()
                        .unwrap_or_default();
                    self.headings += 1;
                    self.push_block(Block::Heading {
                        level,
                        text: inlines,
                        url,
                    });
                }
            }
            TagEnd::BlockQuote(_) => {
                self.end_inlines();
                if let Some(Open::Quote(blocks)) = self.stack.pop() {
                    self.push_block(Block::Quote(blocks));
                }
            }
            TagEnd::CodeBlock => {
                let code = self.code.take().unwrap_or_default();
                self.push_block(Block::Code(code.trim_end_matches('\n').to_string()));
            }
            TagEnd::List(_) => {
                self.end_inlines();
                if let Some(Open::List(start, items)) = self.stack.pop() {
                    self.push_block(Block::List { start, items });
                }
            }
            TagEnd::Item => {
                self.end_inlines();
                let Some(Open::Item(blocks)) = self.stack.pop() else {
                    return;
                };
                if let Some(Open::List(_, items)) = self.stack.last_mut() {
                    items.push(blocks);
                }
            }
            TagEnd::FootnoteDefinition => {
                self.end_inlines();
                if let Some(Open::Footnote(label, mut blocks)) = self.stack.pop() {
                    if let Some(Block::Paragraph(first)) = blocks.first_mut() {
                        first.insert(0, Inline::plain(format!("[{label}] ")));
                    }
                    for block in blocks {
                        self.push_block(block);
                    }
                }
            }
            TagEnd::TableHead => self.in_table(|_, _, in_head| *in_head = false),
            TagEnd::TableCell => {
                let cell = trim(std::mem::take(&mut self.inlines));
                self.in_table(|head, rows, in_head| {
                    if *in_head {
                        head.push(cell);
                    } else if let Some(row) = rows.last_mut() {
                        row.push(cell);
                    }
                });
            }
            TagEnd::Table => {
                if let Some(Open::Table { head, rows, .. }) = self.stack.pop() {
                    self.push_block(Block::Table { head, rows });
                }
            }
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript => {
                self.styles.pop();
            }
            TagEnd::Link if self.skip > 0 => {
                self.skip -= 1;
                self.links.pop();
            }
            TagEnd::Link => {
                if let Some(Some(Link::Inside(url))) = self.links.pop() {
                    self.inlines.push(Inline::PageOf(url));
                }
            }
            TagEnd::Image => self.end_image(),
            _ => {}
        }
    }

    /// An image is a figure of its own, between the text before and after it.
    fn end_image(&mut self) {
        let Some((dest, alt)) = self.image.take() else {
            return;
        };
        let alt = alt.trim().to_string();
        match self.cx.image(&dest) {
            Some(image)
                if !matches!(
                    self.stack.last(),
                    Some(Open::Table { .. } | Open::Heading(_))
                ) =>
            {
                self.end_inlines();
                self.push_block(Block::Figure { image, alt });
            }
            _ => self.text(&alt, self.style()),
        }
    }
}

/// Inlines without white space at their start and end.
fn trim(mut inlines: Vec<Inline>) -> Vec<Inline> {
    while let Some(Inline::Text { text, .. }) = inlines.first_mut() {
        let trimmed = text.trim_start();
        if trimmed.is_empty() {
            inlines.remove(0);
        } else {
            *text = trimmed.to_string();
            break;
        }
    }
    trim_end(&mut inlines);
    inlines
}

fn trim_end(inlines: &mut Vec<Inline>) {
    while let Some(Inline::Text { text, .. }) = inlines.last_mut() {
        let trimmed = text.trim_end();
        if trimmed.is_empty() {
            inlines.pop();
        } else {
            text.truncate(trimmed.len());
            break;
        }
    }
}

#[cfg(test)]
mod tests;

//! Styled text broken into lines: words (which may change style inside, as in `**bold**,`)
//! set one after another and broken between words, a word longer than a line between its
//! characters. Citations are raised numbers held to the word before them; a cross-reference
//! ends with the page its target is on.

use super::Fonts;
use super::model::{Inline, Link, TextStyle};

/// Which of the book's faces sets a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FaceId {
    Regular,
    Bold,
    Italic,
    Mono,
}

/// The colours text is printed in, resolved with the book's brand when drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ink {
    Text,
    Muted,
    Brand,
    /// The light shade behind code.
    Wash,
}

/// Where a link goes: a page of the book or a heading on it (by site URL), a source of
/// the bibliography, or an address outside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Inside(String),
    Source(usize),
    Outside(String),
}

/// A run of text in one face, size and colour.
#[derive(Debug, Clone)]
pub struct Frag {
    pub text: String,
    pub face: FaceId,
    pub size: f32,
    /// How far above the baseline (citation numbers).
    pub rise: f32,
    pub ink: Ink,
    /// The link it belongs to: an index into the flow's links.
    pub link: Option<usize>,
    /// A page number filled in when the sheets are drawn; `text` holds the slot meanwhile.
    pub page: Option<Box<PageSlot>>,
}

/// A page number not known while the book is laid out: `text` is set with a slot of the
/// widest digits in its place, as many as the book's last page number can have, so the
/// number drawn later never runs past the room the line gave it.
#[derive(Debug, Clone, PartialEq)]
pub struct PageSlot {
    /// The site URL whose page it is.
    pub url: String,
    /// The text around the number: "(p. " and ")".
    pub before: String,
    pub after: String,
    /// Set flush right in the slot's room (the contents' numbers), else from its start.
    pub flush_right: bool,
}

impl PageSlot {
    /// The text drawn for page `number`.
    pub fn text(&self, number: &str) -> String {
        format!("{}{number}{}", self.before, self.after)
    }
}

/// One set line: its runs at their offsets from the line's start, and its width.
#[derive(Debug, Clone, Default)]
pub struct Line {
    pub runs: Vec<(f32, Frag)>,
    pub width: f32,
}

/// How a piece of text is set.
pub struct Setting<'a> {
    pub fonts: &'a Fonts<'a>,
    pub size: f32,
    /// The face of plain text (bold in headings).
    pub bold: bool,
    pub ink: Ink,
    /// Whether a site URL is in the book (a cross-reference to it shows its page).
    pub in_book: &'a dyn Fn(&str) -> bool,
    /// The words before a page number ("p.") and the slot the number is set in.
    pub page: (&'a str, &'a str),
}

enum Token {
    Word(Vec<Frag>),
    Space,
    Break,
}

impl Setting<'_> {
    fn face(&self, style: TextStyle) -> FaceId {
        if style.code {
            FaceId::Mono
        } else if style.bold || self.bold {
            FaceId::Bold
        } else if style.italic {
            FaceId::Italic
        } else {
            FaceId::Regular
        }
    }

    fn width(&self, frag: &Frag) -> f32 {
        self.fonts.face(frag.face).width(&frag.text, frag.size)
    }

    /// `inlines` as lines no wider than `width`; each link is added to `links`.
    pub fn lines(&self, inlines: &[Inline], width: f32, links: &mut Vec<Target>) -> Vec<Line> {
        let tokens = self.tokens(inlines, links);
        let mut lines = Vec::new();
        let mut line = Line::default();
        let mut pending_space = false;
        for token in tokens {
            match token {
                Token::Space => pending_space = !line.runs.is_empty(),
                Token::Break => {
                    lines.push(std::mem::take(&mut line));
                    pending_space = false;
                }
                Token::Word(frags) => {
                    let w: f32 = frags.iter().map(|f| self.width(f)).sum();
                    // The space takes the face of the word after it.
                    let gap = match (pending_space, frags.first()) {
                        (true, Some(f)) => self.fonts.face(f.face).width(" ", self.size),
                        _ => 0.0,
                    };
                    let joined = !line.runs.is_empty() && line.width + gap + w <= width;
                    if !line.runs.is_empty() && !joined {
                        lines.push(std::mem::take(&mut line));
                    }
                    pending_space = false;
                    if w > width {
                        self.split_long(frags, width, &mut line, &mut lines);
                    } else {
                        self.append(&mut line, frags, joined && gap > 0.0, gap);
                    }
                }
            }
        }
        if !line.runs.is_empty() || lines.is_empty() {
            lines.push(line);
        }
        lines
    }

    /// The width of `inlines` set on one line, and of their widest word.
    pub fn measure(&self, inlines: &[Inline]) -> (f32, f32) {
        let space = self.fonts.face(FaceId::Regular).width(" ", self.size);
        let (mut line, mut widest, mut total, mut gap) = (0.0f32, 0.0f32, 0.0f32, false);
        for token in self.tokens(inlines, &mut Vec::new()) {
            match token {
                Token::Word(frags) => {
                    let w: f32 = frags.iter().map(|f| self.width(f)).sum();
                    line += if gap { space + w } else { w };
                    widest = widest.max(w);
                    gap = false;
                }
                Token::Space => gap = line > 0.0,
                Token::Break => {
                    total = total.max(line);
                    line = 0.0;
                    gap = false;
                }
            }
        }
        (total.max(line), widest)
    }

    /// Adds a word's runs to `line`, after a space `gap` wide when `spaced`: a run in the
    /// style of the one before it continues that run, so a line is drawn in few runs.
    fn append(&self, line: &mut Line, frags: Vec<Frag>, spaced: bool, gap: f32) {
        for (i, frag) in frags.into_iter().enumerate() {
            let w = self.width(&frag);
            let space = i == 0 && spaced;
            match line.runs.last_mut() {
                Some((_, last)) if same_run(last, &frag) && frag.link.is_none() => {
                    if space {
                        last.text.push(' ');
                        line.width += gap;
                    }
                    last.text.push_str(&frag.text);
                }
                _ => {
                    if space {
                        line.width += gap;
                    }
                    line.runs.push((line.width, frag));
                }
            }
            line.width += w;
        }
    }

    /// A word wider than a line, broken between its characters.
    fn split_long(&self, frags: Vec<Frag>, width: f32, line: &mut Line, lines: &mut Vec<Line>) {
        for frag in frags {
            for c in frag.text.chars() {
                let piece = Frag {
                    text: c.to_string(),
                    ..frag.clone()
                };
                let w = self.width(&piece);
                if line.width + w > width && !line.runs.is_empty() {
                    lines.push(std::mem::take(line));
                }
                match line.runs.last_mut() {
                    Some((_, last)) if same_run(last, &piece) => last.text.push(c),
                    _ => line.runs.push((line.width, piece)),
                }
                line.width += w;
            }
        }
    }

    fn tokens(&self, inlines: &[Inline], links: &mut Vec<Target>) -> Vec<Token> {
        let mut tokens = Vec::new();
        let mut word: Vec<Frag> = Vec::new();
        let mut last_link: Option<(Link, usize)> = None;
        let end_word = |word: &mut Vec<Frag>, tokens: &mut Vec<Token>| {
            if !word.is_empty() {
                tokens.push(Token::Word(std::mem::take(word)));
            }
        };
        for inline in inlines {
            match inline {
                Inline::Text { text, style, link } => {
                    let link = link.as_ref().map(|l| match &last_link {
                        Some((prev, i)) if prev == l => *i,
                        _ => {
                            links.push(match l {
                                Link::Inside(url) => Target::Inside(url.clone()),
                                Link::Outside(url) => Target::Outside(url.clone()),
                            });
                            last_link = Some((l.clone(), links.len() - 1));
                            links.len() - 1
                        }
                    });
                    if link.is_none() {
                        last_link = None;
                    }
                    let ink = match link.map(|i| &links[i]) {
                        Some(Target::Outside(_)) => Ink::Brand,
                        _ => self.ink,
                    };
                    let face = self.face(*style);
                    for (i, piece) in text.split(char::is_whitespace).enumerate() {
                        if i > 0 {
                            end_word(&mut word, &mut tokens);
                            tokens.push(Token::Space);
                        }
                        if !piece.is_empty() {
                            push(&mut word, frag(piece, face, self.size, ink, link));
                        }
                    }
                }
                Inline::Cite(numbers) => {
                    last_link = None;
                    self.cite(numbers, &mut word, links);
                }
                Inline::PageOf(url) => {
                    last_link = None;
                    if (self.in_book)(url) {
                        end_word(&mut word, &mut tokens);
                        tokens.push(Token::Space);
                        links.push(Target::Inside(url.clone()));
                        let (words, slot) = self.page;
                        let page = PageSlot {
                            url: url.clone(),
                            before: format!("({words} "),
                            after: ")".to_string(),
                            flush_right: false,
                        };
                        let f = frag(
                            &page.text(slot),
                            FaceId::Regular,
                            self.size,
                            Ink::Muted,
                            None,
                        );
                        word.push(Frag {
                            link: Some(links.len() - 1),
                            page: Some(Box::new(page)),
                            ..f
                        });
                    }
                }
                Inline::Break => {
                    end_word(&mut word, &mut tokens);
                    tokens.push(Token::Break);
                }
            }
        }
        end_word(&mut word, &mut tokens);
        tokens
    }

    /// Citation numbers, raised and smaller, each linking to its source, held to the word
    /// before them.
    fn cite(
        &self,
        numbers: &[(usize, Option<String>)],
        word: &mut Vec<Frag>,
        links: &mut Vec<Target>,
    ) {
        let size = self.size * 0.7;
        let rise = self.size * 0.36;
        for (i, (n, locator)) in numbers.iter().enumerate() {
            if i > 0 {
                push(
                    word,
                    Frag {
                        rise,
                        ..frag(",", FaceId::Regular, size, Ink::Brand, None)
                    },
                );
            }
            links.push(Target::Source(*n));
            let text = match locator {
                Some(l) => format!("{n} ({l})"),
                None => n.to_string(),
            };
            let f = frag(
                &text,
                FaceId::Regular,
                size,
                Ink::Brand,
                Some(links.len() - 1),
            );
            word.push(Frag { rise, ..f });
        }
    }
}

fn frag(text: &str, face: FaceId, size: f32, ink: Ink, link: Option<usize>) -> Frag {
    Frag {
        text: text.to_string(),
        face,
        size,
        rise: 0.0,
        ink,
        link,
        page: None,
    }
}

fn same_run(a: &Frag, b: &Frag) -> bool {
    a.face == b.face
        && a.size == b.size
        && a.rise == b.rise
        && a.ink == b.ink
        && a.link == b.link
        && a.page.is_none()
        && b.page.is_none()
}

/// Adds `frag` to a word, joining it to the last run when they share a style.
fn push(word: &mut Vec<Frag>, frag: Frag) {
    match word.last_mut() {
        Some(last) if same_run(last, &frag) => last.text.push_str(&frag.text),
        _ => word.push(frag),
    }
}

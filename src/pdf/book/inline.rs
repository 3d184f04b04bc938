//! Styled text broken into lines: words (which may change style inside, as in `**bold**,`)
//! set one after another and broken between words, a word longer than a line between its
//! characters. Citations are raised numbers held to the word before them; a cross-reference
//! ends with the page its target is on.

use std::ops::Range;

use super::Fonts;
use super::model::{Inline, Link, TextStyle};
pub use super::runs::{FaceId, Frag, Ink, Line, PageSlot, Target};
use super::runs::{append, frag, push, same_run};

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
    /// A word: a range of the runs.
    Word(Range<usize>),
    Space,
    Break,
}

/// Text cut into words, spaces and breaks, the words' runs kept one after another with
/// their widths (one list for the whole text rather than one for each word).
struct Tokens {
    tokens: Vec<Token>,
    frags: Vec<Frag>,
    widths: Vec<f32>,
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
        let Tokens {
            tokens,
            frags,
            widths,
        } = self.tokens(inlines, links);
        let spaces = [FaceId::Regular, FaceId::Bold, FaceId::Italic, FaceId::Mono]
            .map(|f| self.fonts.face(f).width(" ", self.size));
        let mut frags = frags.into_iter();
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
                Token::Word(range) => {
                    let sizes = &widths[range.clone()];
                    let w: f32 = sizes.iter().sum();
                    // The space takes the face of the word after it.
                    let gap = match (pending_space, frags.as_slice().first()) {
                        (true, Some(f)) => spaces[f.face as usize],
                        _ => 0.0,
                    };
                    let joined = !line.runs.is_empty() && line.width + gap + w <= width;
                    if !line.runs.is_empty() && !joined {
                        lines.push(std::mem::take(&mut line));
                    }
                    pending_space = false;
                    let word = frags.by_ref().take(range.len());
                    if w > width {
                        self.split_long(word.collect(), width, &mut line, &mut lines);
                    } else {
                        append(&mut line, word, sizes, joined && gap > 0.0, gap);
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
        let Tokens { tokens, widths, .. } = self.tokens(inlines, &mut Vec::new());
        for token in tokens {
            match token {
                Token::Word(range) => {
                    let w: f32 = widths[range].iter().sum();
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

    fn tokens(&self, inlines: &[Inline], links: &mut Vec<Target>) -> Tokens {
        let mut tokens = Vec::new();
        // The runs of every word; the word being made starts at `start`.
        let mut word: Vec<Frag> = Vec::new();
        let mut start = 0;
        let mut last_link: Option<(Link, usize)> = None;
        let end_word = |word: &mut Vec<Frag>, start: &mut usize, tokens: &mut Vec<Token>| {
            if word.len() > *start {
                tokens.push(Token::Word(*start..word.len()));
                *start = word.len();
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
                            end_word(&mut word, &mut start, &mut tokens);
                            tokens.push(Token::Space);
                        }
                        if !piece.is_empty() {
                            push(&mut word, start, frag(piece, face, self.size, ink, link));
                        }
                    }
                }
                Inline::Cite(numbers) => {
                    last_link = None;
                    self.cite(numbers, &mut word, start, links);
                }
                Inline::PageOf(url) => {
                    last_link = None;
                    if (self.in_book)(url) {
                        end_word(&mut word, &mut start, &mut tokens);
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
                    end_word(&mut word, &mut start, &mut tokens);
                    tokens.push(Token::Break);
                }
            }
        }
        end_word(&mut word, &mut start, &mut tokens);
        let widths = word.iter().map(|f| self.width(f)).collect();
        Tokens {
            tokens,
            frags: word,
            widths,
        }
    }

    /// Citation numbers, raised and smaller, each linking to its source, held to the word
    /// before them.
    fn cite(
        &self,
        numbers: &[(usize, Option<String>)],
        word: &mut Vec<Frag>,
        start: usize,
        links: &mut Vec<Target>,
    ) {
        let size = self.size * 0.7;
        let rise = self.size * 0.36;
        for (i, (n, locator)) in numbers.iter().enumerate() {
            if i > 0 {
                push(
                    word,
                    start,
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

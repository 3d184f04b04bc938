//! The whole book as one flow: the cover, the contents (each entry with the page its chapter
//! or page starts on), the chapters, and the bibliography at the end.

use std::collections::HashMap;

use super::flow::{BODY, Flow, INDENT, Kind, LEADING, Look, Op, PLAIN, Slice};
use super::inline::{FaceId, Frag, Ink, PageSlot, Target};
use super::model::{Book, Chapter, Inline, Link};

/// Room for a page number in the contents.
const NUMBER: f32 = 36.0;

/// The text column: its width, and its height on a sheet.
pub struct Column {
    pub width: f32,
    pub height: f32,
}

/// The anchor of source `n` in the bibliography.
pub fn source_anchor(n: usize) -> String {
    format!("#source-{n}")
}

/// Where a site URL is in the book: its sheet (from 0) and height there; a heading's URL
/// falls back to its page. `None` for a URL outside the book.
pub fn place<'p>(places: &'p HashMap<String, (usize, f32)>, url: &str) -> Option<&'p (usize, f32)> {
    places
        .get(url)
        .or_else(|| places.get(url.split('#').next()?))
}

impl Flow<'_> {
    pub fn book(&mut self, book: &Book, column: &Column) {
        self.cover(book, column);
        self.contents(book, column);
        self.titles = book.chapters.iter().map(|c| c.title.clone()).collect();
        self.titles.push(book.words.sources.clone());
        for (c, chapter) in book.chapters.iter().enumerate() {
            self.chapter = Some(c);
            self.chapter_of(chapter, &book.words.chapter, c + 1, column.width);
        }
        if !book.bibliography.is_empty() {
            self.chapter = Some(book.chapters.len());
            self.bibliography(book, column.width);
        }
    }

    fn cover(&mut self, book: &Book, column: &Column) {
        let section = self.node(Kind::Section, None);
        let cover = &book.cover;
        let width = column.width;
        let mut ops = vec![Op::Logo {
            rect: (0.0, 40.0, 72.0, 72.0),
        }];
        let mut y = 150.0;
        let mut add = |flow: &mut Flow, text: &str, look: Look, y: &mut f32| {
            let node = flow.node(Kind::P, Some(section));
            for line in flow.set(&[Inline::plain(text)], look, width) {
                *y += look.size * LEADING;
                for (dx, frag) in line.runs {
                    ops.push(Op::Text {
                        x: dx,
                        y: *y,
                        frag,
                        node,
                    });
                }
            }
        };
        if let Some(institution) = &cover.institution {
            add(
                self,
                institution,
                Look {
                    size: 14.0,
                    bold: true,
                    ink: Ink::Brand,
                },
                &mut y,
            );
            y += 24.0;
        }
        add(
            self,
            &cover.title,
            Look {
                size: 30.0,
                bold: true,
                ink: Ink::Text,
            },
            &mut y,
        );
        if let Some(subtitle) = &cover.subtitle {
            y += 12.0;
            add(
                self,
                subtitle,
                Look {
                    size: 15.0,
                    bold: false,
                    ink: Ink::Muted,
                },
                &mut y,
            );
        }
        y = y.max(column.height - 60.0);
        let words = &book.words;
        let small = Look {
            size: 10.0,
            bold: false,
            ink: Ink::Muted,
        };
        if let Some(edition) = &cover.edition {
            add(self, &format!("{} {edition}", words.edition), small, &mut y);
        }
        if let Some(reviewed) = &cover.reviewed {
            add(
                self,
                &format!("{} {reviewed}", words.reviewed),
                small,
                &mut y,
            );
        }
        ops.push(Op::Line {
            from: (0.0, 130.0),
            to: (width, 130.0),
            ink: Ink::Brand,
            width: 3.0,
        });
        self.push(Slice {
            height: column.height,
            ops,
            new_sheet: true,
            ..Slice::default()
        });
    }

    fn contents(&mut self, book: &Book, column: &Column) {
        let section = self.node(Kind::Section, None);
        let title = book.words.contents.clone();
        let heading = self.node(Kind::Heading(1, title.clone()), Some(section));
        let first = self.text(
            &[Inline::plain(&title)],
            Look {
                size: 22.0,
                bold: true,
                ink: Ink::Text,
            },
            (0.0, column.width),
            heading,
        );
        self.slices[first].new_sheet = true;
        self.slices[first].outline = Some((1, title));
        let list = self.node(Kind::Contents, Some(section));
        for (c, chapter) in book.chapters.iter().enumerate() {
            let number = format!("{}", c + 1);
            self.entry(
                list,
                Some(&number),
                &chapter.title,
                &chapter.url,
                1,
                column.width,
            );
            for part in &chapter.pages {
                self.entry(list, None, &part.title, &part.url, 2, column.width);
            }
        }
        if !book.bibliography.is_empty() {
            let url = crate::links::SOURCES_URL;
            self.entry(list, None, &book.words.sources, url, 1, column.width);
        }
    }

    /// One line of the contents: its title (and chapter number) linked, and its page.
    fn entry(
        &mut self,
        list: usize,
        number: Option<&str>,
        title: &str,
        url: &str,
        level: u8,
        width: f32,
    ) {
        let node = self.node(Kind::ContentsItem, Some(list));
        let look = Look {
            size: BODY,
            bold: level == 1,
            ink: Ink::Text,
        };
        let indent = if level == 1 { 0.0 } else { 22.0 };
        let link = Some(Link::Inside(url.to_string()));
        let text = [Inline::Text {
            text: title.to_string(),
            style: Default::default(),
            link,
        }];
        let lines = self.set(&text, look, width - indent - 22.0 - NUMBER);
        let first = self.lines(lines, BODY, indent + 22.0, node);
        let face = if level == 1 {
            FaceId::Bold
        } else {
            FaceId::Regular
        };
        let y = BODY * 1.1;
        self.links.push(Target::Inside(url.to_string()));
        let link = Some(self.links.len() - 1);
        if let Some(n) = number {
            let frag = Frag {
                text: n.to_string(),
                face,
                size: BODY,
                rise: 0.0,
                ink: Ink::Brand,
                link,
                page: None,
            };
            self.slices[first].ops.insert(
                0,
                Op::Text {
                    x: indent,
                    y,
                    frag,
                    node,
                },
            );
        }
        let slot = PageSlot {
            url: url.to_string(),
            before: String::new(),
            after: String::new(),
            flush_right: true,
        };
        let text = slot.text(self.page.1);
        let w = self.fonts.face(face).width(&text, BODY);
        let frag = Frag {
            text,
            face,
            size: BODY,
            rise: 0.0,
            ink: Ink::Text,
            link,
            page: Some(Box::new(slot)),
        };
        let last = self.slices.len() - 1;
        self.slices[last].ops.push(Op::Text {
            x: width - w,
            y,
            frag,
            node,
        });
        if level == 1 {
            self.slices[first].space = 6.0;
        }
    }

    fn chapter_of(&mut self, chapter: &Chapter, word: &str, number: usize, width: f32) {
        let section = self.node(Kind::Section, None);
        let words = format!("{word} {number}");
        let first = self.title(Some(&words), &chapter.title, 1, section, width);
        let slice = &mut self.slices[first];
        slice.new_sheet = true;
        slice.anchors.push(chapter.url.clone());
        slice.outline = Some((1, chapter.title.clone()));
        self.push(Slice {
            height: 14.0,
            keep: true,
            ops: vec![Op::Line {
                from: (0.0, 7.0),
                to: (width, 7.0),
                ink: Ink::Brand,
                width: 1.5,
            }],
            ..Slice::default()
        });
        self.blocks(&chapter.blocks, (0.0, width), section, 0);
        for part in &chapter.pages {
            let node = self.node(Kind::Section, Some(section));
            let first = self.title(part.label.as_deref(), &part.title, 2, node, width);
            let slice = &mut self.slices[first];
            slice.new_sheet = part.new_sheet;
            slice.space = 26.0;
            slice.anchors.push(part.url.clone());
            slice.outline = Some((2, part.title.clone()));
            self.blocks(&part.blocks, (0.0, width), node, 1);
        }
    }

    /// A chapter's (level 1) or a page's (level 2) title, with its label above it ("Chapter
    /// 3", "Strategy 8"), kept with what follows. Returns its first slice.
    fn title(
        &mut self,
        label: Option<&str>,
        title: &str,
        level: u8,
        parent: usize,
        width: f32,
    ) -> usize {
        let first = self.slices.len();
        let (small, large) = if level == 1 {
            (11.0, 24.0)
        } else {
            (10.0, 17.0)
        };
        if let Some(label) = label {
            let node = self.node(Kind::P, Some(parent));
            let look = Look {
                size: small,
                bold: true,
                ink: Ink::Brand,
            };
            self.text(&[Inline::plain(label)], look, (0.0, width), node);
        }
        let heading = self.node(Kind::Heading(level, title.to_string()), Some(parent));
        let look = Look {
            size: large,
            bold: true,
            ink: Ink::Text,
        };
        self.text(&[Inline::plain(title)], look, (0.0, width), heading);
        self.keep_from(first);
        first
    }

    fn bibliography(&mut self, book: &Book, width: f32) {
        let section = self.node(Kind::Section, None);
        let title = &book.words.sources;
        let first = self.title(None, title, 1, section, width);
        let slice = &mut self.slices[first];
        slice.new_sheet = true;
        slice.anchors.push(crate::links::SOURCES_URL.to_string());
        slice.outline = Some((1, title.clone()));
        let list = self.node(Kind::List(true), Some(section));
        for (i, entry) in book.bibliography.iter().enumerate() {
            let item = self.node(Kind::Item, Some(list));
            let label = self.node(Kind::Label, Some(item));
            let body = self.node(Kind::Body, Some(item));
            let paragraph = self.node(Kind::P, Some(body));
            let first = self.text(
                entry,
                PLAIN,
                (INDENT + 6.0, width - INDENT - 6.0),
                paragraph,
            );
            let n = i + 1;
            let frag = Frag {
                text: format!("{n}."),
                face: FaceId::Regular,
                size: BODY,
                rise: 0.0,
                ink: Ink::Muted,
                link: None,
                page: None,
            };
            let slice = &mut self.slices[first];
            slice.ops.insert(
                0,
                Op::Text {
                    x: 0.0,
                    y: BODY * 1.1,
                    frag,
                    node: label,
                },
            );
            slice.anchors.push(source_anchor(n));
            slice.space = 5.0;
        }
    }
}

//! The book's blocks as a flow of slices: each slice is a strip of the text column (a line
//! of a paragraph, a band of a table row, a figure) that is never split across sheets, with
//! what it draws, the links and anchors it holds, and whether it must stay with the next
//! (a heading with its text, a paragraph's first and last two lines, a table row's bands).

use super::Fonts;
use super::images::Images;
use super::inline::{Frag, Ink, Line, Setting, Target};
use super::model::{Block, Inline};

pub const BODY: f32 = 10.5;
pub const LEADING: f32 = 1.45;
pub const CODE: f32 = 8.5;
pub const TABLE: f32 = 9.0;
pub const INDENT: f32 = 18.0;

/// One strip of the column.
#[derive(Debug, Clone, Default)]
pub struct Slice {
    pub height: f32,
    /// Space above it, left out at the top of a sheet.
    pub space: f32,
    /// Stays on the same sheet as the next slice.
    pub keep: bool,
    /// Starts a new sheet.
    pub new_sheet: bool,
    pub ops: Vec<Op>,
    /// A band of table `t`'s body: on a new sheet, the table's head is drawn again above it.
    pub table: Option<usize>,
    /// A band of table `t`'s head.
    pub head_of: Option<usize>,
    /// The site URLs (with fragments) that point here.
    pub anchors: Vec<String>,
    /// A bookmark: its level (1 for a chapter) and title.
    pub outline: Option<(u8, String)>,
    /// The chapter it belongs to, for the running head (`None`: the front matter).
    pub chapter: Option<usize>,
}

/// What a slice draws, from its top-left corner.
#[derive(Debug, Clone)]
pub enum Op {
    /// A run of text on the baseline `y`, part of the tag node `node`.
    Text {
        x: f32,
        y: f32,
        frag: Frag,
        node: usize,
    },
    Line {
        from: (f32, f32),
        to: (f32, f32),
        ink: Ink,
        width: f32,
    },
    /// A filled area (behind code).
    Fill {
        rect: (f32, f32, f32, f32),
        ink: Ink,
    },
    /// The institution's logo.
    Logo { rect: (f32, f32, f32, f32) },
    /// The outline of a tick box.
    Box { rect: (f32, f32, f32, f32) },
    Image {
        rect: (f32, f32, f32, f32),
        image: usize,
        node: usize,
    },
}

/// A node of the tag tree: what a screen reader is told a part of the book is.
#[derive(Debug, Clone)]
pub enum Kind {
    Section,
    Heading(u8, String),
    P,
    List(bool),
    Item,
    Label,
    Body,
    Table,
    Row,
    HeadCell,
    Cell,
    Code,
    Quote,
    Figure(String),
    Contents,
    ContentsItem,
}

#[derive(Debug, Clone)]
pub struct Node {
    pub kind: Kind,
    pub parent: Option<usize>,
}

/// The flow being made.
pub struct Flow<'a> {
    pub fonts: &'a Fonts<'a>,
    /// Whether a site URL is in the book (a cross-reference to it shows its page).
    pub in_book: &'a dyn Fn(&str) -> bool,
    /// The words before a page number ("p.") and the slot page numbers are set in.
    pub page: (&'a str, &'a str),
    pub images: &'a Images,
    /// The tallest a figure may be.
    pub max_figure: f32,
    pub slices: Vec<Slice>,
    pub nodes: Vec<Node>,
    pub links: Vec<Target>,
    pub tables: usize,
    pub chapter: Option<usize>,
    /// The chapters' titles, for the running heads.
    pub titles: Vec<String>,
}

/// A flow once laid out: what the sheets are drawn from.
pub struct Laid {
    pub slices: Vec<Slice>,
    pub nodes: Vec<Node>,
    pub links: Vec<Target>,
    pub titles: Vec<String>,
}

/// How a run of text looks: size, weight and colour.
#[derive(Clone, Copy)]
pub struct Look {
    pub size: f32,
    pub bold: bool,
    pub ink: Ink,
}

pub const PLAIN: Look = Look {
    size: BODY,
    bold: false,
    ink: Ink::Text,
};

impl<'a> Flow<'a> {
    pub fn finish(self) -> Laid {
        Laid {
            slices: self.slices,
            nodes: self.nodes,
            links: self.links,
            titles: self.titles,
        }
    }

    pub fn node(&mut self, kind: Kind, parent: Option<usize>) -> usize {
        self.nodes.push(Node { kind, parent });
        self.nodes.len() - 1
    }

    pub fn push(&mut self, mut slice: Slice) {
        slice.chapter = self.chapter;
        self.slices.push(slice);
    }

    pub fn setting(&self, look: Look) -> Setting<'a> {
        Setting {
            fonts: self.fonts,
            size: look.size,
            bold: look.bold,
            ink: look.ink,
            in_book: self.in_book,
            page: self.page,
        }
    }

    /// Lines of `inlines`, set as `look` in `width`.
    pub fn set(&mut self, inlines: &[Inline], look: Look, width: f32) -> Vec<Line> {
        self.setting(look).lines(inlines, width, &mut self.links)
    }

    /// Text as slices, one per line, in the tag node `node`; the first two and the last two
    /// lines stay together. Returns the index of the first slice.
    pub fn text(
        &mut self,
        inlines: &[Inline],
        look: Look,
        (x, width): (f32, f32),
        node: usize,
    ) -> usize {
        let lines = self.set(inlines, look, width);
        self.lines(lines, look.size, x, node)
    }

    pub fn lines(&mut self, lines: Vec<Line>, size: f32, x: f32, node: usize) -> usize {
        let first = self.slices.len();
        let n = lines.len();
        for (i, line) in lines.into_iter().enumerate() {
            let ops = line_ops(line, x, size, node);
            self.push(Slice {
                height: size * LEADING,
                keep: (i == 0 && n > 1) || (n > 2 && i + 2 == n),
                ops,
                ..Slice::default()
            });
        }
        first
    }

    /// Blocks in the column from `x`, `width` wide, under the tag node `parent`; headings
    /// are `shift` levels below their Markdown level.
    pub fn blocks(&mut self, blocks: &[Block], (x, width): (f32, f32), parent: usize, shift: u8) {
        for block in blocks {
            let first = self.slices.len();
            self.block(block, (x, width), parent, shift);
            if let Some(slice) = self.slices.get_mut(first) {
                slice.space = slice.space.max(space_before(block));
            }
        }
    }

    fn block(&mut self, block: &Block, column: (f32, f32), parent: usize, shift: u8) {
        let (x, width) = column;
        match block {
            Block::Heading { level, text, url } => {
                let level = (level + shift).min(6);
                let title = super::model::plain_text(text);
                let node = self.node(Kind::Heading(level, title.clone()), Some(parent));
                let size = match level {
                    0..=2 => 14.0,
                    3 => 12.0,
                    _ => BODY,
                };
                let look = Look {
                    size,
                    bold: true,
                    ink: Ink::Text,
                };
                let first = self.text(text, look, column, node);
                self.keep_from(first);
                let slice = &mut self.slices[first];
                slice.anchors.push(url.clone());
                if level <= 3 {
                    slice.outline = Some((3, title));
                }
            }
            Block::Paragraph(text) => {
                let node = self.node(Kind::P, Some(parent));
                self.text(text, PLAIN, column, node);
            }
            Block::Lead(text) => {
                let node = self.node(Kind::P, Some(parent));
                let look = Look {
                    size: 12.0,
                    bold: false,
                    ink: Ink::Muted,
                };
                self.text(text, look, column, node);
            }
            Block::List { start, items } => self.list(*start, items, column, parent, shift),
            Block::Table { head, rows } => self.table(head, rows, column, parent, false),
            Block::Code(code) => self.code(code, column, parent),
            Block::Quote(blocks) => {
                let node = self.node(Kind::Quote, Some(parent));
                let first = self.slices.len();
                self.blocks(blocks, (x + 14.0, width - 14.0), node, shift);
                for slice in &mut self.slices[first..] {
                    let h = slice.height;
                    slice.ops.push(Op::Line {
                        from: (x + 3.0, 0.0),
                        to: (x + 3.0, h),
                        ink: Ink::Brand,
                        width: 2.5,
                    });
                }
            }
            Block::Rule => self.push(Slice {
                height: 12.0,
                ops: vec![Op::Line {
                    from: (x, 6.0),
                    to: (x + width, 6.0),
                    ink: Ink::Muted,
                    width: 0.5,
                }],
                ..Slice::default()
            }),
            Block::Figure { image, alt } => self.figure(image, alt, column, parent),
            Block::Tick { text, note } => self.tick(text, note.as_deref(), column, parent),
            Block::Field { label, note, lines } => {
                self.field(label, note.as_deref(), *lines, column, parent)
            }
            Block::FillIn { columns, rows } => self.fill_in(columns, *rows, column, parent),
        }
    }

    /// Every slice from `first` on stays with the next (a heading stays with its text).
    pub fn keep_from(&mut self, first: usize) {
        for slice in &mut self.slices[first..] {
            slice.keep = true;
        }
    }
}

/// The ops of one line set from `x`, its baseline `size` below the slice's top.
pub fn line_ops(line: Line, x: f32, size: f32, node: usize) -> Vec<Op> {
    let baseline = size * 1.1;
    line.runs
        .into_iter()
        .map(|(dx, frag)| Op::Text {
            x: x + dx,
            y: baseline - frag.rise,
            frag,
            node,
        })
        .collect()
}

fn space_before(block: &Block) -> f32 {
    match block {
        Block::Heading { level, .. } if *level <= 2 => 16.0,
        Block::Heading { .. } => 12.0,
        Block::Rule => 4.0,
        _ => 7.0,
    }
}

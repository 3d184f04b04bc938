//! Painting one block: its text as tagged spans inside the right tag groups, its rules and
//! boxes as layout artifacts.

use std::num::NonZeroU16;

use krilla::color::rgb;
use krilla::surface::Surface;
use krilla::tagging::{ListNumbering, TableHeaderScope, Tag, TagGroup, TagKind};

use super::Style;
use super::face::Faces;
use super::layout::{
    BODY, BOX, Block, CELL_PADDING, CONTENTS, HEADING, INDENT, LEADING, MARGIN_X, META, REFERENCES,
    SIGN_OFF, SMALL, TITLE, WRITE,
};
use super::marks::{brand, ink, line, muted, paragraph, rect, rule_grey, text};
use super::tags::Tags;

/// Where one block is painted: the surface, the faces, the text column from `x` to `right`
/// (`width` wide) below `top`, and the tag groups being filled.
struct Painter<'p, 's, 'f> {
    surface: &'p mut Surface<'s>,
    faces: &'p Faces<'f>,
    tags: &'p mut Tags,
    x: f32,
    right: f32,
    width: f32,
    top: f32,
}

pub(super) fn draw_block(
    surface: &mut Surface,
    faces: &Faces,
    style: &Style,
    block: &Block,
    top: f32,
    width: f32,
    tags: &mut Tags,
) {
    let mut p = Painter {
        surface,
        faces,
        tags,
        x: MARGIN_X,
        right: MARGIN_X + width,
        width,
        top,
    };
    let level = |n: u16| NonZeroU16::new(n).unwrap_or(NonZeroU16::MIN);
    match block {
        Block::Title(lines) => p.lines(lines, Tag::Hn(level(1), None), true, TITLE, 0.0, ink()),
        Block::Meta(lines) => p.lines(lines, Tag::P, false, META, 0.0, muted()),
        Block::Intro(lines) => p.lines(lines, Tag::P, false, BODY, 0.0, ink()),
        Block::Heading(lines) => {
            let tag = Tag::Hn(level(2), None);
            p.lines(lines, tag, true, HEADING, 4.0, brand(style));
        }
        Block::Tick {
            lines,
            note,
            continued,
        } => p.tick(lines, note, *continued, block.height()),
        Block::Field {
            label,
            note,
            lines,
            beside,
        } => p.field(label, note, *lines, *beside),
        Block::Record(labels) => p.record(labels),
        Block::Row {
            cells,
            header,
            table,
        } => p.row(cells, *header, *table, block.height()),
        Block::SignOff(role) => p.sign_off(role),
        Block::References(lines) => p.lines(lines, Tag::P, false, REFERENCES, 8.0, muted()),
        Block::Contents(entries) => p.contents(entries),
    }
}

impl Painter<'_, '_, '_> {
    /// Lines of text in a tag group of their own, `down` below the block's top.
    fn lines(
        &mut self,
        lines: &[String],
        tag: impl Into<TagKind>,
        bold: bool,
        size: f32,
        down: f32,
        color: rgb::Color,
    ) {
        let face = if bold {
            &self.faces.bold
        } else {
            &self.faces.regular
        };
        let mut group = TagGroup::new(tag);
        let top = self.top + down;
        paragraph(
            self.surface,
            face,
            size,
            self.x,
            top,
            lines,
            color,
            &mut group,
        );
        self.tags.push(group);
    }

    /// A tick box, its item and note, and a rule under them: one item of the sheet's list
    /// (the rest of one begun on the sheet before has no box).
    fn tick(&mut self, lines: &[String], note: &[String], continued: bool, height: f32) {
        let (x, top) = (self.x, self.top);
        if !continued {
            rect(self.surface, ink(), 0.9, (x, top + 3.0, BOX, BOX));
        }
        let mut body = TagGroup::new(Tag::LBody);
        let regular = &self.faces.regular;
        paragraph(
            self.surface,
            regular,
            BODY,
            x + INDENT,
            top,
            lines,
            ink(),
            &mut body,
        );
        let note_top = top + lines.len() as f32 * BODY * LEADING;
        paragraph(
            self.surface,
            regular,
            SMALL,
            x + INDENT,
            note_top,
            note,
            muted(),
            &mut body,
        );
        let bottom = top + height - 3.0;
        line(
            self.surface,
            (x, bottom),
            (self.right, bottom),
            rule_grey(),
            0.4,
        );
        let mut item = TagGroup::new(Tag::LI);
        item.push(body);
        if self.tags.list.is_none() {
            self.tags.flush_runs();
            self.tags.list = Some(TagGroup::new(Tag::L(ListNumbering::None)));
        }
        if let Some(list) = self.tags.list.as_mut() {
            list.push(item);
        }
    }

    /// A label, its note under it as a hint, and its lines to write on: one after the label
    /// when `beside`, else `lines` rules below.
    fn field(&mut self, label: &[String], note: &[String], lines: usize, beside: bool) {
        let (x, top, right) = (self.x, self.top, self.right);
        let mut group = TagGroup::new(Tag::P);
        let (bold, regular) = (&self.faces.bold, &self.faces.regular);
        let line_height = BODY * LEADING;
        paragraph(self.surface, bold, BODY, x, top, label, ink(), &mut group);
        let label_height = label.len() as f32 * line_height;
        if beside {
            let end = label.last().map_or(0.0, |l| bold.width(l, BODY));
            let rule = top + BODY + 2.0 + (label.len().max(1) - 1) as f32 * line_height;
            line(
                self.surface,
                (x + end + 8.0, rule),
                (right, rule),
                ink(),
                0.6,
            );
        }
        let note_top = top + label_height;
        paragraph(
            self.surface,
            regular,
            SMALL,
            x,
            note_top,
            note,
            muted(),
            &mut group,
        );
        if !beside {
            let first = note_top + note.len() as f32 * SMALL * LEADING;
            for k in 1..=lines {
                let y = first + k as f32 * WRITE;
                line(self.surface, (x, y), (right, y), rule_grey(), 0.6);
            }
        }
        self.tags.push(group);
    }

    /// Labels side by side, each over a line to write on.
    fn record(&mut self, labels: &[String]) {
        let (x, top) = (self.x, self.top);
        let mut group = TagGroup::new(Tag::P);
        let n = labels.len().max(1) as f32;
        let column = (self.width - 12.0 * (n - 1.0)) / n;
        for (i, label) in labels.iter().enumerate() {
            let cx = x + i as f32 * (column + 12.0);
            let bold = &self.faces.bold;
            group.push(text(
                self.surface,
                bold,
                META,
                (cx, top + 10.0),
                label,
                ink(),
            ));
            line(
                self.surface,
                (cx, top + 24.0),
                (cx + column, top + 24.0),
                ink(),
                0.6,
            );
        }
        self.tags.push(group);
    }

    /// One row of a table to fill in: the header's column names, each within its cell, or
    /// empty cells.
    fn row(&mut self, cells: &[Vec<String>], header: bool, table: usize, height: f32) {
        let (x, top) = (self.x, self.top);
        let column = self.width / cells.len().max(1) as f32;
        let mut row = TagGroup::new(Tag::TR);
        for (i, cell) in cells.iter().enumerate() {
            let cx = x + i as f32 * column;
            rect(self.surface, rule_grey(), 0.6, (cx, top, column, height));
            if header {
                let mut th = TagGroup::new(Tag::TH(TableHeaderScope::Column));
                let bold = &self.faces.bold;
                for (n, l) in cell.iter().enumerate() {
                    let baseline = top + 14.0 + n as f32 * META * LEADING;
                    let at = (cx + CELL_PADDING, baseline);
                    th.push(text(self.surface, bold, META, at, l, ink()));
                }
                row.push(th);
            }
        }
        if !header {
            // Empty cells: the row is there to write in.
            row.push(TagGroup::new(Tag::TD));
        }
        let same = matches!(&self.tags.table, Some((t, _)) if *t == table);
        if !same {
            self.tags.flush_runs();
            self.tags.table = Some((table, TagGroup::new(Tag::Table)));
        }
        if let Some((_, group)) = self.tags.table.as_mut() {
            group.push(row);
        }
    }

    /// Who signs, with lines for name, date and signature, and room above them to sign.
    fn sign_off(&mut self, role: &str) {
        let (x, top) = (self.x, self.top);
        let rule = top + SIGN_OFF - 14.0;
        let mut group = TagGroup::new(Tag::P);
        let (bold, regular) = (&self.faces.bold, &self.faces.regular);
        group.push(text(self.surface, bold, BODY, (x, rule - 1.0), role, ink()));
        let columns = [("Name", 0.42), ("Date", 0.2), ("Signature", 0.38)];
        let mut cx = x + 80.0;
        let span = self.right - cx;
        for (label, share) in columns {
            let end = cx + span * share - 8.0;
            line(self.surface, (cx, rule), (end, rule), ink(), 0.6);
            let at = (cx, rule + 9.0);
            group.push(text(self.surface, regular, SMALL, at, label, muted()));
            cx = end + 8.0;
        }
        self.tags.push(group);
    }

    /// The pack's contents: each checklist's title and the sheet it starts on.
    fn contents(&mut self, entries: &[(Vec<String>, usize)]) {
        let mut list = TagGroup::new(Tag::L(ListNumbering::Decimal));
        let mut baseline = self.top + 24.0;
        for (title, page) in entries {
            let mut item = TagGroup::new(Tag::LI);
            let regular = &self.faces.regular;
            let first = baseline;
            for l in title {
                item.push(text(
                    self.surface,
                    regular,
                    CONTENTS,
                    (self.x, baseline),
                    l,
                    ink(),
                ));
                baseline += CONTENTS * LEADING;
            }
            let number = page.to_string();
            let at = (self.right - regular.width(&number, CONTENTS), first);
            item.push(text(self.surface, regular, CONTENTS, at, &number, muted()));
            list.push(item);
        }
        self.tags.push(list);
    }
}

//! Painting one block: its text as tagged spans inside the right tag groups, its rules and
//! boxes as layout artifacts.

use std::num::NonZeroU16;

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point};
use krilla::num::NormalizedF32;
use krilla::paint::{Fill, FillRule, Stroke};
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, ListNumbering, SpanTag, TableHeaderScope, Tag,
    TagGroup,
};

use super::Style;
use super::face::{Face, Faces};
use super::layout::{BODY, BOX, Block, HEADING, INDENT, LEADING, MARGIN_X, ROW, SMALL, TITLE};
use super::tags::Tags;

pub(super) fn ink() -> rgb::Color {
    rgb::Color::new(0x1b, 0x1f, 0x23)
}
pub(super) fn muted() -> rgb::Color {
    rgb::Color::new(0x4d, 0x57, 0x60)
}
pub(super) fn rule_grey() -> rgb::Color {
    rgb::Color::new(0x8a, 0x93, 0x9b)
}

pub(super) fn fill(surface: &mut Surface, color: rgb::Color) {
    surface.set_fill(Some(Fill {
        paint: color.into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::default(),
    }));
}

/// Text as one tagged span; returns its identifier for the tag tree.
fn text(
    surface: &mut Surface,
    face: &Face,
    size: f32,
    (x, baseline): (f32, f32),
    content: &str,
    color: rgb::Color,
) -> Identifier {
    fill(surface, color);
    let id = surface.start_tagged(ContentTag::Span(SpanTag::empty()));
    face.draw(surface, Point::from_xy(x, baseline), size, content);
    surface.end_tagged();
    id
}

/// Lines and boxes: layout, not content.
fn strokes(
    surface: &mut Surface,
    color: rgb::Color,
    width: f32,
    draw: impl FnOnce(&mut PathBuilder),
) {
    let mut pb = PathBuilder::new();
    draw(&mut pb);
    let Some(path) = pb.finish() else { return };
    surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(
        ArtifactType::Layout,
    )));
    surface.set_fill(None);
    surface.set_stroke(Some(Stroke {
        paint: color.into(),
        width,
        ..Stroke::default()
    }));
    surface.draw_path(&path);
    surface.set_stroke(None);
    surface.end_tagged();
}

/// The outline of a box: `(x, y, width, height)`.
fn rect(surface: &mut Surface, color: rgb::Color, width: f32, (x, y, w, h): (f32, f32, f32, f32)) {
    strokes(surface, color, width, |pb| {
        pb.move_to(x, y);
        pb.line_to(x + w, y);
        pb.line_to(x + w, y + h);
        pb.line_to(x, y + h);
        pb.close();
    });
}

pub(super) fn line(
    surface: &mut Surface,
    (x1, y1): (f32, f32),
    (x2, y2): (f32, f32),
    color: rgb::Color,
    width: f32,
) {
    strokes(surface, color, width, |pb| {
        pb.move_to(x1, y1);
        pb.line_to(x2, y2);
    });
}

pub(super) fn brand(style: &Style) -> rgb::Color {
    let c = style.primary;
    rgb::Color::new(c.0, c.1, c.2)
}

/// Lines of text from `top`, in a new tag group of `kind`.
#[allow(clippy::too_many_arguments)]
fn paragraph(
    surface: &mut Surface,
    font: &Face,
    size: f32,
    x: f32,
    top: f32,
    lines: &[String],
    color: rgb::Color,
    group: &mut TagGroup,
) {
    for (i, l) in lines.iter().enumerate() {
        let baseline = top + size + i as f32 * size * LEADING;
        group.push(text(surface, font, size, (x, baseline), l, color));
    }
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
    let x = MARGIN_X;
    let right = x + width;
    match block {
        Block::Title(lines) => {
            let mut group = TagGroup::new(Tag::Hn(NonZeroU16::MIN, None));
            paragraph(
                surface,
                &faces.bold,
                TITLE,
                x,
                top,
                lines,
                ink(),
                &mut group,
            );
            tags.push(group);
        }
        Block::Meta(lines) | Block::Intro(lines) => {
            let (size, color) = match block {
                Block::Meta(_) => (9.0, muted()),
                _ => (BODY, ink()),
            };
            let mut group = TagGroup::new(Tag::P);
            paragraph(
                surface,
                &faces.regular,
                size,
                x,
                top,
                lines,
                color,
                &mut group,
            );
            tags.push(group);
        }
        Block::Heading(lines) => {
            let level = NonZeroU16::new(2).unwrap_or(NonZeroU16::MIN);
            let mut group = TagGroup::new(Tag::Hn(level, None));
            paragraph(
                surface,
                &faces.bold,
                HEADING,
                x,
                top + 6.0,
                lines,
                brand(style),
                &mut group,
            );
            tags.push(group);
        }
        Block::Tick { lines, note } => {
            let box_top = top + 3.0;
            rect(surface, ink(), 0.9, (x, box_top, BOX, BOX));
            let mut body = TagGroup::new(Tag::LBody);
            paragraph(
                surface,
                &faces.regular,
                BODY,
                x + INDENT,
                top,
                lines,
                ink(),
                &mut body,
            );
            let note_top = top + lines.len() as f32 * BODY * LEADING;
            paragraph(
                surface,
                &faces.regular,
                SMALL,
                x + INDENT,
                note_top,
                note,
                muted(),
                &mut body,
            );
            let bottom = top + block.height() - 3.0;
            line(surface, (x, bottom), (right, bottom), rule_grey(), 0.4);
            let mut item = TagGroup::new(Tag::LI);
            item.push(body);
            if tags.list.is_none() {
                tags.flush_runs();
                tags.list = Some(TagGroup::new(Tag::L(ListNumbering::None)));
            }
            if let Some(list) = tags.list.as_mut() {
                list.push(item);
            }
        }
        Block::Field { label, note } => {
            let mut group = TagGroup::new(Tag::P);
            group.push(text(
                surface,
                &faces.bold,
                BODY,
                (x, top + 14.0),
                label,
                ink(),
            ));
            let start = x + faces.bold.metrics.width(label, BODY) + 8.0;
            line(
                surface,
                (start.min(right - 60.0), top + 16.0),
                (right, top + 16.0),
                ink(),
                0.6,
            );
            paragraph(
                surface,
                &faces.regular,
                SMALL,
                x,
                top + 19.0,
                note,
                muted(),
                &mut group,
            );
            tags.push(group);
        }
        Block::Record(labels) => {
            let mut group = TagGroup::new(Tag::P);
            let n = labels.len().max(1) as f32;
            let column = (width - 12.0 * (n - 1.0)) / n;
            for (i, label) in labels.iter().enumerate() {
                let cx = x + i as f32 * (column + 12.0);
                group.push(text(
                    surface,
                    &faces.bold,
                    9.0,
                    (cx, top + 10.0),
                    label,
                    ink(),
                ));
                line(
                    surface,
                    (cx, top + 28.0),
                    (cx + column, top + 28.0),
                    ink(),
                    0.6,
                );
            }
            tags.push(group);
        }
        Block::Row {
            cells,
            header,
            table,
        } => {
            let n = cells.len().max(1) as f32;
            let column = width / n;
            let mut row = TagGroup::new(Tag::TR);
            for (i, cell) in cells.iter().enumerate() {
                let cx = x + i as f32 * column;
                rect(surface, rule_grey(), 0.6, (cx, top, column, ROW));
                if *header {
                    let mut th = TagGroup::new(Tag::TH(TableHeaderScope::Column));
                    th.push(text(
                        surface,
                        &faces.bold,
                        9.0,
                        (cx + 4.0, top + 14.0),
                        cell,
                        ink(),
                    ));
                    row.push(th);
                }
            }
            if !*header {
                // Empty cells: the row is there to write in.
                row.push(TagGroup::new(Tag::TD));
            }
            let same = matches!(&tags.table, Some((t, _)) if t == table);
            if !same {
                tags.flush_runs();
                tags.table = Some((*table, TagGroup::new(Tag::Table)));
            }
            if let Some((_, group)) = tags.table.as_mut() {
                group.push(row);
            }
        }
        Block::SignOff(role) => {
            let mut group = TagGroup::new(Tag::P);
            group.push(text(
                surface,
                &faces.bold,
                BODY,
                (x, top + 20.0),
                role,
                ink(),
            ));
            let columns = [
                ("Name", 70.0, 0.42),
                ("Date", 0.0, 0.2),
                ("Signature", 0.0, 0.38),
            ];
            let mut cx = x + 80.0;
            let span = right - cx;
            for (label, _, share) in columns {
                let end = cx + span * share - 8.0;
                line(surface, (cx, top + 22.0), (end, top + 22.0), ink(), 0.6);
                group.push(text(
                    surface,
                    &faces.regular,
                    7.0,
                    (cx, top + 29.0),
                    label,
                    muted(),
                ));
                cx = end + 8.0;
            }
            tags.push(group);
        }
        Block::References(lines) => {
            let mut group = TagGroup::new(Tag::P);
            paragraph(
                surface,
                &faces.regular,
                7.0,
                x,
                top + 8.0,
                lines,
                muted(),
                &mut group,
            );
            tags.push(group);
        }
        Block::Contents(entries) => {
            let mut list = TagGroup::new(Tag::L(ListNumbering::Decimal));
            for (i, (title, page)) in entries.iter().enumerate() {
                let baseline = top + 24.0 + i as f32 * 11.0 * LEADING;
                let mut item = TagGroup::new(Tag::LI);
                item.push(text(
                    surface,
                    &faces.regular,
                    11.0,
                    (x, baseline),
                    title,
                    ink(),
                ));
                let number = page.to_string();
                item.push(text(
                    surface,
                    &faces.regular,
                    11.0,
                    (right - 20.0, baseline),
                    &number,
                    muted(),
                ));
                list.push(item);
            }
            tags.push(list);
        }
    }
}

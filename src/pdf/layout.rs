//! Measuring a face, and cutting a checklist into blocks (`paginate` places them on pages).

use super::sheet::{Entry, Sheet};
use super::text::Type;

/// The sheet's margins: left and right, above the body (below the running head), below it.
pub(super) const MARGIN_X: f32 = 50.0;
pub(super) const TOP: f32 = 54.0;
pub(super) const BOTTOM: f32 = 40.0;

/// Type sizes and spacing, in points.
pub const BODY: f32 = 10.0;
pub const SMALL: f32 = 8.0;
/// Sizes of the sheet's meta line (and table headings, record labels), its references and
/// the pack's contents.
pub const META: f32 = 9.0;
pub const REFERENCES: f32 = 7.0;
pub const CONTENTS: f32 = 11.0;
pub const TITLE: f32 = 18.0;
pub const HEADING: f32 = 11.5;
pub const LEADING: f32 = 1.3;
pub const BOX: f32 = 8.5;
/// Left of an item's text: room for its box.
pub const INDENT: f32 = 18.0;
pub const ROW: f32 = 21.0;
/// Space a block leaves below its lines (a heading's is mostly above them).
pub const PAD_TITLE: f32 = 6.0;
pub const PAD_INTRO: f32 = 5.0;
pub const PAD_HEADING: f32 = 5.0;
pub const PAD_TICK: f32 = 6.0;
pub const PAD_FIELD: f32 = 5.0;
/// The name and date fields at the top.
pub const RECORD: f32 = 28.0;
/// The pitch of lines to write on.
pub const WRITE: f32 = 21.0;
/// The share of the column a field's label must leave for its one line to follow it.
pub const BESIDE: f32 = 0.4;
/// A signature block: room to sign above the line (15 mm or more in all).
pub const SIGN_OFF: f32 = 46.0;
/// Space between a table cell's rules and its heading.
pub const CELL_PADDING: f32 = 4.0;

/// One block of a page. Blocks made of lines of text are split between lines when they are
/// taller than a sheet (`paginate`); the others are drawn whole.
#[derive(Debug, Clone)]
pub enum Block {
    Title(Vec<String>),
    Meta(Vec<String>),
    Intro(Vec<String>),
    Heading(Vec<String>),
    Tick {
        lines: Vec<String>,
        note: Vec<String>,
        /// The rest of an item begun on the sheet before (drawn with no box).
        continued: bool,
    },
    /// A label, its note under it, and `lines` lines to write on: the one line after the
    /// label when `beside` (a one-line field whose label leaves room), else below.
    Field {
        label: Vec<String>,
        note: Vec<String>,
        lines: usize,
        beside: bool,
    },
    /// Name and date fields side by side.
    Record(Vec<String>),
    /// A table row: headings, each broken into lines within its cell (for the header), or
    /// empty cells.
    Row {
        cells: Vec<Vec<String>>,
        header: bool,
        table: usize,
    },
    SignOff(String),
    References(Vec<String>),
    /// The pack's contents: titles, broken into lines, with their first sheet.
    Contents(Vec<(Vec<String>, usize)>),
}

/// The height of `n` lines at `size`.
pub fn lines(n: usize, size: f32) -> f32 {
    n as f32 * size * LEADING
}

impl Block {
    pub fn height(&self) -> f32 {
        match self {
            Block::Title(l) => lines(l.len(), TITLE) + PAD_TITLE,
            Block::Meta(l) => lines(l.len(), META) + 2.0,
            Block::Intro(l) => lines(l.len(), BODY) + PAD_INTRO,
            Block::Heading(l) => lines(l.len(), HEADING) + PAD_HEADING,
            Block::Tick { lines: l, note, .. } => {
                lines(l.len(), BODY) + lines(note.len(), SMALL) + PAD_TICK
            }
            Block::Field {
                label,
                note,
                lines: n,
                beside,
            } => {
                let text = lines(label.len(), BODY) + lines(note.len(), SMALL);
                match beside {
                    true => text + PAD_FIELD,
                    false => text + *n as f32 * WRITE + 4.0,
                }
            }
            Block::Record(_) => RECORD,
            Block::Row {
                cells,
                header: true,
                ..
            } => {
                let most = cells.iter().map(Vec::len).max().unwrap_or(1);
                ROW.max(lines(most, META) + 9.0)
            }
            Block::Row { .. } => ROW,
            Block::SignOff(_) => SIGN_OFF,
            Block::References(l) => lines(l.len(), REFERENCES) + 12.0,
            Block::Contents(entries) => {
                let n = entries.iter().map(|(l, _)| l.len()).sum();
                lines(n, CONTENTS) + 30.0
            }
        }
    }

    /// A heading is not left alone at the foot of a sheet.
    pub fn keep_with_next(&self) -> bool {
        matches!(
            self,
            Block::Heading(_) | Block::Title(_) | Block::Row { header: true, .. }
        )
    }
}

/// The blocks of one sheet, for a text column `width` points wide.
pub fn blocks(sheet: &Sheet, regular: Type, bold: Type, width: f32) -> Vec<Block> {
    let mut out = vec![Block::Title(bold.wrap(&sheet.title, TITLE, width))];
    if let Some(meta) = &sheet.meta {
        out.push(Block::Meta(regular.wrap(meta, META, width)));
    }
    if let Some(intro) = &sheet.intro {
        out.push(Block::Intro(regular.wrap(intro, BODY, width)));
    }
    if !sheet.record.is_empty() {
        out.push(Block::Record(sheet.record.clone()));
    }
    let mut tables = 0;
    for (title, entries) in &sheet.sections {
        out.push(Block::Heading(bold.wrap(title, HEADING, width)));
        for entry in entries {
            match entry {
                Entry::Tick { text, note } => out.push(Block::Tick {
                    lines: regular.wrap(text, BODY, width - INDENT),
                    note: note
                        .as_deref()
                        .map(|n| regular.wrap(n, SMALL, width - INDENT))
                        .unwrap_or_default(),
                    continued: false,
                }),
                Entry::Field { label, note, lines } => {
                    let label = bold.wrap(label, BODY, width);
                    let last = label.last().map_or(0.0, |l| bold.width(l, BODY));
                    out.push(Block::Field {
                        beside: *lines == 1 && width - last >= BESIDE * width,
                        label,
                        note: note
                            .as_deref()
                            .map(|n| regular.wrap(n, SMALL, width))
                            .unwrap_or_default(),
                        lines: *lines,
                    })
                }
                Entry::Table { columns, rows } => {
                    tables += 1;
                    let cell = width / columns.len().max(1) as f32 - 2.0 * CELL_PADDING;
                    out.push(Block::Row {
                        cells: columns.iter().map(|c| bold.wrap(c, META, cell)).collect(),
                        header: true,
                        table: tables,
                    });
                    for _ in 0..*rows {
                        out.push(Block::Row {
                            cells: vec![Vec::new(); columns.len()],
                            header: false,
                            table: tables,
                        });
                    }
                }
            }
        }
    }
    for role in &sheet.sign_off {
        out.push(Block::SignOff(role.clone()));
    }
    if !sheet.references.is_empty() {
        let lines = sheet
            .references
            .iter()
            .flat_map(|r| regular.wrap(r, REFERENCES, width))
            .collect();
        out.push(Block::References(lines));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::metrics::Metrics;
    use super::*;

    fn metrics() -> Metrics {
        Metrics::new(crate::embedded::theme_file("fonts/NotoSans-Regular.ttf").unwrap()).unwrap()
    }

    fn setting(m: &Metrics) -> Type<'_> {
        Type {
            primary: m,
            fallbacks: &[],
        }
    }

    #[test]
    fn lines_break_between_words_within_the_width() {
        let metrics = metrics();
        let m = setting(&metrics);
        let text = "Agree the meeting pattern: introductory, quarterly and annual meetings";
        let lines = m.wrap(text, 10.0, 150.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.join(" "), text);
        assert!(lines.iter().all(|l| m.width(l, 10.0) <= 150.0));
        assert!(
            m.width("Ŵéłčőmé", 10.0) > 0.0,
            "Latin with diacritics is in the font"
        );
    }

    #[test]
    fn a_word_longer_than_a_line_is_broken_between_its_characters() {
        let metrics = metrics();
        let m = setting(&metrics);
        let word = "https://example.org/a/very/long/address/that/no/line/can/hold/whole";
        let lines = m.wrap(&format!("See {word}"), 10.0, 100.0);
        assert!(lines.len() > 2);
        assert!(lines.iter().all(|l| m.width(l, 10.0) <= 100.0));
        assert_eq!(lines[1..].concat(), word);
    }

    #[test]
    fn a_field_is_its_lines_tall_with_its_note_under_the_label() {
        let metrics = metrics();
        let m = setting(&metrics);
        let field = |lines| Entry::Field {
            label: "Goals".into(),
            note: Some("In your own words".into()),
            lines,
        };
        let sheet = Sheet {
            slug: "s".into(),
            title: "S".into(),
            meta: None,
            intro: None,
            record: Vec::new(),
            sections: vec![("A".into(), vec![field(1), field(3)])],
            sign_off: Vec::new(),
            references: Vec::new(),
        };
        let blocks = blocks(&sheet, m, m, 400.0);
        let [.., one, three] = blocks.as_slice() else {
            panic!()
        };
        assert!(matches!(one, Block::Field { beside: true, note, .. } if note.len() == 1));
        assert!(matches!(
            three,
            Block::Field {
                beside: false,
                lines: 3,
                ..
            }
        ));
        assert!(three.height() >= one.height() + 2.0 * WRITE);
    }
}

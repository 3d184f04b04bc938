//! Tables and the parts of a form in the flow: a table's columns as wide as their text asks
//! within the column, each row in bands of lines that stay together, the head drawn again on
//! each new sheet; tick boxes, labelled writing lines and tables to fill in.

use super::flow::{BODY, Flow, Kind, LEADING, Look, Op, PLAIN, Slice, TABLE, line_ops};
use super::inline::{Ink, Line};
use super::model::Inline;

/// Room around a cell's text.
const PAD: f32 = 4.0;
/// One writing line.
const WRITE: f32 = 22.0;

impl Flow<'_> {
    pub(super) fn table(
        &mut self,
        head: &[Vec<Inline>],
        rows: &[Vec<Vec<Inline>>],
        (x, width): (f32, f32),
        parent: usize,
        even: bool,
    ) {
        let columns = head.len().max(rows.iter().map(Vec::len).max().unwrap_or(0));
        if columns == 0 {
            return;
        }
        let look = Look {
            size: TABLE,
            bold: false,
            ink: Ink::Text,
        };
        let bold = Look { bold: true, ..look };
        let widths = self.widths(head, rows, columns, width, (look, bold), even);
        let id = self.tables;
        self.tables += 1;
        let table = self.node(Kind::Table, Some(parent));
        if !head.is_empty() {
            let row = self.node(Kind::Row, Some(table));
            let cells = self.cells(head, &widths, bold, row, Kind::HeadCell);
            let first = self.row(cells, (x, width), &widths, 0.9);
            for slice in &mut self.slices[first..] {
                slice.head_of = Some(id);
                slice.keep = true;
            }
        }
        for cells in rows {
            let row = self.node(Kind::Row, Some(table));
            let cells = self.cells(cells, &widths, look, row, Kind::Cell);
            let first = self.row(cells, (x, width), &widths, 0.3);
            for slice in &mut self.slices[first..] {
                slice.table = Some(id);
            }
        }
    }

    /// Each column's width: what its text asks for, shared out to fill `width`.
    fn widths(
        &self,
        head: &[Vec<Inline>],
        rows: &[Vec<Vec<Inline>>],
        columns: usize,
        width: f32,
        (look, bold): (Look, Look),
        even: bool,
    ) -> Vec<f32> {
        // A table to fill in shares the width out evenly, as far as its headings allow.
        let share = if even { width / columns as f32 } else { 0.0 };
        let mut natural = vec![share.max(2.0 * PAD); columns];
        let mut least = vec![2.0 * PAD; columns];
        let all = std::iter::once((head, bold)).chain(rows.iter().map(|r| (r.as_slice(), look)));
        for (cells, look) in all {
            let setting = self.setting(look);
            for (c, cell) in cells.iter().enumerate().take(columns) {
                let (nat, word) = setting.measure(cell);
                natural[c] = natural[c].max(nat + 2.0 * PAD);
                least[c] = least[c].max(word + 2.0 * PAD);
            }
        }
        let (sum_nat, sum_least): (f32, f32) = (natural.iter().sum(), least.iter().sum());
        if sum_nat <= width {
            return natural.iter().map(|n| n * width / sum_nat).collect();
        }
        if sum_least < width {
            let share = (width - sum_least) / (sum_nat - sum_least);
            return least
                .iter()
                .zip(&natural)
                .map(|(l, n)| l + (n - l) * share)
                .collect();
        }
        least.iter().map(|l| l * width / sum_least).collect()
    }

    fn cells(
        &mut self,
        cells: &[Vec<Inline>],
        widths: &[f32],
        look: Look,
        row: usize,
        kind: Kind,
    ) -> Vec<(Vec<Line>, usize)> {
        widths
            .iter()
            .enumerate()
            .map(|(c, w)| {
                let node = self.node(kind.clone(), Some(row));
                let inlines = cells.get(c).map(Vec::as_slice).unwrap_or(&[]);
                (self.set(inlines, look, w - 2.0 * PAD), node)
            })
            .collect()
    }

    /// A row's cells as bands of one line each (every band but the last stays with the
    /// next), a rule of `rule` points under it. Returns its first slice.
    fn row(
        &mut self,
        cells: Vec<(Vec<Line>, usize)>,
        (x, width): (f32, f32),
        widths: &[f32],
        rule: f32,
    ) -> usize {
        let first = self.slices.len();
        let bands = cells
            .iter()
            .map(|(lines, _)| lines.len())
            .max()
            .unwrap_or(1)
            .max(1);
        let band = TABLE * LEADING;
        let mut columns: Vec<_> = cells
            .into_iter()
            .map(|(lines, node)| (lines.into_iter(), node))
            .collect();
        for b in 0..bands {
            let top = if b == 0 { PAD } else { 0.0 };
            let bottom = if b + 1 == bands { PAD } else { 0.0 };
            let mut ops = Vec::new();
            let mut left = x;
            for ((lines, node), w) in columns.iter_mut().zip(widths) {
                if let Some(line) = lines.next() {
                    let mut line_ops = line_ops(line, left + PAD, TABLE, *node);
                    for op in &mut line_ops {
                        if let Op::Text { y, .. } = op {
                            *y += top;
                        }
                    }
                    ops.extend(line_ops);
                }
                left += w;
            }
            let height = band + top + bottom;
            if b + 1 == bands {
                ops.push(Op::Line {
                    from: (x, height),
                    to: (x + width, height),
                    ink: if rule > 0.5 { Ink::Text } else { Ink::Muted },
                    width: rule,
                });
            }
            self.push(Slice {
                height,
                keep: b + 1 < bands,
                ops,
                ..Slice::default()
            });
        }
        first
    }

    /// A checklist item: its box, its text and its note.
    pub(super) fn tick(
        &mut self,
        text: &[Inline],
        note: Option<&[Inline]>,
        (x, width): (f32, f32),
        parent: usize,
    ) {
        let item = self.node(Kind::P, Some(parent));
        let first = self.text(text, PLAIN, (x + 16.0, width - 16.0), item);
        let size = 8.0;
        let top = BODY * 1.1 - size;
        self.slices[first].ops.push(Op::Box {
            rect: (x + 1.0, top, size, size),
        });
        if let Some(note) = note {
            self.keep_from(first);
            let node = self.node(Kind::P, Some(parent));
            let look = Look {
                size: 9.0,
                bold: false,
                ink: Ink::Muted,
            };
            self.text(note, look, (x + 16.0, width - 16.0), node);
        }
    }

    /// A field: its label, its note and `lines` lines to write on.
    pub(super) fn field(
        &mut self,
        label: &[Inline],
        note: Option<&[Inline]>,
        lines: usize,
        (x, width): (f32, f32),
        parent: usize,
    ) {
        let node = self.node(Kind::P, Some(parent));
        let first = self.text(
            label,
            Look {
                bold: true,
                ..PLAIN
            },
            (x, width),
            node,
        );
        if let Some(note) = note {
            let node = self.node(Kind::P, Some(parent));
            self.text(
                note,
                Look {
                    size: 9.0,
                    bold: false,
                    ink: Ink::Muted,
                },
                (x, width),
                node,
            );
        }
        self.keep_from(first);
        for i in 0..lines.max(1) {
            let ops = vec![Op::Line {
                from: (x, WRITE),
                to: (x + width, WRITE),
                ink: Ink::Muted,
                width: 0.5,
            }];
            self.push(Slice {
                height: WRITE,
                keep: i + 1 < lines.min(3),
                ops,
                ..Slice::default()
            });
        }
    }

    /// A table to fill in: its columns' names over empty rows, ruled.
    pub(super) fn fill_in(
        &mut self,
        columns: &[String],
        rows: usize,
        (x, width): (f32, f32),
        parent: usize,
    ) {
        let head: Vec<Vec<Inline>> = columns
            .iter()
            .map(|c| vec![Inline::plain(c.clone())])
            .collect();
        let id = self.tables;
        self.table(&head, &[], (x, width), parent, true);
        let widths = {
            let look = Look {
                size: TABLE,
                bold: false,
                ink: Ink::Text,
            };
            self.widths(
                &head,
                &[],
                columns.len(),
                width,
                (look, Look { bold: true, ..look }),
                true,
            )
        };
        for _ in 0..rows {
            let mut ops = vec![Op::Line {
                from: (x, WRITE),
                to: (x + width, WRITE),
                ink: Ink::Muted,
                width: 0.5,
            }];
            let mut left = x;
            for w in &widths[..widths.len().saturating_sub(1)] {
                left += w;
                ops.push(Op::Line {
                    from: (left, 0.0),
                    to: (left, WRITE),
                    ink: Ink::Muted,
                    width: 0.5,
                });
            }
            self.push(Slice {
                height: WRITE,
                ops,
                table: Some(id),
                ..Slice::default()
            });
        }
    }
}

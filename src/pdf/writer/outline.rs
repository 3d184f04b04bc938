//! The outline (bookmarks): marks nested by level, each leading to its place; closed, so a
//! reader opens on the chapters.

use pdf_writer::{Finish, Pdf, Ref, TextStr};

use super::Refs;

/// One bookmark: its level (1 for the outermost), title, page and height there (PDF's y).
pub struct Mark {
    pub level: u8,
    pub title: String,
    pub page: Ref,
    pub top: f32,
}

/// Writes `marks` as the outline `root`.
pub fn write(pdf: &mut Pdf, refs: &mut Refs, root: Ref, marks: &[Mark]) {
    // Each mark's parent, found with a stack of the open levels.
    let mut parents: Vec<Option<usize>> = Vec::with_capacity(marks.len());
    let mut open: Vec<usize> = Vec::new();
    for (i, mark) in marks.iter().enumerate() {
        while open.last().is_some_and(|&o| marks[o].level >= mark.level) {
            open.pop();
        }
        parents.push(open.last().copied());
        open.push(i);
    }
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); marks.len()];
    let mut top = Vec::new();
    // Each mark's place among its siblings.
    let mut at = vec![0; marks.len()];
    for (i, parent) in parents.iter().enumerate() {
        let row = match parent {
            Some(p) => &mut children[*p],
            None => &mut top,
        };
        at[i] = row.len();
        row.push(i);
    }
    let first = refs.block(marks.len());
    let item = |i: usize| Ref::new(first.get() + i as i32);
    for (i, mark) in marks.iter().enumerate() {
        let mut o = pdf.outline_item(item(i));
        o.title(TextStr(&mark.title))
            .parent(parents[i].map_or(root, item));
        let row = match parents[i] {
            Some(p) => &children[p],
            None => &top,
        };
        if at[i] > 0 {
            o.prev(item(row[at[i] - 1]));
        }
        if let Some(&n) = row.get(at[i] + 1) {
            o.next(item(n));
        }
        if let (Some(&f), Some(&l)) = (children[i].first(), children[i].last()) {
            o.first(item(f))
                .last(item(l))
                .count(-(children[i].len() as i32));
        }
        o.dest().page(mark.page).xyz(0.0, mark.top, None);
        o.finish();
    }
    let mut o = pdf.outline(root);
    if let (Some(&f), Some(&l)) = (top.first(), top.last()) {
        o.first(item(f)).last(item(l)).count(top.len() as i32);
    }
    o.finish();
}

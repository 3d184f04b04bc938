//! The flow cut into sheets: slices placed top to bottom, a slice that must stay with the
//! next moved on with it when they do not fit together (unless they fill a sheet alone), a
//! table's head drawn again above its rows on a new sheet, and chapters on new sheets.

use std::collections::HashMap;

use super::flow::Slice;

/// One sheet: its slices with their tops in the text column, and whether each is a copy
/// (a table's head drawn again: not content).
#[derive(Debug, Default)]
pub struct Sheet {
    pub placed: Vec<(f32, usize, bool)>,
}

impl Sheet {
    /// The chapter of the sheet's first slice, and whether the chapter opens on it.
    pub fn chapter(&self, slices: &[Slice]) -> (Option<usize>, bool) {
        match self.placed.first() {
            Some((_, i, _)) => {
                let slice = &slices[*i];
                let opens = slice.outline.as_ref().is_some_and(|(level, _)| *level == 1);
                (slice.chapter, opens)
            }
            None => (None, false),
        }
    }
}

/// Places `slices` on sheets whose text column is `height` tall.
pub fn paginate(slices: &[Slice], height: f32) -> Vec<Sheet> {
    let mut sheets = vec![Sheet::default()];
    let mut y = 0.0;
    let mut heads: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, slice) in slices.iter().enumerate() {
        if let Some(t) = slice.head_of {
            heads.entry(t).or_default().push(i);
        }
    }
    let mut i = 0;
    while i < slices.len() {
        let slice = &slices[i];
        let sheet = sheets.last_mut().expect("one sheet at least");
        let empty = sheet.placed.is_empty();
        let space = if empty { 0.0 } else { slice.space };
        let needed = space + kept_height(slices, i, height);
        let fits_alone = kept_height(slices, i, height) <= height;
        let breaks = slice.new_sheet && !empty
            || !empty && y + needed > height && (fits_alone || y + space + slice.height > height);
        if breaks {
            sheets.push(Sheet::default());
            y = 0.0;
            // A table's rows on a new sheet are read under their head.
            if let Some(head) = slice.table.and_then(|t| heads.get(&t)) {
                let sheet = sheets.last_mut().expect("just pushed");
                for &h in head {
                    sheet.placed.push((y, h, true));
                    y += slices[h].height;
                }
            }
            continue;
        }
        let sheet = sheets.last_mut().expect("one sheet at least");
        y += space;
        sheet.placed.push((y, i, false));
        y += slice.height;
        i += 1;
    }
    sheets
}

/// The height of the slices from `i` that must stay together (each keeps with the next),
/// counted no further than a sheet.
fn kept_height(slices: &[Slice], i: usize, height: f32) -> f32 {
    let mut total = slices[i].height;
    let mut j = i;
    while slices[j].keep && j + 1 < slices.len() && total <= height {
        j += 1;
        if slices[j].new_sheet {
            break;
        }
        total += slices[j].space + slices[j].height;
    }
    total
}

/// Where each anchor is: its sheet (from 0) and its top in the column.
pub fn anchors(slices: &[Slice], sheets: &[Sheet]) -> HashMap<String, (usize, f32)> {
    let mut found = HashMap::new();
    for (s, sheet) in sheets.iter().enumerate() {
        for &(y, i, copy) in &sheet.placed {
            if copy {
                continue;
            }
            for anchor in &slices[i].anchors {
                found.entry(anchor.clone()).or_insert((s, y));
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slice(height: f32, keep: bool) -> Slice {
        Slice {
            height,
            keep,
            ..Slice::default()
        }
    }

    #[test]
    fn kept_slices_move_on_together_and_table_heads_repeat() {
        let mut slices = vec![slice(80.0, false), slice(10.0, true), slice(15.0, false)];
        // The heading (keep) and its line do not fit under the first slice: both move on.
        let sheets = paginate(&slices, 100.0);
        assert_eq!(sheets.len(), 2);
        assert_eq!(
            sheets[1].placed.iter().map(|p| p.1).collect::<Vec<_>>(),
            [1, 2]
        );
        slices = vec![
            Slice {
                head_of: Some(0),
                keep: true,
                ..slice(10.0, true)
            },
            Slice {
                table: Some(0),
                ..slice(50.0, false)
            },
            Slice {
                table: Some(0),
                ..slice(50.0, false)
            },
        ];
        let sheets = paginate(&slices, 100.0);
        assert_eq!(sheets[1].placed, [(0.0, 0, true), (10.0, 2, false)]);
        // A chain taller than a sheet is broken where the sheet ends.
        let tall: Vec<Slice> = (0..30).map(|_| slice(10.0, true)).collect();
        assert_eq!(paginate(&tall, 100.0).len(), 3);
    }
}

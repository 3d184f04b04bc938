//! Placing a sheet's blocks on pages: a block goes whole to the next page when it does not
//! fit the space left; one taller than a page is split between its lines, from where it
//! falls; a heading stays with what follows; a table's header is repeated when its rows go
//! on to a new page.

use super::layout::{self, BODY, Block, CONTENTS, HEADING, META, REFERENCES, SMALL, TITLE};

/// Places blocks on pages of `height` points of text.
pub fn paginate(blocks: Vec<Block>, height: f32) -> Vec<Vec<Block>> {
    let mut pages = Pages {
        pages: vec![Vec::new()],
        used: 0.0,
        height,
        header: None,
    };
    let mut queue: std::collections::VecDeque<Block> = blocks.into();
    let mut signing = false;
    while let Some(block) = queue.pop_front() {
        let mut need = block.height();
        if block.keep_with_next()
            && let Some(next) = queue.front()
        {
            need += first_piece(next, height);
        }
        // The signature blocks go together, and never alone on a sheet.
        let first_signature = matches!(block, Block::SignOff(_)) && !signing;
        signing = matches!(block, Block::SignOff(_));
        if first_signature {
            need += queue
                .iter()
                .take_while(|b| matches!(b, Block::SignOff(_)))
                .map(Block::height)
                .sum::<f32>();
        }
        if pages.used + need > height && pages.used > 0.0 {
            // A block taller than any page starts where it falls; any other moves on whole.
            if block.height() > height
                && let Some((head, rest)) = split(&block, height - pages.used)
            {
                pages.push(head);
                pages.new_page(&rest);
                queue.push_front(rest);
                continue;
            }
            let company = match first_signature {
                true => pages.take_company(height - need),
                false => Vec::new(),
            };
            pages.new_page(&block);
            for b in company {
                pages.push(b);
            }
        }
        if block.height() > height - pages.used
            && let Some((head, rest)) = split(&block, height - pages.used)
        {
            pages.push(head);
            pages.new_page(&rest);
            queue.push_front(rest);
            continue;
        }
        if matches!(block, Block::Row { header: true, .. }) {
            pages.header = Some(block.clone());
        }
        pages.push(block);
    }
    pages.pages
}

struct Pages {
    pages: Vec<Vec<Block>>,
    used: f32,
    height: f32,
    /// The header of the last table begun, repeated over its rows on a new page.
    header: Option<Block>,
}

impl Pages {
    fn push(&mut self, block: Block) {
        self.used += block.height();
        self.pages.last_mut().expect("a page").push(block);
    }

    /// The last block of the page (with a heading before it) to go on with the signature
    /// blocks, when it fits in `room` and leaves something on the page.
    fn take_company(&mut self, room: f32) -> Vec<Block> {
        let page = self.pages.last_mut().expect("a page");
        let mut n = 1;
        if page.len() > 2 && page[page.len() - 2].keep_with_next() {
            n = 2;
        }
        let height: f32 = page[page.len().saturating_sub(n)..]
            .iter()
            .map(Block::height)
            .sum();
        if page.len() <= n || height > room || matches!(page.last(), Some(Block::Row { .. })) {
            return Vec::new();
        }
        self.used -= height;
        page.split_off(page.len() - n)
    }

    /// Starts a new page for `next`, with its table's header first when it is a table row.
    fn new_page(&mut self, next: &Block) {
        self.pages.push(Vec::new());
        self.used = 0.0;
        if let (
            Block::Row {
                header: false,
                table,
                ..
            },
            Some(h),
        ) = (next, &self.header)
            && matches!(h, Block::Row { table: t, .. } if t == table)
        {
            let h = h.clone();
            self.push(h);
        }
        debug_assert!(self.height > 0.0);
    }
}

/// The height of the first piece `block` would be split into (all of it when it is never
/// split).
fn first_piece(block: &Block, page: f32) -> f32 {
    if block.height() <= page {
        return block.height();
    }
    let mut room = 0.0;
    while room < page {
        room += BODY;
        if let Some((head, _)) = split(block, room) {
            return head.height();
        }
    }
    block.height()
}

/// How many of `n` lines of `line` points, under `pad` points of space, fit in `room`;
/// `None` unless it is at least one and fewer than all.
fn fitting(n: usize, line: f32, pad: f32, room: f32) -> Option<usize> {
    let k = ((room - pad) / line).floor();
    (k >= 1.0 && (k as usize) < n).then_some(k as usize)
}

/// `block` cut between two of its lines so that the first part fits in `room`; `None` when
/// it cannot be cut there (too little room, or a block that is never split).
pub fn split(block: &Block, room: f32) -> Option<(Block, Block)> {
    let cut = |l: &[String], size: f32, pad: f32| {
        let k = fitting(l.len(), size * layout::LEADING, pad, room)?;
        Some((l[..k].to_vec(), l[k..].to_vec()))
    };
    Some(match block {
        Block::Title(l) => pair(cut(l, TITLE, layout::PAD_TITLE)?, Block::Title),
        Block::Meta(l) => pair(cut(l, META, 2.0)?, Block::Meta),
        Block::Intro(l) => pair(cut(l, BODY, layout::PAD_INTRO)?, Block::Intro),
        Block::Heading(l) => pair(cut(l, HEADING, layout::PAD_HEADING)?, Block::Heading),
        Block::References(l) => pair(cut(l, REFERENCES, 12.0)?, Block::References),
        Block::Tick {
            lines,
            note,
            continued,
        } => {
            let text = layout::lines(lines.len(), BODY);
            if text + layout::PAD_TICK <= room && !note.is_empty() {
                // The text fits: the note is cut.
                let (a, b) = cut(note, SMALL, layout::PAD_TICK + text)?;
                let head = Block::Tick {
                    lines: lines.clone(),
                    note: a,
                    continued: *continued,
                };
                let rest = Block::Tick {
                    lines: Vec::new(),
                    note: b,
                    continued: true,
                };
                return Some((head, rest));
            }
            let (a, b) = cut(lines, BODY, layout::PAD_TICK)?;
            let head = Block::Tick {
                lines: a,
                note: Vec::new(),
                continued: *continued,
            };
            let rest = Block::Tick {
                lines: b,
                note: note.clone(),
                continued: true,
            };
            (head, rest)
        }
        Block::Field {
            label,
            note,
            lines,
            beside,
        } => {
            // Only a label taller than a page is cut: its lines to write on go with the rest.
            let (a, b) = cut(label, BODY, 8.0)?;
            let head = Block::Field {
                label: a,
                note: Vec::new(),
                lines: 0,
                beside: false,
            };
            let rest = Block::Field {
                label: b,
                note: note.clone(),
                lines: *lines,
                beside: *beside,
            };
            (head, rest)
        }
        Block::Contents(entries) => {
            let line = CONTENTS * layout::LEADING;
            let mut used = 30.0;
            let mut k = 0;
            while k < entries.len() && used + entries[k].0.len() as f32 * line <= room {
                used += entries[k].0.len() as f32 * line;
                k += 1;
            }
            if k == 0 || k == entries.len() {
                return None;
            }
            (
                Block::Contents(entries[..k].to_vec()),
                Block::Contents(entries[k..].to_vec()),
            )
        }
        Block::Record(_) | Block::Row { .. } | Block::SignOff(_) => return None,
    })
}

fn pair((a, b): (Vec<String>, Vec<String>), make: impl Fn(Vec<String>) -> Block) -> (Block, Block) {
    (make(a), make(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::layout::ROW;

    fn tick(n: usize) -> Block {
        Block::Tick {
            lines: vec![format!("item {n}")],
            note: Vec::new(),
            continued: false,
        }
    }

    #[test]
    fn blocks_move_on_whole_and_headings_stay_with_the_next_block() {
        let mut blocks: Vec<Block> = (0..30).map(tick).collect();
        blocks.insert(20, Block::Heading(vec!["Later".into()]));
        let per_item = tick(0).height();
        let pages = paginate(blocks, per_item * 21.5);
        assert_eq!(pages.len(), 2);
        assert_eq!(
            pages[0].len(),
            20,
            "the heading moved on with its first item"
        );
        assert!(matches!(pages[1][0], Block::Heading(_)));
    }

    #[test]
    fn a_table_continued_on_a_new_sheet_repeats_its_header() {
        let row = |header| Block::Row {
            cells: vec![vec!["Goal".into()]],
            header,
            table: 1,
        };
        let mut blocks = vec![row(true)];
        blocks.extend((0..12).map(|_| row(false)));
        let pages = paginate(blocks, ROW * 6.0);
        assert_eq!(pages.len(), 3);
        for page in &pages {
            assert!(matches!(page[0], Block::Row { header: true, .. }));
        }
    }

    #[test]
    fn an_item_taller_than_a_page_is_split_from_where_it_falls_and_every_line_kept() {
        let long = Block::Tick {
            lines: (0..500).map(|i| format!("line {i}")).collect(),
            note: vec!["a note".into()],
            continued: false,
        };
        let height = 700.0;
        let pages = paginate(vec![tick(0), long, tick(1)], height);
        assert!(pages.len() >= 10);
        let mut kept = Vec::new();
        for page in &pages {
            let used: f32 = page.iter().map(Block::height).sum();
            assert!(used <= height, "{used} > {height}");
            for block in page {
                if let Block::Tick { lines, note, .. } = block {
                    kept.extend(lines.iter().chain(note).cloned());
                }
            }
        }
        assert_eq!(kept.len(), 503, "every line of every item is placed once");
        assert!(matches!(
            &pages[0][1],
            Block::Tick {
                continued: false,
                ..
            }
        ));
        assert!(matches!(
            &pages[1][0],
            Block::Tick {
                continued: true,
                ..
            }
        ));
    }

    #[test]
    fn signature_blocks_go_on_together_and_never_alone() {
        let mut blocks: Vec<Block> = (0..10).map(tick).collect();
        blocks.push(Block::SignOff("Mentor".into()));
        blocks.push(Block::SignOff("Mentee".into()));
        let room = tick(0).height() * 10.0 + layout::SIGN_OFF * 1.5;
        let pages = paginate(blocks, room);
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].len(), 9);
        assert!(
            matches!(&pages[1][0], Block::Tick { .. }),
            "the last item went on with them"
        );
        assert!(matches!(
            &pages[1][1..],
            [Block::SignOff(_), Block::SignOff(_)]
        ));
    }

    #[test]
    fn an_item_taller_than_the_space_left_moves_to_the_next_page() {
        let item = Block::Tick {
            lines: (0..20).map(|i| format!("line {i}")).collect(),
            note: Vec::new(),
            continued: false,
        };
        let pages = paginate(vec![tick(0), tick(1), item], 300.0);
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].len(), 2);
        assert!(
            matches!(&pages[1][0], Block::Tick { continued: false, lines, .. } if lines.len() == 20)
        );
    }
}

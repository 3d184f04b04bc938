//! Lists, code and figures in the flow.

use super::flow::{BODY, CODE, Flow, INDENT, Kind, Op, Slice};
use super::inline::{FaceId, Frag, Ink};
use super::model::Block;

impl Flow<'_> {
    pub(super) fn list(
        &mut self,
        start: Option<u64>,
        items: &[Vec<Block>],
        (x, width): (f32, f32),
        parent: usize,
        shift: u8,
    ) {
        let list = self.node(Kind::List(start.is_some()), Some(parent));
        for (i, item) in items.iter().enumerate() {
            let node = self.node(Kind::Item, Some(list));
            let label = self.node(Kind::Label, Some(node));
            let body = self.node(Kind::Body, Some(node));
            let first = self.slices.len();
            self.blocks(item, (x + INDENT, width - INDENT), body, shift);
            let marker = match start {
                Some(n) => format!("{}.", n + i as u64),
                None => "•".to_string(),
            };
            let frag = Frag {
                text: marker,
                face: FaceId::Regular,
                size: BODY,
                rise: 0.0,
                ink: Ink::Muted,
                link: None,
                page: None,
            };
            if let Some(slice) = self.slices.get_mut(first) {
                let baseline = first_baseline(slice).unwrap_or(BODY);
                slice.ops.insert(
                    0,
                    Op::Text {
                        x: x + 4.0,
                        y: baseline,
                        frag,
                        node: label,
                    },
                );
                if i > 0 {
                    slice.space = slice.space.max(3.0);
                }
            }
        }
    }

    pub(super) fn code(&mut self, code: &str, (x, width): (f32, f32), parent: usize) {
        let node = self.node(Kind::Code, Some(parent));
        let mono = self.fonts.face(FaceId::Mono);
        let pad = 6.0;
        let inner = width - 2.0 * pad;
        let mut lines: Vec<String> = Vec::new();
        for source in code.split('\n') {
            let mut line = String::new();
            for c in source.chars() {
                let c = if c == '\t' { ' ' } else { c };
                line.push(c);
                if mono.width(&line, CODE) > inner {
                    line.pop();
                    lines.push(std::mem::take(&mut line));
                    line.push(c);
                }
            }
            lines.push(line);
        }
        let height = CODE * 1.35;
        let n = lines.len();
        for (i, text) in lines.into_iter().enumerate() {
            let top = if i == 0 { pad } else { 0.0 };
            let bottom = if i + 1 == n { pad } else { 0.0 };
            let h = height + top + bottom;
            let mut ops = vec![Op::Fill {
                rect: (x, 0.0, width, h),
                ink: Ink::Wash,
            }];
            if !text.is_empty() {
                let frag = Frag {
                    text,
                    face: FaceId::Mono,
                    size: CODE,
                    rise: 0.0,
                    ink: Ink::Text,
                    link: None,
                    page: None,
                };
                ops.push(Op::Text {
                    x: x + pad,
                    y: top + CODE,
                    frag,
                    node,
                });
            }
            self.push(Slice {
                height: h,
                keep: (i == 0 && n > 1) || (n > 2 && i + 2 == n),
                ops,
                ..Slice::default()
            });
        }
    }

    pub(super) fn figure(
        &mut self,
        image: &super::model::Image,
        alt: &str,
        (x, width): (f32, f32),
        parent: usize,
    ) {
        let node = self.node(Kind::Figure(alt.to_string()), Some(parent));
        let Some((index, (w, h))) = self.images.find(&image.url) else {
            return;
        };
        let scale = (width / w).min(self.max_figure / h).min(1.0);
        let (w, h) = (w * scale, h * scale);
        let left = x + (width - w) / 2.0;
        self.push(Slice {
            height: h + 8.0,
            ops: vec![Op::Image {
                rect: (left, 4.0, w, h),
                image: index,
                node,
            }],
            ..Slice::default()
        });
    }
}

/// The baseline of a slice's first line of text.
fn first_baseline(slice: &Slice) -> Option<f32> {
    slice.ops.iter().find_map(|op| match op {
        Op::Text { y, frag, .. } => Some(y + frag.rise),
        _ => None,
    })
}

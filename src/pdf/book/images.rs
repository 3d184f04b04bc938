//! The content's images, read once before the book is laid out (`pdf::picture` reads them:
//! raster images as pixels, SVG as a tree drawn as vectors; an SVG figure may show `data:`
//! images only: it reads no other file).

use super::model::{Block, Book};
use crate::pdf::picture::{Picture, read};

/// Each image by site URL, with its size in points.
#[derive(Default)]
pub struct Images {
    entries: Vec<(String, Picture, (f32, f32))>,
}

impl Images {
    /// Reads every figure of `book`; one that cannot be read is left out (its alt text is
    /// shown instead).
    pub fn read(book: &Book) -> Images {
        let mut images = Images::default();
        let mut visit = |block: &Block| {
            if let Block::Figure { image, .. } = block
                && images.find(&image.url).is_none()
                && let Some((picture, size)) = read(&image.bytes)
            {
                images.entries.push((image.url.clone(), picture, size));
            }
        };
        for chapter in &book.chapters {
            let parts = chapter.pages.iter().map(|p| &p.blocks);
            for blocks in std::iter::once(&chapter.blocks).chain(parts) {
                walk(blocks, &mut visit);
            }
        }
        images
    }

    pub fn find(&self, url: &str) -> Option<(usize, (f32, f32))> {
        let i = self.entries.iter().position(|(u, _, _)| u == url)?;
        Some((i, self.entries[i].2))
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn get(&self, index: usize) -> Option<&Picture> {
        self.entries.get(index).map(|(_, p, _)| p)
    }
}

fn walk(blocks: &[Block], visit: &mut impl FnMut(&Block)) {
    for block in blocks {
        visit(block);
        match block {
            Block::Quote(inner) => walk(inner, visit),
            Block::List { items, .. } => items.iter().for_each(|item| walk(item, visit)),
            _ => {}
        }
    }
}

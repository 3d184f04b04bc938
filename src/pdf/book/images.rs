//! The content's images, read once before the book is laid out: raster images (PNG, JPEG,
//! GIF, WebP) as krilla embeds them, SVG as a tree drawn as vectors. An SVG figure may show
//! `data:` images only: it reads no other file.

use std::sync::Arc;

use krilla::image::Image;

use super::model::{Block, Book};

pub enum Picture {
    Raster(Image),
    Svg(Box<usvg::Tree>),
}

/// Each image by site URL, with its size in points.
#[derive(Default)]
pub struct Images {
    entries: Vec<(String, Picture, (f32, f32))>,
}

/// CSS pixels to points.
const PX: f32 = 0.75;

impl Images {
    /// Reads every figure of `book`; one that cannot be read is left out (its alt text is
    /// shown instead).
    pub fn read(book: &Book) -> Images {
        let mut images = Images::default();
        let mut visit = |block: &Block| {
            if let Block::Figure { image, .. } = block
                && images.find(&image.url).is_none()
                && let Some((picture, size)) = picture(&image.bytes)
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

fn picture(bytes: &Arc<Vec<u8>>) -> Option<(Picture, (f32, f32))> {
    let data: krilla::Data = bytes.clone().into();
    use crate::pdf::Raster;
    let raster = match Raster::of(bytes) {
        Some(Raster::Png) => Image::from_png(data, true).ok(),
        Some(Raster::Jpeg) => Image::from_jpeg(data, true).ok(),
        Some(Raster::Gif) => Image::from_gif(data, true).ok(),
        Some(Raster::Webp) => Image::from_webp(data, true).ok(),
        None => {
            let text = std::str::from_utf8(bytes).ok()?;
            let tree = usvg::Tree::from_str(text, &crate::pdf::draw::svg_options(&[])).ok()?;
            let size = tree.size();
            let size = (size.width() * PX, size.height() * PX);
            return Some((Picture::Svg(Box::new(tree)), size));
        }
    }?;
    let (w, h) = raster.size();
    Some((Picture::Raster(raster), (w as f32 * PX, h as f32 * PX)))
}

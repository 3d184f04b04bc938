//! The images a book shows, as PDF XObjects written with pdf-writer (the book's own writer
//! replaces krilla): a raster image (PNG, JPEG, GIF, WebP) becomes an Image XObject, an SVG a
//! Form XObject drawn as vectors, or, when it uses what plain vectors cannot show (gradients,
//! clip paths, masks, filters, images, blend modes), an Image XObject rasterized by resvg.
//!
//! Every XObject fills the unit square of the space it is drawn in, upright, so a page places
//! one with `q w 0 0 h x y cm /Name Do Q`. Colours are device RGB or gray: ICC profiles and
//! EXIF orientation are not read. Output bytes depend on the input only.

use std::io::Write;
use std::sync::Arc;

use flate2::Compression;
use flate2::write::ZlibEncoder;
use pdf_writer::{Chunk, Ref};

mod raster;
mod svg;
#[cfg(test)]
mod tests;

pub use raster::Raster;
use raster::{gif, image_xobject, jpeg, png, webp};
use svg::{Canvas, Form, is_plain, rasterize};

/// CSS pixels to points.
const PX: f32 = 0.75;

/// An image as read: written as an XObject wherever the book shows it.
pub enum Picture {
    Raster(Raster),
    Svg(Box<usvg::Tree>),
}

/// Reads an image file's bytes (PNG, JPEG, GIF, WebP told by `crate::pdf::Raster::of`, else SVG
/// text parsed with `crate::pdf::draw::svg_options(&[])`): the picture and its size in points
/// (CSS pixels × 0.75, as images.rs does). None when it cannot be read.
pub fn read(bytes: &Arc<Vec<u8>>) -> Option<(Picture, (f32, f32))> {
    use super::Raster as Format;
    let raster = match Format::of(bytes) {
        Some(Format::Png) => png(bytes),
        Some(Format::Jpeg) => jpeg(bytes),
        Some(Format::Gif) => gif(bytes),
        Some(Format::Webp) => webp(bytes),
        None => {
            let text = std::str::from_utf8(bytes).ok()?;
            let tree = usvg::Tree::from_str(text, &super::draw::svg_options(&[])).ok()?;
            let size = tree.size();
            let size = (size.width() * PX, size.height() * PX);
            return Some((Picture::Svg(Box::new(tree)), size));
        }
    }?;
    let size = (raster.width as f32 * PX, raster.height as f32 * PX);
    Some((Picture::Raster(raster), size))
}

/// Writes `picture` into `chunk` as an XObject, taking new object numbers from `next` (call
/// `next()` for each Ref you need), and returns the XObject's Ref.
/// Convention: the XObject fills the unit square [0,1]×[0,1] of the space it is drawn in,
/// upright (PDF space: y up), so a page draws it with `q w 0 0 h x y cm /Name Do Q` where
/// (x, y) is its bottom-left corner.
pub fn xobject(picture: &Picture, chunk: &mut Chunk, next: &mut impl FnMut() -> Ref) -> Ref {
    match picture {
        Picture::Raster(raster) => image_xobject(raster, chunk, next),
        Picture::Svg(tree) => svg_xobject(tree, chunk, next),
    }
}

/// Writes an SVG tree as `xobject` writes a picture: a Form XObject of vectors when
/// `is_plain`, else an Image XObject that resvg rasterizes.
pub fn svg_xobject(tree: &usvg::Tree, chunk: &mut Chunk, next: &mut impl FnMut() -> Ref) -> Ref {
    if !is_plain(tree.root())
        && let Some(raster) = rasterize(tree)
    {
        return image_xobject(&raster, chunk, next);
    }
    let id = next();
    let mut canvas = Canvas::new();
    canvas.draw_children(tree.root(), chunk, next);
    canvas.finish(chunk, id, Form::Picture(tree.size()));
    id
}

/// Deflates a stream at level 6: zlib's default and krilla's, so the book's images take the
/// room they took; `fast()` would save little time on images read once and make them larger.
fn deflate(data: &[u8]) -> Vec<u8> {
    let mut encoder = ZlibEncoder::new(Vec::new(), Compression::new(6));
    encoder
        .write_all(data)
        .and_then(|()| encoder.finish())
        .expect("writing into memory does not fail")
}

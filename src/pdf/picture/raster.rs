//! Raster images for `pdf::picture`: PNG, JPEG, GIF and WebP decoded (a JPEG kept as is when
//! a reader's DCT decoder shows it right) to the samples an Image XObject holds, and that
//! XObject written, with the alpha channel as its soft mask (SMask).

use std::borrow::Cow;
use std::io::Cursor;
use std::sync::Arc;

use pdf_writer::{Chunk, Filter, Ref};
use zune_jpeg::JpegDecoder;
use zune_jpeg::zune_core::bytestream::ZCursor;
use zune_jpeg::zune_core::colorspace::ColorSpace;
use zune_jpeg::zune_core::options::DecoderOptions;

use super::deflate;

/// A raster image as its PDF streams hold it: a JPEG file as is, other formats' pixels
/// deflated, and the alpha channel, deflated, only when some pixel is not opaque.
pub struct Raster {
    pub(super) width: i32,
    pub(super) height: i32,
    pub(super) space: Space,
    pub(super) samples: Samples,
    pub(super) alpha: Option<Vec<u8>>,
}

/// The colour space of a raster's samples.
#[derive(Clone, Copy)]
pub(super) enum Space {
    Gray,
    Rgb,
    /// CMYK as Adobe's applications write it in a JPEG: inverted.
    InvertedCmyk,
}

pub(super) enum Samples {
    /// A JPEG file, shown by the reader's DCT decoder.
    Dct(Arc<Vec<u8>>),
    /// 8-bit samples, deflated.
    Flate(Vec<u8>),
}

/// How decoded pixels are laid out, 8 bits a sample.
#[derive(Clone, Copy)]
pub(super) enum Layout {
    Gray,
    GrayAlpha,
    Rgb,
    Rgba,
}

impl Layout {
    /// Colour samples a pixel (alpha aside).
    pub(super) fn colors(self) -> usize {
        match self {
            Layout::Gray | Layout::GrayAlpha => 1,
            Layout::Rgb | Layout::Rgba => 3,
        }
    }

    pub(super) fn has_alpha(self) -> bool {
        matches!(self, Layout::GrayAlpha | Layout::Rgba)
    }
}

pub(super) fn png(bytes: &[u8]) -> Option<Raster> {
    let mut decoder = png::Decoder::new(Cursor::new(bytes));
    // Palettes and transparency chunks become RGB(A), 16-bit samples 8-bit.
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().ok()?;
    let mut pixels = vec![0; reader.output_buffer_size()?];
    let frame = reader.next_frame(&mut pixels).ok()?;
    let layout = match frame.color_type {
        png::ColorType::Grayscale => Layout::Gray,
        png::ColorType::GrayscaleAlpha => Layout::GrayAlpha,
        png::ColorType::Rgb => Layout::Rgb,
        png::ColorType::Rgba => Layout::Rgba,
        png::ColorType::Indexed => return None,
    };
    let pixels = pixels.get(..frame.buffer_size())?;
    from_pixels(frame.width, frame.height, layout, pixels)
}

/// A JPEG file goes into the PDF as is when a reader's DCT decoder shows it as a browser does:
/// gray, YCbCr, or CMYK marked as Adobe's (inverted). Any other is decoded to RGB pixels.
pub(super) fn jpeg(bytes: &Arc<Vec<u8>>) -> Option<Raster> {
    let mut decoder = JpegDecoder::new(ZCursor::new(bytes.as_slice()));
    decoder.decode_headers().ok()?;
    let info = decoder.info()?;
    let (width, height) = (u32::from(info.width), u32::from(info.height));
    let space = match (info.components, decoder.input_colorspace()?) {
        (1, ColorSpace::Luma) => Some(Space::Gray),
        (3, ColorSpace::YCbCr) => Some(Space::Rgb),
        (4, ColorSpace::CMYK | ColorSpace::YCCK) if adobe_marker(bytes) => {
            Some(Space::InvertedCmyk)
        }
        _ => None,
    };
    if let Some(space) = space
        && width > 0
        && height > 0
    {
        return Some(Raster {
            width: width.try_into().ok()?,
            height: height.try_into().ok()?,
            space,
            samples: Samples::Dct(bytes.clone()),
            alpha: None,
        });
    }
    decoder.set_options(DecoderOptions::default().jpeg_set_out_colorspace(ColorSpace::RGB));
    let pixels = decoder.decode().ok()?;
    from_pixels(width, height, Layout::Rgb, &pixels)
}

/// Whether a JPEG has Adobe's APP14 segment, whose CMYK samples are stored inverted.
fn adobe_marker(bytes: &[u8]) -> bool {
    let mut at = 2; // after SOI
    while let Some(&[0xFF, marker, high, low]) = bytes.get(at..at + 4) {
        // Start of scan or end of image: the segments that could say so are all read.
        if marker == 0xDA || marker == 0xD9 {
            return false;
        }
        if marker == 0xEE && bytes.get(at + 4..at + 9) == Some(b"Adobe") {
            return true;
        }
        at += 2 + usize::from(u16::from_be_bytes([high, low]));
    }
    false
}

/// The first frame, on its logical screen (a frame may cover part of it; the rest is clear).
pub(super) fn gif(bytes: &[u8]) -> Option<Raster> {
    let mut options = gif::DecodeOptions::new();
    options.set_color_output(gif::ColorOutput::RGBA);
    let mut decoder = options.read_info(bytes).ok()?;
    let (width, height) = (usize::from(decoder.width()), usize::from(decoder.height()));
    let frame = decoder.read_next_frame().ok()??;
    let mut screen = vec![0; width.checked_mul(height)?.checked_mul(4)?];
    let (left, top) = (usize::from(frame.left), usize::from(frame.top));
    let row = usize::from(frame.width) * 4;
    let shown = usize::from(frame.width).min(width.saturating_sub(left)) * 4;
    for y in 0..usize::from(frame.height).min(height.saturating_sub(top)) {
        let from = frame.buffer.get(y * row..)?.get(..shown)?;
        let at = ((top + y) * width + left) * 4;
        screen.get_mut(at..at + shown)?.copy_from_slice(from);
    }
    from_pixels(width as u32, height as u32, Layout::Rgba, &screen)
}

/// An animated WebP shows its first frame.
pub(super) fn webp(bytes: &[u8]) -> Option<Raster> {
    let mut decoder = image_webp::WebPDecoder::new(Cursor::new(bytes)).ok()?;
    let (width, height) = decoder.dimensions();
    let layout = if decoder.has_alpha() {
        Layout::Rgba
    } else {
        Layout::Rgb
    };
    let mut pixels = vec![0; decoder.output_buffer_size()?];
    decoder.read_image(&mut pixels).ok()?;
    from_pixels(width, height, layout, &pixels)
}

/// Splits decoded pixels into colour samples and alpha, keeping the alpha only when some pixel
/// is not opaque, and deflates them. None when the pixels do not fill `width` × `height`.
pub(super) fn from_pixels(
    width: u32,
    height: u32,
    layout: Layout,
    pixels: &[u8],
) -> Option<Raster> {
    let count = usize::try_from(width)
        .ok()?
        .checked_mul(usize::try_from(height).ok()?)?;
    let channels = layout.colors() + usize::from(layout.has_alpha());
    if count == 0 || pixels.len() != count.checked_mul(channels)? {
        return None;
    }
    let (color, alpha) = if layout.has_alpha() {
        let pixels = pixels.chunks_exact(channels);
        let color: Vec<u8> = pixels
            .clone()
            .flat_map(|p| &p[..layout.colors()])
            .copied()
            .collect();
        let alpha: Vec<u8> = pixels.map(|p| p[layout.colors()]).collect();
        let translucent = alpha.iter().any(|&a| a < u8::MAX);
        (Cow::Owned(color), translucent.then(|| deflate(&alpha)))
    } else {
        (Cow::Borrowed(pixels), None)
    };
    Some(Raster {
        width: width.try_into().ok()?,
        height: height.try_into().ok()?,
        space: if layout.colors() == 1 {
            Space::Gray
        } else {
            Space::Rgb
        },
        samples: Samples::Flate(deflate(&color)),
        alpha,
    })
}

/// An Image XObject, with its alpha as a soft mask.
pub(super) fn image_xobject(
    raster: &Raster,
    chunk: &mut Chunk,
    next: &mut impl FnMut() -> Ref,
) -> Ref {
    let id = next();
    let mask = raster.alpha.as_ref().map(|alpha| {
        let mask = next();
        let mut image = chunk.image_xobject(mask, alpha);
        image.filter(Filter::FlateDecode);
        image.width(raster.width).height(raster.height);
        image.bits_per_component(8).interpolate(true);
        image.color_space().device_gray();
        mask
    });
    let (data, filter) = match &raster.samples {
        Samples::Dct(bytes) => (bytes.as_slice(), Filter::DctDecode),
        Samples::Flate(bytes) => (bytes.as_slice(), Filter::FlateDecode),
    };
    let mut image = chunk.image_xobject(id, data);
    image.filter(filter);
    image.width(raster.width).height(raster.height);
    image.bits_per_component(8).interpolate(true);
    match raster.space {
        Space::Gray => image.color_space().device_gray(),
        Space::Rgb => image.color_space().device_rgb(),
        Space::InvertedCmyk => {
            image.color_space().device_cmyk();
            image.decode([1.0, 0.0].repeat(4));
        }
    }
    if let Some(mask) = mask {
        image.s_mask(mask);
    }
    id
}

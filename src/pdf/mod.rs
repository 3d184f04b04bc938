//! Checklists as PDF, made by `handbook` itself with no browser: one file per checklist
//! (`/downloads/<slug>.pdf`) and a pack of all of them with a contents page
//! (`/downloads/checklists.pdf`).
//!
//! krilla writes the PDF (fonts embedded and subset, text selectable, a tag tree for
//! screen readers, metadata); the layout here is small because a checklist is a column of
//! blocks (headings, items, lines to write on, table rows): `sheet` turns a checklist into
//! those blocks, `layout` measures them, `paginate` places them on pages (splitting only a
//! block taller than a page) and `paint` draws them.
//! The font is the theme's (Noto Sans in the default theme), so output is identical on
//! every machine.

pub mod book;
mod draw;
mod face;
mod layout;
mod marks;
mod metrics;
mod paginate;
mod paint;
pub mod picture;
mod sheet;
mod tags;
mod text;
pub mod writer;

use std::sync::{Arc, OnceLock};

pub use sheet::Sheet;

use crate::color::Rgb;
use crate::config::Paper;

/// Where the PDFs are published.
pub const DOWNLOADS: &str = "downloads";
/// The pack's file name (without `.pdf`); no checklist may have this slug.
pub const PACK: &str = "checklists";
/// The handbook's PDF's file name (without `.pdf`); no checklist may have this slug.
pub const BOOK: &str = "handbook";

/// The site path of a checklist's PDF, or of the pack.
pub fn path(slug: &str) -> String {
    format!("{DOWNLOADS}/{slug}.pdf")
}

/// The fallback faces, by file name in a theme's `fonts/` (without the extension): the
/// scripts the theme's regular and bold faces lack are set in them, in this order.
pub const FALLBACK_FACES: &[&str] = &["NotoNaskhArabic-Regular", "NotoSansHebrew-Regular"];

/// The regular and bold faces and the fallback faces, as font files, with their measures
/// read once; the italic and monospaced faces set emphasis and code in the handbook's PDF.
#[derive(Clone)]
pub struct FontFiles {
    pub regular: Arc<Vec<u8>>,
    pub bold: Arc<Vec<u8>>,
    pub italic: Arc<Vec<u8>>,
    pub mono: Arc<Vec<u8>>,
    /// One per name of `FALLBACK_FACES` (empty bytes: that face is missing).
    pub fallbacks: Vec<Arc<Vec<u8>>>,
    measures: Arc<OnceLock<Result<Measures, String>>>,
}

/// The faces' measures.
struct Measures {
    regular: metrics::Metrics,
    bold: metrics::Metrics,
    italic: metrics::Metrics,
    mono: metrics::Metrics,
    fallbacks: Vec<text::Fallback>,
}

impl Measures {
    /// Whether the PDFs can draw `c`: the regular face or a fallback has it, or it is never
    /// drawn.
    fn covers(&self, c: char) -> bool {
        self.regular.has(c)
            || c.is_whitespace()
            || c.is_control()
            || metrics::ignorable(c)
            || self.fallbacks.iter().any(|f| f.metrics.has(c))
    }
}

impl FontFiles {
    /// The faces: regular, bold, italic and monospaced, then the fallbacks.
    pub fn new(faces: [Arc<Vec<u8>>; 4], fallbacks: Vec<Arc<Vec<u8>>>) -> FontFiles {
        let [regular, bold, italic, mono] = faces;
        FontFiles {
            regular,
            bold,
            italic,
            mono,
            fallbacks,
            measures: Arc::default(),
        }
    }

    fn measures(&self) -> Result<&Measures, String> {
        self.measures
            .get_or_init(|| {
                let fallbacks = self
                    .fallbacks
                    .iter()
                    .filter(|data| !data.is_empty())
                    .map(|data| {
                        Ok(text::Fallback {
                            metrics: metrics::Metrics::new(data)?,
                            data: data.clone(),
                        })
                    })
                    .collect::<Result<_, String>>()?;
                Ok(Measures {
                    regular: metrics::Metrics::new(&self.regular)?,
                    bold: metrics::Metrics::new(&self.bold)?,
                    italic: metrics::Metrics::new(&self.italic)?,
                    mono: metrics::Metrics::new(&self.mono)?,
                    fallbacks,
                })
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The characters of `text` the PDFs cannot draw, in order, repeats kept: those no face
    /// has, the regular face nor a fallback, and that are drawn (not white space, bidi
    /// controls or joiners). None when the faces cannot be read (that fault is reported when
    /// the PDFs are made).
    pub fn lacks(&self, text: &str) -> Vec<char> {
        let Ok(m) = self.measures() else {
            return Vec::new();
        };
        text.chars().filter(|c| !m.covers(*c)).collect()
    }
}

/// The raster formats a PDF embeds, told by their first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Raster {
    Png,
    Jpeg,
    Gif,
    Webp,
}

impl Raster {
    pub fn of(bytes: &[u8]) -> Option<Raster> {
        match bytes {
            [0x89, b'P', b'N', b'G', ..] => Some(Raster::Png),
            [0xFF, 0xD8, 0xFF, ..] => Some(Raster::Jpeg),
            [b'G', b'I', b'F', b'8', ..] => Some(Raster::Gif),
            [
                b'R',
                b'I',
                b'F',
                b'F',
                _,
                _,
                _,
                _,
                b'W',
                b'E',
                b'B',
                b'P',
                ..,
            ] => Some(Raster::Webp),
            _ => None,
        }
    }
}

/// What every PDF of a handbook shares: paper, brand, names, the review date and the logo.
#[derive(Clone, Hash)]
pub struct Style {
    pub paper: Paper,
    pub primary: Rgb,
    /// The institution and the handbook, for the running head and the metadata.
    pub institution: Option<String>,
    pub handbook: String,
    pub edition: Option<String>,
    /// `reviewed` from book.yaml (`YYYY-MM-DD`): the creation date, so builds are identical.
    pub reviewed: Option<String>,
    pub language: String,
    /// The logo as SVG text, drawn in the running head.
    pub logo_svg: Option<String>,
    /// The files the logo refers to, as written in it, with their bytes: the only files its
    /// images may show (`svg.rs` says which the logo may refer to).
    pub logo_images: Vec<(String, Vec<u8>)>,
}

/// Makes one PDF of `sheets` (one checklist, or the pack with a contents page first).
pub fn render(
    sheets: &[Sheet],
    pack: bool,
    style: &Style,
    fonts: &FontFiles,
) -> Result<Vec<u8>, String> {
    draw::document(sheets, pack, style, fonts)
}

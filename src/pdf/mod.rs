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

mod draw;
mod face;
mod layout;
mod marks;
mod paginate;
mod paint;
mod sheet;
mod tags;

use std::sync::{Arc, OnceLock};

pub use sheet::Sheet;

use crate::color::Rgb;
use crate::config::Paper;

/// Where the PDFs are published.
pub const DOWNLOADS: &str = "downloads";
/// The pack's file name (without `.pdf`); no checklist may have this slug.
pub const PACK: &str = "checklists";

/// The site path of a checklist's PDF, or of the pack.
pub fn path(slug: &str) -> String {
    format!("{DOWNLOADS}/{slug}.pdf")
}

/// The regular and bold faces, as font files, with their measures read once.
#[derive(Clone)]
pub struct FontFiles {
    pub regular: Arc<Vec<u8>>,
    pub bold: Arc<Vec<u8>>,
    measures: Arc<OnceLock<Result<(layout::Metrics, layout::Metrics), String>>>,
}

impl FontFiles {
    pub fn new(regular: Arc<Vec<u8>>, bold: Arc<Vec<u8>>) -> FontFiles {
        FontFiles {
            regular,
            bold,
            measures: Arc::default(),
        }
    }

    /// Advance widths of the regular and the bold face.
    fn metrics(&self) -> Result<&(layout::Metrics, layout::Metrics), String> {
        self.measures
            .get_or_init(|| {
                Ok((
                    layout::Metrics::new(&self.regular)?,
                    layout::Metrics::new(&self.bold)?,
                ))
            })
            .as_ref()
            .map_err(Clone::clone)
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

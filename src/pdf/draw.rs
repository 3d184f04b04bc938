//! Drawing laid-out sheets with krilla: text as tagged spans (so the PDF reads in order
//! with a screen reader and its text can be selected), rules and boxes as layout artifacts,
//! the running head and page numbers as pagination artifacts, an outline and metadata.

use krilla::destination::XyzDestination;
use krilla::geom::{Point, Size, Transform};
use krilla::metadata::{DateTime, Metadata};
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::surface::Surface;
use krilla::tagging::{Artifact, ArtifactType, ContentTag};
use krilla::{Document, SerializeSettings};
use krilla_svg::{SurfaceExt, SvgSettings};

use super::face::{Faces, Loaded};
use super::layout::{self, BOTTOM, Block, CONTENTS, MARGIN_X, TITLE, TOP};
use super::marks::{brand, fill, line, muted};
use super::paginate::paginate;
use super::paint;
use super::tags::Tags;
use super::{FontFiles, Sheet, Style};

pub fn document(
    sheets: &[Sheet],
    pack: bool,
    style: &Style,
    fonts: &FontFiles,
) -> Result<Vec<u8>, String> {
    let loaded = Loaded::new(fonts)?;
    let m = loaded.measures;
    let faces = Faces {
        regular: loaded.face(&fonts.regular, &m.regular)?,
        bold: loaded.face(&fonts.bold, &m.bold)?,
    };
    let (w, h) = style.paper.points();
    let width = w - 2.0 * MARGIN_X;
    let pages = sheets_laid_out(sheets, pack, style, &faces, (width, h - TOP - BOTTOM));

    let settings = SerializeSettings {
        enable_tagging: true,
        ..SerializeSettings::default()
    };
    let mut doc = Document::new_with(settings);
    let logo = style
        .logo_svg
        .as_deref()
        .and_then(|svg| usvg::Tree::from_str(svg, &svg_options(&style.logo_images)).ok());
    let mut tags = Tags::default();
    let mut outline = Outline::new();
    let total = pages.len();
    let mut current: Option<usize> = None;
    for (index, (sheet, blocks)) in pages.iter().enumerate() {
        let mut page = doc.start_page_with(PageSettings::from_wh(w, h).ok_or("bad paper size")?);
        let mut surface = page.surface();
        furniture(
            &mut surface,
            style,
            &faces,
            logo.as_ref(),
            (w, h),
            index + 1,
            total,
        );
        if *sheet != current {
            current = *sheet;
            tags.start_sheet();
            let title = match sheet {
                Some(i) => sheets[*i].title.clone(),
                None => "Contents".to_string(),
            };
            outline.push_child(OutlineNode::new(
                title,
                XyzDestination::new(index, Point::from_xy(0.0, 0.0)),
            ));
        }
        let mut y = TOP;
        for block in blocks {
            paint::draw_block(&mut surface, &faces, style, block, y, width, &mut tags);
            y += block.height();
        }
        surface.finish();
        page.finish();
    }
    tags.end_sheet();
    doc.set_tag_tree(tags.tree);
    doc.set_outline(outline);
    doc.set_metadata(metadata(sheets, pack, style));
    doc.finish()
        .map_err(|e| format!("the PDF could not be written: {e:?}"))
}

/// The blocks of every page, each with the sheet it belongs to (`None`: the pack's
/// contents). Every sheet starts a new page; the pack starts with its contents.
fn sheets_laid_out(
    sheets: &[Sheet],
    pack: bool,
    style: &Style,
    faces: &Faces,
    (width, height): (f32, f32),
) -> Vec<(Option<usize>, Vec<Block>)> {
    let (regular, bold) = (faces.regular.setting(), faces.bold.setting());
    let mut pages: Vec<(Option<usize>, Vec<Block>)> = Vec::new();
    let laid: Vec<Vec<Vec<Block>>> = sheets
        .iter()
        .map(|s| paginate(layout::blocks(s, regular, bold, width), height))
        .collect();
    if pack {
        // The contents take as many pages as their titles need; the page numbers they give
        // do not change how many that is.
        let contents = |first: usize| {
            let mut page = first;
            let entries = sheets
                .iter()
                .zip(&laid)
                .map(|(sheet, pages)| {
                    let entry = (regular.wrap(&sheet.title, CONTENTS, width - 40.0), page);
                    page += pages.len();
                    entry
                })
                .collect();
            let title = bold.wrap(&format!("Checklists · {}", style.handbook), TITLE, width);
            paginate(vec![Block::Title(title), Block::Contents(entries)], height)
        };
        let own = contents(0).len();
        for page in contents(own + 1) {
            pages.push((None, page));
        }
    }
    for (i, sheet_pages) in laid.into_iter().enumerate() {
        for page in sheet_pages {
            pages.push((Some(i), page));
        }
    }
    pages
}

fn metadata(sheets: &[Sheet], pack: bool, style: &Style) -> Metadata {
    let title = match (pack, sheets.first()) {
        (false, Some(sheet)) => sheet.title.clone(),
        _ => format!("Checklists · {}", style.handbook),
    };
    let subject = match &style.edition {
        Some(edition) => format!("{}, edition {edition}", style.handbook),
        None => style.handbook.clone(),
    };
    let mut meta = Metadata::new()
        .title(title)
        .description(subject)
        .language(style.language.clone())
        .creator("handbook".to_string());
    if let Some(institution) = &style.institution {
        meta = meta.authors(vec![institution.clone()]);
    }
    if let Some(date) = style.reviewed.as_deref().and_then(date) {
        meta = meta.creation_date(date);
    }
    meta
}

/// `YYYY-MM-DD` as a PDF date.
fn date(text: &str) -> Option<DateTime> {
    let (year, month, day) = super::writer::date(text)?;
    Some(DateTime::new(year).month(month).day(day))
}

/// How the logo is read: its images are `data:` images or the files the build read for it
/// (`images`, by the reference as written); usvg opens no file (its default would read any
/// path, relative ones from the current folder), and its font database stays empty.
pub(super) fn svg_options(images: &[(String, Vec<u8>)]) -> usvg::Options<'_> {
    let resolve_string = move |href: &str, _: &usvg::Options| {
        let (_, bytes) = images.iter().find(|(written, _)| written == href)?;
        let data = std::sync::Arc::new(bytes.clone());
        Some(match super::Raster::of(bytes)? {
            super::Raster::Png => usvg::ImageKind::PNG(data),
            super::Raster::Jpeg => usvg::ImageKind::JPEG(data),
            super::Raster::Gif => usvg::ImageKind::GIF(data),
            super::Raster::Webp => usvg::ImageKind::WEBP(data),
        })
    };
    usvg::Options {
        resources_dir: None,
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: usvg::ImageHrefResolver::default_data_resolver(),
            resolve_string: Box::new(resolve_string),
        },
        ..usvg::Options::default()
    }
}

/// The running head (logo, institution and handbook) and the page number.
fn furniture(
    surface: &mut Surface,
    style: &Style,
    faces: &Faces,
    logo: Option<&usvg::Tree>,
    (w, h): (f32, f32),
    page: usize,
    total: usize,
) {
    surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(
        ArtifactType::Header,
    )));
    let mut x = MARGIN_X;
    if let (Some(tree), Some(size)) = (logo, Size::from_wh(14.0, 14.0)) {
        surface.push_transform(&Transform::from_translate(MARGIN_X, 24.0));
        surface.draw_svg(tree, size, SvgSettings::default());
        surface.pop();
        x += 19.0;
    }
    let head = match &style.institution {
        Some(name) => format!("{name} · {}", style.handbook),
        None => style.handbook.clone(),
    };
    fill(surface, muted());
    faces
        .regular
        .draw(surface, Point::from_xy(x, 34.5), 8.0, &head);
    surface.end_tagged();
    line(
        surface,
        (MARGIN_X, 42.0),
        (w - MARGIN_X, 42.0),
        brand(style),
        1.5,
    );
    surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(
        ArtifactType::PageNumber,
    )));
    fill(surface, muted());
    let number = format!("{page} / {total}");
    faces.regular.draw(
        surface,
        Point::from_xy(w - MARGIN_X - 30.0, h - 26.0),
        8.0,
        &number,
    );
    surface.end_tagged();
}

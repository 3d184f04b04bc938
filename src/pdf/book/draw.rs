//! Writing the book's sheets with krilla: the text as tagged spans, links as annotations
//! with their targets' places, the running head (the chapter's title, left off where a
//! chapter opens) and the page number as artifacts, the outline, the tag tree and metadata.

use std::collections::{HashMap, HashSet};

use krilla::action::{Action, LinkAction};
use krilla::annotation::{Annotation, LinkAnnotation, Target as LinkTarget};
use krilla::destination::{Destination, XyzDestination};
use krilla::geom::{Point, Rect};
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::surface::Surface;
use krilla::tagging::{Artifact, ArtifactType, ContentTag};
use krilla::{Document, SerializeSettings};

use super::flow::{Flow, Laid};
use super::images::Images;
use super::inline::Target;
use super::layout::{Column, place, source_anchor};
use super::model::Book;
use super::pages::{Sheet, anchors, paginate};
use super::paint::{Painter, Written};
use super::tags::{Drawn, tree};
use super::{Fonts, Style};

use crate::pdf::FontFiles;
use crate::pdf::face::Loaded;
use crate::pdf::marks::{fill, line};

const MARGIN_X: f32 = 64.0;
const TOP: f32 = 72.0;
const BOTTOM: f32 = 64.0;

type Places = HashMap<String, (usize, f32)>;

pub fn document(book: &Book, style: &Style, files: &FontFiles) -> Result<Vec<u8>, String> {
    let loaded = Loaded::new(files)?;
    let m = loaded.measures;
    let fonts = Fonts {
        regular: loaded.face(&files.regular, &m.regular)?,
        bold: loaded.face(&files.bold, &m.bold)?,
        italic: loaded.face(&files.italic, &m.italic)?,
        mono: loaded.face(&files.mono, &m.mono)?,
    };
    let (w, h) = style.paper.points();
    let column = Column {
        width: w - 2.0 * MARGIN_X,
        height: h - TOP - BOTTOM,
    };
    let images = Images::read(book);
    let (laid, sheets, places) = lay_out(book, &fonts, &images, &column);
    let book = Written {
        laid: &laid,
        places: &places,
        fonts: &fonts,
        images: &images,
        style,
    };
    write(&book, &sheets, (w, h))
}

/// The flow and its sheets. Page numbers are set in slots as wide as the book's last page
/// number can be, so one layout serves and the numbers are filled in as the sheets are
/// drawn; a book with more sheets than its slots can number is laid out again.
fn lay_out(
    book: &Book,
    fonts: &Fonts,
    images: &Images,
    column: &Column,
) -> (Laid, Vec<Sheet>, Places) {
    let mut pages: HashSet<&str> = HashSet::new();
    for chapter in &book.chapters {
        pages.insert(&chapter.url);
        pages.extend(chapter.pages.iter().map(|p| p.url.as_str()));
    }
    if !book.bibliography.is_empty() {
        pages.insert(crate::links::SOURCES_URL);
    }
    let in_book = |url: &str| pages.contains(url.split('#').next().unwrap_or(url));
    let widest = widest_digit(fonts);
    // A first guess with room to spare: three sheets a page.
    let mut digits = digits_of(3 * pages.len() + 10);
    loop {
        let slot = widest.to_string().repeat(digits);
        let mut flow = Flow {
            fonts,
            in_book: &in_book,
            page: (&book.words.page, &slot),
            images,
            max_figure: column.height * 0.6,
            slices: Vec::new(),
            nodes: Vec::new(),
            links: Vec::new(),
            tables: 0,
            chapter: None,
            titles: Vec::new(),
        };
        flow.book(book, column);
        let sheets = paginate(&flow.slices, column.height);
        if digits_of(sheets.len()) <= digits {
            let places = anchors(&flow.slices, &sheets);
            return (flow.finish(), sheets, places);
        }
        digits = digits_of(sheets.len());
    }
}

fn digits_of(n: usize) -> usize {
    n.max(1).ilog10() as usize + 1
}

/// The digit that sets widest in the faces page numbers are set in.
fn widest_digit(fonts: &Fonts) -> char {
    let width = |c: char| {
        let text = c.to_string();
        fonts
            .regular
            .width(&text, 10.0)
            .max(fonts.bold.width(&text, 10.0))
    };
    ('0'..='9')
        .max_by(|a, b| width(*a).total_cmp(&width(*b)))
        .unwrap_or('0')
}

fn write(book: &Written, sheets: &[Sheet], (w, h): (f32, f32)) -> Result<Vec<u8>, String> {
    let (flow, style) = (book.laid, book.style);
    let settings = SerializeSettings {
        enable_tagging: true,
        ..SerializeSettings::default()
    };
    let mut doc = Document::new_with(settings);
    let logo = style.logo_svg.as_deref().and_then(|svg| {
        usvg::Tree::from_str(svg, &crate::pdf::draw::svg_options(&style.logo_images)).ok()
    });
    let mut drawn = Drawn::default();
    let mut marks: Vec<(u8, String, usize, f32)> = Vec::new();
    for (s, sheet) in sheets.iter().enumerate() {
        let mut page = doc.start_page_with(PageSettings::from_wh(w, h).ok_or("bad paper size")?);
        let mut surface = page.surface();
        if s > 0 {
            furniture(&mut surface, book, sheet, (w, h), s + 1);
        }
        let mut links: Vec<(Rect, usize)> = Vec::new();
        for &(y, i, copy) in &sheet.placed {
            let slice = &flow.slices[i];
            if let (Some((level, title)), false) = (&slice.outline, copy) {
                marks.push((*level, title.clone(), s, TOP + y));
            }
            let mut painter = Painter {
                surface: &mut surface,
                book,
                logo: logo.as_ref(),
                drawn: &mut drawn,
                links: &mut links,
            };
            for op in &slice.ops {
                painter.op(op, (MARGIN_X, TOP + y), copy);
            }
        }
        surface.finish();
        for (rect, link) in links {
            let Some(target) = target(&flow.links[link], book.places) else {
                continue;
            };
            let annotation = Annotation::new_link(
                LinkAnnotation::new(rect, target),
                Some(alt(&flow.links[link])),
            );
            let id = page.add_tagged_annotation(annotation);
            drawn.annotations.entry(link).or_default().push(id);
        }
        page.finish();
    }
    doc.set_outline(outline(marks));
    doc.set_tag_tree(tree(&flow.nodes, drawn));
    doc.set_metadata(crate::pdf::draw::book_metadata(style));
    doc.finish()
        .map_err(|e| format!("the PDF could not be written: {e:?}"))
}

/// Where a link goes in the PDF; `None` for a page the book does not hold.
fn target(link: &Target, places: &Places) -> Option<LinkTarget> {
    let place = |key: &str| place(places, key);
    let (page, y) = match link {
        Target::Outside(url) => {
            return Some(LinkTarget::Action(Action::Link(LinkAction::new(
                url.clone(),
            ))));
        }
        Target::Inside(url) => place(url)?,
        Target::Source(n) => place(&source_anchor(*n))?,
    };
    let point = Point::from_xy(0.0, (TOP + y - 12.0).max(0.0));
    Some(LinkTarget::Destination(Destination::Xyz(
        XyzDestination::new(*page, point),
    )))
}

fn alt(link: &Target) -> String {
    match link {
        Target::Outside(url) => url.clone(),
        Target::Inside(url) => format!("Go to {url}"),
        Target::Source(n) => format!("Source {n}"),
    }
}

/// Bookmarks nested by level: chapters, their pages, the pages' headings.
fn outline(marks: Vec<(u8, String, usize, f32)>) -> Outline {
    let mut outline = Outline::new();
    let mut open: Vec<(u8, OutlineNode)> = Vec::new();
    let close = |open: &mut Vec<(u8, OutlineNode)>, outline: &mut Outline, level: u8| {
        while open.last().is_some_and(|(l, _)| *l >= level) {
            let (_, node) = open.pop().expect("checked");
            match open.last_mut() {
                Some((_, parent)) => parent.push_child(node),
                None => outline.push_child(node),
            }
        }
    };
    for (level, title, page, y) in marks {
        close(&mut open, &mut outline, level);
        let node = OutlineNode::new(
            title,
            XyzDestination::new(page, Point::from_xy(0.0, (y - 12.0).max(0.0))),
        );
        open.push((level, node));
    }
    close(&mut open, &mut outline, 0);
    outline
}

/// The running head (the chapter's title, but not where a chapter opens) and the number.
fn furniture(
    surface: &mut Surface,
    book: &Written,
    sheet: &Sheet,
    (w, h): (f32, f32),
    number: usize,
) {
    let (fonts, style) = (book.fonts, book.style);
    let (chapter, opening) = sheet.chapter(&book.laid.slices);
    let muted = crate::pdf::marks::muted();
    if let (Some(c), false) = (chapter, opening) {
        let title = book.laid.titles.get(c).cloned().unwrap_or_default();
        surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(
            ArtifactType::Header,
        )));
        fill(surface, muted);
        let regular = &fonts.regular;
        regular.draw(surface, Point::from_xy(MARGIN_X, 42.0), 8.5, &title);
        let right = w - MARGIN_X - regular.width(&style.handbook, 8.5);
        regular.draw(surface, Point::from_xy(right, 42.0), 8.5, &style.handbook);
        surface.end_tagged();
        line(
            surface,
            (MARGIN_X, 50.0),
            (w - MARGIN_X, 50.0),
            crate::pdf::marks::rule_grey(),
            0.5,
        );
    }
    surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(
        ArtifactType::PageNumber,
    )));
    fill(surface, muted);
    let text = number.to_string();
    let x = (w - fonts.regular.width(&text, 9.0)) / 2.0;
    fonts
        .regular
        .draw(surface, Point::from_xy(x, h - 34.0), 9.0, &text);
    surface.end_tagged();
}

//! The book's PDF put together: its figures and logo as XObjects, its sheets drawn in
//! parallel (`draw`), the faces cut to the glyphs drawn, the pages with their link
//! annotations, the outline, the tag tree, metadata and the catalog.

use std::collections::{BTreeMap, HashMap};

use pdf_writer::types::{ActionType, AnnotationFlags, AnnotationType, PageMode, TabOrder};
use pdf_writer::writers::{Destination, Resources};
use pdf_writer::{Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

use super::draw::{Drawing, Places, TOP, draw};
use super::flow::Laid;
use super::images::Images;
use super::inline::Target;
use super::layout::{place, source_anchor};
use super::pages::Sheet;
use super::paint::Written;
use super::tags::{self, Annotated, Drawn, Marked};
use super::{Fonts, Style};
use crate::pdf::writer::fonts::{Glyphs, embed};
use crate::pdf::writer::outline::{self, Mark};
use crate::pdf::writer::{Refs, metadata};

/// What the PDF is written from.
pub(super) struct Out<'a> {
    pub(super) laid: &'a Laid,
    pub(super) places: &'a Places,
    pub(super) fonts: &'a Fonts<'a>,
    /// The font files: the four faces, then the fallbacks.
    pub(super) faces: &'a [&'a [u8]],
    pub(super) images: &'a Images,
    pub(super) style: &'a Style,
}

/// The objects known before the sheets are drawn.
struct Ids {
    catalog: Ref,
    page_tree: Ref,
    struct_root: Ref,
    outline_root: Ref,
    resources: Ref,
    pages: Vec<Ref>,
    contents: Vec<Ref>,
}

impl Ids {
    fn new(refs: &mut Refs, sheets: usize) -> Ids {
        Ids {
            catalog: refs.next(),
            page_tree: refs.next(),
            struct_root: refs.next(),
            outline_root: refs.next(),
            resources: refs.next(),
            pages: (0..sheets).map(|_| refs.next()).collect(),
            contents: (0..sheets).map(|_| refs.next()).collect(),
        }
    }
}

pub(super) fn write(out: &Out, sheets: &[Sheet], (w, h): (f32, f32)) -> Result<Vec<u8>, String> {
    let (laid, style) = (out.laid, out.style);
    let mut refs = Refs::new();
    let ids = Ids::new(&mut refs, sheets.len());
    // Written compactly (pdf-writer's default indents every entry, which made objects a
    // third of a 1,000-page book), in a buffer sized for the sheets up front, so the file
    // is not copied as it grows.
    let compact = pdf_writer::Settings { pretty: false };
    let mut pdf = Pdf::with_settings_and_capacity(compact, sheets.len() * 16 * 1024);
    let (pictures, logo, xobjects) = pictures(out, &mut pdf, &mut refs);
    let written = Written {
        laid,
        places: out.places,
        fonts: out.fonts,
        style,
        pictures: &pictures,
        logo,
    };
    // The sheets drawn in order by this thread and a thread for each other core, beside the
    // pool that renders the site's pages, and written as they come: at most 64 wait.
    let faces = out.faces.len();
    let mut used = Used::new(faces);
    let draw = |s: usize| draw(&written, &sheets[s], s, (w, h), faces);
    let drawn = crate::parallel::in_order_beside(sheets.len(), 64, draw, |take| {
        pages(&mut pdf, &mut refs, &ids, out, take, &mut used, (w, h))
    })
    .ok_or("a sheet of the handbook's PDF could not be drawn")?;
    resources(&mut pdf, &mut refs, &ids, out.faces, &used, &xobjects)?;
    pdf.pages(ids.page_tree)
        .kids(ids.pages.iter().copied())
        .count(sheets.len() as i32);
    let marks = marks(laid, sheets, &ids.pages, h);
    outline::write(&mut pdf, &mut refs, ids.outline_root, &marks);
    tags::write(
        &mut pdf,
        &mut refs,
        ids.struct_root,
        &laid.nodes,
        drawn,
        &ids.pages,
    );
    let (_, xmp) = metadata(&mut pdf, &mut refs, style, sheets.len());
    let mut cat = pdf.catalog(ids.catalog);
    cat.pages(ids.page_tree)
        .outlines(ids.outline_root)
        .metadata(xmp)
        .lang(TextStr(&style.language))
        .page_mode(PageMode::UseOutlines);
    cat.pair(Name(b"StructTreeRoot"), ids.struct_root);
    cat.mark_info().marked(true);
    cat.viewer_preferences().display_doc_title(true);
    cat.finish();
    Ok(pdf.finish())
}

/// Figures and the logo, each once, as XObjects (`/X0`, `/X1`, ...): each image's number,
/// the logo's, and the objects.
fn pictures(
    out: &Out,
    pdf: &mut Pdf,
    refs: &mut Refs,
) -> (Vec<Option<usize>>, Option<usize>, Vec<Ref>) {
    let mut xobjects: Vec<Ref> = Vec::new();
    let mut next = || refs.next();
    let pictures: Vec<Option<usize>> = (0..out.images.len())
        .map(|i| {
            let picture = out.images.get(i)?;
            xobjects.push(crate::pdf::picture::xobject(picture, pdf, &mut next));
            Some(xobjects.len() - 1)
        })
        .collect();
    let style = out.style;
    let logo = style.logo_svg.as_deref().and_then(|svg| {
        usvg::Tree::from_str(svg, &crate::pdf::draw::svg_options(&style.logo_images)).ok()
    });
    let logo = logo.map(|tree| {
        xobjects.push(crate::pdf::picture::svg_xobject(&tree, pdf, &mut next));
        xobjects.len() - 1
    });
    (pictures, logo, xobjects)
}

/// The glyphs the sheets drew, per font, and what the shaped ones read as.
struct Used {
    glyphs: Vec<Glyphs>,
    said: Vec<BTreeMap<u16, String>>,
}

impl Used {
    fn new(faces: usize) -> Used {
        Used {
            glyphs: vec![Glyphs::default(); faces],
            said: vec![BTreeMap::new(); faces],
        }
    }

    /// Adds a sheet's, which follows those added before.
    fn add(&mut self, d: &Drawing) {
        for (all, one) in self.glyphs.iter_mut().zip(&d.glyphs) {
            all.union(one);
        }
        for (font, gid, text) in &d.unicode {
            self.said[*font].entry(*gid).or_insert_with(|| text.clone());
        }
    }
}

/// The faces, cut to the glyphs drawn, and the resources every page shares.
fn resources(
    pdf: &mut Pdf,
    refs: &mut Refs,
    ids: &Ids,
    faces: &[&[u8]],
    used: &Used,
    xobjects: &[Ref],
) -> Result<(), String> {
    let mut fonts: Vec<(usize, Ref)> = Vec::new();
    for (f, glyphs) in used.glyphs.iter().enumerate() {
        if glyphs.is_empty() {
            continue;
        }
        let font = refs.next();
        embed(pdf, refs, font, faces[f], glyphs, &used.said[f])?;
        fonts.push((f, font));
    }
    let mut res = pdf.indirect(ids.resources).start::<Resources>();
    let mut dict = res.fonts();
    for (f, font) in &fonts {
        dict.pair(Name(format!("F{f}").as_bytes()), *font);
    }
    dict.finish();
    let mut dict = res.x_objects();
    for (i, x) in xobjects.iter().enumerate() {
        dict.pair(Name(format!("X{i}").as_bytes()), *x);
    }
    dict.finish();
    res.finish();
    Ok(())
}

/// The pages with their content and link annotations, each sheet taken as drawn; returns
/// what the tag tree needs of them (`None` if a sheet could not be drawn). The pages' keys in
/// the parent tree are their indices, the annotations' follow.
fn pages(
    pdf: &mut Pdf,
    refs: &mut Refs,
    ids: &Ids,
    out: &Out,
    take: &mut dyn FnMut(usize) -> Option<Drawing>,
    used: &mut Used,
    (w, h): (f32, f32),
) -> Option<Drawn> {
    let laid = out.laid;
    let sheets = ids.pages.len();
    let mut drawn = Drawn {
        content: vec![Vec::new(); laid.nodes.len()],
        annotations: HashMap::new(),
        mcids: Vec::with_capacity(sheets),
    };
    let mut key = sheets as i32;
    for s in 0..sheets {
        let d = take(s)?;
        used.add(&d);
        for (mcid, &(node, link)) in d.spans.iter().enumerate() {
            drawn.content[node].push(Marked {
                sheet: s,
                mcid,
                link,
            });
        }
        drawn.mcids.push(d.spans.len());
        let mut annotations = Vec::new();
        for &(area, link) in &d.links {
            let target = &laid.links[link];
            let Some(goes) = goes(target, out.places) else {
                continue;
            };
            let object = refs.next();
            let mut a = pdf.annotation(object);
            a.subtype(AnnotationType::Link)
                .rect(Rect::new(area.0, h - area.3, area.2, h - area.1))
                .border(0.0, 0.0, 0.0, None)
                .contents(TextStr(&alt(target)))
                .flags(AnnotationFlags::PRINT)
                .struct_parent(key);
            match goes {
                Goes::Uri(url) => {
                    a.action()
                        .action_type(ActionType::Uri)
                        .uri(Str(url.as_bytes()));
                }
                Goes::Place(sheet, y) => {
                    a.insert(Name(b"Dest"))
                        .start::<Destination>()
                        .page(ids.pages[sheet])
                        .xyz(0.0, h - (TOP + y - 12.0).max(0.0), None);
                }
            }
            a.finish();
            let sheet = s;
            let annotated = Annotated { object, sheet, key };
            drawn.annotations.entry(link).or_default().push(annotated);
            key += 1;
            annotations.push(object);
        }
        let mut page = pdf.page(ids.pages[s]);
        page.parent(ids.page_tree)
            .media_box(Rect::new(0.0, 0.0, w, h))
            .contents(ids.contents[s])
            .struct_parents(s as i32);
        page.pair(Name(b"Resources"), ids.resources);
        if !annotations.is_empty() {
            page.annotations(annotations)
                .tab_order(TabOrder::StructureOrder);
        }
        page.finish();
        pdf.stream(ids.contents[s], &d.content)
            .filter(Filter::FlateDecode);
    }
    Some(drawn)
}

/// The bookmarks: each slice's that has one, where it is drawn.
fn marks(laid: &Laid, sheets: &[Sheet], pages: &[Ref], h: f32) -> Vec<Mark> {
    let mut marks = Vec::new();
    for (s, sheet) in sheets.iter().enumerate() {
        for &(y, i, copy) in &sheet.placed {
            if let (Some((level, title)), false) = (&laid.slices[i].outline, copy) {
                marks.push(Mark {
                    level: *level,
                    title: title.clone(),
                    page: pages[s],
                    top: h - (TOP + y - 12.0).max(0.0),
                });
            }
        }
    }
    marks
}

/// Where a link goes.
enum Goes<'a> {
    Uri(&'a str),
    /// A sheet and the height on it.
    Place(usize, f32),
}

/// Where a link goes in the PDF; `None` for a page the book does not hold.
fn goes<'a>(link: &'a Target, places: &Places) -> Option<Goes<'a>> {
    let place = |key: &str| place(places, key).copied();
    let (sheet, y) = match link {
        Target::Outside(url) => return Some(Goes::Uri(url)),
        Target::Inside(url) => place(url)?,
        Target::Source(n) => place(&source_anchor(*n))?,
    };
    Some(Goes::Place(sheet, y))
}

fn alt(link: &Target) -> String {
    match link {
        Target::Outside(url) => url.clone(),
        Target::Inside(url) => format!("Go to {url}"),
        Target::Source(n) => format!("Source {n}"),
    }
}

//! `/downloads/handbook.pdf`, the handbook as a book, read back with lopdf: its bookmarks
//! follow the site's reading order, the contents give the pages the chapters start on,
//! cross-references and citations point where they say, with metadata and tags, the same
//! bytes from build to build, on A4 and Letter.

use std::collections::HashMap;
use std::path::Path;

use lopdf::{Document, Object, ObjectId};

use crate::common::*;
use crate::print::pdf_text;

const PDF: &str = "downloads/handbook.pdf";

/// The bundled handbook with its PDF on (`bundled` turns it off), on `paper`.
fn book_on(paper: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, root) = bundled();
    let yaml = read(&root.join("book.yaml"));
    let yaml = yaml.replace("handbook_pdf: false", "handbook_pdf: true");
    write(&root, "book.yaml", &yaml);
    set_paper(&root, paper);
    (tmp, root)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

/// The outline: each entry's depth (1 for a chapter), title and page number.
type Outline = Vec<(usize, String, u32)>;

fn outline(doc: &Document) -> Outline {
    let pages = page_numbers(doc);
    let catalog = doc.catalog().unwrap();
    let root = catalog
        .get(b"Outlines")
        .and_then(Object::as_reference)
        .unwrap();
    let first = doc
        .get_dictionary(root)
        .unwrap()
        .get(b"First")
        .ok()
        .cloned();
    let mut out = Vec::new();
    let mut stack = vec![(first, 1)];
    while let Some((next, depth)) = stack.pop() {
        let Some(Object::Reference(id)) = next else {
            continue;
        };
        let item = doc.get_dictionary(id).unwrap();
        stack.push((item.get(b"Next").ok().cloned(), depth));
        stack.push((item.get(b"First").ok().cloned(), depth + 1));
        let title = item
            .get(b"Title")
            .and_then(Object::as_str)
            .map(pdf_text)
            .unwrap();
        let page = item
            .get(b"Dest")
            .ok()
            .and_then(|d| dest_page(doc, d, &pages))
            .unwrap();
        out.push((depth, title, page));
    }
    out
}

fn page_numbers(doc: &Document) -> HashMap<ObjectId, u32> {
    doc.get_pages().into_iter().map(|(n, id)| (id, n)).collect()
}

/// The page a destination (an array, or a reference to one) is on.
fn dest_page(doc: &Document, dest: &Object, pages: &HashMap<ObjectId, u32>) -> Option<u32> {
    let dest = match dest {
        Object::Reference(r) => doc.get_object(*r).ok()?,
        other => other,
    };
    let first = dest.as_array().ok()?.first()?;
    pages.get(&first.as_reference().ok()?).copied()
}

/// Each page's text, white space collapsed.
fn page_texts(doc: &Document) -> Vec<String> {
    doc.get_pages()
        .keys()
        .map(|&n| {
            let raw = doc.extract_text(&[n]).unwrap_or_default();
            raw.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .collect()
}

/// Every link annotation: its page, its words (`/Contents`) and the page it leads to.
fn links(doc: &Document) -> Vec<(u32, String, Option<u32>)> {
    let pages = page_numbers(doc);
    let mut out = Vec::new();
    for (n, id) in doc.get_pages() {
        let page = doc.get_dictionary(id).unwrap();
        let Ok(annots) = page.get(b"Annots") else {
            continue;
        };
        let annots = match annots {
            Object::Reference(r) => doc.get_object(*r).unwrap().as_array().unwrap().clone(),
            other => other.as_array().unwrap().clone(),
        };
        for a in annots {
            let dict = doc.get_dictionary(a.as_reference().unwrap()).unwrap();
            let words = dict
                .get(b"Contents")
                .and_then(Object::as_str)
                .map(pdf_text)
                .unwrap_or_default();
            let dest = dict
                .get(b"Dest")
                .ok()
                .and_then(|d| dest_page(doc, d, &pages));
            out.push((n, words, dest));
        }
    }
    out
}

/// The site's pages in reading order, by following each page's "next" link: URL and title.
fn reading_order(out: &Path) -> Vec<(String, String)> {
    let next = regex::Regex::new(r#"rel="next" href="([^"]*)"><span class="pager-label">[^<]*</span><span class="pager-title">([^<]*)</span>"#).unwrap();
    let title = regex::Regex::new(r"<title>([^<·]*) ·").unwrap();
    let home = read(&out.join("index.html"));
    let home_title = unescape(title.captures(&home).unwrap()[1].trim());
    let mut order = vec![("/".to_string(), home_title)];
    let mut url = "/".to_string();
    loop {
        let html = read(&out.join(url.trim_start_matches('/')).join("index.html"));
        let Some(c) = next.captures(&html) else { break };
        let href = &c[1];
        let base = url::Url::parse(&format!("http://x{url}")).unwrap();
        url = base.join(href).unwrap().path().to_string();
        order.push((url.clone(), unescape(&c[2])));
    }
    order
}

fn unescape(text: &str) -> String {
    text.replace("&amp;", "&")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
}

/// The checks both papers share; returns the outline and each page's first page, by URL.
fn reads_as_a_book(out: &Path, doc: &Document) -> (Outline, HashMap<String, u32>) {
    let outline = outline(doc);
    let texts = page_texts(doc);
    // Chapters and their pages, in the site's reading order (the home page opens the book),
    // among the bookmarks of the chapters' own headings.
    let order = reading_order(out);
    let mut marks = outline.iter().filter(|(d, _, _)| *d <= 2);
    let mut starts = Vec::new();
    for (url, title) in &order {
        let found = marks.find(|(_, t, _)| t == title);
        let (_, _, page) =
            found.unwrap_or_else(|| panic!("{url} ({title:?}) is not bookmarked in reading order"));
        starts.push((url.clone(), title.clone(), *page));
    }
    // Every chapter opens a sheet with its number; every bookmark is on its page.
    let mut chapter = 0;
    for (depth, title, page) in &outline {
        let text = &texts[*page as usize - 1];
        assert!(
            text.contains(title.as_str()),
            "{title:?} is not on page {page}: {text:.200}"
        );
        if *depth == 1 && title != "Contents" && title != "Sources" {
            chapter += 1;
            // The page number is drawn first, then the chapter from the top of the sheet.
            let opening = format!("{page} Chapter {chapter} {title}");
            assert!(
                text.starts_with(&opening),
                "chapter {chapter} opens page {page}: {text:.80}"
            );
        }
    }
    // The contents give each chapter's and page's first page.
    let contents = texts[1..]
        .iter()
        .take_while(|t| !t.contains(" Chapter 1 "))
        .cloned()
        .collect::<Vec<_>>()
        .join(" ");
    let mut rest = contents.as_str();
    for (_, title, page) in &starts {
        let at = rest
            .find(title.as_str())
            .unwrap_or_else(|| panic!("{title:?} is not in the contents"));
        rest = &rest[at + title.len()..];
        let number: String = rest
            .trim_start()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        assert_eq!(number, page.to_string(), "the contents' page for {title:?}");
    }
    let starts = starts
        .into_iter()
        .map(|(url, _, page)| (url, page))
        .collect();
    (outline, starts)
}

#[test]
fn the_handbook_pdf_reads_as_a_book_with_its_pages_numbers_sources_and_tags() {
    let (tmp, root) = book_on("a4");
    let out = tmp.path().join("out");
    build_into(&root, &out, &[]);
    let bytes = std::fs::read(out.join(PDF)).unwrap();
    let doc = Document::load_mem(&bytes).unwrap();
    let (outline, page_of) = reads_as_a_book(&out, &doc);
    let texts = page_texts(&doc);
    // Cross-references say the page their target is on, and lead there.
    let mut references = 0;
    for (on, words, dest) in links(&doc) {
        let Some(url) = words.strip_prefix("Go to ") else {
            continue;
        };
        let dest = dest.unwrap_or_else(|| panic!("the link to {url} on page {on} leads nowhere"));
        if let Some(page) = page_of.get(url) {
            assert_eq!(dest, *page, "the link to {url} on page {on}");
            if texts[on as usize - 1].contains(&format!("(p. {page})")) {
                references += 1;
            }
        }
    }
    assert!(
        references >= 10,
        "cross-references with page numbers: {references}"
    );
    // Citations lead to the bibliography, which holds every number cited, once, in order.
    let sources = outline
        .iter()
        .find(|(d, t, _)| *d == 1 && t == "Sources")
        .unwrap()
        .2;
    let bibliography = texts[sources as usize - 1..].join(" ");
    let entries = regex::Regex::new(r"(?:^|\s)(\d+)\. ").unwrap();
    let numbers: Vec<usize> = entries
        .captures_iter(&bibliography)
        .map(|c| c[1].parse().unwrap())
        .collect();
    // The print edition's bibliography lists the same sources, numbered the same way.
    let printed = read(&out.join("print/handbook/index.html"))
        .matches("class=\"bibliography-entry\"")
        .count();
    assert!(printed >= 3, "the bundled handbook cites sources");
    assert_eq!(
        numbers,
        (1..=printed).collect::<Vec<_>>(),
        "the bibliography's numbers"
    );
    let mut cited = 0;
    for (_, words, dest) in links(&doc) {
        if let Some(n) = words.strip_prefix("Source ") {
            let n: usize = n.parse().unwrap();
            assert!(
                n <= numbers.len() && dest.unwrap() >= sources,
                "source {n} leads to the bibliography"
            );
            cited += 1;
        }
    }
    assert!(cited >= 20, "citations: {cited}");
    // Metadata, tags, paper, and the same bytes from a second build.
    let info = doc
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .unwrap();
    let info = doc.get_dictionary(info).unwrap();
    let field = |k: &[u8]| {
        info.get(k)
            .and_then(Object::as_str)
            .map(pdf_text)
            .unwrap_or_default()
    };
    assert_eq!(field(b"Title"), "Faculty Mentoring Handbook");
    assert_eq!(field(b"Author"), "Example College of Medicine");
    assert!(field(b"CreationDate").starts_with("D:20261101"));
    let catalog = doc.catalog().unwrap();
    assert!(
        catalog.get(b"StructTreeRoot").is_ok() && catalog.get(b"Lang").is_ok(),
        "tagged, with a language"
    );
    let headings = doc
        .objects
        .values()
        .filter(|o| {
            o.as_dict().is_ok_and(|d| {
                d.get(b"S")
                    .and_then(Object::as_name)
                    .is_ok_and(|s| s == b"H1")
            })
        })
        .count();
    assert!(headings >= 6, "a heading tag per chapter: {headings}");
    let media = doc
        .get_dictionary(doc.get_pages()[&1])
        .unwrap()
        .get(b"MediaBox")
        .unwrap()
        .as_array()
        .unwrap()
        .clone();
    assert!((media[2].as_float().unwrap() - 595.28).abs() < 0.5);
    let again = tmp.path().join("again");
    build_into(&root, &again, &[]);
    assert!(
        std::fs::read(again.join(PDF)).unwrap() == bytes,
        "the same bytes from a second build"
    );
}

#[test]
fn the_handbook_pdf_is_set_on_letter_and_left_out_when_turned_off() {
    let (tmp, root) = book_on("letter");
    let out = tmp.path().join("out");
    build_into(&root, &out, &[]);
    let doc = Document::load(out.join(PDF)).unwrap();
    reads_as_a_book(&out, &doc);
    let media = doc
        .get_dictionary(doc.get_pages()[&1])
        .unwrap()
        .get(b"MediaBox")
        .unwrap()
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(
        (media[2].as_float().unwrap(), media[3].as_float().unwrap()),
        (612.0, 792.0)
    );
    let footer = read(&out.join("index.html"));
    assert!(
        footer.contains("href=\"downloads/handbook.pdf\""),
        "linked from the footer"
    );
    let yaml = read(&root.join("book.yaml")).replace("handbook_pdf: true", "handbook_pdf: false");
    write(&root, "book.yaml", &yaml);
    let off = tmp.path().join("off");
    build_into(&root, &off, &[]);
    assert!(!off.join(PDF).exists() && !read(&off.join("index.html")).contains("handbook.pdf"));
}

/// A PNG of `w` by `h` pixels, RGBA, the first pixel transparent.
fn png(w: u32, h: u32) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, w, h);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut pixels: Vec<u8> = (0..w * h).flat_map(|_| [0x0b, 0x5d, 0x4b, 0xff]).collect();
    pixels[3] = 0;
    let mut writer = encoder.write_header().unwrap();
    writer.write_image_data(&pixels).unwrap();
    writer.finish().unwrap();
    bytes
}

#[test]
fn figures_are_drawn_in_the_handbook_pdf_as_tagged_images_with_their_alt_text() {
    let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="160" height="80"><rect width="160" height="80" fill="#0b5d4b"/><circle cx="40" cy="40" r="24" fill="#f3d9a4"/></svg>"##;
    let (tmp, root) = handbook_from(&[
        ("content/index.md", "---\ntitle: Home\n---\nHome.\n"),
        ("content/guide/_section.md", "---\ntitle: Guide\n---\n"),
        (
            "content/guide/figures.md",
            "---\ntitle: Figures\n---\nBefore.\n\n![A green banner](banner.svg)\n\n![A small chart](chart.png)\n\nAfter.\n",
        ),
        ("content/guide/banner.svg", svg),
    ]);
    write_bytes(&root, "content/guide/chart.png", &png(30, 20));
    let out = tmp.path().join("out");
    build_into(&root, &out, &[]);
    let doc = Document::load(out.join(PDF)).unwrap();
    // Each figure is a Figure element with its alt text.
    let alts: Vec<String> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| {
            d.get(b"S")
                .and_then(Object::as_name)
                .is_ok_and(|s| s == b"Figure")
        })
        .map(|d| {
            d.get(b"Alt")
                .and_then(Object::as_str)
                .map(pdf_text)
                .unwrap()
        })
        .collect();
    assert_eq!(alts.len(), 2, "{alts:?}");
    assert!(
        alts.contains(&"A green banner".to_string()) && alts.contains(&"A small chart".to_string())
    );
    // The SVG is drawn as vectors, the PNG as an image with its transparency.
    let (mut forms, mut images) = (Vec::new(), Vec::new());
    for object in doc.objects.values() {
        let Ok(stream) = object.as_stream() else {
            continue;
        };
        let d = &stream.dict;
        match d.get(b"Subtype").and_then(Object::as_name) {
            Ok(b"Form") => forms.push(stream.decompressed_content().unwrap()),
            Ok(b"Image") if d.get(b"SMask").is_ok() => images.push((
                d.get(b"Width").unwrap().as_i64().unwrap(),
                d.get(b"Height").unwrap().as_i64().unwrap(),
            )),
            _ => {}
        }
    }
    assert!(
        forms
            .iter()
            .any(|c| String::from_utf8_lossy(c).contains(" re")
                || String::from_utf8_lossy(c).contains(" c\n")),
        "the SVG's shapes as paths"
    );
    assert_eq!(images, [(30, 20)], "the PNG, with its alpha as a soft mask");
    // On its page, each is drawn inside a Figure sequence, between the text around it.
    let page = page_texts(&doc)
        .iter()
        .position(|t| t.contains("Before.") && t.contains("After."))
        .unwrap();
    let id = doc.get_pages()[&(page as u32 + 1)];
    let content = String::from_utf8_lossy(&doc.get_page_content(id)).to_string();
    let drawn: Vec<&str> = content.split("/Figure").skip(1).collect();
    assert_eq!(drawn.len(), 2, "two figures drawn on the page");
    for part in drawn {
        let inside = &part[..part.find("EMC").unwrap()];
        assert!(
            inside.contains("MCID") && inside.contains(" Do"),
            "{inside}"
        );
    }
}

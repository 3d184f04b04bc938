//! The PDFs `handbook` makes itself, read back with lopdf: pages, paper, text, metadata,
//! tags, and the same bytes from build to build.

use std::collections::BTreeMap;
use std::path::Path;

use lopdf::{Document, Object};

use crate::common::*;
use crate::print::pdf_text;

fn build(root: &Path, out: &Path) {
    build_into(root, out, &[]);
}

/// All text of a PDF, white space collapsed, citation markers (`[1]`, `[2, p. 3]`) left out.
fn text(doc: &Document) -> String {
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let raw = doc.extract_text(&pages).unwrap();
    let markers = regex::Regex::new(r"\s*\[[0-9][^\]]*\]").unwrap();
    let raw = markers.replace_all(&raw, "");
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn info(doc: &Document, key: &[u8]) -> String {
    let id = doc
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .unwrap();
    let dict = doc.get_dictionary(id).unwrap();
    dict.get(key)
        .and_then(Object::as_str)
        .map(pdf_text)
        .unwrap_or_default()
}

fn size(doc: &Document) -> (f32, f32) {
    let (_, id) = doc.get_pages().into_iter().next().unwrap();
    let media = doc
        .get_dictionary(id)
        .unwrap()
        .get(b"MediaBox")
        .and_then(Object::as_array)
        .unwrap();
    let n = |o: &Object| o.as_float().unwrap_or(0.0);
    (n(&media[2]) - n(&media[0]), n(&media[3]) - n(&media[1]))
}

/// A checklist text as the PDF shows it: citations, links and emphasis marks dropped,
/// local rules read from `rules`.
fn shown(text: &str, rules: &BTreeMap<String, String>) -> String {
    let citations = regex::Regex::new(r"\s*\[@[^\]]*\]").unwrap();
    let mut out = citations.replace_all(text, "").into_owned();
    for (name, value) in rules {
        out = out.replace(&format!("{{{{ rules.{name} }}}}"), value);
    }
    let link = regex::Regex::new(r"\[([^\]]*)\]\([^)]*\)").unwrap();
    let out = link.replace_all(&out, "$1").replace(['*', '_', '`'], "");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn checklist_pdfs_hold_every_item_field_and_table_with_metadata() {
    let (tmp, root) = bundled();
    let out = tmp.path().join("out");
    build(&root, &out);
    let book: serde_json::Value = serde_saphyr::from_str(&read(&root.join("book.yaml"))).unwrap();
    let rules: BTreeMap<String, String> = book["rules"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| {
            (
                k.clone(),
                v.as_str().map_or_else(|| v.to_string(), str::to_string),
            )
        })
        .collect();
    let pack = Document::load(out.join("downloads/checklists.pdf")).unwrap();
    let pack_text = text(&pack);
    let mut sheets = 1; // the contents page
    let mut count = 0;
    for entry in std::fs::read_dir(root.join("content/checklists")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        count += 1;
        let slug = path.file_stem().unwrap().to_str().unwrap().to_string();
        let yaml: serde_json::Value = serde_saphyr::from_str(&read(&path)).unwrap();
        let doc = Document::load(out.join(format!("downloads/{slug}.pdf"))).unwrap();
        let all = text(&doc);
        let title = yaml["title"].as_str().unwrap();
        assert_eq!(info(&doc, b"Title"), title);
        assert_eq!(info(&doc, b"Author"), "Example College of Medicine");
        assert_eq!(
            info(&doc, b"Subject"),
            "Faculty Mentoring Handbook, edition 2026"
        );
        assert!(
            info(&doc, b"CreationDate").starts_with("D:20261101"),
            "the date of the last review"
        );
        let (w, h) = size(&doc);
        assert!(
            (w - 595.3).abs() < 1.0 && (h - 841.9).abs() < 1.0,
            "A4 by default: {w} x {h}"
        );
        let mut expected = vec![shown(title, &rules)];
        for section in yaml["sections"].as_array().unwrap() {
            expected.push(shown(section["title"].as_str().unwrap(), &rules));
            for item in section["items"].as_array().unwrap() {
                if let Some(t) = item
                    .as_str()
                    .or(item["text"].as_str())
                    .or(item["field"].as_str())
                {
                    expected.push(shown(t, &rules));
                }
                for column in item["table"]["columns"].as_array().into_iter().flatten() {
                    expected.push(column.as_str().unwrap().to_string());
                }
            }
        }
        for piece in &expected {
            assert!(all.contains(piece.as_str()), "{slug}.pdf lacks {piece:?}");
            assert!(
                pack_text.contains(piece.as_str()),
                "the pack lacks {piece:?}"
            );
        }
        sheets += doc.get_pages().len();
    }
    assert!(count >= 12);
    assert_eq!(
        pack.get_pages().len(),
        sheets,
        "the pack is the contents and every checklist"
    );
    assert!(
        pack_text.contains("Contents")
            || pack_text.contains("Checklists · Faculty Mentoring Handbook")
    );
    // Tagged, with the text in reading order for screen readers.
    let catalog = pack.catalog().unwrap();
    assert!(catalog.get(b"StructTreeRoot").is_ok(), "a tag tree");
    assert!(catalog.get(b"Lang").is_ok(), "a language");
}

#[test]
fn pdfs_are_byte_identical_from_build_to_build_and_follow_the_paper() {
    let (tmp, root) = bundled();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    build(&root, &a);
    build(&root, &b);
    for name in ["checklists.pdf", "first-meeting.pdf", "swot.pdf"] {
        let (x, y) = (
            std::fs::read(a.join("downloads").join(name)).unwrap(),
            std::fs::read(b.join("downloads").join(name)).unwrap(),
        );
        assert!(x == y, "{name} differs between two builds");
    }
    set_paper(&root, "letter");
    let c = tmp.path().join("c");
    build(&root, &c);
    let doc = Document::load(c.join("downloads/first-meeting.pdf")).unwrap();
    let (w, h) = size(&doc);
    assert!(
        (w - 612.0).abs() < 1.0 && (h - 792.0).abs() < 1.0,
        "Letter: {w} x {h}"
    );
}

#[test]
fn editing_one_checklist_changes_its_pdf_and_the_pack_only() {
    let (tmp, root) = bundled();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    build(&root, &a);
    let file = root.join("content/checklists/swot.yaml");
    std::fs::write(
        &file,
        read(&file).replace("title: Use it", "title: Use it well"),
    )
    .unwrap();
    build(&root, &b);
    let changed: Vec<String> = std::fs::read_dir(a.join("downloads"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| {
            std::fs::read(a.join("downloads").join(name)).ok()
                != std::fs::read(b.join("downloads").join(name)).ok()
        })
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert_eq!(changed, ["checklists.pdf", "swot.pdf"]);
}

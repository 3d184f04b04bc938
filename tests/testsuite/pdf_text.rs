//! Checklist PDFs never lose text: hostile checklists (long table headings, a 400-word label,
//! a 10,000-word item, 300 checklists in the pack), right-to-left scripts, and the mentoring
//! agreement on one sheet.
//!
//! The text layer is read from the pages' content streams: where each piece of text starts
//! and ends (the fonts' widths), at what size, and what it says (through the fonts'
//! `/ToUnicode`, honouring `/ActualText` and `/ReversedChars`, as PDF readers do).

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object};

use crate::common::*;
use crate::print::pdf_text;

/// One text-showing operation, in the page's coordinates (origin at the bottom left).
#[derive(Debug, Clone)]
struct Run {
    text: String,
    x0: f32,
    x1: f32,
    y: f32,
    /// The type size, in points.
    size: f32,
    /// Shown right to left (`/ReversedChars`): a word or a space of its own.
    reversed: bool,
}

/// One page's text and its box.
struct Page {
    width: f32,
    height: f32,
    runs: Vec<Run>,
}

/// A font of a page: how its codes read as text, and their widths (in thousandths of an em).
struct FontInfo<'a> {
    encoding: lopdf::Encoding<'a>,
    widths: BTreeMap<u32, f32>,
    default_width: f32,
    two_bytes: bool,
}

fn number(o: &Object) -> f32 {
    o.as_float()
        .or_else(|_| o.as_i64().map(|i| i as f32))
        .unwrap_or(0.0)
}

fn font_info<'a>(doc: &'a Document, font: &'a Dictionary) -> FontInfo<'a> {
    let encoding = font.get_font_encoding(doc).unwrap();
    let mut widths = BTreeMap::new();
    let mut default_width = 1000.0;
    let two_bytes = font.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Type0");
    if two_bytes {
        let descendants = font
            .get_deref(b"DescendantFonts", doc)
            .and_then(Object::as_array)
            .unwrap();
        let cid = doc
            .dereference(&descendants[0])
            .unwrap()
            .1
            .as_dict()
            .unwrap();
        if let Ok(dw) = cid.get(b"DW") {
            default_width = number(dw);
        }
        if let Ok(w) = cid.get_deref(b"W", doc).and_then(Object::as_array) {
            let mut i = 0;
            while i < w.len() {
                let first = number(&w[i]) as u32;
                match doc.dereference(&w[i + 1]).unwrap().1 {
                    Object::Array(list) => {
                        for (k, v) in list.iter().enumerate() {
                            widths.insert(first + k as u32, number(v));
                        }
                        i += 2;
                    }
                    last => {
                        let (last, width) = (number(last) as u32, number(&w[i + 2]));
                        for c in first..=last {
                            widths.insert(c, width);
                        }
                        i += 3;
                    }
                }
            }
        }
    } else if let (Ok(first), Ok(list)) = (
        font.get(b"FirstChar"),
        font.get_deref(b"Widths", doc).and_then(Object::as_array),
    ) {
        for (k, v) in list.iter().enumerate() {
            widths.insert(number(first) as u32 + k as u32, number(v));
        }
    }
    FontInfo {
        encoding,
        widths,
        default_width,
        two_bytes,
    }
}

type Matrix = [f32; 6];

fn multiply(m: &Matrix, n: &Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

fn apply(m: &Matrix, (x, y): (f32, f32)) -> (f32, f32) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

/// What a marked-content sequence does to the text inside it.
enum Marked {
    /// Its text is this, whatever its glyphs show (given to the first run inside).
    Actual(Option<String>),
    Reversed,
    Other,
}

/// Every page's text runs, with the page's size.
fn pages(doc: &Document) -> Vec<Page> {
    let mut out = Vec::new();
    for (_, id) in doc.get_pages() {
        let media = doc
            .get_dictionary(id)
            .unwrap()
            .get(b"MediaBox")
            .and_then(Object::as_array)
            .unwrap()
            .clone();
        let fonts: BTreeMap<Vec<u8>, FontInfo> = doc
            .get_page_fonts(id)
            .unwrap()
            .into_iter()
            .map(|(name, font)| (name, font_info(doc, font)))
            .collect();
        let content = Content::decode(&doc.get_page_content(id)).unwrap();
        out.push(Page {
            width: number(&media[2]) - number(&media[0]),
            height: number(&media[3]) - number(&media[1]),
            runs: runs(&content, &fonts),
        });
    }
    out
}

fn runs(content: &Content, fonts: &BTreeMap<Vec<u8>, FontInfo>) -> Vec<Run> {
    let identity: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
    let (mut ctm, mut stack) = (identity, Vec::new());
    let (mut tm, mut font, mut size) = (identity, None, 0.0);
    let mut marked: Vec<Marked> = Vec::new();
    let mut out = Vec::new();
    for op in &content.operations {
        let args = &op.operands;
        match op.operator.as_str() {
            "q" => stack.push(ctm),
            "Q" => ctm = stack.pop().unwrap_or(identity),
            "cm" => {
                let m: Vec<f32> = args.iter().map(number).collect();
                ctm = multiply(&[m[0], m[1], m[2], m[3], m[4], m[5]], &ctm);
            }
            "BT" => tm = identity,
            "Tm" => {
                let m: Vec<f32> = args.iter().map(number).collect();
                tm = [m[0], m[1], m[2], m[3], m[4], m[5]];
            }
            "Td" => {
                tm = multiply(
                    &[1.0, 0.0, 0.0, 1.0, number(&args[0]), number(&args[1])],
                    &tm,
                )
            }
            "Tf" => {
                font = fonts.get(args[0].as_name().unwrap());
                size = number(&args[1]);
            }
            "BMC" => marked.push(match args[0].as_name() {
                Ok(b"ReversedChars") => Marked::Reversed,
                _ => Marked::Other,
            }),
            "BDC" => {
                let actual = args
                    .get(1)
                    .and_then(|p| p.as_dict().ok())
                    .and_then(|d| d.get(b"ActualText").ok())
                    .and_then(|t| t.as_str().ok())
                    .map(pdf_text);
                marked.push(match actual {
                    Some(text) => Marked::Actual(Some(text)),
                    None => Marked::Other,
                });
            }
            "EMC" => {
                marked.pop();
            }
            "Tj" | "TJ" => {
                let font = font.expect("a font is set before text");
                let parts = match op.operator.as_str() {
                    "TJ" => args[0].as_array().unwrap().clone(),
                    _ => vec![args[0].clone()],
                };
                let (mut text, mut advance) = (String::new(), 0.0);
                for part in &parts {
                    match part {
                        Object::String(bytes, _) => {
                            text.push_str(&Document::decode_text(&font.encoding, bytes).unwrap());
                            let codes: Vec<u32> = if font.two_bytes {
                                bytes
                                    .chunks(2)
                                    .map(|c| u32::from(c[0]) << 8 | u32::from(c[1]))
                                    .collect()
                            } else {
                                bytes.iter().map(|&b| u32::from(b)).collect()
                            };
                            for code in codes {
                                let w = font.widths.get(&code).copied();
                                advance += w.unwrap_or(font.default_width) / 1000.0 * size;
                            }
                        }
                        other => advance -= number(other) / 1000.0 * size,
                    }
                }
                let reversed = marked.iter().any(|m| matches!(m, Marked::Reversed));
                if reversed {
                    text = text.chars().rev().collect();
                }
                for m in marked.iter_mut().rev() {
                    if let Marked::Actual(actual) = m {
                        text = actual.take().unwrap_or_default();
                        break;
                    }
                }
                let m = multiply(&tm, &ctm);
                let (x0, y) = apply(&m, (0.0, 0.0));
                let (x1, _) = apply(&m, (advance, 0.0));
                let scale = (m[2] * m[2] + m[3] * m[3]).sqrt();
                out.push(Run {
                    text,
                    x0: x0.min(x1),
                    x1: x0.max(x1),
                    y,
                    size: size * scale,
                    reversed,
                });
                tm = multiply(&[1.0, 0.0, 0.0, 1.0, advance, 0.0], &tm);
            }
            _ => {}
        }
    }
    out
}

/// The words of a document's text layer: runs that touch on one line make one word, unless
/// one is right to left (those are shown a word at a time, in the order they are seen).
fn words(pages: &[Page]) -> HashSet<String> {
    let mut text = String::new();
    for page in pages {
        let mut last: Option<&Run> = None;
        for run in &page.runs {
            let touching = last.is_some_and(|l| {
                (l.y - run.y).abs() < 0.5
                    && (l.x1 - run.x0).abs() < 0.5
                    && !l.reversed
                    && !run.reversed
            });
            if !touching {
                text.push(' ');
            }
            text.push_str(&run.text);
            last = Some(run);
        }
    }
    text.split_whitespace().map(str::to_string).collect()
}

/// Every run lies on its page, half an inch or more from each edge, and no two runs on one
/// line overlap (text past its table cell runs into the next cell's heading).
fn assert_inside(name: &str, pages: &[Page]) {
    for (n, page) in pages.iter().enumerate() {
        for run in &page.runs {
            let inside = run.x0 >= 36.0
                && run.x1 <= page.width - 36.0
                && run.y >= 18.0
                && run.y <= page.height - 18.0;
            assert!(
                inside,
                "{name}, page {}: {:?} at x {:.1}–{:.1}, y {:.1} is off a {:.0} × {:.0} page",
                n + 1,
                short(&run.text),
                run.x0,
                run.x1,
                run.y,
                page.width,
                page.height
            );
        }
        for (i, a) in page.runs.iter().enumerate() {
            for b in &page.runs[i + 1..] {
                let same_line = (a.y - b.y).abs() < 1.0;
                let overlap = a.x0.max(b.x0) < a.x1.min(b.x1) - 0.5;
                assert!(
                    !(same_line && overlap),
                    "{name}, page {}: {:?} and {:?} overlap",
                    n + 1,
                    short(&a.text),
                    short(&b.text)
                );
            }
        }
    }
}

fn short(text: &str) -> String {
    text.chars().take(40).collect()
}

fn assert_words(name: &str, found: &HashSet<String>, expected: &str) {
    let missing: Vec<&str> = expected
        .split_whitespace()
        .filter(|w| !found.contains(*w))
        .collect();
    assert!(
        missing.is_empty(),
        "{name}: {} words are not in the text layer, e.g. {:?}",
        missing.len(),
        &missing[..missing.len().min(8)]
    );
}

fn load(out: &Path, name: &str) -> Vec<Page> {
    pages(&Document::load(out.join("downloads").join(name)).unwrap())
}

/// Words `w0`, `w1`, ... of varied length.
fn prose(words: usize, from: usize) -> String {
    (from..from + words)
        .map(|i| format!("{}{i}", &"mentoring"[..1 + i % 9]))
        .collect::<Vec<_>>()
        .join(" ")
}

const COLUMNS: &str =
    "Goal, Action, Resources needed, Support from the mentor, By when, Evidence of progress";

#[test]
fn hostile_checklists_keep_every_word_on_the_page() {
    let label = prose(400, 0);
    let item = prose(10_000, 1_000);
    let hostile = format!(
        "title: Hostile\nsections:\n  - title: Wide\n    items:\n      - {{ table: {{ columns: [{COLUMNS}], rows: 3 }} }}\n      - {{ field: \"{label}\" }}\n      - {{ field: Goals, note: In your own words, lines: 3 }}\n      - \"{item}\"\n      - After the long item\n"
    );
    let mut files = vec![
        (
            "content/index.md".to_string(),
            "---\ntitle: Home\n---\nHome.\n".to_string(),
        ),
        (
            "content/checklists/_section.md".to_string(),
            "---\ntitle: Checklists\nkind: checklist\n---\n".to_string(),
        ),
        ("content/checklists/hostile.yaml".to_string(), hostile),
    ];
    for i in 0..300 {
        files.push((
            format!("content/checklists/pack-{i:03}.yaml"),
            format!("title: Pack checklist number {i}\nweight: {}\nsections:\n  - title: Steps\n    items:\n      - Do step {i}\n", i + 1),
        ));
    }
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let (tmp, root) = handbook_from(&borrowed);
    let out = tmp.path().join("out");
    build_into(&root, &out, &[]);

    let sheet = load(&out, "hostile.pdf");
    assert_inside("hostile.pdf", &sheet);
    let found = words(&sheet);
    assert_words("hostile.pdf", &found, &COLUMNS.replace(',', " "));
    assert_words("hostile.pdf", &found, &label);
    assert_words("hostile.pdf", &found, &item);
    assert_words(
        "hostile.pdf",
        &found,
        "After the long item Goals In your own words",
    );

    let pack = load(&out, "checklists.pdf");
    assert_inside("checklists.pdf", &pack);
    let titles: Vec<String> = (0..300)
        .map(|i| format!("Pack checklist number {i}"))
        .collect();
    // The contents name every checklist, over as many sheets as they take, before the first.
    let first_sheet = pack
        .iter()
        .position(|p| p.runs.iter().any(|r| r.text == "Steps" || r.text == "Wide"))
        .unwrap();
    let contents = words(&pack[..first_sheet]);
    assert_words("the pack's contents", &contents, &titles.join(" "));
    assert!(
        first_sheet > 1,
        "300 titles take more than one contents sheet"
    );
    assert_words("checklists.pdf", &words(&pack), &item);
}

#[test]
fn a_table_of_nine_columns_is_an_error_at_the_ninth() {
    let (_tmp, root) = handbook_from(&[
        ("content/index.md", "---\ntitle: Home\n---\nHome.\n"),
        (
            "content/checklists/_section.md",
            "---\ntitle: Checklists\nkind: checklist\n---\n",
        ),
        (
            "content/checklists/wide.yaml",
            "title: Wide\nsections:\n  - title: S\n    items:\n      - { table: { columns: [A, B, C, D, E, F, G, H, Ninth], rows: 2 } }\n",
        ),
    ]);
    let (out, diagnostics) = check_json(&root, &[]);
    assert_eq!(out.status.code(), Some(1));
    let d = diagnostics
        .iter()
        .find(|d| d["code"] == "E-CHECKLIST-TABLE")
        .expect("a table error");
    assert_eq!(d["file"], "content/checklists/wide.yaml");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(5), Some(54))
    );
}

const URDU: &str = "ہر ملاقات سے پہلے اپنے مقاصد لکھیں اور رہنما کے ساتھ بانٹیں";
const HEBREW: &str = "לפני כל פגישה כתבו את המטרות שלכם ושתפו את המנטור";

#[test]
fn urdu_and_hebrew_words_come_back_from_the_text_layer() {
    let (tmp, root) = handbook_from(&[
        ("content/index.md", "---\ntitle: Home\n---\nHome.\n"),
        (
            "content/checklists/_section.md",
            "---\ntitle: Checklists\nkind: checklist\n---\n",
        ),
        (
            "content/checklists/urdu.yaml",
            &format!(
                "title: پہلی ملاقات\nintro: \"{URDU}\"\nsections:\n  - title: تیاری\n    items:\n      - \"{URDU}\"\n      - {{ field: \"Goals ({URDU})\" }}\n"
            ),
        ),
        (
            "content/checklists/hebrew.yaml",
            &format!(
                "title: פגישה ראשונה\nsections:\n  - title: הכנה\n    items:\n      - \"{HEBREW}\"\n      - {{ table: {{ columns: [מטרה, פעולה], rows: 2 }} }}\n"
            ),
        ),
    ]);
    let out = tmp.path().join("out");
    build_into(&root, &out, &[]);
    let urdu = load(&out, "urdu.pdf");
    assert_inside("urdu.pdf", &urdu);
    let found = words(&urdu);
    assert_words(
        "urdu.pdf",
        &found,
        &format!("پہلی ملاقات تیاری Goals {URDU}"),
    );
    let hebrew = load(&out, "hebrew.pdf");
    assert_inside("hebrew.pdf", &hebrew);
    let found = words(&hebrew);
    assert_words(
        "hebrew.pdf",
        &found,
        &format!("פגישה ראשונה הכנה מטרה פעולה {HEBREW}"),
    );
    for (name, pages) in [("urdu.pdf", &urdu), ("hebrew.pdf", &hebrew)] {
        let text: String = pages
            .iter()
            .flat_map(|p| &p.runs)
            .map(|r| r.text.as_str())
            .collect();
        assert!(
            !text.contains(['\0', '\u{fffd}']),
            "{name} has missing glyphs: {text:?}"
        );
    }
}

#[test]
fn the_mentoring_agreement_is_one_sheet_on_a4_and_letter_with_room_to_sign() {
    let (tmp, root) = bundled();
    for paper in ["a4", "letter"] {
        set_paper(&root, paper);
        let out = tmp.path().join(paper);
        build_into(&root, &out, &[]);
        let sheets = load(&out, "mentoring-agreement.pdf");
        assert_eq!(sheets.len(), 1, "the agreement on {paper} is one sheet");
        let width = if paper == "a4" { 595.0 } else { 612.0 };
        assert!((sheets[0].width - width).abs() < 1.0, "{paper}");
        let runs = &sheets[0].runs;
        assert_inside(paper, &sheets);
        for run in runs {
            assert!(
                run.size >= 7.99,
                "{paper}: {:?} is set in {} pt",
                run.text,
                run.size
            );
        }
        let signatures: Vec<f32> = runs
            .iter()
            .filter(|r| r.text == "Signature")
            .map(|r| r.y)
            .collect();
        assert_eq!(signatures.len(), 2, "{paper}: a signature block each");
        let apart = (signatures[0] - signatures[1]).abs();
        assert!(
            apart >= 15.0 / 25.4 * 72.0,
            "{paper}: signature blocks {:.1} mm tall",
            apart / 72.0 * 25.4
        );
    }
}

#[test]
fn the_handbook_pdf_keeps_every_word_on_the_page_in_every_script() {
    let long_word = "x".repeat(2000);
    let head: Vec<String> = (0..8)
        .map(|i| format!("Support from the mentor {i}"))
        .collect();
    let cells = vec![prose(6, 0); 8];
    let code = format!("```\n{}\n```", "a=1;".repeat(80));
    let page = format!(
        "---\ntitle: Hostile\n---\n{}\n\n{long_word}\n\n| {} |\n|{}|\n| {} |\n\n{code}\n\n{URDU}\n\n{HEBREW}\n\nA smile 🙂 here.\n",
        prose(400, 0),
        head.join(" | "),
        "---|".repeat(8),
        cells.join(" | "),
    );
    let (tmp, root) = handbook_from(&[
        ("content/index.md", "---\ntitle: Home\n---\nHome.\n"),
        ("content/guide/_section.md", "---\ntitle: Guide\n---\n"),
        ("content/guide/hostile.md", &page),
    ]);
    let out = tmp.path().join("out");
    let built = build_to(&root, &out, &[]);
    let said = stderr(&built);
    let line = page.lines().position(|l| l.contains('🙂')).unwrap() + 1;
    assert!(
        said.contains("W-PDF-GLYPH") && said.contains(&format!("content/guide/hostile.md:{line}:")),
        "the emoji is a warning at its place: {said}"
    );
    let book = load(&out, "handbook.pdf");
    assert_inside("handbook.pdf", &book);
    let found = words(&book);
    let expected = format!(
        "{} {} {URDU} {HEBREW} Hostile",
        prose(400, 0),
        head.join(" ")
    );
    assert_words("handbook.pdf", &found, &expected);
    let all: String = book
        .iter()
        .flat_map(|p| &p.runs)
        .map(|r| r.text.as_str())
        .collect();
    assert_eq!(
        all.matches('x').count(),
        2000,
        "the long word, broken over lines"
    );
}

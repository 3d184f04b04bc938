//! The print editions printed by a real browser (headless Chromium), and read back with
//! lopdf: each checklist from a new sheet, the number of sheets each takes on A4 and on
//! Letter, and no navigation chrome.

use std::path::Path;
use std::process::Command;

use lopdf::{Document, Object};

use crate::browser::{built_offline, chromium};
use crate::common::cdp;
use crate::common::*;

/// Sheets each bundled checklist takes in `/print/checklists/`, on A4 and on Letter. A
/// change to a checklist or to the print style that moves these shows here. The agreement
/// form holds more than a sheet of lines to write on; on Letter, which is shorter than A4,
/// the SWOT and the action plan keep their rows tall enough to write in and take two.
const SHEETS: &[(&str, usize, usize)] = &[
    ("Mentor pool and eligibility", 1, 1),
    ("Pairing with mentee choice", 1, 1),
    ("Checking the fit after probation", 1, 1),
    ("First (introductory) meeting", 1, 1),
    ("Mentoring agreement", 2, 2),
    ("Progress review", 1, 1),
    ("Annual review", 1, 1),
    ("Personal SWOT worksheet", 1, 2),
    ("Goal setting (GROW)", 1, 1),
    ("Action plan with milestones", 1, 2),
    ("Portfolio and reflection", 1, 1),
    ("Ethics red flags", 1, 1),
    ("Programme evaluation and recognition", 1, 1),
    // The committee's forms: each field its label, its hint and its lines to write on (7 mm
    // apart), which makes one and a half to two sheets of each; one sheet would need lines
    // too narrow to write on, or hints beside their labels.
    ("Mentor profile", 2, 2),
    ("Mentee's ranked choices", 2, 2),
    ("Feedback form", 2, 2),
    ("Change or ending notice", 2, 2),
];

fn print_to_pdf(browser: &str, page: &Path, pdf: &Path, profile: &Path) {
    let status = Command::new(browser)
        .args(cdp::HEADLESS)
        .arg("--no-pdf-header-footer")
        .arg("--generate-pdf-document-outline")
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    assert!(
        status.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&status.stderr)
    );
}

/// A PDF text string (UTF-16 with a byte-order mark, or PDFDocEncoding taken as Latin-1).
pub fn pdf_text(bytes: &[u8]) -> String {
    if let Some(utf16) = bytes.strip_prefix(&[0xfe, 0xff]) {
        let units: Vec<u16> = utf16
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        bytes.iter().map(|&b| b as char).collect()
    }
}

/// Every entry of the PDF's outline (the headings), in order, with its page number.
fn outline(doc: &Document) -> Vec<(String, u32)> {
    let pages: std::collections::HashMap<lopdf::ObjectId, u32> =
        doc.get_pages().into_iter().map(|(n, id)| (id, n)).collect();
    let catalog = doc.catalog().unwrap();
    let mut out = Vec::new();
    let Ok(root) = catalog.get(b"Outlines").and_then(Object::as_reference) else {
        return out;
    };
    let mut stack = vec![
        doc.get_dictionary(root)
            .unwrap()
            .get(b"First")
            .ok()
            .cloned(),
    ];
    while let Some(next) = stack.pop() {
        let Some(Object::Reference(id)) = next else {
            continue;
        };
        let item = doc.get_dictionary(id).unwrap();
        stack.push(item.get(b"Next").ok().cloned());
        stack.push(item.get(b"First").ok().cloned());
        let title = item
            .get(b"Title")
            .and_then(Object::as_str)
            .map(pdf_text)
            .unwrap_or_default();
        let page = item
            .get(b"Dest")
            .and_then(Object::as_array)
            .ok()
            .and_then(|dest| dest.first())
            .and_then(|p| p.as_reference().ok())
            .and_then(|p| pages.get(&p).copied())
            .unwrap_or(0);
        out.push((title, page));
    }
    out
}

/// Width and height of the first page, in points.
fn page_size(doc: &Document) -> (f32, f32) {
    let (_, id) = doc.get_pages().into_iter().next().unwrap();
    let page = doc.get_dictionary(id).unwrap();
    let media = page.get(b"MediaBox").and_then(Object::as_array).unwrap();
    let n = |o: &Object| o.as_float().unwrap_or(0.0);
    (n(&media[2]) - n(&media[0]), n(&media[3]) - n(&media[1]))
}

#[test]
fn each_checklist_prints_from_a_new_sheet_on_a4_and_letter() {
    let Some(browser) = chromium() else { return };
    for (paper, size) in [("a4", (595.0, 842.0)), ("letter", (612.0, 792.0))] {
        let (tmp, root) = built_offline();
        set_paper(&root, paper);
        let out = run(
            &["build", "--root", root.to_str().unwrap(), "--offline"],
            &root,
        );
        assert!(out.status.success(), "{}", stderr(&out));
        let pdf = tmp.path().join("checklists.pdf");
        let page = root.join("public/print/checklists/index.html");
        print_to_pdf(browser, &page, &pdf, &tmp.path().join("profile"));
        let doc = Document::load(&pdf).unwrap();
        let (w, h) = page_size(&doc);
        assert!(
            (w - size.0).abs() < 2.0 && (h - size.1).abs() < 2.0,
            "{paper}: {w} x {h}"
        );
        let total = doc.get_pages().len() as u32;
        let entries = outline(&doc);
        let starts: Vec<(&str, u32)> = SHEETS
            .iter()
            .map(|(title, _, _)| {
                let page = entries
                    .iter()
                    .find(|(t, _)| t == title)
                    .map(|(_, p)| *p)
                    .unwrap_or_else(|| panic!("{title} is not in the outline: {entries:?}"));
                (*title, page)
            })
            .collect();
        let mut found = Vec::new();
        for (i, (title, start)) in starts.iter().enumerate() {
            let end = starts.get(i + 1).map_or(total + 1, |(_, p)| *p);
            found.push((*title, end - start));
        }
        let expected: Vec<(&str, u32)> = SHEETS
            .iter()
            .map(|(t, a4, letter)| (*t, if paper == "a4" { *a4 } else { *letter } as u32))
            .collect();
        assert_eq!(found, expected, "sheets per checklist on {paper}");
        // The contents sheet comes first; each checklist starts on its own sheet.
        assert!(
            starts[0].1 > 1,
            "{paper}: the first checklist follows the contents"
        );
    }
}

#[test]
fn the_printed_handbook_has_no_navigation_chrome() {
    let Some(browser) = chromium() else { return };
    let (_tmp, root) = built_offline();
    let mut b = cdp::Browser::start(browser, 1024);
    b.goto(&format!(
        "file://{}",
        root.join("public/print/handbook/index.html").display()
    ));
    b.call(
        "Emulation.setEmulatedMedia",
        serde_json::json!({ "media": "print" }),
    );
    let shown = |b: &mut cdp::Browser, selector: &str| {
        b.eval(&format!(
            "Array.from(document.querySelectorAll('{selector}')).some(e => getComputedStyle(e).display !== 'none')"
        ))
    };
    for chrome in [
        ".sidebar",
        ".masthead",
        ".print-toolbar",
        ".pager",
        ".breadcrumbs",
        ".site-search",
    ] {
        assert_eq!(
            shown(&mut b, chrome),
            serde_json::json!(false),
            "{chrome} is printed"
        );
    }
    let underlined = b.eval("Array.from(document.querySelectorAll('.prose a')).some(a => getComputedStyle(a).textDecorationLine.includes('underline'))");
    assert_eq!(
        underlined,
        serde_json::json!(false),
        "links are not underlined on paper"
    );
    // Every chapter and page of the reading order is there, with the sources at the end.
    let parts = b.eval("document.querySelectorAll('.print-part').length");
    assert!(parts.as_u64().unwrap() > 60, "{parts}");
    let last = b.eval("Array.from(document.querySelectorAll('.print-part')).pop().id");
    assert_eq!(last, serde_json::json!("p-sources"));
}

/// The handbook's print edition reads as a book: chapters from a new sheet, numbered in
/// order in the contents; citations numbered once for the whole book, in order of first
/// citation, pointing to one bibliography at the end; cross-references that say where they
/// lead; sub-headings no smaller than the text.
#[test]
fn the_printed_handbook_reads_as_a_book() {
    let Some(browser) = chromium() else { return };
    let (tmp, root) = built_offline();
    let page = root.join("public/print/handbook/index.html");
    let html = read(&page);

    let chapter = regex::Regex::new(r##"<li class="print-contents-1"><a href="#([^"]+)"><span class="print-contents-number">(\d+)</span> ([^<]+)</a>"##).unwrap();
    let chapters: Vec<(String, usize, String)> = chapter
        .captures_iter(&html)
        .map(|c| (c[1].to_string(), c[2].parse().unwrap(), c[3].to_string()))
        .collect();
    assert!(chapters.len() > 8, "{chapters:?}");
    let numbers: Vec<usize> = chapters.iter().map(|c| c.1).collect();
    assert_eq!(numbers, (1..=chapters.len()).collect::<Vec<_>>());

    // One bibliography: no chapter has its own list, and numbers appear in order of first use.
    assert!(
        !html.contains("print-references"),
        "a part prints its own references"
    );
    let cite = regex::Regex::new(r##"<a href="#(p-sources--src-[^"]+)" aria-label="source (\d+)"##)
        .unwrap();
    let mut seen = Vec::new();
    for c in cite.captures_iter(&html) {
        let n: usize = c[2].parse().unwrap();
        if !seen.contains(&n) {
            assert_eq!(
                n,
                seen.len() + 1,
                "source {n} is cited before {}",
                seen.len() + 1
            );
            seen.push(n);
        }
        let entry = html[html.find("class=\"bibliography\"").unwrap()..]
            .split("<li id=\"")
            .nth(n)
            .unwrap_or("");
        assert!(
            entry.starts_with(&c[1]),
            "citation {n} points to {}, the bibliography's entry {n} is {}",
            &c[1],
            &entry[..40.min(entry.len())]
        );
    }
    assert!(seen.len() >= 3, "{seen:?}");

    // A link to a strategy names it by its number.
    let xref = regex::Regex::new(r##"<a href="#(p-strategies-[^"-]+)">[^<]*</a> <span class="xref">\([^<]*strategy (\d+)\)</span>"##).unwrap();
    let mut checked = 0;
    for c in xref.captures_iter(&html) {
        let contents = format!(
            "<a href=\"#{}\"><span class=\"print-contents-number\">{}</span>",
            &c[1], &c[2]
        );
        assert!(
            html.contains(&contents),
            "{} is not strategy {}",
            &c[1],
            &c[2]
        );
        checked += 1;
    }
    assert!(
        checked > 0,
        "no cross-reference to a strategy says which one"
    );

    // Printed: each chapter starts a sheet, and no sub-heading is smaller than the text.
    let pdf = tmp.path().join("handbook.pdf");
    print_to_pdf(browser, &page, &pdf, &tmp.path().join("profile"));
    let entries = outline(&Document::load(&pdf).unwrap());
    for (_, _, title) in &chapters {
        let title = &title.replace("&#x27;", "'").replace("&amp;", "&");
        let at = entries
            .iter()
            .position(|(t, _)| t == title)
            .unwrap_or_else(|| panic!("{title} is not in the outline"));
        if at > 0 {
            assert!(
                entries[at - 1].1 < entries[at].1,
                "{title} does not start a new sheet: {:?}",
                &entries[at - 1]
            );
        }
    }
    let mut b = cdp::Browser::start(browser, 1024);
    b.goto(&format!("file://{}", page.display()));
    b.call(
        "Emulation.setEmulatedMedia",
        serde_json::json!({ "media": "print" }),
    );
    let smaller = b.eval("(() => { const body = parseFloat(getComputedStyle(document.querySelector('.print-part .prose p')).fontSize); return Array.from(document.querySelectorAll('.print-part :is(h3, h4, h5, h6)')).filter(h => parseFloat(getComputedStyle(h).fontSize) < body).map(h => h.tagName + ' ' + h.textContent).slice(0, 5); })()");
    assert_eq!(
        smaller,
        serde_json::json!([]),
        "sub-headings smaller than the text"
    );
}

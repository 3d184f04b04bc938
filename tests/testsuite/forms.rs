//! Checklist forms in a real browser (headless Chromium), on every bundled checklist: fields
//! laid out as GOV.UK lays them out (label, hint, then a box the width of the column and as
//! many lines tall as the answer needs), on screen and in print.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::browser::{built_offline, chromium};
use crate::common::cdp;

/// The bundled checklists' pages in a built site, in a stable order.
fn checklist_pages(root: &Path) -> Vec<PathBuf> {
    let mut pages: Vec<PathBuf> = std::fs::read_dir(root.join("public/checklists"))
        .unwrap()
        .map(|e| e.unwrap().path().join("index.html"))
        .filter(|p| p.exists())
        .collect();
    pages.sort();
    assert!(pages.len() > 10, "the bundled checklists: {pages:?}");
    pages
}

/// Faults of the page's fields at its width, as strings, and the fields and hints seen:
/// a box narrower than 60 % of the form's column (the record's names and date included),
/// a hint not between its label and its box or not tied to the box, and a box whose height
/// in lines is not its field's `lines` (a text area's rows; 1 for an input).
const FIELD_FAULTS: &str = r#"(() => {
  const column = document.querySelector('[data-checklist]').getBoundingClientRect().width;
  const faults = []; let hints = 0; const tall = [];
  const boxes = [...document.querySelectorAll('[data-checklist] [data-entry^="field:"]')];
  for (const box of boxes) {
    const field = box.closest('.checklist-field');
    const name = field.querySelector('label').textContent.trim();
    const r = box.getBoundingClientRect();
    if (r.width < 0.6 * column) faults.push(`${name}: a box ${Math.round(r.width)} px wide in a row of ${Math.round(column)}`);
    const label = field.querySelector('label').getBoundingClientRect();
    if (label.bottom > r.top + 1) faults.push(`${name}: the label is not above the box`);
    const note = field.querySelector('.item-note');
    if (note) {
      hints += 1;
      const n = note.getBoundingClientRect();
      if (n.top < label.bottom - 1 || n.bottom > r.top + 1) faults.push(`${name}: the hint is not between the label and the box`);
      if (box.getAttribute('aria-describedby') !== note.id) faults.push(`${name}: the hint is not tied to the box`);
    }
    const s = getComputedStyle(box);
    const lines = (box.clientHeight - parseFloat(s.paddingTop) - parseFloat(s.paddingBottom)) / parseFloat(s.lineHeight);
    const want = box.tagName === 'TEXTAREA' ? box.rows : 1;
    if (Math.abs(lines - want) > 0.5) faults.push(`${name}: a box ${lines.toFixed(2)} lines tall for ${want}`);
    if (want > 1) tall.push(want);
  }
  return { faults, fields: boxes.length, hints, tall };
})()"#;

/// At 1280 px every field's box is the width of the form's column (no ragged boxes beside
/// their labels), the hint sits between the label and the box and describes the box, and
/// a field of `lines: N` has a box N lines tall.
#[test]
fn every_checklist_field_is_label_hint_then_a_full_width_box_lines_tall() {
    let Some(chromium) = chromium() else { return };
    let (_tmp, root) = built_offline();
    let mut browser = cdp::Browser::start(chromium, 1280);
    let (mut fields, mut hints, mut tall) = (0, 0, Vec::new());
    for page in checklist_pages(&root) {
        browser.goto(&format!("file://{}", page.display()));
        let seen = browser.eval(FIELD_FAULTS);
        let faults = seen["faults"].as_array().unwrap();
        assert!(faults.is_empty(), "{}: {faults:#?}", page.display());
        fields += seen["fields"].as_u64().unwrap();
        hints += seen["hints"].as_u64().unwrap();
        tall.extend(seen["tall"].as_array().unwrap().iter().map(Value::as_u64));
    }
    assert!(fields > 50 && hints > 25, "{fields} fields, {hints} hints");
    for n in [2, 3, 4] {
        assert!(tall.contains(&Some(n)), "no field of {n} lines: {tall:?}");
    }
}

/// In print a field is its label, its hint and `lines` ruled lines to write on (the rules
/// printed whatever the browser's background setting); a typed answer prints in full on the
/// same rules in their place, at least as tall as the lines it replaces.
#[test]
fn a_field_prints_as_its_label_hint_and_ruled_lines_or_its_answer() {
    let Some(chromium) = chromium() else { return };
    let (_tmp, root) = built_offline();
    let mut browser = cdp::Browser::start(chromium, 700);
    let page = root.join("public/checklists/feedback-form/index.html");
    browser.goto(&format!("file://{}", page.display()));
    let answered = "document.getElementById('entry-what-works-well-and-should-stay')";
    browser.eval(&format!("{answered}.focus()"));
    browser.type_text("Short.");
    browser.call(
        "Emulation.setEmulatedMedia",
        serde_json::json!({ "media": "print" }),
    );
    let printed = browser.eval(
        r#"(() => {
  const rule = 7 * 96 / 25.4;
  const faults = []; let ruled = 0;
  for (const field of document.querySelectorAll('.checklist-items .checklist-field')) {
    const box = field.querySelector('[data-entry]');
    const name = field.querySelector('label').textContent.trim();
    const lines = box.tagName === 'TEXTAREA' ? box.rows : 1;
    const answered = field.hasAttribute('data-answer');
    const space = answered ? getComputedStyle(field, '::after') : getComputedStyle(box);
    const above = (field.querySelector('.item-note') || field.querySelector('label')).getBoundingClientRect().bottom;
    const below = field.getBoundingClientRect().bottom - parseFloat(getComputedStyle(field).paddingBottom);
    const height = answered ? below - above : box.getBoundingClientRect().height;
    if (answered && getComputedStyle(box).display !== 'none') faults.push(`${name}: the empty box prints beside the answer`);
    if (!answered && Math.abs(height - lines * rule) > 2) faults.push(`${name}: ${height.toFixed(1)} px of lines for ${lines}`);
    if (answered && height < lines * rule - 2) faults.push(`${name}: its answer takes ${height.toFixed(1)} px, less than its ${lines} lines`);
    if (!space.backgroundImage.includes('repeating-linear-gradient') || space.printColorAdjust !== 'exact') faults.push(`${name}: no ruled lines (${space.backgroundImage})`);
    const label = field.querySelector('label').getBoundingClientRect();
    const note = field.querySelector('.item-note');
    if (note && (note.getBoundingClientRect().top < label.bottom - 1)) faults.push(`${name}: the hint is above its label`);
    ruled += 1;
  }
  return { faults, ruled };
})()"#,
    );
    let faults = printed["faults"].as_array().unwrap();
    assert!(faults.is_empty(), "{faults:#?}");
    assert!(printed["ruled"].as_u64().unwrap() >= 10, "{printed}");
    let answer = browser.eval(&format!(
        "getComputedStyle({answered}.parentElement, '::after').content"
    ));
    assert_eq!(answer, "\"Short.\"");
}

/// Faults of the page's fill-in tables at its width: a visible column header or cell label
/// that breaks inside a word (a word's text over more than one line box), a box narrower
/// than 200 px, or a box without an accessible name or a visible label above it.
const TABLE_FAULTS: &str = r#"(() => {
  const faults = []; let boxes = 0, labels = 0;
  const tables = [...document.querySelectorAll('[data-checklist] .checklist-table')];
  for (const table of tables) {
    for (const el of table.querySelectorAll('th, .cell-label')) {
      const r = el.getBoundingClientRect();
      if (r.width <= 1 || r.height <= 1) continue;
      labels += 1;
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const word of node.data.matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(node, word.index);
          range.setEnd(node, word.index + word[0].length);
          const lines = [...range.getClientRects()].filter(q => q.width > 0).length;
          if (lines > 1) faults.push(`"${word[0]}" breaks over ${lines} lines`);
        }
      }
    }
    for (const box of table.querySelectorAll('input')) {
      boxes += 1;
      const r = box.getBoundingClientRect();
      const name = box.getAttribute('aria-label') || '';
      if (r.width < 200) faults.push(`${name}: a box ${Math.round(r.width)} px wide`);
      if (!name.trim()) faults.push(`${box.id}: a box with no accessible name`);
      const label = box.labels && box.labels[0];
      const l = label && label.getBoundingClientRect();
      if (!l || l.width <= 1 || l.bottom > r.top + 1) faults.push(`${name}: no visible label above the box`);
    }
  }
  if (document.documentElement.scrollWidth > innerWidth) faults.push('the page scrolls sideways');
  return { faults, tables: tables.length, boxes, labels };
})()"#;

/// On a 360 px phone each fill-in table's row is a card: every box at least 200 px wide
/// under its column's header as a label, and no header or label broken inside a word (five
/// columns in 328 px broke "Acti/on" and "Sup/port/nee/ded" and left 64 px boxes). On a
/// desktop the table keeps its header row.
#[test]
fn fill_in_tables_become_cards_of_labelled_boxes_on_a_phone() {
    let Some(chromium) = chromium() else { return };
    let (_tmp, root) = built_offline();
    let mut browser = cdp::Browser::start(chromium, 1280);
    let (mut tables, mut boxes) = (0, 0);
    for page in checklist_pages(&root) {
        browser.phone(360);
        browser.goto(&format!("file://{}", page.display()));
        let seen = browser.eval(TABLE_FAULTS);
        let faults = seen["faults"].as_array().unwrap();
        assert!(
            faults.is_empty(),
            "{} at 360 px: {faults:#?}",
            page.display()
        );
        if seen["tables"].as_u64().unwrap() == 0 {
            continue;
        }
        tables += seen["tables"].as_u64().unwrap();
        boxes += seen["boxes"].as_u64().unwrap();
        assert!(seen["labels"].as_u64().unwrap() > 0, "{seen}");
        browser.viewport(1280, false);
        let header = browser
            .eval("document.querySelector('.checklist-table th').getBoundingClientRect().width");
        assert!(
            header.as_f64().unwrap() > 50.0,
            "{}: the desktop header row {header}",
            page.display()
        );
    }
    assert!(tables >= 4 && boxes > 50, "{tables} tables, {boxes} boxes");
}

/// A scenario's themes are words, not links: they must not look like the "Who acts" pills,
/// which are links (a different border, corner and fill, and no pointer cursor).
#[test]
fn scenario_themes_are_plain_tags_unlike_the_linked_who_acts_pills() {
    let Some(chromium) = chromium() else { return };
    let (_tmp, root) = built_offline();
    let mut browser = cdp::Browser::start(chromium, 1280);
    let mut look = |page: &str, chip: &str| {
        browser.goto(&format!(
            "file://{}",
            root.join("public").join(page).display()
        ));
        browser.eval(&format!("(() => {{ const s = getComputedStyle(document.querySelector('{chip}')); return [s.borderTopWidth + ' ' + s.borderTopStyle, s.borderTopLeftRadius, s.backgroundColor, s.cursor]; }})()"))
    };
    let tag = look(
        "scenarios/clinical-teaching-discomfort/index.html",
        ".themes span.chip",
    );
    let pill = look("strategies/build-trust/index.html", ".who-acts a.chip");
    for (i, what) in ["border", "corner", "fill"].iter().enumerate() {
        assert_ne!(tag[i], pill[i], "a theme tag has the {what} of a link pill");
    }
    assert_eq!(pill[3], "pointer", "{pill}");
    assert_ne!(tag[3], "pointer", "{tag}");
}

/// Each sign-off's signature line takes the whole row: on a phone the full width (it took
/// the right half), on a desktop the width of the name and date above it, in print at least
/// the name's width.
#[test]
fn the_signature_line_takes_the_whole_row() {
    let Some(chromium) = chromium() else { return };
    let (_tmp, root) = built_offline();
    let mut browser = cdp::Browser::start(chromium, 1280);
    let page = root.join("public/checklists/pairing/index.html");
    let widths = "[...document.querySelectorAll('.sign-off-line')].map(l => { const f = [...l.querySelectorAll('.field')].map(e => e.getBoundingClientRect()); const r = l.getBoundingClientRect(); return [r.left, r.right, f[0].left, f[0].width, f[2].left, f[2].right]; })";
    let lines = |browser: &mut cdp::Browser| -> Vec<Vec<f64>> {
        let v = browser.eval(widths);
        let lines: Vec<Vec<f64>> = serde_json::from_value(v).unwrap();
        assert!(lines.len() >= 3, "{lines:?}");
        lines
    };
    browser.phone(360);
    browser.goto(&format!("file://{}", page.display()));
    for l in lines(&mut browser) {
        assert!(
            l[4] - l[0] < 1.0 && l[1] - l[5] < 1.0,
            "on a phone the signature spans {}..{} of {}..{}",
            l[4],
            l[5],
            l[0],
            l[1]
        );
    }
    browser.viewport(1280, false);
    for l in lines(&mut browser) {
        assert!(
            (l[4] - l[2]).abs() < 1.0 && l[1] - l[5] < 1.0,
            "on a desktop the signature spans {}..{}, the name starts at {}, the row ends at {}",
            l[4],
            l[5],
            l[2],
            l[1]
        );
    }
    browser.call(
        "Emulation.setEmulatedMedia",
        serde_json::json!({ "media": "print" }),
    );
    for l in lines(&mut browser) {
        assert!(l[5] - l[4] >= l[3] - 1.0, "in print a signature {l:?}");
    }
}

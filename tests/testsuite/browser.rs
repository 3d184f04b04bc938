//! Real-browser checks with headless Chromium (Debian's `chromium` package; `.ci/run`
//! installs it). Outside CI, a machine without Chromium skips these with a note.

use std::process::Command;

use crate::common::*;

/// True once the page's live-reload stream has connected.
const LISTENING: &str = "document.documentElement.getAttribute('data-live') === 'connected'";
use crate::common::{cdp, server};

pub(crate) fn chromium() -> Option<&'static str> {
    let found = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|c| {
            Command::new(c)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        });
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install chromium (see .ci/run)"
        );
        eprintln!("skipping: no chromium on this machine");
    }
    found
}

/// The bundled handbook, built with `--offline` so pages open from `file://` URLs.
pub(crate) fn built_offline() -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, root) = bundled();
    build_offline(&root);
    (tmp, root)
}

#[test]
fn checklist_ticks_survive_a_reload_and_reset_clears_them() {
    let Some(chromium) = chromium() else { return };
    let (_tmp, root) = built_offline();
    let page = root.join("public/checklists/first-meeting/index.html");
    let mut browser = cdp::Browser::start(chromium, 1024);
    browser.goto(&format!("file://{}", page.display()));
    browser.wait_for(
        "!document.querySelector('.checklist-tools').hidden",
        "the checklist tools to show",
    );
    browser.eval("document.querySelectorAll('input[data-item]')[1].click()");
    assert_eq!(
        browser.eval("document.querySelector('.checklist-progress .done').textContent"),
        "1"
    );
    browser.reload();
    browser.wait_for(
        "document.querySelector('.checklist-progress .done').textContent === '1'",
        "ticks after reload",
    );
    assert_eq!(
        browser.eval("document.querySelectorAll('input[data-item]')[1].checked"),
        true
    );
    assert_eq!(
        browser.eval("document.querySelectorAll('input[data-item]')[0].checked"),
        false
    );
    browser.eval("document.querySelector('[data-action=reset]').click()");
    browser.reload();
    browser.wait_for(
        "document.querySelector('.checklist-progress .done').textContent === '0'",
        "no ticks after reset",
    );
}

#[test]
fn pages_fit_a_360_pixel_phone_and_the_menu_opens() {
    let Some(chromium) = chromium() else { return };
    let (_tmp, root) = built_offline();
    let mut browser = cdp::Browser::start(chromium, 800);
    browser.phone(360);
    for page in [
        "index.html",
        "strategies/build-trust/index.html",
        "checklists/first-meeting/index.html",
        "editors-guide/index.html",
        "sources/index.html",
    ] {
        browser.goto(&format!(
            "file://{}",
            root.join("public").join(page).display()
        ));
        assert_eq!(browser.eval("window.innerWidth"), 360, "the phone viewport");
        let overflow = browser.eval("document.documentElement.scrollWidth - window.innerWidth");
        assert_eq!(overflow, 0, "{page} scrolls sideways on a phone");
    }
    assert_eq!(
        browser.eval("getComputedStyle(document.getElementById('sidebar')).display"),
        "none"
    );
    browser.eval("document.querySelector('.nav-toggle').click()");
    assert_eq!(
        browser.eval("getComputedStyle(document.getElementById('sidebar')).display"),
        "block"
    );
    assert_eq!(
        browser.eval("document.querySelector('.nav-toggle').getAttribute('aria-expanded')"),
        "true"
    );
    // Menu links are targets a thumb can hit, as are the breadcrumbs.
    let shortest = "Math.min(...[...document.querySelectorAll(SELECTOR)].map(a => a.getBoundingClientRect().height))";
    let menu = browser.eval(&shortest.replace("SELECTOR", "'#sidebar a'"));
    assert!(menu.as_f64().unwrap() >= 43.5, "a menu link {menu} px tall");
    let crumbs = browser.eval(&shortest.replace("SELECTOR", "'.breadcrumbs a'"));
    assert!(
        crumbs.as_f64().unwrap() >= 43.5,
        "a breadcrumb {crumbs} px tall"
    );
    // Open, the button says what it does next; Escape closes the menu and returns to it.
    assert_eq!(
        browser.eval("document.querySelector('.nav-toggle').textContent"),
        "Close"
    );
    browser.eval("document.querySelector('#sidebar a').focus()");
    browser.key("Escape", 27, false);
    assert_eq!(
        browser.eval("getComputedStyle(document.getElementById('sidebar')).display"),
        "none"
    );
    assert_eq!(
        browser.eval("[document.activeElement.className, document.activeElement.textContent]"),
        serde_json::json!(["nav-toggle", "Menu"])
    );

    // The search page's own box keeps its width on a phone (the header's box is a button).
    browser.goto(&format!(
        "file://{}",
        root.join("public/search/index.html").display()
    ));
    let width =
        browser.eval("document.getElementById('search-page-input').getBoundingClientRect().width");
    assert!(
        width.as_f64().unwrap() >= 200.0,
        "search box {width} px wide"
    );
}

#[test]
fn live_reload_error_overlay_and_stylesheet_swap_in_a_real_browser() {
    let Some(chromium) = chromium() else { return };
    let (_tmp, root) = handbook_from(&[
        (
            "book.yaml",
            "title: Live\ninstitution:\n  colors: { primary: \"#0b5d4b\" }\n",
        ),
        (
            "content/index.md",
            "---\ntitle: Home\n---\nFirst version.\n",
        ),
    ]);
    let server = server::serve(&root);
    let mut browser = cdp::Browser::start(chromium, 1024);
    browser.goto(&format!("http://127.0.0.1:{}/", server.port));
    browser.eval("window.__kept = 1");
    // The EventSource connects after load: edit once it listens.
    browser.wait_for(LISTENING, "the live-reload stream to connect");

    write(
        &root,
        "content/index.md",
        "---\ntitle: Home\n---\nSecond version.\n",
    );
    browser.wait_for(
        "document.body && document.body.textContent.includes('Second version.')",
        "the page to reload",
    );
    assert_eq!(
        browser.eval("window.__kept === undefined"),
        true,
        "a content change reloads the page"
    );

    write(
        &root,
        "content/index.md",
        "---\ntitle: Home\ntitel: typo\n---\nBroken version.\n",
    );
    browser.wait_for(
        "document.getElementById('handbook-errors')",
        "the error overlay",
    );
    let overlay = browser.eval("document.getElementById('handbook-errors').textContent");
    let overlay = overlay.as_str().unwrap();
    assert!(
        overlay.contains("content/index.md:3:1") && overlay.contains("E-FIELD-UNKNOWN"),
        "{overlay}"
    );
    assert!(overlay.contains("did you mean `title`?"), "{overlay}");
    assert_eq!(
        browser.eval("document.body.textContent.includes('Second version.')"),
        true,
        "the last good page stays"
    );

    write(
        &root,
        "content/index.md",
        "---\ntitle: Home\n---\nThird version.\n",
    );
    browser.wait_for("document.body && document.body.textContent.includes('Third version.') && !document.getElementById('handbook-errors')", "the fix to show");

    // Only brand.css changes when a colour changes: styles are swapped, the page is not reloaded.
    browser.wait_for(LISTENING, "the reloaded page to listen");
    browser.eval("window.__kept = 2");
    write(
        &root,
        "book.yaml",
        "title: Live\ninstitution:\n  colors: { primary: \"#1d4e89\" }\n",
    );
    browser.wait_for(
        "document.querySelector('link[href*=\"brand.css?v=\"]')",
        "the stylesheet swap",
    );
    assert_eq!(
        browser.eval("window.__kept"),
        2,
        "a stylesheet change does not reload the page"
    );
}

#[test]
fn ticks_and_entries_survive_reordering_and_clear_separately() {
    let Some(chromium) = chromium() else { return };
    let checklist = |order: &[&str]| {
        let items: String = order.iter().map(|i| format!("      - {i}\n")).collect();
        format!(
            "title: Plan\nrecord: [mentor, date]\nsections:\n  - title: Now\n    items:\n{items}"
        )
    };
    let a = "Book a room";
    let b = "Bring the agreement";
    let field = "{ field: Agreed next meeting }";
    let table = "{ table: { columns: [Goal, By when], rows: 2 }, id: goals }";
    let (_tmp, root) = handbook_from(&[
        ("content/index.md", "---\ntitle: Home\n---\nWelcome.\n"),
        (
            "content/checklists/_section.md",
            "---\ntitle: Checklists\nkind: checklist\n---\n",
        ),
        (
            "content/checklists/plan.yaml",
            &checklist(&[a, b, field, table]),
        ),
    ]);
    let build = || {
        let out = run(
            &["build", "--root", root.to_str().unwrap(), "--offline"],
            &root,
        );
        assert!(out.status.success(), "{}", stderr(&out));
    };
    build();
    let mut browser = cdp::Browser::start(chromium, 1024);
    browser.goto(&format!(
        "file://{}",
        root.join("public/checklists/plan/index.html").display()
    ));
    let fill = |browser: &mut cdp::Browser, selector: &str, text: &str| {
        browser.eval(&format!(
            "(() => {{ const i = document.querySelector('{selector}'); i.focus(); i.value = ''; }})()"
        ));
        browser.type_text(text);
    };
    browser.eval("document.querySelector('[data-item=bring-the-agreement]').click()");
    fill(
        &mut browser,
        "[data-entry=\"field:agreed-next-meeting\"]",
        "12 March",
    );
    fill(
        &mut browser,
        "[data-entry=\"table:goals:1:0\"]",
        "Publish a paper",
    );
    fill(
        &mut browser,
        "[data-entry=\"field:record-mentor\"]",
        "Dr Khan",
    );
    assert_eq!(
        browser.eval("document.querySelector('[data-entry=\"field:agreed-next-meeting\"]').getAttribute('value')"),
        serde_json::json!("12 March"),
        "what was typed is what prints"
    );

    // The committee reorders the checklist: the table first, the field last.
    write(
        &root,
        "content/checklists/plan.yaml",
        &checklist(&[table, b, a, field]),
    );
    build();
    browser.reload();
    let value = |browser: &mut cdp::Browser, entry: &str| {
        browser.eval(&format!(
            "document.querySelector('[data-entry=\"{entry}\"]').value"
        ))
    };
    assert_eq!(
        browser.eval("document.querySelector('[data-item=bring-the-agreement]').checked"),
        serde_json::json!(true)
    );
    assert_eq!(
        browser.eval("document.querySelector('[data-item=book-a-room]').checked"),
        serde_json::json!(false)
    );
    assert_eq!(
        value(&mut browser, "field:agreed-next-meeting"),
        serde_json::json!("12 March")
    );
    assert_eq!(
        value(&mut browser, "table:goals:1:0"),
        serde_json::json!("Publish a paper")
    );
    assert_eq!(
        value(&mut browser, "table:goals:0:0"),
        serde_json::json!("")
    );
    assert_eq!(
        value(&mut browser, "field:record-mentor"),
        serde_json::json!("Dr Khan")
    );

    // "Clear entries" asks first (typed answers are work): declined, nothing is cleared;
    // accepted, it empties the fields and keeps the ticks, and that lasts across a reload.
    let asked = "window.asked = []; window.confirm = (q) => { window.asked.push(q); return ANSWER; }; document.querySelector('[data-action=clear-entries]').click(); window.asked";
    let question = browser.eval(&asked.replace("ANSWER", "false"));
    assert!(
        question[0].as_str().unwrap().contains("cannot be undone"),
        "{question}"
    );
    browser.reload();
    assert_eq!(
        value(&mut browser, "field:record-mentor"),
        serde_json::json!("Dr Khan")
    );
    browser.eval(&asked.replace("ANSWER", "true"));
    // Nothing cleared is left to print (print shows a typed answer from data-answer).
    assert_eq!(
        browser.eval("document.querySelectorAll('[data-answer]').length"),
        serde_json::json!(0)
    );
    browser.reload();
    assert_eq!(
        value(&mut browser, "field:agreed-next-meeting"),
        serde_json::json!("")
    );
    assert_eq!(
        value(&mut browser, "field:record-mentor"),
        serde_json::json!("")
    );
    assert_eq!(
        browser.eval("document.querySelector('[data-item=bring-the-agreement]').checked"),
        serde_json::json!(true)
    );
    let notice = browser.eval("document.querySelector('.checklist-privacy').textContent");
    assert!(
        notice.as_str().unwrap().contains("this browser only"),
        "{notice}"
    );
}

/// Print shows what the reader did: a ticked box prints its tick (its pixels differ from an
/// empty box's), and a long typed answer prints in full, wrapped, not cut at its box's edge.
#[test]
fn a_tick_and_a_long_answer_show_in_print() {
    let Some(chromium) = chromium() else { return };
    let checklist = "title: Plan\nsections:\n  - title: Now\n    items:\n      - Book a room\n      - { field: The mentee's main goals for the year }\n";
    let (_tmp, root) = handbook_from(&[
        ("content/index.md", "---\ntitle: Home\n---\nWelcome.\n"),
        (
            "content/checklists/_section.md",
            "---\ntitle: Checklists\nkind: checklist\n---\n",
        ),
        ("content/checklists/plan.yaml", checklist),
    ]);
    build_offline(&root);
    let mut browser = cdp::Browser::start(chromium, 1024);
    browser.goto(&format!(
        "file://{}",
        root.join("public/checklists/plan/index.html").display()
    ));
    let answer = "Publish the audit of first-year teaching, ".repeat(8);
    browser.eval("document.querySelector('[data-entry^=\"field:\"]').focus()");
    browser.type_text(&answer);
    browser.call(
        "Emulation.setEmulatedMedia",
        serde_json::json!({ "media": "print" }),
    );

    let shot = |browser: &mut cdp::Browser| {
        let rect = browser.eval("(() => { const r = document.querySelector('[data-item]').getBoundingClientRect(); return { x: r.x + scrollX - 2, y: r.y + scrollY - 2, width: r.width + 4, height: r.height + 4, scale: 2 }; })()");
        let result = browser.call(
            "Page.captureScreenshot",
            serde_json::json!({ "format": "png", "clip": rect, "captureBeyondViewport": true }),
        );
        result["data"].as_str().unwrap().to_string()
    };
    let empty = shot(&mut browser);
    browser.eval("document.querySelector('[data-item]').click()");
    let ticked = shot(&mut browser);
    assert_ne!(
        empty, ticked,
        "a ticked box looks like an empty one in print"
    );

    let field = "document.querySelector('[data-entry^=\"field:\"]').parentElement";
    let printed = browser.eval(&format!("getComputedStyle({field}, '::after').content"));
    assert!(
        printed.as_str().unwrap().contains(answer.trim()),
        "the answer prints in full: {printed}"
    );
    let lines = browser.eval(&format!(
        "{field}.getBoundingClientRect().height / parseFloat(getComputedStyle({field}).lineHeight)"
    ));
    assert!(
        lines.as_f64().unwrap() >= 4.0,
        "the answer wraps: {lines} lines"
    );
}

/// The sticky toolbar never covers what has the focus: walking up every bundled checklist
/// with Shift-Tab from its last field, the focused element is the one found at its own
/// centre, never the toolbar (WCAG 2.2, 2.4.11).
#[test]
fn the_sticky_toolbar_never_covers_the_focused_field() {
    let Some(chromium) = chromium() else { return };
    let (_tmp, root) = built_offline();
    let mut browser = cdp::Browser::start(chromium, 1280);
    browser.reduced_motion();
    let checklists = root.join("public/checklists");
    let mut walked = 0;
    for entry in std::fs::read_dir(&checklists).unwrap() {
        let page = entry.unwrap().path().join("index.html");
        if !page.exists() {
            continue;
        }
        browser.goto(&format!("file://{}", page.display()));
        let fields = browser.eval(
            "document.querySelectorAll('[data-checklist] input, [data-checklist] textarea').length",
        );
        let count = fields.as_u64().unwrap();
        if count == 0 {
            continue;
        }
        browser.eval("(() => { const all = document.querySelectorAll('[data-checklist] input, [data-checklist] textarea'); all[all.length - 1].focus(); })()");
        for _ in 0..count {
            let hidden = browser.eval("(() => { const e = document.activeElement; if (!e.closest('[data-checklist]') || e.closest('.checklist-tools')) return null; const r = e.getClientRects()[0] || e.getBoundingClientRect(); const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2); return hit && (hit === e || e.contains(hit) || (e.labels && [...e.labels].some(l => l.contains(hit)))) ? null : e.tagName + '#' + (e.id || e.getAttribute('data-entry') || e.getAttribute('href')) + ' at ' + JSON.stringify([r.x, r.y, r.width, r.height]) + ' under ' + (hit && hit.tagName + '.' + hit.className); })()");
            assert!(hidden.is_null(), "{}: {hidden}", page.display());
            browser.key("Tab", 9, true);
            walked += 1;
        }
    }
    assert!(walked > 100, "walked {walked} fields");
}

/// On a desktop the menu stays in view down a long page (it used to scroll away, leaving the
/// left column empty after the first screen).
#[test]
fn the_sidebar_stays_in_view_down_a_long_page() {
    let Some(chromium) = chromium() else { return };
    let (_tmp, root) = built_offline();
    let mut browser = cdp::Browser::start(chromium, 1280);
    browser.reduced_motion();
    browser.goto(&format!(
        "file://{}",
        root.join("public/editors-guide/index.html").display()
    ));
    let long = browser.eval("document.documentElement.scrollHeight > 3 * innerHeight");
    assert_eq!(long, serde_json::json!(true), "a long page");
    browser.eval("window.scrollTo(0, document.documentElement.scrollHeight)");
    // Two frames: the page has handled the scroll (the menu ends above the footer).
    browser.eval_async("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
    // Its top is the sticky header's bottom.
    let placed = browser.eval("(() => { const r = document.getElementById('sidebar').getBoundingClientRect(); const head = document.querySelector('.masthead').getBoundingClientRect(); return [r.top - head.bottom, r.bottom, innerHeight]; })()");
    let (top, bottom) = (placed[0].as_f64().unwrap(), placed[1].as_f64().unwrap());
    assert!(
        (0.0..10.0).contains(&top) && bottom > 200.0,
        "the sidebar at {placed}"
    );
}

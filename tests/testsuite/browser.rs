//! Real-browser checks with headless Chromium (Debian's `chromium` package; `.ci/run`
//! installs it). Outside CI, a machine without Chromium skips these with a note.

use std::path::Path;
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
fn built_offline() -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, root) = bundled();
    let out = run(
        &["build", "--root", root.to_str().unwrap(), "--offline"],
        &root,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    (tmp, root)
}

fn print_to_pdf(browser: &str, page: &Path, pdf: &Path, profile: &Path) {
    let status = Command::new(browser)
        .args(cdp::HEADLESS)
        .arg("--no-pdf-header-footer")
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

/// Pages in a PDF: its page objects (`/Type /Page`, not `/Pages`).
fn pdf_pages(pdf: &Path) -> usize {
    let bytes = std::fs::read(pdf).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    text.matches("/Type /Page").count() - text.matches("/Type /Pages").count()
}

/// A4 is 595 x 842 points (Letter would be 612 x 792).
fn is_a4(pdf: &Path) -> bool {
    let text = String::from_utf8_lossy(&std::fs::read(pdf).unwrap()).into_owned();
    let Some(start) = text.find("/MediaBox [") else {
        return false;
    };
    let numbers: Vec<f64> = text[start + 11..]
        .split(']')
        .next()
        .unwrap_or("")
        .split_whitespace()
        .filter_map(|n| n.parse().ok())
        .collect();
    matches!(numbers.as_slice(), [_, _, w, h] if (w - 595.0).abs() < 1.0 && (h - 842.0).abs() < 1.0)
}

#[test]
fn every_bundled_checklist_prints_on_one_a4_sheet() {
    let Some(browser) = chromium() else { return };
    let (tmp, root) = built_offline();
    let checklists = root.join("public/checklists");
    let mut printed = 0;
    for entry in std::fs::read_dir(&checklists).unwrap().flatten() {
        let page = entry.path().join("index.html");
        if !entry.path().is_dir() || !page.is_file() {
            continue;
        }
        let pdf = tmp.path().join("checklist.pdf");
        print_to_pdf(browser, &page, &pdf, &tmp.path().join("profile"));
        assert!(is_a4(&pdf), "{} is not printed on A4", page.display());
        assert_eq!(
            pdf_pages(&pdf),
            1,
            "{} prints on more than one sheet",
            page.display()
        );
        printed += 1;
    }
    assert!(printed >= 8, "only {printed} checklists printed");
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

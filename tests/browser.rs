//! Real-browser checks with headless Chromium (Debian's `chromium` package; `.ci/run`
//! installs it). Outside CI, a machine without Chromium skips these with a note.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

fn chromium() -> Option<&'static str> {
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

fn print_to_pdf(browser: &str, page: &Path, pdf: &Path, profile: &Path) {
    let status = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
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
    let (tmp, root) = bundled();
    let out = run(
        &["build", "--root", root.to_str().unwrap(), "--offline"],
        &root,
    );
    assert!(out.status.success(), "{}", stderr(&out));
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

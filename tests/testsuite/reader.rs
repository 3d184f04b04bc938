//! The reader's handbook in a real browser: accessibility (axe-core, WCAG 2.2 AA) on every
//! page in both colour schemes on a phone and a desktop, the Nu HTML checker on every page,
//! keyboard-only use, layout, and nothing fetched from another site.
//!
//! The checkers come from npm (`npm ci --prefix tests/browser`, which `.ci/run` does) and the
//! Nu checker needs a Java runtime. Outside CI a missing tool skips these tests with a note;
//! under CI (`CI` set) it fails them.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::browser::chromium;
use crate::common::*;
use crate::common::{cdp, statics};

const TOOLS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/browser/node_modules");

/// A tool the suite needs, or `None` (skip) outside CI when it is missing.
fn tool(path: &str, what: &str) -> Option<PathBuf> {
    let path = Path::new(TOOLS).join(path);
    if path.is_file() {
        return Some(path);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{what} is missing under CI: run `npm ci --prefix tests/browser` (see .ci/run)"
    );
    eprintln!("skipping: {what} is not installed (npm ci --prefix tests/browser)");
    None
}

fn java() -> Option<&'static str> {
    let ok = Command::new("java")
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install a Java runtime for the Nu checker (see .ci/run)"
        );
        eprintln!("skipping: no Java runtime for the Nu checker");
    }
    ok.then_some("java")
}

/// The bundled handbook built as a web host serves it, and the URL paths of its pages.
fn built_site() -> (tempfile::TempDir, PathBuf, Vec<String>) {
    let (tmp, root) = bundled();
    let out = run(&["build", "--root", root.to_str().unwrap()], &root);
    assert!(out.status.success(), "{}", stderr(&out));
    let public = root.join("public");
    let pages = html_files(&public)
        .iter()
        .map(|f| {
            let rel = f.strip_prefix(&public).unwrap().to_string_lossy();
            rel.strip_suffix("index.html").unwrap_or(&rel).to_string()
        })
        .collect();
    (tmp, public, pages)
}

/// What the page did that a reader's browser would complain of: requests to another site,
/// console errors, uncaught exceptions.
fn complaints(events: &[Value], base: &str) -> Vec<String> {
    let mut found = Vec::new();
    for event in events {
        let params = &event["params"];
        match event["method"].as_str().unwrap_or("") {
            "Network.requestWillBeSent" => {
                let url = params["request"]["url"].as_str().unwrap_or("");
                let local = url.starts_with(base)
                    || ["data:", "blob:", "about:"]
                        .iter()
                        .any(|s| url.starts_with(s));
                if !local {
                    found.push(format!("request to another site: {url}"));
                }
            }
            "Runtime.exceptionThrown" => found.push(format!(
                "uncaught exception: {}",
                params["exceptionDetails"]["exception"]["description"]
                    .as_str()
                    .unwrap_or_else(|| params["exceptionDetails"]["text"].as_str().unwrap_or(""))
            )),
            "Runtime.consoleAPICalled"
                if matches!(params["type"].as_str(), Some("error" | "assert")) =>
            {
                found.push(format!("console error: {}", params["args"]));
            }
            "Log.entryAdded" if params["entry"]["level"] == "error" => found.push(format!(
                "browser error: {} {}",
                params["entry"]["text"].as_str().unwrap_or(""),
                params["entry"]["url"].as_str().unwrap_or("")
            )),
            _ => {}
        }
    }
    found
}

/// axe-core's WCAG 2.0, 2.1 and 2.2 A and AA rules on the loaded page: one line per violation.
const AXE: &str = "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }, resultTypes: ['violations'] }).then(r => r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' — ' + v.nodes.slice(0, 4).map(n => n.target.join(' ') + ' [' + (n.failureSummary || '').replace(/\\s+/g, ' ') + ']').join('; ')))";

/// The pages whose screenshots are kept under `target/screenshots/`.
const SCREENSHOTS: &[(&str, &str)] = &[
    ("home", ""),
    ("strategy", "strategies/build-trust/"),
    ("checklist", "checklists/first-meeting/"),
];

#[test]
fn every_page_passes_axe_light_and_dark_on_a_phone_and_a_desktop() {
    let Some(chromium) = chromium() else { return };
    let Some(axe) = tool("axe-core/axe.min.js", "axe-core") else {
        return;
    };
    let (_tmp, public, pages) = built_site();
    let base = statics::serve(&public);
    let shots = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&shots).unwrap();

    let mut browser = cdp::Browser::start(chromium, 1280);
    let axe = read(&axe);
    browser.record();
    let mut failures = Vec::new();
    for (width, mobile) in [(360, true), (1280, false)] {
        browser.viewport(width, mobile);
        for scheme in ["light", "dark"] {
            browser.color_scheme(scheme);
            for page in &pages {
                browser.goto(&format!("{base}{page}"));
                browser.eval(&axe);
                let violations = browser.eval_async(AXE);
                let violations = violations.as_array().expect("axe results");
                for v in violations {
                    failures.push(format!(
                        "/{page} at {width} px, {scheme}: {}",
                        v.as_str().unwrap()
                    ));
                }
                for c in complaints(&browser.take_events(), &base) {
                    failures.push(format!("/{page} at {width} px, {scheme}: {c}"));
                }
                if let Some((name, _)) = SCREENSHOTS.iter().find(|(_, p)| p == page) {
                    let png = browser.screenshot();
                    let file = shots.join(format!(
                        "{name}-{}-{scheme}.png",
                        if mobile { "phone" } else { "desktop" }
                    ));
                    std::fs::write(file, png).unwrap();
                }
            }
        }
    }
    assert!(
        pages.len() > 50,
        "the bundled handbook's pages were all visited"
    );
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_page_passes_the_nu_html_checker() {
    let Some(java) = java() else { return };
    let Some(vnu) = tool("vnu-jar/build/dist/vnu.jar", "the Nu checker (vnu-jar)") else {
        return;
    };
    let (_tmp, public, pages) = built_site();
    assert!(pages.iter().any(|p| p.starts_with("print/")));
    let out = Command::new(java)
        .arg("-jar")
        .arg(&vnu)
        .args(["--errors-only", "--skip-non-html", "--format", "gnu"])
        .arg(&public)
        .output()
        .expect("the Nu checker runs");
    let report = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && report.trim().is_empty(),
        "the Nu checker found errors:\n{report}"
    );
}

/// The colours of a stylesheet's rules, `color: #rrggbb`, before and after `split`.
fn colors(css: &str) -> Vec<String> {
    let re = regex::Regex::new(r"(?:^|[\s;{])color:\s*(#[0-9a-fA-F]{6})").unwrap();
    re.captures_iter(css).map(|c| c[1].to_string()).collect()
}

fn contrast(a: &str, b: &str) -> f64 {
    let lum = |hex: &str| {
        let c = |i: usize| {
            let v = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
            if v <= 0.04045 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * c(1) + 0.7152 * c(3) + 0.0722 * c(5)
    };
    let (x, y) = (lum(a), lum(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

#[test]
fn highlighted_code_is_readable_on_the_code_surface_light_and_dark() {
    let (_tmp, public, _) = built_site();
    let css = read(&public.join("theme/highlight.css"));
    let (light, dark) = css
        .split_once("@media (prefers-color-scheme: dark)")
        .unwrap();
    let brand = read(&public.join("theme/brand.css"));
    let surface = |css: &str| {
        let re = regex::Regex::new(r"--bg-soft:\s*(#[0-9a-f]{6})").unwrap();
        re.captures(css).unwrap()[1].to_string()
    };
    let (brand_light, brand_dark) = brand.split_once("@media").unwrap();
    for (rules, background) in [(light, surface(brand_light)), (dark, surface(brand_dark))] {
        let found = colors(rules);
        assert!(found.len() > 10, "{rules}");
        for color in found {
            let ratio = contrast(&color, &background);
            assert!(ratio >= 4.5, "{color} on {background}: {ratio:.2}:1");
        }
    }
}

#[test]
fn a_theme_whose_dark_surface_no_shade_reads_on_is_reported_with_the_pair() {
    let (_tmp, root) = bundled();
    let theme = root.join("themes/pale");
    for (rel, bytes) in [
        ("surfaces.yaml", None),
        ("templates", Some(())),
        ("static", Some(())),
    ] {
        let from = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("themes/default")
            .join(rel);
        if bytes.is_some() {
            copy_dir(&from, &theme.join(rel));
        }
    }
    write(
        &theme,
        "surfaces.yaml",
        "code: bg\nsurfaces:\n  bg: { light: \"#ffffff\", dark: \"#161a1d\", where: the page, text: [primary, accent] }\n  panel: { light: \"#f4f6f7\", dark: \"#9a9a9a\", where: the side panel, text: [primary] }\n",
    );
    let book = read(&root.join("book.yaml"))
        .replace("output_dir: public", "output_dir: public\ntheme: pale");
    write(&root, "book.yaml", &book);
    let (out, diagnostics) = check_json(&root, &[]);
    assert!(!out.status.success());
    let contrast: Vec<&Value> = diagnostics
        .iter()
        .filter(|d| d["code"] == "E-CONTRAST")
        .collect();
    assert_eq!(contrast.len(), 1, "{diagnostics:?}");
    let message = contrast[0]["message"].as_str().unwrap();
    assert!(
        message.contains("`panel` surface (#9a9a9a in the dark scheme: the side panel)")
            && message.contains(":1, below 4.5:1"),
        "{message}"
    );
    assert_eq!(contrast[0]["file"], "book.yaml");
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::create_dir_all(to).unwrap();
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A handbook of `sections` sections of `pages` pages each, written straight to disk.
fn generated(sections: usize, pages: usize) -> (tempfile::TempDir, PathBuf) {
    let (tmp, root) = handbook_from(&[(
        "content/index.md",
        "---\ntitle: Home\n---\nA generated handbook.\n",
    )]);
    for s in 1..=sections {
        write(
            &root,
            &format!("content/part-{s:03}/_section.md"),
            &format!("---\ntitle: Part {s} of the handbook\n---\nPart {s}.\n"),
        );
        for p in 1..=pages {
            write(
                &root,
                &format!("content/part-{s:03}/page-{p:03}.md"),
                &format!("---\ntitle: Page {p} of part {s}\n---\nText of page {p}.\n"),
            );
        }
    }
    (tmp, root)
}

/// The bytes of each page's sidebar, by page.
fn sidebars(public: &Path) -> Vec<(PathBuf, usize)> {
    html_files(public)
        .into_iter()
        .filter_map(|f| {
            let html = read(&f);
            let start = html.find("<nav id=\"sidebar\"")?;
            let end = start + html[start..].find("</nav>")?;
            Some((f, end - start))
        })
        .collect()
}

#[test]
fn the_inline_navigation_does_not_grow_with_the_book() {
    let mut largest = Vec::new();
    for (sections, pages) in [(20, 30), (40, 60)] {
        let (_tmp, root) = generated(sections, pages);
        let out = run(&["build", "--root", root.to_str().unwrap()], &root);
        assert!(out.status.success(), "{}", stderr(&out));
        let public = root.join("public");
        let bars = sidebars(&public);
        assert_eq!(bars.len(), sections * (pages + 1) + 3, "every page has a sidebar");
        largest.push(bars.iter().map(|(_, n)| *n).max().unwrap());
        // The whole navigation is in one shared script, every section and page in it.
        let nav = read(&public.join("theme/nav.js"));
        for s in 1..=sections {
            assert!(nav.contains(&format!("\"t\":\"Part {s} of the handbook\"")));
            assert!(nav.contains(&format!("\"u\":\"part-{s:03}/page-{pages:03}/\"")));
        }
        // Without the script, the section index is the way to every page.
        let page = read(&public.join("part-020/page-030/index.html"));
        assert!(page.contains("data-nav=\"../../theme/nav.js\" data-root=\"../../\" data-here=\"part-020/page-030/\""), "{page}");
        assert!(page.contains(&format!(
            "<a href=\"../../part-020/\">All {pages} pages of Part 20 of the handbook</a>"
        )));
    }
    assert!(
        largest[1] <= largest[0] + largest[0] / 20,
        "the largest sidebar grew from {} to {} bytes with a book four times larger",
        largest[0],
        largest[1]
    );
    assert!(largest[1] < 8_000, "{} bytes", largest[1]);

    // A book that fits inline needs no shared file.
    let (_tmp, root) = generated(3, 4);
    let out = run(&["build", "--root", root.to_str().unwrap()], &root);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!root.join("public/theme/nav.js").exists());
    let page = read(&root.join("public/part-002/page-003/index.html"));
    assert!(!page.contains("data-nav"));
    for s in 1..=3 {
        assert!(page.contains(&format!("Part {s} of the handbook</a>")));
    }
}

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
pub(crate) fn tool(path: &str, what: &str) -> Option<PathBuf> {
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

pub(crate) fn java() -> Option<&'static str> {
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
pub(crate) const AXE: &str = "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }, resultTypes: ['violations'] }).then(r => r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' — ' + v.nodes.slice(0, 4).map(n => n.target.join(' ') + ' [' + (n.failureSummary || '').replace(/\\s+/g, ' ') + ']').join('; ')))";

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
        assert_eq!(
            bars.len(),
            // The sections' pages and indexes, the home page, search, 404 and /changes/.
            sections * (pages + 1) + 4,
            "every page has a sidebar"
        );
        largest.push(bars.iter().map(|(_, n)| *n).max().unwrap());
        // The whole navigation is in one shared script, every section and page in it.
        let nav = read(&public.join("theme/nav.js"));
        let markup = nav
            .split_once("window.handbookNav = ")
            .and_then(|(_, json)| {
                serde_json::from_str::<String>(json.trim().trim_end_matches(';')).ok()
            })
            .unwrap_or_else(|| panic!("the menu's markup as a string: {nav}"));
        for s in 1..=sections {
            assert!(markup.contains(&format!(">Part {s} of the handbook</a>")));
            assert!(markup.contains(&format!("<a href=\"part-{s:03}/page-{pages:03}/\">")));
        }
        // Without the script, the section index is the way to every page.
        let page = read(&public.join("part-020/page-030/index.html"));
        assert!(
            page.contains(
                "<nav id=\"sidebar\" class=\"sidebar\" aria-label=\"Handbook sections\" data-nav=\"../../theme/nav.js\" data-here=\"part-020/page-030/\">"
            ),
            "{page}"
        );
        assert!(page.contains(&format!(
            "<a href=\"../\">All {pages} pages of Part 20 of the handbook</a>"
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

/// The focused element as JSON: what it is, and whether its focus can be seen (an outline or
/// a ring drawn by `box-shadow`) and it has a size on screen.
const FOCUSED: &str = "(() => { const el = document.activeElement; if (!el || el === document.body) return null; const cs = getComputedStyle(el); const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2; const ring = cs.boxShadow !== 'none'; const r = el.getBoundingClientRect(); return { how: [cs.outlineStyle, cs.outlineWidth, cs.boxShadow, r.top, r.bottom, innerHeight].join(' '), what: '[' + (el.closest('#sidebar') ? 'menu' : el.closest('main') ? 'main' : el.closest('footer') ? 'footer' : 'header') + '] ' + el.tagName + (el.id ? '#' + el.id : '') + '.' + String(el.className).replace(/ /g, '.') + ' ' + (el.textContent || '').trim().slice(0, 40) + ' ' + (el.getAttribute('href') || ''), seen: (outline || ring) && r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight }; })()";

/// Presses Tab and returns the newly focused element (`None`: the page's end).
fn tab(browser: &mut cdp::Browser) -> Option<(String, bool)> {
    browser.key("Tab", 9, false);
    let focused = browser.eval(FOCUSED);
    let what = focused["what"].as_str()?.to_string();
    Some((
        format!("{what} {}", focused["how"]),
        focused["seen"] == true,
    ))
}

#[test]
fn keyboard_alone_reaches_the_skip_link_search_menu_and_every_focus_shows() {
    let Some(chromium) = chromium() else { return };
    let (_tmp, public, _) = built_site();
    let base = statics::serve(&public);
    let mut browser = cdp::Browser::start(chromium, 1280);
    browser.viewport(1280, false);
    browser.reduced_motion();

    for page in [
        "strategies/build-trust/",
        "checklists/first-meeting/",
        "editors-guide/",
    ] {
        browser.goto(&format!("{base}{page}"));
        let (first, seen) = tab(&mut browser).expect("a first focus stop");
        assert!(
            first.contains("skip-link") && seen,
            "first Tab on /{page}: {first}"
        );
        browser.key("Enter", 13, false);
        assert_eq!(
            browser.eval("document.activeElement.id"),
            "main",
            "the skip link moves the focus to the text"
        );
        // Every focus stop of the page, in order, with its focus visible.
        browser.goto(&format!("{base}{page}"));
        let mut stops = Vec::new();
        while let Some((what, seen)) = tab(&mut browser) {
            assert!(seen, "on /{page}, the focus on {what} cannot be seen");
            if stops.contains(&what) || stops.len() > 600 {
                break;
            }
            stops.push(what);
        }
        assert!(
            stops.iter().any(|s| s.contains("#search-input")),
            "/{page}: the search box is not reachable: {stops:#?}"
        );
        for zone in ["[header]", "[menu]", "[main]", "[footer]"] {
            assert!(
                stops.iter().any(|s| s.starts_with(zone)),
                "/{page}: Tab never reaches the {zone}: {stops:#?}"
            );
        }
    }

    // On a phone the menu opens from the keyboard, and Tab then walks into it.
    browser.viewport(360, true);
    browser.goto(&format!("{base}strategies/build-trust/"));
    let mut reached = false;
    for _ in 0..8 {
        let (what, seen) = tab(&mut browser).expect("focus stops before the menu");
        assert!(seen, "{what}");
        if what.contains("nav-toggle") {
            reached = true;
            break;
        }
    }
    assert!(
        reached,
        "the Menu button is among the first focus stops on a phone"
    );
    browser.key("Enter", 13, false);
    assert_eq!(
        browser.eval("document.querySelector('.nav-toggle').getAttribute('aria-expanded')"),
        "true"
    );
    tab(&mut browser);
    assert_eq!(
        browser.eval("document.getElementById('sidebar').contains(document.activeElement)"),
        true,
        "after the Menu button, Tab goes into the menu"
    );
}

/// The first visible character of each line of `.breadcrumbs`, by laying out its text.
const CRUMB_LINE_STARTS: &str = "(() => { const ol = document.querySelector('.breadcrumbs ol'); if (!ol) return []; const walker = document.createTreeWalker(ol, NodeFilter.SHOW_TEXT); const chars = []; let node; while ((node = walker.nextNode())) { for (let i = 0; i < node.data.length; i++) { if (/\\s/.test(node.data[i])) continue; const range = document.createRange(); range.setStart(node, i); range.setEnd(node, i + 1); const r = range.getBoundingClientRect(); if (r.width > 0) chars.push([Math.round(r.top), r.left, node.data[i]]); } } const lines = new Map(); for (const [top, left, c] of chars) { const line = lines.get(top); if (!line || left < line[0]) lines.set(top, [left, c]); } return [...lines.values()].map(l => l[1]); })()";

#[test]
fn the_layout_holds_on_a_phone_and_on_wide_screens() {
    let Some(chromium) = chromium() else { return };
    let (_tmp, public, pages) = built_site();
    let base = statics::serve(&public);
    let mut browser = cdp::Browser::start(chromium, 1280);
    let content: Vec<&String> = pages
        .iter()
        .filter(|p| !p.starts_with("print/") && !p.ends_with(".html"))
        .collect();
    let mut faults = Vec::new();

    browser.viewport(360, true);
    for page in &content {
        browser.goto(&format!("{base}{page}"));
        let header =
            browser.eval("document.querySelector('.masthead').getBoundingClientRect().height");
        if header.as_f64().unwrap() > 64.0 {
            faults.push(format!(
                "/{page}: the header is {header} px tall on a phone"
            ));
        }
        let starts = browser.eval(CRUMB_LINE_STARTS);
        if starts.as_array().unwrap().iter().any(|c| c == "›") {
            faults.push(format!(
                "/{page}: a breadcrumb line starts with › ({starts})"
            ));
        }
        let chips = browser.eval("[...document.querySelectorAll('.chip')].filter(c => c.getClientRects().length > 1 || c.getBoundingClientRect().height > 48).map(c => c.textContent.trim())");
        if !chips.as_array().unwrap().is_empty() {
            faults.push(format!("/{page}: chips wrap inside their pill: {chips}"));
        }
        let overflow = browser.eval("document.documentElement.scrollWidth - innerWidth");
        if overflow != 0 {
            faults.push(format!("/{page}: scrolls sideways by {overflow} px"));
        }
    }

    for width in [1200, 1920] {
        browser.viewport(width, false);
        let mut with_toc = 0;
        for page in &content {
            browser.goto(&format!("{base}{page}"));
            let beside = browser.eval("(() => { const toc = document.querySelector('.toc'); if (!toc) return null; const t = toc.getBoundingClientRect(); const text = [...document.querySelectorAll('.article .prose > p, .article .page-header')].map(e => e.getBoundingClientRect()); const right = Math.max(...text.map(r => r.right)); const a = document.querySelector('.article').getBoundingClientRect(); return t.left >= right - 1 && t.top < a.top + 120 && t.height > 0; })()");
            if beside.is_null() {
                continue;
            }
            with_toc += 1;
            if beside != true {
                faults.push(format!(
                    "/{page} at {width} px: the contents are not beside the text"
                ));
            }
        }
        assert!(
            with_toc > 10,
            "pages with contents at {width} px: {with_toc}"
        );
    }
    // At 1920 px the header's content lines up with the page, not the window's edge.
    browser.goto(&format!("{base}strategies/build-trust/"));
    let aligned = browser.eval("(() => { const b = document.querySelector('.brand').getBoundingClientRect().left; const l = document.querySelector('.layout').getBoundingClientRect().left; const n = document.querySelector('#sidebar a').getBoundingClientRect().left; return [b, l, n]; })()");
    let [brand, layout, nav] = [0, 1, 2].map(|i| aligned[i].as_f64().unwrap());
    assert!(layout > 100.0, "the page is centred at 1920 px: {aligned}");
    if (brand - nav).abs() > 12.0 || brand < layout {
        faults.push(format!("at 1920 px the header starts at {brand} px, the page at {layout} px and its menu at {nav} px"));
    }
    assert!(faults.is_empty(), "{}", faults.join("\n"));
}

#[test]
fn the_whole_menu_loads_from_a_folder_and_the_inline_part_stands_alone() {
    let Some(chromium) = chromium() else { return };
    let (_tmp, root) = generated(20, 30);
    build_offline(&root);
    let page = root.join("public/part-007/page-015/index.html");
    let mut browser = cdp::Browser::start(chromium, 1280);
    browser.record();
    browser.goto(&format!("file://{}", page.display()));
    browser.wait_for(
        "document.querySelector('#sidebar[data-whole]')",
        "the whole menu",
    );
    assert_eq!(
        browser.eval("document.querySelectorAll('.nav-list > li').length"),
        21
    );
    assert_eq!(
        browser.eval("document.querySelectorAll('.nav-pages > li').length"),
        30
    );
    let current = browser.eval("document.querySelector('#sidebar [aria-current=page]').href");
    assert_eq!(
        current.as_str().unwrap(),
        format!("file://{}", page.display())
    );
    assert_eq!(
        browser.eval("document.querySelector('.nav-list > li.is-current > a').textContent"),
        "Part 7 of the handbook"
    );
    let problems = complaints(&browser.take_events(), "file://");
    assert!(problems.is_empty(), "{problems:?}");

    // Without scripts the inline part is what the reader gets: a window and a way onward.
    browser.call(
        "Emulation.setScriptExecutionDisabled",
        serde_json::json!({ "value": true }),
    );
    browser.reload();
    assert_eq!(
        browser.eval("document.querySelector('#sidebar[data-whole]')"),
        Value::Null
    );
    assert_eq!(
        browser.eval("document.querySelectorAll('.nav-pages > li').length"),
        handbook::render::nav::INLINE_PAGES + 1
    );
    assert_eq!(
        browser.eval("document.querySelector('.nav-pages > li.nav-more a').textContent"),
        "All 30 pages of Part 7 of the handbook"
    );
}

#[test]
fn axe_fails_a_low_contrast_surface_and_an_unlabelled_control_from_a_template_override() {
    let Some(chromium) = chromium() else { return };
    let Some(axe) = tool("axe-core/axe.min.js", "axe-core") else {
        return;
    };
    let (_tmp, root) = bundled();
    // A theme change a reviewer could miss in the HTML: a pale panel, and a field with no label.
    write(
        &root,
        "templates/partials/after.html",
        "<aside class=\"related\" style=\"background: #e8e8e8; color: #9a9a9a\"><p>Pale note</p></aside>\n<p><input type=\"text\" name=\"note\"></p>\n",
    );
    let out = run(&["build", "--root", root.to_str().unwrap()], &root);
    assert!(out.status.success(), "{}", stderr(&out));
    let base = statics::serve(&root.join("public"));
    let mut browser = cdp::Browser::start(chromium, 1280);
    browser.goto(&format!("{base}strategies/build-trust/"));
    browser.eval(&read(&axe));
    let found = browser.eval_async(AXE).to_string();
    assert!(found.contains("color-contrast (serious)"), "{found}");
    assert!(found.contains("label (critical)"), "{found}");
}

#[test]
fn init_writes_no_sample_flag_so_check_warns_of_its_placeholders() {
    // The repository's handbook is the sample: no warning, and its pages say so.
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (out, diagnostics) = check_json(repo, &["--deny-warnings"]);
    assert!(out.status.success(), "{diagnostics:#?}");
    let tmp = tempfile::tempdir().unwrap();
    build_into(repo, &tmp.path().join("site"), &[]);
    let home = read(&tmp.path().join("site/index.html"));
    assert!(
        home.contains("class=\"footer-sample\""),
        "the sample says so"
    );

    // A committee's copy from `init` is not a sample: each placeholder is named where it is.
    let (_tmp, root) = bundled();
    assert!(!read(&root.join("book.yaml")).contains("sample:"));
    let (out, diagnostics) = check_json(&root, &["--deny-warnings"]);
    assert!(!out.status.success());
    let mut found: Vec<String> = diagnostics
        .iter()
        .map(|d| {
            format!(
                "{} {}:{}",
                d["code"].as_str().unwrap(),
                d["file"].as_str().unwrap(),
                d["line"]
            )
        })
        .collect();
    found.sort();
    let book = read(&root.join("book.yaml"));
    let line = |needle: &str| book.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let mut expected: Vec<String> = [
        "base_url:",
        "  url:",
        "  contact:",
        "  concerns_contact:",
        "  programme_contact:",
    ]
    .iter()
    .map(|k| format!("W-PLACEHOLDER book.yaml:{}", line(k)))
    .collect();
    // The address the CI workflow installs handbook from (`init --handbook-source`).
    let workflow = read(&root.join(".github/workflows/handbook.yml"));
    let at = workflow
        .lines()
        .position(|l| l.contains("HANDBOOK_SOURCE:"));
    expected.push(format!(
        "W-PLACEHOLDER .github/workflows/handbook.yml:{}",
        at.unwrap() + 1
    ));
    expected.sort();
    assert_eq!(found, expected, "{diagnostics:#?}");
    let out = run(&["build", "--root", root.to_str().unwrap()], &root);
    assert!(out.status.success(), "warnings do not stop a build");
    assert!(!read(&root.join("public/index.html")).contains("footer-sample"));
}

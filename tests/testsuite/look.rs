//! How the site looks: the theme's own face on screen, and the dark scheme's colours and
//! raised surfaces, in a real browser (headless Chromium); book.yaml's dark colours in the
//! built stylesheet and in `check`.

use serde_json::{Value, json};

use crate::browser::{built_offline, chromium};
use crate::common::*;
use crate::common::{cdp, statics};

/// The platform faces Chromium drew the first `selector`'s text with, by name and whether
/// each came from an `@font-face` (CSS.getPlatformFontsForNode).
fn faces_drawn(browser: &mut cdp::Browser, selector: &str) -> Vec<(String, bool)> {
    browser.call("DOM.enable", json!({}));
    browser.call("CSS.enable", json!({}));
    let document = browser.call("DOM.getDocument", json!({ "depth": 0 }));
    let node = browser.call(
        "DOM.querySelector",
        json!({ "nodeId": document["root"]["nodeId"], "selector": selector }),
    );
    let fonts = browser.call(
        "CSS.getPlatformFontsForNode",
        json!({ "nodeId": node["nodeId"] }),
    );
    fonts["fonts"]
        .as_array()
        .expect("the node's fonts")
        .iter()
        .map(|f| {
            (
                f["familyName"].as_str().unwrap_or("").to_string(),
                f["isCustomFont"] == json!(true),
            )
        })
        .collect()
}

/// The body's font stack, and each face of the theme's family with its status, once the
/// page's fonts have settled.
const THEME_FACES: &str = "document.body.offsetHeight, document.fonts.ready.then(() => [
    getComputedStyle(document.body).fontFamily,
    [...document.fonts].filter(f => f.family.replace(/\"/g, '') === 'Handbook Sans')
        .map(f => f.weight + ' ' + f.status).sort(),
    document.fonts.check('1rem \"Handbook Sans\"') && document.fonts.check('bold 1rem \"Handbook Sans\"'),
])";

/// Text is set in the theme's Noto Sans (regular and bold, loaded from the site itself), both
/// opened from a folder and from a web server, rather than in whatever the system has.
#[test]
fn text_is_set_in_the_themes_own_face_from_a_folder_and_a_server() {
    let Some(chromium) = chromium() else { return };
    let (_tmp, root) = built_offline();
    let public = root.join("public");
    let sizes: u64 = ["regular", "bold"]
        .iter()
        .map(|w| {
            let path = public.join(format!("theme/fonts/noto-sans-{w}.woff2"));
            std::fs::metadata(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
                .len()
        })
        .sum();
    assert!(sizes <= 200 * 1024, "the faces weigh {sizes} bytes");
    let base = statics::serve(&public);
    let mut browser = cdp::Browser::start(chromium, 1280);
    for url in [
        format!(
            "file://{}",
            public.join("strategies/build-trust/index.html").display()
        ),
        format!("{base}strategies/build-trust/index.html"),
    ] {
        browser.goto(&url);
        let faces = browser.eval_async(THEME_FACES);
        let stack = faces[0].as_str().unwrap_or("");
        assert!(
            stack.starts_with("\"Handbook Sans\""),
            "{url}: the body's fonts are {stack}"
        );
        assert_eq!(
            faces[1],
            json!(["400 loaded", "700 loaded"]),
            "{url}: the theme's faces"
        );
        assert_eq!(faces[2], Value::Bool(true), "{url}: document.fonts.check");
        for selector in ["main p", "main h1"] {
            let drawn = faces_drawn(&mut browser, selector);
            assert!(
                drawn
                    .iter()
                    .any(|(name, custom)| name == "Noto Sans" && *custom),
                "{url}: `{selector}` drawn in {drawn:?}"
            );
        }
    }
}

/// `rgb(r, g, b)` as the browser computes it, to WCAG relative luminance.
fn luminance(css: &str) -> f64 {
    let channels: Vec<f64> = css
        .trim_start_matches("rgba(")
        .trim_start_matches("rgb(")
        .trim_end_matches(')')
        .split(',')
        .take(3)
        .map(|c| {
            let c = c.trim().parse::<f64>().unwrap_or_else(|_| panic!("{css}")) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        })
        .collect();
    0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
}

fn contrast(a: &str, b: &str) -> f64 {
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

/// Dark, the search drop-down is a surface of its own (not the page's background, and
/// bordered), and links read at 6:1 on the page, not at the 4.5:1 minimum.
#[test]
fn in_the_dark_scheme_the_search_drop_down_is_raised_and_links_read_at_six_to_one() {
    let Some(chromium) = chromium() else { return };
    let (_tmp, root) = built_offline();
    let mut browser = cdp::Browser::start(chromium, 1280);
    browser.color_scheme("dark");
    browser.goto(&format!(
        "file://{}",
        root.join("public/index.html").display()
    ));
    let page = browser.eval("getComputedStyle(document.body).backgroundColor");
    let page = page.as_str().unwrap().to_string();
    assert!(luminance(&page) < 0.05, "a dark page: {page}");
    let link = browser.eval("getComputedStyle(document.querySelector('main p a[href]')).color");
    let link = link.as_str().unwrap();
    let ratio = contrast(link, &page);
    assert!(ratio >= 6.0, "a link {link} on {page}: {ratio:.2}:1");

    browser.eval("document.getElementById('search-input').focus()");
    browser.type_text("trust");
    browser.wait_for(
        "document.querySelector('#search-results .search-hit') && !document.getElementById('search-results').hidden",
        "the search drop-down",
    );
    let panel = browser.eval("(() => { const s = getComputedStyle(document.getElementById('search-results')); return [s.backgroundColor, s.borderTopColor, s.borderTopWidth]; })()");
    let (background, border) = (panel[0].as_str().unwrap(), panel[1].as_str().unwrap());
    assert_ne!(
        background, page,
        "the drop-down on the page's own background"
    );
    assert!(
        luminance(background) > luminance(&page),
        "raised is lighter: {background} on {page}"
    );
    assert!(
        panel[2] != json!("0px") && border != background,
        "the drop-down's border: {panel}"
    );
    let title = browser.eval("getComputedStyle(document.querySelector('#search-results .search-hit:not([aria-selected=\"true\"]) .search-hit-title')).color");
    let ratio = contrast(title.as_str().unwrap(), background);
    assert!(
        ratio >= 6.0,
        "a result's title {title} on {background}: {ratio:.2}:1"
    );
}

/// book.yaml's `colors.dark` is the dark scheme's pair in brand.css, and `check` holds it to
/// the dark surfaces, reporting the ratio and pointing at the colour.
#[test]
fn colors_dark_sets_the_dark_pair_and_check_holds_it_to_the_dark_surfaces() {
    let book = |dark_primary: &str| {
        format!(
            "title: T\ninstitution:\n  colors:\n    primary: \"#0b5d4b\"\n    accent: \"#8a6116\"\n    dark: {{ primary: \"{dark_primary}\", accent: \"#e0b870\" }}\n"
        )
    };
    let (_tmp, root) = handbook_from(&[
        ("book.yaml", &book("#7fd1b9")),
        ("content/index.md", "---\ntitle: Home\n---\nText.\n"),
    ]);
    let (out, diagnostics) = check_json(&root, &[]);
    assert!(out.status.success(), "{diagnostics:?}");
    let public = root.join("public");
    build_into(&root, &public, &[]);
    let brand = read(&public.join("theme/brand.css"));
    let (light, dark) = brand
        .split_once("@media (prefers-color-scheme: dark)")
        .unwrap();
    assert!(light.contains("--brand-primary: #0b5d4b;"), "{brand}");
    assert!(
        dark.contains("--brand-primary: #7fd1b9;") && dark.contains("--brand-accent: #e0b870;"),
        "{brand}"
    );

    write(&root, "book.yaml", &book("#3b5f56"));
    let (out, diagnostics) = check_json(&root, &[]);
    assert!(!out.status.success());
    let contrast: Vec<&Value> = diagnostics
        .iter()
        .filter(|d| d["code"] == "E-CONTRAST")
        .collect();
    assert_eq!(contrast.len(), 1, "{diagnostics:?}");
    let message = contrast[0]["message"].as_str().unwrap();
    assert!(
        message.contains("the dark-mode primary colour #3b5f56 (colors.dark) on the theme's `bg-raised` surface (#1e2327 in the dark scheme")
            && message.contains("contrast 2.")
            && message.contains(":1, below 4.5:1 (also short: `bg` 2."),
        "{message}"
    );
    assert_eq!(contrast[0]["line"], 6, "{:?}", contrast[0]);
}

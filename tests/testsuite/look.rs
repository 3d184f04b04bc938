//! How the site looks in a real browser (headless Chromium): the theme's own face on screen,
//! and the dark scheme's colours and raised surfaces.

use serde_json::{Value, json};

use crate::browser::{built_offline, chromium};
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

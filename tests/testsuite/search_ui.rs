//! What the search shows readers beyond its ranking: a form of a word the handbook never
//! uses finds its stem, pages for editors come after readers' pages and say so, and an
//! index that does not load is said to be unavailable.

use serde_json::json;

use crate::browser::chromium;
use crate::common::*;

/// A small handbook built with `--offline`, open in a browser at its home page with the
/// search client loaded.
pub(crate) fn opened(files: &[(&str, &str)], chromium: &str) -> (tempfile::TempDir, cdp::Browser) {
    let (tmp, root) = handbook_from(files);
    build_offline(&root);
    let mut browser = cdp::Browser::start(chromium, 1024);
    browser.goto(&format!(
        "file://{}/index.html",
        root.join("public").display()
    ));
    browser.eval("document.getElementById('search-input').dispatchEvent(new Event('input'))");
    browser.wait_for("window.handbookSearch", "the search client to load");
    (tmp, browser)
}

const PAGES: &[(&str, &str)] = &[
    ("content/index.md", "---\ntitle: Home\n---\nWelcome.\n"),
    (
        "content/reward.md",
        "---\ntitle: Reward mentors\n---\nThank mentors for their time and count it at appraisal.\n",
    ),
    (
        "content/regard.md",
        "---\ntitle: Regard\n---\nWith regard to meetings, regarding the calendar.\n",
    ),
    (
        "content/trust.md",
        "---\ntitle: Building trust\n---\nTrust grows from small, reliable acts.\n",
    ),
    (
        "content/editing-trust.md",
        "---\ntitle: Trust\naudience: editors\n---\nHow to edit the trust page: trust, trust.\n",
    ),
];

#[test]
fn a_word_form_finds_its_stem_and_pages_for_editors_come_after_readers_pages() {
    let Some(chromium) = chromium() else { return };
    let (_tmp, mut browser) = opened(PAGES, chromium);
    let results = |browser: &mut cdp::Browser, q: &str| {
        browser.eval_async(&format!(
            "handbookSearch.query({}).then(r => r.map(x => [x.title, x.forEditors]))",
            json!(q)
        ))
    };
    // Neither page says "rewarding": its stem finds the reward page, not a near spelling.
    assert_eq!(
        results(&mut browser, "rewarding ")[0],
        json!(["Reward mentors", false])
    );
    // The editors' page is titled with the query itself, yet comes after the readers' page.
    assert_eq!(
        results(&mut browser, "trust "),
        json!([["Building trust", false], ["Trust", true]])
    );
    browser.eval("(() => { const i = document.getElementById('search-input'); i.focus(); i.value = 'trust'; i.dispatchEvent(new Event('input')); })()");
    browser.wait_for(
        "document.querySelector('#search-results .search-hit-audience')",
        "the editors' result to be labelled",
    );
    let label = browser.eval("Array.from(document.querySelectorAll('#search-results .search-hit')).pop().querySelector('.search-hit-audience').textContent");
    assert_eq!(label, json!("For editors"));
}

#[test]
fn an_index_that_does_not_load_is_said_to_be_unavailable() {
    let Some(chromium) = chromium() else { return };
    let (tmp, root) = handbook_from(PAGES);
    build_offline(&root);
    std::fs::remove_file(root.join("public/search/meta.js")).unwrap();
    let mut browser = cdp::Browser::start(chromium, 1024);
    browser.goto(&format!(
        "file://{}/index.html",
        root.join("public").display()
    ));
    browser.eval("(() => { const i = document.getElementById('search-input'); i.focus(); i.value = 'trust'; i.dispatchEvent(new Event('input')); })()");
    browser.wait_for(
        "!document.getElementById('search-results').hidden",
        "the results panel",
    );
    let said = browser.eval("document.getElementById('search-results').textContent + ' | ' + document.getElementById('search-status').textContent");
    assert!(
        said.as_str().unwrap().contains("Search is unavailable"),
        "{said}"
    );
    drop(tmp);
}

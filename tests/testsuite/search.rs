//! Search in a real browser: the queries of `tests/search-queries.yaml` (fixed before search
//! was built) typed into the bundled handbook's search box, served and opened from a folder.

use serde::Deserialize;
use serde_json::json;

use crate::browser::chromium;
use crate::common::*;
use crate::common::{cdp, server};

#[derive(Deserialize)]
struct Query {
    query: String,
    /// A content file, with a heading anchor for a hit inside the page.
    expect: String,
    kind: String,
}

fn queries() -> Vec<Query> {
    let text = include_str!("../search-queries.yaml");
    serde_saphyr::from_str(text).expect("search-queries.yaml reads")
}

/// The site URL (relative to the root) of `content/<expect>`, as the site links to it.
fn expected_url(expect: &str, offline: bool) -> String {
    let (file, anchor) = match expect.split_once('#') {
        Some((f, a)) => (f, format!("#{a}")),
        None => (expect, String::new()),
    };
    let path = file.trim_end_matches(".md").trim_end_matches(".yaml");
    let (dir, name) = path.rsplit_once('/').unwrap_or(("", path));
    let slug = name.split_once('-').map_or(name, |(n, rest)| {
        if n.chars().all(|c| c.is_ascii_digit()) {
            rest
        } else {
            name
        }
    });
    let index = if offline { "index.html" } else { "" };
    let dir = if dir.is_empty() {
        String::new()
    } else {
        format!("{dir}/")
    };
    format!("{dir}{slug}/{index}{anchor}")
}

/// Types each query into the search box of the page open in `browser` and checks the first
/// result; returns the failures, each with what came first instead.
fn run_queries(browser: &mut cdp::Browser, root_url: &str, offline: bool) -> Vec<String> {
    let mut failures = Vec::new();
    for q in queries() {
        browser.eval("(() => { const i = document.getElementById('search-input'); i.value = ''; i.focus(); })()");
        browser.type_text(&q.query);
        let shown = json!(q.query.trim()).to_string();
        browser.wait_for(
            &format!(
                "document.getElementById('search-results').getAttribute('data-query') === {shown}"
            ),
            &format!("results for {shown}"),
        );
        let top: Vec<String> = browser
            .eval("Array.from(document.querySelectorAll('#search-results .search-hit')).slice(0, 3).map(a => a.href)")
            .as_array()
            .cloned()
            .unwrap_or_default()
            .into_iter()
            .map(|v| v.as_str().unwrap_or("").to_string())
            .collect();
        let want = format!("{root_url}{}", expected_url(&q.expect, offline));
        if top.first() != Some(&want) {
            failures.push(format!(
                "{:?} ({}): wanted {want}, got {top:?}",
                q.query, q.kind
            ));
        }
    }
    failures
}

#[test]
fn the_query_file_covers_typos_stems_and_words_not_in_titles() {
    let all = queries();
    assert!(all.len() >= 12);
    let count = |kind: &str| all.iter().filter(|q| q.kind == kind).count();
    assert!(count("typo") >= 2 && count("stem") >= 2);
    assert!(2 * (all.len() - count("title")) >= all.len());
    assert_eq!(
        expected_url("strategies/01-socialised-niceness.md#x", false),
        "strategies/socialised-niceness/#x"
    );
    assert_eq!(
        expected_url("ethics/confidentiality.md", true),
        "ethics/confidentiality/index.html"
    );
}

#[test]
fn search_finds_the_expected_result_served_and_from_a_folder() {
    let Some(chromium) = chromium() else { return };
    let (_tmp, root) = bundled();
    let server = server::serve(&root);
    let mut browser = cdp::Browser::start(chromium, 1280);
    let base = format!("http://127.0.0.1:{}/", server.port);
    browser.goto(&format!("{base}roles/mentor/"));
    let mut failures = run_queries(&mut browser, &base, false);

    let out = run(
        &["build", "--root", root.to_str().unwrap(), "--offline"],
        &root,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let folder = format!("file://{}/", root.join("public").display());
    browser.goto(&format!("{folder}ethics/index.html"));
    failures.extend(
        run_queries(&mut browser, &folder, true)
            .into_iter()
            .map(|f| format!("offline: {f}")),
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

//! Search results grouped by page: a page with several matching sections is one result, its
//! best link first and its other sections beneath it, each linking to its own place, in the
//! box's drop-down (one section) and on the search page (two); the keyboard reaches them all.

use serde_json::json;

use crate::browser::chromium;
use crate::common::*;

const PAGES: &[(&str, &str)] = &[
    ("content/index.md", "---\ntitle: Home\n---\nWelcome.\n"),
    (
        "content/leave.md",
        "---\ntitle: Study leave\n---\nStudy leave is granted by the faculty.\n\n\
## Applying for leave\n\nAsk for study leave two months ahead.\n\n\
## Leave during exams\n\nNo leave is granted in the weeks of exams.\n\n\
## Returning from leave\n\nAfter leave, meet your mentor within a week.\n",
    ),
    (
        "content/calendar.md",
        "---\ntitle: Calendar\n---\nTerms, exams and leave are in the faculty calendar.\n",
    ),
];

#[test]
fn a_page_with_several_matching_sections_is_one_result_with_its_sections_beneath() {
    let Some(chromium) = chromium() else { return };
    let (_tmp, root) = handbook_from(PAGES);
    build_offline(&root);
    let site = format!("file://{}/", root.join("public").display());
    let mut browser = cdp::Browser::start(chromium, 1024);
    browser.goto(&format!("{site}index.html"));
    browser.eval("document.getElementById('search-input').focus()");
    browser.type_text("leave");
    browser.wait_for(
        "document.getElementById('search-results').getAttribute('data-query') === 'leave'",
        "results for leave",
    );
    // One `.search-hit` per page, in a group named by the page, with one section beneath.
    let shown = browser.eval(
        "Array.from(document.querySelectorAll('#search-results [role=group]')).map(g => ({ \
           name: g.getAttribute('aria-label'), \
           hits: Array.from(g.querySelectorAll('.search-hit')).map(a => a.href), \
           sections: Array.from(g.querySelectorAll('.search-section')).map(a => a.href) }))",
    );
    let groups = shown.as_array().unwrap();
    assert_eq!(groups.len(), 2, "{shown}");
    let leave = &groups[0];
    assert_eq!(leave["name"], json!("Study leave"), "{shown}");
    let best = leave["hits"][0].as_str().unwrap().to_string();
    assert_eq!(leave["hits"].as_array().unwrap().len(), 1, "{shown}");
    let page = format!("{site}leave/index.html");
    assert!(best.starts_with(&page), "{shown}");
    let sections = leave["sections"].as_array().unwrap();
    assert_eq!(
        sections.len(),
        1,
        "the drop-down shows one section: {shown}"
    );
    let section = sections[0].as_str().unwrap();
    assert!(section.starts_with(&page) && section != best, "{shown}");
    assert_eq!(groups[1]["name"], json!("Calendar"), "{shown}");

    // The arrow keys reach the section beneath the page, and Enter opens it at its heading.
    browser.press("ArrowDown", 0);
    browser.press("ArrowDown", 0);
    let chosen = browser.eval(
        "(() => { const id = document.getElementById('search-input').getAttribute('aria-activedescendant'); \
           const o = document.getElementById(id); \
           return [o.className, o.getAttribute('aria-selected'), o.href]; })()",
    );
    assert_eq!(chosen[0], json!("search-section"), "{chosen}");
    assert_eq!(chosen[1], json!("true"), "{chosen}");
    let target = chosen[2].clone();
    // The open drop-down, with a section chosen, passes axe-core, light and dark.
    let axe = axe_core();
    let violations = axe_on(&mut browser, axe.as_deref());
    assert!(violations.is_empty(), "the drop-down: {violations:?}");
    browser.press("Enter", 0);
    browser.wait_for(
        &format!("location.href === {target}"),
        "the chosen section to open",
    );

    // The search page lists the page once, with two other sections beneath it as links.
    browser.goto(&format!("{site}search/index.html?q=leave"));
    browser.wait_for(
        "document.querySelectorAll('#search-page-results > li').length > 0",
        "the search page's results",
    );
    let listed = browser.eval(
        "Array.from(document.querySelectorAll('#search-page-results > li')).map(li => \
           Array.from(li.querySelectorAll('a')).map(a => a.href))",
    );
    let pages = listed.as_array().unwrap();
    assert_eq!(pages.len(), 2, "{listed}");
    let links: Vec<&str> = pages[0]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(links.len(), 3, "the page and two sections: {listed}");
    assert!(links.iter().all(|l| l.starts_with(&page)), "{listed}");
    assert!(
        links[0] != links[1] && links[1] != links[2] && links[0] != links[2],
        "{listed}"
    );
    let violations = axe_on(&mut browser, axe.as_deref());
    assert!(
        violations.is_empty(),
        "the search page's results: {violations:?}"
    );
}

/// axe-core's script, or `None` where it is not installed (outside CI).
fn axe_core() -> Option<String> {
    let path = crate::reader::tool("axe-core/axe.min.js", "axe-core")?;
    Some(std::fs::read_to_string(path).unwrap())
}

/// axe-core's violations on the page as it is, in the light and the dark scheme.
fn axe_on(browser: &mut cdp::Browser, axe: Option<&str>) -> Vec<String> {
    let Some(axe) = axe else { return Vec::new() };
    browser.eval(axe);
    let mut found = Vec::new();
    for scheme in ["light", "dark"] {
        browser.color_scheme(scheme);
        let violations = browser.eval_async(crate::reader::AXE);
        for v in violations.as_array().expect("axe results") {
            found.push(format!("{scheme}: {}", v.as_str().unwrap()));
        }
    }
    browser.color_scheme("light");
    found
}

//! What readers meet in the order they meet it: a scenario's discussion before its notes for
//! the facilitator, pages for editors apart from the readers' menu, citations, and the print
//! edition read as a book.

use crate::common::*;

const SCENARIO: &str = "---\ntitle: The late report\ndiscussion:\n  - What should the mentor say first?\n---\nA mentee misses a deadline.\n\n## Notes for the facilitator {#notes}\n\nPoint the group to boundaries.\n";

/// The position of `needle` in `haystack`, which must hold it.
fn at(haystack: &str, needle: &str) -> usize {
    haystack
        .find(needle)
        .unwrap_or_else(|| panic!("no {needle:?} in the page"))
}

#[test]
fn a_scenario_asks_its_questions_before_the_facilitators_notes() {
    let (_tmp, root) = handbook_from(&[
        ("content/index.md", "---\ntitle: Home\n---\n"),
        (
            "content/scenarios/_section.md",
            "---\ntitle: Scenarios\nkind: scenario\n---\n",
        ),
        ("content/scenarios/late-report.md", SCENARIO),
    ]);
    let out = build_to(&root, &root.join("public"), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    for page in [
        "scenarios/late-report/index.html",
        "print/handbook/index.html",
    ] {
        let html = read(&root.join("public").join(page));
        let situation = at(&html, "A mentee misses a deadline.");
        let question = at(&html, "What should the mentor say first?");
        let notes = at(&html, "Notes for the facilitator");
        let hint = at(&html, "Point the group to boundaries.");
        assert!(
            situation < question && question < notes && notes < hint,
            "{page}: the situation, the questions, then the notes"
        );
    }
}

/// The sidebar of a built page: the `<nav class="sidebar"…>` element.
fn sidebar(html: &str) -> &str {
    let start = at(html, "class=\"sidebar\"");
    let end = start + at(&html[start..], "</nav>");
    &html[start..end]
}

#[test]
fn pages_for_editors_are_out_of_the_readers_menu_and_linked_from_the_footer() {
    let (_tmp, root) = handbook_from(&[
        ("content/index.md", "---\ntitle: Home\n---\n"),
        ("content/glossary.md", "---\ntitle: Glossary\n---\nTerms.\n"),
        (
            "content/keeping-it.md",
            "---\ntitle: Keeping the handbook\naudience: editors\n---\nHow to edit.\n",
        ),
    ]);
    let out = build_to(&root, &root.join("public"), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let glossary = read(&root.join("public/glossary/index.html"));
    assert!(
        !sidebar(&glossary).contains("keeping-it/"),
        "the editors' page is in the readers' menu: {}",
        sidebar(&glossary)
    );
    assert!(sidebar(&glossary).contains("Glossary"));
    let footer = &glossary[at(&glossary, "<footer")..];
    assert!(
        footer.contains("href=\"../keeping-it/\""),
        "the footer does not link the editors' page: {footer}"
    );
    // It stays reachable in reading order, after the readers' pages.
    assert!(
        glossary.contains("rel=\"next\" href=\"../keeping-it/\"")
            || glossary.contains("href=\"../keeping-it/\"><span class=\"pager-label\">Next")
    );
}

const SOURCES: &str = "smith2020:\n  authors: [A. Smith]\n  year: 2020\n  title: Mentoring in practice\n  note: EDITORS ONLY, the copy used lacks page numbers\njones2021:\n  authors: [B. Jones]\n  year: 2021\n  title: Pairing faculty\n";

/// The numbers of each citation group of `html`, as shown.
fn groups(html: &str) -> Vec<Vec<usize>> {
    html.split("<sup class=\"cite\">")
        .skip(1)
        .map(|rest| {
            let group = &rest[..rest.find("</sup>").unwrap()];
            group
                .split("aria-label=\"source ")
                .skip(1)
                .map(|n| {
                    n[..n.find(|c: char| !c.is_ascii_digit()).unwrap()]
                        .parse()
                        .unwrap()
                })
                .collect()
        })
        .collect()
}

/// Citations are superscripts held to their word, a group's numbers in ascending order, and
/// a source's `note` (for editors) is published nowhere.
#[test]
fn citations_are_ordered_superscripts_held_to_their_word_and_notes_stay_unpublished() {
    let (_tmp, root) = handbook_from(&[
        ("content/index.md", "---\ntitle: Home\n---\n"),
        (
            "content/pairing.md",
            "---\ntitle: Pairing\n---\nFirst [@jones2021]. Then both [@smith2020; @jones2021].\n\nAnd [@smith2020, Table 3] again.\n",
        ),
        ("content/sources.yaml", SOURCES),
    ]);
    let public = root.join("public");
    let out = build_to(&root, &public, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = read(&public.join("pairing/index.html"));
    assert_eq!(groups(&html), [vec![1], vec![1, 2], vec![2]], "{html}");
    assert!(html.contains("First<sup class=\"cite\">"), "{html}");
    assert!(
        html.contains(">2, Table 3</a>"),
        "the locator shows: {html}"
    );
    for file in html_files(&public) {
        assert!(
            !read(&file).contains("EDITORS ONLY"),
            "{} publishes a source's note",
            file.display()
        );
    }
}

/// In a browser: every citation number on a phone has a 24 x 24 px target of its own, the
/// page's references are folded, and following a citation opens them at its source.
#[test]
fn citation_targets_are_large_and_open_the_folded_references() {
    let Some(chromium) = crate::browser::chromium() else {
        return;
    };
    let (_tmp, root) = crate::browser::built_offline();
    let mut browser = crate::common::cdp::Browser::start(chromium, 360);
    browser.phone(360);
    // Each link answers at the corners of a 24 px square around its centre (the probation
    // review has two groups side by side).
    for page in ["checklists/probation-review", "roles/mentor"] {
        let page = root.join(format!("public/{page}/index.html"));
        browser.goto(&format!("file://{}", page.display()));
        let misses = browser.eval(
            "(() => { const out = []; document.querySelectorAll('.cite a').forEach((a, i) => {
            a.scrollIntoView({ block: 'center', behavior: 'instant' });
            const r = a.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
            for (const [dx, dy] of [[-11, -11], [11, -11], [-11, 11], [11, 11]]) {
              const hit = document.elementFromPoint(x + dx, y + dy);
              if (hit !== a) { out.push(i + ': ' + (hit && hit.outerHTML.slice(0, 60))); }
            }
          }); return out; })()",
        );
        assert_eq!(misses, serde_json::json!([]), "targets smaller than 24 px");
    }
    assert_eq!(
        browser.eval("document.querySelector('.references details').open"),
        serde_json::json!(false),
        "the references are not folded"
    );
    browser.eval("window.scrollTo(0, 0); document.querySelector('.cite a').click()");
    browser.wait_for(
        "document.querySelector('.references details').open",
        "the references to open",
    );
    browser.wait_for(
        "(() => { const r = document.querySelector(location.hash).getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; })()",
        "the cited source to come into view",
    );
}

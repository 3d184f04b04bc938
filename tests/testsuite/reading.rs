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

//! Ranking rules of the search client, each on a small handbook built so that the rule alone
//! decides which page comes first: a completion of the word being typed holds that word only
//! in part; a form the handbook never uses finds the words of its family; the query's words
//! in a row, stop words included, lift the block whose text holds them.

use serde_json::{Value, json};

use crate::browser::chromium;

const PAGES: &[(&str, &str)] = &[
    ("content/index.md", "---\ntitle: Home\n---\nWelcome.\n"),
    (
        "content/models.md",
        "---\ntitle: Working models\n---\nThe mentor also reviews the supervisory plan each term.\n",
    ),
    (
        "content/conflicts.md",
        "---\ntitle: Conflicts\n---\nSometimes the mentor is the daily supervisor of the mentee.\n",
    ),
    (
        "content/calendar.md",
        "---\ntitle: Calendar\n---\nTerms and exams are also in the faculty calendar.\n",
    ),
    (
        "content/awards.md",
        "---\ntitle: Awards\n---\nRecognition of good teaching comes each spring, also for research.\n",
    ),
    (
        "content/mentor.md",
        "---\ntitle: Mentor\n---\nMentors guide mentees through their first years.\n",
    ),
    (
        "content/pool.md",
        "---\ntitle: Mentor pool\n---\nWho can be a mentor is the institution's choice, and the rule is written down.\n",
    ),
];

/// The titles of the results for `query`, from the client in a browser (None without one).
fn titles(query: &str) -> Option<Value> {
    let chromium = chromium()?;
    let (_tmp, mut browser) = crate::search_ui::opened(PAGES, chromium);
    Some(browser.eval_async(&format!(
        "handbookSearch.query({}).then(r => r.map(x => x.title))",
        json!(query)
    )))
}

#[test]
fn a_completion_of_the_word_being_typed_holds_it_only_in_part() {
    let Some(found) = titles("mentor also supervisor") else {
        return;
    };
    // "supervisory" completes "supervisor", typed last: the page with the word itself comes
    // before the one with its completion and the commoner "also".
    assert_eq!(found[0], json!("Conflicts"), "{found}");
}

#[test]
fn a_form_the_handbook_never_uses_finds_the_words_of_its_family() {
    let Some(found) = titles("recognised ") else {
        return;
    };
    // No page says "recognised" or "recognise": "recognition" is of the same family.
    assert_eq!(found[0], json!("Awards"), "{found}");
}

#[test]
fn the_query_s_words_in_a_row_stop_words_included_lift_the_block_that_holds_them() {
    let Some(found) = titles("who can be a mentor") else {
        return;
    };
    // "Mentor" is the title of a page, but the question's words in a row are in the other.
    assert_eq!(found[0], json!("Mentor pool"), "{found}");
    assert_eq!(found[1], json!("Mentor"), "{found}");
}

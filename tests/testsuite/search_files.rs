//! What a reader's search downloads: the box fetches the fragments (titles and excerpts) of
//! the results it shows only once typing pauses, not those of every word on the way.

use crate::browser::chromium;

/// Pages whose titles start as the query does, each in a pack of its own, and the one page
/// the whole query finds, last.
fn pages() -> Vec<(String, String)> {
    let words = [
        "meadow", "measure", "medal", "median", "medic", "melody", "member", "memory", "menace",
        "mend", "menu", "merit",
    ];
    let mut files: Vec<(String, String)> = vec![(
        "content/index.md".into(),
        "---\ntitle: Home\n---\nWelcome.\n".into(),
    )];
    for (n, word) in words.iter().enumerate() {
        files.push((
            format!("content/p{n:02}.md"),
            format!("---\ntitle: The {word}\n---\nAbout the {word}, {word} and {word}.\n"),
        ));
    }
    files.push((
        "content/p99.md".into(),
        "---\ntitle: Peer support\n---\nMentorship among peers.\n".into(),
    ));
    files
}

#[test]
fn typing_on_fetches_the_fragments_of_the_last_words_results_only() {
    let Some(chromium) = chromium() else { return };
    let files = pages();
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let (_tmp, mut browser) = crate::search_ui::opened(&borrowed, chromium);
    browser.eval("document.getElementById('search-input').focus()");
    // A reader typing on, a key every 30 ms: "me", "men", … each find other pages.
    browser.eval(
        "(() => {
            const input = document.getElementById('search-input');
            const word = 'mentorship';
            for (let n = 1; n <= word.length; n++) {
                setTimeout(() => {
                    input.value = word.slice(0, n);
                    input.dispatchEvent(new Event('input'));
                }, 30 * n);
            }
        })()",
    );
    browser.wait_for(
        "document.getElementById('search-results').getAttribute('data-query') === 'mentorship'",
        "the results of the whole word",
    );
    let shown = browser.eval(
        "[...document.querySelectorAll('#search-results .search-hit')].map(a => a.getAttribute('href'))",
    );
    assert_eq!(shown, serde_json::json!(["./p99/index.html"]), "{shown}");
    // Packs of two pages: the one page shown is in one pack, and no other was fetched.
    let fetched = browser.eval(
        "[...document.querySelectorAll('script[src*=\"search/f/\"]')].map(s => s.getAttribute('src'))",
    );
    assert_eq!(fetched.as_array().map(Vec::len), Some(1), "{fetched}");
}

//! The first query's work grows with the results it shows, not with the book: a word held
//! by over a thousand blocks is ranked without putting every block, as an object, in order
//! with a comparator (`bench/search/`: that sort was a third of the first query's time at
//! 10,000 pages). The scores alone are put in order natively, as numbers in a typed array,
//! to find the k-th best; this test counts the comparator sorts (Array.prototype.sort).

use serde_json::json;

use crate::browser::chromium;

/// 250 pages of six sections, each saying "mentor" a few times among other words, in counts
/// that differ from page to page so that few blocks tie.
fn pages() -> Vec<(String, String)> {
    let mut files = vec![(
        "content/index.md".to_string(),
        "---\ntitle: Home\n---\nWelcome.\n".to_string(),
    )];
    for page in 0..250 {
        let mut text = format!("---\ntitle: Page {page}\n---\nAn opening line.\n");
        for section in 0..6 {
            let said = "mentor ".repeat(1 + (page * 7 + section * 3) % 5);
            let filler = "plan term review ".repeat(1 + (page + section) % 9);
            text.push_str(&format!("\n## Part {section}\n\n{said}{filler}\n"));
        }
        files.push((format!("content/page-{page:03}.md"), text));
    }
    files
}

#[test]
fn a_word_in_over_a_thousand_blocks_is_ranked_without_a_comparator_sort_of_them_all() {
    let Some(chromium) = chromium() else {
        return;
    };
    let files = pages();
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let (_tmp, mut browser) = crate::search_ui::opened(&files, chromium);
    // Every element put in order by Array.prototype.sort (a comparator's sort of objects or
    // arrays) while the query runs; a typed array's sort of numbers is not counted.
    let found = browser.eval_async(
        "(() => { let sorted = 0; const sort = Array.prototype.sort;
          Array.prototype.sort = function (f) { sorted += this.length; return sort.call(this, f); };
          return handbookSearch.query('mentor').then(r => {
            Array.prototype.sort = sort;
            return { sorted, shown: r.length, first: r[0].title };
          });
        })()",
    );
    assert_eq!(found["shown"], json!(8), "{found}");
    let sorted = found["sorted"].as_u64().unwrap_or(u64::MAX);
    assert!(
        sorted < 500,
        "1,500 blocks say \"mentor\"; the query sorted {sorted} elements with Array.prototype.sort: {found}"
    );
}

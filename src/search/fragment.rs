//! Fragments: per page, its title, URL and block texts, for results and excerpts, one file
//! per page (a reader's first search fetches the excerpts of the results it shows).

use serde_json::json;

use super::docs::Doc;

/// Block text kept for excerpts.
const EXCERPT_CHARS: usize = 1200;

/// The fragment file of the `number`th page: its title, URL and block texts, for results and
/// excerpts; `offline` says how its URL is written.
pub fn fragment(number: usize, doc: &Doc, offline: bool) -> Vec<u8> {
    let blocks: Vec<_> = doc
        .blocks
        .iter()
        .map(|b| json!([b.anchor, b.heading, excerpt_text(&b.text)]))
        .collect();
    let url = crate::links::urls::relative("/", &doc.url, offline);
    let url = if doc.url == "/" && !offline {
        String::new()
    } else {
        url
    };
    let mut page = json!({"u": url, "t": doc.title, "b": blocks});
    if doc.for_editors {
        page["e"] = json!(1);
    }
    format!("hbSearch.f({number},[{page}]);\n").into_bytes()
}

/// The path of the `number`th page's fragment file.
pub fn fragment_path(number: usize) -> String {
    format!("{}f/{number}.js", super::FOLDER)
}

fn excerpt_text(text: &str) -> String {
    match text.char_indices().nth(EXCERPT_CHARS) {
        Some((cut, _)) => {
            let head = &text[..cut];
            let end = head.rfind(' ').unwrap_or(cut);
            format!("{}…", &text[..end])
        }
        None => text.to_string(),
    }
}

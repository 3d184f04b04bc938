//! Fragments: per page, its title, URL and block texts, for results and excerpts. The pages
//! are packed in their order, `FRAGMENT_PAGES` to a file (`search/f/<pack>.js`).

use serde_json::json;

use super::docs::Doc;
use super::format::FRAGMENT_PAGES;

/// Block text kept for excerpts: a reader's first search fetches a pack of pages for each
/// result it shows, so the text of every block in the pack is paid for (see `format`).
const EXCERPT_CHARS: usize = 400;

/// One page's part of its pack: its title, URL and block texts; `offline` says how its URL
/// is written.
pub fn page(doc: &Doc, offline: bool) -> String {
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
    page.to_string()
}

/// The file of the `number`th pack, made of its pages' parts (see `page`), in page order.
pub fn pack<S: AsRef<str>>(number: usize, pages: &[S]) -> Vec<u8> {
    let mut out = format!("hbSearch.f({number},[");
    for (n, page) in pages.iter().enumerate() {
        if n > 0 {
            out.push(',');
        }
        out.push_str(page.as_ref());
    }
    out.push_str("]);\n");
    out.into_bytes()
}

/// The number of the pack that holds the `page`th page.
pub fn pack_of(page: usize) -> usize {
    page / FRAGMENT_PAGES
}

/// The path of the `number`th pack's file.
pub fn pack_path(number: usize) -> String {
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

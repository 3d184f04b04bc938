//! Fragments: per page, its title, URL and block texts, for results and excerpts. The pages
//! are packed in their order, `format::fragment_pages` to a file (`search/f/<pack>.js`).

use serde_json::json;

use super::docs::Doc;
/// Block text kept for excerpts, in packs of `pack_pages` pages: a reader's first search
/// fetches a pack for each result it shows, so the text of every block in the pack is paid
/// for (see `format`). A pack's texts stay about the same size: 400 characters a block at two
/// pages a pack, 120 (some twenty words) at eight.
pub fn excerpt_chars(pack_pages: usize) -> usize {
    (960 / pack_pages.max(1)).min(400)
}

/// One page's part of its pack: its title, URL and block texts (at most `chars` characters
/// each); `offline` says how its URL is written.
pub fn page(doc: &Doc, offline: bool, chars: usize) -> String {
    let blocks: Vec<_> = doc
        .blocks
        .iter()
        .map(|b| json!([b.anchor, b.heading, excerpt_text(&b.text, chars)]))
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

/// The number of the pack that holds the `page`th page, in packs of `pack_pages` pages.
pub fn pack_of(page: usize, pack_pages: usize) -> usize {
    page / pack_pages
}

/// The path of the `number`th pack's file.
pub fn pack_path(number: usize) -> String {
    format!("{}f/{number}.js", super::FOLDER)
}

fn excerpt_text(text: &str, chars: usize) -> String {
    match text.char_indices().nth(chars) {
        Some((cut, _)) => {
            let head = &text[..cut];
            let end = head.rfind(' ').unwrap_or(cut);
            format!("{}…", &text[..end])
        }
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::format::fragment_pages;
    use super::excerpt_chars;

    #[test]
    fn a_large_book_packs_more_pages_to_a_file_with_shorter_texts() {
        let rule = |pages: usize| (fragment_pages(pages), excerpt_chars(fragment_pages(pages)));
        assert_eq!(rule(90), (2, 400), "a handbook's own size");
        assert_eq!(rule(5_000), (4, 240));
        // At 10,000 pages, 1,276 packs: room for the shards within a file per five pages.
        assert_eq!(rule(10_202), (8, 120));
        assert_eq!(rule(100_000), (8, 120));
    }
}

//! The search files' format: the numbers the index writes (index.rs) and the client reads
//! (the theme's search.js takes each from `search/meta.js`, never from a copy of its own).

/// The version of the files' format, in `meta.js`: bumped when a reader of the old files
/// would misread the new ones.
pub const VERSION: u32 = 4;

/// The client numbers a block `page × BLOCKS_PER_PAGE + block`: one more than the most blocks
/// a page may have (block numbers are `u16`).
pub const BLOCKS_PER_PAGE: usize = u16::MAX as usize + 1;

/// Pages whose fragments share a file (`search/f/<n>.js`, pages `n × fragment_pages` on), in
/// page order, in a book of `pages` pages (sections counted): two, and one more for every
/// 1,250 pages past 2,500, at most eight, so that a large book's index is at most one file per
/// five pages (`bench/search/`). A reader's first search fetches the pack of each result it
/// shows, so every page in a pack is paid for many times over, and its blocks' texts are cut
/// shorter as packs grow (`fragment::excerpt_chars`), to keep a first search within its
/// budget.
pub fn fragment_pages(pages: usize) -> usize {
    (pages / 1250).clamp(2, 8)
}

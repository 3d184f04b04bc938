//! The search files' format: the numbers the index writes (index.rs) and the client reads
//! (the theme's search.js takes each from `search/meta.js`, never from a copy of its own).

/// The version of the files' format, in `meta.js`: bumped when a reader of the old files
/// would misread the new ones.
pub const VERSION: u32 = 2;

/// The client numbers a block `page × BLOCKS_PER_PAGE + block`: one more than the most blocks
/// a page may have (block numbers are `u16`).
pub const BLOCKS_PER_PAGE: usize = u16::MAX as usize + 1;

/// Pages whose fragments share a file (`search/f/<n>.js`). One: a reader's first search
/// fetches the excerpts of the results it shows at each keystroke, so every extra page in a
/// file is paid for many times over (four to a file cost 2.5 times the bytes at 1,000 pages,
/// `bench/search/`).
pub const FRAGMENT_PAGES: usize = 1;

//! Files compiled into the binary by `build.rs`: the default theme and the bundled handbook.

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// A file of the compiled-in default theme, by its path in the theme (`fonts/NotoSans-Regular.ttf`).
/// The table is sorted by that path as a string (build.rs), the key searched by here.
pub fn theme_file(path: &str) -> Option<&'static [u8]> {
    THEME
        .binary_search_by(|(p, _)| (*p).cmp(path))
        .ok()
        .map(|i| THEME[i].1)
}

#[cfg(test)]
mod tests {
    #[test]
    fn tables_are_sorted_by_the_key_they_are_searched_by() {
        for table in [super::THEME, super::BUNDLED_HANDBOOK] {
            assert!(table.windows(2).all(|w| w[0].0 < w[1].0));
        }
        for (path, bytes) in super::THEME {
            assert_eq!(super::theme_file(path), Some(*bytes));
        }
    }
}

//! Files compiled into the binary by `build.rs`: the default theme and the bundled handbook.

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// A file of the compiled-in default theme, by its path in the theme (`fonts/NotoSans-Regular.ttf`).
pub fn theme_file(path: &str) -> Option<&'static [u8]> {
    THEME
        .binary_search_by(|(p, _)| (*p).cmp(path))
        .ok()
        .map(|i| THEME[i].1)
}

//! search.js is written in parts, one per job (the default theme's `search/1-loading.js`,
//! `2-stemmer.js`, …), and shipped as one file: the parts joined in the order of their names.
//! Its own file with no imports, so that `build.rs` (which joins the default theme's parts)
//! and the theme loader (which joins those of a handbook's own theme) apply the same rule.

/// The theme's folder of search.js's parts.
pub const FOLDER: &str = "search/";

/// Whether a file of that folder, by its name there, is a part.
pub fn is_part(name: &str) -> bool {
    name.ends_with(".js") && !name.contains('/')
}

/// The parts, by name, joined in the order of their names.
pub fn join(mut parts: Vec<(String, Vec<u8>)>) -> Vec<u8> {
    parts.sort_by(|a, b| a.0.cmp(&b.0));
    parts.into_iter().flat_map(|(_, bytes)| bytes).collect()
}

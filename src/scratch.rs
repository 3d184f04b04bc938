//! The scratch-file rule (SPEC): names editors and tools leave beside real files, which every
//! command skips. Its own file with no imports, so that `build.rs` (which embeds the bundled
//! handbook and the theme) applies the very same rule as the walk of a handbook.

/// Editors and tools leave these beside real files; every command skips them.
pub fn is_scratch_file(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || name.ends_with(".swp")
        || name.ends_with(".swo")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
}

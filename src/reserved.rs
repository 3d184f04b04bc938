//! The element ids the default theme's templates and scripts give every page (the live
//! preview's error overlay included), which a heading may not take. The template registry
//! (`render/templates.rs`) lists them with the templates; they live here, below `markdown`,
//! so that heading ids are made around them.

pub const RESERVED_IDS: &[&str] = &[
    "main",
    "sidebar",
    "search-input",
    "search-results",
    "search-status",
    "search-page-input",
    "search-page-results",
    "search-page-status",
    "search-option-all",
    "toc-title",
    "related-title",
    "references-title",
    "responsibilities-title",
    "discussion-title",
    "start-here",
    "strategies-glance",
    "checklists-glance",
    "print-contents-title",
    "handbook-errors",
];

/// Beginnings of ids made from other names or numbers on a page: `ref-` and a citation key's
/// slug for each entry of a page's reference list; `fn-N` and `fnref-N` for footnotes.
pub const RESERVED_PREFIXES: &[&str] = &["ref-", "fn-", "fnref-"];

/// Whether a heading may not take `id`: the theme has an element with it, or may make one.
pub fn is_reserved(id: &str) -> bool {
    RESERVED_IDS.contains(&id) || RESERVED_PREFIXES.iter().any(|p| id.starts_with(p))
}

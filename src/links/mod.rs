//! Links and URLs, the one answer shared by `check` (is a link broken?) and `render` (what
//! href to write): `resolve` turns a link written in Markdown into a site URL, `urls` turns
//! site URLs into output paths and relative hrefs.

mod resolve;
pub mod urls;

pub use resolve::{LinkProblem, Resolved, Resolver, SOURCES_URL, Target, is_external};

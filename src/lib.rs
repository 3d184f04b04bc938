//! `handbook`: a static site generator for institutional mentoring handbooks.
//!
//! The modules follow the pipeline: `config` (book.yaml) -> `content` (the typed model, with
//! each page's `markdown` analysis) -> `check` (references across files) -> `render` (HTML
//! and assets) -> `output` (atomic writing). `links` resolves links for both `check` and
//! `render`; `history` reads the editions from git for the page of changes; `pipeline` runs
//! the stages in order; `serve` keeps a pipeline alive; `cli` and `cmd` are the thin edge.
//! `emit` names the files a render hands over, for `render`, `search` and `output`. Below
//! them all: `diagnostic`, `source`, `yaml`, `files`, `slug`.

pub(crate) mod bidi;
/// Public for the fuzz target (`fuzz/`), which checks small handbooks it loads.
pub mod check;
pub mod cli;
pub mod cmd;
/// Public for the fuzz target (`fuzz/`), which reads themes' `surfaces.yaml` through it.
pub mod color;
pub mod config;
pub(crate) mod console;
pub mod content;
pub(crate) mod dates;
pub mod diagnostic;
pub(crate) mod embedded;
pub(crate) mod emit;
pub(crate) mod files;
pub mod history;
pub mod links;
pub mod markdown;
pub(crate) mod output;
pub(crate) mod parallel;
pub(crate) mod pdf;
pub(crate) mod pipeline;
pub mod render;
/// Public for the fuzz target (`fuzz/`), which holds rendered heading ids against it.
pub mod reserved;
pub mod schema;
mod scratch;
pub mod search;
pub(crate) mod serve;
pub(crate) mod slug;
pub mod source;
pub(crate) mod suggest;
pub(crate) mod svg;
pub(crate) mod test_hooks;
pub mod yaml;

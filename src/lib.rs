//! `handbook`: a static site generator for institutional mentoring handbooks.
//!
//! The modules follow the pipeline: `config` (book.yaml) -> `content` (the typed model, with
//! each page's `markdown` analysis) -> `check` (references across files) -> `render` (HTML
//! and assets) -> `output` (atomic writing). `links` resolves links for both `check` and
//! `render`; `pipeline` runs the stages in order; `serve` keeps a pipeline alive; `cli` and
//! `cmd` are the thin edge. `emit` names the files a render hands over, for `render`, `search`
//! and `output`. Below them all: `diagnostic`, `source`, `yaml`, `files`, `slug`.

pub mod check;
pub mod cli;
pub mod cmd;
pub mod color;
pub mod config;
pub mod console;
pub mod content;
pub mod diagnostic;
pub mod embedded;
pub mod emit;
pub mod files;
pub mod links;
pub mod markdown;
pub mod output;
pub mod parallel;
pub mod pdf;
pub mod pipeline;
pub mod render;
pub mod reserved;
pub mod schema;
mod scratch;
pub mod search;
pub mod serve;
pub mod slug;
pub mod source;
pub mod suggest;
pub mod svg;
pub mod test_hooks;
pub mod yaml;

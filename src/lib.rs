//! `handbook`: a static site generator for institutional mentoring handbooks.
//!
//! The modules follow the pipeline: `config` (book.yaml) -> `content` (the typed model) ->
//! `check` (references across files) -> `render` (HTML and assets) -> `output` (atomic
//! writing). `pipeline` runs the stages in order; `cli` and `cmd` are the thin edge.

pub mod check;
pub mod cli;
pub mod cmd;
pub mod color;
pub mod config;
pub mod console;
pub mod content;
pub mod diagnostic;
pub mod embedded;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod schema;
pub mod serve;
pub mod source;
pub mod suggest;
pub mod yaml;

//! One file per command: each takes parsed arguments, runs the pipeline, reports.
pub mod build;
pub mod check;
pub mod init;
pub mod new;
pub mod schema;
pub mod serve;

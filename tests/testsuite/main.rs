//! The integration tests, in one binary (one link step instead of one per file). Each module
//! drives the compiled `handbook` binary on real handbooks in temporary folders.

mod book_pdf;
mod browser;
mod build;
mod changes;
mod check_corpus;
mod common;
mod content;
mod deploy;
mod external;
mod faults;
mod forms;
mod hardening;
mod home;
mod incremental;
mod look;
mod pdf;
mod pdf_text;
mod preview;
mod print;
mod publish;
mod reader;
mod reading;
mod schema;
mod search;
mod search_files;
mod search_groups;
mod search_latency;
mod search_rank;
mod search_ui;
mod serve;
mod serve_property;
mod serve_recovery;
mod stemmer;
mod structure;
#[cfg(unix)]
mod swap;

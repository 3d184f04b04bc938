//! What rendering hands over: each file of the site, as bytes or as a file to copy, and the
//! `Sink` a one-off build writes them to as they are made. Below `render`, `search` and
//! `output`, which all speak of files this way.

use std::path::PathBuf;
use std::sync::Arc;

use crate::files::FileKey;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Contents {
    /// Bytes, kept from one render to the next.
    Shared(Arc<Vec<u8>>),
    /// Copied from this file, in the version `key` names.
    Copy { from: PathBuf, key: FileKey },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative to the output folder, with `/` separators.
    pub path: String,
    pub contents: Contents,
}

/// Where a render hands each file as soon as it is made, so that a one-off build writes
/// while it renders and never holds the whole site in memory. A sink that fails remembers
/// its error and reports it when closed.
pub trait Sink: Sync {
    /// Takes one file.
    fn put(&self, file: OutputFile);

    /// Takes one file written piece by piece by `fill`, which says whether it completed it.
    fn stream(
        &self,
        path: &str,
        fill: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<bool>,
    );
}

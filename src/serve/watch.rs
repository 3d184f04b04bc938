//! `handbook watch`: the same rebuilds as `serve`, written into the output folder (only the
//! files that changed) instead of served from memory.

use std::path::Path;
use std::sync::Arc;

use super::changes;
use super::rebuild::Rebuilder;
use super::rebuilds::{merge, summary};
use crate::console::Console;
use crate::diagnostic::Diagnostics;
use crate::pipeline::{Options, Schedule, Scope};

/// Rebuilds into the output folder on every change, writing only what changed.
pub fn watch(console: &Console, root: &Path, out: &Path) -> bool {
    let mut rebuilder = Rebuilder::new(Options {
        root: root.to_path_buf(),
        ..Options::default()
    });
    let mut diagnostics = Diagnostics::new();
    let first = rebuilder.rebuild(Scope::Everything, Schedule::Everything, &mut diagnostics);
    console.report(diagnostics);
    if first.is_some() {
        let files = as_output(&rebuilder);
        if let Err(err) = crate::output::write_site(out, root, &files) {
            console.failure(&err.to_string());
            return false;
        }
        console.status(&format!(
            "Built {} files into {}",
            files.len(),
            out.display()
        ));
    }
    let mut watcher = match changes::watch(root) {
        Ok(w) => w,
        Err(err) => {
            console.failure(&format!("cannot watch {}: {err}", root.display()));
            return false;
        }
    };
    console.status("Watching for changes (Ctrl+C to stop)");
    let mut written_once = first.is_some();
    while let Ok(mut batch) = watcher.batches.recv() {
        while let Ok(more) = watcher.batches.try_recv() {
            batch = merge(batch, more);
        }
        for dir in watcher.refresh(&batch.paths) {
            console.status(&format!("{dir}/ was moved or replaced: watching it again"));
        }
        let mut diagnostics = Diagnostics::new();
        let change = rebuilder.rebuild(batch.scope, Schedule::Everything, &mut diagnostics);
        console.report(diagnostics);
        let Some(change) = change else {
            console.status(
                "Not written: fix the errors above; the output folder keeps the last good site.",
            );
            continue;
        };
        let result = if written_once {
            crate::output::update_site(out, &change.changed, &change.removed, &rebuilder.files)
        } else {
            crate::output::write_site(out, root, &as_output(&rebuilder))
        };
        match result {
            Ok(()) => {
                written_once = true;
                console.status(&summary(console, &batch, &change));
            }
            Err(err) => console.failure(&err.to_string()),
        }
    }
    true
}

fn as_output(rebuilder: &Rebuilder) -> Vec<crate::render::OutputFile> {
    let mut files: Vec<_> = rebuilder
        .files
        .iter()
        .map(|(path, bytes)| crate::render::OutputFile {
            path: path.clone(),
            contents: crate::render::Contents::Shared(Arc::clone(bytes)),
        })
        .collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

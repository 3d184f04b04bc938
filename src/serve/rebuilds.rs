//! The loop that rebuilds for each batch of saves: the pages first after a save, the
//! outputs made from the whole book after, errors shown over the last good site, and a
//! rebuild that could not read a file tried again.

use std::sync::mpsc;

use super::changes::{self, Batch};
use super::http::{LiveEvent, Served};
use super::preview;
use super::rebuild::{self, Rebuilder};
use crate::console::Console;
use crate::diagnostic::{Code, Diagnostics, Severity};
use crate::pipeline::{Schedule, Scope};

/// Rebuilds for each numbered batch of saves, as long as the previews pass them on.
pub(super) fn rebuild_loop(
    console: &Console,
    mut rebuilder: Rebuilder,
    served: &Served,
    slot: &preview::Slot,
    batches: mpsc::Receiver<(u64, Batch)>,
    mut watcher: changes::Watcher,
) {
    let mut waiting = None;
    // Whether a rebuild since the last `finish` kept the outputs made from the whole book as
    // they were. It stays so through the rebuilds of saves that were waiting, even those that
    // find nothing new (a save that reached the watcher as two batches, the first of whose
    // rebuild read it all): `finish` is due until it has run.
    let mut behind = false;
    let mut retry = RETRY_FIRST;
    while let Some((mut seq, mut batch)) = waiting.take().or_else(|| batches.recv().ok()) {
        // Changes that arrived during the last rebuild are folded into this one.
        while let Ok((more_seq, more)) = batches.try_recv() {
            batch = merge(batch, more);
            seq = more_seq;
        }
        for dir in watcher.refresh(&batch.paths) {
            console.status(&format!("{dir}/ was moved or replaced: watching it again"));
        }
        match apply(console, &mut rebuilder, served, slot, (seq, &batch)) {
            Ok(deferred) => {
                behind |= deferred;
                retry = RETRY_FIRST;
            }
            // Errors: the last good site stays served, and the next good save catches up.
            Err(Failed::Faults) => continue,
            // A file could not be read (descriptors or memory ran out, say): the same changes
            // are tried again after a pause, longer each time, unless a save comes first, so
            // an edit is never left waiting for the next save.
            Err(Failed::Unreadable) => {
                waiting = match batches.recv_timeout(retry) {
                    Ok((next_seq, next)) => Some((next_seq, merge(batch, next))),
                    Err(mpsc::RecvTimeoutError::Timeout) => Some((seq, batch)),
                    Err(mpsc::RecvTimeoutError::Disconnected) => return,
                };
                retry = (retry * 2).min(RETRY_LAST);
                continue;
            }
        }
        if behind {
            // A save already waiting goes first; the second rebuild follows its own.
            match batches.try_recv() {
                Ok(next) => waiting = Some(next),
                Err(_) => {
                    finish(console, &mut rebuilder, served, slot, seq);
                    behind = false;
                }
            }
        }
    }
}

/// How long a rebuild that could not read a file waits before trying again, at first and at
/// most.
const RETRY_FIRST: std::time::Duration = std::time::Duration::from_millis(500);
const RETRY_LAST: std::time::Duration = std::time::Duration::from_secs(16);

/// Why a rebuild failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Failed {
    /// The handbook has errors: the next save is the next try.
    Faults,
    /// A file could not be read: the handbook as it is on disk was not seen.
    Unreadable,
}

pub(super) fn merge(mut a: Batch, b: Batch) -> Batch {
    if b.scope == Scope::Everything {
        a.scope = Scope::Everything;
    }
    a.paths.extend(b.paths);
    a.paths.sort();
    a.paths.dedup();
    a
}

/// Rebuilds for the batch numbered `seq`, swaps the new site in on success, and tells the
/// browsers. After a save, the browsers reload as soon as the pages are made; the outputs
/// made from the whole book (the search index, the print editions) follow in a second
/// rebuild, swapped in silently. Returns whether the rebuild kept those outputs as they were
/// (then the second rebuild is due, see `finish`), or why it failed.
pub(super) fn apply(
    console: &Console,
    rebuilder: &mut Rebuilder,
    served: &Served,
    slot: &preview::Slot,
    (seq, batch): (u64, &Batch),
) -> Result<bool, Failed> {
    let save = !batch.paths.is_empty();
    let pass = if save { Pass::Save } else { Pass::Full };
    let change = rebuild_and_swap(console, rebuilder, served, slot, batch.scope, (seq, pass))?;
    if save {
        console.status(&summary(console, batch, &change));
    }
    // Even when no file changed: what it kept was not compared with what the files it read
    // make now, so an empty change says nothing about it.
    Ok(save)
}

/// Brings the outputs made from the whole book up to date after `apply`. That is silent,
/// unless files saved since `apply` changed other outputs too.
fn finish(
    console: &Console,
    rebuilder: &mut Rebuilder,
    served: &Served,
    slot: &preview::Slot,
    seq: u64,
) {
    let _ = rebuild_and_swap(
        console,
        rebuilder,
        served,
        slot,
        Scope::Content,
        (seq, Pass::CatchUp),
    );
}

/// Which of the loop's rebuilds this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pass {
    /// After a save: the pages first, the outputs made from the whole book kept as they were.
    Save,
    /// Everything, as for the first build.
    Full,
    /// The outputs made from the whole book brought up to date after saves, silently.
    CatchUp,
}

impl Pass {
    fn schedule(self) -> Schedule {
        match self {
            Pass::Save => Schedule::PagesFirst,
            Pass::Full | Pass::CatchUp => Schedule::Everything,
        }
    }
}

/// One rebuild (having read the saves of batches up to `seq`), its site swapped in when it
/// succeeds, and browsers told: they reload (or swap stylesheets) when outputs changed that
/// they have not been shown by a preview, except, when catching up, the outputs made from
/// the whole book (as they were and as they are now). Errors are shown in them either way.
fn rebuild_and_swap(
    console: &Console,
    rebuilder: &mut Rebuilder,
    served: &Served,
    slot: &preview::Slot,
    scope: Scope,
    (seq, pass): (u64, Pass),
) -> Result<rebuild::Change, Failed> {
    let catching_up = pass == Pass::CatchUp;
    let mut silent = Vec::new();
    if catching_up {
        silent.extend_from_slice(rebuilder.whole_book());
    }
    let mut diagnostics = Diagnostics::new();
    let change = rebuilder.rebuild(scope, pass.schedule(), &mut diagnostics);
    if catching_up {
        silent.extend_from_slice(rebuilder.whole_book());
    }
    let errors: Vec<String> = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.to_json())
        .collect();
    let unreadable = diagnostics.iter().any(|d| d.code == Code::FileRead);
    console.report(diagnostics);
    match change {
        Some(change) => {
            let had_errors = served
                .errors
                .write()
                .map(|mut e| e.take().is_some())
                .unwrap_or(false);
            let told = preview::settle(
                served,
                seq,
                &rebuilder.files,
                change.besides(&silent),
                false,
            );
            if let Some(base) = rebuilder.preview_base()
                && let Ok(mut slot) = slot.lock()
            {
                *slot = Some(base);
            }
            let event = if told.css_only() {
                Some(LiveEvent::Css)
            } else if !told.is_empty() {
                Some(LiveEvent::Reload)
            } else if had_errors {
                Some(LiveEvent::Fixed)
            } else {
                None
            };
            if let Some(event) = event {
                let _ = served.events.send(event);
            }
            Ok(change)
        }
        None => {
            preview::settle(
                served,
                seq,
                &rebuilder.files,
                rebuild::Change::default(),
                true,
            );
            let json = format!("[{}]", errors.join(","));
            if let Ok(mut slot) = served.errors.write() {
                *slot = Some(json.clone());
            }
            let _ = served.events.send(LiveEvent::Errors(json));
            console.status("The browser shows these errors over the last good version.");
            Err(if unreadable {
                Failed::Unreadable
            } else {
                Failed::Faults
            })
        }
    }
}

/// One line per rebuild: what changed, what was redone, how long it took.
/// With `--verbose`, also how many content files it read (the others came from the cache).
pub(super) fn summary(console: &Console, batch: &Batch, change: &rebuild::Change) -> String {
    let what = match batch.paths.len() {
        0 => "start".to_string(),
        1..=3 => batch.paths.join(", "),
        n => format!("{} and {} more", batch.paths[..2].join(", "), n - 2),
    };
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let verbose = console.verbosity == crate::console::Verbosity::Verbose;
    let stages = if verbose {
        let stages: Vec<String> = change
            .stages
            .iter()
            .map(|(stage, time)| format!("{} {:.1}", stage.trim(), time.as_secs_f64() * 1000.0))
            .collect();
        format!(" ({} ms)", stages.join(", "))
    } else {
        String::new()
    };
    let read = if verbose {
        format!(", {} content file{} read", change.read, plural(change.read))
    } else {
        String::new()
    };
    format!(
        "{what}: {} page{} rendered, {} file{} changed{read}, in {:.0} ms{stages}",
        change.rendered,
        plural(change.rendered),
        change.changed.len() + change.removed.len(),
        plural(change.changed.len() + change.removed.len()),
        change.elapsed.as_secs_f64() * 1000.0
    )
}

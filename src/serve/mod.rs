//! `serve` and `watch`: the build pipeline kept alive, fed by file changes.
//!
//! `changes` turns file-system events into batches; `rebuild` runs the shared `Session` and
//! finds what changed; `http` serves the last good site from memory with live reload. This
//! module wires them together and reports one line per rebuild.

pub(crate) mod changes;
pub(crate) mod http;
pub(crate) mod preview;
pub(crate) mod rebuild;
mod watch;

pub use watch::watch;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, mpsc};

use crate::console::Console;
use crate::diagnostic::{Diagnostics, Severity};
use crate::pipeline::{Options, Schedule, Scope};
use changes::Batch;
use http::{LiveEvent, Served};
use rebuild::Rebuilder;

pub struct ServeOptions {
    pub root: PathBuf,
    pub host: IpAddr,
    pub port: u16,
    pub open: bool,
}

pub fn serve(console: &Console, options: ServeOptions) -> bool {
    if !options.host.is_loopback() {
        console.status(&format!(
            "warning: serving on {}, which other machines can reach; use --host 127.0.0.1 to keep it private",
            options.host
        ));
    }
    let served = Served::new();
    let mut rebuilder = Rebuilder::new(Options {
        root: options.root.clone(),
        ..Options::default()
    });
    rebuilder.keep_site();
    let slot = preview::Slot::default();
    let first = Batch {
        scope: Scope::Everything,
        paths: Vec::new(),
    };
    let _ = apply(console, &mut rebuilder, &served, &slot, (0, &first));

    let mut watcher = match changes::watch(&options.root) {
        Ok(w) => w,
        Err(err) => {
            console.failure(&format!("cannot watch {}: {err}", options.root.display()));
            return false;
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(err) => {
            console.failure(&format!("cannot start the server: {err}"));
            return false;
        }
    };
    let Some(listener) = listen(console, &runtime, &options) else {
        return false;
    };
    // Batches go through the previews, numbered, to the rebuilds.
    let incoming = std::mem::replace(&mut watcher.batches, mpsc::channel().1);
    let batches = preview::start(*console, Arc::clone(&served), Arc::clone(&slot), incoming);
    let loop_served = Arc::clone(&served);
    let console = *console;
    std::thread::spawn(move || {
        rebuild_loop(&console, rebuilder, &loop_served, &slot, batches, watcher);
    });
    let router = http::router(served);
    runtime.block_on(http::serve(listener, router));
    true
}

/// Binds the address asked for (or the next free port), says where the handbook is served,
/// and opens a browser when asked.
fn listen(
    console: &Console,
    runtime: &tokio::runtime::Runtime,
    options: &ServeOptions,
) -> Option<tokio::net::TcpListener> {
    let listener = match runtime.block_on(bind(options.host, options.port)) {
        Ok(l) => l,
        Err(err) => {
            console.failure(&format!(
                "cannot listen on {}:{}: {err}",
                options.host, options.port
            ));
            return None;
        }
    };
    let address = listener.local_addr().map_or_else(
        |_| format!("{}:{}", options.host, options.port),
        |a| a.to_string(),
    );
    let url = format!("http://{address}/");
    if options.port != 0
        && listener
            .local_addr()
            .is_ok_and(|a| a.port() != options.port)
    {
        console.status(&format!(
            "Port {} is taken; using {} instead.",
            options.port, address
        ));
    }
    console.status(&format!(
        "Serving {} at {url}  (Ctrl+C to stop)",
        options.root.display()
    ));
    if options.open {
        open_browser(&url);
    }
    Some(listener)
}

/// Rebuilds for each numbered batch of saves, as long as the previews pass them on.
fn rebuild_loop(
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
            Some(deferred) => behind |= deferred,
            // Errors: the last good site stays served, and the next good save catches up.
            None => continue,
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

fn merge(mut a: Batch, b: Batch) -> Batch {
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
/// (then the second rebuild is due, see `finish`), or `None` when it failed.
fn apply(
    console: &Console,
    rebuilder: &mut Rebuilder,
    served: &Served,
    slot: &preview::Slot,
    (seq, batch): (u64, &Batch),
) -> Option<bool> {
    let save = !batch.paths.is_empty();
    let pass = if save { Pass::Save } else { Pass::Full };
    let change = rebuild_and_swap(console, rebuilder, served, slot, batch.scope, (seq, pass))?;
    if save {
        console.status(&summary(console, batch, &change));
    }
    // Even when no file changed: what it kept was not compared with what the files it read
    // make now, so an empty change says nothing about it.
    Some(save)
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
    rebuild_and_swap(
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
) -> Option<rebuild::Change> {
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
            Some(change)
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
            None
        }
    }
}

/// One line per rebuild: what changed, what was redone, how long it took.
/// With `--verbose`, also how many content files it read (the others came from the cache).
fn summary(console: &Console, batch: &Batch, change: &rebuild::Change) -> String {
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

/// The requested port, or any free one when it is taken.
async fn bind(host: IpAddr, port: u16) -> std::io::Result<tokio::net::TcpListener> {
    match tokio::net::TcpListener::bind(SocketAddr::new(host, port)).await {
        Ok(listener) => Ok(listener),
        Err(err) if err.kind() == std::io::ErrorKind::AddrInUse => {
            tokio::net::TcpListener::bind(SocketAddr::new(host, 0)).await
        }
        Err(err) => Err(err),
    }
}

fn open_browser(url: &str) {
    let command = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(target_os = "windows") {
        "explorer"
    } else {
        "xdg-open"
    };
    let _ = std::process::Command::new(command)
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
}

//! `serve` and `watch`: the build pipeline kept alive, fed by file changes.
//!
//! `changes` turns file-system events into batches; `rebuild` runs the shared `Session` and
//! finds what changed; `http` serves the last good site from memory with live reload. This
//! module wires them together and reports one line per rebuild.

pub(crate) mod changes;
pub(crate) mod http;
pub(crate) mod preview;
pub(crate) mod rebuild;
mod rebuilds;
mod watch;

pub use watch::watch;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, mpsc};

use crate::console::Console;
use crate::pipeline::{Options, Scope};
use changes::Batch;
use http::Served;
use rebuild::Rebuilder;
use rebuilds::{apply, rebuild_loop};

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

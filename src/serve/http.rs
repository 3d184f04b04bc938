//! The development web server: the last good site from memory, live-reload events, and
//! nothing else — no byte from outside the site, whatever the request path says.

use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::{Arc, RwLock};

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::sync::broadcast;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;

use crate::links::urls::{NOT_FOUND_URL, output_path};

pub const EVENTS_PATH: &str = "/__handbook/events";
pub const SCRIPT_PATH: &str = "/__handbook/live.js";
const LIVE_JS: &str = include_str!("live.js");

/// What the browser is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LiveEvent {
    /// The site changed: reload the page.
    Reload,
    /// Only stylesheets changed: swap them without a reload.
    Css,
    /// The handbook has errors (JSON array of diagnostics); the last good site stays served.
    Errors(String),
    /// The errors are fixed and the site is as it was: hide the overlay.
    Fixed,
}

/// The site as served: every file by its path in the site, bytes in memory.
#[derive(Debug, Default)]
pub struct SiteFiles {
    pub files: HashMap<String, Arc<Vec<u8>>>,
}

/// Files by their path in the site.
pub type Files = Vec<(String, Arc<Vec<u8>>)>;

/// Previews not yet confirmed by a rebuild, each with the number of its batch (see `preview`).
#[derive(Default)]
pub struct Pending(pub(super) Vec<(u64, Files)>);

pub struct Served {
    pub site: RwLock<Arc<SiteFiles>>,
    /// Diagnostics (JSON array) while the handbook has errors.
    pub errors: RwLock<Option<String>>,
    pub events: broadcast::Sender<LiveEvent>,
    /// Files shown by previews that no rebuild has confirmed yet (see `preview`).
    pub previews: std::sync::Mutex<Pending>,
}

impl Served {
    pub fn new() -> Arc<Served> {
        let (events, _) = broadcast::channel(64);
        Arc::new(Served {
            site: RwLock::new(Arc::new(SiteFiles::default())),
            errors: RwLock::new(None),
            events,
            previews: Default::default(),
        })
    }
}

/// How long a client may take to send a request's headers before its connection is closed,
/// so that half-sent requests cannot hold connections open forever.
pub const HEADER_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// Accepts connections until the process ends, each served by hyper with a deadline for the
/// request headers (the live-reload stream, once its request is read, stays open).
pub async fn serve(listener: tokio::net::TcpListener, router: Router) {
    use hyper_util::rt::{TokioIo, TokioTimer};
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            // Out of file descriptors, say: wait a moment rather than spin.
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            continue;
        };
        let service = hyper_util::service::TowerToHyperService::new(router.clone());
        tokio::spawn(async move {
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT)
                .serve_connection(TokioIo::new(stream), service);
            // A client that goes away or times out ends only its own connection.
            let _ = connection.await;
        });
    }
}

pub fn router(served: Arc<Served>) -> Router {
    Router::new()
        .route(EVENTS_PATH, get(events))
        .route(SCRIPT_PATH, get(script))
        .fallback(get(file))
        .with_state(served)
}

async fn script() -> Response {
    respond(
        StatusCode::OK,
        "application/javascript; charset=utf-8",
        LIVE_JS.as_bytes().to_vec(),
    )
}

async fn events(
    State(served): State<Arc<Served>>,
) -> Sse<impl tokio_stream::Stream<Item = Result<Event, Infallible>>> {
    let receiver = served.events.subscribe();
    // A page opened while the handbook has errors shows them at once.
    let current = served.errors.read().ok().and_then(|e| e.clone());
    let first =
        tokio_stream::iter(current.map(|json| Ok(Event::default().event("errors").data(json))));
    let rest = BroadcastStream::new(receiver).filter_map(|event| {
        let event = event.ok()?;
        Some(Ok(match event {
            LiveEvent::Reload => Event::default().event("reload").data("reload"),
            LiveEvent::Css => Event::default().event("css").data("css"),
            LiveEvent::Errors(json) => Event::default().event("errors").data(json),
            LiveEvent::Fixed => Event::default().event("fixed").data("fixed"),
        }))
    });
    let ready = tokio_stream::once(Ok(Event::default().event("hello").data("ready")));
    Sse::new(ready.chain(first).chain(rest)).keep_alive(KeepAlive::default())
}

async fn file(State(served): State<Arc<Served>>, uri: Uri) -> Response {
    let site = served
        .site
        .read()
        .map(|s| Arc::clone(&s))
        .unwrap_or_default();
    let Some(path) = site_path(uri.path()) else {
        return not_found(&site);
    };
    if let Some(bytes) = lookup(&site, &path) {
        return respond(
            StatusCode::OK,
            content_type(&path),
            with_live_script(&path, bytes),
        );
    }
    // `/roles/mentor` -> `/roles/mentor/`, so the page's relative links resolve.
    if !path.ends_with('/') && site.files.contains_key(&output_path(&format!("/{path}/"))) {
        let mut response = Response::new(Body::empty());
        *response.status_mut() = StatusCode::MOVED_PERMANENTLY;
        // From the cleaned path, never the request's: `//host` would send the reader away.
        let location = percent_encoding::utf8_percent_encode(&path, URL_PATH);
        if let Ok(location) = HeaderValue::from_str(&format!("/{location}/")) {
            response.headers_mut().insert(header::LOCATION, location);
        }
        return response;
    }
    not_found(&site)
}

/// What a redirect's path escapes: controls, space, and the characters that would end the
/// path or change its meaning.
const URL_PATH: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'?')
    .add(b'<')
    .add(b'>')
    .add(b'`')
    .add(b'%');

/// The file a request path names inside the site, or `None` for anything that could step
/// outside it: `..` (also percent-encoded), backslashes, NUL bytes.
pub fn site_path(request: &str) -> Option<String> {
    let decoded = crate::links::urls::percent_decode(request)?;
    if decoded.contains('\\') || decoded.contains('\0') {
        return None;
    }
    let mut parts = Vec::new();
    for part in decoded.split('/') {
        match part {
            "" => {}
            "." | ".." => return None,
            other => parts.push(other),
        }
    }
    let mut path = parts.join("/");
    if decoded.ends_with('/') && !path.is_empty() {
        path.push('/');
    }
    Some(path)
}

fn lookup(site: &SiteFiles, path: &str) -> Option<Arc<Vec<u8>>> {
    site.files.get(&output_path(&format!("/{path}"))).cloned()
}

fn not_found(site: &SiteFiles) -> Response {
    let path = output_path(NOT_FOUND_URL);
    match site.files.get(&path) {
        Some(bytes) => respond(
            StatusCode::NOT_FOUND,
            "text/html; charset=utf-8",
            with_live_script(&path, Arc::clone(bytes)),
        ),
        None => respond(
            StatusCode::NOT_FOUND,
            "text/plain; charset=utf-8",
            b"Not found\n".to_vec(),
        ),
    }
}

fn with_live_script(path: &str, bytes: Arc<Vec<u8>>) -> Vec<u8> {
    if !(path.is_empty() || path.ends_with('/') || path.ends_with(".html")) {
        return bytes.as_ref().clone();
    }
    let tag = format!("<script src=\"{SCRIPT_PATH}\" defer></script>");
    let html = String::from_utf8_lossy(&bytes);
    match html.rfind("</body>") {
        Some(at) => format!("{}{tag}\n{}", &html[..at], &html[at..]).into_bytes(),
        None => format!("{html}{tag}").into_bytes(),
    }
}

fn respond(status: StatusCode, content_type: &str, body: Vec<u8>) -> Response {
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(content_type) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    // While editing, the browser must never show a stale copy.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    response
}

pub fn content_type(path: &str) -> &'static str {
    let ext = path
        .rsplit_once('.')
        .map_or("", |(_, e)| e)
        .to_ascii_lowercase();
    match ext.as_str() {
        "" if path.is_empty() || path.ends_with('/') => "text/html; charset=utf-8",
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "application/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "txt" | "md" => "text/plain; charset=utf-8",
        "yaml" | "yml" => "text/yaml; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_climb_out_are_refused() {
        assert_eq!(site_path("/../Cargo.toml"), None);
        assert_eq!(site_path("/%2e%2e/%2e%2e/etc/passwd"), None);
        assert_eq!(site_path("/..%2f..%2fbook.yaml"), None);
        assert_eq!(site_path("/a/..%5c..%5cb"), None);
        assert_eq!(
            site_path("/roles/mentor/").as_deref(),
            Some("roles/mentor/")
        );
        assert_eq!(site_path("/").as_deref(), Some(""));
        assert_eq!(
            site_path("/theme/style.css").as_deref(),
            Some("theme/style.css")
        );
    }

    #[test]
    fn the_live_script_goes_into_html_only() {
        let html = Arc::new(b"<html><body><p>x</p></body></html>".to_vec());
        let out = String::from_utf8(with_live_script("a/index.html", html)).unwrap();
        assert!(out.contains("<script src=\"/__handbook/live.js\" defer></script>\n</body>"));
        let css = Arc::new(b"body{}".to_vec());
        assert_eq!(with_live_script("theme/style.css", css), b"body{}".to_vec());
    }
}

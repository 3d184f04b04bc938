//! A plain static file server for a built site, as a reader's web host would serve it: no
//! live-reload script, `index.html` for folder URLs, a 404 for anything else (with the site's
//! `404.html` when it is served under a path, as GitHub Pages and a web space's
//! `ErrorDocument` answer).

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};

/// Serves `dir` on a free loopback port until the test process ends; returns the base URL.
pub fn serve(dir: &Path) -> String {
    serve_under(dir, "/")
}

/// Serves `dir` at `prefix` (`/handbook/`); files are read when asked, so `dir` may be
/// built after the server starts. Returns the base URL, with the prefix.
pub fn serve_under(dir: &Path, prefix: &str) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    let port = listener.local_addr().unwrap().port();
    let dir = dir.to_path_buf();
    let served = prefix.to_string();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let (dir, prefix) = (dir.clone(), served.clone());
            std::thread::spawn(move || answer(stream, &dir, &prefix));
        }
    });
    format!("http://127.0.0.1:{port}{prefix}")
}

fn answer(stream: TcpStream, dir: &Path, prefix: &str) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    loop {
        let mut request = String::new();
        if reader.read_line(&mut request).unwrap_or(0) == 0 {
            return;
        }
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                break;
            }
        }
        let path = request.split_whitespace().nth(1).unwrap_or("/");
        let path = path.split(['?', '#']).next().unwrap_or("/");
        let inside = path.strip_prefix(prefix.trim_end_matches('/'));
        let not_found = dir.join("404.html");
        let (status, kind, body) = match inside.and_then(|path| file(dir, path)) {
            Some(file) => ("200 OK", content_type(&file), std::fs::read(&file).unwrap()),
            None if prefix != "/" && inside.is_some() && not_found.is_file() => (
                "404 Not Found",
                "text/html; charset=utf-8",
                std::fs::read(&not_found).unwrap(),
            ),
            None => ("404 Not Found", "text/plain", b"not found".to_vec()),
        };
        let mut out = &stream;
        let head = format!(
            "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\n\r\n",
            body.len()
        );
        if out.write_all(head.as_bytes()).is_err() || out.write_all(&body).is_err() {
            return;
        }
    }
}

fn file(dir: &Path, path: &str) -> Option<PathBuf> {
    let path = percent_decode(path.trim_start_matches('/'));
    if path.split('/').any(|part| part == "..") {
        return None;
    }
    let mut file = dir.join(path);
    if file.is_dir() {
        file = file.join("index.html");
    }
    file.is_file().then_some(file)
}

fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css",
        "js" => "text/javascript",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "pdf" => "application/pdf",
        "ttf" => "font/ttf",
        "xml" => "application/xml",
        _ => "application/octet-stream",
    }
}

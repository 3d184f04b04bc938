//! `handbook serve` serves what a full build makes, byte for byte (the live-reload script
//! aside), after any sequence of edits.
//!
//! `serve` runs on a small generated handbook while a seeded random sequence of edits is
//! applied to it: those of the `watch` test (incremental.rs), and those `serve` treats apart:
//! body-only saves (previewed before the rebuild), the guide reordered by new weights for all
//! its pages (several files saved at once), rules in book.yaml, a local template and assets.
//! After each edit has been rebuilt, every file of a fresh `handbook build` is fetched from
//! the server and compared with the built one; the files of earlier builds that this one
//! lacks must not be served.

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

use crate::common::edits::*;
use crate::common::server::*;
use crate::common::*;

/// What `serve` adds to every HTML file it serves, before the last `</body>`.
const LIVE_SCRIPT: &str = "<script src=\"/__handbook/live.js\" defer></script>";
/// The build's mark on its output folder (not a file of the site).
const MARKER: &str = ".handbook-output";
/// How long the outputs made from the whole book may take to catch up after the rebuild
/// line (they follow in a second, silent rebuild), or a later batch of the same edit.
const SETTLE: Duration = Duration::from_secs(5);
/// A local override of one of the theme's partials.
const TEMPLATE: &str = "templates/partials/after.html";
const THEME_AFTER: &str = include_str!("../../themes/default/templates/partials/after.html");

/// `Book` (see common/edits.rs) with what this test's edits need besides: rules used in
/// pages, a logo (drawn small in the print editions), assets and a local template.
fn serve_book() -> Book {
    let mut book = Book::new();
    for (path, text) in [
        (
            "book.yaml",
            "title: Property Handbook\nsubtitle: First\ninstitution:\n  name: Property College\n  logo: assets/logo.svg\nrules:\n  meetings: six\n".to_string(),
        ),
        (
            "content/roles/mentee.md",
            "---\ntitle: Mentee\nsummary: Meets the mentor {{ rules.meetings }} times\n---\nMeet your mentor {{ rules.meetings }} times a year.\n".to_string(),
        ),
        ("assets/custom.css", "body { margin: 0; }\n".to_string()),
        ("assets/logo.svg", logo("trust")),
        ("assets/notes.txt", "Notes.\n".to_string()),
        (TEMPLATE, after_template("trust")),
    ] {
        book.files.insert(path.to_string(), text);
    }
    book
}

fn logo(word: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"8\" height=\"8\"><title>{word}</title><rect width=\"8\" height=\"8\"/></svg>\n"
    )
}

fn after_template(word: &str) -> String {
    format!("{THEME_AFTER}<p class=\"after-note\">{word}</p>\n")
}

/// An edit, and for a body-only save the text its page must show once previewed.
struct Edit {
    what: String,
    preview: Option<Preview>,
}

struct Preview {
    source: String,
    url: String,
    text: String,
}

impl From<String> for Edit {
    fn from(what: String) -> Edit {
        Edit {
            what,
            preview: None,
        }
    }
}

/// One random edit: seven times in thirteen one of serve's own kinds, else one of
/// `Book::edit`'s.
fn serve_edit(book: &mut Book, rng: &mut Rng) -> Edit {
    let word = *rng.pick(WORDS);
    match rng.below(13) {
        0 | 1 => {
            let page = rng.pick(&book.pages()).clone();
            book.counter += 1;
            let text = format!("Note {}: {word}.", book.counter);
            let kept: Vec<&str> = book.files[&page]
                .lines()
                .filter(|l| !l.starts_with("Note "))
                .collect();
            let edited = format!("{}\n\n{text}\n", kept.join("\n").trim_end());
            book.files.insert(page.clone(), edited);
            let slug = page
                .strip_prefix("content/")
                .and_then(|p| p.strip_suffix(".md"))
                .unwrap();
            Edit {
                what: format!("body of {page}: {text}"),
                preview: Some(Preview {
                    url: format!("/{slug}/"),
                    source: page,
                    text,
                }),
            }
        }
        2 => {
            let text = replace_line(
                &book.files["book.yaml"],
                "  meetings:",
                &format!("  meetings: {word}"),
            );
            book.files.insert("book.yaml".into(), text);
            format!("book.yaml rule meetings: {word}").into()
        }
        3 => {
            if book.files.contains_key(TEMPLATE) && rng.below(3) == 0 {
                book.files.remove(TEMPLATE);
                format!("delete {TEMPLATE}").into()
            } else {
                book.files.insert(TEMPLATE.into(), after_template(word));
                format!("{TEMPLATE} says {word}").into()
            }
        }
        4 => {
            let (path, text) = match rng.below(3) {
                0 => (
                    "assets/custom.css",
                    format!("body {{ margin: {}px; }}\n", rng.below(9)),
                ),
                1 => ("assets/logo.svg", logo(word)),
                _ => ("assets/notes.txt", format!("Notes on {word}.\n")),
            };
            book.files.insert(path.into(), text);
            format!("{path} about {word}").into()
        }
        5 | 6 => {
            // The guide's weights dealt out anew: several pages saved at once.
            let pages = book.pages();
            let weight = |page: &String| {
                let text = &book.files[page];
                text.lines()
                    .find(|l| l.starts_with("weight:"))
                    .unwrap()
                    .to_string()
            };
            let mut weights: Vec<String> = pages.iter().map(weight).collect();
            for i in (1..weights.len()).rev() {
                weights.swap(i, rng.below(i + 1));
            }
            for (page, line) in pages.iter().zip(&weights) {
                let text = replace_line(&book.files[page], "weight:", line);
                book.files.insert(page.clone(), text);
            }
            let weights: Vec<&str> = weights
                .iter()
                .map(|w| w["weight: ".len()..].trim())
                .collect();
            format!("weights {weights:?} for {pages:?}").into()
        }
        _ => book.edit(rng).into(),
    }
}

/// The URL a file of the site is fetched at: a folder's index by the folder.
fn url_of(path: &str) -> String {
    match path.strip_suffix("index.html") {
        Some(dir) if dir.is_empty() || dir.ends_with('/') => format!("/{dir}"),
        _ => format!("/{path}"),
    }
}

/// A served HTML file as it was built: the live-reload script (and the line break after it)
/// taken out from before the last `</body>`, or from the end of a file without one.
fn without_live_script(mut served: Vec<u8>) -> Vec<u8> {
    let tag = format!("{LIVE_SCRIPT}\n");
    let body = b"</body>";
    match served.windows(body.len()).rposition(|w| w == body) {
        Some(at) if served[..at].ends_with(tag.as_bytes()) => {
            served.drain(at - tag.len()..at);
        }
        Some(_) => {}
        None if served.ends_with(LIVE_SCRIPT.as_bytes()) => {
            served.truncate(served.len() - LIVE_SCRIPT.len());
        }
        None => {}
    }
    served
}

/// Where the server differs from the full build `built`: its files (fetched from the server)
/// that are missing or different, and the files of earlier builds (`known`) that it still
/// serves although this build lacks them (a folder's index by both its URLs).
fn served_differences(
    port: u16,
    built: &BTreeMap<String, Vec<u8>>,
    known: &BTreeSet<String>,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (path, bytes) in built {
        let (status, served) = raw(port, &format!("GET {} HTTP/1.1", url_of(path)));
        let served = if path.ends_with(".html") {
            without_live_script(served)
        } else {
            served
        };
        if status != 200 {
            out.push((path.clone(), format!("served with status {status}")));
        } else if served != *bytes {
            out.push((path.clone(), first_difference(&served, bytes)));
        }
    }
    for path in known.iter().filter(|p| !built.contains_key(*p)) {
        let mut urls = vec![url_of(path), format!("/{path}")];
        urls.dedup();
        for url in urls {
            let (status, _) = raw(port, &format!("GET {url} HTTP/1.1"));
            if status != 404 {
                out.push((path.clone(), format!("{url} served ({status}), not built")));
            }
        }
    }
    out
}

/// Where two versions of a file part, with some text around.
fn first_difference(served: &[u8], built: &[u8]) -> String {
    let at = served
        .iter()
        .zip(built)
        .position(|(a, b)| a != b)
        .unwrap_or(served.len().min(built.len()));
    let around = |bytes: &[u8]| {
        let from = at.saturating_sub(60);
        String::from_utf8_lossy(&bytes[from..(at + 100).min(bytes.len())]).into_owned()
    };
    format!(
        "{} bytes served, {} built; from byte {at}:\n  served: {:?}\n  built:  {:?}",
        served.len(),
        built.len(),
        around(served),
        around(built)
    )
}

fn failed(seed: u64, step: usize, done: &[String], what: impl std::fmt::Display) -> ! {
    panic!("seed {seed}, edit {step}: {what}\nedits: {done:#?}")
}

/// The last lines `serve` printed, for a failure message.
fn log_tail(server: &Server) -> String {
    let log = server.log.lock().unwrap();
    log[log.len().saturating_sub(12)..].join("\n")
}

fn run_seed(seed: u64, edits: usize) {
    let started = Instant::now();
    let mut rng = Rng(seed);
    let mut book = serve_book();
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("book");
    book.sync(&root, &BTreeMap::new());
    let (server, lines) = serve_env(&root, &["--verbose", "--host", "127.0.0.1"], &[]);
    let live = crate::serve::events(server.port);
    let mut known = BTreeSet::new();
    let mut done: Vec<String> = Vec::new();
    for step in 0..=edits {
        // Step 0 compares the site `serve` starts with.
        if step > 0 {
            let (before, edit) = book.draw(&mut rng, serve_edit);
            done.push(edit.what);
            // What is left of the last edit's lines and events is of no use now.
            while lines.try_recv().is_ok() {}
            while live.try_recv().is_ok() {}
            book.sync(&root, &before);
            if let Some(preview) = &edit.preview {
                let needle = format!("previewed {}", preview.source);
                let deadline = Instant::now() + WAIT;
                while !lines
                    .recv_timeout(deadline.saturating_duration_since(Instant::now()))
                    .unwrap_or_else(|_| {
                        failed(seed, step, &done, format!("no line with `{needle}`"))
                    })
                    .contains(&needle)
                {}
                // The reload the preview sent (printed after it was sent): the page is new.
                let deadline = Instant::now() + WAIT;
                while live
                    .recv_timeout(deadline.saturating_duration_since(Instant::now()))
                    .unwrap_or_else(|_| failed(seed, step, &done, "no reload after the preview"))
                    .0
                    != "reload"
                {}
                let (status, page) = get(server.port, &preview.url);
                if status != 200 || !page.contains(&preview.text) {
                    failed(
                        seed,
                        step,
                        &done,
                        format!("{} ({status}) lacks the previewed text", preview.url),
                    );
                }
            }
            let line =
                rebuilt(&lines, WAIT).unwrap_or_else(|| failed(seed, step, &done, "no rebuild"));
            if !line.contains(" rendered, ") {
                failed(seed, step, &done, format!("the rebuild failed: {line}"));
            }
        }
        let full = tmp.path().join(format!("full-{step}"));
        let out = build_to(&root, &full, &[]);
        if !out.status.success() {
            failed(seed, step, &done, format!("build failed: {}", stderr(&out)));
        }
        let mut built = snapshot(&full);
        built.remove(MARKER);
        std::fs::remove_dir_all(&full).unwrap();
        known.extend(built.keys().cloned());
        // The outputs made from the whole book follow the rebuild line, silently; an edit
        // can also reach `serve` as two batches. Give both their chance.
        let deadline = Instant::now() + SETTLE;
        let mut diff = served_differences(server.port, &built, &known);
        while !diff.is_empty() && Instant::now() < deadline {
            let _ = lines.recv_timeout(Duration::from_millis(50));
            diff = served_differences(server.port, &built, &known);
        }
        if !diff.is_empty() {
            let paths: Vec<&String> = diff.iter().map(|(p, _)| p).collect();
            let (path, how) = &diff[0];
            failed(
                seed,
                step,
                &done,
                format!(
                    "the served site differs from a full build in {paths:?}\n{path}: {how}\nserve's last lines:\n{}",
                    log_tail(&server)
                ),
            );
        }
    }
    eprintln!(
        "seed {seed}: {edits} edits in {:.1} s",
        started.elapsed().as_secs_f64()
    );
}

#[test]
fn served_site_equals_a_full_build_seed_1() {
    run_seed(1, 20);
}

#[test]
fn served_site_equals_a_full_build_seed_2() {
    run_seed(0x9E37_79B9_7F4A_7C15, 20);
}

#[test]
fn served_site_equals_a_full_build_seed_3() {
    run_seed(20_261_201, 20);
}

//! `handbook serve` and `watch`, driven as editors use them: real server, real files, real
//! file watching, raw HTTP over TCP.

use std::io::{BufRead, BufReader, ErrorKind, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use crate::common::server::*;
use crate::common::*;

/// Event names (and data) from the live-reload stream.
pub(crate) fn events(port: u16) -> Receiver<(String, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "GET /__handbook/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n"
    )
    .unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut name = String::new();
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            if let Some(n) = line.strip_prefix("event: ") {
                name = n.to_string();
            } else if let Some(data) = line.strip_prefix("data: ")
                && tx.send((name.clone(), data.to_string())).is_err()
            {
                return;
            }
        }
    });
    let (first, _) = rx.recv_timeout(WAIT).expect("the event stream opens");
    assert_eq!(first, "hello");
    rx
}

pub(crate) fn next_event(rx: &Receiver<(String, String)>) -> (String, String) {
    rx.recv_timeout(WAIT).expect("an event arrives")
}

/// Waits until `check` passes on the page at `path`.
pub(crate) fn eventually(
    port: u16,
    path: &str,
    what: &str,
    check: impl Fn(u16, &str) -> bool,
) -> (u16, String) {
    let deadline = Instant::now() + WAIT;
    loop {
        let (status, body) = get(port, path);
        if check(status, &body) {
            return (status, body);
        }
        assert!(
            Instant::now() < deadline,
            "{what}: {path} still gives {status}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Serves `root`, listens to its live-reload stream, then saves the mentor's page as `text`.
fn serve_and_save_mentor(root: &Path, text: &str) -> (Server, Receiver<(String, String)>) {
    let server = serve(root);
    let live = events(server.port);
    write(root, "content/roles/mentor.md", text);
    (server, live)
}

fn small_handbook() -> (tempfile::TempDir, PathBuf) {
    handbook_from(&[
        (
            "content/index.md",
            "---\ntitle: Home\n---\nWelcome. See [the mentor](roles/mentor.md).\n",
        ),
        (
            "content/roles/_section.md",
            "---\ntitle: Roles\nkind: role\n---\n",
        ),
        (
            "content/roles/mentor.md",
            "---\ntitle: Mentor\n---\n## Duties\n\nGuide the mentee.\n",
        ),
        (
            "content/roles/mentee.md",
            "---\ntitle: Mentee\nrelated: [mentor]\n---\nLead your own growth.\n",
        ),
        ("assets/custom.css", "body { margin: 0; }\n"),
    ])
}

#[test]
fn serves_pages_and_reloads_on_edits() {
    let (_tmp, root) = small_handbook();
    let server = serve(&root);
    let (status, home) = get(server.port, "/");
    assert_eq!(status, 200);
    assert!(home.contains("Welcome."));
    assert!(
        home.contains("/__handbook/live.js"),
        "served pages get the live-reload script"
    );
    assert_eq!(
        get(server.port, "/roles/mentor").0,
        301,
        "folder URLs without a slash redirect"
    );
    let (status, missing) = get(server.port, "/no/such/page/");
    assert_eq!(status, 404);
    assert!(
        missing.contains("Page not found"),
        "the handbook's own 404 page"
    );

    let live = events(server.port);
    write(
        &root,
        "content/roles/mentor.md",
        "---\ntitle: Mentor\n---\n## Duties\n\nGuide the mentee kindly.\n",
    );
    assert_eq!(next_event(&live).0, "reload");
    assert!(
        get(server.port, "/roles/mentor/")
            .1
            .contains("Guide the mentee kindly.")
    );

    // A stylesheet-only change swaps styles without a reload.
    write(&root, "assets/custom.css", "body { margin: 1px; }\n");
    assert_eq!(next_event(&live).0, "css");
    assert!(get(server.port, "/assets/custom.css").1.contains("1px"));

    // The line of the save's rebuild (printed after its reload, maybe not read yet).
    let deadline = Instant::now() + WAIT;
    loop {
        let log = server.log.lock().unwrap().join("\n");
        if log.contains("content/roles/mentor.md: 1 page rendered") {
            break;
        }
        assert!(Instant::now() < deadline, "{log}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn after_the_reload_the_search_index_and_print_edition_catch_up_silently() {
    let (_tmp, root) = small_handbook();
    let (server, live) = serve_and_save_mentor(
        &root,
        "---\ntitle: Mentor\n---\n## Duties\n\nGuide the mentee through quillwort.\n",
    );
    // The page is there at the reload; the files made from the whole book follow.
    assert_eq!(next_event(&live).0, "reload");
    assert!(get(server.port, "/roles/mentor/").1.contains("quillwort"));
    eventually(
        server.port,
        "/print/handbook/",
        "the print edition",
        |_, body| body.contains("quillwort"),
    );
    eventually(
        server.port,
        "/search/meta.js",
        "the search index",
        |_, meta| {
            // The file of the words shard whose key is the longest prefix of the new word.
            let file = words_files(meta)
                .into_iter()
                .filter(|(key, _)| "quillwort".starts_with(key.as_str()))
                .max_by_key(|(key, _)| key.len())
                .map(|(_, file)| file);
            file.is_some_and(|file| {
                get(server.port, &format!("/search/w/{file}.js"))
                    .1
                    .contains("quillwort")
            })
        },
    );
    // Catching up is silent: the reader is not sent a second reload.
    assert!(
        live.recv_timeout(Duration::from_millis(1500)).is_err(),
        "no second event"
    );
}

/// The words shards' keys in meta.js, each with the file that holds it (named by its first
/// key): meta.js writes them front-coded, files joined by `;` and keys by `,`, each key the
/// number of characters it shares with the one before (a base-36 digit) and the rest.
fn words_files(meta: &str) -> Vec<(String, String)> {
    let coded = meta
        .split("\"w\":\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_default();
    let mut out = Vec::new();
    let mut previous: Vec<char> = Vec::new();
    for file in coded.split(';') {
        let mut first = None;
        for key in file.split(',') {
            let mut chars = key.chars();
            let shared = chars.next().and_then(|c| c.to_digit(36)).unwrap_or(0) as usize;
            previous.truncate(shared);
            previous.extend(chars);
            let key: String = previous.iter().collect();
            let first = first.get_or_insert_with(|| key.clone()).clone();
            out.push((key, first));
        }
    }
    out
}

#[test]
fn a_save_made_while_the_search_index_catches_up_is_still_told() {
    // Enough pages that the second rebuild (search index, print edition) takes a while.
    let mut files: Vec<(String, String)> = (0..300)
        .map(|i| {
            (
                format!("content/notes/note-{i}.md"),
                format!("---\ntitle: Note {i}\n---\nMentors and mentees meet often, note {i}.\n"),
            )
        })
        .collect();
    files.push((
        "content/index.md".into(),
        "---\ntitle: Home\n---\nWelcome.\n".into(),
    ));
    files.push(("assets/custom.css".into(), "body { margin: 0; }\n".into()));
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let (_tmp, root) = handbook_from(&files);
    let server = serve(&root);
    let live = events(server.port);
    for round in 1..=3 {
        write(
            &root,
            "content/notes/note-7.md",
            &format!("---\ntitle: Note 7\n---\nRevised {round} times.\n"),
        );
        assert_eq!(next_event(&live).0, "reload");
        // Saved while the second rebuild runs: it may pick the stylesheet up itself, and
        // must then tell the browsers, as the rebuild for this save finds nothing new.
        write(
            &root,
            "assets/custom.css",
            &format!("body {{ margin: {round}px; }}\n"),
        );
        assert_eq!(next_event(&live).0, "css", "round {round}");
    }
}

#[test]
fn editor_style_saves_end_with_the_last_version_served() {
    let (_tmp, root) = small_handbook();
    let server = serve(&root);
    let roles = root.join("content/roles");
    // Vim, Emacs and friends leave these around; they are never pages.
    std::fs::write(roles.join("4913"), "x").unwrap();
    std::fs::write(roles.join("mentor.md~"), "backup").unwrap();
    std::fs::write(roles.join(".#mentor.md"), "lock").unwrap();
    // Save by writing a temp file and renaming it over the page, twenty times in 200 ms.
    for i in 0..20 {
        let temp = roles.join(format!(".mentor.md.{i}.tmp"));
        std::fs::write(
            &temp,
            format!("---\ntitle: Mentor\n---\nSave number {i}.\n"),
        )
        .unwrap();
        std::fs::rename(&temp, roles.join("mentor.md")).unwrap();
        std::thread::sleep(Duration::from_millis(10));
    }
    eventually(server.port, "/roles/mentor/", "last save", |s, b| {
        s == 200 && b.contains("Save number 19.")
    });
    assert_eq!(get(server.port, "/roles/4913/").0, 404);
    let log = server.log.lock().unwrap().join("\n");
    assert!(
        !log.contains("error"),
        "scratch files caused errors:\n{log}"
    );
}

#[test]
fn errors_are_pushed_while_the_last_good_site_stays_served() {
    let (_tmp, root) = small_handbook();
    let (server, live) =
        serve_and_save_mentor(&root, "---\ntitle: Mentor\ntitel: oops\n---\nBroken now.\n");
    let (name, data) = next_event(&live);
    assert_eq!(name, "errors");
    let errors: serde_json::Value = serde_json::from_str(&data).unwrap();
    assert_eq!(errors[0]["code"], "E-FIELD-UNKNOWN");
    assert_eq!(errors[0]["file"], "content/roles/mentor.md");
    assert_eq!(errors[0]["line"], 3);
    let (status, page) = get(server.port, "/roles/mentor/");
    assert_eq!(status, 200);
    assert!(
        page.contains("Guide the mentee.") && !page.contains("Broken now."),
        "the last good page stays"
    );

    // A browser that opens a page now is told about the errors at once.
    let late = events(server.port);
    assert_eq!(next_event(&late).0, "errors");

    write(
        &root,
        "content/roles/mentor.md",
        "---\ntitle: Mentor\n---\nFixed now.\n",
    );
    assert_eq!(next_event(&live).0, "reload");
    assert!(get(server.port, "/roles/mentor/").1.contains("Fixed now."));
}

#[test]
fn pages_created_renamed_and_deleted_appear_and_go() {
    let (_tmp, root) = small_handbook();
    let server = serve(&root);
    write(
        &root,
        "content/roles/committee.md",
        "---\ntitle: Committee\n---\nPairs people.\n",
    );
    eventually(server.port, "/roles/committee/", "created", |s, b| {
        s == 200 && b.contains("Pairs people.")
    });
    std::fs::rename(
        root.join("content/roles/committee.md"),
        root.join("content/roles/forum.md"),
    )
    .unwrap();
    eventually(server.port, "/roles/forum/", "renamed", |s, _| s == 200);
    eventually(server.port, "/roles/committee/", "old URL gone", |s, _| {
        s == 404
    });
    std::fs::remove_file(root.join("content/roles/forum.md")).unwrap();
    eventually(server.port, "/roles/forum/", "deleted", |s, _| s == 404);
    // Moving a whole folder moves its URLs.
    std::fs::rename(root.join("content/roles"), root.join("content/people")).unwrap();
    write(
        &root,
        "content/index.md",
        "---\ntitle: Home\n---\nWelcome. See [the mentor](people/mentor.md).\n",
    );
    eventually(server.port, "/people/mentor/", "moved folder", |s, _| {
        s == 200
    });
    eventually(server.port, "/roles/mentor/", "old folder gone", |s, _| {
        s == 404
    });
}

#[cfg(unix)]
#[test]
fn nothing_outside_the_site_is_ever_served() {
    let (tmp, root) = small_handbook();
    let secret = tmp.path().join("secret.txt");
    std::fs::write(&secret, "TOP-SECRET-BYTES").unwrap();
    std::os::unix::fs::symlink(&secret, root.join("content/leak.txt")).unwrap();
    let server = serve(&root);
    for line in [
        "GET /../Cargo.toml HTTP/1.1",
        "GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1",
        "GET /..%2f..%2fbook.yaml HTTP/1.1",
        "GET /leak.txt HTTP/1.1",
        "GET /../secret.txt HTTP/1.1",
    ] {
        let (status, body) = raw(server.port, line);
        let body = String::from_utf8_lossy(&body);
        assert_eq!(status, 404, "{line}");
        assert!(
            !body.contains("TOP-SECRET")
                && !body.contains("root:")
                && !body.contains("title: Test Handbook"),
            "{line} leaked: {body}"
        );
    }
    let log = server.log.lock().unwrap().join("\n");
    assert!(
        log.contains("E-SYMLINK-ESCAPE"),
        "the symlink is reported:\n{log}"
    );
}

#[test]
fn watch_rebuilds_incrementally_and_matches_a_full_build() {
    let (tmp, root) = bundled();
    let out = tmp.path().join("watched");
    let (watcher, lines) = spawn(&["watch", "--out", out.to_str().unwrap()], &root);
    let log = &watcher.log;
    let wait_for = |needle: &str| -> String {
        let deadline = Instant::now() + WAIT;
        while Instant::now() < deadline {
            if let Ok(line) = lines.recv_timeout(Duration::from_millis(100))
                && line.contains(needle)
            {
                return line;
            }
        }
        panic!("no line with {needle:?}: {:?}", log.lock().unwrap());
    };
    wait_for("Watching for changes");
    let full = |name: &str| {
        let dir = tmp.path().join(name);
        let o = run(
            &[
                "build",
                "--root",
                root.to_str().unwrap(),
                "--out",
                dir.to_str().unwrap(),
            ],
            tmp.path(),
        );
        assert!(o.status.success(), "{}", stderr(&o));
        snapshot(&dir)
    };
    let rendered = |line: &str| -> usize {
        line.rsplit(": ")
            .next()
            .unwrap()
            .split(' ')
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };

    // A body edit re-renders that page only.
    let trust = root.join("content/strategies/12-build-trust.md");
    let text = read(&trust);
    std::fs::write(
        &trust,
        text.replace("## Practices", "A new sentence.\n\n## Practices"),
    )
    .unwrap();
    let line = wait_for("content/strategies/12-build-trust.md:");
    assert_eq!(rendered(&line), 1, "{line}");
    assert_eq!(snapshot(&out), full("full-1"), "after a body edit");

    // A retitle updates the navigation of its section, its neighbours, the home cards…
    std::fs::write(
        &trust,
        read(&trust).replace("title: Build trust", "title: Build and keep trust"),
    )
    .unwrap();
    let line = wait_for("content/strategies/12-build-trust.md:");
    let n = rendered(&line);
    assert!(
        n > 1 && n < 40,
        "a retitle re-renders its dependants only: {line}"
    );
    assert_eq!(snapshot(&out), full("full-2"), "after a retitle");

    // Add, rename and delete.
    write(
        &root,
        "content/roles/coordinator.md",
        "---\ntitle: Coordinator\n---\nKeeps the calendar [@rehman2025].\n",
    );
    wait_for("content/roles/coordinator.md:");
    assert_eq!(snapshot(&out), full("full-3"), "after an add");
    std::fs::rename(
        root.join("content/roles/coordinator.md"),
        root.join("content/roles/organiser.md"),
    )
    .unwrap();
    wait_for("organiser.md");
    assert_eq!(snapshot(&out), full("full-4"), "after a rename");
    std::fs::remove_file(root.join("content/roles/organiser.md")).unwrap();
    wait_for("content/roles/organiser.md:");
    assert_eq!(snapshot(&out), full("full-5"), "after a delete");
}

#[test]
fn a_taken_port_falls_back_to_a_free_one() {
    let (_tmp, root) = small_handbook();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let server = serve_with(&root, &port);
    assert_ne!(server.port.to_string(), port);
    assert_eq!(get(server.port, "/").0, 200);
    let log = server.log.lock().unwrap().join("\n");
    assert!(log.contains(&format!("Port {port} is taken")), "{log}");
}

#[test]
fn a_templates_folder_created_while_serving_takes_effect() {
    let (_tmp, root) = small_handbook();
    write(
        &root,
        "content/page.md",
        "---\ntitle: Plain page\n---\nText.\n",
    );
    let server = serve(&root);
    assert!(!get(server.port, "/page/").1.contains("custom-template"));
    write(
        &root,
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}<p class=\"custom-template\">{{ page.title }}</p>{% endblock content %}",
    );
    eventually(server.port, "/page/", "the new template", |s, b| {
        s == 200 && b.contains("custom-template")
    });
    // Edits inside the new folder are seen too.
    write(
        &root,
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}<p class=\"custom-template-2\">{{ page.title }}</p>{% endblock content %}",
    );
    eventually(server.port, "/page/", "the edited template", |s, b| {
        s == 200 && b.contains("custom-template-2")
    });
}

#[test]
fn redirects_stay_on_the_site_and_half_sent_requests_are_dropped() {
    let (_tmp, root) = small_handbook();
    let server = serve(&root);
    // `//roles` must not become `Location: //roles/`, a link to the host `roles`.
    for request in [
        "GET //roles HTTP/1.1",
        "GET ///roles HTTP/1.1",
        "GET /roles HTTP/1.1",
    ] {
        let head = server::head(server.port, request);
        assert!(head.starts_with("HTTP/1.1 301"), "{request}: {head}");
        assert!(
            head.to_lowercase().contains("\r\nlocation: /roles/"),
            "{request}: {head}"
        );
    }
    // Connections that never finish their request are closed after the header deadline,
    // and the server keeps answering others.
    let mut idle: Vec<std::net::TcpStream> = (0..200)
        .map(|_| {
            let mut s = std::net::TcpStream::connect(("127.0.0.1", server.port)).unwrap();
            s.write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\n")
                .unwrap();
            s
        })
        .collect();
    assert_eq!(get(server.port, "/").0, 200);
    std::thread::sleep(std::time::Duration::from_secs(7));
    for stream in &mut idle {
        stream
            .set_read_timeout(Some(std::time::Duration::from_secs(2)))
            .unwrap();
        let mut buf = [0u8; 512];
        let mut closed = false;
        // A timeout response (if any) then the end of the stream.
        for _ in 0..4 {
            match stream.read(&mut buf) {
                Ok(0) => closed = true,
                Ok(_) => continue,
                Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
                // Reset by the server: closed too.
                Err(_) => closed = true,
            }
            break;
        }
        assert!(closed, "a half-sent request still holds its connection");
    }
    assert_eq!(get(server.port, "/").0, 200);
}

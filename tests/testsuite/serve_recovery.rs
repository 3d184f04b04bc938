//! `serve` keeps going whatever happens while rebuilding: a bug that panics, a link that once
//! panicked, and it does no more work than a change needs (a template edit reads no content).

use std::path::PathBuf;
use std::sync::mpsc::Receiver;
use std::time::Instant;

use crate::common::server::*;
use crate::common::*;

fn small_handbook() -> (tempfile::TempDir, PathBuf) {
    handbook_from(&[
        ("content/index.md", "---\ntitle: Home\n---\nWelcome.\n"),
        (
            "content/guide/_section.md",
            "---\ntitle: Guide\n---\nThe guide.\n",
        ),
        ("content/guide/plan.md", "---\ntitle: Plan\n---\nA plan.\n"),
        ("content/guide/goals.md", "---\ntitle: Goals\n---\nGoals.\n"),
    ])
}

/// The next line that `serve` prints containing `needle`.
pub(crate) fn line_with(lines: &Receiver<String>, needle: &str) -> String {
    let deadline = Instant::now() + WAIT;
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match lines.recv_timeout(left) {
            Ok(line) if line.contains(needle) => return line,
            Ok(_) => {}
            Err(_) => break,
        }
    }
    panic!("serve printed no line with `{needle}`");
}

/// Saves a new text for the guide's plan and waits until it is served.
fn edit_plan_and_see_it(root: &std::path::Path, port: u16) {
    let plan = "---\ntitle: Plan\n---\nA new plan.\n";
    write(root, "content/guide/plan.md", plan);
    body_of(port, "/guide/plan/", "A new plan.");
}

/// Waits until the page at `path` is served and shows `needle`.
fn body_of(port: u16, path: &str, needle: &str) {
    crate::serve::eventually(port, path, needle, |status, body| {
        status == 200 && body.contains(needle)
    });
}

#[test]
fn a_panic_while_rebuilding_is_reported_and_the_next_save_builds() {
    let (_tmp, root) = small_handbook();
    let (server, lines) = serve_env(&root, &[], &[("HANDBOOK_TEST_PANIC", "boom")]);
    write(
        &root,
        "content/guide/boom.md",
        "---\ntitle: Boom\n---\nBang.\n",
    );
    let report = line_with(&lines, "E-INTERNAL");
    assert!(report.contains("error[E-INTERNAL]"), "{report}");
    // A browser that connects now is shown the error over the page.
    let (event, errors) = crate::serve::events(server.port)
        .recv_timeout(WAIT)
        .expect("an event");
    assert_eq!(event, "errors");
    assert!(
        errors.contains("E-INTERNAL"),
        "the overlay gets the error: {errors}"
    );
    assert_eq!(
        get(server.port, "/guide/plan/").0,
        200,
        "the last good site is served"
    );

    std::fs::rename(
        root.join("content/guide/boom.md"),
        root.join("content/guide/calm.md"),
    )
    .unwrap();
    body_of(server.port, "/guide/calm/", "Bang.");
    edit_plan_and_see_it(&root, server.port);
}

#[test]
fn a_percent_escape_before_a_non_ascii_letter_is_a_located_error() {
    let (_tmp, root) = small_handbook();
    let page = "---\ntitle: Goals\n---\nSee [x](plan%1é.md).\n";
    write(&root, "content/guide/goals.md", page);
    let (out, diagnostics) = check_json(&root, &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let link = diagnostics
        .iter()
        .find(|d| d["code"] == "E-LINK")
        .unwrap_or_else(|| panic!("no E-LINK in {diagnostics:?}"));
    assert_eq!(link["file"], "content/guide/goals.md");
    assert_eq!(
        (link["line"].as_u64(), link["column"].as_u64()),
        (Some(4), Some(5))
    );

    write(
        &root,
        "content/guide/goals.md",
        "---\ntitle: Goals\n---\nGoals.\n",
    );
    let (server, lines) = serve_env(&root, &[], &[]);
    write(&root, "content/guide/goals.md", page);
    line_with(&lines, "The browser shows these errors");
    write(
        &root,
        "content/guide/goals.md",
        "---\ntitle: Goals\n---\nSee [the plan](plan.md).\n",
    );
    body_of(server.port, "/guide/goals/", "the plan");
}

#[test]
fn a_template_edit_renders_again_without_reading_content() {
    let (_tmp, root) = small_handbook();
    std::fs::create_dir_all(root.join("templates")).unwrap();
    let (server, lines) = serve_env(&root, &["--verbose"], &[]);
    write(
        &root,
        "content/guide/plan.md",
        "---\ntitle: Plan\n---\nA new plan.\n",
    );
    let content_edit = line_with(&lines, "content/guide/plan.md:");
    assert!(
        content_edit.contains(", 1 content file read"),
        "{content_edit}"
    );

    body_of(server.port, "/guide/plan/", "A new plan.");
    write(
        &root,
        "templates/page.html",
        "<!doctype html><title>{{ page.title }}</title><main>{{ page.content | safe }}</main><p>Plain template</p>\n",
    );
    let theme_edit = line_with(&lines, "templates/page.html:");
    assert!(
        theme_edit.contains(", 0 content files read"),
        "{theme_edit}"
    );
    body_of(server.port, "/guide/plan/", "Plain template");
}

/// Moves `content/` away and back, as a git checkout or an editor can, and waits until the
/// process says it watches it again.
fn move_content_away_and_back(root: &std::path::Path, lines: &Receiver<String>) {
    std::fs::rename(root.join("content"), root.join("content.away")).unwrap();
    line_with(lines, "E-");
    std::fs::rename(root.join("content.away"), root.join("content")).unwrap();
    let said = line_with(lines, "watching it again");
    assert!(said.contains("content/"), "{said}");
}

#[test]
fn serve_hears_content_moved_away_and_back() {
    let (_tmp, root) = small_handbook();
    let (server, lines) = serve_env(&root, &[], &[]);
    move_content_away_and_back(&root, &lines);
    edit_plan_and_see_it(&root, server.port);
}

#[test]
fn watch_hears_content_moved_away_and_back() {
    let (tmp, root) = small_handbook();
    let out = tmp.path().join("out");
    let (_watch, lines) = crate::common::server::spawn(
        &[
            "watch",
            "--root",
            root.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        tmp.path(),
    );
    line_with(&lines, "Watching");
    move_content_away_and_back(&root, &lines);
    write(
        &root,
        "content/guide/plan.md",
        "---\ntitle: Plan\n---\nA new plan.\n",
    );
    let deadline = Instant::now() + WAIT;
    while !read(&out.join("guide/plan/index.html")).contains("A new plan.") {
        assert!(Instant::now() < deadline, "watch missed the edit");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// When file descriptors run out under `serve`, a rebuild says only that files could not be
/// read (no false "no home page" or "rule unused", which a model missing files would
/// suggest), and the edit made meanwhile is applied once descriptors are free again, with no
/// second save.
#[test]
fn running_out_of_descriptors_reports_only_that_and_applies_the_edit_later() {
    let (_tmp, root) = handbook_from(&[
        ("book.yaml", "title: T\nrules:\n  pace: monthly\n"),
        (
            "content/index.md",
            "---\ntitle: Home\n---\nMeet {{ rules.pace }}.\n",
        ),
        ("content/guide.md", "---\ntitle: Guide\n---\nFirst words.\n"),
    ]);
    let (server, lines) = serve_limited(&root, 64);
    // Connections left open hold the server's remaining descriptors.
    let mut held = Vec::new();
    while held.len() < 80 {
        let Ok(stream) = std::net::TcpStream::connect(("127.0.0.1", server.port)) else {
            break;
        };
        held.push(stream);
    }
    std::thread::sleep(std::time::Duration::from_millis(500));
    write(
        &root,
        "content/guide.md",
        "---\ntitle: Guide\n---\nSecond words.\n",
    );
    let failed = line_with(&lines, "cannot read");
    drop(held);
    body_of(server.port, "/guide/", "Second words.");
    let log = server.log.lock().unwrap().join("\n");
    assert!(
        failed.contains("E-FILE-READ") || log.contains("E-FILE-READ"),
        "{log}"
    );
    for false_fault in ["E-HOME-MISSING", "W-RULE-UNUSED"] {
        assert!(!log.contains(false_fault), "{log}");
    }
}

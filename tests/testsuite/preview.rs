//! `serve`'s previews: a save that changes only a page's body is shown before the rebuild,
//! exactly as the rebuild makes it; a save that other pages would show, or that has faults,
//! is never previewed.

use std::path::Path;
use std::sync::mpsc::Receiver;
use std::time::Duration;

use crate::common::server::*;
use crate::common::*;
use crate::serve::{events, eventually, next_event};
use crate::serve_recovery::line_with;

const MENTOR: &str = "content/roles/mentor.md";

fn handbook() -> (tempfile::TempDir, std::path::PathBuf) {
    handbook_from(&[
        ("content/index.md", "---\ntitle: Home\n---\nWelcome.\n"),
        (
            "content/roles/_section.md",
            "---\ntitle: Roles\nkind: role\n---\n",
        ),
        (
            MENTOR,
            "---\ntitle: Mentor\n---\n## Duties\n\nGuide the mentee.\n",
        ),
        (
            "content/roles/mentee.md",
            "---\ntitle: Mentee\nrelated: [mentor]\n---\nSee [duties](mentor.md#duties).\n",
        ),
    ])
}

/// Starts `serve --verbose` on `root`, listens to its live-reload stream, then saves the
/// mentor's page as `text`.
fn save_while_serving(
    root: &Path,
    text: &str,
) -> (Server, Receiver<String>, Receiver<(String, String)>) {
    let (server, lines) = serve_env(root, &["--verbose"], &[]);
    let live = events(server.port);
    write(root, MENTOR, text);
    (server, lines, live)
}

#[test]
fn a_body_edit_is_shown_before_the_rebuild_exactly_as_the_rebuild_makes_it() {
    let (_tmp, root) = handbook();
    let (server, lines, live) = save_while_serving(
        &root,
        "---\ntitle: Mentor\n---\n## Duties\n\nGuide the mentee with `care`.\n\n```yaml\nmeet: weekly\n```\n",
    );
    line_with(&lines, &format!("previewed {MENTOR}"));
    assert_eq!(next_event(&live).0, "reload");
    let previewed = get(server.port, "/roles/mentor/").1;
    assert!(previewed.contains("<code>care</code>"), "{previewed}");
    // The rebuild of the same save finds the page as previewed: no second reload.
    line_with(&lines, &format!("{MENTOR}: 1 page rendered"));
    assert!(
        live.recv_timeout(Duration::from_millis(1500)).is_err(),
        "no second event"
    );
    assert_eq!(get(server.port, "/roles/mentor/").1, previewed);
    // The search fragment was previewed with the page.
    let fragments: Vec<String> = (0..4)
        .map(|n| get(server.port, &format!("/search/f/{n}.js")).1)
        .collect();
    assert!(
        fragments.iter().any(|f| f.contains("care")),
        "{fragments:?}"
    );
}

#[test]
fn edits_other_pages_show_and_faulty_edits_are_not_previewed() {
    let (_tmp, root) = handbook();
    // A new title shows on the mentee's page too (its related card): a rebuild's work.
    let (server, lines, live) = save_while_serving(
        &root,
        "---\ntitle: Mentor of the year\n---\n## Duties\n\nGuide the mentee.\n",
    );
    let rebuilt = line_with(&lines, MENTOR);
    assert!(rebuilt.contains("page"), "not previewed: {rebuilt}");
    assert_eq!(next_event(&live).0, "reload");
    assert!(
        get(server.port, "/roles/mentee/")
            .1
            .contains("Mentor of the year")
    );

    // A heading another page links to, renamed: the link breaks; the last good site stays.
    write(
        &root,
        MENTOR,
        "---\ntitle: Mentor of the year\n---\n## Tasks\n\nGuide the mentee patiently.\n",
    );
    let (event, data) = next_event(&live);
    assert_eq!(event, "errors", "{data}");
    assert!(data.contains("duties"), "{data}");
    let page = get(server.port, "/roles/mentor/").1;
    assert!(!page.contains("patiently"), "the last good page is served");

    // Fixed, then a body edit with a broken link of its own: reported, not shown.
    write(
        &root,
        MENTOR,
        "---\ntitle: Mentor of the year\n---\n## Duties\n\nGuide the mentee.\n",
    );
    eventually(server.port, "/roles/mentor/", "the fix", |_, body| {
        body.contains("Guide the mentee.")
    });
    while live.recv_timeout(Duration::from_millis(500)).is_ok() {}
    write(
        &root,
        MENTOR,
        "---\ntitle: Mentor of the year\n---\n## Duties\n\nSee [the plan](plan.md).\n",
    );
    let (event, data) = next_event(&live);
    assert_eq!(event, "errors", "{data}");
    assert!(!get(server.port, "/roles/mentor/").1.contains("the plan"));
    let log = server.log.lock().unwrap().join("\n");
    assert!(!log.contains("previewed"), "{log}");
}

#[test]
fn a_panic_while_previewing_costs_only_the_preview() {
    let (_tmp, root) = handbook();
    let (server, lines) = serve_env(
        &root,
        &["--verbose"],
        &[("HANDBOOK_TEST_PANIC", "preview:mentor")],
    );
    let live = events(server.port);
    write(
        &root,
        MENTOR,
        "---\ntitle: Mentor\n---\n## Duties\n\nGuide the mentee gently.\n",
    );
    // The rebuild still comes, and the save is served.
    line_with(&lines, &format!("{MENTOR}: 1 page rendered"));
    assert_eq!(next_event(&live).0, "reload");
    assert!(get(server.port, "/roles/mentor/").1.contains("gently"));
    // Previews go on for the next save, from the site that rebuild made.
    write(
        &root,
        "content/roles/mentee.md",
        "---\ntitle: Mentee\nrelated: [mentor]\n---\nSee [duties](mentor.md#duties) often.\n",
    );
    line_with(&lines, "previewed content/roles/mentee.md");
    assert!(get(server.port, "/roles/mentee/").1.contains("often"));
}

/// Whether a save is previewed follows from what other outputs show, not from which part of
/// the file changed: front matter only the page itself shows (`own_guidance`) is previewed
/// exactly as the rebuild makes it; a summary, which the section's cards show, is not.
#[test]
fn front_matter_only_the_page_shows_is_previewed_and_a_summary_is_not() {
    let (_tmp, root) = handbook();
    let (server, lines, live) = save_while_serving(
        &root,
        "---\ntitle: Mentor\nown_guidance: true\n---\n## Duties\n\nGuide the mentee.\n",
    );
    line_with(&lines, &format!("previewed {MENTOR}"));
    assert_eq!(next_event(&live).0, "reload");
    let previewed = get(server.port, "/roles/mentor/").1;
    line_with(&lines, &format!("{MENTOR}: 1 page rendered"));
    assert_eq!(get(server.port, "/roles/mentor/").1, previewed);

    while live.recv_timeout(Duration::from_millis(500)).is_ok() {}
    write(
        &root,
        MENTOR,
        "---\ntitle: Mentor\nown_guidance: true\nsummary: Walks beside the mentee.\n---\n## Duties\n\nGuide the mentee.\n",
    );
    line_with(&lines, &format!("{MENTOR}:"));
    eventually(server.port, "/roles/", "the new summary", |_, body| {
        body.contains("Walks beside the mentee.")
    });
    let log = server.log.lock().unwrap().join("\n");
    assert_eq!(log.matches("previewed").count(), 1, "{log}");
}

//! Bad input: every fault is reported in one run, with file:line:column, exit code 1, and the
//! previous site left exactly as it was.

use crate::common::*;

const GOOD_PAGE: &str = "---\ntitle: Mentor\n---\n## Duties\n\nGuide the mentee [@src].\n";
const SOURCES: &str = "src:\n  title: A source\n";

fn good_handbook() -> (tempfile::TempDir, std::path::PathBuf) {
    handbook_from(&[
        (
            "content/index.md",
            "---\ntitle: Home\n---\nWelcome. See [the mentor](roles/mentor.md).\n",
        ),
        (
            "content/roles/_section.md",
            "---\ntitle: Roles\nkind: role\n---\n",
        ),
        ("content/roles/mentor.md", GOOD_PAGE),
        ("content/sources.yaml", SOURCES),
    ])
}

#[test]
fn all_faults_are_reported_together_and_the_old_site_survives() {
    let (_tmp, root) = good_handbook();
    let out = run(&["build"], &root);
    assert!(out.status.success(), "{}", stderr(&out));
    let before = snapshot(&root.join("public"));
    assert!(!before.is_empty());

    write(
        &root,
        "content/malformed.md",
        "---\ntitle: Broken\nrelated: [a, b\n---\nBody\n",
    );
    write(
        &root,
        "content/unknown-field.md",
        "---\ntitle: Fine\ntitel: Typo\n---\nBody\n",
    );
    write(
        &root,
        "content/links.md",
        "---\ntitle: Links\n---\nIntro line.\n\nSee [gone](missing.md) and\n[duties](roles/mentor.md#dutiez).\n",
    );
    write(
        &root,
        "content/cites.md",
        "---\ntitle: Cites\n---\nA claim [@scr].\n",
    );
    write(
        &root,
        "content/roles/01-mentor.md",
        "---\ntitle: Another mentor\n---\nBody\n",
    );

    let out = run(&["build"], &root);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    for (code, place) in [
        ("E-YAML", "content/malformed.md:3:10"),
        ("E-FIELD-UNKNOWN", "content/unknown-field.md:3:1"),
        ("E-LINK", "content/links.md:6:5"),
        ("E-ANCHOR", "content/links.md:7:1"),
        ("E-CITATION", "content/cites.md:4:9"),
        ("E-SLUG-DUPLICATE", "content/roles/mentor.md:2:8"),
    ] {
        assert!(
            err.contains(&format!("[{code}]")),
            "missing {code} in:\n{err}"
        );
        assert!(err.contains(place), "missing {place} for {code} in:\n{err}");
    }
    assert!(err.contains("did you mean `title`?"), "{err}");
    assert!(err.contains("did you mean `src`?"), "{err}");
    assert!(err.contains("did you mean `#duties`?"), "{err}");
    assert!(err.contains("6 errors"), "{err}");
    assert_eq!(
        before,
        snapshot(&root.join("public")),
        "the previous site is untouched"
    );
    let leftovers: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .filter(|n| n.to_string_lossy().starts_with(".public"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "staging folders left behind: {leftovers:?}"
    );
}

#[test]
fn the_snippet_underlines_the_fault() {
    let (_tmp, root) = good_handbook();
    write(
        &root,
        "content/unknown-field.md",
        "---\ntitle: Fine\nrelatd: [mentor]\n---\nBody\n",
    );
    let out = run(&["build"], &root);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        err.contains("error[E-FIELD-UNKNOWN]: unknown field `relatd` in front matter"),
        "{err}"
    );
    assert!(
        err.contains("relatd: [mentor]"),
        "the source line is shown:\n{err}"
    );
    assert!(err.contains("^^^^^^"), "the key is underlined:\n{err}");
    assert!(err.contains("did you mean `related`?"), "{err}");
}

#[test]
fn related_names_and_ambiguous_slugs_are_checked() {
    let (_tmp, root) = good_handbook();
    write(
        &root,
        "content/checklists/_section.md",
        "---\nkind: checklist\n---\n",
    );
    write(
        &root,
        "content/checklists/mentor.yaml",
        "title: Mentor checklist\nsections:\n  - title: Start\n    items: [Meet]\n",
    );
    write(
        &root,
        "content/page.md",
        "---\ntitle: Page\nrelated: [mentor, roles/mentr]\n---\n",
    );
    let out = run(&["build"], &root);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("`mentor` names more than one page"), "{err}");
    assert!(err.contains("content/page.md:3:11"), "{err}");
    assert!(err.contains("no page is named `roles/mentr`"), "{err}");
    assert!(err.contains("did you mean `roles/mentor`?"), "{err}");
}

#[test]
fn a_missing_book_yaml_is_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    let out = run(&["build"], tmp.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("E-CONFIG-MISSING"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("handbook init"), "{}", stderr(&out));
}

#[test]
fn an_output_folder_not_written_by_handbook_is_never_replaced() {
    let (tmp, root) = good_handbook();
    let foreign = tmp.path().join("documents");
    write(&foreign, "thesis.txt", "precious");
    let out = run(
        &[
            "build",
            "--root",
            root.to_str().unwrap(),
            "--out",
            foreign.to_str().unwrap(),
        ],
        tmp.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("refusing to replace"),
        "{}",
        stderr(&out)
    );
    assert_eq!(read(&foreign.join("thesis.txt")), "precious");
}

#[test]
fn a_broken_page_is_reported_once_not_by_every_page_that_names_it() {
    let (_tmp, root) = good_handbook();
    write(
        &root,
        "content/roles/mentor.md",
        "---\ntitle: Mentor\ntitel: oops\n---\n## Duties\n",
    );
    write(
        &root,
        "content/roles/mentee.md",
        "---\ntitle: Mentee\nrelated: [mentor, roles/mentor]\n---\nSee [duties](mentor.md#duties).\n",
    );
    let out = run(&["check"], &root);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(err.contains("1 error"), "only the page's own fault:\n{err}");
    assert!(err.contains("content/roles/mentor.md:3:1"), "{err}");
}

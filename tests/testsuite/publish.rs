//! Publishing from a committee's repository: `check`'s output for CI platforms
//! (`--format github|gitlab`), shown on the changed lines of a pull or merge request.

use crate::common::{handbook_from, run, stderr};

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// One fault, one annotation: GitHub's workflow command at the field's place (relative to the
/// handbook's root, as GitHub names the repository's files), the hint on a line of its own,
/// and the exit status of the human format.
#[test]
fn github_format_annotates_a_fault_at_its_place() {
    let (tmp, root) = handbook_from(&[(
        "content/index.md",
        "---\ntitle: Home\ntitel: typo\n---\nBody\n",
    )]);
    let out = run(
        &["check", "--root", "book", "--format", "github"],
        tmp.path(),
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "::error file=content/index.md,line=3,col=1,title=E-FIELD-UNKNOWN::unknown field `titel` in front matter%0Ahelp: did you mean `title`?\n"
    );
    // Warnings are `::warning` commands and, as in the human format, do not fail the check.
    std::fs::write(
        root.join("content/index.md"),
        "---\ntitle: Home\n---\nSee [us](https://example.org/).\n",
    )
    .unwrap();
    let out = run(
        &["check", "--root", "book", "--format", "github"],
        tmp.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with("::warning file=content/index.md,line=4,col=5,title=W-PLACEHOLDER::")
            && text.lines().count() == 1,
        "{text}"
    );
}

/// GitLab's code-quality report, with each field its documentation lists: description (the
/// hint too), check_name (the code), fingerprint (hex, the same in every run, different for
/// different faults), severity (error → major, warning → minor), location.path (relative to
/// the root) and location.lines.begin.
#[test]
fn gitlab_format_is_a_code_quality_report() {
    let (tmp, _root) = handbook_from(&[
        (
            "book.yaml",
            "title: Test Handbook\nbase_url: https://handbook.example.org/\n",
        ),
        ("content/index.md", "---\ntitle: Home\ntitel: typo\n---\n"),
    ]);
    let check = || {
        let out = run(
            &["check", "--root", "book", "--format", "gitlab"],
            tmp.path(),
        );
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        serde_json::from_str::<serde_json::Value>(&stdout(&out)).unwrap()
    };
    let report = check();
    let issues = report.as_array().unwrap();
    assert_eq!(issues.len(), 2, "{report:#}");
    // Sorted by file, then place: book.yaml first.
    let (warning, error) = (&issues[0], &issues[1]);
    assert_eq!(
        error["description"],
        "unknown field `titel` in front matter (help: did you mean `title`?)"
    );
    assert_eq!(error["check_name"], "E-FIELD-UNKNOWN");
    assert_eq!(error["severity"], "major");
    assert_eq!(error["location"]["path"], "content/index.md");
    assert_eq!(error["location"]["lines"]["begin"], 3);
    assert_eq!(warning["check_name"], "W-PLACEHOLDER");
    assert_eq!(warning["severity"], "minor");
    assert_eq!(warning["location"]["path"], "book.yaml");
    assert_eq!(warning["location"]["lines"]["begin"], 2);
    let fingerprint =
        |issue: &serde_json::Value| issue["fingerprint"].as_str().unwrap().to_string();
    for issue in issues {
        let f = fingerprint(issue);
        assert!(
            f.len() == 32 && f.bytes().all(|b| b.is_ascii_hexdigit()),
            "{f}"
        );
    }
    assert_ne!(fingerprint(error), fingerprint(warning));
    assert_eq!(check(), report, "the same faults give the same report");
}

/// Nothing wrong: an empty report, which GitLab reads as "no issues", and exit 0.
#[test]
fn gitlab_format_of_a_clean_handbook_is_an_empty_array() {
    let (tmp, _root) = handbook_from(&[("content/index.md", "---\ntitle: Home\n---\nBody\n")]);
    let out = run(
        &["check", "--root", "book", "--format", "gitlab"],
        tmp.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).trim(), "[]");
}

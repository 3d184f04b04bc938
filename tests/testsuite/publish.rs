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

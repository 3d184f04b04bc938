//! A corpus of faulty handbooks, one fault each: `handbook check --format json` must report
//! the fault with its exact code, file, line and column, exit 1 for errors (0 for warnings,
//! 1 with `--deny-warnings`), and never panic, hang or blow its stack on hostile YAML.

mod case;
mod content_cases;
mod site_cases;

use crate::common::*;
use case::*;
use serde_json::Value;
use std::time::Duration;

/// Every case of the corpus.
fn cases() -> Vec<Case> {
    let mut cases = content_cases::cases();
    cases.extend(site_cases::cases());
    cases
}

/// Where a diagnostic points, written like the expectations: `file:line:column` or `file`.
fn place(d: &Value) -> String {
    let file = d["file"].as_str().unwrap_or("");
    match (d["line"].as_u64(), d["column"].as_u64()) {
        (Some(line), Some(column)) => format!("{file}:{line}:{column}"),
        _ => file.to_string(),
    }
}

fn assert_no_panic(name: &str, out: &std::process::Output) {
    let err = stderr(out);
    assert_ne!(out.status.code(), Some(101), "{name}: panicked:\n{err}");
    assert!(
        out.status.code().is_some(),
        "{name}: killed by a signal:\n{err}"
    );
    assert!(!err.contains("panicked"), "{name}: panicked:\n{err}");
}

/// Runs one case; returns what is wrong with the result (empty: all fine) and the time taken.
fn run_case(case: &Case) -> (Vec<String>, Duration) {
    let (_tmp, root) = case.build();
    let (out, diagnostics, elapsed) = check_json_within(&root, &[], LIMIT);
    assert_no_panic(case.name, &out);
    let mut problems = Vec::new();
    let shown = diagnostics
        .iter()
        .map(Value::to_string)
        .collect::<Vec<_>>()
        .join("\n");
    if elapsed > LIMIT {
        problems.push(format!("took {elapsed:?}"));
    }
    let mut expected: Vec<&str> = std::iter::once(case.code)
        .chain(case.also.iter().copied())
        .collect();
    expected.sort_unstable();
    expected.dedup();
    let mut codes: Vec<&str> = diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("?"))
        .collect();
    codes.sort_unstable();
    codes.dedup();
    if codes != expected {
        problems.push(format!("codes {codes:?}, expected {expected:?}"));
    }
    let places: Vec<String> = diagnostics
        .iter()
        .filter(|d| d["code"] == case.code)
        .map(place)
        .collect();
    if !places.iter().any(|p| p == case.at) {
        problems.push(format!(
            "{} at {places:?}, expected at {}",
            case.code, case.at
        ));
    }
    for d in &diagnostics {
        let severity = if d["code"].as_str().unwrap_or("").starts_with("W-") {
            "warning"
        } else {
            "error"
        };
        if d["severity"] != severity {
            problems.push(format!("severity of {d} should be {severity}"));
        }
        for key in ["message", "end_line", "end_column", "hint"] {
            if d.get(key).is_none() {
                problems.push(format!("no `{key}` key in {d}"));
            }
        }
    }
    if case.warning_only() {
        if out.status.code() != Some(0) {
            problems.push(format!(
                "exit {:?} for warnings, expected 0",
                out.status.code()
            ));
        }
        let (denied, _, _) = check_json_within(&root, &["--deny-warnings"], LIMIT);
        assert_no_panic(case.name, &denied);
        if denied.status.code() != Some(1) {
            problems.push(format!(
                "exit {:?} with --deny-warnings, expected 1",
                denied.status.code()
            ));
        }
    } else if out.status.code() != Some(1) {
        problems.push(format!("exit {:?}, expected 1", out.status.code()));
    }
    if !problems.is_empty() {
        problems.push(format!("diagnostics:\n{shown}\nstderr:\n{}", stderr(&out)));
    }
    (problems, elapsed)
}

/// Runs one case on its own and fails with everything that is wrong.
fn assert_case(case: &Case) {
    let (problems, _) = run_case(case);
    assert!(
        problems.is_empty(),
        "{}:\n{}",
        case.name,
        problems.join("\n")
    );
}

#[test]
fn every_faulty_handbook_is_reported_at_the_fault() {
    let cases = cases();
    let results: Vec<(Vec<String>, Duration)> = std::thread::scope(|scope| {
        let handles: Vec<_> = cases
            .chunks(cases.len().div_ceil(8))
            .map(|chunk| scope.spawn(move || chunk.iter().map(run_case).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("a case panicked"))
            .collect()
    });
    let mut failures = Vec::new();
    for (case, (problems, elapsed)) in cases.iter().zip(&results) {
        if case.name.contains("alias bomb") || case.name.contains("deep flow") {
            eprintln!("{}: {elapsed:?}", case.name);
        }
        if !problems.is_empty() {
            failures.push(format!("--- {}:\n{}", case.name, problems.join("\n")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

/// Codes met outside the corpus, each by the test named here.
const TESTED_ELSEWHERE: &[(&str, &str)] = &[
    ("W-IMAGE-ALT", "an_image_without_alt_text_is_a_warning"),
    (
        "W-LINK-DEAD",
        "external::dead_links_are_warnings_at_their_places_and_live_ones_are_cached",
    ),
    (
        "W-LINK-CACHE",
        "external::a_damaged_cache_is_a_warning_and_replaced",
    ),
    (
        "W-HISTORY",
        "changes::a_repository_that_cannot_be_read_is_a_warning",
    ),
    (
        "E-INTERNAL",
        "serve_recovery::a_panic_while_rebuilding_is_reported_and_the_next_save_builds",
    ),
];

/// Every diagnostic code (the library's list of them) is met at least once in the corpus or
/// in the test named for it, and the corpus stays large.
#[test]
fn the_corpus_covers_every_code() {
    let cases = cases();
    assert!(cases.len() >= 45, "{} cases", cases.len());
    let mut names: Vec<&str> = cases.iter().map(|c| c.name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), cases.len(), "case names are distinct");
    let missing: Vec<&str> = handbook::diagnostic::Code::ALL
        .iter()
        .map(|code| code.name())
        .filter(|name| !cases.iter().any(|c| c.code == *name))
        .filter(|name| !TESTED_ELSEWHERE.iter().any(|(code, _)| code == name))
        .collect();
    assert!(missing.is_empty(), "no corpus case for {missing:?}");
    for case in &cases {
        assert!(
            handbook::diagnostic::Code::from_name(case.code).is_some(),
            "{}: `{}` is not a code of handbook",
            case.name,
            case.code
        );
    }
}

// --- bugs found by the corpus: each test states the right behaviour and is ignored until fixed.

#[test]
fn an_image_without_alt_text_is_a_warning() {
    assert_case(&case(
        "an image without alt text",
        "W-IMAGE-ALT",
        "content/index.md:6:1",
        vec![
            t(
                "content/index.md",
                "---\ntitle: Home\n---\n![Our team](team.png)\n\n![](photo.png)\n",
            ),
            File::Bytes("content/team.png", b"\x89PNG".to_vec()),
            File::Bytes("content/photo.png", b"\x89PNG".to_vec()),
        ],
    ));
}

#[test]
fn a_checklist_without_sections_is_reported_at_its_first_key() {
    assert_case(&case(
        "a checklist without sections",
        "E-CHECKLIST-EMPTY",
        "content/checklists/first.yaml:2:1",
        checklists(t(
            "content/checklists/first.yaml",
            "# First meeting\ntitle: First meeting\nintro: Soon\n",
        )),
    ));
}

#[test]
fn an_unknown_theme_is_reported_in_book_yaml() {
    assert_case(&case(
        "an unknown theme",
        "E-THEME",
        "book.yaml:2:8",
        vec![t("book.yaml", "title: T\ntheme: fancy\n")],
    ));
}

#[test]
fn a_section_whose_page_is_broken_is_not_called_empty() {
    assert_case(&case(
        "a section whose only page is broken",
        "E-FIELD-UNKNOWN",
        "content/checklists/first.yaml:2:1",
        vec![
            t("content/checklists/_section.md", CHECKLISTS),
            t(
                "content/checklists/first.yaml",
                "title: C\nsign-off: [mentor]\nsections:\n  - title: S\n    items: [Meet]\n",
            ),
        ],
    ));
}

/// Faults in several content files, sources.yaml, a checklist, a section file and book.yaml's
/// colours: every one is reported by a single run.
#[test]
fn faults_in_different_files_are_all_reported_in_one_run() {
    let (_tmp, root) = handbook_from(&[
        (
            "book.yaml",
            "title: T\ninstitution:\n  colors: { primary: \"#dddddd\" }\n",
        ),
        (
            "content/index.md",
            "---\ntitle: Home\n---\nWelcome [@rehman2024]. See [the guide](guide.md).\n",
        ),
        ("content/sources.yaml", SOURCES),
        (
            "content/page.md",
            "---\ntitle: X\nweight: three\n---\nBody\n",
        ),
        (
            "content/cites.md",
            "---\ntitle: Cites\n---\nA claim [@rehman2042].\n",
        ),
        (
            "content/roles/_section.md",
            "---\ntitle: Roles\nkind: rol\n---\n",
        ),
        ("content/roles/mentor.md", MENTOR),
        ("content/checklists/_section.md", CHECKLISTS),
        (
            "content/checklists/first.yaml",
            "title: C\nsections:\n  - title: Before\n    items: []\n",
        ),
        (
            "content/checklists/second.yaml",
            "title: D\nsections:\n  - title: Before\n    items: [Meet]\n",
        ),
        ("content/empty.md", ""),
    ]);
    let (out, diagnostics) = check_json(&root, &[]);
    assert_no_panic("several faults", &out);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let found: Vec<String> = diagnostics
        .iter()
        .map(|d| format!("{} {}", d["code"].as_str().unwrap(), place(d)))
        .collect();
    let expected = [
        "E-CONTRAST book.yaml:3:22",
        "E-LINK content/index.md:4:28",
        "E-FIELD-TYPE content/page.md:3:9",
        "E-CITATION content/cites.md:4:9",
        "E-KIND-UNKNOWN content/roles/_section.md:3:7",
        "E-CHECKLIST-EMPTY content/checklists/first.yaml:4:12",
        "E-FILE-EMPTY content/empty.md:1:1",
    ];
    for fault in expected {
        assert!(
            found.iter().any(|f| f == fault),
            "{fault} is missing from {found:#?}"
        );
    }
    assert_eq!(found.len(), expected.len(), "{found:#?}");
}

fn content_faults() -> Vec<(&'static str, &'static str)> {
    vec![
        ("content/index.md", HOME_CITING),
        ("content/sources.yaml", SOURCES),
        ("content/roles/mentor.md", MENTOR),
        (
            "content/cites.md",
            "---\ntitle: Cites\n---\nA claim [@rehman2042].\n",
        ),
    ]
}

#[test]
fn a_book_yaml_typo_does_not_hide_content_faults() {
    let mut files = content_faults();
    files.push(("book.yaml", "title: T\nsubtitel: S\n"));
    let (_tmp, root) = handbook_from(&files);
    let (out, diagnostics) = check_json(&root, &[]);
    assert_no_panic("book.yaml typo", &out);
    let codes: Vec<&str> = diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"E-FIELD-UNKNOWN"), "{codes:?}");
    assert!(codes.contains(&"E-CITATION"), "{codes:?}");
}

#[test]
fn a_template_error_does_not_hide_content_faults() {
    let mut files = content_faults();
    files.push((
        "templates/home.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{% if %}yes{% endif %}\n{% endblock content %}\n",
    ));
    let (_tmp, root) = handbook_from(&files);
    let (out, diagnostics) = check_json(&root, &[]);
    assert_no_panic("template error", &out);
    let codes: Vec<&str> = diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"E-TEMPLATE"), "{codes:?}");
    assert!(codes.contains(&"E-CITATION"), "{codes:?}");
}

/// A typo in a field name, a `related` slug, a citation key, an anchor and a section kind:
/// each hint names the closest valid value.
#[test]
fn typos_get_a_hint_naming_the_closest_valid_value() {
    let (_tmp, root) = handbook_from(&[
        ("content/index.md", HOME_CITING),
        ("content/sources.yaml", SOURCES),
        ("content/roles/_section.md", ROLES),
        ("content/roles/mentor.md", MENTOR),
        (
            "content/field.md",
            "---\ntitle: Field\nsumary: A typo\n---\nBody\n",
        ),
        (
            "content/related.md",
            "---\ntitle: Related\nrelated: [mentr]\n---\nBody\n",
        ),
        (
            "content/cites.md",
            "---\ntitle: Cites\n---\nA claim [@rehman2042].\n",
        ),
        (
            "content/anchor.md",
            "---\ntitle: Anchor\n---\nSee [the duties](roles/mentor.md#dutiez).\n",
        ),
        (
            "content/strategies/_section.md",
            "---\ntitle: Strategies\nkind: stratgy\n---\n",
        ),
        (
            "content/strategies/trust.md",
            "---\ntitle: Trust\nnumber: 1\n---\nBody\n",
        ),
    ]);
    let (out, diagnostics) = check_json(&root, &[]);
    assert_no_panic("typos", &out);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    for (code, file, hint) in [
        (
            "E-FIELD-UNKNOWN",
            "content/field.md",
            "did you mean `summary`?",
        ),
        ("E-RELATED", "content/related.md", "did you mean `mentor`?"),
        (
            "E-CITATION",
            "content/cites.md",
            "did you mean `rehman2024`?",
        ),
        ("E-ANCHOR", "content/anchor.md", "did you mean `#duties`?"),
        (
            "E-KIND-UNKNOWN",
            "content/strategies/_section.md",
            "did you mean `strategy`?",
        ),
    ] {
        let d = diagnostics
            .iter()
            .find(|d| d["code"] == code && d["file"] == file)
            .unwrap_or_else(|| panic!("no {code} in {file}: {diagnostics:#?}"));
        assert_eq!(d["hint"], hint, "{d}");
    }
    assert_eq!(diagnostics.len(), 5, "{diagnostics:#?}");
}

/// Each template is parsed on its own: two broken templates are two errors, each at its file.
#[test]
fn every_broken_template_is_reported_at_its_own_file() {
    let (_tmp, root) = handbook_from(&[
        ("content/index.md", "---\ntitle: Home\n---\nWelcome.\n"),
        (
            "templates/home.html",
            "{% extends \"base.html\" %}\n{% if %}\n",
        ),
        ("templates/page.html", "<p>\n{{ page.title \n"),
    ]);
    let (out, diagnostics) = check_json(&root, &[]);
    assert_no_panic("two broken templates", &out);
    let files: Vec<&str> = diagnostics
        .iter()
        .filter(|d| d["code"] == "E-TEMPLATE")
        .map(|d| d["file"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(
        files,
        ["templates/home.html", "templates/page.html"],
        "{diagnostics:?}"
    );
}

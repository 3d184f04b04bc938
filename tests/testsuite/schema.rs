//! `handbook schema`: the JSON Schemas it prints accept every file of the bundled handbook and
//! reject the shape faults an editor makes; and `handbook new` writes files that pass `check`.

use std::path::{Path, PathBuf};

use crate::common::*;
use serde_json::Value;

/// Every kind `handbook schema --kind` knows.
const SCHEMAS: &[&str] = handbook::schema::KINDS;

/// The schema `handbook schema --kind NAME` prints, compiled.
fn validator(name: &str) -> jsonschema::Validator {
    let out = run(
        &["schema", "--kind", name],
        Path::new(env!("CARGO_MANIFEST_DIR")),
    );
    assert!(
        out.status.success(),
        "schema --kind {name}: {}",
        stderr(&out)
    );
    let schema: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("schema --kind {name} is not JSON: {e}"));
    jsonschema::validator_for(&schema)
        .unwrap_or_else(|e| panic!("schema --kind {name} is not a valid JSON Schema: {e}"))
}

/// YAML text as JSON, through handbook's own YAML reader.
fn yaml_to_json(path: &str, yaml: &str) -> Value {
    let node = handbook::yaml::parse(0, yaml)
        .unwrap_or_else(|e| panic!("{path}: not YAML: {}", e.message));
    match node.to_json() {
        // An empty front matter is an empty mapping to handbook.
        Value::Null => Value::Object(serde_json::Map::new()),
        json => json,
    }
}

/// The text between the first two `---` lines.
fn front_matter(text: &str) -> Option<String> {
    let mut lines = text.lines();
    if lines.next()?.trim_end() != "---" {
        return None;
    }
    let mut yaml = String::new();
    for line in lines {
        if line.trim_end() == "---" {
            return Some(yaml);
        }
        yaml.push_str(line);
        yaml.push('\n');
    }
    None
}

fn front_matter_json(path: &Path) -> Value {
    let text = read(path);
    let yaml = front_matter(&text).unwrap_or_else(|| panic!("{}: no front matter", path.display()));
    yaml_to_json(&path.display().to_string(), &yaml)
}

/// What is wrong with `instance` by `validator`, one line per error (empty: valid).
fn errors(validator: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|e| format!("{} at `{}`", e, e.instance_path().as_str()))
        .collect()
}

fn assert_valid(validator: &jsonschema::Validator, instance: &Value, what: &str) {
    let errors = errors(validator, instance);
    assert!(
        errors.is_empty(),
        "{what} is rejected:\n{}\n{instance:#}",
        errors.join("\n")
    );
    assert!(validator.is_valid(instance), "{what}");
}

fn sorted_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

#[test]
fn every_schema_is_valid_json_schema_and_unknown_names_fail() {
    for name in SCHEMAS {
        validator(name);
    }
    let out = run(&["schema"], Path::new(env!("CARGO_MANIFEST_DIR")));
    assert!(out.status.success(), "{}", stderr(&out));
    let all: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut names: Vec<&str> = all
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    names.sort_unstable();
    let mut expected = SCHEMAS.to_vec();
    expected.sort_unstable();
    assert_eq!(names, expected);
    let out = run(&["schema", "--kind", "nonsense"], Path::new("."));
    assert_ne!(out.status.code(), Some(0));
    assert_ne!(out.status.code(), Some(101), "{}", stderr(&out));
}

#[test]
fn the_schemas_accept_the_bundled_handbook() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let content = root.join("content");

    let book = yaml_to_json("book.yaml", &read(&root.join("book.yaml")));
    assert_valid(&validator("book"), &book, "book.yaml");

    let sources = yaml_to_json("sources.yaml", &read(&content.join("sources.yaml")));
    assert!(sources.as_object().is_some_and(|s| s.len() >= 3));
    assert_valid(&validator("sources"), &sources, "content/sources.yaml");

    let section_schema = validator("section");
    let checklist_schema = validator("checklist");
    let page_schema = validator("page");
    let (mut pages, mut checklists, mut sections) = (0, 0, 0);
    let mut kinds_seen = std::collections::BTreeSet::new();

    for path in sorted_files(&content) {
        if path.extension().is_some_and(|e| e == "md") {
            assert_valid(
                &page_schema,
                &front_matter_json(&path),
                &path.display().to_string(),
            );
            pages += 1;
        }
    }
    for dir in sorted_files(&content).into_iter().filter(|p| p.is_dir()) {
        let section_file = dir.join("_section.md");
        let kind = if section_file.is_file() {
            let meta = front_matter_json(&section_file);
            assert_valid(&section_schema, &meta, &section_file.display().to_string());
            sections += 1;
            meta["kind"].as_str().unwrap_or("page").to_string()
        } else {
            "page".to_string()
        };
        kinds_seen.insert(kind.clone());
        let page_kind = if kind == "checklist" { "page" } else { &kind };
        let kind_schema = validator(page_kind);
        for path in sorted_files(&dir) {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let shown = path.display().to_string();
            if name == "_section.md" {
                continue;
            }
            if name.ends_with(".md") {
                assert_valid(&kind_schema, &front_matter_json(&path), &shown);
                pages += 1;
            } else if kind == "checklist" && name.ends_with(".yaml") {
                let checklist = yaml_to_json(&shown, &read(&path));
                assert_valid(&checklist_schema, &checklist, &shown);
                checklists += 1;
            }
        }
    }
    assert!(pages >= 40, "only {pages} pages checked");
    assert!(checklists >= 10, "only {checklists} checklists checked");
    assert!(sections >= 7, "only {sections} sections checked");
    for kind in ["page", "strategy", "role", "checklist", "scenario"] {
        assert!(
            kinds_seen.contains(kind),
            "no section of kind {kind}: {kinds_seen:?}"
        );
    }
}

/// A correct file and the same file with one shape fault: the schema accepts the first and
/// rejects the second, with an error at `path` (a JSON pointer into the instance).
struct Fault {
    schema: &'static str,
    what: &'static str,
    good: &'static str,
    bad: &'static str,
    path: &'static str,
}

const FAULTS: &[Fault] = &[
    Fault {
        schema: "page",
        what: "unknown front matter key",
        good: "title: Page\nsummary: S\n",
        bad: "title: Page\nsumary: S\n",
        path: "",
    },
    Fault {
        schema: "page",
        what: "weight: three",
        good: "title: Page\nweight: 3\n",
        bad: "title: Page\nweight: three\n",
        path: "/weight",
    },
    Fault {
        schema: "page",
        what: "page without a title",
        good: "title: Page\nsummary: S\n",
        bad: "summary: S\n",
        path: "",
    },
    Fault {
        schema: "page",
        what: "draft: maybe",
        good: "title: Page\ndraft: true\n",
        bad: "title: Page\ndraft: maybe\n",
        path: "/draft",
    },
    Fault {
        schema: "strategy",
        what: "strategy without number",
        good: "title: Trust\nnumber: 12\nroles: [mentor]\n",
        bad: "title: Trust\nroles: [mentor]\n",
        path: "",
    },
    Fault {
        schema: "strategy",
        what: "strategy number zero",
        good: "title: Trust\nnumber: 1\n",
        bad: "title: Trust\nnumber: 0\n",
        path: "/number",
    },
    Fault {
        schema: "role",
        what: "responsibilities as a mapping",
        good: "title: Mentor\nresponsibilities:\n  - Guide\n",
        bad: "title: Mentor\nresponsibilities:\n  guide: yes\n",
        path: "/responsibilities",
    },
    Fault {
        schema: "scenario",
        what: "number in a scenario",
        good: "title: Invitation\nthemes: [boundaries]\ndiscussion: [Who acts?]\n",
        bad: "title: Invitation\nnumber: 3\nthemes: [boundaries]\n",
        path: "",
    },
    Fault {
        schema: "section",
        what: "section kind: stratgy",
        good: "title: Strategies\nkind: strategy\n",
        bad: "title: Strategies\nkind: stratgy\n",
        path: "/kind",
    },
    Fault {
        schema: "section",
        what: "unknown section key",
        good: "title: Strategies\nweight: 1\n",
        bad: "title: Strategies\nwieght: 1\n",
        path: "",
    },
    Fault {
        schema: "checklist",
        what: "checklist without sections",
        good: "title: First meeting\nsections:\n  - title: Before\n    items: [Meet]\n",
        bad: "title: First meeting\naudience: [mentor]\n",
        path: "",
    },
    Fault {
        schema: "checklist",
        what: "checklist section without items",
        good: "title: C\nsections:\n  - title: Before\n    items: [Meet]\n",
        bad: "title: C\nsections:\n  - title: Before\n    items: []\n",
        path: "/sections/0/items",
    },
    Fault {
        schema: "checklist",
        what: "unknown checklist item key",
        good: "title: C\nsections:\n  - title: S\n    items:\n      - { text: Meet, note: Soon }\n",
        bad: "title: C\nsections:\n  - title: S\n    items:\n      - { text: Meet, nte: Soon }\n",
        path: "/sections/0/items/0",
    },
    Fault {
        schema: "checklist",
        what: "a field of 13 lines",
        good: "title: C\nsections:\n  - title: S\n    items:\n      - { field: Goals, lines: 12 }\n",
        bad: "title: C\nsections:\n  - title: S\n    items:\n      - { field: Goals, lines: 13 }\n",
        path: "/sections/0/items/0",
    },
    Fault {
        schema: "checklist",
        what: "a field of 2.5 lines",
        good: "title: C\nsections:\n  - title: S\n    items:\n      - { field: Goals, lines: 2 }\n",
        bad: "title: C\nsections:\n  - title: S\n    items:\n      - { field: Goals, lines: 2.5 }\n",
        path: "/sections/0/items/0",
    },
    Fault {
        schema: "checklist",
        what: "a table of 9 columns",
        good: "title: C\nsections:\n  - title: S\n    items:\n      - { table: { columns: [A, B, C, D, E, F, G, H], rows: 2 } }\n",
        bad: "title: C\nsections:\n  - title: S\n    items:\n      - { table: { columns: [A, B, C, D, E, F, G, H, I], rows: 2 } }\n",
        path: "/sections/0/items/0",
    },
    Fault {
        schema: "checklist",
        what: "unknown checklist key",
        good: "title: C\nsign_off: [mentor]\nsections:\n  - title: S\n    items: [Meet]\n",
        bad: "title: C\nsign-off: [mentor]\nsections:\n  - title: S\n    items: [Meet]\n",
        path: "",
    },
    Fault {
        schema: "book",
        what: "paper: a3",
        good: "title: H\nprint: { paper: letter }\n",
        bad: "title: H\nprint: { paper: a3 }\n",
        path: "/print/paper",
    },
    Fault {
        schema: "book",
        what: "colour \"green\"",
        good: "title: H\ninstitution:\n  colors: { primary: \"#0b5d4b\" }\n",
        bad: "title: H\ninstitution:\n  colors: { primary: green }\n",
        path: "/institution/colors/primary",
    },
    Fault {
        schema: "book",
        what: "unknown book.yaml key",
        good: "title: H\nsubtitle: S\n",
        bad: "title: H\nsubtitel: S\n",
        path: "",
    },
    Fault {
        schema: "book",
        what: "unknown institution key",
        good: "title: H\ninstitution: { name: ECM }\n",
        bad: "title: H\ninstitution: { nmae: ECM }\n",
        path: "/institution",
    },
    Fault {
        schema: "book",
        what: "book.yaml without a title",
        good: "title: H\nsubtitle: S\n",
        bad: "subtitle: S\n",
        path: "",
    },
    Fault {
        schema: "book",
        what: "search: sometimes",
        good: "title: H\nsearch: false\n",
        bad: "title: H\nsearch: sometimes\n",
        path: "/search",
    },
    Fault {
        schema: "sources",
        what: "unknown source key",
        good: "rehman2024:\n  title: Mentoring\n  year: 2024\n",
        bad: "rehman2024:\n  title: Mentoring\n  yeer: 2024\n",
        path: "/rehman2024",
    },
    Fault {
        schema: "sources",
        what: "source without a title",
        good: "rehman2024:\n  title: Mentoring\n  year: 2024\n",
        bad: "rehman2024:\n  year: 2024\n",
        path: "/rehman2024",
    },
];

#[test]
fn the_schemas_reject_shape_faults() {
    let mut failures = Vec::new();
    for fault in FAULTS {
        let validator = validator(fault.schema);
        let good = yaml_to_json("good.yaml", fault.good);
        let bad = yaml_to_json("bad.yaml", fault.bad);
        let good_errors = errors(&validator, &good);
        if !good_errors.is_empty() {
            failures.push(format!(
                "{}: the good file is rejected: {good_errors:?}",
                fault.what
            ));
        }
        let bad_errors: Vec<String> = validator
            .iter_errors(&bad)
            .map(|e| e.instance_path().as_str().to_string())
            .collect();
        if validator.is_valid(&bad) || bad_errors.is_empty() {
            failures.push(format!("{}: accepted {bad}", fault.what));
        } else if !bad_errors.iter().any(|p| p == fault.path) {
            failures.push(format!(
                "{}: errors at {bad_errors:?}, expected one at `{}`",
                fault.what, fault.path
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `handbook new KIND "Title: with colon"` in `root`: the printed path, which must exist.
fn new_file(root: &Path, kind: &str) -> PathBuf {
    let cwd = root.parent().unwrap();
    let out = run(
        &[
            "new",
            kind,
            "Title: with colon",
            "--root",
            root.to_str().unwrap(),
        ],
        cwd,
    );
    assert!(out.status.success(), "new {kind}: {}", stderr(&out));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let printed = stdout.trim();
    assert_eq!(printed.lines().count(), 1, "new {kind} printed {stdout:?}");
    let path = cwd.join(printed);
    assert!(
        path.is_file(),
        "new {kind} printed {printed}, which does not exist"
    );
    assert!(path.starts_with(root.join("content")), "{}", path.display());
    path
}

fn check_passes(root: &Path, what: &str) {
    let (out, diagnostics) = check_json(root, &["--deny-warnings"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{what}: check --deny-warnings fails:\n{diagnostics:#?}\n{}",
        stderr(&out)
    );
    assert!(diagnostics.is_empty(), "{what}: {diagnostics:#?}");
}

/// The new file's title survives the colon, and the file fits its kind's schema.
fn assert_new_file_fits(kind: &str, path: &Path) {
    let shown = path.display().to_string();
    let json = if kind == "checklist" {
        assert_eq!(path.extension().unwrap(), "yaml", "{shown}");
        yaml_to_json(&shown, &read(path))
    } else {
        assert_eq!(path.extension().unwrap(), "md", "{shown}");
        front_matter_json(path)
    };
    assert_eq!(json["title"], "Title: with colon", "{shown}");
    assert_valid(&validator(kind), &json, &shown);
    let stem = path.file_stem().unwrap().to_string_lossy();
    assert!(stem.ends_with("title-with-colon"), "{shown}");
}

#[test]
fn new_files_of_every_kind_pass_check_in_the_bundled_handbook() {
    for kind in ["page", "strategy", "role", "checklist", "scenario"] {
        let (_tmp, root) = bundled();
        // As the repository keeps it: a sample, whose example.org addresses are meant.
        let book = read(&root.join("book.yaml"));
        write(&root, "book.yaml", &format!("sample: true\n{book}"));
        check_passes(&root, "the bundled handbook");
        let path = new_file(&root, kind);
        assert_new_file_fits(kind, &path);
        check_passes(&root, &format!("after new {kind}"));
        if kind == "strategy" {
            assert_eq!(
                path.file_name().unwrap(),
                "13-title-with-colon.md",
                "the thirteenth strategy"
            );
        }
    }
}

#[test]
fn new_files_of_every_kind_pass_check_in_a_handbook_without_sections() {
    for kind in ["page", "strategy", "role", "checklist", "scenario"] {
        let (_tmp, root) = handbook_from(&[("content/index.md", "---\ntitle: Home\n---\nHi.\n")]);
        check_passes(&root, "a minimal handbook");
        let path = new_file(&root, kind);
        assert_new_file_fits(kind, &path);
        check_passes(&root, &format!("after new {kind} in a minimal handbook"));
    }
}

#[test]
fn an_unknown_schema_name_is_a_usage_error() {
    let out = run(&["schema", "--kind", "nonsense"], Path::new("."));
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("book"),
        "the names are listed: {}",
        stderr(&out)
    );
}

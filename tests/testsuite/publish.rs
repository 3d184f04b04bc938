//! Publishing from a committee's repository: `check`'s output for CI platforms
//! (`--format github|gitlab`), shown on the changed lines of a pull or merge request.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::common::{bundled, handbook_from, read, run, stderr};

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

/// A YAML file of a handbook as JSON values (serde-saphyr, as the handbook reads YAML).
fn yaml(path: &Path) -> Value {
    serde_saphyr::from_str(&read(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn init(tmp: &Path, name: &str, extra: &[&str]) -> PathBuf {
    let dir = tmp.join(name);
    let mut args = vec!["init", dir.to_str().unwrap()];
    args.extend_from_slice(extra);
    let out = run(&args, tmp);
    assert!(out.status.success(), "{}", stderr(&out));
    dir
}

/// The steps of a GitHub job, and the one that uses `action` (by its name without version).
fn step<'a>(job: &'a Value, action: &str) -> &'a Value {
    job["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with(&format!("{action}@")))
        })
        .unwrap_or_else(|| panic!("no step uses {action}: {job:#}"))
}

fn runs(job: &Value) -> Vec<String> {
    job["steps"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["run"].as_str().map(str::to_string))
        .collect()
}

/// `init` writes GitHub's workflow by default: it installs the version that wrote it from the
/// given address and caches it, checks out the whole history, checks with annotations, builds
/// with Pages' address, keeps a pull request's site as an artifact and deploys the main branch
/// to GitHub Pages; the weekly link check is there, commented out.
#[test]
fn init_writes_a_github_workflow_that_checks_builds_and_deploys() {
    let tmp = tempfile::tempdir().unwrap();
    let source = "https://git.host.test/org/handbook.git";
    let dir = init(tmp.path(), "gh", &["--handbook-source", source]);
    assert!(!dir.join(".gitlab-ci.yml").exists());
    let path = dir.join(".github/workflows/handbook.yml");
    let workflow = yaml(&path);
    assert_eq!(
        workflow["env"]["HANDBOOK_VERSION"],
        env!("CARGO_PKG_VERSION")
    );
    assert_eq!(workflow["env"]["HANDBOOK_SOURCE"], source);
    assert_eq!(workflow["on"]["push"]["branches"][0], "main");
    assert!(workflow["on"].get("pull_request").is_some(), "{workflow:#}");
    let build = &workflow["jobs"]["build"];
    assert_eq!(step(build, "actions/checkout")["with"]["fetch-depth"], 0);
    let cache = step(build, "actions/cache");
    assert_eq!(cache["with"]["path"], "~/.cargo/bin/handbook");
    assert!(
        cache["with"]["key"]
            .as_str()
            .unwrap()
            .contains("${{ env.HANDBOOK_VERSION }}"),
        "{cache:#}"
    );
    let runs = runs(build);
    let at = |needle: &str| {
        runs.iter()
            .position(|r| r.contains(needle))
            .unwrap_or_else(|| panic!("no step runs {needle}: {runs:#?}"))
    };
    assert!(
        runs[at("cargo install")]
            .contains(r#"--locked --git "$HANDBOOK_SOURCE" --tag "v$HANDBOOK_VERSION" handbook"#)
    );
    assert!(at("cargo install") < at("handbook check --format github"));
    assert!(at("handbook check --format github") < at("handbook build --base-url"));
    let pages_build = build["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["run"].as_str().is_some_and(|r| r.contains("--base-url")))
        .unwrap();
    assert_eq!(
        pages_build["env"]["BASE_URL"],
        "${{ steps.pages.outputs.base_url }}/"
    );
    assert_eq!(step(build, "actions/configure-pages")["id"], "pages");
    let review = step(build, "actions/upload-artifact");
    assert_eq!(review["if"], "github.event_name == 'pull_request'");
    assert_eq!(review["with"]["path"], "public");
    assert_eq!(
        step(build, "actions/upload-pages-artifact")["if"],
        "github.ref == 'refs/heads/main'"
    );
    let deploy = &workflow["jobs"]["deploy"];
    assert_eq!(deploy["if"], "github.ref == 'refs/heads/main'");
    assert_eq!(deploy["needs"], "build");
    assert_eq!(deploy["permissions"]["pages"], "write");
    assert_eq!(deploy["permissions"]["id-token"], "write");
    assert_eq!(deploy["environment"]["name"], "github-pages");
    assert_eq!(step(deploy, "actions/deploy-pages")["id"], "deployment");
    let text = read(&path);
    assert!(text.contains("\n  # schedule:\n"), "{text}");
    assert!(
        text.contains("#     - run: handbook check --external"),
        "{text}"
    );
    // With the address given, the workflow holds no placeholder.
    let out = run(&["check", "--root", "gh", "--format", "json"], tmp.path());
    assert!(!String::from_utf8_lossy(&out.stdout).contains(".github/"));
}

/// `--ci gitlab` writes GitLab's instead: the code-quality report as the check job's artifact,
/// the `pages` job on the default branch publishing `public/`, a merge request's site as an
/// artifact; `--ci none` writes neither.
#[test]
fn init_writes_gitlab_ci_or_nothing_when_asked() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = init(tmp.path(), "gl", &["--ci", "gitlab"]);
    assert!(!dir.join(".github").exists());
    let ci = yaml(&dir.join(".gitlab-ci.yml"));
    assert_eq!(
        ci["variables"]["HANDBOOK_VERSION"],
        env!("CARGO_PKG_VERSION")
    );
    assert_eq!(ci["variables"]["GIT_DEPTH"], "0");
    let install = ci["default"]["before_script"][1].as_str().unwrap();
    assert!(
        install.contains(r#"--git "$HANDBOOK_SOURCE" --tag "v$HANDBOOK_VERSION" handbook"#),
        "{install}"
    );
    assert_eq!(ci["default"]["cache"]["key"], "handbook-$HANDBOOK_VERSION");
    let check = &ci["check"];
    assert_eq!(
        check["script"][0],
        "handbook check --format gitlab > gl-code-quality-report.json"
    );
    assert_eq!(
        check["artifacts"]["reports"]["codequality"],
        "gl-code-quality-report.json"
    );
    assert_eq!(check["artifacts"]["when"], "always");
    let pages = &ci["pages"];
    assert_eq!(
        pages["script"][0],
        "handbook build --base-url \"$CI_PAGES_URL/\""
    );
    assert_eq!(pages["artifacts"]["paths"][0], "public/");
    // Published from the default branch, but not again by the weekly link check's pipeline,
    // which runs neither `check` nor `pages`.
    assert_eq!(
        pages["rules"][0]["if"],
        "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH && $CI_PIPELINE_SOURCE != \"schedule\""
    );
    assert_eq!(
        check["rules"][0]["if"],
        "$CI_PIPELINE_SOURCE == \"schedule\""
    );
    assert_eq!(check["rules"][0]["when"], "never");
    let review = &ci["review"];
    assert_eq!(
        review["rules"][0]["if"],
        "$CI_PIPELINE_SOURCE == \"merge_request_event\""
    );
    assert_eq!(review["artifacts"]["paths"][0], "public/");
    // Without `--handbook-source`, check warns at the placeholder address.
    let out = run(&["check", "--root", "gl", "--format", "github"], tmp.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let line = read(&dir.join(".gitlab-ci.yml"))
        .lines()
        .position(|l| l.starts_with("  HANDBOOK_SOURCE:"))
        .unwrap()
        + 1;
    let expected =
        format!("::warning file=.gitlab-ci.yml,line={line},col=20,title=W-PLACEHOLDER::");
    assert!(stdout(&out).starts_with(&expected), "{}", stdout(&out));

    let dir = init(tmp.path(), "none", &["--ci", "none"]);
    assert!(!dir.join(".github").exists() && !dir.join(".gitlab-ci.yml").exists());
}

/// Runs a workflow's shell command in `root` as the platforms do (bash, stopping at the first
/// failure), with the `handbook` under test first on PATH, and no network where the system
/// can take it away (`unshare -n`, as root).
fn sh(root: &Path, script: &str, env: &[(String, String)]) -> std::process::Output {
    let bin = Path::new(env!("CARGO_BIN_EXE_handbook")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let offline = Command::new("unshare")
        .args(["-n", "true"])
        .output()
        .is_ok_and(|o| o.status.success());
    let mut cmd = if offline {
        let mut c = Command::new("unshare");
        c.args(["-n", "bash"]);
        c
    } else {
        eprintln!("note: unshare -n is not allowed here; the commands run with the network");
        Command::new("bash")
    };
    cmd.args(["--noprofile", "--norc", "-eo", "pipefail", "-c", script])
        .current_dir(root)
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .envs(env.iter().map(|(k, v)| (k, v)));
    cmd.output().expect("bash runs")
}

/// The workflow's variables, for its commands.
fn variables(map: &Value) -> Vec<(String, String)> {
    map.as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
        .collect()
}

/// The generated workflows' own commands, in their order, on the bundled handbook, with no
/// network (the install and deploy steps are not run): GitHub's check, its build for review
/// and its build for Pages; GitLab's check (the report it saves) and its `pages` build.
#[test]
fn the_workflows_check_and_build_commands_run_offline_on_the_bundled_handbook() {
    let (tmp, root) = bundled();
    let workflow = yaml(&root.join(".github/workflows/handbook.yml"));
    let pages_url = "https://committee.github.io/handbook";
    let mut ran = Vec::new();
    for step in workflow["jobs"]["build"]["steps"].as_array().unwrap() {
        let Some(script) = step["run"].as_str() else {
            continue;
        };
        if script.contains("cargo install") {
            continue;
        }
        let mut env = variables(&workflow["env"]);
        if let Some(map) = step.get("env") {
            for (k, v) in variables(map) {
                let v = v.replace("${{ steps.pages.outputs.base_url }}", pages_url);
                assert!(!v.contains("${{"), "{k}: {v}");
                env.push((k, v));
            }
        }
        let out = sh(&root, script, &env);
        assert!(out.status.success(), "{script}: {}", stderr(&out));
        if script.contains("handbook check") {
            let text = stdout(&out);
            assert!(
                text.lines().count() > 0 && text.lines().all(|l| l.starts_with("::warning file=")),
                "{text}"
            );
        }
        ran.push(script.to_string());
    }
    assert_eq!(
        ran,
        [
            "handbook check --format github",
            "handbook build --offline",
            "handbook build --base-url \"$BASE_URL\""
        ]
    );
    let sitemap = read(&root.join("public/sitemap.xml"));
    assert!(
        sitemap.contains("<loc>https://committee.github.io/handbook/glossary/</loc>"),
        "{sitemap}"
    );

    // GitLab's, in the same handbook.
    let gitlab = init(tmp.path(), "gl", &["--ci", "gitlab"]);
    std::fs::copy(gitlab.join(".gitlab-ci.yml"), root.join(".gitlab-ci.yml")).unwrap();
    let ci = yaml(&root.join(".gitlab-ci.yml"));
    let mut env = variables(&ci["variables"]);
    env.push((
        "CI_PAGES_URL".into(),
        "https://committee.gitlab.io/handbook".into(),
    ));
    env.push(("CI_PROJECT_DIR".into(), root.to_str().unwrap().into()));
    for job in ["check", "pages"] {
        for line in ci[job]["script"].as_array().unwrap() {
            let out = sh(&root, line.as_str().unwrap(), &env);
            assert!(out.status.success(), "{line}: {}", stderr(&out));
        }
    }
    let report: Value =
        serde_json::from_str(&read(&root.join("gl-code-quality-report.json"))).unwrap();
    let issues = report.as_array().unwrap();
    assert!(
        !issues.is_empty() && issues.iter().all(|i| i["severity"] == "minor"),
        "{report:#}"
    );
    let sitemap = read(&root.join("public/sitemap.xml"));
    assert!(
        sitemap.contains("<loc>https://committee.gitlab.io/handbook/glossary/</loc>"),
        "{sitemap}"
    );
}

/// The generated files pass actionlint (GitHub) and validate against each platform's schema
/// (check-jsonschema's vendored copies); each tool is skipped with a note when it is not
/// installed, except under CI, which installs both (.ci/run).
#[test]
fn the_workflows_pass_actionlint_and_the_platforms_schemas() {
    let tmp = tempfile::tempdir().unwrap();
    let github = init(tmp.path(), "gh", &[]).join(".github/workflows/handbook.yml");
    let gitlab = init(tmp.path(), "gl", &["--ci", "gitlab"]).join(".gitlab-ci.yml");
    if crate::reader::tool("actionlint/node.cjs", "actionlint").is_some() {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/browser/actionlint.cjs");
        let out = Command::new("node")
            .arg(script)
            .arg(&github)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "actionlint: {}{}",
            stdout(&out),
            stderr(&out)
        );
    }
    let schema_tool = Command::new("check-jsonschema").arg("--version").output();
    if schema_tool.is_ok_and(|o| o.status.success()) {
        for (schema, file) in [
            ("vendor.github-workflows", &github),
            ("vendor.gitlab-ci", &gitlab),
        ] {
            let out = Command::new("check-jsonschema")
                .args(["--builtin-schema", schema])
                .arg(file)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{schema}: {}{}",
                stdout(&out),
                stderr(&out)
            );
        }
    } else {
        assert!(
            std::env::var_os("CI").is_none(),
            "check-jsonschema is missing under CI (see .ci/run)"
        );
        eprintln!("skipping: check-jsonschema is not installed (pip install check-jsonschema)");
    }
}

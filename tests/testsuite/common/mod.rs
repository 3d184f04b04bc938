//! Shared helpers for the integration tests: run the real binary on real handbooks in
//! temporary folders.
#![allow(dead_code)]

pub mod cdp;
pub mod edits;
pub mod server;
pub mod statics;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

pub fn handbook() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_handbook"));
    cmd.env("NO_COLOR", "1");
    cmd
}

pub fn run(args: &[&str], cwd: &Path) -> Output {
    handbook()
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("the binary runs")
}

/// Builds the handbook at `root` into `out` (extra arguments after), and insists it works.
pub fn build_into(root: &Path, out: &Path, extra: &[&str]) {
    let o = build_to(root, out, extra);
    assert!(o.status.success(), "{}", stderr(&o));
}

/// Runs `build` of the handbook at `root` into `out` (extra arguments after), whatever comes.
pub fn build_to(root: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "build",
        "--root",
        root.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    run(&args, root)
}

/// Builds the handbook at `root` with `--offline` (links that open from a folder) into its
/// `public/`, which must succeed.
pub fn build_offline(root: &Path) {
    let out = run(
        &["build", "--root", root.to_str().unwrap(), "--offline"],
        root,
    );
    assert!(out.status.success(), "{}", stderr(&out));
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A fresh copy of the bundled handbook (written by `handbook init`) in a temp folder.
pub fn bundled() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("book");
    let out = run(&["init", root.to_str().unwrap()], tmp.path());
    assert!(out.status.success(), "init failed: {}", stderr(&out));
    // The handbook's PDF is left to its own tests (book_pdf.rs), so the suites stay fast.
    let yaml = std::fs::read_to_string(root.join("book.yaml")).unwrap();
    assert!(
        !yaml.contains("\nprint:"),
        "the bundled book.yaml sets print: adapt this"
    );
    let yaml = format!("{yaml}\nprint: {{ paper: a4, handbook_pdf: false }}\n");
    write(&root, "book.yaml", &yaml);
    (tmp, root)
}

/// Sets `print.paper` in the book.yaml of a handbook made by `bundled`.
pub fn set_paper(root: &Path, paper: &str) {
    let yaml = std::fs::read_to_string(root.join("book.yaml")).unwrap();
    let print = regex::Regex::new(r"(?m)^print: \{ paper: [a-z0-9]+").unwrap();
    assert!(
        print.is_match(&yaml),
        "book.yaml has no print line to change"
    );
    let yaml = print.replace(&yaml, format!("print: {{ paper: {paper}"));
    write(root, "book.yaml", &yaml);
}

/// A handbook from (path, text) pairs; book.yaml defaults to a minimal one.
pub fn handbook_from(files: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("book");
    std::fs::create_dir_all(&root).unwrap();
    if !files.iter().any(|(p, _)| *p == "book.yaml") {
        write(&root, "book.yaml", "title: Test Handbook\n");
    }
    for (path, text) in files {
        write(&root, path, text);
    }
    (tmp, root)
}

/// Writes a file as most editors save: whole, by renaming a scratch file over it, so that a
/// watching `serve` never reads it half-written (on a busy machine the truncation and the
/// write of an in-place save can reach it as two changes).
pub fn write(root: &Path, path: &str, text: &str) {
    let path = root.join(path);
    let dir = path.parent().unwrap();
    std::fs::create_dir_all(dir).unwrap();
    let name = path.file_name().unwrap().to_string_lossy();
    let scratch = dir.join(format!(".{name}.saving.tmp"));
    std::fs::write(&scratch, text).unwrap();
    std::fs::rename(&scratch, &path).unwrap();
}

/// Every file under `dir`, by relative path, with its bytes.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            files.insert(rel, std::fs::read(entry.path()).unwrap());
        }
    }
    files
}

pub fn html_files(dir: &Path) -> Vec<PathBuf> {
    snapshot(dir)
        .keys()
        .filter(|p| p.ends_with(".html"))
        .map(|p| dir.join(p))
        .collect()
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Checks every `href` and `src` of every HTML file under `site`: each internal one must name
/// an existing file (and, with a fragment, an element with that id); no script, image or
/// stylesheet may come from another site. Returns the number of links checked.
pub fn assert_links_resolve(site: &Path, offline: bool) -> usize {
    let attr = regex::Regex::new(r#"<(\w+)([^>]*?)\s(href|src)="([^"]*)""#).unwrap();
    let mut checked = 0;
    let mut problems = Vec::new();
    for file in html_files(site) {
        let html = read(&file);
        for cap in attr.captures_iter(&html) {
            let (tag, attrs, name, url) = (&cap[1], &cap[2], &cap[3], cap[4].to_string());
            if tag == "base" {
                continue;
            }
            let url = url.replace("&amp;", "&");
            let is_external =
                url.starts_with("http://") || url.starts_with("https://") || url.starts_with("//");
            if is_external {
                let fetched = name == "src"
                    || (tag == "link" && attrs.contains("stylesheet"))
                    || (tag == "link"
                        && html[cap.get(0).unwrap().end()..].starts_with(" rel=\"stylesheet"));
                if fetched {
                    problems.push(format!(
                        "{}: fetches {url} from another site",
                        file.display()
                    ));
                }
                continue;
            }
            if url.starts_with("mailto:") || url.starts_with("tel:") {
                continue;
            }
            checked += 1;
            let (path, fragment) = match url.split_once('#') {
                Some((p, f)) => (p.to_string(), Some(f.to_string())),
                None => (url.clone(), None),
            };
            let target = if path.is_empty() {
                file.clone()
            } else {
                let mut t = file.parent().unwrap().join(&path);
                if path.ends_with('/') || t.is_dir() {
                    if offline && name == "href" && tag == "a" {
                        problems.push(format!(
                            "{}: offline link {url} does not name index.html",
                            file.display()
                        ));
                    }
                    t = t.join("index.html");
                }
                t
            };
            let target = normalise(&target);
            if !target.starts_with(normalise(site)) {
                problems.push(format!("{}: {url} leaves the site", file.display()));
                continue;
            }
            if !target.is_file() {
                problems.push(format!(
                    "{}: {url} -> missing {}",
                    file.display(),
                    target.display()
                ));
                continue;
            }
            if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
                let text = read(&target);
                if !text.contains(&format!("id=\"{fragment}\"")) {
                    problems.push(format!(
                        "{}: {url} -> no id {fragment} in {}",
                        file.display(),
                        target.display()
                    ));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} broken links:\n{}",
        problems.len(),
        problems.join("\n")
    );
    checked
}

fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// `handbook check --root ROOT --format json` plus `extra` arguments: the process output and
/// every diagnostic (one JSON object per line of stdout). Panics on a line that is not JSON.
pub fn check_json(root: &Path, extra: &[&str]) -> (Output, Vec<serde_json::Value>) {
    let (out, diagnostics, _) = check_json_within(root, extra, Duration::from_secs(120));
    (out, diagnostics)
}

/// `check_json`, killed (and failing the test) once it has run for `limit`; also returns how
/// long it ran.
pub fn check_json_within(
    root: &Path,
    extra: &[&str],
    limit: Duration,
) -> (Output, Vec<serde_json::Value>, Duration) {
    let mut args = vec![
        "check",
        "--root",
        root.to_str().unwrap(),
        "--format",
        "json",
    ];
    args.extend_from_slice(extra);
    let (out, elapsed) = run_within(&args, root.parent().unwrap_or(root), limit);
    let out = out.unwrap_or_else(|| {
        panic!(
            "`handbook {}` still ran after {limit:?}: killed",
            args.join(" ")
        )
    });
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let diagnostics = stdout
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            serde_json::from_str(l)
                .unwrap_or_else(|e| panic!("not a JSON diagnostic ({e}): {l}\n{}", stderr(&out)))
        })
        .collect();
    (out, diagnostics, elapsed)
}

/// Runs the binary like `run`, but kills it once it has run for `limit` (and then returns
/// `None`), so that a hang fails a test instead of blocking it. Also returns the time taken.
pub fn run_within(args: &[&str], cwd: &Path, limit: Duration) -> (Option<Output>, Duration) {
    use std::io::Read;
    let start = Instant::now();
    let mut child = handbook()
        .args(args)
        .current_dir(cwd)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = stdout.read_to_end(&mut buf);
        buf
    });
    let err_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = stderr.read_to_end(&mut buf);
        buf
    });
    let status = loop {
        if let Some(status) = child.try_wait().expect("the binary can be waited for") {
            break Some(status);
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let elapsed = start.elapsed();
    let stdout = out_reader.join().unwrap();
    let stderr = err_reader.join().unwrap();
    let output = status.map(|status| Output {
        status,
        stdout,
        stderr,
    });
    (output, elapsed)
}

/// Writes raw bytes (for files that are not UTF-8).
pub fn write_bytes(root: &Path, path: &str, bytes: &[u8]) {
    let path = root.join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// Copies the folder `from` to `to`, files and subfolders.
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::create_dir_all(to).unwrap();
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

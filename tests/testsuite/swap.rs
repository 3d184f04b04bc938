//! The output swap survives interruption: whenever a build dies (at the test hooks of
//! src/output/swap.rs, or by `kill -9` at a random moment), `public/` is the old site or the
//! new one, byte for byte, or (two-rename fallback only, killed between the renames) both
//! wait complete beside it for the next run to restore; the next build succeeds and leaves
//! nothing beside `public/`. Concurrent builds into one folder wait for each other.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Output, Stdio};
use std::time::{Duration, Instant};

use crate::common::*;

type Site = BTreeMap<String, Vec<u8>>;

/// How the site is published: by the atomic exchange (where the file system offers it, as
/// the temporary folders of the tests' machines do), or by the forced two-rename fallback.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Publishing {
    Exchange,
    Fallback,
}

const BOTH_WAYS: [Publishing; 2] = [Publishing::Exchange, Publishing::Fallback];

/// A handbook with enough pages that writing the site takes a noticeable part of a build,
/// and the two versions of its home page that the tests build in turn.
struct Book {
    _tmp: tempfile::TempDir,
    root: PathBuf,
    /// The site of each version of the home page, built into another folder.
    sites: &'static [Site; 2],
}

impl Book {
    fn new() -> Book {
        let (tmp, root) = pages();
        Book {
            _tmp: tmp,
            root,
            sites: references(),
        }
    }

    fn public(&self) -> PathBuf {
        self.root.join("public")
    }

    /// Starts `handbook build` on version `version` of the handbook.
    fn start(&self, version: usize, way: Publishing, abort: Option<&str>) -> Child {
        set_version(&self.root, version);
        let mut cmd = handbook();
        cmd.args(["build", "--root", self.root.to_str().unwrap()])
            .current_dir(&self.root)
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        if way == Publishing::Fallback {
            cmd.env("HANDBOOK_TEST_NO_EXCHANGE", "1");
        }
        if let Some(moment) = abort {
            cmd.env("HANDBOOK_TEST_ABORT", moment);
        }
        cmd.spawn().expect("the binary starts")
    }

    fn build(&self, version: usize, way: Publishing, abort: Option<&str>) -> Output {
        self.start(version, way, abort)
            .wait_with_output()
            .expect("the build can be waited for")
    }

    /// A normal build of `version`: it succeeds, `public/` is that version's site, and
    /// nothing is left beside it.
    fn build_cleanly(&self, version: usize, way: Publishing, context: &str) {
        let out = self.build(version, way, None);
        assert!(out.status.success(), "{context}: {}", stderr(&out));
        assert!(
            self.public_is(version),
            "{context}: public/ is not version {version}"
        );
        assert_no_debris(&self.root, context);
    }

    fn timed_clean_build(&self, version: usize, way: Publishing, context: &str) -> Duration {
        let start = Instant::now();
        self.build_cleanly(version, way, context);
        start.elapsed()
    }

    fn public_is(&self, version: usize) -> bool {
        self.public().is_dir() && snapshot(&self.public()) == self.sites[version]
    }

    /// The complete sites waiting beside `public/` (named `.public.ready-…`).
    fn waiting_sites(&self) -> Vec<Site> {
        beside_public(&self.root)
            .into_iter()
            .filter(|name| name.starts_with(".public.ready-"))
            .map(|name| snapshot(&self.root.join(name)))
            .collect()
    }
}

fn pages() -> (tempfile::TempDir, PathBuf) {
    let mut files = vec![(
        "content/guide/_section.md".to_string(),
        "---\ntitle: Guide\n---\n".to_string(),
    )];
    for i in 0..40 {
        files.push((
            format!("content/guide/page-{i:02}.md"),
            format!(
                "---\ntitle: Page {i}\n---\n## Part one\n\n{}\n\n## Part two\n\n{}\n",
                "A mentor meets the mentee every fortnight. ".repeat(30),
                "Notes are kept and shared after each meeting. ".repeat(30)
            ),
        ));
    }
    let pairs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    handbook_from(&pairs)
}

/// The two versions' sites, built once for all the tests here.
fn references() -> &'static [Site; 2] {
    static SITES: std::sync::OnceLock<[Site; 2]> = std::sync::OnceLock::new();
    SITES.get_or_init(|| {
        let (tmp, root) = pages();
        let sites = [0, 1].map(|version| {
            set_version(&root, version);
            let reference = tmp.path().join(format!("reference-{version}"));
            build_into(&root, &reference, &[]);
            snapshot(&reference)
        });
        assert_ne!(sites[0], sites[1]);
        sites
    })
}

fn set_version(root: &Path, version: usize) {
    write(
        root,
        "content/index.md",
        &format!("---\ntitle: Home\n---\nWelcome to version {version} of the handbook.\n"),
    );
}

/// The names in `root` that start with `.public` (the lock file and the swap's folders).
fn beside_public(root: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public"))
        .collect();
    names.sort();
    names
}

fn assert_no_debris(root: &Path, context: &str) {
    let left = beside_public(root);
    assert!(left.is_empty(), "{context}: left beside public/: {left:?}");
}

/// The lines a child writes to `pipe`, as they come.
fn lines_of(pipe: std::process::ChildStderr) -> std::sync::mpsc::Receiver<String> {
    use std::io::BufRead;
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(pipe).lines().map_while(Result::ok) {
            if send.send(line).is_err() {
                break;
            }
        }
    });
    receive
}

fn was_killed(out: &std::process::ExitStatus) -> bool {
    use std::os::unix::process::ExitStatusExt;
    out.signal() == Some(9)
}

#[test]
fn a_build_stopped_at_each_moment_of_the_swap_leaves_a_whole_site() {
    let book = Book::new();
    for way in BOTH_WAYS {
        for moment in ["after-staging", "between-renames", "before-cleanup"] {
            let context = format!("{way:?}, stopped {moment}");
            book.build_cleanly(0, way, &context);
            let out = book.build(1, way, Some(moment));
            if way == Publishing::Exchange && moment == "between-renames" {
                // One rename, no moment between two: the build runs to its end.
                assert!(out.status.success(), "{context}: {}", stderr(&out));
                assert!(book.public_is(1), "{context}");
                continue;
            }
            assert!(was_killed(&out.status), "{context}: {:?}", out.status);
            match moment {
                "after-staging" => assert!(book.public_is(0), "{context}: not the old site"),
                "before-cleanup" => assert!(book.public_is(1), "{context}: not the new site"),
                _ => {
                    assert!(!book.public().exists(), "{context}");
                    assert_eq!(book.waiting_sites(), [book.sites[1].clone()], "{context}");
                    // The next run restores the new site before anything else, even one
                    // that then fails on a content error and writes nothing of its own.
                    write(&book.root, "content/broken.md", "---\ntitle: [\n---\n");
                    let out = book.build(1, way, None);
                    std::fs::remove_file(book.root.join("content/broken.md")).unwrap();
                    assert_eq!(out.status.code(), Some(1), "{context}: {}", stderr(&out));
                    assert!(book.public_is(1), "{context}: the new site is not restored");
                }
            }
            book.build_cleanly(1, way, &format!("{context}, next build"));
        }
    }
}

/// A small deterministic generator (xorshift), so that a failure can be replayed.
struct Moments(u64);

impl Moments {
    fn next(&mut self, limit: Duration) -> Duration {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        limit.mul_f64((self.0 % 10_000) as f64 / 10_000.0)
    }
}

#[test]
fn kill_9_at_twenty_random_moments_never_loses_the_site() {
    let book = Book::new();
    book.build_cleanly(0, Publishing::Exchange, "first build");
    let mut typical = book.timed_clean_build(1, Publishing::Exchange, "timing");
    // Now at version 1. Each kill comes within a little more than the last whole build
    // took (the machine may be busier or quieter than when the test began).
    let mut moments = Moments(0x9e37_79b9_7f4a_7c15);
    let (mut mid_build, mut with_leftovers) = (0, 0);
    for round in 0..20 {
        let way = BOTH_WAYS[round % 2];
        let (old, new) = (1 - round % 2, round % 2);
        let wait = moments.next(typical.mul_f64(1.2));
        let context = format!("round {round} ({way:?}), killed after {wait:?}");
        let mut child = book.start(new, way, None);
        std::thread::sleep(wait);
        if child.try_wait().unwrap().is_none() {
            mid_build += 1;
        }
        let _ = child.kill();
        let out = child.wait_with_output().unwrap();
        if !out.status.success() {
            assert!(was_killed(&out.status), "{context}: {}", stderr(&out));
        }
        if !beside_public(&book.root).is_empty() {
            with_leftovers += 1;
        }
        if book.public().exists() {
            assert!(
                book.public_is(old) || book.public_is(new),
                "{context}: public/ is neither the old nor the new site"
            );
        } else {
            assert_eq!(way, Publishing::Fallback, "{context}: public/ is gone");
            assert_eq!(book.waiting_sites(), [book.sites[new].clone()], "{context}");
        }
        typical = book.timed_clean_build(new, way, &format!("{context}, next build"));
    }
    eprintln!(
        "kill -9: {mid_build} of 20 builds killed while running, {with_leftovers} left something beside public/"
    );
    assert!(mid_build >= 5, "only {mid_build} kills hit a running build");
}

#[test]
fn what_earlier_runs_left_neither_fails_the_build_nor_stays() {
    let book = Book::new();
    book.build_cleanly(0, Publishing::Exchange, "first build");
    // Names an earlier run could have left with the process id the next build will get
    // (ids are reused, in containers especially): the ids just after this one's newest
    // child, and 1. Older versions named folders by the id alone.
    let mut probe = std::process::Command::new("true").spawn().unwrap();
    let next = probe.id();
    probe.wait().unwrap();
    let mut left = Vec::new();
    for pid in (next + 1..next + 40).chain([1]) {
        left.push(format!(".public.staging-{pid}"));
        left.push(format!(".public.old-{pid}"));
        left.push(format!(".public.ready-0000000000000001-{pid}-0"));
    }
    for name in &left {
        write(&book.root.join(name), "index.html", "stale");
    }
    write(&book.root, ".public.trash-42", "a stray file");
    std::fs::write(book.root.join(".public.lock"), "").unwrap();
    book.build_cleanly(1, Publishing::Exchange, "with leftovers");

    // A first build (no public/ yet) stopped once its site is written: the next run
    // publishes that complete site, whatever else lies beside it.
    std::fs::remove_dir_all(book.public()).unwrap();
    write(&book.root.join(".public.staging-7"), "index.html", "half");
    let out = book.build(0, Publishing::Exchange, Some("after-staging"));
    assert!(was_killed(&out.status), "{}", stderr(&out));
    assert!(!book.public().exists());
    book.build_cleanly(0, Publishing::Exchange, "after a stopped first build");
}

#[test]
fn a_build_waits_while_another_process_writes_the_same_folder() {
    let book = Book::new();
    book.build_cleanly(0, Publishing::Exchange, "first build");
    // This test plays the other process: it holds the lock, and has a folder beside
    // public/ that the build must not touch while the lock is held.
    let lock = std::fs::File::create(book.root.join(".public.lock")).unwrap();
    lock.lock().unwrap();
    let live = book.root.join(".public.staging-0000000000000001-1-0");
    write(&live, "index.html", "being written");
    let mut child = book.start(1, Publishing::Exchange, None);
    let lines = lines_of(child.stderr.take().unwrap());
    let deadline = Instant::now() + Duration::from_secs(120);
    let mut said = Vec::new();
    while !said
        .iter()
        .any(|l: &String| l.contains("Waiting for another handbook process"))
    {
        let left = deadline.saturating_duration_since(Instant::now());
        match lines.recv_timeout(left) {
            Ok(line) => said.push(line),
            Err(_) => panic!("the build did not say it waits: {said:?}"),
        }
    }
    // It said so once rendered; now it must wait as long as the lock is held.
    std::thread::sleep(Duration::from_millis(500));
    if let Some(status) = child.try_wait().unwrap() {
        panic!("the build ended ({status}) while the lock was held: {said:?}");
    }
    assert!(
        live.join("index.html").is_file(),
        "a live folder was removed"
    );
    assert!(book.public_is(0), "public/ changed while the lock was held");
    drop(lock);
    let status = child.wait().unwrap();
    said.extend(lines.iter());
    assert!(status.success(), "{said:?}");
    assert!(book.public_is(1));
    assert_no_debris(&book.root, "after the wait");

    // Two real builds at once, each way of publishing: both succeed, one after the other.
    for way in BOTH_WAYS {
        let first = book.start(0, way, None);
        let second = book.start(0, way, None);
        for child in [first, second] {
            let out = child.wait_with_output().unwrap();
            assert!(out.status.success(), "{way:?}: {}", stderr(&out));
        }
        assert!(book.public_is(0), "{way:?}");
        assert_no_debris(&book.root, &format!("{way:?}, two builds"));
        book.build_cleanly(1, way, "after two builds");
    }
}

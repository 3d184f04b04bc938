//! `check --external`: links to other sites, asked of a local server that answers each path
//! its own way (alive, gone, busy once, silent); dead ones are warnings at their places, each
//! address is asked once, answers that worked are cached, and nothing else asks at all.

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::common::{bundled, check_json, handbook_from, read, run, stderr};

/// A request the server was sent: its method, path and when.
#[derive(Debug, Clone)]
struct Request {
    method: String,
    path: String,
    at: Instant,
}

/// A server on 127.0.0.1 that answers `/ok` 200, `/gone` 404, `/busy` 429 with
/// `Retry-After: 1` the first time and 200 after, and `/never` not at all (it takes the
/// connection and keeps it open), and `/slow/…` 200 after 300 ms; it notes every request, and
/// the most `/slow/…` requests it had under way at once.
struct Site {
    base: String,
    requests: Arc<Mutex<Vec<Request>>>,
    slow: Arc<Mutex<(usize, usize)>>,
}

impl Site {
    fn start() -> Site {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let requests = Arc::new(Mutex::new(Vec::new()));
        let slow = Arc::new(Mutex::new((0, 0)));
        let (noted, under_way) = (Arc::clone(&requests), Arc::clone(&slow));
        // Runs until the test binary ends: the silent connections stay open meanwhile.
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (noted, under_way) = (Arc::clone(&noted), Arc::clone(&under_way));
                std::thread::spawn(move || answer(stream, &noted, &under_way));
            }
        });
        Site {
            base,
            requests,
            slow,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn requests(&self, path: &str) -> Vec<Request> {
        let all = self.requests.lock().unwrap();
        all.iter().filter(|r| r.path == path).cloned().collect()
    }

    fn total(&self) -> usize {
        self.requests.lock().unwrap().len()
    }
}

fn answer(mut stream: TcpStream, noted: &Mutex<Vec<Request>>, slow: &Mutex<(usize, usize)>) {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        match stream.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => return,
        }
    }
    let head = String::from_utf8_lossy(&head).into_owned();
    let mut words = head.split_whitespace();
    let method = words.next().unwrap_or_default().to_string();
    let path = words.next().unwrap_or_default().to_string();
    let earlier = {
        let mut all = noted.lock().unwrap();
        let earlier = all.iter().filter(|r| r.path == path).count();
        all.push(Request {
            method,
            path: path.clone(),
            at: Instant::now(),
        });
        earlier
    };
    let status = match (path.as_str(), earlier) {
        ("/never", _) => {
            std::thread::sleep(Duration::from_secs(60));
            return;
        }
        (p, _) if p.starts_with("/slow/") => {
            {
                let mut slow = slow.lock().unwrap();
                slow.0 += 1;
                slow.1 = slow.1.max(slow.0);
            }
            std::thread::sleep(Duration::from_millis(300));
            slow.lock().unwrap().0 -= 1;
            "200 OK"
        }
        ("/ok", _) | ("/busy", 1..) => "200 OK",
        ("/busy", 0) => "429 Too Many Requests\r\nRetry-After: 1",
        _ => "404 Not Found",
    };
    let response = format!("HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    let _ = stream.write_all(response.as_bytes());
}

/// A handbook whose home page links to each of the server's paths, `/gone` twice (once with a
/// fragment, from an image), and whose sources.yaml gives `/gone` as a source's address.
fn handbook_linking_to(site: &Site) -> (tempfile::TempDir, std::path::PathBuf) {
    let page = format!(
        "---\ntitle: Home\n---\n\n\
         Alive: [ok]({}).\n\
         Gone: [gone]({}).\n\
         Busy: [busy]({}).\n\
         Silent: [never]({}).\n\
         Again: ![a lost picture]({}#top), as [@lost] says.\n",
        site.url("/ok"),
        site.url("/gone"),
        site.url("/busy"),
        site.url("/never"),
        site.url("/gone"),
    );
    let sources = format!(
        "lost:\n  title: A lost report\n  url: {}\n",
        site.url("/gone")
    );
    handbook_from(&[
        ("content/index.md", &page),
        ("content/sources.yaml", &sources),
    ])
}

/// `file:line` of each dead-link warning, with the address its message names.
fn dead_links(diagnostics: &[Value]) -> BTreeSet<(String, String)> {
    diagnostics
        .iter()
        .filter(|d| d["code"] == "W-LINK-DEAD")
        .map(|d| {
            let message = d["message"].as_str().unwrap_or_default();
            let path = ["/gone", "/never", "/ok", "/busy"]
                .into_iter()
                .find(|p| message.contains(&format!("{p} ")))
                .unwrap_or("?");
            (
                format!("{}:{}", d["file"].as_str().unwrap(), d["line"]),
                path.to_string(),
            )
        })
        .collect()
}

fn check_external(root: &Path) -> (std::process::Output, Vec<Value>) {
    check_json(root, &["--external", "--external-timeout", "2"])
}

#[test]
fn dead_links_are_warnings_at_their_places_and_live_ones_are_cached() {
    let site = Site::start();
    let (_tmp, root) = handbook_linking_to(&site);
    let (out, diagnostics) = check_external(&root);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let expected: BTreeSet<(String, String)> = [
        ("content/index.md:6", "/gone"),
        ("content/index.md:8", "/never"),
        ("content/index.md:9", "/gone"),
        ("content/sources.yaml:3", "/gone"),
    ]
    .into_iter()
    .map(|(place, path)| (place.to_string(), path.to_string()))
    .collect();
    assert_eq!(dead_links(&diagnostics), expected, "{diagnostics:#?}");
    // Each address once, however many places write it; HEAD is enough where it is answered.
    for path in ["/ok", "/gone", "/never"] {
        let requests = site.requests(path);
        assert_eq!(requests.len(), 1, "{path}: {requests:?}");
        assert_eq!(requests[0].method, "HEAD");
    }
    // The busy server is asked again once, after the second it asked for.
    let busy = site.requests("/busy");
    assert_eq!(busy.len(), 2, "{busy:?}");
    let waited = busy[1].at - busy[0].at;
    assert!(waited >= Duration::from_millis(950), "{waited:?}");

    let cache: Value =
        serde_json::from_str(&read(&root.join(".handbook-links.json"))).expect("the cache is JSON");
    assert_eq!(cache[site.url("/ok")]["status"], 200, "{cache:#}");
    assert_eq!(cache[site.url("/busy")]["status"], 200, "{cache:#}");
    assert_eq!(cache[site.url("/gone")]["status"], 404, "{cache:#}");
    assert!(cache[site.url("/never")]["error"].is_string(), "{cache:#}");

    // Again, in the human format: what answered well is not asked again, failures are.
    let out = run(
        &[
            "check",
            "--root",
            root.to_str().unwrap(),
            "--external",
            "--external-timeout",
            "2",
        ],
        &root,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(
        stderr(&out).contains("Checked 4 external links (2 from cache)."),
        "{}",
        stderr(&out)
    );
    assert_eq!(site.requests("/ok").len(), 1);
    assert_eq!(site.requests("/busy").len(), 2);
    assert_eq!(site.requests("/gone").len(), 2);
    assert_eq!(site.requests("/never").len(), 2);
    // Dead links fail the check where warnings are denied.
    let (out, _) = check_json(
        &root,
        &["--external", "--external-timeout", "2", "--deny-warnings"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
}

/// Plain `check` and `build` never ask another site, nor write the cache; the same handbook
/// checked with `--external` does (so the silence is not the server's).
#[test]
fn check_and_build_without_external_make_no_request() {
    let site = Site::start();
    let (tmp, root) = handbook_linking_to(&site);
    let (out, diagnostics) = check_json(&root, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(dead_links(&diagnostics).is_empty(), "{diagnostics:#?}");
    let out = run(&["build", "--root", root.to_str().unwrap()], tmp.path());
    assert!(out.status.success(), "{}", stderr(&out));
    // Long enough for a request under way to have arrived.
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(site.total(), 0, "{:?}", site.requests.lock().unwrap());
    assert!(!root.join(".handbook-links.json").exists());
    let (out, _) = check_external(&root);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(site.requests("/ok").len(), 1);
}

/// One host is asked at most two things at a time, however many links point to it.
#[test]
fn one_host_is_asked_two_things_at_a_time() {
    let site = Site::start();
    let links: String = (0..6)
        .map(|i| format!("[page {i}]({})\n\n", site.url(&format!("/slow/{i}"))))
        .collect();
    let page = format!("---\ntitle: Home\n---\n\n{links}");
    let (_tmp, root) = handbook_from(&[("content/index.md", &page)]);
    let (out, diagnostics) = check_external(&root);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    assert_eq!(site.total(), 6);
    assert_eq!(
        site.slow.lock().unwrap().1,
        2,
        "the most requests under way at once"
    );
}

/// A damaged cache is a warning, and replaced; the links are checked as if there were none.
#[test]
fn a_damaged_cache_is_a_warning_and_replaced() {
    let site = Site::start();
    let page = format!("---\ntitle: Home\n---\n\n[ok]({}).\n", site.url("/ok"));
    let (_tmp, root) = handbook_from(&[("content/index.md", &page)]);
    std::fs::write(root.join(".handbook-links.json"), "{\"https://a\": [").unwrap();
    let (out, diagnostics) = check_external(&root);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let codes: Vec<&str> = diagnostics
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert_eq!(codes, ["W-LINK-CACHE"], "{diagnostics:#?}");
    assert_eq!(diagnostics[0]["file"], ".handbook-links.json");
    assert_eq!(site.requests("/ok").len(), 1);
    let cache: Value = serde_json::from_str(&read(&root.join(".handbook-links.json"))).unwrap();
    assert_eq!(cache[site.url("/ok")]["status"], 200, "{cache:#}");
}

/// `init` keeps the cache out of git (in a .gitignore of its own, or added to the folder's),
/// and its workflows' weekly job runs the flag.
#[test]
fn init_ignores_the_cache_and_its_workflows_run_the_check() {
    let (_tmp, root) = bundled();
    let ignored = read(&root.join(".gitignore"));
    assert!(
        ignored.lines().any(|l| l == "/.handbook-links.json"),
        "{ignored}"
    );
    let workflow = read(&root.join(".github/workflows/handbook.yml"));
    assert!(
        workflow.contains("#     - run: handbook check --external --format github"),
        "{workflow}"
    );
    let tmp = tempfile::tempdir().unwrap();
    let gitlab = tmp.path().join("gl");
    // A repository made on a forge may have a .gitignore: the lines it lacks are added.
    std::fs::create_dir(&gitlab).unwrap();
    std::fs::write(gitlab.join(".gitignore"), "/public/\nnode_modules").unwrap();
    let out = run(
        &["init", gitlab.to_str().unwrap(), "--ci", "gitlab"],
        tmp.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let workflow = read(&gitlab.join(".gitlab-ci.yml"));
    assert!(
        workflow.contains("#     - handbook check --external"),
        "{workflow}"
    );
    assert_eq!(
        read(&gitlab.join(".gitignore")),
        "/public/\nnode_modules\n# handbook\n/.public.*\n/.handbook-links.json\n"
    );
}

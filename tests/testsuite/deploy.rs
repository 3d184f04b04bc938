//! Published under a path, as on a university web space or a GitHub project's Pages: the
//! bundled handbook built with `--base-url http://127.0.0.1:PORT/handbook/` and served under
//! `/handbook/` by a plain static server that answers a missing file with the site's
//! `404.html`. In Chromium every link and asset resolves, from the pages and from the 404 page
//! asked for at a deep path; canonical links and `sitemap.xml` carry the path.

use std::collections::BTreeSet;
use std::io::{Read, Write};

use serde_json::Value;

use crate::browser::chromium;
use crate::common::statics::serve_under;
use crate::common::*;

/// Every address a page refers to (links, styles, scripts, images, icons, the search index
/// it loads), resolved as the browser resolves it, without fragments.
const REFERENCES: &str = r#"[...new Set([
    ...[...document.querySelectorAll('a[href], link[href]')].map(e => e.href),
    ...[...document.querySelectorAll('script[src], img[src]')].map(e => e.src),
    ...performance.getEntriesByType('resource').map(e => e.name),
].map(u => u.split('#')[0]))]"#;

/// A GET of `url` (an address on the loopback server): its status line's code and body.
fn get(url: &str) -> (u16, Vec<u8>) {
    let rest = url.strip_prefix("http://").expect("an http address");
    let (host, path) = rest.split_once('/').expect("a path");
    let mut stream = std::net::TcpStream::connect(host).expect("the server answers");
    write!(stream, "GET /{path} HTTP/1.1\r\nHost: {host}\r\n\r\n").unwrap();
    // The server keeps the connection open: read the head, then Content-Length bytes.
    let mut answer = Vec::new();
    let mut byte = [0u8; 1];
    while !answer.ends_with(b"\r\n\r\n") {
        stream.read_exact(&mut byte).expect("a whole head");
        answer.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&answer).to_lowercase();
    let code = head.split_whitespace().nth(1).and_then(|c| c.parse().ok());
    let length: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("a Content-Length");
    let mut body = vec![0u8; length];
    stream.read_exact(&mut body).expect("the whole body");
    (code.expect("a status code"), body)
}

/// The addresses `page` refers to on this server, after its scripts have run.
fn references(browser: &mut cdp::Browser, page: &str, base: &str) -> BTreeSet<String> {
    browser.goto(page);
    browser.wait_for("document.readyState === 'complete'", "the page to load");
    let found = browser.eval(REFERENCES);
    let Value::Array(found) = found else {
        panic!("no references read from {page}: {found}")
    };
    let origin = base.trim_end_matches("/handbook/");
    found
        .iter()
        .filter_map(Value::as_str)
        .filter(|url| url.starts_with(origin))
        .map(str::to_string)
        .collect()
}

#[test]
fn a_site_under_a_path_resolves_every_link_and_asset_in_chromium() {
    let Some(chromium) = chromium() else { return };
    let (_tmp, root) = bundled();
    let out = root.join("public");
    let base = serve_under(&out, "/handbook/");
    build_into(&root, &out, &["--base-url", &base]);

    let mut browser = cdp::Browser::start(chromium, 1024);
    let deep = format!("{base}strategies/no-such-page/deeper/");
    let (code, body) = get(&deep);
    assert_eq!(code, 404, "a missing page is a 404");
    assert!(
        String::from_utf8_lossy(&body).contains("<base href=\"/handbook/\""),
        "the 404 page carries the site's path in its <base>"
    );
    let pages = [
        base.clone(),
        format!("{base}strategies/"),
        format!("{base}checklists/first-meeting/"),
        format!("{base}search/"),
        deep.clone(),
    ];
    let mut all = BTreeSet::new();
    for page in &pages {
        let found = references(&mut browser, page, &base);
        assert!(
            found.len() > 10,
            "{page} refers to {} addresses here",
            found.len()
        );
        for url in &found {
            assert!(
                url.starts_with(&base),
                "{page} refers outside the site's path: {url}"
            );
        }
        if page == &deep {
            let styled = browser.eval(
                "getComputedStyle(document.querySelector('.skip-link') || document.body)\
                 .position",
            );
            assert_ne!(
                styled,
                Value::String("static".into()),
                "the 404 page at a deep path has its stylesheet"
            );
        }
        all.extend(found);
    }
    for url in &all {
        let (code, _) = get(url);
        assert_eq!(code, 200, "{url} (referred to from the pages) answers");
    }

    // Canonical links and the sitemap carry the path.
    let canonical = browser_canonical(&mut browser, &format!("{base}strategies/"));
    assert_eq!(canonical, format!("{base}strategies/"));
    let (code, sitemap) = get(&format!("{base}sitemap.xml"));
    assert_eq!(code, 200);
    let sitemap = String::from_utf8(sitemap).unwrap();
    let locs: Vec<&str> = sitemap
        .split("<loc>")
        .skip(1)
        .filter_map(|s| s.split("</loc>").next())
        .collect();
    assert!(
        locs.len() > 40,
        "the sitemap lists the pages: {}",
        locs.len()
    );
    for loc in locs {
        assert!(loc.starts_with(&base), "{loc} is under {base}");
        assert_eq!(get(loc).0, 200, "{loc} (in the sitemap) answers");
    }
}

fn browser_canonical(browser: &mut cdp::Browser, page: &str) -> String {
    browser.goto(page);
    browser.wait_for("document.readyState === 'complete'", "the page to load");
    let href = browser.eval("document.querySelector('link[rel=canonical]').href");
    href.as_str().expect("a canonical link").to_string()
}

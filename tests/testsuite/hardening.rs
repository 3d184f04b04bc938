//! Faults a hostile or careless handbook could smuggle into the published site, each class
//! with its test: raw HTML from editors who are not all trusted, addresses that run scripts,
//! output paths that would overwrite each other, reads outside the handbook.

use crate::common::*;

const RAW_HTML: &str = "---\ntitle: Home\n---\nIntro <span onclick=\"steal()\">inline</span> text.\n\n<div class=\"note\">\nKept <b>bold</b> words.\n<script>alert(1)</script>\n<img src=\"logo.png\" onerror=\"alert(2)\" alt=\"Logo\">\n</div>\n\nAfter <script>alert(3)</script> the block.\n";

#[test]
fn allow_html_false_sanitises_raw_html_and_the_default_keeps_it() {
    let (_tmp, root) = handbook_from(&[("content/index.md", RAW_HTML)]);
    let out = run(&["build", "--root", root.to_str().unwrap()], &root);
    assert!(out.status.success(), "{}", stderr(&out));
    let kept = read(&root.join("public/index.html"));
    assert!(
        kept.contains("<script>alert(1)</script>"),
        "trusted editors' HTML is kept"
    );

    write(
        &root,
        "book.yaml",
        "title: Test Handbook\nallow_html: false\n",
    );
    let out = run(&["build", "--root", root.to_str().unwrap()], &root);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = read(&root.join("public/index.html"));
    let body = html.split("<main").nth(1).unwrap();
    for banned in ["<script>alert", "onclick", "onerror", "steal()"] {
        assert!(!body.contains(banned), "{banned} survived:\n{body}");
    }
    for kept in [
        "Kept <b>bold</b> words.",
        "inline",
        "alt=\"Logo\"",
        "After",
        "the block.",
    ] {
        assert!(body.contains(kept), "{kept} was lost:\n{body}");
    }
    // The print edition renders the same Markdown: the same rule holds there.
    let print = read(&root.join("public/print/handbook/index.html"));
    assert!(!print.contains("<script>alert") && !print.contains("onerror"));
}

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

#[cfg(unix)]
#[test]
fn nothing_outside_the_handbook_is_read_or_written() {
    use std::os::unix::fs::symlink;
    // A theme is a name, never a path.
    let (_tmp, root) = handbook_from(&[("content/index.md", "---\ntitle: Home\n---\nText.\n")]);
    write(&root, "book.yaml", "title: T\ntheme: /usr/lib\n");
    let (out, diagnostics) = check_json(&root, &[]);
    assert!(!out.status.success());
    assert!(
        diagnostics
            .iter()
            .any(|d| d["code"] == "E-THEME" && d["line"] == 2),
        "{diagnostics:?}"
    );

    // Folders linked to a place outside: one report each, and nothing of them published.
    let outside = tempfile::tempdir().unwrap();
    for i in 0..50 {
        write(outside.path(), &format!("deep/file-{i}.css"), "secret");
    }
    write(&root, "book.yaml", "title: T\n");
    symlink(outside.path().join("deep"), root.join("assets")).unwrap();
    symlink(outside.path().join("deep"), root.join("content/linked")).unwrap();
    let (out, diagnostics) = check_json(&root, &[]);
    assert!(!out.status.success());
    let escapes: Vec<&serde_json::Value> = diagnostics
        .iter()
        .filter(|d| d["code"] == "E-SYMLINK-ESCAPE")
        .collect();
    let files: Vec<&str> = escapes
        .iter()
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    assert_eq!(files, ["assets", "content/linked"], "{diagnostics:?}");

    // `init` never writes through a link, dangling or not.
    let target = tempfile::tempdir().unwrap();
    let dir = target.path().join("book");
    std::fs::create_dir_all(dir.join("content")).unwrap();
    symlink(outside.path().join("planted.yaml"), dir.join("book.yaml")).unwrap();
    symlink(outside.path().join("elsewhere"), dir.join("assets")).unwrap();
    let out = run(&["init", dir.to_str().unwrap()], target.path());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("book.yaml"), "{}", stderr(&out));
    assert!(!outside.path().join("planted.yaml").exists());
    assert!(!outside.path().join("elsewhere").exists());
    assert!(
        !dir.join("content/index.md").exists(),
        "nothing was written"
    );
}

/// The front matter of `content/index.md` with one common YAML slip, and what check says.
const YAML_SLIPS: &[(&str, &str, &str)] = &[
    (
        "title: Listen: first",
        "a `: ` inside a value",
        "put it all in quotes (`title: \"Listen: first\"`)",
    ),
    (
        "title: \"Unclosed",
        "a quotation mark is opened but never closed",
        "close the quote",
    ),
    (
        "title: T\n\tsummary: x",
        "a tab character",
        "replace the tab with spaces",
    ),
    (
        "title: *Important*",
        "a value starts with `*`",
        "put the value in quotes",
    ),
    (
        "title: T\ntitle: U",
        "`title` is given twice",
        "keep one `title:` line",
    ),
];

#[test]
fn yaml_slips_are_explained_and_do_not_hide_the_pages_other_faults() {
    for (yaml, message, hint) in YAML_SLIPS {
        let page = format!("---\n{yaml}\n---\nSee [the plan](missing.md) [@nokey].\n");
        let (_tmp, root) = handbook_from(&[("content/index.md", &page)]);
        let (out, diagnostics) = check_json(&root, &[]);
        assert!(!out.status.success());
        let codes: Vec<&str> = diagnostics
            .iter()
            .map(|d| d["code"].as_str().unwrap())
            .collect();
        assert_eq!(
            codes,
            ["E-YAML", "E-LINK", "E-CITATION"],
            "{yaml}: {diagnostics:#?}"
        );
        let yaml_fault = &diagnostics[0];
        assert!(
            yaml_fault["message"].as_str().unwrap().contains(message)
                && yaml_fault["hint"].as_str().unwrap().contains(hint),
            "{yaml}: {yaml_fault}"
        );
    }
}

#[test]
fn a_mistyped_section_kind_is_one_fault_not_one_per_page() {
    let (_tmp, root) = bundled();
    let section = root.join("content/strategies/_section.md");
    let text = read(&section).replace("kind: strategy", "kind: strategys");
    std::fs::write(&section, text).unwrap();
    let (out, diagnostics) = check_json(&root, &[]);
    assert!(!out.status.success());
    let errors: Vec<&serde_json::Value> = diagnostics
        .iter()
        .filter(|d| d["severity"] == "error")
        .collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0]["code"], "E-KIND-UNKNOWN");
    assert!(
        errors[0]["hint"]
            .as_str()
            .unwrap()
            .contains("did you mean `strategy`?")
    );
}

#[test]
fn heading_attributes_publish_an_id_and_classes_only() {
    let page =
        "---\ntitle: Home\n---\n## Hi {#h .note autofocus onfocus=alert(1) tabindex=1}\n\nText.\n";
    for allow_html in ["true", "false"] {
        let (_tmp, root) = handbook_from(&[("content/index.md", page)]);
        write(
            &root,
            "book.yaml",
            &format!("title: T\nallow_html: {allow_html}\n"),
        );
        let out = run(&["build", "--root", root.to_str().unwrap()], &root);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("W-HEADING-ATTRIBUTE"),
            "{}",
            stderr(&out)
        );
        for file in ["public/index.html", "public/print/handbook/index.html"] {
            let html = read(&root.join(file));
            for banned in ["onfocus", "autofocus", "tabindex=\"1\""] {
                assert!(!html.contains(banned), "{file}: {banned} survived");
            }
            assert!(
                html.contains("class=\"note\""),
                "{file}: the class was lost"
            );
        }
    }
}

/// A 2×2 PNG, for SVGs that refer to an image.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x02, 0x08, 0x02, 0x00, 0x00, 0x00, 0xfd, 0xd4, 0x9a,
    0x73, 0x00, 0x00, 0x00, 0x10, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x38, 0xa3, 0xa4, 0x04,
    0x44, 0x0c, 0x10, 0x0a, 0x00, 0x20, 0x76, 0x04, 0x41, 0x84, 0xd8, 0xac, 0xfe, 0x00, 0x00, 0x00,
    0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

/// The image XObjects of a PDF.
fn pdf_images(path: &std::path::Path) -> usize {
    let doc = lopdf::Document::load(path).unwrap();
    doc.objects
        .values()
        .filter(|o| {
            o.as_stream().is_ok_and(|s| {
                s.dict.get(b"Subtype").ok() == Some(&lopdf::Object::Name(b"Image".to_vec()))
            })
        })
        .count()
}

#[test]
fn a_logo_shows_in_pdfs_only_the_files_the_handbook_holds() {
    let checklist =
        "title: First meeting\nsections:\n  - title: Before\n    items: [Agree a time]\n";
    let (tmp, root) = handbook_from(&[
        ("content/index.md", "---\ntitle: Home\n---\nText.\n"),
        (
            "content/checklists/_section.md",
            "---\ntitle: Checklists\nkind: checklist\n---\n",
        ),
        ("content/checklists/first.yaml", checklist),
    ]);
    write(
        &root,
        "book.yaml",
        "title: T\ninstitution:\n  name: U\n  logo: assets/logo.svg\n",
    );
    let outside = tmp.path().join("secret.png");
    std::fs::write(&outside, PNG).unwrap();
    write_bytes(&root, "assets/seal.png", PNG);
    let logo = |href: &str| {
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 2 2\"><image href=\"{href}\" width=\"2\" height=\"2\"/></svg>"
        )
    };
    let images_with = |href: &str| {
        write(&root, "assets/logo.svg", &logo(href));
        // Run from the folder that holds the outside file: usvg's own resolver would find
        // `secret.png` there.
        let out = run(&["build", "--root", root.to_str().unwrap()], tmp.path());
        assert!(out.status.success(), "{href}: {}", stderr(&out));
        pdf_images(&root.join("public/downloads/first.pdf"))
    };
    // The test can see an image: one the handbook holds is drawn.
    assert!(images_with("seal.png") > 0);
    let relative = "../../secret.png";
    for href in [outside.to_str().unwrap(), "secret.png", relative] {
        assert_eq!(images_with(href), 0, "{href} was read into the PDF");
    }
}

#[test]
fn copied_scripts_are_published_only_when_html_is_allowed() {
    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>\n";
    let (_tmp, root) = handbook_from(&[
        ("content/index.md", "---\ntitle: Home\n---\nText.\n"),
        ("content/evil.html", "<script>alert(1)</script>\n"),
        ("assets/evil.svg", svg),
        (
            "assets/plain.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"1\" height=\"1\"/></svg>\n",
        ),
    ]);
    let out = run(&["build", "--root", root.to_str().unwrap()], &root);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        root.join("public/evil.html").exists(),
        "trusted editors' files are published"
    );

    write(&root, "book.yaml", "title: T\nallow_html: false\n");
    let (out, diagnostics) = check_json(&root, &[]);
    assert!(!out.status.success());
    let mut flagged: Vec<&str> = diagnostics
        .iter()
        .filter(|d| d["code"] == "E-FILE-SCRIPT")
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    flagged.sort_unstable();
    assert_eq!(
        flagged,
        ["assets/evil.svg", "content/evil.html"],
        "{diagnostics:?}"
    );
    // A failed build leaves the last good site as it was, and publishes nothing new.
    std::fs::remove_dir_all(root.join("public")).unwrap();
    let out = run(&["build", "--root", root.to_str().unwrap()], &root);
    assert!(!out.status.success());
    assert!(!root.join("public/evil.html").exists());
}

/// The values of every `id` attribute of `html`, in order.
fn ids_in(html: &str) -> Vec<&str> {
    html.split(" id=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap())
        .collect()
}

/// The ids that stand in `ids` more than once (each repeat listed).
fn repeated<'a>(ids: &[&'a str]) -> Vec<&'a str> {
    let mut seen = std::collections::HashSet::new();
    ids.iter().copied().filter(|id| !seen.insert(*id)).collect()
}

#[test]
fn headings_named_like_the_themes_elements_leave_every_id_unique() {
    let page = "---\ntitle: Guide\n---\n## Main\n\nText.\n\n## Sidebar\n\nMore.\n\n## Search input\n\nEnd.\n";
    let (_tmp, root) = handbook_from(&[
        (
            "content/index.md",
            "---\ntitle: Home\n---\nSee [the guide](guide.md#main-1).\n",
        ),
        ("content/guide.md", page),
    ]);
    let out = run(&["build", "--root", root.to_str().unwrap()], &root);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = read(&root.join("public/guide/index.html"));
    let ids = ids_in(&html);
    assert!(repeated(&ids).is_empty(), "ids repeat: {ids:?}");
    for id in ["main", "sidebar", "main-1", "sidebar-1", "search-input-1"] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
}

/// Ids the theme makes from other names: a reference list's `ref-KEY` and a checklist's
/// `tick-`, `entry-` and `note-` ids. A heading whose slug would be one of them is moved aside
/// (`section-ref-…`), an explicit `{#ref-…}` is an error at its place, and checklist items,
/// sections and record fields that would share an id are errors at the item.
#[test]
fn ids_the_theme_makes_from_names_never_repeat_on_a_page() {
    let sources = "s1:\n  authors: [A. Author]\n  title: A paper\n  year: 2024\n";
    let page = "---\ntitle: Guide\n---\n## Ref s1\n\nText [@s1].\n";
    let (_tmp, root) = handbook_from(&[
        (
            "content/index.md",
            "---\ntitle: Home\n---\nSee [it](guide.md#section-ref-s1).\n",
        ),
        ("content/guide.md", page),
        ("content/sources.yaml", sources),
    ]);
    let out = run(&["build", "--root", root.to_str().unwrap()], &root);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = read(&root.join("public/guide/index.html"));
    let ids = ids_in(&html);
    assert!(repeated(&ids).is_empty(), "ids repeat: {ids:?}");
    for id in ["ref-s1", "section-ref-s1"] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }

    let checklist = "title: Pairing\nrecord: [mentor]\nsections:\n  - title: Goals\n    items:\n      - Agree goals\n      - { text: Other, id: goals }\n      - { text: Two, id: tick-agree-goals }\n      - { field: Name, id: record-mentor }\n";
    let (_tmp, root) = handbook_from(&[
        ("content/index.md", "---\ntitle: Home\n---\nWelcome.\n"),
        (
            "content/guide.md",
            "---\ntitle: Guide\n---\n## Notes {#ref-x}\n\nText.\n",
        ),
        (
            "content/checklists/_section.md",
            "---\ntitle: Checklists\nkind: checklist\n---\n",
        ),
        ("content/checklists/pairing.yaml", checklist),
    ]);
    let (out, diagnostics) = check_json(&root, &[]);
    assert!(!out.status.success());
    let at = |code: &str| -> Vec<String> {
        diagnostics
            .iter()
            .filter(|d| d["code"] == code)
            .map(|d| format!("{}:{}", d["file"].as_str().unwrap(), d["line"]))
            .collect()
    };
    assert_eq!(
        at("E-ID-RESERVED"),
        ["content/guide.md:4"],
        "{diagnostics:?}"
    );
    assert_eq!(
        at("E-CHECKLIST-ID"),
        [
            "content/checklists/pairing.yaml:7",
            "content/checklists/pairing.yaml:8",
            "content/checklists/pairing.yaml:9"
        ],
        "{diagnostics:?}"
    );
}

#[test]
fn every_id_in_the_print_edition_is_unique_and_links_find_their_chapter() {
    let page = |title: &str| format!("---\ntitle: {title}\n---\n## Duties\n\nText [@s1].\n");
    let (_tmp, root) = handbook_from(&[
        (
            "content/index.md",
            "---\ntitle: Home\n---\nSee [b-c](a/b-c.md#duties) and [c](a-b/c.md#duties).\n\n## Duties\n\nAt home.\n",
        ),
        ("content/a/_section.md", "---\ntitle: A\n---\n"),
        ("content/a/b-c.md", &page("B-C")),
        ("content/a-b/_section.md", "---\ntitle: A-B\n---\n"),
        ("content/a-b/c.md", &page("C")),
        ("content/home.md", &page("Another home")),
        ("content/sources.yaml", "s1:\n  title: A study\n"),
    ]);
    let out = run(&["build", "--root", root.to_str().unwrap()], &root);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = read(&root.join("public/print/handbook/index.html"));
    let ids = ids_in(&html);
    let repeated = repeated(&ids);
    assert!(repeated.is_empty(), "ids repeat: {repeated:?}");
    // Each link inside the document lands on an id it has.
    for href in html
        .split("href=\"#")
        .skip(1)
        .map(|r| r.split('"').next().unwrap())
    {
        assert!(ids.contains(&href), "#{href} has no target");
    }
}

#[test]
fn a_file_name_saved_decomposed_gets_the_composed_address() {
    let (_tmp, root) = handbook_from(&[
        (
            "content/index.md",
            "---\ntitle: Home\n---\nSee [the café](cafe\u{301}.md).\n",
        ),
        ("content/cafe\u{301}.md", "---\ntitle: Café\n---\nText.\n"),
    ]);
    let out = run(&["build", "--root", root.to_str().unwrap()], &root);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(root.join("public/caf\u{e9}/index.html").exists());
    assert!(!root.join("public/cafe/index.html").exists());
}

#[test]
fn control_characters_never_reach_a_page() {
    let (_tmp, root) = handbook_from(&[
        (
            "content/index.md",
            "---\ntitle: Home\n---\nSee the guide.\n",
        ),
        (
            "content/guide.md",
            "---\ntitle: Gui\u{7}de\u{0}\n---\nA bell\u{7} and an escape\u{1b}[31m.\n",
        ),
    ]);
    let out = run(&["build", "--root", root.to_str().unwrap()], &root);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("W-CONTROL-CHARACTER"));
    for page in html_files(&root.join("public")) {
        let html = read(&page);
        let bad = html
            .chars()
            .find(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'));
        assert!(bad.is_none(), "{}: {bad:?}", page.display());
    }
}

/// An unclosed right-to-left override in a title would reverse whatever follows it on the
/// same line (breadcrumbs, the window title, search results, print contents): every YAML text
/// is closed at its end, so each override on every output has its pop.
#[test]
fn a_title_never_leaves_a_bidirectional_override_open() {
    let (_tmp, root) = handbook_from(&[
        ("book.yaml", "title: \"Book \\u2067open\"\n"),
        ("content/index.md", "---\ntitle: Home\n---\nWelcome.\n"),
        (
            "content/guide.md",
            "---\ntitle: \"Guide \\u202Eevil\"\nsummary: \"A \\u202Bsummary\"\n---\nText.\n",
        ),
    ]);
    let out = run(&["build", "--root", root.to_str().unwrap()], &root);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut checked = 0;
    for (path, bytes) in snapshot(&root.join("public")) {
        let Ok(text) = String::from_utf8(bytes) else {
            continue;
        };
        let count = |c: char| text.matches(c).count();
        let opened = count('\u{202E}') + count('\u{202B}');
        assert_eq!(opened, count('\u{202C}'), "{path}");
        assert_eq!(count('\u{2067}'), count('\u{2069}'), "{path}");
        checked += usize::from(opened > 0);
    }
    assert!(checked >= 3, "the title is shown on several outputs");
}

/// Footnote ids come from their numbers, never from their labels: `[^main]` cannot take the
/// theme's `main`, a heading "Fn 1" moves aside, and two pages' `[^1]` stay apart in the
/// print edition.
#[test]
fn footnotes_take_no_id_of_the_theme_a_heading_or_another_page() {
    let page = "---\ntitle: Guide\n---\n## Fn 1\n\nText[^main] and[^1], again[^1].\n\n[^main]: A note.\n[^1]: Another.\n";
    let other = "---\ntitle: Other\n---\nMore[^1].\n\n[^1]: Its own note.\n";
    let (_tmp, root) = handbook_from(&[
        ("content/index.md", "---\ntitle: Home\n---\nWelcome.\n"),
        ("content/guide.md", page),
        ("content/other.md", other),
    ]);
    let out = run(&["build", "--root", root.to_str().unwrap()], &root);
    assert!(out.status.success(), "{}", stderr(&out));
    for path in [
        "public/guide/index.html",
        "public/print/handbook/index.html",
    ] {
        let html = read(&root.join(path));
        let ids = ids_in(&html);
        assert!(repeated(&ids).is_empty(), "{path}: ids repeat: {ids:?}");
    }
    let html = read(&root.join("public/guide/index.html"));
    let ids = ids_in(&html);
    for id in ["fn-1", "fn-2", "fnref-1", "fnref-2", "section-fn-1"] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    assert!(html.contains("<a href=\"#fn-2\">2</a>"), "{html}");
}

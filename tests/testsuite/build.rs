//! `handbook build` on the bundled handbook: the site is complete, every link resolves, every
//! page carries the frame SPEC promises, and builds are deterministic.

use std::process::Command;

use crate::common::*;

#[test]
fn builds_one_page_per_content_file_with_every_link_resolving() {
    let (_tmp, root) = bundled();
    let out = run(&["build", "--root", root.to_str().unwrap()], &root);
    assert!(out.status.success(), "{}", stderr(&out));
    let site = root.join("public");
    assert!(site.join("index.html").is_file());
    // One page per content file (Markdown and checklist YAML), at its pretty URL.
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(root.join("content")) {
        let entry = entry.unwrap();
        let rel = entry
            .path()
            .strip_prefix(root.join("content"))
            .unwrap()
            .to_string_lossy()
            .to_string();
        let name = entry.file_name().to_string_lossy().to_string();
        if !(name.ends_with(".md") || name.ends_with(".yaml"))
            || name == "_section.md"
            || name == "sources.yaml"
        {
            continue;
        }
        pages += 1;
        let stem = name.rsplit_once('.').unwrap().0;
        let slug = stem
            .split_once('-')
            .filter(|(n, _)| n.chars().all(|c| c.is_ascii_digit()))
            .map_or(stem, |(_, s)| s);
        let page = match rel.rsplit_once('/') {
            _ if rel == "index.md" => site.join("index.html"),
            Some((dir, _)) => site.join(dir).join(slug).join("index.html"),
            None => site.join(slug).join("index.html"),
        };
        assert!(page.is_file(), "no page for {rel} at {}", page.display());
    }
    assert!(pages > 50, "the bundled handbook has {pages} pages");
    assert!(site.join("sources/index.html").is_file());
    assert!(site.join("404.html").is_file());
    assert!(
        site.join("sitemap.xml").is_file(),
        "book.yaml has an absolute base_url"
    );
    let checked = assert_links_resolve(&site, false);
    assert!(checked > 1000, "only {checked} links checked");
}

#[test]
fn offline_and_sub_path_builds_also_resolve() {
    let (tmp, root) = bundled();
    let offline = tmp.path().join("offline");
    let out = run(
        &[
            "build",
            "--root",
            root.to_str().unwrap(),
            "--out",
            offline.to_str().unwrap(),
            "--offline",
        ],
        tmp.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_links_resolve(&offline, true);
    assert!(read(&offline.join("index.html")).contains("href=\"strategies/index.html\""));
    assert!(
        !read(&offline.join("404.html")).contains("<base"),
        "no <base> when opened from a folder"
    );

    let sub = tmp.path().join("sub");
    let out = run(
        &[
            "build",
            "--root",
            root.to_str().unwrap(),
            "--out",
            sub.to_str().unwrap(),
            "--base-url",
            "/sub/path/",
        ],
        tmp.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_links_resolve(&sub, false);
    assert!(
        !sub.join("sitemap.xml").exists(),
        "no sitemap without an absolute base URL"
    );
    assert!(!read(&sub.join("index.html")).contains("rel=\"canonical\""));
    assert!(
        read(&sub.join("404.html")).contains("<base href=\"/sub/path/\">"),
        "404 works at any depth under the prefix"
    );
}

#[test]
fn every_page_has_navigation_breadcrumbs_footer_and_language() {
    let (_tmp, root) = bundled();
    let out = run(&["build", "--root", root.to_str().unwrap()], &root);
    assert!(out.status.success(), "{}", stderr(&out));
    let site = root.join("public");
    for file in html_files(&site) {
        let html = read(&file);
        let name = file
            .strip_prefix(&site)
            .unwrap()
            .to_string_lossy()
            .to_string();
        assert!(
            html.contains("<html lang=\"en\" dir=\"ltr\">"),
            "{name}: lang/dir"
        );
        if name.starts_with("print/") {
            // Print editions: no navigation chrome, a way back, and the running head.
            assert!(!html.contains("class=\"sidebar\""), "{name}: no sidebar");
            assert!(html.contains("Back to the handbook"), "{name}: a way back");
            assert!(html.contains("@top-left"), "{name}: running head");
            continue;
        }
        assert!(html.contains("class=\"sidebar\""), "{name}: sidebar");
        assert!(html.contains("href=\"#main\""), "{name}: skip link");
        assert!(
            html.contains("Example College of Medicine"),
            "{name}: institution"
        );
        assert!(
            html.contains("mailto:mentoring@example.org"),
            "{name}: contact"
        );
        assert!(html.contains("Edition 2026"), "{name}: edition");
        assert!(
            html.contains("datetime=\"2026-11-01\""),
            "{name}: review date"
        );
        assert!(
            html.contains(">Sources</a>") && html.contains(">Editors' guide</a>"),
            "{name}: footer links"
        );
        if name != "index.html" && name != "404.html" {
            assert!(
                html.contains("aria-label=\"Breadcrumb\""),
                "{name}: breadcrumbs"
            );
        }
        // The sidebar names every section but lists only the current section's pages.
        assert!(
            html.matches("class=\"nav-pages\"").count() <= 1,
            "{name}: whole book inlined"
        );
    }
    // Previous/next follow the reading order.
    let trust = read(&site.join("strategies/build-trust/index.html"));
    assert!(
        trust.contains("rel=\"prev\" href=\"../recognise-gender-as-a-social-construct/\""),
        "prev link"
    );
}

#[test]
fn citations_are_numbered_links_and_sources_list_back_links() {
    let (_tmp, root) = bundled();
    write(
        &root,
        "content/citing.md",
        "---\ntitle: Citing\nweight: 99\n---\nFirst [@rehman2025], then [@rehman2024] and again [@rehman2025].\n",
    );
    let out = run(&["build", "--root", root.to_str().unwrap()], &root);
    assert!(out.status.success(), "{}", stderr(&out));
    let site = root.join("public");
    let html = read(&site.join("citing/index.html"));
    assert!(
        html.contains("<a href=\"#ref-rehman2025\" aria-label=\"source 1\">1</a>"),
        "{html}"
    );
    assert!(html.contains("<a href=\"#ref-rehman2024\" aria-label=\"source 2\">2</a>"));
    assert_eq!(
        html.matches("aria-label=\"source 1\"").count(),
        2,
        "a repeated key keeps its number"
    );
    assert!(html.contains("<li id=\"ref-rehman2025\" value=\"1\">"));
    let sources = read(&site.join("sources/index.html"));
    let sources_yaml = read(&root.join("content/sources.yaml"));
    for key in sources_yaml
        .lines()
        .filter(|l| !l.starts_with([' ', '#']) && l.ends_with(':'))
    {
        let key = key.trim_end_matches(':');
        assert!(
            sources.contains(&format!("id=\"src-{key}\"")),
            "sources page lists {key}"
        );
    }
    let entry = sources
        .split("id=\"src-rehman2025\"")
        .nth(1)
        .unwrap()
        .split("id=\"src-")
        .next()
        .unwrap();
    assert!(
        entry.contains("href=\"../citing/\""),
        "back-link to the citing page"
    );
}

#[test]
fn two_builds_are_byte_identical() {
    let (tmp, root) = bundled();
    let a = tmp.path().join("a");
    let b = tmp.path().join("b");
    for out in [&a, &b] {
        let o = run(
            &[
                "build",
                "--root",
                root.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
            ],
            tmp.path(),
        );
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let (sa, sb) = (snapshot(&a), snapshot(&b));
    assert_eq!(sa.keys().collect::<Vec<_>>(), sb.keys().collect::<Vec<_>>());
    for (path, bytes) in &sa {
        assert!(bytes == &sb[path], "{path} differs between builds");
    }
}

#[test]
fn init_then_build_works_from_the_binary_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("new");
    let out = run(
        &[
            "init",
            dir.to_str().unwrap(),
            "--institution",
            "Riverside Health Sciences University",
        ],
        tmp.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        read(&dir.join("book.yaml")).contains("name: \"Riverside Health Sciences University\"")
    );
    let out = run(&["build", "--root", dir.to_str().unwrap()], tmp.path());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(read(&dir.join("public/index.html")).contains("Riverside Health Sciences University"));

    // init refuses to overwrite, and writes nothing.
    let before = snapshot(&dir.join("content"));
    let out = run(&["init", dir.to_str().unwrap()], tmp.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("already holds files"),
        "{}",
        stderr(&out)
    );
    assert_eq!(before, snapshot(&dir.join("content")));
}

/// A local template replaces the theme's, and gets the whole context: the default theme
/// prints the sidebar written (`nav_html`) and its context leaves `nav` out, but a template
/// that loops over `nav` gets every entry.
#[test]
fn a_local_template_overrides_the_theme() {
    let (_tmp, root) = bundled();
    write(
        &root,
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}<p class=\"custom\">Custom: {{ page.title }}</p><ol class=\"mine\">{% for item in nav %}<li>{{ item.title }}{% if item.current %} (here){% endif %}</li>{% endfor %}</ol>{% endblock content %}",
    );
    let out = run(&["build", "--root", root.to_str().unwrap()], &root);
    assert!(out.status.success(), "{}", stderr(&out));
    let glossary = read(&root.join("public/glossary/index.html"));
    assert!(
        glossary.contains("<p class=\"custom\">Custom: Glossary</p>"),
        "{glossary}"
    );
    let mine = glossary
        .split("<ol class=\"mine\">")
        .nth(1)
        .and_then(|rest| rest.split("</ol>").next())
        .unwrap_or_else(|| panic!("no list of nav entries: {glossary}"));
    assert!(mine.starts_with("<li>Home</li>"), "{mine}");
    assert!(mine.contains("<li>The twelve strategies</li>"), "{mine}");
    assert!(mine.contains("<li>Glossary (here)</li>"), "{mine}");
    // The sidebar the theme writes is there as before.
    assert!(glossary.contains("<ul class=\"nav-list\">\n<li><a href=\"../\">Home</a></li>"));
    let strategy = read(&root.join("public/strategies/build-trust/index.html"));
    assert!(
        !strategy.contains("class=\"custom\""),
        "other kinds keep their template"
    );
}

/// The template contract: `nav` is left out of the context only for the default theme's own
/// templates, which never read it. A template of the handbook's own is given `nav`; a copy
/// of the default base template, given it, makes the very same site.
#[test]
fn the_default_templates_make_the_same_site_when_given_nav() {
    let (_tmp, root) = bundled();
    let out = run(&["build", "--root", root.to_str().unwrap()], &root);
    assert!(out.status.success(), "{}", stderr(&out));
    let without = snapshot(&root.join("public"));
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let base = read(&manifest.join("themes/default/templates/base.html"));
    write(
        &root,
        "templates/base.html",
        &format!("{base}{{# a copy #}}"),
    );
    let out = run(&["build", "--root", root.to_str().unwrap()], &root);
    assert!(out.status.success(), "{}", stderr(&out));
    let with = snapshot(&root.join("public"));
    assert_eq!(without.len(), with.len());
    for (path, bytes) in &without {
        assert!(with.get(path) == Some(bytes), "{path} differs");
    }
}

#[test]
fn checklist_rules_and_field_heights_reach_the_page() {
    let (_tmp, root) = handbook_from(&[
        (
            "book.yaml",
            "title: T\nrules:\n  weeks: 4–6\n  pattern: quarterly\n  who: the chair\n",
        ),
        ("content/index.md", "---\ntitle: Home\n---\nHello.\n"),
        (
            "content/checklists/_section.md",
            "---\ntitle: Checklists\nkind: checklist\n---\n",
        ),
        (
            "content/checklists/review.yaml",
            "title: Review\nwhen: \"After {{ rules.weeks }} weeks\"\nsections:\n  - title: S\n    items:\n      - { field: \"Meetings ({{ rules.pattern }})\", lines: 3 }\n      - { field: Next date }\n      - { table: { columns: [Goal, \"Told {{ rules.who }}\"], rows: 2 }, id: goals }\n",
        ),
    ]);
    let out = run(&["build", "--root", root.to_str().unwrap()], &root);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = read(&root.join("public/checklists/review/index.html"));
    for shown in ["After 4–6 weeks", "Meetings (quarterly)", "Told the chair"] {
        assert!(page.contains(shown), "{shown} missing:\n{page}");
    }
    assert!(!page.contains("{{"), "a rule left as written:\n{page}");
    // A field of several lines is a text area; its entry keeps the key an input would have.
    assert!(
        page.contains("<textarea id=\"entry-meetings-rules-pattern\" data-entry=\"field:meetings-rules-pattern\" rows=\"3\""),
        "{page}"
    );
    assert!(
        page.contains("<input type=\"text\" id=\"entry-next-date\" data-entry=\"field:next-date\""),
        "{page}"
    );
}

#[test]
fn usage_errors_exit_with_two_and_help_reads_well() {
    let tmp = tempfile::tempdir().unwrap();
    let out = run(&["build", "--no-such-flag"], tmp.path());
    assert_eq!(out.status.code(), Some(2));
    let help = run(&["--help"], tmp.path());
    assert!(help.status.success());
    let text = String::from_utf8_lossy(&help.stdout);
    for word in ["init", "build", "--root", "--quiet", "--verbose"] {
        assert!(text.contains(word), "help mentions {word}");
    }
    let version = run(&["--version"], tmp.path());
    assert!(String::from_utf8_lossy(&version.stdout).starts_with("handbook "));
}

#[test]
fn images_beside_pages_and_in_assets_are_copied_and_linked() {
    let (tmp, root) = handbook_from(&[
        (
            "content/index.md",
            "---\ntitle: Home\n---\n![The team](team.svg)\n\nSee [pairing](pairing/flow.md).\n",
        ),
        ("content/pairing/_section.md", "---\ntitle: Pairing\n---\n"),
        (
            "content/pairing/flow.md",
            "---\ntitle: Flow\n---\n![Pool, choice, consent](diagram.svg)\n\n![Logo](../../assets/logo.svg)\n",
        ),
        (
            "content/team.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        ),
        (
            "content/pairing/diagram.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        ),
        (
            "assets/logo.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        ),
    ]);
    let out = run(&["build", "--root", root.to_str().unwrap()], tmp.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let site = root.join("public");
    assert!(site.join("pairing/diagram.svg").is_file() && site.join("team.svg").is_file());
    let flow = read(&site.join("pairing/flow/index.html"));
    assert!(flow.contains("src=\"../diagram.svg\""), "{flow}");
    assert!(flow.contains("src=\"../../assets/logo.svg\""), "{flow}");
    assert_links_resolve(&site, false);
}

#[test]
fn a_long_build_shows_progress_on_a_terminal_and_never_when_piped() {
    if Command::new("script").arg("--version").output().is_err() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI needs `script` (util-linux)"
        );
        return;
    }
    let (_tmp, root) = handbook_from(&[("content/index.md", "---\ntitle: Home\n---\nHome.\n")]);
    for p in 0..40 {
        let page = format!("---\ntitle: Page {p}\n---\n## Part\n\nText.\n");
        write(&root, &format!("content/p{p}.md"), &page);
    }
    // However fast the machine, the build counts as long: the bar is due at once.
    let after = "HANDBOOK_TEST_PROGRESS_AFTER_MS=0";
    // `script` gives the build a terminal; what it draws is kept in the transcript.
    let command = format!(
        "{after} {} build --root {}",
        env!("CARGO_BIN_EXE_handbook"),
        root.display()
    );
    let shown = Command::new("script")
        .args(["-q", "-c", &command, "/dev/null"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&shown.stdout);
    assert!(shown.status.success(), "{text}");
    assert!(
        text.contains("Rendering") && text.contains("files"),
        "{text}"
    );
    std::fs::remove_dir_all(root.join("public")).unwrap();
    let piped = handbook()
        .args(["build", "--root", root.to_str().unwrap()])
        .env("HANDBOOK_TEST_PROGRESS_AFTER_MS", "0")
        .output()
        .unwrap();
    assert!(piped.status.success());
    assert!(!stderr(&piped).contains("Rendering"), "{}", stderr(&piped));
}

/// A print part or a print edition's frame whose template fails: the build reports the
/// template and ends (the parts being made meanwhile are dropped, nothing waits for them), and
/// the site of the last build stays as it was.
#[test]
fn a_failing_print_template_ends_the_build_and_keeps_the_last_site() {
    let (_tmp, root) = bundled();
    let args = ["build", "--root", root.to_str().unwrap()];
    let out = run(&args, &root);
    assert!(out.status.success(), "{}", stderr(&out));
    let before = snapshot(&root.join("public"));
    let part = "<section>{% if page.title == \"Glossary\" %}{{ page.no_such_field.x }}{% endif %}{{ page.title }}</section>";
    for (template, text) in [
        ("templates/partials/print-part.html", part),
        (
            "templates/print-handbook.html",
            "{% extends \"print-base.html\" %}{% block content %}{{ no_such_value.x }}{% endblock content %}",
        ),
    ] {
        write(&root, template, text);
        let (out, _) = run_within(&args, &root, std::time::Duration::from_secs(60));
        let out = out.unwrap_or_else(|| panic!("the build with a failing {template} hangs"));
        let name = template.rsplit('/').next().unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        assert!(stderr(&out).contains(name), "{}", stderr(&out));
        assert_eq!(before, snapshot(&root.join("public")), "{template}");
        std::fs::remove_file(root.join(template)).unwrap();
    }
}

#[test]
fn a_theme_without_the_newer_templates_is_given_the_default_themes() {
    let (tmp, root) = bundled();
    let default_site = tmp.path().join("default-site");
    build_into(&root, &default_site, &[]);
    // A theme of the handbook's own, made before the search page and the print editions.
    let theme = root.join("themes/old");
    let from = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    copy_dir(&from, &theme);
    let lacking = [
        "search.html",
        "print-handbook.html",
        "print-checklists.html",
        "partials/print-part.html",
    ];
    for template in lacking {
        std::fs::remove_file(theme.join("templates").join(template)).unwrap();
    }
    let book = read(&root.join("book.yaml"))
        .replace("output_dir: public", "output_dir: public\ntheme: old");
    write(&root, "book.yaml", &book);
    let old_site = tmp.path().join("old-site");
    build_into(&root, &old_site, &[]);
    let (default_files, old_files) = (snapshot(&default_site), snapshot(&old_site));
    assert_eq!(
        default_files.keys().collect::<Vec<_>>(),
        old_files.keys().collect::<Vec<_>>()
    );
    assert!(
        default_files == old_files,
        "the same templates make the same site"
    );
    let out = run(
        &["check", "--verbose", "--root", root.to_str().unwrap()],
        &root,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), stderr(&out));
    for template in lacking {
        assert!(
            said.contains(&format!(
                "the theme has no {template}; the default theme's is used"
            )),
            "{template}: {said}"
        );
    }
}

/// Dates are written for people, by one formatter, where readers see them: the footer of
/// every page and the print edition's cover (`reviewed: 2026-11-01` is "1 November 2026",
/// with the ISO date kept for machines).
#[test]
fn the_review_date_is_written_out_in_the_footer_and_on_the_cover() {
    let (_tmp, root) = handbook_from(&[
        ("book.yaml", "title: T\nreviewed: 2026-11-01\n"),
        ("content/index.md", "---\ntitle: Home\n---\nWelcome.\n"),
    ]);
    let out = run(&["build", "--root", root.to_str().unwrap()], &root);
    assert!(out.status.success(), "{}", stderr(&out));
    let written = "<time datetime=\"2026-11-01\">1 November 2026</time>";
    for page in ["public/index.html", "public/print/handbook/index.html"] {
        let html = read(&root.join(page));
        assert!(html.contains(written), "{page}: {html}");
    }
}

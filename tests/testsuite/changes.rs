//! The page of changes (`/changes/`): editions are git tags `edition-NAME`, compared commit
//! to commit; the commits after the last tag are the edition book.yaml names, being
//! prepared; the working tree belongs to no edition. Built from real repositories made with
//! the `git` command.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::browser::chromium;
use crate::common::{build_into, cdp, check_json, read, run, statics, stderr, write};
use crate::reader::{AXE, java, tool};

/// Runs `git` in `dir` with a fixed identity and date, and no configuration of the machine's.
fn git(dir: &Path, date: &str, args: &[&str]) {
    let out = Command::new("git")
        .args([
            "-c",
            "user.name=Committee",
            "-c",
            "user.email=committee@example.edu",
        ])
        .args(["-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false"])
        .args(["-c", "init.defaultBranch=main"])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", stderr(&out));
}

/// Commits everything in `dir` at `date`.
fn commit(dir: &Path, date: &str, message: &str) {
    git(dir, date, &["add", "-A"]);
    git(dir, date, &["commit", "-q", "-m", message]);
}

fn page(title: &str, body: &str) -> String {
    format!("---\ntitle: {title}\n---\n{body}\n")
}

fn book(edition: &str, meetings: u32) -> String {
    format!(
        "title: Test Handbook\nedition: \"{edition}\"\nrules:\n  meetings_per_year: {meetings}\n  probation_weeks: 6\n"
    )
}

/// The page of changes' own part (not the sidebar, which names every page).
fn changes_of(site: &Path) -> String {
    let html = read(&site.join("changes/index.html"));
    let start = html
        .find("<div class=\"prose changes\">")
        .expect("the list");
    let end = html[start..].find("</article>").unwrap() + start;
    html[start..end].to_string()
}

/// The lists of the edition whose part has the id `id`: each `<h3>` heading with the text
/// of its list's items (tags removed), and the part's whole text.
fn edition(changes: &str, id: &str) -> (BTreeMap<String, Vec<String>>, String) {
    let start = changes
        .find(&format!("<h2 id=\"{id}\">"))
        .unwrap_or_else(|| panic!("no {id} in\n{changes}"));
    let end = changes[start..].find("</section>").unwrap() + start;
    let part = &changes[start..end];
    let text = |html: &str| {
        let tags = regex::Regex::new("<[^>]+>").unwrap();
        tags.replace_all(html, "").trim().to_string()
    };
    let mut lists = BTreeMap::new();
    for block in part.split("<h3>").skip(1) {
        let (heading, rest) = block.split_once("</h3>").unwrap();
        let list = &rest[..rest.find("</ul>").unwrap()];
        let items = list.split("<li>").skip(1).map(text).collect();
        lists.insert(heading.to_string(), items);
    }
    (lists, text(part))
}

fn list(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// A repository holding a handbook in its folder `handbook/`: edition 2025, then a page
/// added, one removed, one renamed (`git mv`, text unchanged), one edited and a rule's value
/// changed, edition 2026 (an annotated tag), then a committed edit towards 2027 (book.yaml's
/// `edition:`), an uncommitted edit, a page not added, and notes in CHANGES.md. The site is
/// built into `site/`.
fn repository() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("repo");
    let root = repo.join("handbook");
    git(tmp.path(), "2025-01-10T10:00:00Z", &["init", "-q", "repo"]);
    write(&repo, "README.md", "The committee's repository.\n");
    write(&root, "book.yaml", &book("2025", 4));
    write(&root, "content/index.md", &page("Home", "Welcome."));
    write(&root, "content/guide/keep.md", &page("Kept page", "Kept."));
    write(
        &root,
        "content/guide/edit-me.md",
        &page("Edited page", "Before."),
    );
    write(
        &root,
        "content/guide/remove-me.md",
        &page("Removed page", "Gone."),
    );
    let renamed = page(
        "Renamed page",
        "The same text, long enough to be found again.",
    );
    write(&root, "content/guide/old-name.md", &renamed);
    commit(&repo, "2025-01-10T10:00:00Z", "First edition");
    git(&repo, "2025-01-10T10:00:00Z", &["tag", "edition-2025"]);

    let date = "2026-01-10T10:00:00Z";
    write(&root, "content/guide/added.md", &page("Added page", "New."));
    write(
        &root,
        "content/guide/edit-me.md",
        &page("Edited page", "After."),
    );
    git(
        &repo,
        date,
        &["rm", "-q", "handbook/content/guide/remove-me.md"],
    );
    git(
        &repo,
        date,
        &[
            "mv",
            "handbook/content/guide/old-name.md",
            "handbook/content/guide/new-name.md",
        ],
    );
    write(&root, "book.yaml", &book("2026", 6));
    write(&repo, "README.md", "Outside the handbook: in no edition.\n");
    write(
        &repo,
        "elsewhere/content/page.md",
        &page("Elsewhere", "Not the handbook's."),
    );
    commit(&repo, date, "Second edition");
    git(
        &repo,
        date,
        &["tag", "-a", "edition-2026", "-m", "Edition 2026"],
    );

    let date = "2026-06-01T10:00:00Z";
    write(&root, "book.yaml", &book("2027", 6));
    write(
        &root,
        "content/guide/added.md",
        &page("Added page", "Newer."),
    );
    commit(&repo, date, "Towards the next edition");
    // Not committed: in no edition.
    write(
        &root,
        "content/guide/keep.md",
        &page("Kept page", "Edited, not committed."),
    );
    write(
        &root,
        "content/guide/untracked.md",
        &page("Untracked page", "Not added."),
    );
    write(
        &root,
        "CHANGES.md",
        "# Changes\n\n## 2026\n\nMeetings are now *six* a year.\n\n## 2027\n\n\
         See [the added page](content/guide/added.md), [the kept one](@/guide/keep.md), \
         [the renamed one](/guide/new-name/), [the college](https://example.org/mentoring) \
         and [the last edition](#edition-2026).\n",
    );

    let site = tmp.path().join("site");
    build_into(&root, &site, &[]);
    (tmp, site)
}

/// The committee's notes link to the handbook's pages as its file browser shows them (from
/// the folder CHANGES.md is in), from content/ (`@/`) or by site URL, each made relative to
/// the page of changes; an external link, and one to an edition on the page, are left as
/// written. A link to no page, and a script's, are errors of `check` at their place in
/// CHANGES.md.
#[test]
fn the_notes_link_to_pages_as_the_committee_wrote_them() {
    let (_tmp, site) = repository();
    let changes = changes_of(&site);
    let (_, text) = edition(&changes, "edition-2027");
    assert!(text.contains("See the added page"), "{text}");
    for link in [
        "<a href=\"../guide/added/\">the added page</a>",
        "<a href=\"../guide/keep/\">the kept one</a>",
        "<a href=\"../guide/new-name/\">the renamed one</a>",
        "<a href=\"https://example.org/mentoring\">the college</a>",
        "<a href=\"#edition-2026\">the last edition</a>",
    ] {
        assert!(changes.contains(link), "{link} in\n{changes}");
    }

    let root = site.parent().unwrap().join("repo/handbook");
    write(
        &root,
        "CHANGES.md",
        "## 2027\n\nSee [the guide](content/guide/nowhere.md).\n\n[Run](javascript:alert(1))\n",
    );
    let (out, diagnostics) = check_json(&root, &[]);
    assert!(!out.status.success(), "{diagnostics:?}");
    let at: Vec<String> = (diagnostics.iter())
        .filter(|d| d["file"] == "CHANGES.md")
        .map(|d| {
            format!(
                "{} {}:{}",
                d["code"].as_str().unwrap(),
                d["line"],
                d["column"]
            )
        })
        .collect();
    assert_eq!(at, ["E-LINK 3:5", "E-URL-SCRIPT 5:1"], "{diagnostics:?}");
}

/// Two tagged editions and commits after them: each edition lists exactly the pages added,
/// changed, renamed (git's rename detection: a `git mv` with the text unchanged) and removed
/// since the one before, and the rules whose values changed; files outside the handbook's
/// folder of the repository, and edits not committed, are in none.
#[test]
fn each_edition_lists_exactly_what_changed_since_the_last() {
    let (_tmp, site) = repository();
    let changes = changes_of(&site);
    let order: Vec<usize> = ["edition-2027", "edition-2026", "edition-2025"]
        .iter()
        .map(|id| changes.find(&format!("id=\"{id}\"")).expect(id))
        .collect();
    assert!(order.is_sorted(), "newest first:\n{changes}");

    let (lists, text) = edition(&changes, "edition-2027");
    assert_eq!(
        lists,
        BTreeMap::from([("Pages changed".into(), list(&["Added page"]))])
    );
    assert!(text.contains("Being prepared"), "{text}");

    let (lists, text) = edition(&changes, "edition-2026");
    let expected = BTreeMap::from([
        ("Pages added".to_string(), list(&["Added page"])),
        ("Pages changed".to_string(), list(&["Edited page"])),
        (
            "Pages renamed or moved".to_string(),
            list(&["Renamed page"]),
        ),
        ("Pages removed".to_string(), list(&["Removed page"])),
        (
            "Local rules changed".to_string(),
            list(&["meetings_per_year: was 4, now 6"]),
        ),
    ]);
    assert_eq!(lists, expected);
    assert!(text.contains("Published 10 January 2026"), "{text}");
    assert!(
        changes.contains("<p>Meetings are now <em>six</em> a year.</p>"),
        "the committee's notes: {changes}"
    );

    let (lists, text) = edition(&changes, "edition-2025");
    assert!(
        lists.is_empty() && text.contains("The first edition"),
        "{text}"
    );

    // Titles link to the pages as they are now; a removed page has no link.
    assert!(
        changes.contains("<a href=\"../guide/added/\">Added page</a>"),
        "{changes}"
    );
    assert!(
        changes.contains("<a href=\"../guide/new-name/\">Renamed page</a>"),
        "{changes}"
    );
    assert!(changes.contains("<li>Removed page</li>"), "{changes}");
    for absent in ["Kept page", "Untracked page", "Elsewhere", "README"] {
        assert!(!changes.contains(absent), "{absent} listed:\n{changes}");
    }
    // A page that changed in the newest edition says so, and links to its changes; the
    // footer links to the page of changes.
    let added = read(&site.join("guide/added/index.html"));
    assert!(
        added.contains("<p class=\"changed-in\"><a href=\"../../changes/#edition-2027\">Changed in edition 2027</a></p>"),
        "{added}"
    );
    for unmarked in ["guide/edit-me", "guide/new-name", "guide/keep"] {
        let html = read(&site.join(unmarked).join("index.html"));
        assert!(!html.contains("changed-in"), "{unmarked} marked");
    }
    let home = read(&site.join("index.html"));
    assert!(
        home.contains("<a href=\"changes/\">What changed</a>"),
        "{home}"
    );
}

/// Outside a git repository, and in one without an `edition-*` tag, the page says that it
/// cannot list the changes and why; the build succeeds.
#[test]
fn without_git_or_without_editions_the_page_says_why() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("book");
    write(&root, "book.yaml", &book("2026", 4));
    write(&root, "content/index.md", &page("Home", "Welcome."));
    let site = tmp.path().join("site");
    build_into(&root, &site, &[]);
    let text = changes_of(&site);
    assert!(text.contains("is not kept in a git repository"), "{text}");
    assert!(!text.contains("<h2"), "{text}");
    let home = read(&site.join("index.html"));
    assert!(
        !home.contains("What changed"),
        "no link to a page with nothing to list"
    );

    git(&root, "2026-01-10T10:00:00Z", &["init", "-q"]);
    commit(&root, "2026-01-10T10:00:00Z", "Start");
    build_into(&root, &site, &[]);
    let text = changes_of(&site);
    assert!(text.contains("marks no edition yet"), "{text}");
    assert!(!text.contains("<h2"), "{text}");
}

/// A repository git cannot read (a tag naming a commit it does not have) is a warning, and
/// the page says the changes could not be read; the site is built.
#[test]
fn a_repository_that_cannot_be_read_is_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("book");
    write(&root, "book.yaml", &book("2026", 4));
    write(&root, "content/index.md", &page("Home", "Welcome."));
    git(&root, "2026-01-10T10:00:00Z", &["init", "-q"]);
    commit(&root, "2026-01-10T10:00:00Z", "Start");
    write(
        &root,
        ".git/refs/tags/edition-2026",
        "0123456789abcdef0123456789abcdef01234567\n",
    );
    let out = run(
        &[
            "check",
            "--root",
            root.to_str().unwrap(),
            "--format",
            "json",
        ],
        &root,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let warnings = String::from_utf8_lossy(&out.stdout);
    assert!(warnings.contains("\"code\":\"W-HISTORY\""), "{warnings}");
    let site = tmp.path().join("site");
    build_into(&root, &site, &[]);
    let text = changes_of(&site);
    assert!(text.contains("could not be read"), "{text}");
}

/// The page of changes as it lists editions, and a page marked as changed, pass axe-core
/// (light and dark, phone and desktop) and the Nu HTML checker (the suite's checks of every
/// page build a handbook outside git, where the page only says why it cannot list changes).
#[test]
fn the_listed_changes_pass_axe_and_the_nu_checker() {
    let (Some(chromium), Some(axe)) = (chromium(), tool("axe-core/axe.min.js", "axe-core")) else {
        return;
    };
    let (_tmp, site) = repository();
    let base = statics::serve(&site);
    let mut browser = cdp::Browser::start(chromium, 1280);
    let axe = read(&axe);
    let mut failures = Vec::new();
    for (width, mobile) in [(360, true), (1280, false)] {
        browser.viewport(width, mobile);
        for scheme in ["light", "dark"] {
            browser.color_scheme(scheme);
            for page in ["changes/", "guide/added/"] {
                browser.goto(&format!("{base}{page}"));
                browser.eval(&axe);
                let violations = browser.eval_async(AXE);
                for v in violations.as_array().expect("axe results") {
                    failures.push(format!("/{page} at {width} px, {scheme}: {v}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let (Some(java), Some(vnu)) = (java(), tool("vnu-jar/build/dist/vnu.jar", "the Nu checker"))
    else {
        return;
    };
    let out = Command::new(java)
        .arg("-jar")
        .arg(&vnu)
        .args(["--errors-only", "--format", "gnu"])
        .arg(site.join("changes/index.html"))
        .arg(site.join("guide/added/index.html"))
        .output()
        .expect("the Nu checker runs");
    let report = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && report.trim().is_empty(),
        "the Nu checker found errors:\n{report}"
    );
}

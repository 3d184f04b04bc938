//! The home page and the header every page shares: the header is a band of the institution's
//! colour that stays at the top of long pages; the home page names the institution and the
//! handbook once, leads by task (roles with a line each, the strategies, the checklists to
//! start with) and carries no reference list.

use serde_json::{Value, json};

use crate::browser::{built_offline, chromium};
use crate::common::*;
use crate::common::{cdp, statics};

/// The bundled handbook, built, and the text of its home page.
fn bundled_home(edit: impl FnOnce(&std::path::Path)) -> (tempfile::TempDir, String) {
    let (tmp, root) = bundled();
    edit(&root);
    let out = run(&["build", "--root", root.to_str().unwrap()], &root);
    assert!(out.status.success(), "{}", stderr(&out));
    let home = read(&root.join("public/index.html"));
    (tmp, home)
}

#[test]
fn the_home_page_shows_no_reference_list_even_where_its_text_cites() {
    let (_tmp, home) = bundled_home(|root| {
        let index = root.join("content/index.md");
        let text = read(&index) + "\nThe programme follows the sources [@rehman2025].\n";
        write(root, "content/index.md", &text);
    });
    assert!(home.contains("The programme follows the sources"));
    assert!(
        !home.contains("class=\"references\"") && !home.contains("references-title"),
        "the home page prints a reference list"
    );
}

/// A small handbook: four checklists (`when` lines on three), two roles (one with a summary).
fn small(index: &str) -> (tempfile::TempDir, String) {
    let checklist = |title: &str, weight: u32, when: &str| {
        format!(
            "title: {title}\nweight: {weight}\n{when}sections:\n  - title: S\n    items: [Do it]\n"
        )
    };
    let (tmp, root) = handbook_from(&[
        ("content/index.md", index),
        (
            "content/roles/_section.md",
            "---\ntitle: Roles\nkind: role\n---\n",
        ),
        (
            "content/roles/mentor.md",
            "---\ntitle: Mentor\nsummary: What a mentor does.\n---\nText.\n",
        ),
        (
            "content/roles/mentee.md",
            "---\ntitle: Mentee\n---\nText.\n",
        ),
        (
            "content/checklists/_section.md",
            "---\ntitle: Checklists\nkind: checklist\n---\n",
        ),
        (
            "content/checklists/pool.yaml",
            &checklist("Pool", 1, "when: At launch\n"),
        ),
        (
            "content/checklists/pairing.yaml",
            &checklist("Pairing", 2, "when: At intake\n"),
        ),
        ("content/checklists/first.yaml", &checklist("First", 3, "")),
        (
            "content/checklists/review.yaml",
            &checklist("Review", 4, "when: Each quarter\n"),
        ),
    ]);
    let out = run(&["build", "--root", root.to_str().unwrap()], &root);
    assert!(out.status.success(), "{}", stderr(&out));
    let home = read(&root.join("public/index.html"));
    (tmp, home)
}

/// The part of `html` from `start` to the next `end`.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html
        .find(start)
        .unwrap_or_else(|| panic!("{start} in the page"));
    let rest = &html[from..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

/// The checklists to start with are the home page's `related` checklists, else the first
/// three; each card shows its `when`. A role card shows the role's summary, or no line.
#[test]
fn the_home_page_starts_with_the_checklists_it_names_or_the_first_three() {
    let (_tmp, home) = small("---\ntitle: Home\n---\nWelcome.\n");
    let start = between(&home, "class=\"home-checklists\"", "</section>");
    let titles: Vec<&str> = start
        .split("class=\"home-card-title\">")
        .skip(1)
        .map(|s| &s[..s.find('<').unwrap()])
        .collect();
    assert_eq!(titles, ["Pool", "Pairing", "First"], "{start}");
    assert!(start.contains("<p>At launch</p>") && start.contains("<p>At intake</p>"));
    assert!(start.contains("href=\"checklists/\""), "a link to them all");
    let roles = between(&home, "class=\"home-roles\"", "</section>");
    assert!(roles.contains("<p>What a mentor does.</p>"), "{roles}");
    assert_eq!(roles.matches("<p>").count(), 1, "no line without a summary");

    let (_tmp, home) =
        small("---\ntitle: Home\nrelated: [review, pairing, roles/mentee]\n---\nWelcome.\n");
    let start = between(&home, "class=\"home-checklists\"", "</section>");
    assert!(
        start.find(">Review<").unwrap() < start.find(">Pairing<").unwrap()
            && !start.contains(">Pool<"),
        "{start}"
    );
    assert!(start.contains("<p>Each quarter</p>"), "{start}");
    let related = between(&home, "class=\"related\"", "</aside>");
    assert!(
        related.contains(">Mentee<") && !related.contains(">Review<"),
        "{related}"
    );
}

/// Every "Start here" card of the bundled handbook has its line: the role page's summary.
#[test]
fn every_start_here_card_has_a_line_of_description() {
    let (_tmp, home) = bundled_home(|_| {});
    let roles = between(&home, "aria-labelledby=\"start-here\"", "</section>");
    let cards: Vec<&str> = roles.split("<li").skip(1).collect();
    assert_eq!(
        cards.len(),
        4,
        "mentor, mentee, committee, leadership: {roles}"
    );
    for card in cards {
        let line = between(card, "<p>", "</p>").trim_start_matches("<p>");
        assert!(line.len() > 40, "a card's line: {card}");
    }
}

/// The WCAG contrast ratio of two computed `rgb(…)` colours, in the page.
const CONTRAST: &str = "const lum = c => { const [r, g, b] = c.match(/[\\d.]+/g).map(Number).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; }; const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };";

/// The header's fill, the institution's colour (the light scheme's `--brand-primary`, which
/// the band keeps in the dark scheme, where a lightened shade would glare), and the lowest
/// contrast of the header's visible text (outside the search box) on that fill.
fn header_colours(browser: &mut cdp::Browser) -> Value {
    browser.eval(&format!("(() => {{ {CONTRAST} const head = document.querySelector('.masthead'); const fill = getComputedStyle(head).backgroundColor; const probe = document.createElement('div'); probe.style.background = '#0b5d4b'; document.body.appendChild(probe); const brand = getComputedStyle(probe).backgroundColor; probe.remove(); const texts = [...head.querySelectorAll('*')].filter(e => !e.closest('.site-search') && e.getClientRects().length && [...e.childNodes].some(n => n.nodeType === 3 && n.data.trim())); return {{ fill, brand, texts: texts.length, lowest: Math.min(...texts.map(e => ratio(getComputedStyle(e).color, fill))) }}; }})()"))
}

/// The header is a band of the institution's colour (book.yaml's primary), its text at 4.5:1 or more on it, light and
/// dark, phone and desktop; it stays at the top of a long page, 64 px tall at most on a phone.
#[test]
fn the_header_is_a_brand_band_that_stays_at_the_top() {
    let Some(chromium) = chromium() else { return };
    let (_tmp, root) = built_offline();
    let page = |p: &str| format!("file://{}", root.join("public").join(p).display());
    let mut browser = cdp::Browser::start(chromium, 1280);
    for scheme in ["light", "dark"] {
        browser.color_scheme(scheme);
        for (width, mobile) in [(1280, false), (360, true)] {
            browser.viewport(width, mobile);
            browser.goto(&page("index.html"));
            let seen = header_colours(&mut browser);
            assert_eq!(seen["fill"], seen["brand"], "{scheme} at {width}: {seen}");
            assert!(seen["texts"].as_u64().unwrap() >= 2, "{seen}");
            assert!(
                seen["lowest"].as_f64().unwrap() >= 4.5,
                "{scheme} at {width}: {seen}"
            );
        }
    }
    for (width, mobile) in [(1280, false), (360, true)] {
        browser.viewport(width, mobile);
        browser.goto(&page("editors-guide/index.html"));
        browser.eval("window.scrollTo({ top: document.documentElement.scrollHeight / 2, behavior: 'instant' })");
        let head = browser.eval("(() => { const r = document.querySelector('.masthead').getBoundingClientRect(); return [scrollY, r.top, r.height]; })()");
        assert!(head[0].as_f64().unwrap() > 1000.0, "scrolled: {head}");
        assert_eq!(head[1].as_f64().unwrap(), 0.0, "at {width}: {head}");
        assert!(head[2].as_f64().unwrap() <= 64.0, "at {width}: {head}");
    }
}

/// The home page names the institution and the handbook once each (header and main text).
#[test]
fn the_home_page_names_the_institution_and_the_handbook_once() {
    let Some(chromium) = chromium() else { return };
    let (_tmp, root) = built_offline();
    let public = root.join("public");
    let base = statics::serve(&public);
    let mut browser = cdp::Browser::start(chromium, 1280);
    browser.goto(&base);
    let counts = browser.eval("(() => { const text = document.querySelector('.masthead').textContent + ' ' + document.querySelector('main').textContent; const count = s => text.split(s).length - 1; return [count('Example College of Medicine'), count('Faculty Mentoring Handbook')]; })()");
    assert_eq!(counts, json!([1, 1]), "institution and title");
    let h1 = browser.eval("document.querySelector('main h1').textContent");
    assert_eq!(
        h1, "Twelve strategies for effective mentor–mentee relationships",
        "the subtitle is the home page's heading"
    );
}

//! The bundled handbook's content has the shape SPEC and the content model promise: twelve
//! numbered strategies, the four roles, enough scenarios and checklists, pages short enough to
//! read on a phone, a citation on every page that states facts, and a build with no warnings
//! (so every `related` name, link, anchor and citation resolves).
//!
//! Reads only files inside this repository (`content/` under `CARGO_MANIFEST_DIR`).

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use regex::Regex;
use walkdir::WalkDir;

/// Body prose (outside code blocks) of strategy and role pages, and of the others.
const MAX_WORDS_STRATEGY_ROLE: usize = 500;
const MAX_WORDS: usize = 800;
/// Reference pages, long by nature.
const NO_WORD_LIMIT: &[&str] = &["glossary.md", "editors-guide.md"];
/// The text before a strategy page's first heading says what to do, briefly.
const MAX_LEAD_WORDS: usize = 80;

/// Sections whose pages must cite at least one source.
const CITING_SECTIONS: &[&str] = &[
    "strategies",
    "roles",
    "pairing",
    "programme",
    "ethics",
    "development",
];

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn content() -> PathBuf {
    repo().join("content")
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Splits a Markdown file into (front matter, body): the front matter is the text between the
/// first two `---` lines. A file without front matter is all body.
fn split_front_matter(text: &str) -> (String, String) {
    let mut lines = text.lines();
    if lines.next().map(str::trim_end) != Some("---") {
        return (String::new(), text.to_string());
    }
    let mut front = Vec::new();
    let mut closed = false;
    for line in lines.by_ref() {
        if line.trim_end() == "---" {
            closed = true;
            break;
        }
        front.push(line);
    }
    assert!(closed, "front matter is never closed with a `---` line");
    let body: Vec<&str> = lines.collect();
    (front.join("\n"), body.join("\n"))
}

/// The files with extension `ext` directly inside `content/<section>`, `_section.md` left out.
fn files_in(section: &str, ext: &str) -> Vec<PathBuf> {
    let dir = content().join(section);
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.is_file())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .filter(|p| p.file_name().is_some_and(|n| n != "_section.md"))
        .collect();
    files.sort();
    files
}

fn rel(path: &Path) -> String {
    path.strip_prefix(repo())
        .unwrap_or(path)
        .display()
        .to_string()
}

#[test]
fn twelve_strategies_numbered_one_to_twelve() {
    let number = Regex::new(r"(?m)^number:\s*(\d+)\s*$").unwrap();
    let files = files_in("strategies", "md");
    assert_eq!(
        files.len(),
        12,
        "expected 12 strategy files, found {:?}",
        files.iter().map(|p| rel(p)).collect::<Vec<_>>()
    );
    let mut numbers = Vec::new();
    for file in &files {
        let (front, _) = split_front_matter(&read(file));
        let caps = number
            .captures(&front)
            .unwrap_or_else(|| panic!("{} has no `number:` in its front matter", rel(file)));
        numbers.push(caps[1].parse::<u32>().unwrap());
    }
    numbers.sort_unstable();
    assert_eq!(
        numbers,
        (1..=12).collect::<Vec<u32>>(),
        "strategy numbers must be 1..=12, each once"
    );
}

#[test]
fn the_four_roles_are_present() {
    let found: BTreeSet<String> = files_in("roles", "md")
        .iter()
        .map(|p| p.file_stem().unwrap().to_string_lossy().to_string())
        .collect();
    let expected: BTreeSet<String> = ["mentor", "mentee", "committee", "leadership"]
        .into_iter()
        .map(String::from)
        .collect();
    assert_eq!(found, expected, "roles/ must hold exactly the four roles");
}

#[test]
fn at_least_four_scenarios_and_eight_checklists() {
    let scenarios = files_in("scenarios", "md");
    assert!(
        scenarios.len() >= 4,
        "expected at least 4 scenarios, found {}",
        scenarios.len()
    );
    let checklists = files_in("checklists", "yaml");
    assert!(
        checklists.len() >= 8,
        "expected at least 8 checklists, found {}",
        checklists.len()
    );
}

/// Words of prose in a Markdown body: fenced code blocks left out.
fn prose_words(body: &str) -> usize {
    let mut in_code = false;
    let mut words = 0;
    for line in body.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if !in_code {
            words += line.split_whitespace().count();
        }
    }
    words
}

#[test]
fn pages_are_short_enough_to_read_on_a_phone() {
    let mut too_long = Vec::new();
    let mut pages = 0;
    for entry in WalkDir::new(content()) {
        let entry = entry.unwrap();
        let path = entry.path();
        if !entry.file_type().is_file() || path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let name = path.file_name().unwrap().to_string_lossy();
        if NO_WORD_LIMIT.contains(&name.as_ref()) {
            continue;
        }
        pages += 1;
        let section = path
            .parent()
            .unwrap()
            .file_name()
            .unwrap()
            .to_string_lossy();
        let limit = if matches!(section.as_ref(), "strategies" | "roles") && name != "_section.md" {
            MAX_WORDS_STRATEGY_ROLE
        } else {
            MAX_WORDS
        };
        let (_, body) = split_front_matter(&read(path));
        let words = prose_words(&body);
        if words > limit {
            too_long.push(format!("{} ({words} words, limit {limit})", rel(path)));
        }
    }
    assert!(
        pages >= 50,
        "only {pages} Markdown pages found under content/"
    );
    assert!(too_long.is_empty(), "pages too long: {too_long:?}");
    assert_eq!(prose_words("one two\n```\nthree four\n```\nfive\n"), 3);
}

#[test]
fn strategy_pages_open_with_what_to_do() {
    let mut long = Vec::new();
    for file in files_in("strategies", "md") {
        let (_, body) = split_front_matter(&read(&file));
        let lead: String = body
            .lines()
            .take_while(|l| !l.starts_with('#'))
            .collect::<Vec<_>>()
            .join("\n");
        let words = prose_words(&lead);
        assert!(
            words > 0,
            "{} has no text before its first heading",
            rel(&file)
        );
        if words > MAX_LEAD_WORDS {
            long.push(format!("{} ({words} words)", rel(&file)));
        }
    }
    assert!(
        long.is_empty(),
        "leads over {MAX_LEAD_WORDS} words: {long:?}"
    );
}

/// The pages committees asked for in the second edition exist.
#[test]
fn the_second_edition_pages_exist() {
    for page in [
        "about-the-evidence.md",
        "programme/ending-a-mentoring-relationship.md",
        "programme/concerns-and-escalation.md",
        "programme/mentoring-agreement.md",
        "programme/calendar.md",
        "programme/remote-mentoring.md",
        "development/mentor-training.md",
        "ethics/mentoring-across-difference.md",
    ] {
        assert!(content().join(page).is_file(), "content/{page} is missing");
    }
}

/// The bundled handbook's pages use local rules rather than state one institution's practice
/// as everyone's, and the bundled book.yaml sets every rule they use (the build below fails
/// on an unknown one and warns on an unused one).
#[test]
fn pages_use_the_local_rules() {
    let book = read(&repo().join("book.yaml"));
    assert!(book.contains("\nrules:\n"), "book.yaml sets no rules");
    let mut used = BTreeSet::new();
    let token = Regex::new(r"\{\{\s*rules\.([a-z0-9_]+)\s*\}\}").unwrap();
    for entry in WalkDir::new(content()) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let text = fs::read_to_string(entry.path()).unwrap_or_default();
            used.extend(token.captures_iter(&text).map(|c| c[1].to_string()));
        }
    }
    for rule in [
        "enrolment",
        "probation_weeks",
        "mentor_choices",
        "concerns_contact",
    ] {
        assert!(used.contains(rule), "no page uses {{{{ rules.{rule} }}}}");
    }
}

#[test]
fn every_factual_page_cites_a_source() {
    let mut uncited = Vec::new();
    let mut checked = 0;
    for section in CITING_SECTIONS {
        let files = files_in(section, "md");
        assert!(!files.is_empty(), "content/{section}/ has no pages");
        for file in files {
            checked += 1;
            let (front, body) = split_front_matter(&read(&file));
            // A page that is wholly the handbook's own guidance says so, and needs no source.
            let own = front.lines().any(|l| l.trim() == "own_guidance: true");
            if !own && !body.contains("[@") {
                uncited.push(rel(&file));
            }
        }
    }
    assert!(checked >= 30, "only {checked} pages checked");
    assert!(
        uncited.is_empty(),
        "pages without a `[@key]` citation: {uncited:?}"
    );
}

#[test]
fn bundled_handbook_builds_without_warnings() {
    let tmp = tempfile::tempdir().unwrap();
    let out_dir = tmp.path().join("site");
    let output = Command::new(env!("CARGO_BIN_EXE_handbook"))
        .arg("build")
        .arg("--root")
        .arg(repo())
        .arg("--out")
        .arg(&out_dir)
        .current_dir(tmp.path())
        .env("NO_COLOR", "1")
        .output()
        .expect("run handbook build");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "handbook build failed ({}):\n{stderr}",
        output.status
    );
    assert!(
        !stderr.to_lowercase().contains("warning"),
        "handbook build printed warnings:\n{stderr}"
    );
    assert!(
        out_dir.join("index.html").is_file(),
        "no index.html in {}",
        out_dir.display()
    );
}

/// Phrases that state a default value of a rule. Each must come from `{{ rules.name }}`, so
/// that a committee that changes the rule changes the text; where a page states one as
/// written, a committee with another value publishes a handbook that contradicts itself.
const DEFAULT_PHRASES: &[&str] = &[
    // probation_weeks
    "4–6 weeks",
    "4-6 weeks",
    "4–6-week",
    "4-6-week",
    "four to six weeks",
    // meeting_pattern, meetings_per_year
    "quarterly",
    "every quarter",
    "each quarter",
    "four meetings",
    "4 meetings",
    "five meetings",
    "5 meetings",
    // pool_review_years
    "every two years",
    "two-yearly",
    // mentor_eligibility
    "two years' experience",
    "two years’ experience",
    "associate professor",
    // mentor_choices
    "three mentors",
    "chose three",
    "three in rank order",
    // enrolment
    "voluntary",
    "voluntarily",
    // pairing_length
    "one year",
    "one-year",
    // mentees_per_mentor
    "two mentees",
    // mentee_eligibility
    "junior and newly appointed",
    "junior and new faculty",
    // mentor_training
    "orientation session before",
    // concern_acknowledgement
    "five working days",
    // silent_pairing_close
    "a full quarter",
    // introductory_meeting_week
    "first week after pairing",
    // feedback_forms_collected
    "at the probation review, after each",
    // records_retention
    "three years after",
    // concerns_contact
    "committee chair",
    // programme_contact
    "programme coordinator",
];

/// `book.yaml` with every rule's value replaced by `RULE-<name>`.
fn with_sentinel_rules(book: &str) -> String {
    let rule = Regex::new(r"^  ([a-z0-9_]+):").unwrap();
    let mut in_rules = false;
    let mut out = String::new();
    for line in book.lines() {
        if !line.starts_with(' ') && !line.starts_with('#') && !line.is_empty() {
            in_rules = line.trim_end() == "rules:";
        }
        match rule.captures(line).filter(|_| in_rules) {
            Some(c) => out.push_str(&format!("  {}: \"RULE-{}\"", &c[1], &c[1])),
            None => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

/// `html` without every element `<tag …>…</tag>` whose opening tag contains `marker`
/// (elements of the same tag inside it are matched).
fn without_elements(html: &str, tag: &str, marker: &str) -> String {
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    let mut out = String::new();
    let mut rest = html;
    while let Some(start) = rest.find(&open) {
        let tag_end = rest[start..]
            .find('>')
            .map_or(rest.len(), |e| start + e + 1);
        let opening = &rest[start..tag_end];
        let boundary = opening[open.len()..].chars().next();
        if !opening.contains(marker) || !matches!(boundary, Some(' ' | '>')) {
            out.push_str(&rest[..tag_end]);
            rest = &rest[tag_end..];
            continue;
        }
        out.push_str(&rest[..start]);
        let mut depth = 1;
        let mut at = tag_end;
        while depth > 0 {
            let next_open = rest[at..].find(&open).map(|i| at + i);
            let next_close = rest[at..].find(&close).map(|i| at + i);
            match (next_open, next_close) {
                (Some(o), Some(c)) if o < c => {
                    depth += 1;
                    at = o + open.len();
                }
                (_, Some(c)) => {
                    depth -= 1;
                    at = c + close.len();
                }
                _ => {
                    at = rest.len();
                    break;
                }
            }
        }
        rest = &rest[at..];
    }
    out.push_str(rest);
    out
}

/// The text of `html`, tags dropped, entities read, spaces collapsed.
fn visible_text(html: &str) -> String {
    let tags = Regex::new(r"<[^>]*>").unwrap();
    let text = tags.replace_all(html, " ");
    let text = text
        .replace("&nbsp;", " ")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The part of a built page that states its practice: the main column without navigation,
/// related pages, reference lists, quotations of the sources, the page's last part when it
/// is its evidence ("Evidence"; on scenarios, "Notes for the facilitator"), the evidence
/// page's "Where the defaults come from", code examples, and links named by another page's
/// title.
fn practice_text(html: &str, titles: &BTreeSet<String>) -> String {
    let main = html
        .split_once("<main")
        .and_then(|(_, m)| m.split_once('>'))
        .and_then(|(_, m)| m.split_once("</main>"))
        .map_or("", |(m, _)| m);
    let mut main = main.to_string();
    for (tag, marker) in [
        ("nav", ""),
        ("aside", "class=\"related\""),
        ("section", "class=\"references\""),
        ("blockquote", ""),
        // Code (the editors' guide's examples) stays as written, rules and all.
        ("pre", ""),
    ] {
        main = without_elements(&main, tag, marker);
    }
    let h2 = Regex::new(r#"<h2[^>]*>(.*?)</h2>"#).unwrap();
    let headings: Vec<(usize, usize, String)> = h2
        .captures_iter(&main)
        .map(|c| {
            let m = c.get(0).unwrap();
            (m.start(), m.end(), visible_text(&c[1]))
        })
        .collect();
    // The evidence page's account of the defaults, and a scenario's notes for the facilitator,
    // run to the next heading of their level; a page's last part, "Evidence", to the end of
    // its prose.
    let mut cuts = Vec::new();
    for (i, (start, _, title)) in headings.iter().enumerate() {
        let next = headings.get(i + 1).map(|h| h.0);
        match title.as_str() {
            "Where the defaults come from" | "Notes for the facilitator" => {
                cuts.push(*start..next.unwrap_or(main.len()));
            }
            "Evidence" if next.is_none() => {
                let end = main[*start..]
                    .find("</div>")
                    .map_or(main.len(), |e| start + e);
                cuts.push(*start..end);
            }
            _ => {}
        }
    }
    for cut in cuts.into_iter().rev() {
        main.replace_range(cut, "");
    }
    let link = Regex::new(r#"<a [^>]*>(.*?)</a>"#).unwrap();
    let main = link.replace_all(&main, |c: &regex::Captures| {
        if titles.contains(&visible_text(&c[1])) {
            String::new()
        } else {
            c[1].to_string()
        }
    });
    visible_text(&main)
}

/// A committee that changes a rule gets a handbook that says what it chose: with every rule
/// set to a sentinel, no page or checklist still states a default value in its practice.
#[test]
fn no_page_states_a_rule_default_as_written() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("book");
    for dir in ["content", "assets"] {
        crate::common::copy_dir(&repo().join(dir), &root.join(dir));
    }
    let book = read(&repo().join("book.yaml"));
    let sentinel = with_sentinel_rules(&book);
    assert!(sentinel.contains("RULE-probation_weeks"), "{sentinel}");
    fs::write(root.join("book.yaml"), sentinel).unwrap();
    let site = tmp.path().join("site");
    crate::common::build_into(&root, &site, &[]);

    let pages: Vec<PathBuf> = crate::common::html_files(&site)
        .into_iter()
        .filter(|p| {
            let rel = p
                .strip_prefix(&site)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            !["print/", "sources/", "search/", "changes/"]
                .iter()
                .any(|skip| rel.starts_with(skip))
        })
        .collect();
    assert!(pages.len() >= 60, "only {} pages built", pages.len());
    let h1 = Regex::new(r"<h1[^>]*>(.*?)</h1>").unwrap();
    let htmls: Vec<(String, String)> = pages
        .iter()
        .map(|p| {
            let rel = p
                .strip_prefix(&site)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, read(p))
        })
        .collect();
    let titles: BTreeSet<String> = htmls
        .iter()
        .filter_map(|(_, html)| h1.captures(html).map(|c| visible_text(&c[1])))
        .collect();
    let mut found = Vec::new();
    for (rel, html) in &htmls {
        let own_title = h1.captures(html).map(|c| visible_text(&c[1]));
        let mut others = titles.clone();
        if let Some(own) = &own_title {
            others.remove(own);
        }
        let text = practice_text(html, &others).to_lowercase();
        for phrase in DEFAULT_PHRASES {
            let phrase = phrase.to_lowercase();
            if let Some(at) = text.find(&phrase) {
                let from = text.floor_char_boundary(at.saturating_sub(60));
                let to = text.ceil_char_boundary((at + phrase.len() + 60).min(text.len()));
                found.push(format!("{rel}: \"{phrase}\" in …{}…", &text[from..to]));
            }
        }
    }
    assert!(
        found.is_empty(),
        "{} default values stated as written (use `{{{{ rules.name }}}}`, or move the evidence \
         under the page's last heading, \"Evidence\"):\n{}",
        found.len(),
        found.join("\n")
    );
}

/// "This handbook suggests" marks the handbook's own advice; said on every other line it
/// buries the advice. The strategies' disclaimer that uncited practices are the handbook's
/// own is said once, on the evidence page.
#[test]
fn the_handbook_names_its_own_suggestions_sparingly() {
    let mut suggests = 0;
    let mut disclaimers = Vec::new();
    for entry in WalkDir::new(content()) {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let text = fs::read_to_string(entry.path()).unwrap_or_default();
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        suggests += flat
            .to_lowercase()
            .matches("this handbook suggests")
            .count();
        if flat.contains("without a citation are the handbook's own") {
            disclaimers.push(in_content(entry.path()));
        }
    }
    assert!(
        suggests <= 10,
        "\"this handbook suggests\" {suggests} times (at most 10): say the advice plainly"
    );
    assert_eq!(
        disclaimers,
        vec!["about-the-evidence.md".to_string()],
        "the disclaimer on uncited practices belongs on the evidence page only"
    );
}

/// `path` relative to `content/`, with `/` between folders.
fn in_content(path: &Path) -> String {
    path.strip_prefix(content())
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// Names of the programmes in the sources, which are evidence, not this institution.
const PROGRAMME_NAMES: &[&str] = &["AKU", "Aga Khan"];

/// Files still to be rewritten so that the programmes appear only in their evidence (issue 36).
/// The list only shrinks: a file that is now clean must leave it, and no other file may join.
const PROGRAMMES_OUTSIDE_EVIDENCE: &[&str] = &[];

/// How often `text`, a content file, names a programme of the sources outside the places
/// evidence belongs: the body's last part when it is headed "Evidence", a scenario's "Notes
/// for the facilitator", and quotations (whose attribution names the speaker).
fn programme_names_outside_evidence(text: &str, markdown: bool) -> usize {
    let lines: Vec<&str> = text.lines().collect();
    let mut allowed = vec![false; lines.len()];
    if markdown {
        let body = if lines.first().map(|l| l.trim_end()) == Some("---") {
            lines
                .iter()
                .skip(1)
                .position(|l| l.trim_end() == "---")
                .map_or(0, |i| i + 2)
        } else {
            0
        };
        let attributes = Regex::new(r"\s*\{[^}]*\}\s*$").unwrap();
        let headings: Vec<(usize, String)> = lines
            .iter()
            .enumerate()
            .skip(body)
            .filter_map(|(i, l)| l.strip_prefix("## ").map(|t| (i, t)))
            .map(|(i, t)| (i, attributes.replace(t, "").trim().to_string()))
            .collect();
        for (k, (at, title)) in headings.iter().enumerate() {
            let next = headings.get(k + 1).map_or(lines.len(), |h| h.0);
            let last = k + 1 == headings.len();
            if (last && title == "Evidence") || title == "Notes for the facilitator" {
                allowed[*at..next].iter_mut().for_each(|a| *a = true);
            }
        }
        for (i, line) in lines.iter().enumerate() {
            if line.trim_start().starts_with('>') {
                allowed[i] = true;
            }
        }
    }
    lines
        .iter()
        .zip(&allowed)
        .filter(|(_, ok)| !**ok)
        .map(|(line, _)| {
            PROGRAMME_NAMES
                .iter()
                .map(|n| line.matches(n).count())
                .sum::<usize>()
        })
        .sum()
}

/// The practice is the institution's; the programmes in the sources are evidence. Outside the
/// evidence page, the glossary and sources.yaml, they are named only where evidence is given.
#[test]
fn the_programmes_in_the_sources_are_named_only_as_evidence() {
    let mut outside = Vec::new();
    for entry in WalkDir::new(content()) {
        let entry = entry.unwrap();
        let path = entry.path();
        let name = in_content(path);
        let markdown = path.extension().is_some_and(|e| e == "md");
        let yaml = path.extension().is_some_and(|e| e == "yaml");
        if !entry.file_type().is_file()
            || !(markdown || yaml)
            || ["about-the-evidence.md", "glossary.md", "sources.yaml"].contains(&name.as_str())
        {
            continue;
        }
        let count = programme_names_outside_evidence(&read(path), markdown);
        if count > 0 {
            outside.push((name, count));
        }
    }
    let new: Vec<String> = outside
        .iter()
        .filter(|(f, _)| !PROGRAMMES_OUTSIDE_EVIDENCE.contains(&f.as_str()))
        .map(|(f, n)| format!("{f} ({n})"))
        .collect();
    assert!(
        new.is_empty(),
        "pages name a programme of the sources outside their last part, \"Evidence\": {new:?}"
    );
    let cleaned: Vec<&str> = PROGRAMMES_OUTSIDE_EVIDENCE
        .iter()
        .copied()
        .filter(|f| !outside.iter().any(|(o, _)| o == f))
        .collect();
    assert!(
        cleaned.is_empty(),
        "these files now keep the programmes to their evidence: remove them from \
         PROGRAMMES_OUTSIDE_EVIDENCE: {cleaned:?}"
    );
}

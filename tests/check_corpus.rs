//! A corpus of faulty handbooks, one fault each: `handbook check --format json` must report
//! the fault with its exact code, file, line and column, exit 1 for errors (0 for warnings,
//! 1 with `--deny-warnings`), and never panic, hang or blow its stack on hostile YAML.

mod common;

use std::time::Duration;

use common::*;
use serde_json::Value;

const HOME: &str = "---\ntitle: Home\n---\nWelcome.\n";
const STRATEGIES: &str = "---\ntitle: Strategies\nkind: strategy\n---\n";
const ROLES: &str = "---\ntitle: Roles\nkind: role\n---\n";
const CHECKLISTS: &str = "---\ntitle: Checklists\nkind: checklist\n---\n";
const MENTOR: &str = "---\ntitle: Mentor\n---\n## Duties\n\nGuide the mentee.\n";
const SOURCES: &str = "rehman2024:\n  title: Mentoring strategies\n";
/// A home page that cites the one source of `SOURCES`, so it is not reported unused.
const HOME_CITING: &str = "---\ntitle: Home\n---\nWelcome [@rehman2024].\n";
/// No run may take longer than this (it is killed then): a guard against hangs on hostile
/// input.
const LIMIT: Duration = Duration::from_secs(5);

/// One file of a faulty handbook.
enum File {
    Text(&'static str, String),
    Bytes(&'static str, Vec<u8>),
    /// A symbolic link at the first path, pointing to the second (as written).
    Symlink(&'static str, &'static str),
    /// Removes a file the base handbook has (book.yaml, content/index.md).
    Absent(&'static str),
}

fn t(path: &'static str, text: impl Into<String>) -> File {
    File::Text(path, text.into())
}

struct Case {
    name: &'static str,
    files: Vec<File>,
    /// The code of the fault.
    code: &'static str,
    /// Where: `file:line:column`, or `file` for a diagnostic with no position in text.
    at: &'static str,
    /// Other codes the same handbook must report (and no more).
    also: &'static [&'static str],
}

fn case(name: &'static str, code: &'static str, at: &'static str, files: Vec<File>) -> Case {
    Case {
        name,
        files,
        code,
        at,
        also: &[],
    }
}

impl Case {
    fn also(mut self, also: &'static [&'static str]) -> Case {
        self.also = also;
        self
    }

    fn warning_only(&self) -> bool {
        std::iter::once(&self.code)
            .chain(self.also)
            .all(|c| c.starts_with("W-"))
    }

    /// Builds the handbook: book.yaml and a home page unless the case replaces or removes them.
    fn build(&self) -> (tempfile::TempDir, std::path::PathBuf) {
        let (tmp, root) = handbook_from(&[("content/index.md", HOME)]);
        for file in &self.files {
            match file {
                File::Text(path, text) => write(&root, path, text),
                File::Bytes(path, bytes) => write_bytes(&root, path, bytes),
                File::Symlink(link, target) => {
                    let link = root.join(link);
                    std::fs::create_dir_all(link.parent().unwrap()).unwrap();
                    std::os::unix::fs::symlink(target, link).unwrap();
                }
                File::Absent(path) => std::fs::remove_file(root.join(path)).unwrap(),
            }
        }
        (tmp, root)
    }
}

fn alias_bomb() -> String {
    let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    for pair in names.windows(2) {
        let (prev, name) = (pair[0], pair[1]);
        let refs = vec![format!("*{prev}"); 10].join(", ");
        bomb.push_str(&format!("{name}: &{name} [{refs}]\n"));
    }
    bomb
}

fn deep_nest() -> String {
    "[".repeat(20_000) + &"]".repeat(20_000)
}

fn strategy(title: &str, number: &str) -> String {
    format!("---\ntitle: {title}\nnumber: {number}\n---\nBody.\n")
}

/// A checklist section with one good checklist, so that the section is never empty when the
/// faulty file beside it fails to load.
fn checklists(faulty: File) -> Vec<File> {
    vec![
        t("content/checklists/_section.md", CHECKLISTS),
        t(
            "content/checklists/good.yaml",
            "title: Good\nsections:\n  - title: Start\n    items: [Say hello]\n",
        ),
        faulty,
    ]
}

/// A strategy section with one good strategy (number 1) beside the faulty file.
fn strategies(faulty: File) -> Vec<File> {
    vec![
        t("content/strategies/_section.md", STRATEGIES),
        t("content/strategies/niceness.md", strategy("Niceness", "1")),
        faulty,
    ]
}

fn checklist(items: &str) -> String {
    format!("title: First meeting\nsections:\n  - title: Before\n    items:\n{items}")
}

fn cases() -> Vec<Case> {
    vec![
        // --- YAML syntax and shape ---
        case(
            "front matter that is not YAML",
            "E-YAML",
            "content/page.md:3:10",
            vec![t("content/page.md", "---\ntitle: Broken\nrelated: [a, b\n---\nBody\n")],
        ),
        case(
            "book.yaml that is not YAML",
            "E-YAML",
            "book.yaml:3:9",
            vec![t("book.yaml", "title: T\ninstitution:\n  name: [ECM\n")],
        ),
        case(
            "a checklist that is not YAML",
            "E-YAML",
            "content/checklists/first.yaml:4:12",
            checklists(t(
                    "content/checklists/first.yaml",
                    "title: C\nsections:\n  - title: S\n    items: [Meet, Talk\n",
                )),
        ),
        case(
            "sources.yaml that is not YAML",
            "E-YAML",
            "content/sources.yaml:2:10",
            vec![t("content/sources.yaml", "src:\n  title: \"never closed\n")],
        ),
        case(
            "front matter that is a list",
            "E-TYPE",
            "content/page.md:2:1",
            vec![t("content/page.md", "---\n- just\n- a list\n---\nBody\n")],
        ),
        case(
            "sources.yaml that is a list",
            "E-TYPE",
            "content/sources.yaml:2:1",
            vec![t("content/sources.yaml", "# Bibliography\n- title: A\n")],
        ),
        case(
            "a number as a front matter key",
            "E-TYPE",
            "content/page.md:3:1",
            vec![t("content/page.md", "---\ntitle: X\n42: answer\n---\nBody\n")],
        ),
        // --- unknown fields ---
        case(
            "unknown front matter field",
            "E-FIELD-UNKNOWN",
            "content/page.md:3:1",
            vec![t("content/page.md", "---\ntitle: Fine\nsumary: A typo\n---\nBody\n")],
        ),
        case(
            "strategy field in a page",
            "E-FIELD-UNKNOWN",
            "content/page.md:3:1",
            vec![t("content/page.md", "---\ntitle: Fine\nnumber: 3\n---\nBody\n")],
        ),
        case(
            "unknown book.yaml key",
            "E-FIELD-UNKNOWN",
            "book.yaml:2:1",
            vec![t("book.yaml", "title: T\nsubtitel: S\n")],
        ),
        case(
            "unknown institution key",
            "E-FIELD-UNKNOWN",
            "book.yaml:3:3",
            vec![t("book.yaml", "title: T\ninstitution:\n  nmae: ECM\n")],
        ),
        case(
            "unknown checklist field",
            "E-FIELD-UNKNOWN",
            "content/checklists/first.yaml:2:1",
            checklists(t(
                    "content/checklists/first.yaml",
                    "title: C\nsign-off: [mentor]\nsections:\n  - title: S\n    items: [Meet]\n",
                )),
        ),
        case(
            "unknown checklist item field",
            "E-FIELD-UNKNOWN",
            "content/checklists/first.yaml:6:9",
            checklists(t(
                    "content/checklists/first.yaml",
                    checklist("      - text: Meet\n        nte: Soon\n"),
                )),
        ),
        case(
            "unknown source field",
            "E-FIELD-UNKNOWN",
            "content/sources.yaml:3:3",
            vec![
                t("content/index.md", HOME_CITING),
                t(
                    "content/sources.yaml",
                    "rehman2024:\n  title: Mentoring strategies\n  yeer: 2024\n",
                ),
            ],
        ),
        // --- wrong types, empty and missing fields ---
        case(
            "weight: three",
            "E-FIELD-TYPE",
            "content/page.md:3:9",
            vec![t("content/page.md", "---\ntitle: X\nweight: three\n---\nBody\n")],
        ),
        case(
            "related as a mapping",
            "E-FIELD-TYPE",
            "content/page.md:3:10",
            vec![t("content/page.md", "---\ntitle: X\nrelated: { a: b }\n---\nBody\n")],
        ),
        case(
            "language as a list in book.yaml",
            "E-FIELD-TYPE",
            "book.yaml:2:11",
            vec![t("book.yaml", "title: T\nlanguage: [en, fr]\n")],
        ),
        case(
            "a checklist item that is a list",
            "E-FIELD-TYPE",
            "content/checklists/first.yaml:5:9",
            checklists(t("content/checklists/first.yaml", checklist("      - [a, b]\n"))),
        ),
        case(
            "empty title",
            "E-FIELD-EMPTY",
            "content/page.md:2:8",
            vec![t("content/page.md", "---\ntitle: \"\"\n---\nBody\n")],
        ),
        case(
            "page without a title",
            "E-FIELD-MISSING",
            "content/page.md:3:1",
            vec![t(
                "content/page.md",
                "---\n# no title yet\nsummary: Untitled\n---\nBody\n",
            )],
        ),
        case(
            "book.yaml without a title",
            "E-FIELD-MISSING",
            "book.yaml:2:1",
            vec![t("book.yaml", "# Our handbook\nsubtitle: S\n")],
        ),
        case(
            "strategy without a number",
            "E-FIELD-MISSING",
            "content/strategies/trust.md:2:8",
            strategies(t(
                "content/strategies/trust.md",
                "---\ntitle: Build trust\nsummary: S\n---\nBody\n",
            )),
        ),
        case(
            "source without a title",
            "E-FIELD-MISSING",
            "content/sources.yaml:2:3",
            vec![t("content/sources.yaml", "rehman2024:\n  year: 2024\n")],
        ),
        // --- front matter ---
        case(
            "no front matter",
            "E-FRONT-MATTER-MISSING",
            "content/page.md:1:1",
            vec![t("content/page.md", "# Just a heading\n\nText.\n")],
        ),
        case(
            "unclosed front matter",
            "E-FRONT-MATTER-UNCLOSED",
            "content/page.md:1:1",
            vec![t("content/page.md", "---\ntitle: Open\n\nThe body never starts.\n")],
        ),
        // --- slugs, URLs, numbers ---
        case(
            "invalid slug",
            "E-SLUG",
            "content/page.md:3:7",
            vec![t("content/page.md", "---\ntitle: X\nslug: Bad Slug\n---\nBody\n")],
        ),
        case(
            "two files with one slug",
            "E-SLUG-DUPLICATE",
            "content/roles/mentor.md:2:8",
            vec![
                t("content/roles/_section.md", ROLES),
                t("content/roles/01-mentor.md", "---\ntitle: First mentor\n---\n"),
                t("content/roles/mentor.md", MENTOR),
            ],
        ),
        case(
            "a slug: that another page has",
            "E-SLUG-DUPLICATE",
            "content/roles/zguide.md:3:7",
            vec![
                t("content/roles/_section.md", ROLES),
                t("content/roles/mentor.md", MENTOR),
                t("content/roles/zguide.md", "---\ntitle: Guide\nslug: mentor\n---\n"),
            ],
        ),
        case(
            "top-level page named like a section",
            "E-URL-COLLISION",
            "content/roles.md:2:8",
            vec![
                t("content/roles.md", "---\ntitle: All roles\n---\nBody\n"),
                t("content/roles/_section.md", ROLES),
                t("content/roles/mentor.md", MENTOR),
            ],
        ),
        case(
            "duplicate strategy number",
            "E-STRATEGY-NUMBER",
            "content/strategies/trust.md:3:9",
            vec![
                t("content/strategies/_section.md", STRATEGIES),
                t("content/strategies/niceness.md", strategy("Niceness", "1")),
                t("content/strategies/trust.md", strategy("Trust", "1")),
            ],
        ),
        case(
            "strategy number zero",
            "E-STRATEGY-NUMBER",
            "content/strategies/trust.md:3:9",
            strategies(t("content/strategies/trust.md", strategy("Trust", "0"))),
        ),
        case(
            "negative strategy number",
            "E-STRATEGY-NUMBER",
            "content/strategies/trust.md:3:9",
            strategies(t("content/strategies/trust.md", strategy("Trust", "-2"))),
        ),
        case(
            "file prefix and number disagree",
            "W-STRATEGY-PREFIX",
            "content/strategies/03-trust.md:3:9",
            vec![
                t("content/strategies/_section.md", STRATEGIES),
                t("content/strategies/03-trust.md", strategy("Trust", "4")),
            ],
        ),
        case(
            "section kind typo",
            "E-KIND-UNKNOWN",
            "content/strategies/_section.md:3:7",
            vec![
                t(
                    "content/strategies/_section.md",
                    "---\ntitle: Strategies\nkind: stratgy\n---\n",
                ),
                t("content/strategies/trust.md", "---\ntitle: Trust\n---\n"),
            ],
        ),
        // --- checklists ---
        case(
            "checklist section with an empty item list",
            "E-CHECKLIST-EMPTY",
            "content/checklists/first.yaml:4:12",
            checklists(t(
                    "content/checklists/first.yaml",
                    "title: C\nsections:\n  - title: Before\n    items: []\n",
                )),
        ),
        case(
            "checklist section without items",
            "E-CHECKLIST-EMPTY",
            "content/checklists/first.yaml:3:12",
            checklists(t(
                    "content/checklists/first.yaml",
                    "title: C\nsections:\n  - title: Before\n",
                )),
        ),
        case(
            "checklist with `sections:` left empty",
            "E-CHECKLIST-EMPTY",
            "content/checklists/first.yaml:3:1",
            checklists(t(
                    "content/checklists/first.yaml",
                    "title: C\nintro: Soon\nsections:\n",
                )),
        ),
        case(
            "an item id that another item's text gives",
            "E-CHECKLIST-ID",
            "content/checklists/first.yaml:6:15",
            checklists(t(
                    "content/checklists/first.yaml",
                    checklist("      - Meet\n      - text: Talk\n        id: meet\n"),
                )),
        ),
        case(
            "two items with the same text",
            "E-CHECKLIST-ID",
            "content/checklists/first.yaml:7:9",
            checklists(t(
                    "content/checklists/first.yaml",
                    checklist("      - Agree a time\n      - Talk\n      - Agree a time\n"),
                )),
        ),
        case(
            "an empty checklist item",
            "E-CHECKLIST-ITEM-EMPTY",
            "content/checklists/first.yaml:6:9",
            checklists(t(
                    "content/checklists/first.yaml",
                    checklist("      - Meet\n      - \"  \"\n"),
                )),
        ),
        // --- files and folders ---
        case(
            "YAML file in a role section",
            "E-YAML-PLACE",
            "content/roles/notes.yaml:1:1",
            vec![
                t("content/roles/_section.md", ROLES),
                t("content/roles/mentor.md", MENTOR),
                t("content/roles/notes.yaml", "title: Notes\n"),
            ],
        ),
        case(
            "page two folders deep",
            "E-CONTENT-NESTED",
            "content/roles/old/mentor.md:1:1",
            vec![
                t("content/roles/mentor.md", MENTOR),
                t("content/roles/old/mentor.md", MENTOR),
            ],
        ),
        case(
            "no home page",
            "E-HOME-MISSING",
            "content/index.md",
            vec![
                File::Absent("content/index.md"),
                t("content/about.md", "---\ntitle: About\n---\n"),
            ],
        ),
        case(
            "a page that is not UTF-8",
            "E-FILE-ENCODING",
            "content/page.md:2:11",
            vec![File::Bytes(
                "content/page.md",
                b"---\ntitle: Caf\xe9\n---\nBody\n".to_vec(),
            )],
        ),
        case(
            "a book.yaml that is not UTF-8",
            "E-FILE-ENCODING",
            "book.yaml",
            vec![File::Bytes("book.yaml", b"title: Caf\xe9\n".to_vec())],
        ),
        case(
            "an empty file",
            "E-FILE-EMPTY",
            "content/page.md:1:1",
            vec![t("content/page.md", "")],
        ),
        case(
            "a symlink loop",
            "E-FILE-READ",
            "content/roles/loop",
            vec![
                t("content/roles/mentor.md", MENTOR),
                File::Symlink("content/roles/loop", ".."),
            ],
        ),
        case(
            "a symlink out of the handbook",
            "E-SYMLINK-ESCAPE",
            "content/escape.md",
            vec![
                t("../outside.md", "---\ntitle: Outside\n---\n"),
                File::Symlink("content/escape.md", "../../outside.md"),
            ],
        ),
        case(
            "no book.yaml",
            "E-CONFIG-MISSING",
            "book.yaml",
            vec![File::Absent("book.yaml")],
        ),
        case(
            "a key not built yet",
            "W-CONFIG-NOT-BUILT",
            "book.yaml:2:1",
            vec![t("book.yaml", "title: T\nsearch: true\n")],
        ),
        // --- branding ---
        case(
            "colour \"green\"",
            "E-COLOR",
            "book.yaml:3:22",
            vec![t(
                "book.yaml",
                "title: T\ninstitution:\n  colors: { primary: green }\n",
            )],
        ),
        case(
            "primary #dddddd",
            "E-CONTRAST",
            "book.yaml:4:14",
            vec![t(
                "book.yaml",
                "title: T\ninstitution:\n  colors:\n    primary: \"#dddddd\"\n",
            )],
        ),
        case(
            "accent #f0f0f0",
            "E-CONTRAST",
            "book.yaml:3:41",
            vec![t(
                "book.yaml",
                "title: T\ninstitution:\n  colors: { primary: \"#0b5d4b\", accent: \"#f0f0f0\" }\n",
            )],
        ),
        case(
            "a variant whose content folder is missing",
            "E-VARIANT-MISSING",
            "book.yaml:5:14",
            vec![t(
                "book.yaml",
                "title: T\nvariants:\n  partner:\n    institution: { name: Partner University }\n    content: variants/partner\n",
            )],
        )
        .also(&["W-CONFIG-NOT-BUILT"]),
        case(
            "a logo that does not exist",
            "E-LOGO",
            "book.yaml:3:9",
            vec![t(
                "book.yaml",
                "title: T\ninstitution:\n  logo: assets/missing.svg\n",
            )],
        ),
        case(
            "a theme without templates",
            "E-THEME",
            "themes/mine/templates",
            vec![
                t("book.yaml", "title: T\ntheme: mine\n"),
                t(
                    "themes/mine/templates/page.html",
                    "<main>{{ page.content | safe }}</main>\n",
                ),
            ],
        ),
        case(
            "a template override with a syntax error",
            "E-TEMPLATE",
            "templates/home.html:3:7",
            vec![t(
                "templates/home.html",
                "{% extends \"base.html\" %}\n{% block content %}\n{% if %}yes{% endif %}\n{% endblock content %}\n",
            )],
        ),
        case(
            "a template override with an unknown variable",
            "E-TEMPLATE",
            "templates/home.html:3:7",
            vec![t(
                "templates/home.html",
                "{% extends \"base.html\" %}\n{% block content %}\n<p>{{ no_such_thing }}</p>\n{% endblock content %}\n",
            )],
        ),
        // --- links, anchors, citations, names ---
        case(
            "link to a missing file",
            "E-LINK",
            "content/index.md:6:5",
            vec![t(
                "content/index.md",
                "---\ntitle: Home\n---\nWelcome.\n\nSee [the guide](guide.md).\n",
            )],
        ),
        case(
            "@/ link to a missing file",
            "E-LINK",
            "content/index.md:4:10",
            vec![
                t(
                    "content/index.md",
                    "---\ntitle: Home\n---\nAsk your [mentor](@/roles/mentr.md).\n",
                ),
                t("content/roles/mentor.md", MENTOR),
            ],
        ),
        case(
            "link to a site URL that does not exist",
            "E-LINK",
            "content/index.md:4:1",
            vec![t(
                "content/index.md",
                "---\ntitle: Home\n---\n[Everything](/everything/)\n",
            )],
        ),
        case(
            "link out of the root",
            "E-LINK-ESCAPE",
            "content/index.md:4:7",
            vec![t(
                "content/index.md",
                "---\ntitle: Home\n---\nSee a [secret](../../etc/passwd).\n",
            )],
        ),
        case(
            "image out of the root from a section",
            "E-LINK-ESCAPE",
            "content/roles/mentor.md:5:1",
            vec![t(
                "content/roles/mentor.md",
                "---\ntitle: Mentor\n---\nText.\n![Password file](../../../etc/passwd)\n",
            )],
        ),
        case(
            "link to a missing anchor",
            "E-ANCHOR",
            "content/index.md:4:5",
            vec![
                t(
                    "content/index.md",
                    "---\ntitle: Home\n---\nSee [the duties](roles/mentor.md#dutiez).\n",
                ),
                t("content/roles/mentor.md", MENTOR),
            ],
        ),
        case(
            "link to a missing anchor on the same page",
            "E-ANCHOR",
            "content/index.md:8:4",
            vec![t(
                "content/index.md",
                "---\ntitle: Home\n---\n## Getting started\n\nText.\n\nUp [to the start](#getting-startd).\n",
            )],
        ),
        case(
            "citation typo in the body",
            "E-CITATION",
            "content/index.md:4:24",
            vec![
                t("content/index.md", "---\ntitle: Home\n---\nWelcome [@rehman2024], [@rehman2042].\n"),
                t("content/sources.yaml", SOURCES),
            ],
        ),
        case(
            "citation typo in front matter sources",
            "E-CITATION",
            "content/page.md:3:23",
            vec![
                t("content/index.md", HOME_CITING),
                t(
                    "content/page.md",
                    "---\ntitle: X\nsources: [rehman2024, rehmann2024]\n---\nBody\n",
                ),
                t("content/sources.yaml", SOURCES),
            ],
        ),
        case(
            "citation typo in a checklist item",
            "E-CITATION",
            "content/checklists/first.yaml:6:22",
            vec![
                t("content/index.md", HOME_CITING),
                t("content/checklists/_section.md", CHECKLISTS),
                t(
                    "content/checklists/first.yaml",
                    checklist("      - Meet\n      - Agree a time [@rehman204]\n"),
                ),
                t("content/sources.yaml", SOURCES),
            ],
        ),
        case(
            "an unused source",
            "W-SOURCE-UNUSED",
            "content/sources.yaml:4:1",
            vec![
                t("content/index.md", HOME_CITING),
                t(
                    "content/sources.yaml",
                    "rehman2024:\n  title: Mentoring strategies\n# not cited yet\nnoone2020:\n  title: Nobody cites this\n",
                ),
            ],
        ),
        case(
            "related to a missing page",
            "E-RELATED",
            "content/page.md:3:19",
            vec![
                t("content/page.md", "---\ntitle: X\nrelated: [mentor, nowhere]\n---\nBody\n"),
                t("content/roles/mentor.md", MENTOR),
            ],
        ),
        case(
            "related to an ambiguous slug",
            "E-RELATED",
            "content/page.md:4:5",
            vec![
                t("content/page.md", "---\ntitle: X\nrelated:\n  - mentor\n---\nBody\n"),
                t("content/roles/mentor.md", MENTOR),
                t("content/checklists/_section.md", CHECKLISTS),
                t(
                    "content/checklists/mentor.yaml",
                    "title: Mentor checklist\nsections:\n  - title: Start\n    items: [Meet]\n",
                ),
            ],
        ),
        case(
            "roles naming a page that is not a role",
            "E-ROLE",
            "content/strategies/trust.md:4:9",
            vec![
                t("content/strategies/_section.md", STRATEGIES),
                t(
                    "content/strategies/trust.md",
                    "---\ntitle: Trust\nnumber: 1\nroles: [glossary]\n---\n",
                ),
                t("content/glossary.md", "---\ntitle: Glossary\n---\n"),
            ],
        ),
        case(
            "roles naming a missing page",
            "E-ROLE",
            "content/strategies/trust.md:4:17",
            vec![
                t("content/strategies/_section.md", STRATEGIES),
                t(
                    "content/strategies/trust.md",
                    "---\ntitle: Trust\nnumber: 1\nroles: [mentor, mentee]\n---\n",
                ),
                t("content/roles/_section.md", ROLES),
                t("content/roles/mentor.md", MENTOR),
            ],
        ),
        case(
            "a section with no pages",
            "W-SECTION-EMPTY",
            "content/ethics/_section.md:1:1",
            vec![t("content/ethics/_section.md", "---\ntitle: Ethics\n---\nSoon.\n")],
        ),
        // --- hostile YAML ---
        case(
            "alias bomb in front matter",
            "E-YAML",
            "content/page.md:7:8",
            vec![t(
                "content/page.md",
                format!("---\ntitle: Bomb\n{}---\nBody\n", alias_bomb()),
            )],
        ),
        case(
            "alias bomb in book.yaml",
            "E-YAML",
            "book.yaml:6:8",
            vec![t("book.yaml", format!("title: T\n{}", alias_bomb()))],
        ),
        case(
            "20,000-deep flow sequence in front matter",
            "E-YAML",
            "content/page.md:3:28",
            vec![t(
                "content/page.md",
                format!("---\ntitle: Deep\nx: {}\n---\nBody\n", deep_nest()),
            )],
        ),
        case(
            "20,000-deep flow sequence in book.yaml",
            "E-YAML",
            "book.yaml:2:28",
            vec![t("book.yaml", format!("title: T\nx: {}\n", deep_nest()))],
        ),
    ]
}

/// Where a diagnostic points, written like the expectations: `file:line:column` or `file`.
fn place(d: &Value) -> String {
    let file = d["file"].as_str().unwrap_or("");
    match (d["line"].as_u64(), d["column"].as_u64()) {
        (Some(line), Some(column)) => format!("{file}:{line}:{column}"),
        _ => file.to_string(),
    }
}

fn assert_no_panic(name: &str, out: &std::process::Output) {
    let err = stderr(out);
    assert_ne!(out.status.code(), Some(101), "{name}: panicked:\n{err}");
    assert!(
        out.status.code().is_some(),
        "{name}: killed by a signal:\n{err}"
    );
    assert!(!err.contains("panicked"), "{name}: panicked:\n{err}");
}

/// Runs one case; returns what is wrong with the result (empty: all fine) and the time taken.
fn run_case(case: &Case) -> (Vec<String>, Duration) {
    let (_tmp, root) = case.build();
    let (out, diagnostics, elapsed) = check_json_within(&root, &[], LIMIT);
    assert_no_panic(case.name, &out);
    let mut problems = Vec::new();
    let shown = diagnostics
        .iter()
        .map(Value::to_string)
        .collect::<Vec<_>>()
        .join("\n");
    if elapsed > LIMIT {
        problems.push(format!("took {elapsed:?}"));
    }
    let mut expected: Vec<&str> = std::iter::once(case.code)
        .chain(case.also.iter().copied())
        .collect();
    expected.sort_unstable();
    expected.dedup();
    let mut codes: Vec<&str> = diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("?"))
        .collect();
    codes.sort_unstable();
    codes.dedup();
    if codes != expected {
        problems.push(format!("codes {codes:?}, expected {expected:?}"));
    }
    let places: Vec<String> = diagnostics
        .iter()
        .filter(|d| d["code"] == case.code)
        .map(place)
        .collect();
    if !places.iter().any(|p| p == case.at) {
        problems.push(format!(
            "{} at {places:?}, expected at {}",
            case.code, case.at
        ));
    }
    for d in &diagnostics {
        let severity = if d["code"].as_str().unwrap_or("").starts_with("W-") {
            "warning"
        } else {
            "error"
        };
        if d["severity"] != severity {
            problems.push(format!("severity of {d} should be {severity}"));
        }
        for key in ["message", "end_line", "end_column", "hint"] {
            if d.get(key).is_none() {
                problems.push(format!("no `{key}` key in {d}"));
            }
        }
    }
    if case.warning_only() {
        if out.status.code() != Some(0) {
            problems.push(format!(
                "exit {:?} for warnings, expected 0",
                out.status.code()
            ));
        }
        let (denied, _, _) = check_json_within(&root, &["--deny-warnings"], LIMIT);
        assert_no_panic(case.name, &denied);
        if denied.status.code() != Some(1) {
            problems.push(format!(
                "exit {:?} with --deny-warnings, expected 1",
                denied.status.code()
            ));
        }
    } else if out.status.code() != Some(1) {
        problems.push(format!("exit {:?}, expected 1", out.status.code()));
    }
    if !problems.is_empty() {
        problems.push(format!("diagnostics:\n{shown}\nstderr:\n{}", stderr(&out)));
    }
    (problems, elapsed)
}

/// Runs one case on its own and fails with everything that is wrong.
fn assert_case(case: &Case) {
    let (problems, _) = run_case(case);
    assert!(
        problems.is_empty(),
        "{}:\n{}",
        case.name,
        problems.join("\n")
    );
}

#[test]
fn every_faulty_handbook_is_reported_at_the_fault() {
    let cases = cases();
    let results: Vec<(Vec<String>, Duration)> = std::thread::scope(|scope| {
        let handles: Vec<_> = cases
            .chunks(cases.len().div_ceil(8))
            .map(|chunk| scope.spawn(move || chunk.iter().map(run_case).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("a case panicked"))
            .collect()
    });
    let mut failures = Vec::new();
    for (case, (problems, elapsed)) in cases.iter().zip(&results) {
        if case.name.contains("alias bomb") || case.name.contains("deep flow") {
            eprintln!("{}: {elapsed:?}", case.name);
        }
        if !problems.is_empty() {
            failures.push(format!("--- {}:\n{}", case.name, problems.join("\n")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

/// Every diagnostic code of `handbook check` is met at least once in the corpus (W-IMAGE-ALT
/// in its own test below), and the corpus stays large.
#[test]
fn the_corpus_covers_every_code() {
    let cases = cases();
    assert!(cases.len() >= 45, "{} cases", cases.len());
    let mut names: Vec<&str> = cases.iter().map(|c| c.name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), cases.len(), "case names are distinct");
    let codes = [
        "E-YAML",
        "E-TYPE",
        "E-FIELD-UNKNOWN",
        "E-FIELD-TYPE",
        "E-FIELD-EMPTY",
        "E-FIELD-MISSING",
        "E-FRONT-MATTER-MISSING",
        "E-FRONT-MATTER-UNCLOSED",
        "E-SLUG",
        "E-SLUG-DUPLICATE",
        "E-URL-COLLISION",
        "E-STRATEGY-NUMBER",
        "W-STRATEGY-PREFIX",
        "E-KIND-UNKNOWN",
        "E-CHECKLIST-EMPTY",
        "E-CHECKLIST-ID",
        "E-CHECKLIST-ITEM-EMPTY",
        "E-YAML-PLACE",
        "E-CONTENT-NESTED",
        "E-HOME-MISSING",
        "E-FILE-ENCODING",
        "E-FILE-EMPTY",
        "E-FILE-READ",
        "E-SYMLINK-ESCAPE",
        "E-CONFIG-MISSING",
        "W-CONFIG-NOT-BUILT",
        "E-COLOR",
        "E-CONTRAST",
        "E-VARIANT-MISSING",
        "E-LINK",
        "E-LINK-ESCAPE",
        "E-ANCHOR",
        "E-CITATION",
        "W-SOURCE-UNUSED",
        "E-RELATED",
        "E-ROLE",
        "E-LOGO",
        "E-THEME",
        "E-TEMPLATE",
        "W-SECTION-EMPTY",
    ];
    // W-IMAGE-ALT has its own test, ignored while the check does not exist.
    let missing: Vec<&&str> = codes
        .iter()
        .filter(|code| !cases.iter().any(|c| c.code == **code))
        .collect();
    assert!(missing.is_empty(), "no case for {missing:?}");
}

// --- bugs found by the corpus: each test states the right behaviour and is ignored until fixed.

#[test]
fn an_image_without_alt_text_is_a_warning() {
    assert_case(&case(
        "an image without alt text",
        "W-IMAGE-ALT",
        "content/index.md:6:1",
        vec![
            t(
                "content/index.md",
                "---\ntitle: Home\n---\n![Our team](team.png)\n\n![](photo.png)\n",
            ),
            File::Bytes("content/team.png", b"\x89PNG".to_vec()),
            File::Bytes("content/photo.png", b"\x89PNG".to_vec()),
        ],
    ));
}

#[test]
fn a_checklist_without_sections_is_reported_at_its_first_key() {
    assert_case(&case(
        "a checklist without sections",
        "E-CHECKLIST-EMPTY",
        "content/checklists/first.yaml:2:1",
        checklists(t(
            "content/checklists/first.yaml",
            "# First meeting\ntitle: First meeting\nintro: Soon\n",
        )),
    ));
}

#[test]
fn an_unknown_theme_is_reported_in_book_yaml() {
    assert_case(&case(
        "an unknown theme",
        "E-THEME",
        "book.yaml:2:8",
        vec![t("book.yaml", "title: T\ntheme: fancy\n")],
    ));
}

#[test]
fn a_section_whose_page_is_broken_is_not_called_empty() {
    assert_case(&case(
        "a section whose only page is broken",
        "E-FIELD-UNKNOWN",
        "content/checklists/first.yaml:2:1",
        vec![
            t("content/checklists/_section.md", CHECKLISTS),
            t(
                "content/checklists/first.yaml",
                "title: C\nsign-off: [mentor]\nsections:\n  - title: S\n    items: [Meet]\n",
            ),
        ],
    ));
}

/// Faults in several content files, sources.yaml, a checklist, a section file and book.yaml's
/// colours: every one is reported by a single run.
#[test]
fn faults_in_different_files_are_all_reported_in_one_run() {
    let (_tmp, root) = handbook_from(&[
        (
            "book.yaml",
            "title: T\ninstitution:\n  colors: { primary: \"#dddddd\" }\n",
        ),
        (
            "content/index.md",
            "---\ntitle: Home\n---\nWelcome [@rehman2024]. See [the guide](guide.md).\n",
        ),
        ("content/sources.yaml", SOURCES),
        (
            "content/page.md",
            "---\ntitle: X\nweight: three\n---\nBody\n",
        ),
        (
            "content/cites.md",
            "---\ntitle: Cites\n---\nA claim [@rehman2042].\n",
        ),
        (
            "content/roles/_section.md",
            "---\ntitle: Roles\nkind: rol\n---\n",
        ),
        ("content/roles/mentor.md", MENTOR),
        ("content/checklists/_section.md", CHECKLISTS),
        (
            "content/checklists/first.yaml",
            "title: C\nsections:\n  - title: Before\n    items: []\n",
        ),
        (
            "content/checklists/second.yaml",
            "title: D\nsections:\n  - title: Before\n    items: [Meet]\n",
        ),
        ("content/empty.md", ""),
    ]);
    let (out, diagnostics) = check_json(&root, &[]);
    assert_no_panic("several faults", &out);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let found: Vec<String> = diagnostics
        .iter()
        .map(|d| format!("{} {}", d["code"].as_str().unwrap(), place(d)))
        .collect();
    let expected = [
        "E-CONTRAST book.yaml:3:22",
        "E-LINK content/index.md:4:28",
        "E-FIELD-TYPE content/page.md:3:9",
        "E-CITATION content/cites.md:4:9",
        "E-KIND-UNKNOWN content/roles/_section.md:3:7",
        "E-CHECKLIST-EMPTY content/checklists/first.yaml:4:12",
        "E-FILE-EMPTY content/empty.md:1:1",
    ];
    for fault in expected {
        assert!(
            found.iter().any(|f| f == fault),
            "{fault} is missing from {found:#?}"
        );
    }
    assert_eq!(found.len(), expected.len(), "{found:#?}");
}

fn content_faults() -> Vec<(&'static str, &'static str)> {
    vec![
        ("content/index.md", HOME_CITING),
        ("content/sources.yaml", SOURCES),
        ("content/roles/mentor.md", MENTOR),
        (
            "content/cites.md",
            "---\ntitle: Cites\n---\nA claim [@rehman2042].\n",
        ),
    ]
}

#[test]
fn a_book_yaml_typo_does_not_hide_content_faults() {
    let mut files = content_faults();
    files.push(("book.yaml", "title: T\nsubtitel: S\n"));
    let (_tmp, root) = handbook_from(&files);
    let (out, diagnostics) = check_json(&root, &[]);
    assert_no_panic("book.yaml typo", &out);
    let codes: Vec<&str> = diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"E-FIELD-UNKNOWN"), "{codes:?}");
    assert!(codes.contains(&"E-CITATION"), "{codes:?}");
}

#[test]
fn a_template_error_does_not_hide_content_faults() {
    let mut files = content_faults();
    files.push((
        "templates/home.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{% if %}yes{% endif %}\n{% endblock content %}\n",
    ));
    let (_tmp, root) = handbook_from(&files);
    let (out, diagnostics) = check_json(&root, &[]);
    assert_no_panic("template error", &out);
    let codes: Vec<&str> = diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"E-TEMPLATE"), "{codes:?}");
    assert!(codes.contains(&"E-CITATION"), "{codes:?}");
}

/// A typo in a field name, a `related` slug, a citation key, an anchor and a section kind:
/// each hint names the closest valid value.
#[test]
fn typos_get_a_hint_naming_the_closest_valid_value() {
    let (_tmp, root) = handbook_from(&[
        ("content/index.md", HOME_CITING),
        ("content/sources.yaml", SOURCES),
        ("content/roles/_section.md", ROLES),
        ("content/roles/mentor.md", MENTOR),
        (
            "content/field.md",
            "---\ntitle: Field\nsumary: A typo\n---\nBody\n",
        ),
        (
            "content/related.md",
            "---\ntitle: Related\nrelated: [mentr]\n---\nBody\n",
        ),
        (
            "content/cites.md",
            "---\ntitle: Cites\n---\nA claim [@rehman2042].\n",
        ),
        (
            "content/anchor.md",
            "---\ntitle: Anchor\n---\nSee [the duties](roles/mentor.md#dutiez).\n",
        ),
        (
            "content/strategies/_section.md",
            "---\ntitle: Strategies\nkind: stratgy\n---\n",
        ),
        (
            "content/strategies/trust.md",
            "---\ntitle: Trust\n---\nBody\n",
        ),
    ]);
    let (out, diagnostics) = check_json(&root, &[]);
    assert_no_panic("typos", &out);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    for (code, file, hint) in [
        (
            "E-FIELD-UNKNOWN",
            "content/field.md",
            "did you mean `summary`?",
        ),
        ("E-RELATED", "content/related.md", "did you mean `mentor`?"),
        (
            "E-CITATION",
            "content/cites.md",
            "did you mean `rehman2024`?",
        ),
        ("E-ANCHOR", "content/anchor.md", "did you mean `#duties`?"),
        (
            "E-KIND-UNKNOWN",
            "content/strategies/_section.md",
            "did you mean `strategy`?",
        ),
    ] {
        let d = diagnostics
            .iter()
            .find(|d| d["code"] == code && d["file"] == file)
            .unwrap_or_else(|| panic!("no {code} in {file}: {diagnostics:#?}"));
        assert_eq!(d["hint"], hint, "{d}");
    }
    assert_eq!(diagnostics.len(), 5, "{diagnostics:#?}");
}

//! Corpus cases for faults between files and in settings: files, branding, links, names,
//! hostile YAML.

use super::case::*;

pub fn cases() -> Vec<Case> {
    vec![
        case(
            "a link whose escapes do not spell text",
            "E-LINK",
            "content/index.md:4:1",
            vec![t("content/index.md", "---\ntitle: Home\n---\n[plan](plan%e9.md)\n")],
        ),
        // --- local rules ---
        case(
            "a rule content uses that book.yaml does not set",
            "E-RULE-UNKNOWN",
            "content/index.md:4:9",
            vec![
                t("book.yaml", "title: T\nrules:\n  meetings_per_year: 4\n"),
                t("content/index.md", "---\ntitle: Home\n---\nWe meet {{ rules.meeting_per_year }} times, {{ rules.meetings_per_year }} in all.\n"),
            ],
        ),
        case(
            "an unknown rule in a checklist's when",
            "E-RULE-UNKNOWN",
            "content/checklists/first.yaml:2:13",
            vec![
                t("book.yaml", "title: T\nrules:\n  probation_weeks: 4–6\n"),
                t("content/checklists/_section.md", CHECKLISTS),
                t("content/checklists/first.yaml", "title: C\nwhen: After {{ rules.probation_week }} weeks\nsections:\n  - title: S\n    items:\n      - Meet after {{ rules.probation_weeks }} weeks\n"),
            ],
        ),
        case(
            "an unknown rule in a field label",
            "E-RULE-UNKNOWN",
            "content/checklists/first.yaml:6:27",
            vec![
                t("book.yaml", "title: T\nrules:\n  probation_weeks: 4–6\n"),
                t("content/checklists/_section.md", CHECKLISTS),
                t("content/checklists/first.yaml", "title: C\nwhen: After {{ rules.probation_weeks }} weeks\nsections:\n  - title: S\n    items:\n      - field: Date after {{ rules.probation_wekes }} weeks\n        lines: 2\n"),
            ],
        ),
        case(
            "an unknown rule in a table column",
            "E-RULE-UNKNOWN",
            "content/checklists/first.yaml:6:40",
            vec![
                t("book.yaml", "title: T\nrules:\n  probation_weeks: 4–6\n"),
                t("content/checklists/_section.md", CHECKLISTS),
                t("content/checklists/first.yaml", "title: C\nwhen: After {{ rules.probation_weeks }} weeks\nsections:\n  - title: S\n    items:\n      - { table: { columns: [Goal, \"By {{ rules.probaton_weeks }}\"], rows: 2 } }\n"),
            ],
        ),
        case(
            "a rule no page uses",
            "W-RULE-UNUSED",
            "book.yaml:3:3",
            vec![t("book.yaml", "title: T\nrules:\n  pool_review_years: 2\n")],
        ),
        case(
            "a rule name with capitals",
            "E-RULE-NAME",
            "book.yaml:3:3",
            vec![t("book.yaml", "title: T\nrules:\n  Meetings: 4\n")],
        ),
        // --- files and folders ---
        case(
            "no content folder",
            "E-CONTENT-MISSING",
            "content",
            vec![File::AbsentDir("content")],
        )
        .also(&["E-HOME-MISSING"]),
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
            "an asset that links out of the handbook",
            "E-SYMLINK-ESCAPE",
            "assets/logo.svg",
            vec![
                t("../outside.svg", "<svg/>"),
                File::Symlink("assets/logo.svg", "../../outside.svg"),
            ],
        ),
        case(
            "a template that links out of the handbook",
            "E-SYMLINK-ESCAPE",
            "templates/page.html",
            vec![
                t("../outside.html", "{{ page.title }}"),
                File::Symlink("templates/page.html", "../../outside.html"),
            ],
        ),
        case(
            "a theme given as a path",
            "E-THEME",
            "book.yaml:2:8",
            vec![t("book.yaml", "title: T\ntheme: /usr/lib\n")],
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
            vec![t("book.yaml", "title: T\nvariants:\n  p:\n    institution: { name: P }\n")],
        ),
        case(
            "paper that is neither a4 nor letter",
            "E-PAPER",
            "book.yaml:2:17",
            vec![t("book.yaml", "title: T\nprint: { paper: a5 }\n")],
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
            "a javascript: link in mixed case",
            "E-URL-SCRIPT",
            "content/index.md:4:5",
            vec![t(
                "content/index.md",
                "---\ntitle: Home\n---\nSee [the form](JaVaScript:alert(document.cookie)).\n",
            )],
        ),
        case(
            "a data: link to an HTML document",
            "E-URL-SCRIPT",
            "content/index.md:4:1",
            vec![t(
                "content/index.md",
                "---\ntitle: Home\n---\n[x](data:text/html;base64,PHNjcmlwdD4=)\n",
            )],
        ),
        case(
            "an institution url with vbscript:",
            "E-URL-SCRIPT",
            "book.yaml:4:8",
            vec![t(
                "book.yaml",
                "title: T\ninstitution:\n  name: U\n  url: \"vbscript:msgbox(1)\"\n",
            )],
        ),
        case(
            "a contact that is a javascript: address",
            "E-URL-SCRIPT",
            "book.yaml:3:12",
            vec![t(
                "book.yaml",
                "title: T\ninstitution:\n  contact: \"javascript:alert(1)\"\n",
            )],
        ),
        case(
            "a source url with javascript:",
            "E-URL-SCRIPT",
            "content/sources.yaml:3:8",
            vec![
                t(
                    "content/sources.yaml",
                    "s1:\n  title: A study\n  url: \"javascript:alert(1)\"\n",
                ),
                t("content/index.md", "---\ntitle: Home\n---\nAs shown [@s1].\n"),
            ],
        ),
        case(
            "a file: link",
            "E-URL-SCHEME",
            "content/index.md:4:5",
            vec![t(
                "content/index.md",
                "---\ntitle: Home\n---\nSee [f](file:///etc/passwd).\n",
            )],
        ),
        case(
            "a protocol-relative image",
            "E-URL-SCHEME",
            "content/index.md:4:1",
            vec![t(
                "content/index.md",
                "---\ntitle: Home\n---\n![Logo](//host/x.png)\n",
            )],
        ),
        case(
            "a source url with ssh:",
            "E-URL-SCHEME",
            "content/sources.yaml:3:8",
            vec![
                t(
                    "content/sources.yaml",
                    "s1:\n  title: A study\n  url: \"ssh://x\"\n",
                ),
                t("content/index.md", "---\ntitle: Home\n---\nAs shown [@s1].\n"),
            ],
        ),
        case(
            "an institution url with an unknown scheme",
            "E-URL-SCHEME",
            "book.yaml:4:8",
            vec![t(
                "book.yaml",
                "title: T\ninstitution:\n  name: U\n  url: \"zzz:abc\"\n",
            )],
        ),
        case(
            "an HTML file in content/ with allow_html false",
            "E-FILE-SCRIPT",
            "content/evil.html",
            vec![
                t("book.yaml", "title: T\nallow_html: false\n"),
                t("content/evil.html", "<script>alert(1)</script>\n"),
            ],
        ),
        case(
            "a JavaScript module in assets/ with allow_html false",
            "E-FILE-SCRIPT",
            "assets/x.MJS",
            vec![
                t("book.yaml", "title: T\nallow_html: false\n"),
                t("assets/x.MJS", "alert(1)\n"),
            ],
        ),
        case(
            "an SVG with an onload handler with allow_html false",
            "E-FILE-SCRIPT",
            "assets/evil.svg:2:3",
            vec![
                t("book.yaml", "title: T\nallow_html: false\n"),
                t(
                    "assets/evil.svg",
                    "<svg xmlns=\"http://www.w3.org/2000/svg\">\n  <rect onload=\"alert(1)\"/>\n</svg>\n",
                ),
            ],
        ),
        case(
            "an SVG in content/ that refers outside the handbook, with allow_html false",
            "E-FILE-SCRIPT",
            "content/img/logo.svg:1:41",
            vec![
                t("book.yaml", "title: T\nallow_html: false\n"),
                t(
                    "content/img/logo.svg",
                    "<svg xmlns=\"http://www.w3.org/2000/svg\"><image href=\"../../book.yaml\"/></svg>\n",
                ),
            ],
        ),
        case(
            "a base_url with a space and angle brackets",
            "E-BASE-URL",
            "book.yaml:2:11",
            vec![t("book.yaml", "title: T\nbase_url: \"https://a.org/x y<z>\"\n")],
        ),
        case(
            "a base_url with no host",
            "E-BASE-URL",
            "book.yaml:2:11",
            vec![t("book.yaml", "title: T\nbase_url: \"https://\"\n")],
        ),
        case(
            "a title with a bell and an escape",
            "W-CONTROL-CHARACTER",
            "content/index.md:2:10",
            vec![t("content/index.md", "---\ntitle: Ho\u{7}me\u{1b}[31m\n---\nText.\n")],
        ),
        case(
            "an invalid slug, and a link within the page",
            "E-SLUG",
            "content/one.md:3:7",
            vec![t(
                "content/one.md",
                "---\ntitle: One\nslug: \"Bad Slug\"\n---\nSee [two](#two).\n\n## Two\n\nText.\n",
            )],
        ),
        case(
            "a rule in a title",
            "E-RULE-TITLE",
            "content/index.md:2:8",
            vec![
                t("book.yaml", "title: T\nrules:\n  a: four\n"),
                t("content/index.md", "---\ntitle: \"Meet {{ rules.a }} times\"\n---\nMeet {{ rules.a }} times.\n"),
            ],
        ),
        case(
            "a page over 4 MB",
            "E-FILE-SIZE",
            "content/log.md",
            vec![t(
                "content/log.md",
                format!("---\ntitle: Log\n---\n{}", "x".repeat(4 * 1024 * 1024)),
            )],
        ),
        case(
            "a heading that takes the theme's id",
            "E-ID-RESERVED",
            "content/index.md:5:1",
            vec![t(
                "content/index.md",
                "---\ntitle: Home\n---\n\n## Overview {#main}\n",
            )],
        ),
        case(
            "a heading with an event handler",
            "W-HEADING-ATTRIBUTE",
            "content/index.md:5:1",
            vec![t(
                "content/index.md",
                "---\ntitle: Home\n---\n\n## Hi {#h autofocus onfocus=alert(1) tabindex=1}\n",
            )],
        ),
        case(
            "a page named like the search page",
            "E-URL-COLLISION",
            "content/search.md",
            vec![t("content/search.md", "---\ntitle: Search tips\n---\nTips.\n")],
        ),
        case(
            "a page named like the page of changes",
            "E-URL-COLLISION",
            "content/changes.md",
            vec![t("content/changes.md", "---\ntitle: Changes\n---\nOurs.\n")],
        ),
        // Found without rendering when another fault stops the build: reported together.
        case(
            "a page named like the search page, and a broken link",
            "E-URL-COLLISION",
            "content/search.md",
            vec![
                t("content/search.md", "---\ntitle: Search tips\n---\nTips.\n"),
                t("content/index.md", "---\ntitle: Home\n---\n[x](missing.md)\n"),
            ],
        )
        .also(&["E-LINK"]),
        case(
            "a content file named like the theme's stylesheet",
            "E-URL-COLLISION",
            "content/theme/style.css",
            vec![t("content/theme/style.css", "body { color: red }\n")],
        ),
        case(
            "an empty slug",
            "E-SLUG",
            "content/roles/empty.md:3:7",
            vec![
                t("content/roles/_section.md", ROLES),
                t("content/roles/mentor.md", MENTOR),
                t("content/roles/empty.md", "---\ntitle: Empty\nslug: \"\"\n---\nText.\n"),
            ],
        ),
        case(
            "a file name with no letters",
            "E-SLUG",
            "content/---.md:2:8",
            vec![t("content/---.md", "---\ntitle: Dashes\n---\nText.\n")],
        ),
        case(
            "a colour without quotes, read as a comment",
            "E-FIELD-EMPTY",
            "book.yaml:4:14",
            vec![t(
                "book.yaml",
                "title: T\ninstitution:\n  colors:\n    primary: #0b5d4b\n",
            )],
        ),
        case(
            "a review date that is not a date",
            "E-DATE",
            "book.yaml:2:11",
            vec![t("book.yaml", "title: T\nreviewed: 1 November 2026\n")],
        ),
        case(
            "a language written as a word",
            "E-LANGUAGE",
            "book.yaml:2:11",
            vec![t("book.yaml", "title: T\nlanguage: English\n")],
        ),
        case(
            "a base URL with no scheme",
            "E-BASE-URL",
            "book.yaml:2:11",
            vec![t("book.yaml", "title: T\nbase_url: handbook.uni.edu\n")],
        ),
        case(
            "a source year in words",
            "E-FIELD-TYPE",
            "content/sources.yaml:3:9",
            vec![
                t("content/sources.yaml", "s1:\n  title: A study\n  year: twenty-twenty\n"),
                t("content/index.md", "---\ntitle: Home\n---\nAs shown [@s1].\n"),
            ],
        ),
        case(
            "a page with an upper-case extension",
            "E-FILE-EXTENSION",
            "content/Notes.MD:1:1",
            vec![t("content/Notes.MD", "---\ntitle: Notes\n---\nPrivate notes.\n")],
        ),
        case(
            "an output folder outside the handbook",
            "E-PATH-ESCAPE",
            "book.yaml:2:13",
            vec![t("book.yaml", "title: T\noutput_dir: ../../var/www\n")],
        ),
        case(
            "a base URL at example.org",
            "W-PLACEHOLDER",
            "book.yaml:2:11",
            vec![t("book.yaml", "title: T\nbase_url: https://handbook.example.org/\n")],
        ),
        case(
            "a link to example.com in a page",
            "W-PLACEHOLDER",
            "content/index.md:4:10",
            vec![t(
                "content/index.md",
                "---\ntitle: Home\n---\nWrite to [the chair](mailto:chair@example.com).\n",
            )],
        ),
        case(
            "a theme's surfaces manifest with a colour name",
            "E-THEME",
            "themes/named/surfaces.yaml",
            vec![
                t("book.yaml", "title: T\ntheme: named\n"),
                t(
                    "themes/named/surfaces.yaml",
                    "code: bg\nsurfaces:\n  bg: { light: white, dark: \"#000000\", where: the page }\n",
                ),
            ],
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
            "a theme whose surfaces cannot be read",
            "E-THEME",
            "themes/mine/surfaces.yaml",
            vec![
                t("book.yaml", "title: T\ntheme: mine\n"),
                t("themes/mine/surfaces.yaml", "surfaces: [1, 2]\n"),
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

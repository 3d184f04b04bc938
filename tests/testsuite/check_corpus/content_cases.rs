//! Corpus cases for faults inside one file: YAML, fields, front matter, slugs, checklists.

use super::case::*;

pub fn cases() -> Vec<Case> {
    vec![
        // --- YAML syntax and shape ---
        case(
            "front matter that is not YAML",
            "E-YAML",
            "content/page.md:3:10",
            vec![t(
                "content/page.md",
                "---\ntitle: Broken\nrelated: [a, b\n---\nBody\n",
            )],
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
            vec![t(
                "content/page.md",
                "---\ntitle: X\n42: answer\n---\nBody\n",
            )],
        ),
        // --- unknown fields ---
        case(
            "unknown front matter field",
            "E-FIELD-UNKNOWN",
            "content/page.md:3:1",
            vec![t(
                "content/page.md",
                "---\ntitle: Fine\nsumary: A typo\n---\nBody\n",
            )],
        ),
        case(
            "audience that is neither readers nor editors",
            "E-AUDIENCE",
            "content/page.md:3:11",
            vec![t(
                "content/page.md",
                "---\ntitle: Fine\naudience: editor\n---\nBody\n",
            )],
        ),
        case(
            "strategy field in a page",
            "E-FIELD-UNKNOWN",
            "content/page.md:3:1",
            vec![t(
                "content/page.md",
                "---\ntitle: Fine\nnumber: 3\n---\nBody\n",
            )],
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
            vec![t(
                "content/page.md",
                "---\ntitle: X\nweight: three\n---\nBody\n",
            )],
        ),
        case(
            "related as a mapping",
            "E-FIELD-TYPE",
            "content/page.md:3:10",
            vec![t(
                "content/page.md",
                "---\ntitle: X\nrelated: { a: b }\n---\nBody\n",
            )],
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
            checklists(t(
                "content/checklists/first.yaml",
                checklist("      - [a, b]\n"),
            )),
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
            vec![t(
                "content/page.md",
                "---\ntitle: Open\n\nThe body never starts.\n",
            )],
        ),
        // --- slugs, URLs, numbers ---
        case(
            "invalid slug",
            "E-SLUG",
            "content/page.md:3:7",
            vec![t(
                "content/page.md",
                "---\ntitle: X\nslug: Bad Slug\n---\nBody\n",
            )],
        ),
        case(
            "two files with one slug",
            "E-SLUG-DUPLICATE",
            "content/roles/mentor.md:2:8",
            vec![
                t("content/roles/_section.md", ROLES),
                t(
                    "content/roles/01-mentor.md",
                    "---\ntitle: First mentor\n---\n",
                ),
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
                t(
                    "content/roles/zguide.md",
                    "---\ntitle: Guide\nslug: mentor\n---\n",
                ),
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
                // Read as the strategy it is, so `number` and `roles` are no faults of its own.
                t(
                    "content/strategies/trust.md",
                    "---\ntitle: Trust\nnumber: 1\nroles: []\n---\n",
                ),
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
        case(
            "a table with no rows",
            "E-CHECKLIST-TABLE",
            "content/checklists/first.yaml:6:52",
            checklists(t(
                "content/checklists/first.yaml",
                checklist(
                    "      - Meet\n      - { table: { columns: [Goal, By when], rows: 0 } }\n",
                ),
            )),
        ),
        case(
            "a table with no columns",
            "E-CHECKLIST-TABLE",
            "content/checklists/first.yaml:6:20",
            checklists(t(
                "content/checklists/first.yaml",
                checklist("      - Meet\n      - { table: { columns: [], rows: 2 } }\n"),
            )),
        ),
        case(
            "a table of 9 columns",
            "E-CHECKLIST-TABLE",
            "content/checklists/first.yaml:6:54",
            checklists(t(
                "content/checklists/first.yaml",
                checklist(
                    "      - Meet\n      - { table: { columns: [A, B, C, D, E, F, G, H, I], rows: 2 } }\n",
                ),
            )),
        ),
        case(
            "a checklist item in a script the PDFs have no face for",
            "W-PDF-GLYPH",
            "content/checklists/first.yaml:6:15",
            checklists(t(
                "content/checklists/first.yaml",
                checklist("      - Meet\n      - Greet 你好 and ہر ملاقات\n"),
            )),
        ),
        case(
            "a field of 13 lines",
            "E-CHECKLIST-FIELD",
            "content/checklists/first.yaml:6:32",
            checklists(t(
                "content/checklists/first.yaml",
                checklist("      - Meet\n      - { field: Goals, lines: 13 }\n"),
            )),
        ),
        case(
            "a field of \"three\" lines",
            "E-CHECKLIST-FIELD",
            "content/checklists/first.yaml:7:16",
            checklists(t(
                "content/checklists/first.yaml",
                checklist("      - Meet\n      - field: Goals\n        lines: three\n"),
            )),
        ),
        case(
            "a checklist named like the PDF of all checklists",
            "E-PDF-NAME",
            "content/checklists/checklists.yaml:1:8",
            checklists(t(
                "content/checklists/checklists.yaml",
                checklist("      - Meet\n"),
            )),
        ),
        case(
            "a field that shares an id with an item",
            "E-CHECKLIST-ID",
            "content/checklists/first.yaml:6:18",
            checklists(t(
                "content/checklists/first.yaml",
                checklist("      - Meet\n      - { field: Meet }\n"),
            )),
        ),
    ]
}

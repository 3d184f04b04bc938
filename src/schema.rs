//! JSON Schemas for the files editors write, for editors that validate YAML as you type
//! (yaml-language-server). `check` remains the authority: it also knows what no schema can
//! say, such as whether a `related` page or a citation key exists.
//!
//! The property lists come from the same constants the loaders use, and a test keeps them in
//! step, so a field added to the model cannot be forgotten here.

use serde_json::{Value, json};

use crate::content::Kind;

/// Names accepted by `handbook schema --kind`.
pub const KINDS: &[&str] = &[
    "book",
    "sources",
    "checklist",
    "section",
    "page",
    "strategy",
    "role",
    "scenario",
];

const DRAFT: &str = "http://json-schema.org/draft-07/schema#";

fn text() -> Value {
    json!({ "type": "string", "minLength": 1 })
}

fn text_list() -> Value {
    json!({ "oneOf": [ { "type": "array", "items": { "type": "string" } }, { "type": "string" } ] })
}

fn scalar_text() -> Value {
    json!({ "type": ["string", "number"] })
}

fn color() -> Value {
    json!({ "type": "string", "pattern": "^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$", "description": "hex colour for the light scheme, e.g. \"#0b5d4b\"" })
}

fn dark_color() -> Value {
    json!({ "type": "string", "pattern": "^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$", "description": "hex colour for the dark scheme, e.g. \"#6eb59f\"; left out, the theme derives one that reads at 6:1" })
}

fn object(title: &str, properties: Value, required: &[&str]) -> Value {
    json!({
        "type": "object",
        "title": title,
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })
}

fn common_fields() -> serde_json::Map<String, Value> {
    let mut p = serde_json::Map::new();
    p.insert("title".into(), text());
    p.insert(
        "slug".into(),
        json!({ "type": "string", "pattern": "^[^A-Z\\s/]+$" }),
    );
    p.insert("weight".into(), json!({ "type": "integer" }));
    p.insert("summary".into(), json!({ "type": "string" }));
    p.insert("related".into(), text_list());
    p.insert("sources".into(), text_list());
    p.insert("draft".into(), json!({ "type": "boolean" }));
    p.insert(
        "own_guidance".into(),
        json!({ "type": "boolean", "description": "true: the page is the handbook's own guidance, not drawn from sources; it shows a note" }),
    );
    p
}

pub fn book() -> Value {
    let institution = object(
        "institution",
        json!({
            "name": text(), "short_name": text(), "logo": text(), "url": text(), "contact": text(),
            "colors": object("colors", json!({
                "primary": color(), "accent": color(),
                "dark": object("colors.dark", json!({ "primary": dark_color(), "accent": dark_color() }), &[]),
            }), &[]),
        }),
        &[],
    );
    let mut schema = object(
        "book.yaml",
        json!({
            "title": text(),
            "subtitle": { "type": "string" },
            "edition": scalar_text(),
            "reviewed": scalar_text(),
            "language": { "type": "string", "pattern": "^[A-Za-z]{2,3}([-_][A-Za-z0-9]+)*$" },
            "base_url": { "type": "string" },
            "output_dir": text(),
            "institution": institution,
            "theme": text(),
            "rules": {
                "type": "object",
                "description": "Local rules: content writes {{ rules.name }} for the value (in page bodies, summary, responsibilities, discussion and checklist text; never in titles, slugs or code). Unknown names are errors; unused rules are warnings.",
                "propertyNames": { "pattern": "^[a-z0-9_]+$" },
                "additionalProperties": { "type": ["string", "number"] },
            },
            "search": { "type": "boolean" },
            "allow_html": { "type": "boolean", "description": "false: raw HTML in Markdown is sanitised (for editors who are not all trusted)." },
            "sample": { "type": "boolean", "description": "Only in the bundled example: no placeholder warnings, and the site says it is a sample." },
            "print": object("print", json!({ "paper": { "enum": ["a4", "letter"] }, "handbook_pdf": { "enum": [true, false, "auto"] } }), &[]),
            "variants": { "type": "object", "additionalProperties": object("variant", json!({
                "institution": { "type": "object" },
                "content": text(),
            }), &[]) },
        }),
        &["title"],
    );
    schema["$schema"] = json!(DRAFT);
    schema
}

pub fn sources() -> Value {
    let source = object(
        "source",
        json!({
            "title": text(),
            "description": { "type": "string", "description": "for a work with no title of its own: what it is (shown in square brackets)" },
            "authors": { "type": "array", "items": { "type": "string" } },
            "venue": { "type": "string" },
            "year": { "type": ["integer", "string"] },
            "doi": { "type": "string" },
            "url": { "type": "string" },
            "note": { "type": "string" },
        }),
        &[],
    );
    let mut source = source;
    source["anyOf"] = json!([{ "required": ["title"] }, { "required": ["description"] }]);
    json!({
        "$schema": DRAFT,
        "title": "sources.yaml",
        "type": "object",
        "additionalProperties": source,
    })
}

pub fn checklist() -> Value {
    let table = object(
        "table",
        json!({
            "columns": { "type": "array", "items": text(), "minItems": 1, "maxItems": crate::content::checklist::MAX_TABLE_COLUMNS },
            "rows": { "type": "integer", "minimum": 1, "maximum": crate::content::checklist::MAX_TABLE_ROWS },
        }),
        &["columns", "rows"],
    );
    let item = json!({ "oneOf": [
        text(),
        object("item", json!({ "text": text(), "note": { "type": "string" }, "id": text() }), &["text"]),
        object("field", json!({
            "field": text(),
            "note": { "type": "string" },
            "id": text(),
            "lines": { "type": "integer", "minimum": 1, "maximum": crate::content::checklist::MAX_FIELD_LINES, "description": "writing lines the field gives (default 1)" },
        }), &["field"]),
        object("table", json!({ "table": table, "id": text() }), &["table"]),
    ] });
    let section = object(
        "checklist section",
        json!({ "title": text(), "items": { "type": "array", "items": item, "minItems": 1 } }),
        &["title", "items"],
    );
    let mut p = common_fields();
    p.insert("audience".into(), text_list());
    p.insert("when".into(), json!({ "type": "string" }));
    p.insert("intro".into(), json!({ "type": "string" }));
    p.insert(
        "sections".into(),
        json!({ "type": "array", "items": section, "minItems": 1 }),
    );
    p.insert("record".into(), text_list());
    p.insert("sign_off".into(), text_list());
    let mut schema = object("checklist", Value::Object(p), &["title", "sections"]);
    schema["$schema"] = json!(DRAFT);
    schema
}

pub fn section() -> Value {
    let mut schema = object(
        "_section.md front matter",
        json!({
            "title": text(),
            "kind": { "enum": Kind::NAMES },
            "weight": { "type": "integer" },
            "summary": { "type": "string" },
        }),
        &[],
    );
    schema["$schema"] = json!(DRAFT);
    schema
}

pub fn front_matter(kind: Kind) -> Value {
    let mut p = common_fields();
    p.insert(
        "audience".into(),
        json!({ "enum": ["readers", "editors"], "description": "who the page is for: readers (the default) or editors (kept out of the readers' menu, linked from the footer)" }),
    );
    let mut required = vec!["title"];
    match kind {
        Kind::Strategy => {
            p.insert("number".into(), json!({ "type": "integer", "minimum": 1 }));
            p.insert("roles".into(), text_list());
            required.push("number");
        }
        Kind::Role => {
            p.insert(
                "responsibilities".into(),
                json!({ "type": "array", "items": { "type": "string" } }),
            );
        }
        Kind::Scenario => {
            p.insert("themes".into(), text_list());
            p.insert(
                "discussion".into(),
                json!({ "type": "array", "items": { "type": "string" } }),
            );
        }
        Kind::Page | Kind::Checklist => {}
    }
    let mut schema = object(
        &format!("{} front matter", kind.name()),
        Value::Object(p),
        &required,
    );
    schema["$schema"] = json!(DRAFT);
    schema
}

/// The schema named `name` (one of `KINDS`).
pub fn by_name(name: &str) -> Option<Value> {
    Some(match name {
        "book" => book(),
        "sources" => sources(),
        "checklist" => checklist(),
        "section" => section(),
        other => front_matter(Kind::parse(other).filter(|k| *k != Kind::Checklist)?),
    })
}

/// Every schema, keyed by name.
pub fn all() -> Value {
    let map: serde_json::Map<String, Value> = KINDS
        .iter()
        .filter_map(|k| by_name(k).map(|s| (k.to_string(), s)))
        .collect();
    Value::Object(map)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config;
    use crate::content::{bibliography, checklist, front_matter};

    fn keys(schema: &Value) -> Vec<String> {
        let mut keys: Vec<String> = schema["properties"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        keys.sort();
        keys
    }

    fn sorted(list: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = list.iter().map(|s| s.to_string()).collect();
        v.sort();
        v
    }

    #[test]
    fn schemas_list_exactly_the_fields_the_loaders_accept() {
        assert_eq!(keys(&book()), sorted(config::TOP_KEYS));
        assert_eq!(
            keys(&book()["properties"]["institution"]),
            sorted(config::INSTITUTION_KEYS)
        );
        assert_eq!(
            keys(&book()["properties"]["institution"]["properties"]["colors"]),
            sorted(config::COLOR_KEYS)
        );
        assert_eq!(
            keys(
                &book()["properties"]["institution"]["properties"]["colors"]["properties"]["dark"]
            ),
            sorted(config::DARK_COLOR_KEYS)
        );
        assert_eq!(
            keys(&sources()["additionalProperties"]),
            sorted(bibliography::FIELDS)
        );
        assert_eq!(keys(&checklist()), sorted(&checklist::fields()));
        let section_schema = &checklist()["properties"]["sections"]["items"];
        assert_eq!(keys(section_schema), sorted(checklist::SECTION_FIELDS));
        let items = &section_schema["properties"]["items"]["items"]["oneOf"];
        assert_eq!(keys(&items[1]), sorted(checklist::ITEM_FIELDS));
        assert_eq!(keys(&items[2]), sorted(checklist::FIELD_FIELDS));
        assert_eq!(keys(&items[3]), sorted(checklist::TABLE_FIELDS));
        assert_eq!(
            keys(&items[3]["properties"]["table"]),
            sorted(checklist::TABLE_SHAPE)
        );
        assert_eq!(keys(&section()), sorted(front_matter::SECTION));
        for kind in [Kind::Page, Kind::Strategy, Kind::Role, Kind::Scenario] {
            assert_eq!(
                keys(&front_matter(kind)),
                sorted(&front_matter::allowed(kind)),
                "{kind:?}"
            );
        }
    }

    #[test]
    fn every_name_has_a_schema() {
        for name in KINDS {
            assert!(by_name(name).is_some(), "{name}");
        }
        assert!(by_name("nonsense").is_none());
    }
}

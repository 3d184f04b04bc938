//! Checklists: structured YAML files in a checklist section, rendered as interactive pages
//! whose ticks are kept in the reader's browser, keyed by each item's stable `id`.

mod ids;

use std::collections::HashMap;
use std::sync::Arc;

use super::front_matter::{Common, read_common};
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::source::SourceFile;
use crate::yaml::{self, Fields, Node, Spanned, Value};

/// Fields of a checklist file besides those every kind has.
const OWN_FIELDS: &[&str] = &[
    "audience", "when", "intro", "record", "sections", "sign_off",
];

/// Every field a checklist file may have.
pub(crate) fn fields() -> Vec<&'static str> {
    super::front_matter::COMMON
        .iter()
        .chain(OWN_FIELDS)
        .copied()
        .collect()
}
pub(crate) const SECTION_FIELDS: &[&str] = &["title", "items"];
pub(crate) const ITEM_FIELDS: &[&str] = &["text", "note", "id"];
pub(crate) const FIELD_FIELDS: &[&str] = &["field", "note", "id", "lines"];
pub(crate) const TABLE_FIELDS: &[&str] = &["table", "id"];
pub(crate) const TABLE_SHAPE: &[&str] = &["columns", "rows"];
/// A table to fill in has at most this many rows (a sheet of paper holds about that many).
pub const MAX_TABLE_ROWS: i64 = 30;
/// A table to fill in has at most this many columns (wider ones do not fit a phone or a sheet).
pub const MAX_TABLE_COLUMNS: usize = 8;
/// A field is at most this many writing lines tall.
pub const MAX_FIELD_LINES: i64 = 12;

#[derive(Debug, Clone)]
pub struct Checklist {
    pub audience: Vec<String>,
    /// Plain text; may hold `{{ rules.name }}`, replaced where it is shown.
    pub when: Option<Spanned<String>>,
    pub intro: Option<Spanned<String>>,
    /// Name and date fields at the top (`record: [mentor, mentee, date]`).
    pub record: Vec<String>,
    pub sections: Vec<ChecklistSection>,
    pub sign_off: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct ChecklistSection {
    pub title: String,
    pub items: Vec<ChecklistItem>,
}

#[derive(Debug, Clone)]
pub struct ChecklistItem {
    /// Inline Markdown: a tick item's text or a field's label; a table's column headings.
    pub text: Spanned<String>,
    pub note: Option<Spanned<String>>,
    /// Keys the item's tick or entries in the browser, and is its anchor.
    pub id: String,
    pub kind: ItemKind,
}

/// What an item asks of its reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemKind {
    /// A box to tick.
    Tick,
    /// A labelled space to write on, `lines` writing lines tall (1 to `MAX_FIELD_LINES`).
    Field { lines: usize },
    /// A table of empty rows under column headings (plain text; may hold rules, replaced
    /// where they are shown).
    Table {
        columns: Vec<Spanned<String>>,
        rows: usize,
    },
}

pub fn read(file: &Arc<SourceFile>, diagnostics: &mut Diagnostics) -> Option<(Common, Checklist)> {
    let node = match yaml::parse(0, &file.text) {
        Ok(node) => node,
        Err(err) => {
            diagnostics.push(
                Diagnostic::new(
                    Code::Yaml,
                    format!("checklist is not valid YAML: {}", err.message),
                )
                .at(file, err.offset..err.offset)
                .hint_opt(err.hint),
            );
            return None;
        }
    };
    let before = diagnostics.error_count();
    let fields = fields();
    let mut f = Fields::read(file, &node, &fields, "checklist", diagnostics)?;
    let common = read_common(&mut f, "this checklist");
    let audience = f
        .text_list("audience")
        .into_iter()
        .map(|a| a.value)
        .collect();
    let when = f.text("when");
    let intro = f.text("intro");
    let record: Vec<String> = f.text_list("record").into_iter().map(|r| r.value).collect();
    let sign_off = f
        .text_list("sign_off")
        .into_iter()
        .map(|s| s.value)
        .collect();
    let mut sections = Vec::new();
    match f.node("sections") {
        Some(Node {
            value: Value::Seq(nodes),
            ..
        }) => {
            for node in nodes {
                if let Some(section) = read_section(file, node, f.diagnostics()) {
                    sections.push(section);
                }
            }
        }
        Some(other) => f.type_error(other, "sections", "a list of sections"),
        None => {
            let span = f.key_span("sections").unwrap_or_else(|| f.start());
            let d = Diagnostic::new(Code::ChecklistEmpty, "this checklist has no sections")
                .at(file, span)
                .hint("add `sections:` with at least one `title:` and its `items:`");
            f.diagnostics().push(d);
        }
    }
    let mut seen: HashMap<String, std::ops::Range<usize>> = HashMap::new();
    for item in sections.iter().flat_map(|s| &s.items) {
        if let Some(first) = seen.insert(item.id.clone(), item.text.span.clone()) {
            let (line, _) = file.line_col(first.start);
            let d = Diagnostic::new(
                Code::ChecklistId,
                format!("two items of this checklist share the id `{}`", item.id),
            )
            .at(file, item.text.span.clone())
            .hint(format!(
                "the other is on line {line}; give one an `id:` of its own"
            ));
            diagnostics.push(d);
        }
    }
    ids::report_shared(file, &record, &sections, diagnostics);
    if diagnostics.error_count() > before {
        return None;
    }
    Some((
        common?,
        Checklist {
            audience,
            when,
            intro,
            record,
            sections,
            sign_off,
        },
    ))
}

fn read_section(
    file: &Arc<SourceFile>,
    node: &Node,
    diagnostics: &mut Diagnostics,
) -> Option<ChecklistSection> {
    let mut f = Fields::read(file, node, SECTION_FIELDS, "checklist section", diagnostics)?;
    let title = f.required_text("title", "this checklist section");
    let mut items = Vec::new();
    match f.node("items") {
        Some(Node {
            value: Value::Seq(nodes),
            ..
        }) if !nodes.is_empty() => {
            for node in nodes {
                if let Some(item) = read_item(file, node, f.diagnostics()) {
                    items.push(item);
                }
            }
        }
        Some(Node {
            value: Value::Seq(_),
            span,
        }) => {
            let d = Diagnostic::new(Code::ChecklistEmpty, "this checklist section has no items")
                .at(file, span.clone());
            f.diagnostics().push(d);
        }
        Some(other) => f.type_error(other, "items", "a list of items"),
        None => {
            let span = title.as_ref().map_or(node.span.clone(), |t| t.span.clone());
            let d = Diagnostic::new(Code::ChecklistEmpty, "this checklist section has no items")
                .at(file, span)
                .hint("add `items:` with one line per thing to tick");
            f.diagnostics().push(d);
        }
    }
    Some(ChecklistSection {
        title: title?.value,
        items,
    })
}

/// True when `node` is a mapping with the key `name`.
fn has_key(node: &Node, name: &str) -> bool {
    matches!(&node.value, Value::Map(entries)
        if entries.iter().any(|(k, _)| matches!(&k.value, Value::Str(s) if s == name)))
}

fn read_item(
    file: &Arc<SourceFile>,
    node: &Node,
    diagnostics: &mut Diagnostics,
) -> Option<ChecklistItem> {
    if has_key(node, "table") {
        return read_table(file, node, diagnostics);
    }
    let is_field = has_key(node, "field");
    let (text, note, id, lines) = match &node.value {
        Value::Map(_) => {
            let (allowed, key, what) = if is_field {
                (FIELD_FIELDS, "field", "checklist field")
            } else {
                (ITEM_FIELDS, "text", "checklist item")
            };
            let mut f = Fields::read(file, node, allowed, what, diagnostics)?;
            let text = f.required_text(key, &format!("this {what}"));
            let note = f.text("note");
            let id = f.text("id");
            let lines = if is_field {
                read_lines(file, &mut f)
            } else {
                Some(1)
            };
            (text?, note, id, lines?)
        }
        _ => match node.as_text() {
            Some(text) => (Spanned::new(text, node.span.clone()), None, None, 1),
            None => {
                diagnostics.push(
                    Diagnostic::new(
                        Code::FieldType,
                        format!("a checklist item must be text, not {}", node.type_name()),
                    )
                    .at(file, node.span.clone()),
                );
                return None;
            }
        },
    };
    if text.value.trim().is_empty() {
        diagnostics.push(
            Diagnostic::new(Code::ChecklistItemEmpty, "this checklist item has no text")
                .at(file, node.span.clone()),
        );
        return None;
    }
    let id = match id {
        Some(id) => id.value,
        None => item_id(&text.value),
    };
    let kind = if is_field {
        ItemKind::Field { lines }
    } else {
        ItemKind::Tick
    };
    Some(ChecklistItem {
        text,
        note,
        id,
        kind,
    })
}

/// A field's `lines:`, 1 when absent; `None` (reported) when it is not a whole number from 1
/// to `MAX_FIELD_LINES`.
fn read_lines(file: &Arc<SourceFile>, f: &mut Fields) -> Option<usize> {
    let Some(node) = f.node("lines") else {
        return Some(1);
    };
    match &node.value {
        Value::Int(n) if (1..=MAX_FIELD_LINES).contains(n) => Some(*n as usize),
        _ => {
            let written = file.text.get(node.span.clone()).unwrap_or("").trim();
            let d = Diagnostic::new(
                Code::ChecklistField,
                format!(
                    "a field's `lines:` must be a whole number from 1 to {MAX_FIELD_LINES}, not `{written}`"
                ),
            )
            .at(file, node.span.clone())
            .hint("the number of writing lines the field gives, e.g. `lines: 3`; leave it out for one line");
            f.diagnostics().push(d);
            None
        }
    }
}

/// `{ table: { columns: [Goal, Action], rows: 4 }, id: goals }`.
fn read_table(
    file: &Arc<SourceFile>,
    node: &Node,
    diagnostics: &mut Diagnostics,
) -> Option<ChecklistItem> {
    let mut f = Fields::read(file, node, TABLE_FIELDS, "checklist table", diagnostics)?;
    let id = f.text("id");
    let shape = f.node("table")?;
    let mut t = Fields::read(file, shape, TABLE_SHAPE, "table", f.diagnostics())?;
    let columns: Vec<Spanned<String>> = t.text_list("columns");
    let rows = t.int("rows");
    let mut ok = true;
    if columns.is_empty() || columns.iter().any(|c| c.value.trim().is_empty()) {
        let d = Diagnostic::new(Code::ChecklistTable, "this table has no column headings")
            .at(
                file,
                t.key_span("columns").unwrap_or_else(|| shape.span.clone()),
            )
            .hint("give it `columns: [Goal, Action, By when]`");
        t.diagnostics().push(d);
        ok = false;
    } else if columns.len() > MAX_TABLE_COLUMNS {
        let d = Diagnostic::new(
            Code::ChecklistTable,
            format!(
                "this table has {} columns; a table has at most {MAX_TABLE_COLUMNS}",
                columns.len()
            ),
        )
        .at(file, columns[MAX_TABLE_COLUMNS].span.clone())
        .hint("merge or drop columns, or split the table in two: wide tables do not fit a phone or a printed sheet");
        t.diagnostics().push(d);
        ok = false;
    }
    let rows = match rows {
        Some(r) if (1..=MAX_TABLE_ROWS).contains(&r.value) => r.value as usize,
        other => {
            let span = other
                .map(|r| r.span)
                .or_else(|| t.key_span("rows"))
                .unwrap_or_else(|| shape.span.clone());
            let d = Diagnostic::new(
                Code::ChecklistTable,
                format!("a table needs `rows:`, a number from 1 to {MAX_TABLE_ROWS}"),
            )
            .at(file, span)
            .hint("the number of empty rows to fill in, e.g. `rows: 4`");
            t.diagnostics().push(d);
            return None;
        }
    };
    if !ok {
        return None;
    }
    let headings: Vec<&str> = columns.iter().map(|c| c.value.as_str()).collect();
    let text = Spanned::new(headings.join(", "), shape.span.clone());
    let id = match id {
        Some(id) => id.value,
        None => item_id(&text.value),
    };
    Some(ChecklistItem {
        text,
        note: None,
        id,
        kind: ItemKind::Table { columns, rows },
    })
}

/// The default id of an item: a slug of its first words, without citations.
fn item_id(text: &str) -> String {
    let without_citations: String = {
        let mut out = String::new();
        let mut rest = text;
        while let Some(start) = rest.find("[@") {
            out.push_str(&rest[..start]);
            rest = rest[start..]
                .find(']')
                .map_or("", |end| &rest[start + end + 1..]);
        }
        out.push_str(rest);
        out
    };
    let slug = crate::slug::slugify(&without_citations);
    let words: Vec<&str> = slug.split('-').take(8).collect();
    words.join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_get_stable_ids_from_their_text() {
        assert_eq!(
            item_id("Agree a time to meet [@rehman2025]"),
            "agree-a-time-to-meet"
        );
        assert_eq!(
            item_id("One two three four five six seven eight nine ten"),
            "one-two-three-four-five-six-seven-eight"
        );
    }

    #[test]
    fn duplicate_ids_are_errors() {
        let file = SourceFile::new(
            "c.yaml",
            "title: C\nsections:\n  - title: S\n    items:\n      - Same thing\n      - Same thing\n",
        );
        let mut diagnostics = Diagnostics::new();
        assert!(read(&file, &mut diagnostics).is_none());
        let d = diagnostics
            .iter()
            .find(|d| d.code == Code::ChecklistId)
            .unwrap();
        assert_eq!(d.position().unwrap().0, 6);
    }
}

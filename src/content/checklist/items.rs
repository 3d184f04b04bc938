//! The items of a checklist's section: boxes to tick, fields to write in, tables to fill in.

use std::sync::Arc;

use super::*;

/// True when `node` is a mapping with the key `name`.
fn has_key(node: &Node, name: &str) -> bool {
    matches!(&node.value, Value::Map(entries)
        if entries.iter().any(|(k, _)| matches!(&k.value, Value::Str(s) if s == name)))
}

pub(super) fn read_item(
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
pub(super) fn item_id(text: &str) -> String {
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

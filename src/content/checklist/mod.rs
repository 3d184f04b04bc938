//! Checklists: structured YAML files in a checklist section, rendered as interactive pages
//! whose ticks are kept in the reader's browser, keyed by each item's stable `id`.

mod ids;
mod items;

use items::read_item;

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

#[cfg(test)]
mod tests {
    use super::items::item_id;
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

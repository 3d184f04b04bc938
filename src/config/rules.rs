//! `rules:` in book.yaml: the local rules content uses as `{{ rules.name }}`.

use std::sync::Arc;

use super::Config;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::source::SourceFile;
use crate::yaml;

/// The local rules, by name.
pub type Rules = std::collections::BTreeMap<String, Rule>;

impl Config {
    /// `text` with each `{{ rules.name }}` replaced by the rule's value.
    pub fn with_rules(&self, text: &str) -> String {
        crate::markdown::rules::substitute(text, |name| {
            self.rules.get(name).map(|r| r.value.clone())
        })
        .into_owned()
    }
}

/// One local rule: its value as text, and where its name is written (for the unused warning).
#[derive(Debug, Clone)]
pub struct Rule {
    pub value: String,
    pub key_span: std::ops::Range<usize>,
}

/// `rules:`, a mapping of names (lowercase letters, digits, `_`) to short text or numbers.
pub(super) fn read_rules(
    file: &Arc<SourceFile>,
    node: &yaml::Node,
    diagnostics: &mut Diagnostics,
) -> std::collections::BTreeMap<String, Rule> {
    let mut rules = std::collections::BTreeMap::new();
    let yaml::Value::Map(entries) = &node.value else {
        diagnostics.push(
            Diagnostic::new(
                Code::FieldType,
                format!(
                    "`rules` must be a mapping of names to values, not {}",
                    node.type_name()
                ),
            )
            .at(file, node.span.clone())
            .hint("write one `name: value` line per rule, indented under `rules:`"),
        );
        return rules;
    };
    for (key, value) in entries {
        let name = key.as_text().unwrap_or_default();
        let valid = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !valid {
            let clean = crate::slug::slugify(&name).replace('-', "_");
            diagnostics.push(
                Diagnostic::new(Code::RuleName, format!("`{name}` is not a rule name"))
                    .at(file, key.span.clone())
                    .hint(format!(
                        "rule names are lowercase letters, digits and `_`: `{clean}`"
                    )),
            );
            continue;
        }
        match value.as_text() {
            Some(text) => {
                rules.insert(
                    name,
                    Rule {
                        value: text,
                        key_span: key.span.clone(),
                    },
                );
            }
            None => diagnostics.push(
                Diagnostic::new(
                    Code::FieldType,
                    format!(
                        "the rule `{name}` must be text or a number, not {}",
                        value.type_name()
                    ),
                )
                .at(file, value.span.clone()),
            ),
        }
    }
    rules
}

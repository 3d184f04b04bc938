//! `Fields`: the keys of one YAML mapping read into typed values, reporting every unknown
//! key, missing key and wrong type with a "did you mean" hint, not only the first.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use super::{Node, Spanned, Value};
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::source::SourceFile;
use crate::suggest::did_you_mean;

/// Reads the keys of one YAML mapping into typed values, reporting every fault it meets.
pub struct Fields<'a> {
    file: &'a Arc<SourceFile>,
    map: BTreeMap<&'a str, (&'a Node, &'a Node)>,
    whole: Range<usize>,
    diagnostics: &'a mut Diagnostics,
}

impl<'a> Fields<'a> {
    /// `what` names the mapping in messages ("front matter", "book.yaml", "checklist item").
    pub fn read(
        file: &'a Arc<SourceFile>,
        node: &'a Node,
        allowed: &[&str],
        what: &str,
        diagnostics: &'a mut Diagnostics,
    ) -> Option<Fields<'a>> {
        let entries: &'a [(Node, Node)] = match &node.value {
            Value::Map(entries) => entries,
            Value::Null => &[],
            _ => {
                diagnostics.push(
                    Diagnostic::new(
                        Code::Type,
                        format!(
                            "{what} must be a mapping of `key: value` lines, not {}",
                            node.type_name()
                        ),
                    )
                    .at(file, node.span.clone()),
                );
                return None;
            }
        };
        let mut map = BTreeMap::new();
        for (key, value) in entries {
            let Value::Str(name) = &key.value else {
                diagnostics.push(
                    Diagnostic::new(Code::Type, format!("keys in {what} must be names"))
                        .at(file, key.span.clone()),
                );
                continue;
            };
            if !allowed.contains(&name.as_str()) {
                let hint = did_you_mean(name, allowed.iter().copied())
                    .map(|s| format!("did you mean `{s}`?"))
                    .unwrap_or_else(|| {
                        format!("the fields allowed here are: {}", allowed.join(", "))
                    });
                diagnostics.push(
                    Diagnostic::new(
                        Code::FieldUnknown,
                        format!("unknown field `{name}` in {what}"),
                    )
                    .at(file, key.span.clone())
                    .hint(hint),
                );
                continue;
            }
            map.insert(name.as_str(), (key, value));
        }
        Some(Fields {
            file,
            map,
            whole: node.span.clone(),
            diagnostics,
        })
    }

    pub fn file(&self) -> &Arc<SourceFile> {
        self.file
    }

    pub fn diagnostics(&mut self) -> &mut Diagnostics {
        self.diagnostics
    }

    pub fn has(&self, name: &str) -> bool {
        self.map.contains_key(name)
    }

    /// Where the mapping starts (its first key), for faults about the mapping as a whole.
    pub fn start(&self) -> Range<usize> {
        let first = self
            .map
            .values()
            .map(|(k, _)| k.span.clone())
            .min_by_key(|s| s.start);
        first.unwrap_or(self.whole.start..self.whole.start)
    }

    /// The key's span, for diagnostics about a field as a whole.
    pub fn key_span(&self, name: &str) -> Option<Range<usize>> {
        self.map.get(name).map(|(k, _)| k.span.clone())
    }

    pub fn node(&self, name: &str) -> Option<&'a Node> {
        self.map
            .get(name)
            .map(|(_, v)| *v)
            .filter(|v| v.value != Value::Null)
    }

    pub fn type_error(&mut self, node: &Node, name: &str, expected: &str) {
        let d = Diagnostic::new(
            Code::FieldType,
            format!(
                "`{name}` must be {expected}, but this is {}",
                node.type_name()
            ),
        )
        .at(self.file, node.span.clone());
        self.diagnostics.push(d);
    }

    pub fn text(&mut self, name: &str) -> Option<Spanned<String>> {
        self.report_comment_for_value(name);
        let node = self.node(name)?;
        match node.as_text() {
            Some(text) => Some(Spanned::new(text, node.span.clone())),
            None => {
                self.type_error(node, name, "text");
                None
            }
        }
    }

    /// `name: #0b5d4b` reads as an empty value followed by a comment: YAML starts a comment at
    /// ` #`. Said plainly, with the quoted value as the fix, rather than taken as empty.
    fn report_comment_for_value(&mut self, name: &str) {
        let Some((key, value)) = self.map.get(name).copied() else {
            return;
        };
        if value.value != Value::Null {
            return;
        }
        let text = &self.file.text;
        let after = key.span.end.min(text.len());
        let Some(rest) = text.get(after..) else {
            return;
        };
        let line = rest.lines().next().unwrap_or("");
        // `# a note` is a comment as meant; `#0b5d4b` or `#1` is a value that became one.
        let Some(comment) = line
            .trim_start_matches([':', ' ', '\t'])
            .strip_prefix('#')
            .filter(|c| c.starts_with(|c: char| !c.is_whitespace()))
        else {
            return;
        };
        let at = after + line.find('#').unwrap_or(0);
        let meant = format!("#{}", comment.trim_end());
        let d = Diagnostic::new(
            Code::FieldEmpty,
            format!("`{name}` has no value: in YAML a `#` after a space starts a comment, so `{meant}` was left out"),
        )
        .at(self.file, at..at + meant.len())
        .hint(format!("put the value in quotes: `{name}: \"{meant}\"`"));
        self.diagnostics.push(d);
    }

    /// A required, non-empty text field; missing or empty is an error at the mapping.
    pub fn required_text(&mut self, name: &str, what: &str) -> Option<Spanned<String>> {
        let value = self.text(name);
        match &value {
            Some(v) if v.value.trim().is_empty() => {
                let d = Diagnostic::new(Code::FieldEmpty, format!("`{name}` must not be empty"))
                    .at(self.file, v.span.clone());
                self.diagnostics.push(d);
                None
            }
            Some(_) => value,
            None if self.has(name) && self.node(name).is_some() => None,
            None => {
                let span = self
                    .key_span(name)
                    .unwrap_or(self.whole.start..self.whole.start);
                let d = Diagnostic::new(Code::FieldMissing, format!("{what} has no `{name}`"))
                    .at(self.file, span)
                    .hint(format!("add a line `{name}: …`"));
                self.diagnostics.push(d);
                None
            }
        }
    }

    pub fn int(&mut self, name: &str) -> Option<Spanned<i64>> {
        let node = self.node(name)?;
        match &node.value {
            Value::Int(i) => Some(Spanned::new(*i, node.span.clone())),
            _ => {
                self.type_error(node, name, "a whole number");
                None
            }
        }
    }

    pub fn bool(&mut self, name: &str) -> Option<bool> {
        let node = self.node(name)?;
        match &node.value {
            Value::Bool(b) => Some(*b),
            _ => {
                self.type_error(node, name, "true or false");
                None
            }
        }
    }

    /// A list of texts; a single text is accepted as a list of one.
    pub fn text_list(&mut self, name: &str) -> Vec<Spanned<String>> {
        let Some(node) = self.node(name) else {
            return Vec::new();
        };
        let items: Vec<&Node> = match &node.value {
            Value::Seq(items) => items.iter().collect(),
            Value::Str(_) => vec![node],
            _ => {
                self.type_error(node, name, "a list");
                return Vec::new();
            }
        };
        let mut out = Vec::new();
        for item in items {
            match item.as_text() {
                Some(text) => out.push(Spanned::new(text, item.span.clone())),
                None => self.type_error(item, name, "a list of texts"),
            }
        }
        out
    }
}

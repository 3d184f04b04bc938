//! YAML with a position for every value, and the limits that keep hostile input harmless.
//!
//! serde-saphyr parses (with caps on nesting depth, alias expansion and event counts); we keep
//! its output as a small tree of `Node`s that remember their byte span. The typed model is then
//! read from that tree by `Fields`, which reports *every* unknown key, missing key and wrong type
//! with a "did you mean" hint, instead of stopping at the first as serde's derive would.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::source::SourceFile;
use crate::suggest::did_you_mean;

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    /// Byte span in the whole file (not just the YAML block it came from).
    pub span: Range<usize>,
}

/// A value read from YAML together with where it was written.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Range<usize>,
}

impl<T> Spanned<T> {
    pub fn new(value: T, span: Range<usize>) -> Spanned<T> {
        Spanned { value, span }
    }
}

/// Why a YAML text could not be parsed, with the byte offset (in the whole file) it concerns.
#[derive(Debug, Clone)]
pub struct ParseError {
    pub message: String,
    pub offset: usize,
}

/// Caps on what a YAML document may cost. Handbook files are small and hand-written, so these
/// are far above any real need and far below what an alias bomb or a deep nest would take.
/// Deeper than any real handbook file (they need about six levels), shallow enough that the
/// recursive descent stays well inside a worker thread's stack.
const MAX_DEPTH: usize = 24;

fn options() -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = MAX_DEPTH;
    budget.max_events = 200_000;
    budget.max_aliases = 1_000;
    budget.max_anchors = 1_000;
    budget.flow_nesting_limit = MAX_DEPTH;
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options.alias_limits.max_total_replayed_events = 20_000;
    options.alias_limits.max_alias_expansions_per_anchor = 100;
    options.with_snippet = false;
    options
}

/// Parses `yaml`, a slice of its file starting at byte `base` (spans are made file-wide).
pub fn parse(base: usize, yaml: &str) -> Result<Node, ParseError> {
    if yaml.trim().is_empty() {
        return Ok(Node {
            value: Value::Null,
            span: base..base,
        });
    }
    match serde_saphyr::from_str_with_options::<Node>(yaml, options()) {
        Ok(mut node) => {
            node.shift(base);
            Ok(node)
        }
        Err(err) => {
            let offset = err.location().map_or(0, |loc| {
                let span = loc.span();
                match span.byte_offset() {
                    Some(b) => b as usize,
                    None => {
                        let line_file = SourceFile::new("", yaml);
                        line_file.offset(loc.line() as usize, loc.column() as usize)
                    }
                }
            });
            let message = err.without_snippet().to_string();
            let message = strip_position_suffix(&message);
            Err(ParseError {
                message,
                offset: base + offset.min(yaml.len()),
            })
        }
    }
}

/// serde-saphyr appends ` at line X column Y`: we show positions ourselves. Limit breaches
/// get a plain-words message, since they are what an editor will least expect.
fn strip_position_suffix(message: &str) -> String {
    if message.contains("Depth") || message.contains("recursion limit") {
        return format!("YAML nested more than {MAX_DEPTH} levels deep");
    }
    if message.contains("alias") || message.contains("Alias") || message.contains("Anchor") {
        return "YAML aliases expand too far (an alias bomb?); handbook limits alias use"
            .to_string();
    }
    if message.contains("budget breached") {
        return "YAML document too large or too complex".to_string();
    }
    let first = message.lines().next().unwrap_or(message).trim();
    match first.rfind(" at line ") {
        Some(i) => first[..i].to_string(),
        None => first.to_string(),
    }
}

impl Node {
    fn shift(&mut self, base: usize) {
        self.span = self.span.start + base..self.span.end + base;
        match &mut self.value {
            Value::Seq(items) => items.iter_mut().for_each(|n| n.shift(base)),
            Value::Map(entries) => entries.iter_mut().for_each(|(k, v)| {
                k.shift(base);
                v.shift(base);
            }),
            _ => {}
        }
    }

    pub fn type_name(&self) -> &'static str {
        match self.value {
            Value::Null => "nothing",
            Value::Bool(_) => "true/false",
            Value::Int(_) => "a number",
            Value::Float(_) => "a number",
            Value::Str(_) => "text",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }

    /// The same data as JSON (for validating YAML against JSON Schema).
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match &self.value {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Int(i) => J::from(*i),
            Value::Float(f) => J::from(*f),
            Value::Str(s) => J::String(s.clone()),
            Value::Seq(items) => J::Array(items.iter().map(Node::to_json).collect()),
            Value::Map(entries) => J::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.as_text().unwrap_or_default(), v.to_json()))
                    .collect(),
            ),
        }
    }

    /// Scalars read as text: `edition: 2026` is the text "2026".
    pub fn as_text(&self) -> Option<String> {
        match &self.value {
            Value::Str(s) => Some(s.clone()),
            Value::Int(i) => Some(i.to_string()),
            Value::Float(f) => Some(f.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Node, D::Error> {
        let spanned = serde_saphyr::Spanned::<Value>::deserialize(deserializer)?;
        let span = spanned.referenced.span();
        let start = span.byte_offset().unwrap_or(0) as usize;
        let len = span.byte_len().unwrap_or(0) as usize;
        Ok(Node {
            value: spanned.value,
            span: start..start + len,
        })
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Int(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        i64::try_from(v)
            .map(Value::Int)
            .or(Ok(Value::Float(v as f64)))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Str(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::Str(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        Value::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Node>()? {
            items.push(item);
        }
        Ok(Value::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry::<Node, Node>()? {
            entries.push(entry);
        }
        Ok(Value::Map(entries))
    }
}

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
        let node = self.node(name)?;
        match node.as_text() {
            Some(text) => Some(Spanned::new(text, node.span.clone())),
            None => {
                self.type_error(node, name, "text");
                None
            }
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> Result<Node, ParseError> {
        parse(0, text)
    }

    #[test]
    fn every_value_knows_its_span() {
        let text = "title: Hello\nlist:\n  - one\n  - two\n";
        let node = parse_str(text).unwrap();
        let Value::Map(entries) = &node.value else {
            panic!()
        };
        let (_, title) = &entries[0];
        assert_eq!(&text[title.span.clone()], "Hello");
        let Value::Seq(items) = &entries[1].1.value else {
            panic!()
        };
        assert_eq!(&text[items[1].span.clone()], "two");
    }

    #[test]
    fn syntax_errors_have_an_offset() {
        let err = parse_str("a: [1, 2\nb: 3\n").unwrap_err();
        assert!(!err.message.is_empty());
    }

    #[test]
    fn alias_bombs_and_deep_nesting_are_refused() {
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (i, prev) in ["b", "c", "d", "e", "f", "g", "h", "i"]
            .iter()
            .zip(["a", "b", "c", "d", "e", "f", "g", "h"])
        {
            bomb.push_str(&format!("{i}: &{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
        }
        assert!(parse_str(&bomb).is_err());
        let deep = "[".repeat(20_000) + &"]".repeat(20_000);
        assert!(parse_str(&deep).is_err());
        let deep_block: String = (0..200)
            .map(|i| format!("{}k:\n", "  ".repeat(i)))
            .collect();
        assert!(parse_str(&deep_block).is_err());
    }
}

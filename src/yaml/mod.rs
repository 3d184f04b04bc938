//! YAML with a position for every value, and the limits that keep hostile input harmless.
//!
//! serde-saphyr parses (with caps on nesting depth, alias expansion and event counts); we keep
//! its output as a small tree of `Node`s that remember their byte span. The typed model is then
//! read from that tree by `Fields`, which reports *every* unknown key, missing key and wrong type
//! with a "did you mean" hint, instead of stopping at the first as serde's derive would.

use std::fmt;
use std::ops::Range;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::source::SourceFile;

mod errors;
mod fields;

use errors::{describe, plain_words};
pub use fields::Fields;

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
    /// What to do about it, for the faults editors commonly make.
    pub hint: Option<String>,
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
            let (message, hint) = plain_words(describe(err.without_snippet()));
            Err(ParseError {
                message,
                offset: base + offset.min(yaml.len()),
                hint,
            })
        }
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
            Value::Str(s) => Some(crate::bidi::closed(s.clone())),
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

/// Reads a whole YAML file into `T`, under the same limits as `parse`; for files whose
/// positions need not be kept, such as a theme's manifest.
pub fn from_str<T: serde::de::DeserializeOwned>(yaml: &str) -> Result<T, ParseError> {
    serde_saphyr::from_str_with_options::<T>(yaml, options()).map_err(|err| {
        let (message, hint) = plain_words(describe(err.without_snippet()));
        ParseError {
            offset: err.location().map_or(0, |loc| {
                SourceFile::new("", yaml).offset(loc.line() as usize, loc.column() as usize)
            }),
            message,
            hint,
        }
    })
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
    fn spans_are_byte_offsets_after_multibyte_text() {
        let text = "tïtle: \"Ünïcode ✓\"\n𝔸: [ا, é]\n";
        let node = parse(10, text).unwrap();
        let Value::Map(entries) = &node.value else {
            panic!()
        };
        let shifted = |n: &Node| text.get(n.span.start - 10..n.span.end - 10);
        assert_eq!(shifted(&entries[0].1), Some("\"Ünïcode ✓\""));
        assert_eq!(shifted(&entries[1].0), Some("𝔸"));
        let Value::Seq(items) = &entries[1].1.value else {
            panic!()
        };
        assert_eq!(shifted(&items[1]), Some("é"));
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

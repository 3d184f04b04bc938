//! `content/sources.yaml`: the bibliography that `[@key]` citations point into.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::source::SourceFile;
use crate::yaml::{self, Fields, Value};

pub const FILE_NAME: &str = "sources.yaml";
pub(crate) const FIELDS: &[&str] = &[
    "title",
    "description",
    "authors",
    "venue",
    "year",
    "doi",
    "url",
    "note",
];

#[derive(Debug, Clone, Hash)]
pub struct Source {
    pub key: String,
    pub key_span: std::ops::Range<usize>,
    /// The original's own title, exactly; empty when it has none (then `description`).
    pub title: String,
    /// What the work is, for one with no title of its own (shown in square brackets).
    pub description: Option<String>,
    pub authors: Vec<String>,
    pub venue: Option<String>,
    pub year: Option<String>,
    pub doi: Option<String>,
    pub url: Option<String>,
    pub note: Option<String>,
}

impl Source {
    /// The link a reader follows: the DOI resolver, else the URL.
    pub fn link(&self) -> Option<String> {
        match (&self.doi, &self.url) {
            (Some(doi), _) => Some(format!("https://doi.org/{doi}")),
            (None, Some(url)) => Some(url.clone()),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Bibliography {
    pub file: Option<Arc<SourceFile>>,
    /// Sorted by key, so the sources page is the same on every build.
    pub sources: BTreeMap<String, Source>,
}

impl Bibliography {
    pub fn get(&self, key: &str) -> Option<&Source> {
        self.sources.get(key)
    }

    pub fn read(file: Arc<SourceFile>, diagnostics: &mut Diagnostics) -> Bibliography {
        let mut bibliography = Bibliography {
            file: Some(Arc::clone(&file)),
            sources: BTreeMap::new(),
        };
        let node = match yaml::parse(0, &file.text) {
            Ok(node) => node,
            Err(err) => {
                diagnostics.push(
                    Diagnostic::new(
                        Code::Yaml,
                        format!("sources.yaml is not valid YAML: {}", err.message),
                    )
                    .at(&file, err.offset..err.offset),
                );
                return bibliography;
            }
        };
        let entries = match &node.value {
            Value::Map(entries) => entries.as_slice(),
            Value::Null => &[],
            _ => {
                diagnostics.push(
                    Diagnostic::new(
                        Code::Type,
                        "sources.yaml must map each citation key to its source",
                    )
                    .at(&file, node.span.clone())
                    .hint("e.g. `rehman2024: { title: \"…\", year: 2024 }`"),
                );
                return bibliography;
            }
        };
        for (key, value) in entries {
            let Some(name) = key.as_text() else {
                diagnostics.push(
                    Diagnostic::new(Code::Type, "a citation key must be a name")
                        .at(&file, key.span.clone()),
                );
                continue;
            };
            let Some(mut f) = Fields::read(&file, value, FIELDS, "a source", diagnostics) else {
                continue;
            };
            let what = format!("source `{name}`");
            let description = f.text("description").map(|d| d.value);
            let title = if description.is_some() && !f.has("title") {
                Some(crate::yaml::Spanned::new(String::new(), 0..0))
            } else {
                f.required_text("title", &what)
            };
            let mut source = Source {
                key: name.clone(),
                key_span: key.span.clone(),
                title: String::new(),
                description,
                authors: f
                    .text_list("authors")
                    .into_iter()
                    .map(|a| a.value)
                    .collect(),
                venue: f.text("venue").map(|v| v.value),
                year: f.text("year").map(|v| v.value),
                doi: f.text("doi").map(|v| v.value),
                url: f.text("url").map(|v| v.value),
                note: f.text("note").map(|v| v.value),
            };
            let Some(title) = title else { continue };
            source.title = title.value;
            bibliography.sources.insert(name, source);
        }
        bibliography
    }
}

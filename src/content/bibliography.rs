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
    /// Where `doi` was written, for `check --external`.
    pub doi_span: Option<std::ops::Range<usize>>,
    pub url: Option<String>,
    /// Where `url` was written, for diagnostics.
    pub url_span: Option<std::ops::Range<usize>>,
    pub note: Option<String>,
}

/// A DOI as its bare name (`10.1186/...`), also when written as a link to a resolver or with
/// a `doi:` prefix, so that it is shown and linked one way.
fn bare_doi(doi: &str) -> String {
    let doi = doi.trim();
    let lower = doi.to_ascii_lowercase();
    for prefix in [
        "https://doi.org/",
        "http://doi.org/",
        "https://dx.doi.org/",
        "http://dx.doi.org/",
        "doi:",
    ] {
        if lower.starts_with(prefix) {
            return doi[prefix.len()..].trim().to_string();
        }
    }
    doi.to_string()
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
                    .at(&file, err.offset..err.offset)
                    .hint_opt(err.hint),
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
            let mut source =
                Source {
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
                    year: f.text("year").and_then(|year| {
                        if year.value.len() == 4 && year.value.bytes().all(|b| b.is_ascii_digit()) {
                            return Some(year.value);
                        }
                        let d = Diagnostic::new(
                        Code::FieldType,
                        format!("`year` must be a year such as 2024, but this is `{}`", year.value),
                    )
                    .at(&file, year.span)
                    .hint("give the year of publication in four digits; put other dates in `note`");
                        f.diagnostics().push(d);
                        None
                    }),
                    doi: None,
                    doi_span: None,
                    url: None,
                    url_span: None,
                    note: f.text("note").map(|v| v.value),
                };
            if let Some(doi) = f.text("doi") {
                source.doi = Some(bare_doi(&doi.value));
                source.doi_span = Some(doi.span);
            }
            if let Some(url) = f.text("url") {
                source.url_span = Some(url.span);
                source.url = Some(url.value);
            }
            let Some(title) = title else { continue };
            source.title = title.value;
            bibliography.sources.insert(name, source);
        }
        bibliography
    }
}

#[cfg(test)]
mod tests {
    use super::bare_doi;

    #[test]
    fn dois_written_as_links_are_kept_bare() {
        for written in [
            "10.1186/s12909-024-05775-7",
            "https://doi.org/10.1186/s12909-024-05775-7",
            "HTTPS://DX.DOI.ORG/10.1186/s12909-024-05775-7",
            " doi:10.1186/s12909-024-05775-7 ",
        ] {
            assert_eq!(bare_doi(written), "10.1186/s12909-024-05775-7", "{written}");
        }
    }
}

//! A checklist as its PDF shows it: plain text with numbered citations, and the parts to
//! write on.

use crate::config::Config;
use crate::content::{Bibliography, ItemKind, Page, PageData, Source};
use crate::markdown::Cited;
use crate::markdown::plain::inline;

/// One checklist, ready to lay out.
#[derive(Debug, Clone, Hash, PartialEq)]
pub struct Sheet {
    pub slug: String,
    pub title: String,
    /// "For mentor, mentee · At the first meeting".
    pub meta: Option<String>,
    pub intro: Option<String>,
    pub record: Vec<String>,
    pub sections: Vec<(String, Vec<Entry>)>,
    pub sign_off: Vec<String>,
    /// The sources cited, numbered in order of first citation.
    pub references: Vec<String>,
}

#[derive(Debug, Clone, Hash, PartialEq)]
pub enum Entry {
    Tick {
        text: String,
        note: Option<String>,
    },
    /// A labelled space `lines` writing lines tall, its note a hint under the label.
    Field {
        label: String,
        note: Option<String>,
        lines: usize,
    },
    Table {
        columns: Vec<String>,
        rows: usize,
    },
}

impl Sheet {
    /// The sheet of a checklist page; `None` for any other page.
    pub fn of(page: &Page, config: &Config, bibliography: &Bibliography) -> Option<Sheet> {
        let PageData::Checklist(checklist) = &page.data else {
            return None;
        };
        let rule = |name: &str| config.rules.get(name).map(|r| r.value.clone());
        let mut keys: Vec<String> = Vec::new();
        let mut cite = |cited: &[Cited]| {
            let numbers: Vec<String> = cited
                .iter()
                .map(|c| {
                    let n = match keys.iter().position(|k| *k == c.key) {
                        Some(i) => i + 1,
                        None => {
                            keys.push(c.key.clone());
                            keys.len()
                        }
                    };
                    match &c.locator {
                        Some(l) => format!("{n}, {l}"),
                        None => n.to_string(),
                    }
                })
                .collect();
            format!(" [{}]", numbers.join("; "))
        };
        let intro = checklist
            .intro
            .as_ref()
            .map(|i| inline(&i.value, &rule, &mut cite));
        let mut sections = Vec::new();
        for section in &checklist.sections {
            let mut entries = Vec::new();
            for item in &section.items {
                let note = item
                    .note
                    .as_ref()
                    .map(|n| inline(&n.value, &rule, &mut cite));
                entries.push(match &item.kind {
                    ItemKind::Tick => Entry::Tick {
                        text: inline(&item.text.value, &rule, &mut cite),
                        note,
                    },
                    ItemKind::Field { lines } => Entry::Field {
                        label: inline(&item.text.value, &rule, &mut cite),
                        note,
                        lines: *lines,
                    },
                    ItemKind::Table { columns, rows } => Entry::Table {
                        columns: columns
                            .iter()
                            .map(|c| config.with_rules(&c.value))
                            .collect(),
                        rows: *rows,
                    },
                });
            }
            sections.push((section.title.clone(), entries));
        }
        for key in &page.sources {
            if !keys.contains(&key.value) {
                keys.push(key.value.clone());
            }
        }
        let meta = [
            (!checklist.audience.is_empty())
                .then(|| format!("For {}", checklist.audience.join(", "))),
            checklist.when.as_ref().map(|w| config.with_rules(&w.value)),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>();
        Some(Sheet {
            slug: page.slug.clone(),
            title: page.title.clone(),
            meta: (!meta.is_empty()).then(|| meta.join(" · ")),
            intro,
            record: checklist
                .record
                .iter()
                .map(|r| crate::slug::capitalize(r))
                .collect(),
            sections,
            sign_off: checklist
                .sign_off
                .iter()
                .map(|r| crate::slug::capitalize(r))
                .collect(),
            references: keys
                .iter()
                .enumerate()
                .filter_map(|(i, k)| {
                    Some(format!("{}. {}", i + 1, reference(bibliography.get(k)?)))
                })
                .collect(),
        })
    }
}

/// A bibliography entry as one line of plain text.
fn reference(source: &Source) -> String {
    let mut out = String::new();
    if !source.authors.is_empty() {
        out.push_str(&source.authors.join(", "));
        out.push(' ');
    }
    if let Some(year) = &source.year {
        out.push_str(&format!("({year}). "));
    }
    match &source.description {
        Some(d) if source.title.is_empty() => {
            out.push_str(&format!("[{}].", d.trim_end_matches('.')))
        }
        _ => out.push_str(&format!("{}.", source.title.trim_end_matches('.'))),
    }
    if let Some(venue) = &source.venue {
        out.push_str(&format!(" {venue}."));
    }
    if let Some(doi) = &source.doi {
        out.push_str(&format!(" doi:{doi}"));
    } else if let Some(url) = &source.url {
        out.push_str(&format!(" {url}"));
    }
    out
}

//! What each page's Markdown declares and refers to: headings, links and citations of its
//! body and of the inline Markdown in its front matter or checklist items. Computed once
//! when the file is read (it depends on nothing else), so it is cached with the page.

use crate::markdown::{self, Analysis, RuleUse, rules};
use crate::slug::slugify;
use crate::yaml::Spanned;

use super::{ItemKind, Page, PageData};

#[derive(Debug, Default, Clone)]
pub struct PageAnalysis {
    pub body: Analysis,
    /// Inline Markdown from front matter or checklist items, in display order.
    pub inline: Vec<Analysis>,
    /// Anchors that do not come from headings (checklist sections and items).
    pub extra_anchors: Vec<String>,
    /// `{{ rules.name }}` in plain-text fields: the front matter's `summary`, a checklist's
    /// `when` and its tables' column headings.
    pub plain_rules: Vec<RuleUse>,
}

impl PageAnalysis {
    pub fn of(page: &Page) -> PageAnalysis {
        let body = markdown::analyse(page.body_text(), page.body.start);
        let inline = inline_texts(page)
            .into_iter()
            .map(|text| {
                let mut analysis = markdown::analyse(&text.value, text.span.start);
                analysis.rules = yaml_rule_uses(&page.file.text, &text.span, &text.value);
                analysis
            })
            .collect();
        let extra_anchors = match &page.data {
            PageData::Checklist(c) => c
                .sections
                .iter()
                .map(|s| slugify(&s.title))
                .chain(
                    c.sections
                        .iter()
                        .flat_map(|s| s.items.iter().map(|i| i.id.clone())),
                )
                .collect(),
            _ => Vec::new(),
        };
        let mut plain_rules = match (&page.summary, &page.summary_span) {
            (Some(summary), Some(span)) => yaml_rule_uses(&page.file.text, span, summary),
            _ => Vec::new(),
        };
        if let PageData::Checklist(c) = &page.data {
            let columns = c
                .sections
                .iter()
                .flat_map(|s| &s.items)
                .flat_map(|i| match &i.kind {
                    ItemKind::Table { columns, .. } => columns.as_slice(),
                    _ => &[],
                });
            for text in c.when.iter().chain(columns) {
                plain_rules.extend(yaml_rule_uses(&page.file.text, &text.span, &text.value));
            }
        }
        PageAnalysis {
            body,
            inline,
            extra_anchors,
            plain_rules,
        }
    }

    pub fn anchors(&self) -> impl Iterator<Item = &str> {
        self.body
            .headings
            .iter()
            .map(|h| h.id.as_str())
            .chain(self.extra_anchors.iter().map(String::as_str))
    }

    pub fn all(&self) -> impl Iterator<Item = &Analysis> {
        std::iter::once(&self.body).chain(&self.inline)
    }

    /// Every `{{ rules.name }}` of the page, in its body, inline Markdown, summary and (for a
    /// checklist) `when`, field labels and table columns.
    pub fn rule_uses(&self) -> impl Iterator<Item = &RuleUse> {
        self.all()
            .flat_map(|a| a.rules.iter())
            .chain(&self.plain_rules)
    }

    /// Every citation key, in reading order (repeats included).
    pub fn cited_keys(&self) -> impl Iterator<Item = &str> {
        self.all()
            .flat_map(|a| a.citations.iter().map(|c| c.key.as_str()))
    }
}

/// The rule tokens of a YAML string `value` written at `span` of `file`.
fn yaml_rule_uses(file: &str, span: &std::ops::Range<usize>, value: &str) -> Vec<RuleUse> {
    rules::located(file.get(span.clone()).unwrap_or(""), span.start, value)
}

/// Inline Markdown strings of a page, in the order they are displayed.
pub fn inline_texts(page: &Page) -> Vec<&Spanned<String>> {
    match &page.data {
        PageData::Role { responsibilities } => responsibilities.iter().collect(),
        PageData::Scenario { discussion, .. } => discussion.iter().collect(),
        PageData::Checklist(c) => c
            .intro
            .iter()
            .chain(c.sections.iter().flat_map(|s| {
                // A table's headings are plain text, read with the summary's rules.
                s.items
                    .iter()
                    .filter(|i| !matches!(i.kind, ItemKind::Table { .. }))
                    .flat_map(|i| std::iter::once(&i.text).chain(&i.note))
            }))
            .collect(),
        PageData::Page | PageData::Strategy { .. } => Vec::new(),
    }
}

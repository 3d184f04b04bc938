//! Front matter: the YAML block between `---` lines at the top of a Markdown file, read into
//! the fields of the page's kind.

use std::ops::Range;
use std::sync::Arc;

use super::{Audience, Kind, PageData};
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::source::SourceFile;
use crate::yaml::{self, Fields, Node, Spanned};

pub(crate) const COMMON: &[&str] = &[
    "title",
    "slug",
    "weight",
    "summary",
    "related",
    "sources",
    "draft",
    "own_guidance",
];
pub(crate) const SECTION: &[&str] = &["title", "kind", "weight", "summary"];

pub(crate) fn allowed(kind: Kind) -> Vec<&'static str> {
    let extra: &[&str] = match kind {
        Kind::Page | Kind::Checklist => &[],
        Kind::Strategy => &["number", "roles"],
        Kind::Role => &["responsibilities"],
        Kind::Scenario => &["themes", "discussion"],
    };
    // A checklist's `audience` is the roles it is for; a Markdown page's, who reads it.
    COMMON
        .iter()
        .chain(extra)
        .chain(&["audience"])
        .copied()
        .collect()
}

/// `audience: readers | editors` of a Markdown page.
fn read_audience(f: &mut Fields) -> Audience {
    let Some(value) = f.text("audience") else {
        return Audience::Readers;
    };
    match value.value.trim() {
        "readers" => Audience::Readers,
        "editors" => Audience::Editors,
        other => {
            let meant = crate::suggest::did_you_mean(other, ["readers", "editors"]);
            let d = Diagnostic::new(
                Code::Audience,
                format!("`{other}` is not an audience a page can have"),
            )
            .at(f.file(), value.span)
            .hint(match meant {
                Some(m) => format!("did you mean `{m}`?"),
                None => "use `audience: readers` (the default) or `audience: editors` (pages for the handbook's editors, kept out of the readers' menu)".to_string(),
            });
            f.diagnostics().push(d);
            Audience::Readers
        }
    }
}

/// Where the YAML and the Markdown body sit in a file.
pub struct Split {
    pub yaml: Range<usize>,
    pub body: Range<usize>,
}

/// Finds the front matter block. A file without one is an error: every page needs a title.
pub fn split(file: &Arc<SourceFile>) -> Result<Split, Diagnostic> {
    let text = &file.text;
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let first_line_end = text[start..]
        .find('\n')
        .map_or(text.len(), |i| start + i + 1);
    if text[start..first_line_end].trim_end() != "---" {
        return Err(
            Diagnostic::new(Code::FrontMatterMissing, "this page has no front matter")
                .at(file, start..first_line_end.saturating_sub(1).max(start))
                .hint("start the file with a `---` line, a `title: …` line and another `---` line"),
        );
    }
    let mut pos = first_line_end;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        let line = text[pos..end].trim_end();
        if line == "---" || line == "..." {
            return Ok(Split {
                yaml: first_line_end..pos,
                body: end..text.len(),
            });
        }
        pos = end;
    }
    Err(Diagnostic::new(
        Code::FrontMatterUnclosed,
        "the front matter is never closed",
    )
    .at(file, start..first_line_end - 1)
    .hint("add a line with only `---` after the last front matter field"))
}

fn parse_yaml(
    file: &Arc<SourceFile>,
    split: &Split,
    diagnostics: &mut Diagnostics,
) -> Option<Node> {
    match yaml::parse(split.yaml.start, &file.text[split.yaml.clone()]) {
        Ok(node) => Some(node),
        Err(err) => {
            diagnostics.push(
                Diagnostic::new(
                    Code::Yaml,
                    format!("front matter is not valid YAML: {}", err.message),
                )
                .at(file, err.offset..err.offset)
                .hint_opt(err.hint),
            );
            None
        }
    }
}

/// Fields every kind shares.
pub struct Common {
    pub title: Spanned<String>,
    pub slug: Option<Spanned<String>>,
    pub weight: Option<i64>,
    pub summary: Option<String>,
    pub summary_span: Option<Range<usize>>,
    pub related: Vec<Spanned<String>>,
    pub sources: Vec<Spanned<String>>,
    pub draft: bool,
    /// The page is the handbook's own guidance, not drawn from sources (shown with a note).
    pub own_guidance: bool,
    /// Who the page is for (Markdown pages only; a checklist's audience is its roles).
    pub audience: Audience,
}

pub fn read_common(f: &mut Fields, what: &str) -> Option<Common> {
    let title = f.required_text("title", what);
    let slug = f.text("slug");
    if let Some(slug) = &slug {
        let clean = crate::slug::slugify(&slug.value);
        if clean != slug.value {
            let d = Diagnostic::new(Code::Slug, format!("`{}` is not a valid slug", slug.value))
                .at(f.file(), slug.span.clone())
                .hint(format!(
                    "slugs are lowercase words joined by dashes: `{clean}`"
                ));
            f.diagnostics().push(d);
        }
    }
    let weight = f.int("weight").map(|w| w.value);
    let summary = f.text("summary");
    let summary_span = summary.as_ref().map(|s| s.span.clone());
    let summary = summary.map(|s| s.value);
    let related = f.text_list("related");
    let sources = f.text_list("sources");
    let draft = f.bool("draft").unwrap_or(false);
    let own_guidance = f.bool("own_guidance").unwrap_or(false);
    Some(Common {
        title: title?,
        slug,
        weight,
        summary,
        summary_span,
        related,
        sources,
        draft,
        own_guidance,
        audience: Audience::Readers,
    })
}

/// Reads a Markdown page of `kind`: its shared fields, its kind's fields and its body's span.
pub fn read_page(
    file: &Arc<SourceFile>,
    kind: Kind,
    diagnostics: &mut Diagnostics,
) -> Option<(Common, PageData, Range<usize>)> {
    let split = match split(file) {
        Ok(split) => split,
        Err(d) => {
            diagnostics.push(d);
            return None;
        }
    };
    let node = parse_yaml(file, &split, diagnostics)?;
    let before = diagnostics.error_count();
    let allowed = allowed(kind);
    let mut f = Fields::read(file, &node, &allowed, "front matter", diagnostics)?;
    let mut common = read_common(&mut f, "this page");
    let audience = read_audience(&mut f);
    if let Some(common) = &mut common {
        common.audience = audience;
    }
    let data = match kind {
        Kind::Page | Kind::Checklist => PageData::Page,
        Kind::Strategy => {
            let number = f.int("number");
            if number.is_none() && f.node("number").is_none() {
                let span = common.as_ref().map_or(0..0, |c| c.title.span.clone());
                let d = Diagnostic::new(Code::FieldMissing, "a strategy needs a `number`")
                    .at(file, span)
                    .hint("add `number: N`, its place in the list of strategies");
                f.diagnostics().push(d);
            }
            if let Some(n) = &number
                && n.value < 1
            {
                let d = Diagnostic::new(
                    Code::StrategyNumber,
                    format!("strategy number {} is not positive", n.value),
                )
                .at(file, n.span.clone())
                .hint("strategies are numbered from 1");
                f.diagnostics().push(d);
            }
            let roles = f.text_list("roles");
            PageData::Strategy {
                number: number.unwrap_or(Spanned::new(0, 0..0)),
                roles,
            }
        }
        Kind::Role => PageData::Role {
            responsibilities: f.text_list("responsibilities"),
        },
        Kind::Scenario => PageData::Scenario {
            themes: f.text_list("themes").into_iter().map(|t| t.value).collect(),
            discussion: f.text_list("discussion"),
        },
    };
    if diagnostics.error_count() > before {
        return None;
    }
    Some((common?, data, split.body))
}

/// The front matter of `_section.md`: all fields optional.
#[derive(Debug, Clone, Default)]
pub struct SectionMeta {
    pub title: Option<String>,
    pub kind: Option<Kind>,
    pub weight: Option<i64>,
    pub summary: Option<String>,
    pub body: Range<usize>,
}

pub fn read_section(file: &Arc<SourceFile>, diagnostics: &mut Diagnostics) -> SectionMeta {
    let mut meta = SectionMeta {
        title: None,
        kind: None,
        weight: None,
        summary: None,
        body: 0..0,
    };
    if file.text.trim().is_empty() {
        return meta;
    }
    let split = match split(file) {
        Ok(split) => split,
        Err(d) => {
            diagnostics.push(d);
            return meta;
        }
    };
    meta.body = split.body.clone();
    let Some(node) = parse_yaml(file, &split, diagnostics) else {
        return meta;
    };
    let Some(mut f) = Fields::read(file, &node, SECTION, "section front matter", diagnostics)
    else {
        return meta;
    };
    meta.title = f.text("title").map(|t| t.value);
    meta.weight = f.int("weight").map(|w| w.value);
    meta.summary = f.text("summary").map(|s| s.value);
    if let Some(kind) = f.text("kind") {
        meta.kind = Kind::parse(&kind.value);
        if meta.kind.is_none() {
            let meant = crate::suggest::did_you_mean(&kind.value, Kind::NAMES.iter().copied());
            // The section's pages are read as the kind it most likely means, so that the one
            // typo is reported once rather than as a fault in every page.
            meta.kind = meant.and_then(Kind::parse);
            let hint = meant
                .map(|k| format!("did you mean `{k}`?"))
                .unwrap_or_else(|| format!("the kinds are: {}", Kind::NAMES.join(", ")));
            let checked_as = meant
                .map(|k| format!(" (its pages were checked as `{k}` pages)"))
                .unwrap_or_default();
            let d = Diagnostic::new(
                Code::KindUnknown,
                format!("unknown section kind `{}`{checked_as}", kind.value),
            )
            .at(file, kind.span)
            .hint(hint);
            f.diagnostics().push(d);
        }
    }
    meta
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_spans_point_into_the_whole_file() {
        let file = SourceFile::new("content/x.md", "---\ntitle: X\ntitel: Y\n---\nBody\n");
        let mut diagnostics = Diagnostics::new();
        assert!(read_page(&file, Kind::Page, &mut diagnostics).is_none());
        let d = diagnostics.iter().next().unwrap();
        assert_eq!(d.code, Code::FieldUnknown);
        assert_eq!(d.position().unwrap().0, 3);
    }

    #[test]
    fn body_follows_the_closing_line() {
        let file = SourceFile::new("x.md", "---\ntitle: X\nnumber: 3\n---\n# Body\n");
        let mut diagnostics = Diagnostics::new();
        let (common, data, body) = read_page(&file, Kind::Strategy, &mut diagnostics).unwrap();
        assert_eq!(common.title.value, "X");
        assert!(matches!(data, PageData::Strategy { number, .. } if number.value == 3));
        assert_eq!(&file.text[body], "# Body\n");
    }

    #[test]
    fn missing_and_unclosed_front_matter_are_errors() {
        let file = SourceFile::new("x.md", "# No front matter\n");
        assert_eq!(split(&file).err().unwrap().code, Code::FrontMatterMissing);
        let file = SourceFile::new("x.md", "---\ntitle: X\n");
        assert_eq!(split(&file).err().unwrap().code, Code::FrontMatterUnclosed);
    }
}

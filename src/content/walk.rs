//! Finding the handbook's files: `content/` and `assets/` walked once per load, each content
//! file classified by what it is.

use std::collections::HashMap;
use std::path::Path;

use super::{Kind, bibliography};
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::files::{self, Found};
use crate::source::SourceFile;

pub const CONTENT_DIR: &str = "content";
pub const ASSETS_DIR: &str = "assets";
pub(super) const SECTION_FILE: &str = "_section.md";

/// What a file under content/ is.
pub(super) enum FileRole {
    Page { section: String },
    SectionMeta,
    Checklist { section: String },
    Bibliography,
    Static,
}

/// Every file under content/, or a diagnostic when there is no content/ folder.
pub(super) fn content(root: &Path, diagnostics: &mut Diagnostics) -> Vec<Found> {
    let dir = root.join(CONTENT_DIR);
    if !dir.is_dir() {
        diagnostics.push(
            Diagnostic::new(Code::ContentMissing, "the handbook has no content/ folder")
                .in_file(CONTENT_DIR)
                .hint("create content/index.md, the home page"),
        );
        return Vec::new();
    }
    files::walk_within(root, CONTENT_DIR, diagnostics)
}

/// Every file under assets/ (none when there is no such folder).
pub(super) fn assets(root: &Path, diagnostics: &mut Diagnostics) -> Vec<Found> {
    files::walk_within(root, ASSETS_DIR, diagnostics)
}

pub(super) fn classify(
    rel: &str,
    section_kind: &HashMap<&str, Kind>,
) -> Result<FileRole, Diagnostic> {
    let parts: Vec<&str> = rel.split('/').collect();
    let name = parts.last().copied().unwrap_or(rel);
    let is_markdown = name.ends_with(".md");
    let is_yaml = name.ends_with(".yaml") || name.ends_with(".yml");
    let section = if parts.len() > 1 { parts[0] } else { "" };
    let shown = format!("{CONTENT_DIR}/{rel}");
    if parts.len() > 2 && (is_markdown || is_yaml) {
        return Err(Diagnostic::new(
            Code::ContentNested,
            "pages sit at most one folder deep in content/",
        )
        .in_file(shown)
        .hint(format!("move it into content/{section}/")));
    }
    if name == SECTION_FILE {
        return Ok(if section.is_empty() {
            FileRole::Page {
                section: String::new(),
            }
        } else {
            FileRole::SectionMeta
        });
    }
    if is_markdown {
        return Ok(FileRole::Page {
            section: section.to_string(),
        });
    }
    if is_yaml {
        if rel == bibliography::FILE_NAME {
            return Ok(FileRole::Bibliography);
        }
        if section_kind.get(section) == Some(&Kind::Checklist) {
            return Ok(FileRole::Checklist {
                section: section.to_string(),
            });
        }
        return Err(Diagnostic::new(Code::YamlPlace, "this YAML file is not a checklist and not sources.yaml")
            .in_file(shown)
            .hint("checklists go in a folder whose _section.md says `kind: checklist`; the bibliography is content/sources.yaml"));
    }
    let lower = name.to_ascii_lowercase();
    let shaped = [".md", ".markdown", ".yaml", ".yml"]
        .iter()
        .find(|ext| lower.ends_with(*ext));
    if let Some(ext) = shaped {
        // `Page.MD` would be published as a raw file, its text in plain view.
        let stem = &name[..name.len() - ext.len()];
        let fixed = if ext.starts_with(".y") { "yaml" } else { "md" };
        return Err(Diagnostic::new(
            Code::FileExtension,
            format!("`{name}` is not read as content: page and YAML names end in lowercase `.md` or `.yaml`"),
        )
        .in_file(shown)
        .hint(format!("rename it to `{stem}.{fixed}`")));
    }
    Ok(FileRole::Static)
}

/// Points a diagnostic about a whole file at its first line, so editors can jump there.
pub(super) fn at_first_line(d: Diagnostic, entry: &Found) -> Diagnostic {
    match crate::files::read_text_file(&entry.abs) {
        Ok(bytes) => {
            let file = SourceFile::new(
                format!("{CONTENT_DIR}/{}", entry.rel),
                String::from_utf8_lossy(&bytes).into_owned(),
            );
            let end = file.text.find('\n').unwrap_or(file.text.len());
            let mut d = d.at(&file, 0..end);
            d.path = None;
            d
        }
        Err(_) => d,
    }
}

/// The file's text, or a diagnostic when it cannot be read or is not UTF-8.
pub(super) fn read_text(
    entry: &Found,
    diagnostics: &mut Diagnostics,
) -> Option<std::sync::Arc<SourceFile>> {
    let shown = format!("{CONTENT_DIR}/{}", entry.rel);
    match crate::files::read_text_file(&entry.abs) {
        Ok(bytes) => {
            match String::from_utf8(bytes) {
                Ok(text) => {
                    let (text, controls) = crate::files::without_controls(text);
                    let file = SourceFile::new(shown, text);
                    if let Some(found) = controls {
                        diagnostics.push(crate::files::controls_warning(&file, found));
                    }
                    Some(file)
                }
                Err(err) => {
                    let offset = err.utf8_error().valid_up_to();
                    let text = String::from_utf8_lossy(err.as_bytes()).into_owned();
                    let file = SourceFile::new(shown, text);
                    diagnostics.push(
                    Diagnostic::new(Code::FileEncoding, "this file is not UTF-8 text")
                        .at(&file, offset..offset + 1)
                        .hint("save it as UTF-8 (most editors offer this under “Save with encoding”)"),
                );
                    None
                }
            }
        }
        Err(crate::files::ReadError::TooLarge) => {
            diagnostics.push(crate::files::too_large(&shown));
            None
        }
        Err(crate::files::ReadError::Io(err)) => {
            diagnostics.push(
                Diagnostic::new(Code::FileRead, format!("cannot read: {err}")).in_file(shown),
            );
            None
        }
    }
}

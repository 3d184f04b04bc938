//! The theme: Tera templates and static files (CSS, JS, icons).
//!
//! The default theme is compiled into the binary; a handbook may bring `themes/<name>/` of its
//! own, and a `templates/` folder whose files replace single templates of the theme.

use std::path::Path;
use std::sync::Arc;

use tera::Tera;

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::source::SourceFile;

use super::templates::Template;

pub struct Theme {
    pub tera: Tera,
    /// Files under the theme's `static/`, published under `/theme/`.
    pub static_files: Vec<(String, Vec<u8>)>,
    /// The faces PDFs are set in: the theme's `fonts/*-Regular.ttf` and `*-Bold.ttf`, or the
    /// default theme's.
    pub fonts: crate::pdf::FontFiles,
    /// The backgrounds it paints brand colours on (its `surfaces.yaml`, or the default theme's).
    pub surfaces: crate::color::Surfaces,
    /// Whether a template reads `nav` (the default theme's print `nav_html` instead).
    pub reads_nav: bool,
    /// Where each template came from, for diagnostics.
    sources: Vec<(String, Arc<SourceFile>)>,
    /// Templates the renderer asks for that the handbook's own theme lacks, given the default
    /// theme's (`check --verbose` lists them).
    pub fallbacks: Vec<&'static str>,
}

/// The default theme's faces (Noto Sans), compiled in.
fn default_fonts() -> crate::pdf::FontFiles {
    let face = |name: &str| {
        Arc::new(
            crate::embedded::theme_file(name)
                .unwrap_or_default()
                .to_vec(),
        )
    };
    crate::pdf::FontFiles::new(
        face("fonts/NotoSans-Regular.ttf"),
        face("fonts/NotoSans-Bold.ttf"),
    )
}

impl Theme {
    pub fn load(
        root: &Path,
        config: &crate::config::Config,
        diagnostics: &mut Diagnostics,
    ) -> Option<Theme> {
        let name = config.theme.as_str();
        let mut files: Vec<(String, Vec<u8>, String)> = Vec::new();
        let dir = root.join("themes").join(name);
        let is_name =
            !name.is_empty() && !name.starts_with('.') && !name.contains(['/', '\\', ':']);
        if !is_name {
            let d = Diagnostic::new(Code::Theme, format!("`{name}` is not a theme name"))
                .hint("a theme is a name: themes/<name>/ inside the handbook, or `default`");
            diagnostics.push(match &config.theme_span {
                Some(span) => d.at(&config.file, span.clone()),
                None => d,
            });
            return None;
        }
        if dir.is_dir() {
            for (rel, bytes) in read_dir(root, &format!("themes/{name}"), diagnostics) {
                files.push((rel.clone(), bytes, format!("themes/{name}/{rel}")));
            }
        } else if name == "default" {
            for (rel, bytes) in crate::embedded::THEME {
                files.push((
                    rel.to_string(),
                    bytes.to_vec(),
                    format!("themes/default/{rel}"),
                ));
            }
        } else {
            let d = Diagnostic::new(
                Code::Theme,
                format!("there is no theme `{name}`: no folder themes/{name}/"),
            )
            .hint("leave `theme` out to use the built-in default theme");
            diagnostics.push(match &config.theme_span {
                Some(span) => d.at(&config.file, span.clone()),
                None => d.in_file(format!("themes/{name}")),
            });
            return None;
        }
        let overrides = root.join("templates");
        let mut templates: Vec<(String, Arc<SourceFile>)> = Vec::new();
        let mut static_files = Vec::new();
        let mut fonts = default_fonts();
        for (rel, bytes, _) in &files {
            let Some(name) = rel.strip_prefix("fonts/") else {
                continue;
            };
            let face = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
            if face.ends_with("-Regular") {
                fonts.regular = Arc::new(bytes.clone());
            } else if face.ends_with("-Bold") {
                fonts.bold = Arc::new(bytes.clone());
            }
        }
        let mut surfaces = None;
        for (rel, bytes, shown) in files {
            if rel == "surfaces.yaml" {
                match crate::color::Surfaces::parse(&String::from_utf8_lossy(&bytes)) {
                    Ok(s) => surfaces = Some(s),
                    Err(message) => {
                        diagnostics.push(
                            Diagnostic::new(Code::Theme, format!("the theme's surfaces: {message}"))
                                .in_file(shown)
                                .hint("each surface has `light` and `dark` colours (#rrggbb), `where` it is used and the brand colours it sets `text` in"),
                        );
                        return None;
                    }
                }
            } else if let Some(name) = rel.strip_prefix("templates/") {
                templates.push((
                    name.to_string(),
                    SourceFile::new(shown, String::from_utf8_lossy(&bytes).into_owned()),
                ));
            } else if let Some(name) = rel.strip_prefix("static/") {
                static_files.push((name.to_string(), bytes));
            }
        }
        if overrides.is_dir() {
            for (rel, bytes) in read_dir(root, "templates", diagnostics) {
                let file = SourceFile::new(
                    format!("templates/{rel}"),
                    String::from_utf8_lossy(&bytes).into_owned(),
                );
                match templates.iter_mut().find(|(n, _)| *n == rel) {
                    Some(slot) => slot.1 = file,
                    None => templates.push((rel, file)),
                }
            }
        }
        // A theme of the handbook's own that lacks a template the renderer asks for (one made
        // before the template was added) is given the default theme's, with what that extends
        // or includes.
        let mut fallbacks = Vec::new();
        if dir.is_dir() {
            for &(rel, bytes) in crate::embedded::THEME {
                let Some(template) = rel.strip_prefix("templates/") else {
                    continue;
                };
                if templates.iter().any(|(n, _)| n == template) {
                    continue;
                }
                if let Some(t) = Template::ALL.iter().find(|t| t.file() == template) {
                    fallbacks.push(t.file());
                }
                templates.push((
                    template.to_string(),
                    SourceFile::new(
                        format!("themes/default/{rel}"),
                        String::from_utf8_lossy(bytes).into_owned(),
                    ),
                ));
            }
        }
        templates.sort_by(|a, b| a.0.cmp(&b.0));
        static_files.sort_by(|a, b| a.0.cmp(&b.0));
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".xml"]);
        // Tera's own escaper also escapes `/`, which bloats every URL; `/` is safe in HTML.
        tera.set_escape_fn(escape_html);
        let raw: Vec<(&str, &str)> = templates
            .iter()
            .map(|(n, f)| (n.as_str(), f.text.as_str()))
            .collect();
        if let Err(err) = tera.add_raw_templates(raw) {
            diagnostics.push(template_error(&templates, &err));
            return None;
        }
        let missing: Vec<&str> = Template::ALL
            .iter()
            .map(|t| t.file())
            .filter(|r| !templates.iter().any(|(n, _)| n == r))
            .collect();
        if !missing.is_empty() {
            diagnostics.push(
                Diagnostic::new(
                    Code::Theme,
                    format!("the theme has no template for {}", missing.join(", ")),
                )
                .in_file(format!("themes/{name}/templates")),
            );
            return None;
        }
        let reads_nav = templates.iter().any(|(_, f)| reads(&f.text, "nav"));
        Some(Theme {
            tera,
            reads_nav,
            static_files,
            fonts,
            surfaces: surfaces.unwrap_or_else(crate::color::Surfaces::default_theme),
            sources: templates,
            fallbacks,
        })
    }

    /// A diagnostic for a template that failed while rendering. It does not name the page,
    /// so the same fault met on every page is reported once.
    pub fn render_error(&self, err: &tera::Error) -> Diagnostic {
        template_error(&self.sources, err)
    }
}

/// Whether `template` may read the variable `name`: whether the name stands as a word in one
/// of its tags (`{{ }}`, `{% %}`; a comment's words are not a tag), or the template dumps the
/// whole context. Errs toward yes: a string in a tag that holds the word counts, and so does
/// a tag written inside a comment.
fn reads(template: &str, name: &str) -> bool {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        rest = &rest[open + 1..];
        let close = match rest.chars().next() {
            Some('{') => "}}",
            Some('%') => "%}",
            _ => continue,
        };
        let end = rest[1..].find(close).map_or(rest.len(), |at| at + 1);
        let tag = &rest[1..end];
        if tag.contains("__tera_context") {
            return true;
        }
        let named = tag.match_indices(name).any(|(at, _)| {
            let before = tag[..at].chars().next_back();
            let after = tag[at + name.len()..].chars().next();
            !before.is_some_and(is_word) && !after.is_some_and(is_word)
        });
        if named {
            return true;
        }
        rest = &rest[end..];
    }
    false
}

fn escape_html(text: &str) -> String {
    super::escape(text)
}

/// The files of `root/dir` inside the handbook, with their bytes.
fn read_dir(root: &Path, dir: &str, diagnostics: &mut Diagnostics) -> Vec<(String, Vec<u8>)> {
    crate::files::walk_within(root, dir, diagnostics)
        .into_iter()
        .filter_map(|f| Some((f.rel, std::fs::read(&f.abs).ok()?)))
        .collect()
}

/// Tera's errors name the template and, for syntax errors, `--> line:col`: point there.
fn template_error(templates: &[(String, Arc<SourceFile>)], err: &tera::Error) -> Diagnostic {
    let mut chain = vec![err.to_string()];
    let mut source = std::error::Error::source(err);
    while let Some(s) = source {
        chain.push(s.to_string());
        source = s.source();
    }
    let full = chain.join("\n");
    let name = templates
        .iter()
        .filter(|(n, _)| {
            full.contains(&format!("'{n}'"))
                || full.contains(&format!("\"{n}\""))
                || full.contains(&format!("`{n}`"))
        })
        .max_by_key(|(n, _)| n.len());
    let message = chain
        .iter()
        .flat_map(|c| c.lines())
        .map(str::trim)
        .rfind(|l| {
            !l.is_empty()
                && !l.starts_with("-->")
                && !l.starts_with('|')
                && !l.chars().next().is_some_and(|c| c.is_ascii_digit())
        })
        .unwrap_or("template error")
        .trim_start_matches("= ")
        .to_string();
    let d = Diagnostic::new(Code::Template, format!("template error: {message}"))
        .hint("see the Tera template documentation for the syntax; `handbook` passes `page`, `site`, `nav` and more to each template");
    let Some((_, file)) = name else {
        return d;
    };
    if let Some((line, col)) = position(&full) {
        let offset = file.offset(line, col);
        return d.at(file, offset..offset);
    }
    // Render errors carry no position; the first use of the missing name is the likely place.
    let missing = full
        .split('`')
        .nth(1)
        .filter(|_| full.contains("not found in context"));
    match missing.and_then(|name| file.text.find(name).map(|at| at..at + name.len())) {
        Some(span) => d.at(file, span),
        None => d.in_file(file.display_path()),
    }
}

fn position(text: &str) -> Option<(usize, usize)> {
    let at = text.find("--> ")?;
    let rest = &text[at + 4..];
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == ':'))
        .unwrap_or(rest.len());
    let (line, col) = rest[..end].split_once(':')?;
    Some((line.parse().ok()?, col.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::reads;

    #[test]
    fn a_variable_is_read_when_a_tag_names_it_as_a_word() {
        assert!(reads(
            "<ul>{% for item in nav %}{{ item.title }}{% endfor %}</ul>",
            "nav"
        ));
        assert!(reads("{{nav | length}}", "nav"));
        assert!(reads("{% set n = nav %}", "nav"));
        assert!(reads("<pre>{{ __tera_context }}</pre>", "nav"));
        // Other names that hold the word, markup and comments do not count.
        assert!(!reads(
            "<nav class=\"nav-list\">{{ nav_html | safe }}{% if full_nav %}x{% endif %}</nav>",
            "nav"
        ));
        assert!(!reads("{# a theme may loop over nav #}<nav></nav>", "nav"));
        // Unclosed or odd braces neither panic nor count.
        assert!(!reads("{ {% %}} {{", "nav"));
        assert!(!reads("{%}", "nav"));
    }
}

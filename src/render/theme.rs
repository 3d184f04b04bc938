//! The theme: Tera templates and static files (CSS, JS, icons).
//!
//! The default theme is compiled into the binary; a handbook may bring `themes/<name>/` of its
//! own, and a `templates/` folder whose files replace single templates of the theme.

use std::path::Path;
use std::sync::Arc;

use tera::Tera;

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::source::SourceFile;

use super::template_error::{inheritance_error, parse_error, render_error};
use super::templates::Template;

pub struct Theme {
    pub tera: Tera,
    /// Files under the theme's `static/`, published under `/theme/`.
    pub static_files: Vec<(String, Vec<u8>)>,
    /// The faces PDFs are set in: the theme's `fonts/*-Regular.ttf` and `*-Bold.ttf`, or the
    /// default theme's, with the fallback faces for Arabic script and Hebrew.
    pub fonts: crate::pdf::FontFiles,
    /// The backgrounds it paints brand colours on (its `surfaces.yaml`, or the default theme's).
    pub surfaces: crate::color::Surfaces,
    /// Whether the templates are given `nav`, the sidebar's entries as data. The template
    /// contract (README): the default theme's templates print `nav_html` and never read
    /// `nav`, so it is left out of their context (it costs 5 % of a large build); any other
    /// template (a theme's own, a handbook's `templates/`) is given it.
    pub reads_nav: bool,
    /// Where each template came from, for diagnostics.
    sources: Vec<(String, Arc<SourceFile>)>,
    /// Templates the renderer asks for that the handbook's own theme lacks, given the default
    /// theme's (`check --verbose` lists them).
    pub fallbacks: Vec<&'static str>,
}

/// The default theme's faces (Noto Sans, and the fallback faces), compiled in.
fn default_fonts() -> crate::pdf::FontFiles {
    let face = |name: &str| {
        Arc::new(
            crate::embedded::theme_file(name)
                .unwrap_or_default()
                .to_vec(),
        )
    };
    crate::pdf::FontFiles::new(
        [
            face("fonts/NotoSans-Regular.ttf"),
            face("fonts/NotoSans-Bold.ttf"),
            face("fonts/NotoSans-Italic.ttf"),
            face("fonts/DejaVuSansMono.ttf"),
        ],
        crate::pdf::FALLBACK_FACES
            .iter()
            .map(|name| face(&format!("fonts/{name}.ttf")))
            .collect(),
    )
}

/// A theme's file: its path in the theme, its bytes, and its path as the editor sees it.
type ThemeFile = (String, Vec<u8>, String);

impl Theme {
    /// Loads the theme book.yaml names, with the handbook's `templates/` over it; `None`
    /// (with the fault in `diagnostics`) when it cannot be used.
    pub fn load(
        root: &Path,
        config: &crate::config::Config,
        diagnostics: &mut Diagnostics,
    ) -> Option<Theme> {
        let name = config.theme.as_str();
        let own = root.join("themes").join(name).is_dir();
        let files = theme_files(root, config, diagnostics)?;
        let fonts = fonts(&files);
        let (mut templates, static_files, surfaces) = split(files, diagnostics)?;
        overlay_local_templates(root, &mut templates, diagnostics);
        // A theme of the handbook's own that lacks a template the renderer asks for (one made
        // before the template was added) is given the default theme's, with what that extends
        // or includes.
        let fallbacks = if own {
            add_default_templates(&mut templates)
        } else {
            Vec::new()
        };
        templates.sort_by(|a, b| a.0.cmp(&b.0));
        let tera = compile(&templates, name, diagnostics)?;
        let reads_nav = templates.iter().any(|(name, f)| !is_default(name, &f.text));
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

    /// A diagnostic for `template`, which failed while rendering. It does not name the page,
    /// so the same fault met on every page is reported once.
    pub fn render_error(&self, template: &str, err: &tera::Error) -> Diagnostic {
        let parents = self
            .tera
            .get_template(template)
            .map(|t| t.parents.clone())
            .unwrap_or_default();
        let chain: Vec<&Arc<SourceFile>> = std::iter::once(template)
            .chain(parents.iter().map(String::as_str))
            .filter_map(|name| self.sources.iter().find(|(n, _)| n == name))
            .map(|(_, file)| file)
            .collect();
        render_error(&chain, err)
    }
}

/// The files of the theme book.yaml names: `themes/<name>/` in the handbook, or the default
/// theme compiled in. `None` when the name is no theme's.
fn theme_files(
    root: &Path,
    config: &crate::config::Config,
    diagnostics: &mut Diagnostics,
) -> Option<Vec<ThemeFile>> {
    let name = config.theme.as_str();
    let is_name = !name.is_empty() && !name.starts_with('.') && !name.contains(['/', '\\', ':']);
    let unusable = |d: Diagnostic, diagnostics: &mut Diagnostics, in_file: Option<String>| {
        diagnostics.push(match (&config.theme_span, in_file) {
            (Some(span), _) => d.at(&config.file, span.clone()),
            (None, Some(path)) => d.in_file(path),
            (None, None) => d,
        });
        None
    };
    if !is_name {
        let d = Diagnostic::new(Code::Theme, format!("`{name}` is not a theme name"))
            .hint("a theme is a name: themes/<name>/ inside the handbook, or `default`");
        return unusable(d, diagnostics, None);
    }
    if root.join("themes").join(name).is_dir() {
        let files = read_dir(root, &format!("themes/{name}"), diagnostics);
        return Some(
            files
                .into_iter()
                .map(|(rel, bytes)| {
                    let shown = format!("themes/{name}/{rel}");
                    (rel, bytes, shown)
                })
                .collect(),
        );
    }
    if name == "default" {
        return Some(
            crate::embedded::THEME
                .iter()
                .map(|(rel, bytes)| {
                    (
                        rel.to_string(),
                        bytes.to_vec(),
                        format!("themes/default/{rel}"),
                    )
                })
                .collect(),
        );
    }
    let d = Diagnostic::new(
        Code::Theme,
        format!("there is no theme `{name}`: no folder themes/{name}/"),
    )
    .hint("leave `theme` out to use the built-in default theme");
    unusable(d, diagnostics, Some(format!("themes/{name}")))
}

/// The faces PDFs are set in: the theme's `fonts/*-Regular.*`, `*-Bold.*`, `*-Italic.*` and
/// a face with `Mono` in its name (the last of each in name order), else the default theme's; and the fallback faces by their names
/// (`pdf::FALLBACK_FACES`), the theme's own or else the default theme's, which never stand in
/// for the regular face.
fn fonts(files: &[ThemeFile]) -> crate::pdf::FontFiles {
    let mut fonts = default_fonts();
    for (rel, bytes, _) in files {
        let Some(name) = rel.strip_prefix("fonts/") else {
            continue;
        };
        let face = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
        if let Some(i) = crate::pdf::FALLBACK_FACES.iter().position(|f| *f == face) {
            fonts.fallbacks[i] = Arc::new(bytes.clone());
        } else if face.contains("Mono") {
            fonts.mono = Arc::new(bytes.clone());
        } else if face.ends_with("-Italic") {
            fonts.italic = Arc::new(bytes.clone());
        } else if face.ends_with("-Regular") {
            fonts.regular = Arc::new(bytes.clone());
        } else if face.ends_with("-Bold") {
            fonts.bold = Arc::new(bytes.clone());
        }
    }
    fonts
}

/// Templates by name, static files by name, and the surfaces (`surfaces.yaml`) of a theme's
/// files; `None` when its surfaces cannot be read. A theme's search.js is its
/// `static/search.js`, else its parts in `search/` joined.
type Parts = (
    Vec<(String, Arc<SourceFile>)>,
    Vec<(String, Vec<u8>)>,
    Option<crate::color::Surfaces>,
);

fn split(files: Vec<ThemeFile>, diagnostics: &mut Diagnostics) -> Option<Parts> {
    let (mut templates, mut static_files, mut surfaces) = (Vec::new(), Vec::new(), None);
    let mut search_parts = Vec::new();
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
        } else if let Some(name) = rel.strip_prefix(super::search_parts::FOLDER)
            && super::search_parts::is_part(name)
        {
            search_parts.push((name.to_string(), bytes));
        }
    }
    // A theme's own static/search.js wins over its parts (the default theme's come joined).
    if !search_parts.is_empty() && !static_files.iter().any(|(name, _)| name == "search.js") {
        static_files.push(("search.js".into(), super::search_parts::join(search_parts)));
    }
    static_files.sort_by(|a, b| a.0.cmp(&b.0));
    Some((templates, static_files, surfaces))
}

/// The handbook's `templates/` folder: each file replaces the theme's template of its name.
fn overlay_local_templates(
    root: &Path,
    templates: &mut Vec<(String, Arc<SourceFile>)>,
    diagnostics: &mut Diagnostics,
) {
    if !root.join("templates").is_dir() {
        return;
    }
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

/// Adds each template of the default theme that `templates` lacks; returns those of them
/// the renderer asks for by name.
fn add_default_templates(templates: &mut Vec<(String, Arc<SourceFile>)>) -> Vec<&'static str> {
    let mut fallbacks = Vec::new();
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
    fallbacks
}

/// The templates parsed by Tera, autoescaping HTML and XML; `None` when one fails to parse
/// or one the renderer asks for is missing.
fn compile(
    templates: &[(String, Arc<SourceFile>)],
    theme: &str,
    diagnostics: &mut Diagnostics,
) -> Option<Tera> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    // Tera's own escaper also escapes `/`, which bloats every URL; `/` is safe in HTML.
    tera.set_escape_fn(escape_html);
    // Each template parsed on its own first: every one that fails is reported, by name.
    let mut parsed = true;
    for (name, file) in templates {
        if let Err(err) = tera::Template::new(name, None, &file.text) {
            diagnostics.push(parse_error(file, &err));
            parsed = false;
        }
    }
    if !parsed {
        return None;
    }
    let raw: Vec<(&str, &str)> = templates
        .iter()
        .map(|(n, f)| (n.as_str(), f.text.as_str()))
        .collect();
    if let Err(err) = tera.add_raw_templates(raw) {
        diagnostics.push(inheritance_error(templates, &err));
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
            .in_file(format!("themes/{theme}/templates")),
        );
        return None;
    }
    Some(tera)
}

/// Whether the template `name` is the default theme's own, as compiled in.
fn is_default(name: &str, text: &str) -> bool {
    crate::embedded::theme_file(&format!("templates/{name}")) == Some(text.as_bytes())
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

#[cfg(test)]
mod tests {
    use super::*;

    fn file(rel: &str, text: &str) -> ThemeFile {
        (rel.into(), text.as_bytes().to_vec(), rel.into())
    }

    #[test]
    fn search_js_is_the_themes_own_else_its_parts_joined_in_name_order() {
        let parts = vec![
            file("search/2-ranking.js", "b"),
            file("search/1-loading.js", "a"),
            file("search/notes.txt", "not a part"),
        ];
        let mut diagnostics = Diagnostics::new();
        let (_, statics, _) = split(parts.clone(), &mut diagnostics).unwrap();
        assert_eq!(statics, vec![("search.js".to_string(), b"ab".to_vec())]);
        let mut own = parts;
        own.push(file("static/search.js", "own"));
        let (_, statics, _) = split(own, &mut diagnostics).unwrap();
        assert_eq!(statics, vec![("search.js".to_string(), b"own".to_vec())]);
    }
}

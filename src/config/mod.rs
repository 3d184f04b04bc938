//! `book.yaml`: the handbook's configuration, read into typed values with SPEC's defaults.
//!
//! Every key of SPEC is known here. Keys whose feature is not built yet are accepted with a
//! warning (never silently ignored); anything else unknown is an error with a hint.

use std::path::Path;
use std::sync::Arc;

use crate::color::Rgb;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::source::SourceFile;
use crate::yaml::{self, Fields, Spanned};

mod institution;
mod print;
mod rules;
mod values;

pub use institution::Institution;
use institution::read_institution;
use print::read_print;
pub use print::{HandbookPdf, Paper};
use rules::read_rules;
pub use rules::{Rule, Rules};

pub const FILE_NAME: &str = "book.yaml";

pub(crate) const TOP_KEYS: &[&str] = &[
    "title",
    "subtitle",
    "edition",
    "reviewed",
    "language",
    "base_url",
    "output_dir",
    "institution",
    "theme",
    "rules",
    "search",
    "sample",
    "allow_html",
    "print",
    "variants",
];
pub(crate) const INSTITUTION_KEYS: &[&str] =
    &["name", "short_name", "logo", "url", "contact", "colors"];
pub(crate) const COLOR_KEYS: &[&str] = &["primary", "accent", "dark"];
/// `colors.dark`: the dark scheme's pair.
pub(crate) const DARK_COLOR_KEYS: &[&str] = &["primary", "accent"];
/// Keys that SPEC defines for features still to come: accepted, with a warning.
const NOT_BUILT_YET: &[(&str, &str)] = &[("variants", "institution variants")];

/// Colours used when book.yaml gives none: they pass the contrast checks light and dark.
pub const DEFAULT_PRIMARY: &str = "#1d5a78";
pub const DEFAULT_ACCENT: &str = "#8a6116";

#[derive(Debug, Clone)]
pub struct Config {
    pub file: Arc<SourceFile>,
    pub title: String,
    pub subtitle: Option<String>,
    pub edition: Option<String>,
    pub reviewed: Option<String>,
    pub language: String,
    pub base_url: Option<String>,
    pub base_url_span: Option<std::ops::Range<usize>>,
    pub output_dir: String,
    pub institution: Institution,
    pub theme: String,
    pub theme_span: Option<std::ops::Range<usize>>,
    pub variants: Vec<Variant>,
    /// Local rules (`rules:`), by name: content writes `{{ rules.name }}` for the value.
    pub rules: Rules,
    /// Client-side search (`search:`, default true).
    pub search: bool,
    /// The bundled example (`sample: true`): its placeholders are meant, and the site says so.
    pub sample: bool,
    /// Raw HTML in Markdown kept as written (`allow_html:`, default true); false sanitises it,
    /// for handbooks whose editors are not all trusted.
    pub allow_html: bool,
    /// Paper for print pages and PDFs (`print: { paper: a4 | letter }`).
    pub paper: Paper,
    /// Whether `/downloads/handbook.pdf` is made (`print: { handbook_pdf: auto }`).
    pub handbook_pdf: HandbookPdf,
}

/// Another institution built from the same content (SPEC); not built yet.
#[derive(Debug, Clone)]
pub struct Variant {
    pub name: String,
    /// Folder (relative to the root) whose files replace or add to content/.
    pub content: Option<Spanned<String>>,
}

impl Config {
    /// Right-to-left scripts get `dir="rtl"`.
    pub fn direction(&self) -> &'static str {
        let primary = self.language.split(['-', '_']).next().unwrap_or("");
        if ["ar", "fa", "he", "ur", "ps", "sd", "yi", "ckb", "dv"].contains(&primary) {
            "rtl"
        } else {
            "ltr"
        }
    }

    /// The base URL when it is absolute (`http(s)://…`), with a trailing slash.
    pub fn absolute_base_url(&self) -> Option<String> {
        let base = self.base_url.as_deref()?;
        if !(base.starts_with("https://") || base.starts_with("http://")) {
            return None;
        }
        Some(if base.ends_with('/') {
            base.to_string()
        } else {
            format!("{base}/")
        })
    }

    pub fn load(root: &Path, diagnostics: &mut Diagnostics) -> Option<Config> {
        let path = root.join(FILE_NAME);
        let text = match crate::files::read_text_file(&path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => text,
                Err(_) => {
                    diagnostics.push(
                        Diagnostic::new(Code::FileEncoding, "book.yaml is not UTF-8 text")
                            .in_file(FILE_NAME)
                            .hint("save the file as UTF-8"),
                    );
                    return None;
                }
            },
            Err(crate::files::ReadError::TooLarge) => {
                diagnostics.push(crate::files::too_large(FILE_NAME));
                return None;
            }
            Err(crate::files::ReadError::Io(err)) => {
                diagnostics.push(
                    Diagnostic::new(
                        Code::ConfigMissing,
                        format!("cannot read {}: {err}", path.display()),
                    )
                    .in_file(FILE_NAME)
                    .hint("run `handbook init` to start a handbook, or pass --root DIR"),
                );
                return None;
            }
        };
        let (text, controls) = crate::files::without_controls(text);
        let file = SourceFile::new(FILE_NAME, text);
        if let Some(found) = controls {
            diagnostics.push(crate::files::controls_warning(&file, found));
        }
        Config::parse(file, diagnostics)
    }

    /// Reads book.yaml's text. Faults are reported and replaced by defaults, so that the rest
    /// of the handbook is still checked and every error of a build is reported together.
    pub fn parse(file: Arc<SourceFile>, diagnostics: &mut Diagnostics) -> Option<Config> {
        let node = match yaml::parse(0, &file.text) {
            Ok(node) => node,
            Err(err) => {
                diagnostics.push(
                    Diagnostic::new(Code::Yaml, err.message)
                        .at(&file, err.offset..err.offset)
                        .hint_opt(err.hint),
                );
                return Some(Config::fallback(file));
            }
        };
        let Some(mut f) = Fields::read(&file, &node, TOP_KEYS, FILE_NAME, diagnostics) else {
            return Some(Config::fallback(file));
        };
        for (key, feature) in NOT_BUILT_YET {
            if let Some(span) = f.key_span(key) {
                let d = Diagnostic::new(
                    Code::ConfigNotBuilt,
                    format!("`{key}` is accepted but {feature} is not built yet"),
                )
                .at(&file, span)
                .hint("the setting is kept and will take effect in a later version");
                f.diagnostics().push(d);
            }
        }
        let defaults = Config::default();
        let title = f.required_text("title", FILE_NAME);
        let subtitle = f.text("subtitle").map(|s| s.value);
        let edition = f.text("edition").map(|s| s.value);
        let reviewed = f.text("reviewed");
        if let Some(date) = &reviewed {
            values::check_date(&file, date, f.diagnostics());
        }
        let reviewed = reviewed.map(|s| s.value);
        let language = f.text("language");
        if let Some(tag) = &language {
            values::check_language(&file, tag, f.diagnostics());
        }
        let language = language.map_or(defaults.language, |s| s.value);
        let base_url = f.text("base_url");
        if let Some(url) = &base_url {
            values::check_base_url(&file, url, f.diagnostics());
        }
        let base_url_span = base_url.as_ref().map(|b| b.span.clone());
        let base_url = base_url.map(|s| s.value);
        let output_dir = f.text("output_dir");
        if let Some(dir) = &output_dir {
            values::check_inside(&file, "output_dir", dir, f.diagnostics());
        }
        let output_dir = output_dir.map_or(defaults.output_dir, |s| s.value);
        let theme = f.text("theme");
        let theme_span = theme.as_ref().map(|t| t.span.clone());
        let theme = theme.map_or(defaults.theme, |s| s.value);
        let search = f.bool("search").unwrap_or(defaults.search);
        let sample = f.bool("sample").unwrap_or(defaults.sample);
        let allow_html = f.bool("allow_html").unwrap_or(defaults.allow_html);
        let (paper, handbook_pdf) = match f.node("print") {
            Some(node) => read_print(&file, node, f.diagnostics()),
            None => (defaults.paper, defaults.handbook_pdf),
        };
        let variants = f.node("variants").map(read_variants).unwrap_or_default();
        for variant in &variants {
            if let Some(dir) = &variant.content {
                values::check_inside(&file, "content", dir, f.diagnostics());
            }
        }
        let rules = match f.node("rules") {
            Some(node) => read_rules(&file, node, f.diagnostics()),
            None => defaults.rules,
        };
        let institution = match f.node("institution") {
            Some(node) => read_institution(&file, node, defaults.institution, f.diagnostics()),
            None => defaults.institution,
        };
        Some(Config {
            file: Arc::clone(&file),
            title: title.map_or(defaults.title, |t| t.value),
            subtitle,
            edition,
            reviewed,
            language,
            base_url,
            base_url_span,
            output_dir,
            institution,
            theme,
            theme_span,
            variants,
            rules,
            search,
            sample,
            allow_html,
            paper,
            handbook_pdf,
        })
    }

    /// The defaults, read from `file` (a book.yaml that could not be read as a mapping).
    fn fallback(file: Arc<SourceFile>) -> Config {
        Config {
            file,
            ..Config::default()
        }
    }
}

/// Where the site is written when book.yaml does not say (`output_dir`).
pub const DEFAULT_OUTPUT_DIR: &str = "public";

/// Every setting's default, in one place: what `parse` gives for each key book.yaml leaves out.
impl Default for Config {
    fn default() -> Config {
        Config {
            file: SourceFile::new(FILE_NAME, ""),
            title: UNTITLED.to_string(),
            subtitle: None,
            edition: None,
            reviewed: None,
            language: "en".to_string(),
            base_url: None,
            base_url_span: None,
            output_dir: DEFAULT_OUTPUT_DIR.to_string(),
            institution: Institution {
                primary: parse_default(DEFAULT_PRIMARY),
                accent: parse_default(DEFAULT_ACCENT),
                ..Institution::default()
            },
            theme: "default".to_string(),
            theme_span: None,
            variants: Vec::new(),
            rules: Default::default(),
            search: true,
            sample: false,
            allow_html: true,
            paper: Paper::A4,
            handbook_pdf: HandbookPdf::Auto,
        }
    }
}

const UNTITLED: &str = "Untitled handbook";

/// Variants are not built yet; their content folders are recorded so `check` can verify them.
fn read_variants(node: &yaml::Node) -> Vec<Variant> {
    let yaml::Value::Map(entries) = &node.value else {
        return Vec::new();
    };
    entries
        .iter()
        .map(|(name, variant)| {
            let content = match &variant.value {
                yaml::Value::Map(fields) => fields
                    .iter()
                    .find(|(k, _)| k.as_text().as_deref() == Some("content"))
                    .and_then(|(_, v)| v.as_text().map(|t| Spanned::new(t, v.span.clone()))),
                _ => None,
            };
            Variant {
                name: name.as_text().unwrap_or_default(),
                content,
            }
        })
        .collect()
}

pub(crate) fn parse_default(hex: &str) -> Rgb {
    Rgb::parse(hex).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (Option<Config>, Diagnostics) {
        let mut diagnostics = Diagnostics::new();
        let config = Config::parse(SourceFile::new("book.yaml", text), &mut diagnostics);
        (config, diagnostics)
    }

    #[test]
    fn only_the_title_is_required() {
        let (config, diagnostics) = parse("title: Handbook\n");
        let config = config.unwrap();
        assert!(diagnostics.is_empty());
        assert_eq!(config.language, "en");
        assert_eq!(config.output_dir, "public");
        assert_eq!(config.theme, "default");
        assert_eq!(config.direction(), "ltr");
    }

    #[test]
    fn unknown_keys_get_a_hint_and_unbuilt_ones_a_warning() {
        let (config, diagnostics) =
            parse("title: H\ntitel: x\nvariants:\n  p:\n    institution: { name: P }\n");
        assert_eq!(
            config.unwrap().title,
            "H",
            "the rest of the file is still read"
        );
        let all: Vec<_> = diagnostics.into_iter().collect();
        let unknown = all.iter().find(|d| d.code == Code::FieldUnknown).unwrap();
        assert_eq!(unknown.hint.as_deref(), Some("did you mean `title`?"));
        assert_eq!(unknown.position().unwrap().0, 2);
        assert!(all.iter().any(|d| d.code == Code::ConfigNotBuilt));
    }

    #[test]
    fn urdu_is_right_to_left_and_bad_colours_are_errors() {
        let (config, _) = parse("title: H\nlanguage: ur-PK\n");
        assert_eq!(config.unwrap().direction(), "rtl");
        let (_, diagnostics) = parse("title: H\ninstitution:\n  colors: { primary: green }\n");
        assert!(diagnostics.iter().any(|d| d.code == Code::Color));
    }
}

//! Code highlighting with syntect, as CSS classes (never inline styles), so one light and one
//! dark stylesheet colour every block. Syntaxes are loaded once per thread, on first use; the
//! blocks already highlighted are remembered by the session's `Highlighter`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use syntect::highlighting::ThemeSet;

use crate::color::{Rgb, Surfaces};

mod short;
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };
const LIGHT_THEME: &str = "InspiredGitHub";
const DARK_THEME: &str = "base16-ocean.dark";

/// The syntaxes, loaded once per process and shared by every thread, so that each regex is
/// compiled once (on first use), not once per thread.
fn syntaxes() -> &'static SyntaxSet {
    static SET: std::sync::OnceLock<SyntaxSet> = std::sync::OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// Blocks remembered at most (a few MB of HTML): past this, blocks are highlighted again.
const MEMO_LIMIT: usize = 20_000;

/// Highlighted blocks by language and code: handbooks repeat their examples (the same YAML
/// snippet on many pages), a block always highlights the same way, and a rebuild under
/// `serve` meets the same blocks again. Kept by the session and bounded: each render pass
/// keeps only the blocks it used, and no more than `MEMO_LIMIT`.
#[derive(Default)]
pub struct Highlighter {
    memo: Mutex<Memo>,
}

#[derive(Default)]
struct Memo {
    blocks: HashMap<(String, String), (Arc<str>, u64)>,
    pass: u64,
}

impl Highlighter {
    /// A `<pre><code>` block, highlighted when the language is known.
    pub fn code_block(&self, lang: &str, code: &str) -> String {
        let key = (lang.to_string(), code.to_string());
        if let Ok(mut memo) = self.memo.lock() {
            let pass = memo.pass;
            if let Some((html, used)) = memo.blocks.get_mut(&key) {
                *used = pass;
                return html.to_string();
            }
        }
        let html = highlight(syntaxes(), lang, code);
        if let Ok(mut memo) = self.memo.lock()
            && memo.blocks.len() < MEMO_LIMIT
        {
            let pass = memo.pass;
            memo.blocks.insert(key, (Arc::from(html.as_str()), pass));
        }
        html
    }

    /// Starts a render pass: blocks not used by it are forgotten at `end_pass`.
    pub fn begin_pass(&self) {
        if let Ok(mut memo) = self.memo.lock() {
            memo.pass += 1;
        }
    }

    pub fn end_pass(&self) {
        if let Ok(mut memo) = self.memo.lock() {
            let pass = memo.pass;
            memo.blocks.retain(|_, (_, used)| *used == pass);
        }
    }

    /// Blocks remembered now.
    pub fn remembered(&self) -> usize {
        self.memo.lock().map_or(0, |m| m.blocks.len())
    }
}

fn highlight(set: &SyntaxSet, lang: &str, code: &str) -> String {
    let lang_class = if lang.is_empty() {
        String::new()
    } else {
        format!(" class=\"language-{}\"", crate::render::escape(lang))
    };
    let syntax = if lang.is_empty() {
        None
    } else {
        set.find_syntax_by_token(lang)
    };
    let Some(syntax) = syntax else {
        return format!(
            "<pre class=\"code\" tabindex=\"0\"><code{lang_class}>{}</code></pre>\n",
            crate::render::escape(code)
        );
    };
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        if generator
            .parse_html_for_line_which_includes_newline(line)
            .is_err()
        {
            return format!(
                "<pre class=\"code\" tabindex=\"0\"><code{lang_class}>{}</code></pre>\n",
                crate::render::escape(code)
            );
        }
    }
    format!(
        "<pre class=\"code hl\" tabindex=\"0\"><code{lang_class}>{}</code></pre>\n",
        short_names().html(&generator.finalize())
    )
}

/// The stylesheet for highlighted code: the light theme, and the dark one for dark schemes,
/// each colour moved just far enough (darker, or lighter for dark schemes) to be readable on
/// the theme's code surface. Made once per set of surfaces.
pub fn stylesheet(surfaces: &Surfaces) -> Arc<str> {
    static MADE: Mutex<Vec<(Rgb, Rgb, Arc<str>)>> = Mutex::new(Vec::new());
    let code = &surfaces.list[surfaces.code];
    let mut made = MADE.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, _, css)) = made
        .iter()
        .find(|(l, d, _)| (*l, *d) == (code.light, code.dark))
    {
        return css.clone();
    }
    let css: Arc<str> = make_stylesheet(surfaces).into();
    made.push((code.light, code.dark, css.clone()));
    css
}

fn make_stylesheet(surfaces: &Surfaces) -> String {
    let themes = ThemeSet::load_defaults();
    let css = |name: &str, light: bool| {
        let Some(theme) = themes.themes.get(name) else {
            return String::new();
        };
        let mut theme = theme.clone();
        let readable = |c: syntect::highlighting::Color| {
            let Rgb(r, g, b) = surfaces.code_color(Rgb(c.r, c.g, c.b), light);
            syntect::highlighting::Color { r, g, b, a: 255 }
        };
        // The block's background is the theme's code surface, not the highlighting theme's.
        theme.settings.background = None;
        theme.settings.foreground = theme.settings.foreground.map(readable);
        for item in &mut theme.scopes {
            item.style.foreground = item.style.foreground.map(readable);
            item.style.background = None;
        }
        css_for_theme_with_class_style(&theme, CLASS_STYLE).unwrap_or_default()
    };
    // Each scheme's rules only in that scheme: a class only one theme colours must not keep
    // the other scheme's colour.
    let indent = |css: String| -> String { css.lines().map(|l| format!("  {l}\n")).collect() };
    let short = short_names();
    format!(
        "/* Generated by handbook from syntect's {LIGHT_THEME} and {DARK_THEME} themes, with every colour readable on the theme's code surface, and short class names. */\n@media not (prefers-color-scheme: dark) {{\n{}}}\n@media (prefers-color-scheme: dark) {{\n{}}}\n",
        indent(short.css(&css(LIGHT_THEME, true))),
        indent(short.css(&css(DARK_THEME, false))),
    )
}

/// The short class names, from the atoms the two themes' stylesheets name (the same in every
/// build, whatever the colours).
fn short_names() -> &'static short::Short {
    static SHORT: std::sync::OnceLock<short::Short> = std::sync::OnceLock::new();
    SHORT.get_or_init(|| {
        let themes = ThemeSet::load_defaults();
        let sheets: Vec<String> = [LIGHT_THEME, DARK_THEME]
            .iter()
            .filter_map(|name| themes.themes.get(*name))
            .filter_map(|t| css_for_theme_with_class_style(t, CLASS_STYLE).ok())
            .collect();
        short::Short::from_css(&sheets.iter().map(String::as_str).collect::<Vec<_>>())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_is_highlighted_with_classes() {
        let html = Highlighter::default().code_block("yaml", "title: Handbook\n");
        assert!(html.contains("<span class=\"h"), "{html}");
        assert!(!html.contains("hl-yaml"), "{html}");
        assert!(!html.contains("style="), "{html}");
    }

    #[test]
    fn unknown_languages_are_escaped_plain_text() {
        let html = Highlighter::default().code_block("nosuchlang", "<b>\n");
        assert!(html.contains("&lt;b&gt;"));
    }
}

#[cfg(test)]
mod memo_tests {
    use super::*;

    #[test]
    fn the_memo_keeps_only_what_the_last_pass_used() {
        let h = Highlighter::default();
        h.begin_pass();
        h.code_block("yaml", "a: 1\n");
        h.code_block("yaml", "b: 2\n");
        h.end_pass();
        assert_eq!(h.remembered(), 2);
        h.begin_pass();
        h.code_block("yaml", "b: 2\n");
        h.end_pass();
        assert_eq!(h.remembered(), 1);
    }
}

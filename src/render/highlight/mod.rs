//! Code highlighting with syntect, as CSS classes (never inline styles), so one light and one
//! dark stylesheet colour every block. Syntaxes are loaded once per thread, on first use; the
//! blocks already highlighted are remembered by the session's `Highlighter`.

use std::sync::{Arc, Mutex};

use syntect::highlighting::ThemeSet;

use crate::color::{Rgb, Surfaces};

mod tokens;
use syntect::parsing::SyntaxSet;

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
    blocks: foldhash::HashMap<(String, String), (Arc<str>, u64)>,
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
    match themes().html(set, syntax, code) {
        Some(html) => {
            format!("<pre class=\"code hl\" tabindex=\"0\"><code{lang_class}>{html}</code></pre>\n")
        }
        None => format!(
            "<pre class=\"code\" tabindex=\"0\"><code{lang_class}>{}</code></pre>\n",
            crate::render::escape(code)
        ),
    }
}

/// The light and dark themes with their palettes, loaded once per process.
fn themes() -> &'static tokens::Themes {
    static THEMES: std::sync::OnceLock<tokens::Themes> = std::sync::OnceLock::new();
    THEMES.get_or_init(|| {
        let mut set = ThemeSet::load_defaults();
        let mut take = |name: &str| set.themes.remove(name).unwrap_or_default();
        let light = take(LIGHT_THEME);
        tokens::Themes::new(light, take(DARK_THEME))
    })
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
    let themes = themes();
    let hex = |c: syntect::highlighting::Color, light: bool| {
        let Rgb(r, g, b) = surfaces.code_color(Rgb(c.r, c.g, c.b), light);
        format!("#{r:02x}{g:02x}{b:02x}")
    };
    // Each scheme's colours only in that scheme; every colour moved just far enough to read
    // on the theme's code surface.
    let scheme = |palette: &tokens::Palette, light: bool| {
        let mut rules = format!("  .hl {{ color: {}; }}\n", hex(palette.default, light));
        for (colour, class) in &palette.colours {
            rules.push_str(&format!(
                "  .hl .{class} {{ color: {}; }}\n",
                hex(*colour, light)
            ));
        }
        rules
    };
    format!(
        "/* Generated by handbook from syntect's {LIGHT_THEME} and {DARK_THEME} themes, with every colour readable on the theme's code surface. */\n.hl .b {{ font-weight: bold; }}\n.hl .i {{ font-style: italic; }}\n.hl .u {{ text-decoration: underline; }}\n@media not (prefers-color-scheme: dark) {{\n{}}}\n@media (prefers-color-scheme: dark) {{\n{}}}\n",
        scheme(&themes.light_palette, true),
        scheme(&themes.dark_palette, false),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_is_highlighted_with_classes() {
        let html = Highlighter::default().code_block("yaml", "title: Handbook\n");
        assert!(html.contains("<span class=\""), "{html}");
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

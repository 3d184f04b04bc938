//! Highlighted code as flat tokens. Each piece of a line is styled by both themes (light and
//! dark) from one parse, by its stack of scopes; a piece gets one class per scheme naming its colour in that theme's
//! palette, and one per font style, so a token is a single `<span class="c D">`, with no
//! nesting and no class at all where both themes leave the default colour. The stylesheet
//! is made from the same palettes.

use std::cell::RefCell;
use syntect::highlighting::{Color, FontStyle, Highlighter, Style, Theme};
use syntect::parsing::{ParseState, Scope, ScopeStack, ScopeStackOp, SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

/// Letters for the light theme's colours (`b`, `i` and `u` name font styles), then `l1`, `l2`...
const LIGHT_NAMES: &str = "acdefghjklmnopqrstvwxyz";
/// Letters for the dark theme's colours, then `D1`, `D2`...
const DARK_NAMES: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/// The colours one theme gives code, each with its class name.
pub struct Palette {
    pub default: Color,
    pub colours: Vec<(Color, String)>,
    index: foldhash::HashMap<(u8, u8, u8), usize>,
}

impl Palette {
    /// Every foreground a rule of `theme` sets, in the theme's order, but the default.
    pub fn of(theme: &Theme, light: bool) -> Palette {
        let black = Color {
            r: 0,
            g: 0,
            b: 0,
            a: 255,
        };
        let default = theme.settings.foreground.unwrap_or(black);
        let key = |c: Color| (c.r, c.g, c.b);
        let mut palette = Palette {
            default,
            colours: Vec::new(),
            index: foldhash::HashMap::default(),
        };
        for item in &theme.scopes {
            let Some(colour) = item.style.foreground else {
                continue;
            };
            if key(colour) == key(default) || palette.index.contains_key(&key(colour)) {
                continue;
            }
            let n = palette.colours.len();
            palette.index.insert(key(colour), n);
            palette.colours.push((colour, name(n, light)));
        }
        palette
    }

    /// The class of `colour`, none for the default (or a colour no rule sets).
    fn class(&self, colour: Color) -> Option<&str> {
        let n = *self.index.get(&(colour.r, colour.g, colour.b))?;
        Some(&self.colours[n].1)
    }
}

fn name(n: usize, light: bool) -> String {
    let (letters, prefix) = if light {
        (LIGHT_NAMES, 'l')
    } else {
        (DARK_NAMES, 'D')
    };
    match letters.chars().nth(n) {
        Some(c) => c.to_string(),
        None => format!("{prefix}{}", n - letters.len() + 1),
    }
}

/// The two themes, ready to style scopes.
pub struct Themes {
    pub light: Theme,
    pub dark: Theme,
    pub light_palette: Palette,
    pub dark_palette: Palette,
}

impl Themes {
    pub fn new(light: Theme, dark: Theme) -> Themes {
        Themes {
            light_palette: Palette::of(&light, true),
            dark_palette: Palette::of(&dark, false),
            light,
            dark,
        }
    }

    /// The class attribute of a piece styled `light` and `dark`: empty when both are plain.
    fn classes(&self, light: Style, dark: Style, out: &mut String) {
        out.clear();
        let styles = light.font_style | dark.font_style;
        let parts = [
            self.light_palette.class(light.foreground),
            self.dark_palette.class(dark.foreground),
            styles.contains(FontStyle::BOLD).then_some("b"),
            styles.contains(FontStyle::ITALIC).then_some("i"),
            styles.contains(FontStyle::UNDERLINE).then_some("u"),
        ];
        for part in parts.into_iter().flatten() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(part);
        }
    }

    /// The HTML of `code`'s tokens (without `<pre>`); `None` when the syntax fails on it.
    pub fn html(&self, set: &SyntaxSet, syntax: &SyntaxReference, code: &str) -> Option<String> {
        let mut parse = ParseState::new(syntax);
        let mut stack = ScopeStack::new();
        let mut out = String::with_capacity(code.len() * 2);
        let (mut open, mut class) = (String::new(), String::new());
        let mut text = String::new();
        for line in LinesWithEndings::from(code) {
            let ops = parse.parse_line(line, set).ok()?;
            let mut at = 0;
            let end = (line.len(), ScopeStackOp::Noop);
            for (position, op) in ops.iter().chain(std::iter::once(&end)) {
                let position = (*position).min(line.len());
                if position > at {
                    let (light, dark) = self.styles(stack.as_slice());
                    self.classes(light, dark, &mut class);
                    if class != open {
                        flush(&mut out, &open, &mut text);
                        std::mem::swap(&mut open, &mut class);
                    }
                    text.push_str(&line[at..position]);
                    at = position;
                }
                stack.apply(op).ok()?;
            }
        }
        flush(&mut out, &open, &mut text);
        Some(out)
    }

    /// How each theme styles a stack of scopes, remembered per thread: code repeats the same
    /// few stacks, and matching a stack against every rule of two themes is the dearest part.
    fn styles(&self, stack: &[Scope]) -> (Style, Style) {
        thread_local! {
            static SEEN: RefCell<foldhash::HashMap<Vec<Scope>, (Style, Style)>> =
                RefCell::new(foldhash::HashMap::default());
        }
        SEEN.with(|seen| {
            let mut seen = seen.borrow_mut();
            if let Some(styles) = seen.get(stack) {
                return *styles;
            }
            let styles = (
                Highlighter::new(&self.light).style_for_stack(stack),
                Highlighter::new(&self.dark).style_for_stack(stack),
            );
            if seen.len() > 50_000 {
                seen.clear();
            }
            seen.insert(stack.to_vec(), styles);
            styles
        })
    }
}

/// Writes `text` (in a span of `class` when it has one) and empties it.
fn flush(out: &mut String, class: &str, text: &mut String) {
    if text.is_empty() {
        return;
    }
    let escaped = html_escape::encode_text(text.as_str());
    // Line ends and spaces take the default colour: they need no span.
    if class.is_empty() || text.trim().is_empty() {
        out.push_str(&escaped);
    } else {
        out.push_str("<span class=\"");
        out.push_str(class);
        out.push_str("\">");
        out.push_str(&escaped);
        out.push_str("</span>");
    }
    text.clear();
}

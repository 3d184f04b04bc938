//! A theme's surfaces: the backgrounds it paints the institution's colours on, light and dark,
//! read from the theme's `surfaces.yaml`. They are the one source of the theme's background
//! colours (brand.css declares them), of the dark shades derived for the brand colours, and of
//! what `check` holds each brand colour against: text at 4.5:1, marks (bars, borders) at 3:1.

use serde::Deserialize;

use super::{BLACK, DARK_SHADE_CONTRAST, MARK_CONTRAST, Rgb, TEXT_CONTRAST, WHITE};

/// A brand colour a surface sets text in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Brand {
    Primary,
    Accent,
}

impl Brand {
    pub fn name(self) -> &'static str {
        match self {
            Brand::Primary => "primary",
            Brand::Accent => "accent",
        }
    }
}

/// How a brand colour appears on a surface, and so the contrast it needs there (WCAG 2 AA).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Use {
    /// Words: 4.5:1.
    Text,
    /// Bars, borders and underlines beside text in another colour: 3:1.
    Marks,
}

impl Use {
    pub fn needs(self) -> f64 {
        match self {
            Use::Text => TEXT_CONTRAST,
            Use::Marks => MARK_CONTRAST,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Surface {
    /// The custom property's name without `--`: `bg`, `bg-soft`.
    pub name: String,
    pub light: Rgb,
    pub dark: Rgb,
    /// Where the theme uses it, in a reader's words, for messages.
    pub place: String,
    /// The brand colours set as text on it.
    pub text: Vec<Brand>,
    /// The brand colours drawn on it only as marks: bars, borders, underlines.
    pub marks: Vec<Brand>,
}

#[derive(Debug, Clone)]
pub struct Surfaces {
    pub list: Vec<Surface>,
    /// The surface code blocks are set on.
    pub code: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    code: String,
    surfaces: std::collections::BTreeMap<String, Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    light: String,
    dark: String,
    #[serde(rename = "where")]
    place: String,
    #[serde(default)]
    text: Vec<Brand>,
    #[serde(default)]
    marks: Vec<Brand>,
}

impl Surfaces {
    /// Reads a `surfaces.yaml`; the error says what is wrong, in words.
    pub fn parse(text: &str) -> Result<Surfaces, String> {
        let manifest: Manifest = crate::yaml::from_str(text).map_err(|e| e.message)?;
        let mut list = Vec::new();
        for (name, entry) in manifest.surfaces {
            let color = |value: &str, scheme: &str| {
                Rgb::parse(value).ok_or_else(|| {
                    format!(
                        "surface `{name}`: the {scheme} colour `{value}` is not #rgb or #rrggbb"
                    )
                })
            };
            let valid = !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if !valid {
                return Err(format!(
                    "surface `{name}`: a name is lowercase letters, digits and `-` (it becomes a CSS custom property)"
                ));
            }
            list.push(Surface {
                light: color(&entry.light, "light")?,
                dark: color(&entry.dark, "dark")?,
                name,
                place: entry.place,
                text: entry.text,
                marks: entry.marks,
            });
        }
        let code = list
            .iter()
            .position(|s| s.name == manifest.code)
            .ok_or_else(|| format!("`code: {}` names no surface", manifest.code))?;
        Ok(Surfaces { list, code })
    }

    /// The default theme's surfaces, compiled in; for themes without a manifest.
    pub fn default_theme() -> Surfaces {
        let text = crate::embedded::theme_file("surfaces.yaml").unwrap_or_default();
        Surfaces::parse(&String::from_utf8_lossy(text)).expect("the default theme's surfaces")
    }

    /// The surfaces that set text in `brand`.
    pub fn carrying(&self, brand: Brand) -> impl Iterator<Item = &Surface> {
        self.list.iter().filter(move |s| s.text.contains(&brand))
    }

    /// Each surface `brand` appears on, and how: as text, or only as marks.
    pub fn holding(&self, brand: Brand) -> impl Iterator<Item = (&Surface, Use)> {
        self.list.iter().filter_map(move |s| {
            if s.text.contains(&brand) {
                Some((s, Use::Text))
            } else if s.marks.contains(&brand) {
                Some((s, Use::Marks))
            } else {
                None
            }
        })
    }

    /// The dark-scheme shade of `color` used as `brand` when book.yaml gives none: the closest
    /// to it, same hue, that reads comfortably (6:1) on every dark surface setting text in that
    /// colour, and marks 3:1 where it only marks.
    pub fn dark_shade(&self, brand: Brand, color: Rgb) -> Rgb {
        let goals: Vec<(Rgb, f64)> = self
            .holding(brand)
            .map(|(s, used)| {
                let goal = match used {
                    Use::Text => DARK_SHADE_CONTRAST,
                    Use::Marks => MARK_CONTRAST,
                };
                (s.dark, goal)
            })
            .collect();
        color.lightened_to(&goals)
    }

    /// A code colour made readable on the code surface: `light` true for the light scheme.
    pub fn code_color(&self, color: Rgb, light: bool) -> Rgb {
        let surface = &self.list[self.code];
        if light {
            color.toward(BLACK, &[surface.light], TEXT_CONTRAST)
        } else {
            color.toward(WHITE, &[surface.dark], TEXT_CONTRAST)
        }
    }

    /// Custom-property declarations for one scheme: `  --bg: #ffffff;` per surface.
    pub fn css(&self, light: bool) -> String {
        self.list
            .iter()
            .map(|s| {
                let color = if light { s.light } else { s.dark };
                format!("  --{}: {color};\n", s.name)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_theme_declares_its_surfaces() {
        let surfaces = Surfaces::default_theme();
        assert!(surfaces.list.iter().any(|s| s.name == "bg"));
        assert_eq!(surfaces.list[surfaces.code].name, "bg-soft");
        assert!(surfaces.css(true).contains("--bg: #ffffff;"));
    }

    #[test]
    fn dark_shades_are_readable_on_every_surface_that_carries_them() {
        let surfaces = Surfaces::default_theme();
        let primary = Rgb::parse("#0b5d4b").unwrap();
        let shade = surfaces.dark_shade(Brand::Primary, primary);
        for s in surfaces.carrying(Brand::Primary) {
            assert!(shade.contrast(s.dark) >= DARK_SHADE_CONTRAST, "{}", s.name);
        }
        let marked: Vec<_> = surfaces
            .holding(Brand::Accent)
            .filter(|(_, used)| *used == Use::Marks)
            .collect();
        assert!(!marked.is_empty(), "bars in the accent colour on a tint");
    }

    #[test]
    fn bad_manifests_are_explained() {
        let err = Surfaces::parse(
            "code: bg\nsurfaces:\n  bg: { light: white, dark: \"#000\", where: page }\n",
        )
        .unwrap_err();
        assert!(err.contains("`white` is not #rgb"), "{err}");
        let err = Surfaces::parse(
            "code: x\nsurfaces:\n  bg: { light: \"#fff\", dark: \"#000\", where: page }\n",
        )
        .unwrap_err();
        assert!(err.contains("`code: x` names no surface"), "{err}");
    }
}

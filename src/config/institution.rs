//! `institution:` in book.yaml: names, logo, address, contact and brand colours.

use std::sync::Arc;

use super::{COLOR_KEYS, DARK_COLOR_KEYS, INSTITUTION_KEYS};
use crate::color::{Brand, Rgb, Surfaces};
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::source::SourceFile;
use crate::yaml::{self, Fields, Spanned};

#[derive(Debug, Clone, Default)]
pub struct Institution {
    pub name: Option<String>,
    pub short_name: Option<String>,
    /// Relative to the handbook root, as written.
    pub logo: Option<Spanned<String>>,
    pub url: Option<String>,
    pub contact: Option<String>,
    /// Where `url` and `contact` were written, for diagnostics.
    pub url_span: Option<std::ops::Range<usize>>,
    pub contact_span: Option<std::ops::Range<usize>>,
    pub primary: Rgb,
    pub accent: Rgb,
    /// Where each colour was written, for contrast diagnostics.
    pub primary_span: Option<std::ops::Range<usize>>,
    pub accent_span: Option<std::ops::Range<usize>>,
    /// The dark scheme's colours (`colors.dark`), where book.yaml chooses them rather than
    /// leaving the theme to derive them.
    pub dark_primary: Option<Spanned<Rgb>>,
    pub dark_accent: Option<Spanned<Rgb>>,
}

impl Institution {
    /// A brand colour for the light scheme, and where it was written.
    pub fn light(&self, brand: Brand) -> (Rgb, Option<std::ops::Range<usize>>) {
        match brand {
            Brand::Primary => (self.primary, self.primary_span.clone()),
            Brand::Accent => (self.accent, self.accent_span.clone()),
        }
    }

    /// The dark scheme's shade of a brand colour, when book.yaml sets it (`colors.dark`).
    pub fn chosen_dark(&self, brand: Brand) -> Option<&Spanned<Rgb>> {
        match brand {
            Brand::Primary => self.dark_primary.as_ref(),
            Brand::Accent => self.dark_accent.as_ref(),
        }
    }

    /// The dark scheme's shade of a brand colour: book.yaml's, else derived by the theme.
    pub fn dark(&self, brand: Brand, surfaces: &Surfaces) -> Rgb {
        match self.chosen_dark(brand) {
            Some(chosen) => chosen.value,
            None => surfaces.dark_shade(brand, self.light(brand).0),
        }
    }
}

/// `institution:` read over `defaults` (the brand colours a handbook that sets none has).
pub(super) fn read_institution(
    file: &Arc<SourceFile>,
    node: &yaml::Node,
    defaults: Institution,
    diagnostics: &mut Diagnostics,
) -> Institution {
    let mut institution = defaults;
    let Some(mut f) = Fields::read(file, node, INSTITUTION_KEYS, "institution", diagnostics) else {
        return institution;
    };
    institution.name = f.text("name").map(|s| s.value);
    institution.short_name = f.text("short_name").map(|s| s.value);
    institution.logo = f.text("logo");
    let url = f.text("url");
    institution.url_span = url.as_ref().map(|u| u.span.clone());
    institution.url = url.map(|s| s.value);
    let contact = f.text("contact");
    institution.contact_span = contact.as_ref().map(|c| c.span.clone());
    institution.contact = contact.map(|s| s.value);
    if let Some(colors) = f.node("colors") {
        let Some(mut c) = Fields::read(file, colors, COLOR_KEYS, "colors", f.diagnostics()) else {
            return institution;
        };
        if let Some(color) = read_color(&mut c, "primary") {
            institution.primary = color.value;
            institution.primary_span = Some(color.span);
        }
        if let Some(color) = read_color(&mut c, "accent") {
            institution.accent = color.value;
            institution.accent_span = Some(color.span);
        }
        if let Some(dark) = c.node("dark") {
            let what = "colors.dark";
            if let Some(mut d) = Fields::read(file, dark, DARK_COLOR_KEYS, what, c.diagnostics()) {
                institution.dark_primary = read_color(&mut d, "primary");
                institution.dark_accent = read_color(&mut d, "accent");
            }
        }
    }
    institution
}

/// A colour field, `"#0b5d4b"`; anything else is reported and left out.
fn read_color(fields: &mut Fields, key: &str) -> Option<Spanned<Rgb>> {
    let value = fields.text(key)?;
    match Rgb::parse(&value.value) {
        Some(rgb) => Some(Spanned::new(rgb, value.span)),
        None => {
            let d = Diagnostic::new(
                Code::Color,
                format!("`{}` is not a colour handbook understands", value.value),
            )
            .at(fields.file(), value.span)
            .hint("write colours as hex, e.g. \"#0b5d4b\" (in quotes)");
            fields.diagnostics().push(d);
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::color::{Brand, Rgb, Surfaces};
    use crate::config::Config;
    use crate::diagnostic::{Code, Diagnostics};
    use crate::source::SourceFile;

    fn parse(text: &str) -> (Config, Diagnostics) {
        let mut diagnostics = Diagnostics::new();
        let config = Config::parse(SourceFile::new("book.yaml", text), &mut diagnostics).unwrap();
        (config, diagnostics)
    }

    #[test]
    fn colors_dark_sets_the_dark_pair_and_else_the_theme_derives_it() {
        let surfaces = Surfaces::default_theme();
        let (config, diagnostics) = parse(
            "title: H\ninstitution:\n  colors:\n    primary: \"#0b5d4b\"\n    dark: { primary: \"#7fd1b9\" }\n",
        );
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let institution = &config.institution;
        let chosen = institution.chosen_dark(Brand::Primary).unwrap();
        assert_eq!(chosen.value, Rgb(0x7f, 0xd1, 0xb9));
        assert_eq!(
            &config.file.text[chosen.span.clone()],
            "\"#7fd1b9\"",
            "the span, for check"
        );
        assert_eq!(
            institution.dark(Brand::Primary, &surfaces),
            Rgb(0x7f, 0xd1, 0xb9)
        );
        assert!(institution.chosen_dark(Brand::Accent).is_none());
        let derived = institution.dark(Brand::Accent, &surfaces);
        assert_eq!(
            derived,
            surfaces.dark_shade(Brand::Accent, institution.accent)
        );
    }

    #[test]
    fn colors_dark_reports_unknown_keys_and_bad_colours() {
        let (config, diagnostics) = parse(
            "title: H\ninstitution:\n  colors:\n    dark: { primery: \"#7fd1b9\", accent: teal }\n",
        );
        let all: Vec<_> = diagnostics.into_iter().collect();
        let unknown = all.iter().find(|d| d.code == Code::FieldUnknown).unwrap();
        assert_eq!(unknown.message, "unknown field `primery` in colors.dark");
        assert_eq!(unknown.hint.as_deref(), Some("did you mean `primary`?"));
        assert!(all.iter().any(|d| d.code == Code::Color), "{all:?}");
        assert!(config.institution.dark_primary.is_none());
        assert!(config.institution.dark_accent.is_none());
    }
}

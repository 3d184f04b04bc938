//! The institution's branding: colours readable light and dark (WCAG 2 AA), variant folders.

use crate::color::{Brand, Surface, Surfaces, TEXT_CONTRAST};
use crate::config::Config;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};

/// Each brand colour against every surface the theme sets text in it on (its
/// `surfaces.yaml`), in the light scheme as given and in the dark scheme as derived, and
/// button text on the primary colour. A colour can be too light for white and too dark for
/// the dark surfaces at once; every pair that falls short is reported with its ratio.
pub fn check_colors(config: &Config, surfaces: &Surfaces, diagnostics: &mut Diagnostics) {
    let institution = &config.institution;
    let mut fail = |span: &Option<std::ops::Range<usize>>,
                    what: String,
                    ratio: f64,
                    others: &[String],
                    hint: &str| {
        let mut message = format!("{what}: contrast {ratio:.2}:1, below {TEXT_CONTRAST}:1");
        if !others.is_empty() {
            message = format!("{message} (also short: {})", others.join(", "));
        }
        let d = Diagnostic::new(Code::Contrast, message).hint(hint);
        diagnostics.push(match span {
            Some(span) => d.at(&config.file, span.clone()),
            None => d.in_file(config.file.display_path()),
        });
    };
    let colors = [
        (
            Brand::Primary,
            institution.primary,
            &institution.primary_span,
        ),
        (Brand::Accent, institution.accent, &institution.accent_span),
    ];
    for (brand, color, span) in colors {
        let name = brand.name();
        let shade = surfaces.dark_shade(brand, color);
        let schemes = [
            (
                color,
                false,
                "choose a darker shade (the dark-mode shade is derived from it)",
            ),
            (
                shade,
                true,
                "no lighter shade of this colour is readable there: choose another hue, or a theme with darker surfaces",
            ),
        ];
        for (shown, dark, hint) in schemes {
            // One report per colour and scheme: the surface where it reads worst, naming the others.
            let mut short: Vec<(&Surface, f64)> = surfaces
                .carrying(brand)
                .map(|s| (s, shown.contrast(if dark { s.dark } else { s.light })))
                .filter(|(_, ratio)| *ratio < TEXT_CONTRAST)
                .collect();
            short.sort_by(|a, b| a.1.total_cmp(&b.1));
            let Some(&(worst, ratio)) = short.first() else {
                continue;
            };
            let background = if dark { worst.dark } else { worst.light };
            let what = if dark {
                format!("the dark-mode shade {shown} of the {name} colour")
            } else {
                format!("the {name} colour {shown}")
            };
            let message = format!(
                "{what} on the theme's `{}` surface ({background} in the {} scheme: {})",
                worst.name,
                if dark { "dark" } else { "light" },
                worst.place
            );
            let others: Vec<String> = short[1..]
                .iter()
                .map(|(s, r)| format!("`{}` {r:.2}:1", s.name))
                .collect();
            fail(span, message, ratio, &others, hint);
        }
    }
    let primary = institution.primary;
    for (scheme, fill) in [
        ("", primary),
        (" (dark mode)", surfaces.dark_shade(Brand::Primary, primary)),
    ] {
        let ratio = fill.contrast(fill.readable_text());
        if ratio < TEXT_CONTRAST {
            fail(
                &institution.primary_span,
                format!("button text on the primary colour {fill}{scheme}"),
                ratio,
                &[],
                "choose a darker or lighter primary colour, so that white or black text reads on it",
            );
        }
    }
}

pub fn check_variants(config: &Config, root: &std::path::Path, diagnostics: &mut Diagnostics) {
    for variant in &config.variants {
        let Some(dir) = &variant.content else {
            continue;
        };
        // Reported by the config reader; never looked for outside the handbook.
        if std::path::Path::new(&dir.value).is_absolute()
            || dir.value.split(['/', '\\']).any(|p| p == "..")
        {
            continue;
        }
        if !root.join(&dir.value).is_dir() {
            diagnostics.push(
                Diagnostic::new(
                    Code::VariantMissing,
                    format!(
                        "variant `{}` names the folder `{}`, which does not exist",
                        variant.name, dir.value
                    ),
                )
                .at(&config.file, dir.span.clone())
                .hint(
                    "create the folder (its files replace or add to content/), or correct the path",
                ),
            );
        }
    }
}

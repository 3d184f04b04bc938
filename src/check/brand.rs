//! The institution's branding: colours readable light and dark (WCAG 2 AA), variant folders.

use std::ops::Range;

use crate::color::{Brand, Rgb, Surface, Surfaces, TEXT_CONTRAST};
use crate::config::Config;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};

/// Each brand colour against every surface the theme sets it on (its `surfaces.yaml`): text
/// at 4.5:1, marks (bars, borders) at 3:1, in the light scheme as given and in the dark scheme
/// as book.yaml chooses (`colors.dark`) or the theme derives; and button text on the primary
/// colour, light and dark. A colour can be too light for white and too dark for the dark
/// surfaces at once; every colour and scheme that falls short is reported with its ratio.
pub fn check_colors(config: &Config, surfaces: &Surfaces, diagnostics: &mut Diagnostics) {
    let institution = &config.institution;
    let mut report = |span: Option<Range<usize>>, message: String, hint: &str| {
        let d = Diagnostic::new(Code::Contrast, message).hint(hint);
        diagnostics.push(match span {
            Some(span) => d.at(&config.file, span),
            None => d.in_file(config.file.display_path()),
        });
    };
    for brand in [Brand::Primary, Brand::Accent] {
        let name = brand.name();
        let (light, light_span) = institution.light(brand);
        let chosen = institution.chosen_dark(brand);
        let schemes = [
            (
                light,
                false,
                format!("the {name} colour {light}"),
                light_span.clone(),
                "choose a darker shade (the dark-mode shade is derived from it unless colors.dark sets one)"
                    .to_string(),
            ),
            match chosen {
                Some(dark) => (
                    dark.value,
                    true,
                    format!("the dark-mode {name} colour {} (colors.dark)", dark.value),
                    Some(dark.span.clone()),
                    format!("choose a lighter shade for colors.dark.{name}, or leave it out for the theme to derive one"),
                ),
                None => {
                    let shade = institution.dark(brand, surfaces);
                    (
                        shade,
                        true,
                        format!("the dark-mode shade {shade} of the {name} colour"),
                        light_span.clone(),
                        "no lighter shade of this colour is readable there: choose another hue, set colors.dark, or use a theme with darker surfaces".to_string(),
                    )
                }
            },
        ];
        for (shown, dark, what, span, hint) in schemes {
            if let Some(message) = shortfall(surfaces, brand, shown, dark, &what) {
                report(span, message, &hint);
            }
        }
    }
    let dark_span = institution
        .chosen_dark(Brand::Primary)
        .map(|d| d.span.clone())
        .or(institution.primary_span.clone());
    for (scheme, fill, span) in [
        ("", institution.primary, institution.primary_span.clone()),
        (
            " (dark mode)",
            institution.dark(Brand::Primary, surfaces),
            dark_span,
        ),
    ] {
        let ratio = fill.contrast(fill.readable_text());
        if ratio < TEXT_CONTRAST {
            report(
                span,
                format!(
                    "button text on the primary colour {fill}{scheme}: contrast {ratio:.2}:1, below {TEXT_CONTRAST}:1"
                ),
                "choose a darker or lighter primary colour, so that white or black text reads on it",
            );
        }
    }
}

/// One message per colour and scheme: the surface where it falls furthest short of what it
/// needs there, naming the others; `None` when it reads everywhere.
fn shortfall(
    surfaces: &Surfaces,
    brand: Brand,
    shown: Rgb,
    dark: bool,
    what: &str,
) -> Option<String> {
    let mut short: Vec<(&Surface, f64, f64)> = surfaces
        .holding(brand)
        .map(|(s, used)| {
            let ratio = shown.contrast(if dark { s.dark } else { s.light });
            (s, ratio, used.needs())
        })
        .filter(|(_, ratio, needed)| ratio < needed)
        .collect();
    short.sort_by(|a, b| (a.1 / a.2).total_cmp(&(b.1 / b.2)));
    let &(worst, ratio, needed) = short.first()?;
    let background = if dark { worst.dark } else { worst.light };
    let as_marks = if needed < TEXT_CONTRAST {
        " for bars and borders"
    } else {
        ""
    };
    let mut message = format!(
        "{what} on the theme's `{}` surface ({background} in the {} scheme: {}): contrast {ratio:.2}:1, below {needed}:1{as_marks}",
        worst.name,
        if dark { "dark" } else { "light" },
        worst.place
    );
    if short.len() > 1 {
        let others: Vec<String> = short[1..]
            .iter()
            .map(|(s, r, _)| format!("`{}` {r:.2}:1", s.name))
            .collect();
        message = format!("{message} (also short: {})", others.join(", "));
    }
    Some(message)
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

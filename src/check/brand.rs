//! The institution's branding: colours readable light and dark (WCAG 2 AA), variant folders.

use crate::color::{DARK_BACKGROUND, LIGHT_BACKGROUND, TEXT_CONTRAST};
use crate::config::Config;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};

/// The primary colour is used for text (links) and as the background of buttons; the default
/// theme also sets small labels (eyebrows, strategy numbers) in the accent colour, so both are
/// held to the ratio for text. Dark shades are derived; they are
/// checked too, since a colour can be too light for any shade to work on white and dark alike.
pub fn check_colors(config: &Config, diagnostics: &mut Diagnostics) {
    let institution = &config.institution;
    let span = |s: &Option<std::ops::Range<usize>>| s.clone();
    let mut fail = |span: Option<std::ops::Range<usize>>, what: &str, ratio: f64, needed: f64| {
        let message = format!("{what}: contrast {ratio:.2}:1, below the {needed}:1 readers need");
        let mut d = Diagnostic::new(Code::Contrast, message).hint(
            "choose a darker shade for the light page (the dark-mode shade is derived from it)",
        );
        if let Some(span) = span {
            d = d.at(&config.file, span);
        } else {
            d = d.in_file(config.file.display_path());
        }
        diagnostics.push(d);
    };
    let primary = institution.primary;
    let ratio = primary.contrast(LIGHT_BACKGROUND);
    if ratio < TEXT_CONTRAST {
        fail(
            span(&institution.primary_span),
            &format!("primary colour {primary} as text on white"),
            ratio,
            TEXT_CONTRAST,
        );
    }
    let on_primary = primary.readable_text();
    let ratio = primary.contrast(on_primary);
    if ratio < TEXT_CONTRAST {
        fail(
            span(&institution.primary_span),
            &format!("button text on the primary colour {primary}"),
            ratio,
            TEXT_CONTRAST,
        );
    }
    let accent = institution.accent;
    let ratio = accent.contrast(LIGHT_BACKGROUND);
    if ratio < TEXT_CONTRAST {
        fail(
            span(&institution.accent_span),
            &format!("accent colour {accent} on white"),
            ratio,
            TEXT_CONTRAST,
        );
    }
    for (color, needed, spn, name) in [
        (primary, TEXT_CONTRAST, &institution.primary_span, "primary"),
        (accent, TEXT_CONTRAST, &institution.accent_span, "accent"),
    ] {
        let dark = color.for_dark_background(needed);
        let ratio = dark.contrast(DARK_BACKGROUND);
        if ratio < needed {
            fail(
                span(spn),
                &format!("dark-mode shade {dark} of the {name} colour"),
                ratio,
                needed,
            );
        }
    }
}

pub fn check_variants(config: &Config, root: &std::path::Path, diagnostics: &mut Diagnostics) {
    for variant in &config.variants {
        let Some(dir) = &variant.content else {
            continue;
        };
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

//! `institution:` in book.yaml: names, logo, address, contact and brand colours.

use std::sync::Arc;

use super::{COLOR_KEYS, INSTITUTION_KEYS, Institution};
use crate::color::Rgb;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::source::SourceFile;
use crate::yaml::{self, Fields};

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
        for (key, slot, span) in [
            (
                "primary",
                &mut institution.primary,
                &mut institution.primary_span,
            ),
            (
                "accent",
                &mut institution.accent,
                &mut institution.accent_span,
            ),
        ] {
            let Some(value) = c.text(key) else { continue };
            match Rgb::parse(&value.value) {
                Some(rgb) => {
                    *slot = rgb;
                    *span = Some(value.span.clone());
                }
                None => {
                    let d = Diagnostic::new(
                        Code::Color,
                        format!("`{}` is not a colour handbook understands", value.value),
                    )
                    .at(file, value.span)
                    .hint("write colours as hex, e.g. \"#0b5d4b\" (in quotes)");
                    c.diagnostics().push(d);
                }
            }
        }
    }
    institution
}

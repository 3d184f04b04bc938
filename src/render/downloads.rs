//! The checklists as PDF: `/downloads/<slug>.pdf` for each, and `/downloads/checklists.pdf`
//! with all of them. Each PDF's input is its checklists as the PDF shows them and the style
//! they share, so an edit to one checklist makes its own PDF and the pack again, and no
//! other.

use std::hash::{Hash, Hasher};

use super::Output;
use super::inputs::Inputs;
use crate::content::Kind;
use crate::pdf::{self, Sheet, Style};

/// One PDF: its sheets, whether it is the pack, and the style (paper, brand, names, logo).
#[derive(Hash)]
pub struct PdfInput {
    pub sheets: Vec<Sheet>,
    pub pack: bool,
    pub style: Style,
    /// Bumped when the theme (and so the font) is loaded again.
    pub theme_generation: u64,
}

impl PdfInput {
    pub fn fingerprint(&self, h: &mut impl Hasher) {
        self.hash(h);
    }
}

/// The style every PDF of the site shares.
fn style(inputs: &Inputs) -> Style {
    let site = inputs.site;
    let config = &site.config;
    let logo_svg = config
        .institution
        .logo
        .as_ref()
        .filter(|l| l.value.to_ascii_lowercase().ends_with(".svg"))
        .and_then(|l| std::fs::read_to_string(site.root.join(&l.value)).ok());
    Style {
        paper: config.paper,
        primary: config.institution.primary,
        institution: config.institution.name.clone(),
        handbook: config.title.clone(),
        edition: config.edition.clone(),
        reviewed: config.reviewed.clone(),
        language: config.language.clone(),
        logo_svg,
    }
}

/// Every PDF output, by path.
pub fn outputs<'a>(inputs: &Inputs) -> Vec<(String, Output<'a>)> {
    let site = inputs.site;
    let sheets: Vec<Sheet> = site
        .nav
        .order
        .iter()
        .filter_map(|entry| match *entry {
            crate::content::NavEntry::Page(id) => Some(&site.pages[id]),
            crate::content::NavEntry::Section(_) => None,
        })
        .filter(|page| page.kind() == Kind::Checklist)
        .filter_map(|page| Sheet::of(page, &site.config, &site.bibliography))
        .collect();
    if sheets.is_empty() {
        return Vec::new();
    }
    let style = style(inputs);
    let generation = inputs.shared.settings.theme_generation;
    let mut out: Vec<(String, Output)> = sheets
        .iter()
        .filter(|sheet| sheet.slug != pdf::PACK)
        .map(|sheet| {
            let input = PdfInput {
                sheets: vec![sheet.clone()],
                pack: false,
                style: style.clone(),
                theme_generation: generation,
            };
            (pdf::path(&sheet.slug), Output::Pdf(Box::new(input)))
        })
        .collect();
    let pack = PdfInput {
        sheets,
        pack: true,
        style,
        theme_generation: generation,
    };
    out.push((pdf::path(pdf::PACK), Output::Pdf(Box::new(pack))));
    out
}

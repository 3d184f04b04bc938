//! The checklists as PDF: `/downloads/<slug>.pdf` for each, and `/downloads/checklists.pdf`
//! with all of them. Each PDF's input is its checklists as the PDF shows them and the style
//! they share, so an edit to one checklist makes its own PDF and the pack again, and no
//! other.

use std::hash::{Hash, Hasher};

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
pub(super) fn style(inputs: &Inputs) -> Style {
    let site = inputs.site;
    let config = &site.config;
    let logo = config
        .institution
        .logo
        .as_ref()
        .filter(|l| l.value.to_ascii_lowercase().ends_with(".svg"))
        .and_then(|l| {
            Some((
                std::fs::read_to_string(site.root.join(&l.value)).ok()?,
                &l.value,
            ))
        });
    let logo_images = logo
        .as_ref()
        .map(|(svg, path)| logo_images(site, svg, path))
        .unwrap_or_default();
    let logo_svg = logo.map(|(svg, _)| svg);
    Style {
        paper: config.paper,
        primary: config.institution.primary,
        institution: config.institution.name.clone(),
        handbook: config.title.clone(),
        edition: config.edition.clone(),
        reviewed: config.reviewed.clone(),
        language: config.language.clone(),
        logo_svg,
        logo_images,
    }
}

/// The files the logo refers to that SVG's rule allows (inside content/ or assets/, from the
/// logo's own folder), read by the build: the PDF library is given these bytes and nothing
/// else, so a logo cannot make a PDF embed a file from elsewhere.
fn logo_images(site: &crate::content::Site, svg: &str, path: &str) -> Vec<(String, Vec<u8>)> {
    let own_dir = path.rsplit_once('/').map_or("", |(dir, _)| dir);
    let Ok(scan) = crate::svg::scan(svg, own_dir) else {
        return Vec::new();
    };
    scan.local
        .into_iter()
        .filter_map(|(written, rel)| {
            let found = match rel.split_once('/') {
                Some(("assets", rel)) => site.assets.iter().find(|f| f.rel == rel),
                Some(("content", rel)) => site.files.iter().find(|f| f.rel == rel),
                _ => None,
            }?;
            Some((written, std::fs::read(&found.abs).ok()?))
        })
        .collect()
}

/// Every PDF output, by path.
pub fn outputs(inputs: &Inputs) -> Vec<(String, PdfInput)> {
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
    let mut out: Vec<(String, PdfInput)> = sheets
        .iter()
        .filter(|sheet| sheet.slug != pdf::PACK)
        .map(|sheet| {
            let input = PdfInput {
                sheets: vec![sheet.clone()],
                pack: false,
                style: style.clone(),
                theme_generation: generation,
            };
            (pdf::path(&sheet.slug), input)
        })
        .collect();
    let pack = PdfInput {
        sheets,
        pack: true,
        style,
        theme_generation: generation,
    };
    out.push((pdf::path(pdf::PACK), pack));
    out
}

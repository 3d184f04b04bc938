//! The data a template sees, made from an output's input value alone. A page's context holds
//! that page and the shared navigation (titles and URLs only), never other pages' bodies, so
//! its cost does not grow with the book. Every URL in it is relative to the page rendered.

use std::collections::BTreeMap;

use serde::Serialize;

use super::citations;
use super::inputs::{CardInput, FrameInput, Target};
use super::nav::{FullNav, NavItem};
use crate::content::Source;
use crate::links::SOURCES_URL;
use crate::links::urls::{CHANGES_URL, relative, theme};

pub use super::nav::Link;

#[derive(Serialize)]
pub struct SiteContext {
    pub title: String,
    pub subtitle: Option<String>,
    pub edition: Option<String>,
    pub reviewed: Option<String>,
    /// `reviewed` written for people ("1 November 2026"; the ISO date in a language the
    /// formatter has no words for yet).
    pub reviewed_written: Option<String>,
    pub language: String,
    pub dir: &'static str,
    pub institution_name: Option<String>,
    pub institution_short_name: Option<String>,
    pub institution_url: Option<String>,
    pub contact: Option<String>,
    pub contact_href: Option<String>,
    /// The bundled example (`sample: true` in book.yaml): pages say so.
    pub sample: bool,
}

#[derive(Serialize)]
pub struct Assets {
    pub style: String,
    pub brand: String,
    pub highlight: String,
    pub script: String,
    /// The search client, loaded by `script` on first use; `None` without search.
    pub search: Option<String>,
    pub favicon: String,
    pub logo: Option<String>,
}

#[derive(Serialize)]
pub struct FooterLinks {
    pub home: String,
    pub sources: Option<String>,
    /// The page of changes, when it lists editions.
    pub changes: Option<String>,
    pub editors_guide: Option<String>,
    /// The search page; `None` without search.
    pub search: Option<String>,
    /// The print edition of the handbook.
    pub print_handbook: String,
    /// The print edition of the checklists and their PDF pack, when there are checklists.
    pub print_checklists: Option<String>,
    pub checklists_pdf: Option<String>,
    pub handbook_pdf: Option<String>,
}

/// Everything every page shows around its content.
#[derive(Serialize)]
pub struct Frame {
    pub site: SiteContext,
    /// The way from the page to the site's root folder (`./`, `../../`), with or without
    /// `--offline`: the scripts load files from there.
    pub root: String,
    pub asset: Assets,
    pub links: FooterLinks,
    /// Left out when no template of the theme reads it (serialising it was 4 % of a build).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nav: Option<Vec<NavItem>>,
    /// `nav` as the theme's sidebar shows it (see `nav::sidebar_html`).
    pub nav_html: String,
    /// Set when the inline navigation is not all of it.
    pub full_nav: Option<FullNav>,
    pub breadcrumbs: Vec<Link>,
    pub prev: Option<Link>,
    pub next: Option<Link>,
    pub canonical: Option<String>,
}

/// The frame of one output, from its input alone. Every URL is made relative to the output.
pub fn frame(input: &FrameInput) -> Frame {
    let settings = &input.settings.value;
    let config = settings.config.0;
    let url = input.url.as_str();
    let rel = |to: &str| relative(url, to, settings.offline);
    let (nav, full_nav) = super::nav::sidebar(input);
    let mut breadcrumbs = vec![Link {
        title: "Home".to_string(),
        url: rel("/"),
    }];
    if let Some(section) = &input.section
        && section.target.url != url
    {
        breadcrumbs.push(Link {
            title: section.target.title.clone(),
            url: rel(&section.target.url),
        });
    }
    if url != "/" {
        breadcrumbs.push(Link {
            title: input.title.clone(),
            url: rel(url),
        });
    }
    let link = |t: &Target| Link {
        title: t.title.clone(),
        url: rel(&t.url),
    };
    let contact_href = config.institution.contact.as_ref().map(|c| {
        if c.contains('@') && !c.contains(':') {
            format!("mailto:{c}")
        } else {
            c.clone()
        }
    });
    Frame {
        site: SiteContext {
            title: config.title.clone(),
            subtitle: config.subtitle.clone(),
            edition: config.edition.clone(),
            reviewed: config.reviewed.clone(),
            reviewed_written: config.reviewed.as_ref().map(|iso| {
                crate::dates::written(iso, &config.language).unwrap_or_else(|| iso.clone())
            }),
            language: config.language.clone(),
            dir: config.direction(),
            institution_name: config.institution.name.clone(),
            institution_short_name: config.institution.short_name.clone(),
            institution_url: config.institution.url.clone(),
            contact: config.institution.contact.clone(),
            contact_href,
            sample: config.sample,
        },
        root: relative(url, "/", false),
        asset: Assets {
            style: rel(theme::STYLE),
            brand: rel(theme::BRAND),
            highlight: rel(theme::HIGHLIGHT),
            script: rel(theme::SCRIPT),
            search: config.search.then(|| rel(theme::SEARCH_SCRIPT)),
            favicon: rel(settings
                .logo_url
                .as_deref()
                .filter(|l| l.ends_with(".svg"))
                .unwrap_or(theme::FAVICON)),
            logo: settings.logo_url.as_ref().map(|l| rel(l)),
        },
        links: FooterLinks {
            home: rel("/"),
            sources: settings.has_sources.then(|| rel(SOURCES_URL)),
            changes: settings.has_changes.then(|| rel(CHANGES_URL)),
            editors_guide: settings.editors_guide.as_ref().map(|g| rel(g)),
            search: config.search.then(|| rel(crate::search::SEARCH_URL)),
            print_handbook: rel(super::editions::HANDBOOK_URL),
            print_checklists: settings
                .has_checklists
                .then(|| rel(super::editions::CHECKLISTS_URL)),
            checklists_pdf: settings
                .has_checklists
                .then(|| rel(&format!("/{}", crate::pdf::path(crate::pdf::PACK)))),
            handbook_pdf: settings
                .has_handbook_pdf
                .then(|| rel(&format!("/{}", crate::pdf::path(crate::pdf::BOOK)))),
        },
        nav_html: super::nav::sidebar_html(&nav),
        nav: settings.reads_nav.then_some(nav),
        full_nav,
        breadcrumbs,
        prev: input.prev.as_ref().map(link),
        next: input.next.as_ref().map(link),
        canonical: settings
            .base_url
            .as_ref()
            .map(|b| format!("{b}{}", url.trim_start_matches('/'))),
    }
}

/// A page as it appears in lists (home, section index), with its URL relative to `from`.
pub fn card(card: &CardInput, from: &str, offline: bool) -> Card {
    Card {
        title: card.title.clone(),
        url: relative(from, &card.url, offline),
        summary: card.summary.clone(),
        number: card.number,
        kind: card.kind,
        when: card.when.clone(),
    }
}

#[derive(Serialize, Clone)]
pub struct Card {
    pub title: String,
    pub url: String,
    pub summary: Option<String>,
    pub number: Option<i64>,
    pub kind: &'static str,
    /// A checklist's `when`.
    pub when: Option<String>,
}

#[derive(Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
}

#[derive(Serialize)]
pub struct Reference {
    pub number: usize,
    pub id: String,
    pub html: String,
    pub sources_url: String,
}

#[derive(Serialize)]
pub struct Related {
    pub title: String,
    pub url: String,
    pub kind: &'static str,
}

/// A page's own data, whatever its kind.
#[derive(Serialize, Default)]
pub struct PageContext {
    pub title: String,
    pub summary: Option<String>,
    /// The page is the handbook's own guidance (shown with a note).
    pub own_guidance: bool,
    pub kind: &'static str,
    pub content: String,
    pub toc: Vec<TocEntry>,
    pub related: Vec<Related>,
    pub references: Vec<Reference>,
    pub number: Option<i64>,
    pub roles: Vec<Link>,
    pub responsibilities: Vec<String>,
    pub themes: Vec<String>,
    pub discussion: Vec<String>,
    /// A scenario's notes for the facilitator: its body from the heading with the id `notes`
    /// on, shown after the discussion (`content` stops before them).
    pub notes: String,
    pub checklist: Option<ChecklistContext>,
    pub has_code: bool,
    /// The newest edition, when the page changed in it: its name (`None`: the edition being
    /// prepared, unnamed) and its part of the page of changes.
    pub changed_in: Option<ChangedInContext>,
}

#[derive(Serialize)]
pub struct ChangedInContext {
    pub edition: Option<String>,
    pub url: String,
}

#[derive(Serialize)]
pub struct ChecklistContext {
    /// Key for the ticks kept in the browser.
    pub storage_key: String,
    /// This checklist's PDF.
    pub pdf: String,
    pub audience: Vec<String>,
    pub when: Option<String>,
    pub intro: Option<String>,
    /// Name and date fields at the top.
    pub record: Vec<RecordField>,
    pub sections: Vec<ChecklistSectionContext>,
    pub sign_off: Vec<String>,
    /// Items to tick (fields and tables are not counted).
    pub item_count: usize,
    /// The checklist has fields or tables, whose entries the browser keeps.
    pub has_entries: bool,
}

#[derive(Serialize)]
pub struct RecordField {
    pub id: String,
    pub label: String,
}

#[derive(Serialize)]
pub struct ChecklistSectionContext {
    pub title: String,
    pub id: String,
    pub items: Vec<ChecklistItemContext>,
}

#[derive(Serialize)]
pub struct ChecklistItemContext {
    pub id: String,
    /// `tick`, `field` or `table`.
    pub kind: &'static str,
    /// A tick item's text or a field's label.
    pub html: String,
    pub note: Option<String>,
    /// A table's column headings and its number of rows.
    pub columns: Vec<String>,
    pub rows: usize,
    /// A field's height in writing lines (1 or more); 0 for ticks and tables.
    pub lines: usize,
}

/// The reference list of a page, in citation order.
///
/// In the print edition (`print` is the page's anchor prefix) ids carry the prefix and the
/// links go to the bibliography at the end of the document.
pub fn references(
    keys: &[String],
    sources: &BTreeMap<String, Option<&Source>>,
    from: &str,
    offline: bool,
    print: Option<&super::editions::Place>,
) -> Vec<Reference> {
    // A book has one bibliography, at its end.
    if print.is_some_and(|place| place.edition.numbers.is_some()) {
        return Vec::new();
    }
    keys.iter()
        .enumerate()
        .filter_map(|(i, key)| {
            let source = sources.get(key).copied().flatten()?;
            let anchor = citations::anchor(key);
            let target = format!("{SOURCES_URL}#src-{anchor}");
            Some(Reference {
                number: i + 1,
                id: format!(
                    "{}ref-{anchor}",
                    print.map(|p| format!("{}--", p.prefix)).unwrap_or_default()
                ),
                html: citations::source_html(source),
                sources_url: match print {
                    Some(place) => super::editions::href(&target, place.edition, offline),
                    None => relative(from, &target, offline),
                },
            })
        })
        .collect()
}

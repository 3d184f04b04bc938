//! Templated outputs: each input value to a template name and its context. Nothing here sees
//! the site model; what a page shows comes from its input (see `inputs`).

use serde::Serialize;
use tera::Context;

use super::context::{
    self, ChecklistContext, ChecklistItemContext, ChecklistSectionContext, Link, PageContext,
    RecordField, Related, TocEntry, references,
};
use super::editions::Place;
use super::highlight::Highlighter;
use super::inputs::{FrameInput, PageInput, SectionCards};
use super::page_links::PageLinks;
use super::templates::Template;
use crate::content::{ItemKind, Kind, PageData};
use crate::links::urls::relative;
use crate::markdown::{self, Analysis};
use crate::slug::slugify;

/// The id of the heading that starts a scenario's notes for the facilitator
/// (`## Notes for the facilitator {#notes}`).
const FACILITATOR_NOTES: &str = "notes";

/// Pages with fewer headings than this get no on-page contents.
const TOC_MIN_HEADINGS: usize = 3;

pub(super) fn with_frame(frame: &FrameInput, page: &PageContext) -> Context {
    let mut context = Context::from_serialize(context::frame(frame)).unwrap_or_default();
    context.insert("page", page);
    context
}

pub fn page(input: &PageInput, highlighter: &Highlighter) -> (&'static str, Context) {
    let mut ctx = page_context(input, highlighter, None);
    let page = input.page.0;
    let template = match page.kind() {
        _ if page.url == "/" => Template::Home,
        Kind::Page => Template::Page,
        Kind::Strategy => Template::Strategy,
        Kind::Role => Template::Role,
        Kind::Checklist => Template::Checklist,
        Kind::Scenario => Template::Scenario,
    }
    .file();
    let home = input.home.as_ref().map(|sections| home(input, sections));
    if home.as_ref().is_some_and(|h| h.chosen) {
        // The home page shows its related checklists as its first checklists.
        ctx.related.retain(|r| r.kind != Kind::Checklist.name());
    }
    let mut context = with_frame(&input.frame, &ctx);
    if let Some(home) = home {
        context.insert("home", &home);
    }
    (template, context)
}

/// What the home page lists: the strategy, role and checklist sections' cards, the checklist
/// section's link, and the checklists to start with: the home page's `related` checklists, or
/// else the first three checklists.
fn home(input: &PageInput, sections: &[SectionCards]) -> Home {
    let from = &input.page.0.url;
    let offline = input.frame.settings.offline;
    let cards = |kind: Kind| -> Vec<context::Card> {
        sections
            .iter()
            .filter(|(k, _, _)| *k == kind)
            .flat_map(|(_, _, cards)| cards.iter())
            .map(|c| context::card(c, from, offline))
            .collect()
    };
    let checklists = cards(Kind::Checklist);
    let related: Vec<context::Card> = input
        .related
        .iter()
        .filter(|c| c.kind == Kind::Checklist.name())
        .map(|c| context::card(c, from, offline))
        .collect();
    let chosen = !related.is_empty();
    let first_checklists = if chosen {
        related
    } else {
        checklists.iter().take(FIRST_CHECKLISTS).cloned().collect()
    };
    Home {
        strategies: cards(Kind::Strategy),
        roles: cards(Kind::Role),
        checklist_section: sections.iter().find(|(k, _, _)| *k == Kind::Checklist).map(
            |(_, section, _)| Link {
                title: section.title.clone(),
                url: relative(from, &section.url, offline),
            },
        ),
        checklists,
        first_checklists,
        chosen,
    }
}

/// A page as the print edition shows it: links within the document, ids prefixed with
/// `prefix`, headings `shift` levels deeper; no contents box, related pages or roles.
pub fn print_page(input: &PageInput, highlighter: &Highlighter, place: &Place) -> PageContext {
    page_context(input, highlighter, Some(place))
}

fn page_context(
    input: &PageInput,
    highlighter: &Highlighter,
    print: Option<&Place>,
) -> PageContext {
    let page = input.page.0;
    let offline = input.frame.settings.offline;
    let config = input.frame.settings.config.0;
    let analysis = &page.analysis;
    let mut links = PageLinks::new(&input.links, &page.url, &input.frame, highlighter, print);
    let mut ctx = PageContext {
        title: page.title.clone(),
        summary: page.summary.as_deref().map(|s| config.with_rules(s)),
        own_guidance: page.own_guidance,
        kind: page.kind().name(),
        number: page.number(),
        has_code: analysis.body.has_code,
        changed_in: match print {
            Some(_) => None,
            None => input
                .changed_in
                .as_ref()
                .map(|c| context::ChangedInContext {
                    edition: c.edition.clone(),
                    url: relative(&page.url, &c.url, offline),
                }),
        },
        ..PageContext::default()
    };
    // Inline Markdown is rendered in display order, so citations number as they are read.
    match &page.data {
        PageData::Role { responsibilities } => {
            ctx.responsibilities = responsibilities
                .iter()
                .map(|r| markdown::render_inline(&r.value, &mut links))
                .collect();
            ctx.content = markdown::render(page.body_text(), &analysis.body, &mut links);
        }
        PageData::Scenario { themes, discussion } => {
            ctx.themes = themes.clone();
            // The discussion comes before the facilitator's notes, which would spoil it.
            (ctx.content, ctx.discussion, ctx.notes) = markdown::render_split(
                page.body_text(),
                &analysis.body,
                &mut links,
                FACILITATOR_NOTES,
                |links| {
                    discussion
                        .iter()
                        .map(|d| markdown::render_inline(&d.value, &mut *links))
                        .collect()
                },
            );
        }
        PageData::Checklist(checklist) => {
            ctx.checklist = Some(checklist_context(
                checklist, config, &page.url, &page.slug, offline, &mut links,
            ));
        }
        PageData::Strategy { .. } | PageData::Page => {
            ctx.content = markdown::render(page.body_text(), &analysis.body, &mut links);
        }
    }
    // The print editions show neither the page's own contents nor links around it.
    if print.is_none() {
        around(&mut ctx, input, config, offline);
    }
    for key in &page.sources {
        if input.sources.get(&key.value).is_some_and(Option::is_some) {
            links.citations.number(&key.value);
        }
    }
    ctx.references = references(
        &links.citations.keys,
        &input.sources,
        &page.url,
        offline,
        print,
    );
    ctx
}

/// A checklist as its template shows it: sections of items with their ids (which key the
/// reader's ticks and entries), the record fields, who signs, and where its PDF is.
fn checklist_context(
    checklist: &crate::content::Checklist,
    config: &crate::config::Config,
    url: &str,
    slug: &str,
    offline: bool,
    links: &mut PageLinks,
) -> ChecklistContext {
    let intro = checklist
        .intro
        .as_ref()
        .map(|i| markdown::render_inline(&i.value, links));
    let sections: Vec<_> = checklist
        .sections
        .iter()
        .map(|s| ChecklistSectionContext {
            title: s.title.clone(),
            id: slugify(&s.title),
            items: s
                .items
                .iter()
                .map(|item| item_context(item, config, links))
                .collect(),
        })
        .collect();
    ChecklistContext {
        storage_key: format!("handbook:{url}"),
        pdf: relative(url, &format!("/{}", crate::pdf::path(slug)), offline),
        audience: checklist.audience.clone(),
        when: checklist.when.as_ref().map(|w| config.with_rules(&w.value)),
        intro,
        item_count: sections
            .iter()
            .flat_map(|s| &s.items)
            .filter(|i| i.kind == "tick")
            .count(),
        has_entries: !checklist.record.is_empty()
            || sections
                .iter()
                .flat_map(|s| &s.items)
                .any(|i| i.kind != "tick"),
        record: checklist
            .record
            .iter()
            .map(|r| RecordField {
                id: format!("record-{}", slugify(r)),
                label: crate::slug::capitalize(r),
            })
            .collect(),
        sections,
        sign_off: checklist.sign_off.clone(),
    }
}

/// One item of a checklist: a tick, a field to write in, or a table to fill.
fn item_context(
    item: &crate::content::ChecklistItem,
    config: &crate::config::Config,
    links: &mut PageLinks,
) -> ChecklistItemContext {
    let (kind, columns, rows, lines) = match &item.kind {
        ItemKind::Tick => ("tick", Vec::new(), 0, 0),
        ItemKind::Field { lines } => ("field", Vec::new(), 0, *lines),
        ItemKind::Table { columns, rows } => (
            "table",
            columns
                .iter()
                .map(|c| config.with_rules(&c.value))
                .collect(),
            *rows,
            0,
        ),
    };
    ChecklistItemContext {
        id: item.id.clone(),
        kind,
        html: markdown::render_inline(&item.text.value, links),
        note: item
            .note
            .as_ref()
            .map(|n| markdown::render_inline(&n.value, links)),
        columns,
        rows,
        lines,
    }
}

/// What a page on the site shows around its body: who acts (roles), its contents, and
/// related pages.
fn around(ctx: &mut PageContext, input: &PageInput, config: &crate::config::Config, offline: bool) {
    let page = input.page.0;
    ctx.roles = input
        .roles
        .iter()
        .map(|r| Link {
            title: r.title.clone(),
            url: relative(&page.url, &r.url, offline),
        })
        .collect();
    ctx.toc = toc(&page.analysis.body, config);
    ctx.related = input
        .related
        .iter()
        .map(|r| Related {
            title: r.title.clone(),
            url: relative(&page.url, &r.url, offline),
            kind: r.kind,
        })
        .collect();
}

fn toc(analysis: &Analysis, config: &crate::config::Config) -> Vec<TocEntry> {
    let entries: Vec<TocEntry> = analysis
        .headings
        .iter()
        .filter(|h| h.level == 2 || h.level == 3)
        .map(|h| TocEntry {
            level: h.level,
            id: h.id.clone(),
            title: config.with_rules(&h.text),
        })
        .collect();
    if entries.len() >= TOC_MIN_HEADINGS {
        entries
    } else {
        Vec::new()
    }
}

/// How many checklists the home page starts with when its `related` names none.
const FIRST_CHECKLISTS: usize = 3;

#[derive(Serialize)]
struct Home {
    strategies: Vec<context::Card>,
    roles: Vec<context::Card>,
    checklists: Vec<context::Card>,
    checklist_section: Option<Link>,
    first_checklists: Vec<context::Card>,
    /// The first checklists are the home page's `related` ones.
    #[serde(skip)]
    chosen: bool,
}

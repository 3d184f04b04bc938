//! The page of changes (`/changes/`): each edition, newest first, with the pages added,
//! changed, renamed and removed, the rules whose values changed and the committee's notes;
//! or, when git cannot tell, why not. The words are the template's.

use serde::Serialize;
use tera::Context;

use super::context::PageContext;
use super::highlight::Highlighter;
use super::inputs::{ChangedPage, ChangesInput, LinkTable};
use super::pages::with_frame;
use crate::config::Rules;
use crate::links::urls::relative;
use crate::markdown::{self, Cited, Rewriter};

pub fn context(input: &ChangesInput, highlighter: &Highlighter) -> Context {
    let settings = &input.frame.settings;
    let config = settings.config.0;
    let from = input.frame.url.as_str();
    let link = |page: &ChangedPage| PageLink {
        title: page.title.clone(),
        url: page
            .url
            .as_ref()
            .map(|u| relative(from, u, settings.offline)),
        before: page.before.clone(),
        edited: page.edited,
    };
    let links = |pages: &[ChangedPage]| pages.iter().map(link).collect::<Vec<_>>();
    let mut has_code = false;
    let editions: Vec<EditionContext> = input
        .editions
        .iter()
        .map(|edition| {
            let notes = edition.notes.as_deref().map(|text| {
                let analysis = markdown::analyse(text, 0);
                has_code |= analysis.has_code;
                let mut rewriter = Notes {
                    links: &input.links,
                    from,
                    offline: settings.offline,
                    prefix: &edition.id,
                    rules: &config.rules,
                    allow_html: config.allow_html,
                    highlighter,
                };
                markdown::render(text, &analysis, &mut rewriter)
            });
            EditionContext {
                name: edition.name.clone(),
                prepared: edition.prepared,
                id: edition.id.clone(),
                date: edition.date.clone(),
                date_written: (edition.date.as_ref()).map(|iso| {
                    crate::dates::written(iso, &config.language).unwrap_or_else(|| iso.clone())
                }),
                first: edition.first,
                added: links(&edition.added),
                changed: links(&edition.changed),
                renamed: links(&edition.renamed),
                removed: links(&edition.removed),
                rules: (edition.rules.iter())
                    .map(|r| RuleContext {
                        name: r.name.clone(),
                        before: r.before.clone(),
                        after: r.after.clone(),
                    })
                    .collect(),
                notes,
            }
        })
        .collect();
    let page = PageContext {
        title: input.frame.title.clone(),
        kind: "changes",
        has_code,
        ..PageContext::default()
    };
    let mut context = with_frame(&input.frame, &page);
    context.insert(
        "changes",
        &ChangesContext {
            unlisted: input.unlisted,
            editions,
        },
    );
    context
}

#[derive(Serialize)]
struct ChangesContext {
    /// Why nothing is listed: `not-git`, `no-tags` or `unreadable`.
    unlisted: Option<&'static str>,
    editions: Vec<EditionContext>,
}

#[derive(Serialize)]
struct EditionContext {
    name: Option<String>,
    prepared: bool,
    id: String,
    date: Option<String>,
    /// `date` written for people.
    date_written: Option<String>,
    first: bool,
    added: Vec<PageLink>,
    changed: Vec<PageLink>,
    renamed: Vec<PageLink>,
    removed: Vec<PageLink>,
    rules: Vec<RuleContext>,
    /// The committee's notes, as HTML.
    notes: Option<String>,
}

#[derive(Serialize)]
struct PageLink {
    title: String,
    /// Relative to the page of changes; `None` for a page the site no longer has.
    url: Option<String>,
    before: Option<String>,
    edited: bool,
}

#[derive(Serialize)]
struct RuleContext {
    name: String,
    before: Option<String>,
    after: Option<String>,
}

/// How the notes' Markdown meets the site: links to the handbook's files and pages made
/// relative (others kept as written), rules' values and highlighted code as on pages, heading
/// ids under the edition's, raw HTML as book.yaml allows. Citations stay text: the notes are
/// not a page of the book.
struct Notes<'a> {
    links: &'a LinkTable,
    /// The page of changes' URL.
    from: &'a str,
    offline: bool,
    prefix: &'a str,
    rules: &'a Rules,
    allow_html: bool,
    highlighter: &'a Highlighter,
}

impl Rewriter for Notes<'_> {
    fn href(&self, dest: &str) -> Option<String> {
        let url = self.links.get(dest)?.as_ref()?;
        Some(relative(self.from, url, self.offline))
    }

    fn cite(&mut self, keys: &[Cited]) -> String {
        let keys: Vec<String> = keys.iter().map(|k| format!("@{}", k.key)).collect();
        super::escape(&format!("[{}]", keys.join("; ")))
    }

    fn rule(&self, name: &str) -> Option<String> {
        self.rules.get(name).map(|r| r.value.clone())
    }

    fn code_block(&mut self, lang: &str, code: &str) -> String {
        self.highlighter.code_block(lang, code)
    }

    fn anchor(&self, id: &str) -> String {
        format!("{}--{id}", self.prefix)
    }

    fn raw_html(&self, html: &str) -> Option<String> {
        (!self.allow_html).then(|| ammonia::clean(html))
    }
}

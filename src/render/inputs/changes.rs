//! The page of changes' input: the editions read from git (`crate::history`), their files
//! mapped to the pages of the site as it is now, titles and links.

use std::collections::{HashMap, HashSet};

use super::{FrameInput, Inputs, LinkTable};
use crate::content::Site;
use crate::history::{Edition, Editions, How, PageChange, RuleChange};
use crate::links::urls::CHANGES_URL;

/// The page of changes: the editions newest first, or why there are none.
#[derive(Hash)]
pub struct ChangesInput<'a> {
    pub frame: FrameInput<'a>,
    /// Why the changes cannot be listed (`not-git`, `no-tags`, `unreadable`); `None` when
    /// they are.
    pub unlisted: Option<&'static str>,
    pub editions: Vec<EditionInput>,
    /// Where the links of the committee's notes go, as written -> site URL (`None`: nowhere
    /// this handbook has, left as written).
    pub links: LinkTable,
}

/// One edition as the page shows it.
#[derive(Hash)]
pub struct EditionInput {
    /// The tag's name, or for the edition being prepared book.yaml's `edition:` (`None` when
    /// book.yaml names none, or names an edition already published).
    pub name: Option<String>,
    /// The edition is being prepared (the commits after the last tag).
    pub prepared: bool,
    pub id: String,
    pub date: Option<String>,
    pub first: bool,
    pub added: Vec<ChangedPage>,
    pub changed: Vec<ChangedPage>,
    pub renamed: Vec<ChangedPage>,
    pub removed: Vec<ChangedPage>,
    pub rules: Vec<RuleChange>,
    /// The committee's notes for it (Markdown from CHANGES.md).
    pub notes: Option<String>,
}

/// A page that changed: its title and, where it exists now, its site URL.
#[derive(Hash)]
pub struct ChangedPage {
    pub title: String,
    pub url: Option<String>,
    /// A renamed page: its title before, when it was another.
    pub before: Option<String>,
    /// A renamed page whose text changed too.
    pub edited: bool,
}

impl<'a> Inputs<'a> {
    pub fn changes_page(&'a self) -> ChangesInput<'a> {
        let site = self.site;
        let history = &site.history;
        let frame = self.frame(CHANGES_URL, "What changed", None);
        let unlisted = match &history.editions {
            Editions::Listed(_) => None,
            Editions::NotGit | Editions::Unread => Some("not-git"),
            Editions::NoTags => Some("no-tags"),
            Editions::Unreadable => Some("unreadable"),
        };
        let Editions::Listed(editions) = &history.editions else {
            return ChangesInput {
                frame,
                unlisted,
                editions: Vec::new(),
                links: LinkTable::new(),
            };
        };
        let pages = page_targets(site);
        let editions = editions
            .iter()
            .map(|edition| {
                let prepared = edition.name.is_none();
                let name = edition_name(site, edition);
                let list = |how: How| -> Vec<ChangedPage> {
                    (edition.pages.iter())
                        .filter(|p| p.how == how)
                        .map(|p| changed_page(p, &pages))
                        .collect()
                };
                EditionInput {
                    id: edition_id(name.as_deref()),
                    notes: name.as_ref().and_then(|n| history.notes.get(n)).cloned(),
                    name,
                    prepared,
                    date: edition.date.clone(),
                    first: edition.first,
                    added: list(How::Added),
                    changed: list(How::Changed),
                    renamed: list(How::Renamed),
                    removed: list(How::Removed),
                    rules: edition.rules.clone(),
                }
            })
            .collect();
        ChangesInput {
            frame,
            unlisted,
            editions,
            links: self.notes_links(),
        }
    }

    /// Where the links of CHANGES.md go: the file is at the handbook's root.
    fn notes_links(&self) -> LinkTable {
        let mut table = LinkTable::new();
        let Some(text) = &self.site.history.notes_text else {
            return table;
        };
        for link in crate::markdown::analyse(text, 0).links {
            let url = (self.resolver.resolve_at_root(&link.dest).ok())
                .flatten()
                .map(|r| r.url);
            table.insert(link.dest, url);
        }
        table
    }
}

/// The name an edition is shown by: its tag's, or for the one being prepared book.yaml's
/// `edition:` unless a tag has it already.
fn edition_name(site: &Site, edition: &Edition) -> Option<String> {
    let Editions::Listed(editions) = &site.history.editions else {
        return None;
    };
    let tagged = |name: &str| editions.iter().any(|e| e.name.as_deref() == Some(name));
    match &edition.name {
        Some(name) => Some(name.clone()),
        None => site.config.edition.clone().filter(|n| !tagged(n)),
    }
}

/// The newest edition (being prepared, or else the last published) and the page files
/// added, changed or renamed in it: those pages say so.
pub struct Latest {
    pub changed_in: ChangedIn,
    pub paths: HashSet<String>,
}

/// The edition a page last changed in, as the page shows it.
#[derive(Debug, Clone, Hash)]
pub struct ChangedIn {
    /// `None`: the edition being prepared, which book.yaml does not name.
    pub edition: Option<String>,
    /// Its part of the page of changes (a site URL).
    pub url: String,
}

impl Latest {
    /// `None` outside git, without editions, or when the newest is the first edition (which
    /// is compared with nothing).
    pub fn of(site: &Site) -> Option<Latest> {
        let Editions::Listed(editions) = &site.history.editions else {
            return None;
        };
        let newest = editions.first().filter(|e| !e.first)?;
        let edition = edition_name(site, newest);
        let paths = (newest.pages.iter())
            .filter(|p| p.how != How::Removed)
            .map(|p| p.path.clone())
            .collect();
        Some(Latest {
            changed_in: ChangedIn {
                url: format!("{CHANGES_URL}#{}", edition_id(edition.as_deref())),
                edition,
            },
            paths,
        })
    }

    /// Where the page with the file `source_path` says it changed, if it did.
    pub fn page(&self, source_path: &str) -> Option<ChangedIn> {
        self.paths
            .contains(source_path)
            .then(|| self.changed_in.clone())
    }
}

/// The id of an edition's part of the page of changes: `edition-NAME`, or `next-edition`
/// for one being prepared that book.yaml does not name.
pub fn edition_id(name: Option<&str>) -> String {
    match name {
        Some(name) => format!("edition-{}", name.replace(char::is_whitespace, "-")),
        None => "next-edition".to_string(),
    }
}

/// The title and URL of each page of the site by its file under content/ (a section's by
/// its `_section.md`).
fn page_targets(site: &Site) -> HashMap<String, (&str, &str)> {
    let pages = (site.pages.iter()).map(|p| (p.source_path.clone(), (&*p.title, &*p.url)));
    let sections = (site.sections.iter().skip(1))
        .map(|s| (format!("{}/_section.md", s.dir), (&*s.title, &*s.url)));
    pages.chain(sections).collect()
}

/// A changed file as the page lists it: a page of the site now, with its title and link; a
/// removed page by the title its file had, linked only where a page has that file now.
fn changed_page(change: &PageChange, pages: &HashMap<String, (&str, &str)>) -> ChangedPage {
    let now = pages.get(&change.path);
    let written = change.title.clone().unwrap_or_else(|| change.path.clone());
    let title = match (change.how, now) {
        (How::Removed, _) | (_, None) => written,
        (_, Some((title, _))) => title.to_string(),
    };
    let before = change
        .before
        .as_ref()
        .map(|(path, old)| old.clone().unwrap_or_else(|| path.clone()))
        .filter(|old| *old != title);
    ChangedPage {
        title,
        url: now.map(|(_, url)| url.to_string()),
        before,
        edited: change.edited,
    }
}

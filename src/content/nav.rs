//! Navigation, built once per build: the sidebar's entries and the reading order that gives
//! every page its previous and next links. Pages take what they need from it by reference, so
//! per-page work stays independent of the size of the book.

use super::{Audience, Page, PageId, Section, SectionId};

/// One stop in the reading order, or one entry of the sidebar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NavEntry {
    Section(SectionId),
    Page(PageId),
}

#[derive(Debug, Default)]
pub struct Navigation {
    /// Top-level sidebar entries: sections and top-level pages, by weight then title.
    pub entries: Vec<NavEntry>,
    /// Top-level pages for the handbook's editors (`audience: editors`), in the same order:
    /// out of the sidebar, linked from the footer, last in reading order.
    pub editors: Vec<PageId>,
    /// Every page and section index in reading order (home first).
    pub order: Vec<NavEntry>,
    /// Position of each page in `order`, indexed by `PageId`.
    page_position: Vec<Option<usize>>,
    section_position: Vec<Option<usize>>,
}

impl Navigation {
    pub fn build(sections: &[Section], pages: &[Page]) -> Navigation {
        let mut entries: Vec<(i64, String, NavEntry)> = Vec::new();
        let mut editors: Vec<(i64, String, NavEntry)> = Vec::new();
        for (id, section) in sections.iter().enumerate().skip(1) {
            entries.push((
                section.weight.unwrap_or(i64::MAX / 2),
                section.title.to_lowercase(),
                NavEntry::Section(id),
            ));
        }
        for &id in &sections[0].pages {
            let page = &pages[id];
            if page.url != "/" {
                let list = match page.audience {
                    Audience::Readers => &mut entries,
                    Audience::Editors => &mut editors,
                };
                list.push((
                    page.weight.unwrap_or(i64::MAX / 2),
                    page.title.to_lowercase(),
                    NavEntry::Page(id),
                ));
            }
        }
        let in_order = |mut list: Vec<(i64, String, NavEntry)>| -> Vec<NavEntry> {
            list.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
            list.into_iter().map(|e| e.2).collect()
        };
        let entries = in_order(entries);
        let editors = in_order(editors);

        let mut order = Vec::new();
        if let Some(home) = pages.iter().find(|p| p.url == "/") {
            order.push(NavEntry::Page(home.id));
        }
        for entry in &entries {
            order.push(*entry);
            if let NavEntry::Section(id) = entry {
                order.extend(sections[*id].pages.iter().map(|&p| NavEntry::Page(p)));
            }
        }
        order.extend(&editors);
        let editors = editors
            .into_iter()
            .filter_map(|e| match e {
                NavEntry::Page(id) => Some(id),
                NavEntry::Section(_) => None,
            })
            .collect();
        let mut page_position = vec![None; pages.len()];
        let mut section_position = vec![None; sections.len()];
        for (i, entry) in order.iter().enumerate() {
            match entry {
                NavEntry::Page(id) => page_position[*id] = Some(i),
                NavEntry::Section(id) => section_position[*id] = Some(i),
            }
        }
        Navigation {
            entries,
            editors,
            order,
            page_position,
            section_position,
        }
    }

    /// (previous, next) around an entry in reading order.
    pub fn neighbours(&self, entry: NavEntry) -> (Option<NavEntry>, Option<NavEntry>) {
        let position = match entry {
            NavEntry::Page(id) => self.page_position.get(id).copied().flatten(),
            NavEntry::Section(id) => self.section_position.get(id).copied().flatten(),
        };
        let Some(i) = position else {
            return (None, None);
        };
        let prev = i.checked_sub(1).map(|j| self.order[j]);
        (prev, self.order.get(i + 1).copied())
    }
}

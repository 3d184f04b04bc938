//! The PDFs' tag tree (their structure for screen readers) while sheets are drawn.

use krilla::tagging::{Tag, TagGroup, TagTree};

/// The tag groups being filled while pages are drawn (a list or a table may continue on the
/// next sheet).
#[derive(Default)]
pub(super) struct Tags {
    pub(super) tree: TagTree,
    sheet: Option<TagGroup>,
    pub(super) list: Option<TagGroup>,
    pub(super) table: Option<(usize, TagGroup)>,
}

impl Tags {
    pub(super) fn flush_runs(&mut self) {
        let Some(sheet) = self.sheet.as_mut() else {
            return;
        };
        if let Some(list) = self.list.take() {
            sheet.push(list);
        }
        if let Some((_, table)) = self.table.take() {
            sheet.push(table);
        }
    }

    pub(super) fn start_sheet(&mut self) {
        self.end_sheet();
        self.sheet = Some(TagGroup::new(Tag::Section));
    }

    pub(super) fn end_sheet(&mut self) {
        self.flush_runs();
        if let Some(sheet) = self.sheet.take() {
            self.tree.push(sheet);
        }
    }

    pub(super) fn push(&mut self, group: TagGroup) {
        self.flush_runs();
        if let Some(sheet) = self.sheet.as_mut() {
            sheet.push(group);
        } else {
            self.tree.push(group);
        }
    }
}

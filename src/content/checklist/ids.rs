//! The ids a checklist's page gives its elements, checked for repeats when it is read.

use std::collections::HashMap;
use std::sync::Arc;

use super::{ChecklistSection, ItemKind};
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::slug::slugify;
use crate::source::SourceFile;

/// The ids a checklist's page gives its elements, as the theme's checklist template makes
/// them (the template contract): each section's slug; each item's id, with `entry-` and
/// `note-` (fields) or `tick-` (boxes) before it; `entry-record-` and each record name's slug;
/// and the theme's own ids. Two of them alike would make one page with two elements of the
/// same id (a label then names the wrong box): an error at the later item, or at the file.
pub(super) fn report_shared(
    file: &Arc<SourceFile>,
    record: &[String],
    sections: &[ChecklistSection],
    diagnostics: &mut Diagnostics,
) {
    let mut taken: HashMap<String, String> = crate::reserved::RESERVED_IDS
        .iter()
        .map(|id| (id.to_string(), "one of the theme's elements".to_string()))
        .collect();
    let mut claim = |id: String, owner: String, span: Option<&std::ops::Range<usize>>| {
        let Some(first) = taken.get(&id) else {
            taken.insert(id, owner);
            return;
        };
        let d = Diagnostic::new(
            Code::ChecklistId,
            format!("{owner} would have the id `{id}` on the page, as {first} has"),
        )
        .hint("give the item an `id:` of its own, or retitle the section");
        diagnostics.push(match span {
            Some(span) => d.at(file, span.clone()),
            None => d.in_file(file.display_path()),
        });
    };
    for name in record {
        let id = format!("entry-record-{}", slugify(name));
        claim(id, format!("the record field `{name}`"), None);
    }
    for section in sections {
        let owner = format!("the section \u{201c}{}\u{201d}", section.title);
        claim(slugify(&section.title), owner, None);
        for item in &section.items {
            let owner = format!("the item `{}`", item.id);
            let span = Some(&item.text.span);
            claim(item.id.clone(), owner.clone(), span);
            let parts: &[&str] = match item.kind {
                ItemKind::Tick => &["tick-"],
                ItemKind::Field { .. } => &["entry-", "note-"],
                ItemKind::Table { .. } => &[],
            };
            for part in parts {
                claim(format!("{part}{}", item.id), owner.clone(), span);
            }
        }
    }
}

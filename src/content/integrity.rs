//! Integrity of the loaded model: URLs unique, strategy numbers unique and in step with
//! their file names. Run once the pages are assembled, since each fault involves two files.

use std::collections::BTreeMap;

use super::{Page, PageData, Section};
use crate::diagnostic::{Code, Diagnostic, Diagnostics};

pub(super) fn check_unique_urls(pages: &[Page], diagnostics: &mut Diagnostics) {
    let mut by_url: BTreeMap<&str, Vec<&Page>> = BTreeMap::new();
    for page in pages {
        by_url.entry(page.url.as_str()).or_default().push(page);
    }
    for (url, same) in by_url {
        for page in same.iter().skip(1) {
            let first = same[0];
            diagnostics.push(
                Diagnostic::new(Code::SlugDuplicate, format!("two pages have the URL {url}"))
                    .at(&page.file, page.slug_span.clone())
                    .hint(format!(
                        "{} has the same slug `{}`; give one of them another file name or a `slug:`",
                        first.file.display_path(),
                        first.slug
                    )),
            );
        }
    }
}

/// A page whose slug is empty (`slug: ""`, or a file name with no letters or digits) would be
/// written over its section's index or the home page.
pub(super) fn check_empty_slugs(pages: &[Page], diagnostics: &mut Diagnostics) {
    for page in pages.iter().filter(|p| p.slug.is_empty() && p.url != "/") {
        let title = crate::slug::slugify(&page.title);
        let suggestion = if title.is_empty() {
            "a-name".to_string()
        } else {
            title
        };
        let replaced = if page.section == 0 {
            "the home page"
        } else {
            "its section's index"
        };
        diagnostics.push(
            Diagnostic::new(
                Code::Slug,
                format!("this page's slug is empty, so it would replace {replaced}"),
            )
            .at(&page.file, page.slug_span.clone())
            .hint(format!(
                "give the page a name of letters or digits: `slug: {suggestion}`, or a file name like `{suggestion}.md`"
            )),
        );
    }
}

/// A top-level page whose slug is a section's folder would share the section's URL.
pub(super) fn check_section_collisions(
    sections: &[Section],
    pages: &[Page],
    diagnostics: &mut Diagnostics,
) {
    for page in pages {
        if let Some(section) = sections.iter().skip(1).find(|s| s.url == page.url) {
            diagnostics.push(
                Diagnostic::new(
                    Code::UrlCollision,
                    format!(
                        "this page and the section `{}` both have the URL {}",
                        section.dir, page.url
                    ),
                )
                .at(&page.file, page.slug_span.clone())
                .hint("rename the page or give it another `slug:`"),
            );
        }
    }
}

pub(super) fn check_strategy_numbers(pages: &[Page], diagnostics: &mut Diagnostics) {
    let mut by_number: BTreeMap<i64, Vec<&Page>> = BTreeMap::new();
    for page in pages {
        if let PageData::Strategy { number, .. } = &page.data {
            by_number.entry(number.value).or_default().push(page);
            if let Some(prefix) = page.prefix
                && i64::from(prefix) != number.value
            {
                diagnostics.push(
                    Diagnostic::new(
                        Code::StrategyPrefix,
                        format!(
                            "the file name says {prefix} but `number` says {}",
                            number.value
                        ),
                    )
                    .at(&page.file, number.span.clone())
                    .hint("rename the file or change `number` so that they agree"),
                );
            }
        }
    }
    for (number, same) in by_number {
        for page in same.iter().skip(1) {
            let PageData::Strategy { number: n, .. } = &page.data else {
                continue;
            };
            diagnostics.push(
                Diagnostic::new(
                    Code::StrategyNumber,
                    format!("strategy number {number} is used twice"),
                )
                .at(&page.file, n.span.clone())
                .hint(format!(
                    "strategy numbers must be unique: {number} is also used by {}",
                    same[0].file.display_path()
                )),
            );
        }
    }
}

//! The handbook edition read as a book: its chapters numbered, each page's place for the
//! cross-references that point to it, and its citations numbered once for the whole book in
//! order of first citation, pointing to one bibliography at its end.

use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};

use super::{ContentsEntry, PrintInput, PrintPart};
use crate::render::editions::{CHECKLISTS_URL, Edition, HANDBOOK_URL, Landmark};

/// Numbers the chapters (the entries at level 1) 1, 2, 3 in order.
pub(super) fn number_chapters(contents: &mut [ContentsEntry]) {
    let mut chapter = 0;
    for entry in contents.iter_mut().filter(|e| e.level == 1) {
        chapter += 1;
        entry.chapter = Some(chapter);
    }
}

/// Which edition `input` is, the site URLs of the pages it holds and, in the handbook, where
/// each one is and how its sources are numbered.
pub(super) fn edition(input: &PrintInput, contents: &[ContentsEntry]) -> Edition {
    let mut inside: HashSet<String> = input.parts.iter().map(|p| url(p).to_string()).collect();
    if input.sources.is_some() {
        inside.insert(crate::links::SOURCES_URL.to_string());
    }
    if input.checklists_only {
        return Edition {
            url: CHECKLISTS_URL,
            inside,
            ..Edition::default()
        };
    }
    let mut places = HashMap::new();
    let mut numbers: HashMap<String, usize> = HashMap::new();
    let mut hasher = DefaultHasher::new();
    let mut chapter = 0;
    for (part, entry) in input.parts.iter().zip(contents) {
        chapter = entry.chapter.unwrap_or(chapter);
        let place = match entry.number {
            Some(n) => format!("strategy {n}"),
            None => format!("chapter {chapter}"),
        };
        let landmark = Landmark {
            title: entry.title.clone(),
            place,
        };
        (url(part), &landmark).hash(&mut hasher);
        places.insert(url(part).to_string(), landmark);
        for key in cited(part) {
            let next = numbers.len() + 1;
            if let std::collections::hash_map::Entry::Vacant(v) = numbers.entry(key.to_string()) {
                v.insert(next);
                key.hash(&mut hasher);
            }
        }
    }
    Edition {
        url: HANDBOOK_URL,
        inside,
        places,
        numbers: Some(numbers),
        key: hasher.finish(),
    }
}

fn url<'a>(part: &'a PrintPart) -> &'a str {
    match part {
        PrintPart::Chapter(s) => &s.section.0.url,
        PrintPart::Page(p) => &p.page.url,
    }
}

/// The sources a part cites, in reading order, then those its front matter lists: the keys
/// of the bibliography only (an unknown key is reported by the checks, never numbered).
fn cited<'a>(part: &'a PrintPart) -> Vec<&'a str> {
    let (keys, bibliography): (Vec<&str>, _) = match part {
        PrintPart::Chapter(s) => (
            s.section
                .0
                .analysis
                .citations
                .iter()
                .map(|c| c.key.as_str())
                .collect(),
            &s.sources,
        ),
        PrintPart::Page(p) => {
            let page = p.page;
            let listed = page.sources.iter().map(|k| k.value.as_str());
            let bibliography = &p.inputs.site.bibliography;
            return (page.analysis.cited_keys().chain(listed))
                .filter(|k| bibliography.get(k).is_some())
                .collect();
        }
    };
    keys.into_iter()
        .filter(|k| bibliography.get(*k).is_some_and(Option::is_some))
        .collect()
}

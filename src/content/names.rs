//! How pages are named elsewhere (`related`, `roles`): by slug when no other page has that
//! slug, or always by `section/slug` (SPEC).

use std::collections::HashMap;

use super::{Page, PageId, Section};

#[derive(Debug, Default)]
pub struct Names {
    by_slug: HashMap<String, Vec<PageId>>,
    by_path: HashMap<String, PageId>,
    /// Every accepted name, sorted, for "did you mean" hints: made when first needed.
    all: std::sync::OnceLock<Vec<String>>,
}

#[derive(Debug, PartialEq, Eq)]
pub enum NameError {
    Unknown { suggestion: Option<String> },
    Ambiguous(Vec<PageId>),
}

impl Names {
    pub fn build(sections: &[Section], pages: &[Page]) -> Names {
        let mut names = Names {
            by_slug: HashMap::with_capacity(pages.len()),
            by_path: HashMap::with_capacity(pages.len()),
            all: std::sync::OnceLock::new(),
        };
        for page in pages {
            names
                .by_slug
                .entry(page.slug.clone())
                .or_default()
                .push(page.id);
            let dir = &sections[page.section].dir;
            let path = if dir.is_empty() {
                page.slug.clone()
            } else {
                format!("{dir}/{}", page.slug)
            };
            names.by_path.insert(path, page.id);
        }
        names
    }

    /// Every accepted name, sorted.
    fn all(&self) -> &[String] {
        self.all.get_or_init(|| {
            let mut all: Vec<String> = self.by_path.keys().cloned().collect();
            all.extend(
                self.by_slug
                    .iter()
                    .filter(|(_, ids)| ids.len() == 1)
                    .map(|(slug, _)| slug.clone()),
            );
            all.sort();
            all.dedup();
            all
        })
    }

    pub fn resolve(&self, name: &str) -> Result<PageId, NameError> {
        let name = name.trim().trim_matches('/');
        if let Some(&id) = self.by_path.get(name) {
            return Ok(id);
        }
        match self.by_slug.get(name).map(Vec::as_slice) {
            Some([id]) => Ok(*id),
            Some(ids) if ids.len() > 1 => Err(NameError::Ambiguous(ids.to_vec())),
            _ => Err(NameError::Unknown {
                suggestion: crate::suggest::did_you_mean(
                    name,
                    self.all().iter().map(String::as_str),
                )
                .map(str::to_string),
            }),
        }
    }
}

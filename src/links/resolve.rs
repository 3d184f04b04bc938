//! Where a link written in Markdown goes.
//!
//! Links name source files, as editors see them: `../roles/mentor.md`, `@/roles/mentor.md`,
//! `#duties`, an image beside the page, `../../assets/logo.svg`, or a site URL (`/sources/`).

use crate::diagnostic::Code;
use std::collections::HashMap;

use super::urls::{join, percent_decode};
use crate::content::{ASSETS_DIR, PageId, SectionId, Site};
use crate::suggest::did_you_mean;

pub const SOURCES_URL: &str = "/sources/";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Page(PageId),
    Section(SectionId),
    Sources,
    File,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkProblem {
    pub code: Code,
    pub message: String,
    pub hint: Option<String>,
}

/// A resolved link: the site URL (with fragment) it points to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub url: String,
    pub target: Target,
}

pub struct Resolver<'a> {
    site: &'a Site,
    /// Content source path (relative to content/) -> target.
    by_source: HashMap<String, Target>,
    by_url: HashMap<String, Target>,
}

impl<'a> Resolver<'a> {
    pub fn new(site: &'a Site) -> Resolver<'a> {
        let mut by_source = HashMap::new();
        let mut by_url = HashMap::new();
        for page in &site.pages {
            by_source.insert(page.source_path.clone(), Target::Page(page.id));
            by_url.insert(page.url.clone(), Target::Page(page.id));
        }
        for (id, section) in site.sections.iter().enumerate().skip(1) {
            by_source.insert(format!("{}/_section.md", section.dir), Target::Section(id));
            by_url.insert(section.url.clone(), Target::Section(id));
        }
        by_source.insert("sources.yaml".to_string(), Target::Sources);
        by_url.insert(SOURCES_URL.to_string(), Target::Sources);
        for file in &site.files {
            by_source.insert(file.rel.clone(), Target::File);
            by_url.insert(format!("/{}", file.rel), Target::File);
        }
        for asset in &site.assets {
            by_url.insert(format!("/{ASSETS_DIR}/{}", asset.rel), Target::File);
        }
        Resolver {
            site,
            by_source,
            by_url,
        }
    }

    /// Resolves `dest` written in the source file `from` (relative to content/).
    /// `Ok(None)`: an external link, left as written.
    pub fn resolve(&self, from: &str, dest: &str) -> Result<Option<Resolved>, LinkProblem> {
        if is_external(dest) {
            return Ok(None);
        }
        let (path, fragment) = match dest.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (dest, None),
        };
        let Some(path) = percent_decode(path) else {
            return Err(LinkProblem {
                code: Code::Link,
                message: format!("`{dest}` has %-escapes that do not spell text"),
                hint: Some("write the file name as it is, or escape only spaces (`%20`)".into()),
            });
        };
        let from_dir = from.rsplit_once('/').map_or("", |(d, _)| d);
        let (url, target) = if path.is_empty() {
            // A page that failed to load links within itself: its own errors are reported,
            // and its headings are not known.
            if self.site.is_broken(from) && !self.by_source.contains_key(from) {
                return Ok(None);
            }
            let target = self
                .by_source
                .get(from)
                .copied()
                .ok_or_else(|| LinkProblem {
                    code: Code::Link,
                    message: "this link has no target".into(),
                    hint: None,
                })?;
            (self.url_of(target, ""), target)
        } else if let Some(rooted) = path.strip_prefix("@/") {
            self.content_target(rooted, dest)?
        } else if path.starts_with('/') {
            let target = self
                .by_url
                .get(path.as_str())
                .copied()
                .ok_or_else(|| LinkProblem {
                    code: Code::Link,
                    message: format!("no page or file of this handbook has the URL `{path}`"),
                    hint: Some("link to the source file instead, e.g. `../roles/mentor.md`".into()),
                })?;
            (path.clone(), target)
        } else {
            let from_root = if from_dir.is_empty() {
                "content".to_string()
            } else {
                format!("content/{from_dir}")
            };
            let Some(joined) = join(&from_root, &path) else {
                return Err(escape_problem(dest));
            };
            if let Some(rel) = joined.strip_prefix("content/") {
                self.content_target(rel, dest)?
            } else if let Some(asset) = joined.strip_prefix("assets/") {
                let url = format!("/{ASSETS_DIR}/{asset}");
                if !self.by_url.contains_key(&url) {
                    return Err(LinkProblem {
                        code: Code::Link,
                        message: format!("`{dest}` points to a file that does not exist"),
                        hint: Some(format!("there is no assets/{asset}")),
                    });
                }
                (url, Target::File)
            } else {
                return Err(escape_problem(dest));
            }
        };
        if let Some(fragment) = fragment {
            self.check_anchor(target, fragment)?;
            return Ok(Some(Resolved {
                url: format!("{url}#{fragment}"),
                target,
            }));
        }
        Ok(Some(Resolved { url, target }))
    }

    /// Resolves `dest` written in a file at the handbook's root, beside content/ (such as
    /// CHANGES.md): a relative link is read from there, as a file browser shows it
    /// (`content/roles/mentor.md`, `assets/form.pdf`); `@/…`, site URLs and external links as
    /// on pages. A link to a heading of the file's own page (`#edition-2026`) is its own
    /// business: `Ok(None)`, left as written.
    pub fn resolve_at_root(&self, dest: &str) -> Result<Option<Resolved>, LinkProblem> {
        // As a page at the top of content/ would write it.
        const TOP: &str = "index.md";
        if dest.starts_with('#') {
            return Ok(None);
        }
        if is_external(dest) || dest.starts_with(['/', '@']) {
            return self.resolve(TOP, dest);
        }
        let as_page = format!("../{dest}");
        self.resolve(TOP, &as_page).map_err(|mut problem| {
            problem.message = problem.message.replace(&as_page, dest);
            problem
        })
    }

    fn content_target(&self, rel: &str, dest: &str) -> Result<(String, Target), LinkProblem> {
        let rel = join("", rel).unwrap_or_default();
        match self.by_source.get(&rel) {
            Some(&target) => Ok((self.url_of(target, &rel), target)),
            // The page exists but has errors of its own, already reported.
            None if self.site.is_broken(&rel) => Ok((format!("/{rel}"), Target::File)),
            None => {
                let known = self.by_source.keys().map(String::as_str);
                let hint = did_you_mean(&rel, known).map(|s| format!("did you mean `{s}`?")).or_else(|| {
                    Some("links name the source file, relative to this page (`../roles/mentor.md`) or from content/ (`@/roles/mentor.md`)".into())
                });
                Err(LinkProblem {
                    code: Code::Link,
                    message: format!("`{dest}` points to `content/{rel}`, which does not exist"),
                    hint,
                })
            }
        }
    }

    fn url_of(&self, target: Target, rel: &str) -> String {
        match target {
            Target::Page(id) => self.site.pages[id].url.clone(),
            Target::Section(id) => self.site.sections[id].url.clone(),
            Target::Sources => SOURCES_URL.to_string(),
            Target::File => format!("/{rel}"),
        }
    }

    fn check_anchor(&self, target: Target, fragment: &str) -> Result<(), LinkProblem> {
        let ids: Vec<&str> = match target {
            Target::Page(id) => self.site.pages[id].analysis.anchors().collect(),
            Target::Section(id) => self.site.sections[id]
                .analysis
                .headings
                .iter()
                .map(|h| h.id.as_str())
                .collect(),
            Target::Sources => self
                .site
                .bibliography
                .sources
                .keys()
                .map(String::as_str)
                .collect(),
            Target::File => return Ok(()),
        };
        let wanted = percent_decode(fragment).unwrap_or_else(|| fragment.to_string());
        let wanted = wanted.strip_prefix("src-").unwrap_or(&wanted);
        if ids.contains(&wanted) || fragment.is_empty() {
            return Ok(());
        }
        let hint = match did_you_mean(wanted, ids.iter().copied()) {
            Some(id) => format!("did you mean `#{id}`?"),
            None if ids.is_empty() => "that page has no headings to link to".to_string(),
            None => format!(
                "the headings there are: {}",
                ids.iter()
                    .map(|i| format!("#{i}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        Err(LinkProblem {
            code: Code::Anchor,
            message: format!("no heading with the id `{fragment}` on the page this links to"),
            hint: Some(hint),
        })
    }
}

fn escape_problem(dest: &str) -> LinkProblem {
    LinkProblem {
        code: Code::LinkEscape,
        message: format!("`{dest}` leads outside the handbook's content and assets"),
        hint: Some(
            "the site only holds content/ and assets/; copy the file into one of them".into(),
        ),
    }
}

pub fn is_external(dest: &str) -> bool {
    let lower = dest.to_ascii_lowercase();
    lower.starts_with("//")
        || lower.split_once(':').is_some_and(|(scheme, _)| {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '-' || c == '.')
                && scheme != "@"
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_are_external() {
        assert!(is_external("https://doi.org/x"));
        assert!(is_external("mailto:a@b.org"));
        assert!(!is_external("../roles/mentor.md"));
        assert!(!is_external("@/roles/mentor.md"));
        assert!(!is_external("#duties"));
    }
}

//! The theme's contract with the renderer: every template the renderer asks a theme for, and
//! the element ids the theme's templates and scripts use, which content may not take.
//!
//! The ids the theme's templates and scripts give elements of every page, which a heading may
//! not take, are listed in `reserved.rs` (below the Markdown reader that avoids them); a test
//! here checks that every id the default theme writes is among them.
//!
//! A theme of the handbook's own (`themes/<name>/`) that lacks one of these templates is given
//! the default theme's (`check --verbose` says which), so a theme made before a template was
//! added keeps building every page.

/// One template the renderer asks for, by the output it makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Template {
    Home,
    Section,
    Page,
    Strategy,
    Role,
    Checklist,
    Scenario,
    Sources,
    NotFound,
    Search,
    /// What changed in each edition.
    Changes,
    PrintHandbook,
    PrintChecklists,
    /// One page or checklist inside a print edition.
    PrintPart,
}

impl Template {
    pub const ALL: &'static [Template] = &[
        Template::Home,
        Template::Section,
        Template::Page,
        Template::Strategy,
        Template::Role,
        Template::Checklist,
        Template::Scenario,
        Template::Sources,
        Template::NotFound,
        Template::Search,
        Template::Changes,
        Template::PrintHandbook,
        Template::PrintChecklists,
        Template::PrintPart,
    ];

    /// The template's name in the theme's `templates/` folder.
    pub const fn file(self) -> &'static str {
        match self {
            Template::Home => "home.html",
            Template::Section => "section.html",
            Template::Page => "page.html",
            Template::Strategy => "strategy.html",
            Template::Role => "role.html",
            Template::Checklist => "checklist.html",
            Template::Scenario => "scenario.html",
            Template::Sources => "sources.html",
            Template::NotFound => "404.html",
            Template::Search => "search.html",
            Template::Changes => "changes.html",
            Template::PrintHandbook => "print-handbook.html",
            Template::PrintChecklists => "print-checklists.html",
            Template::PrintPart => "partials/print-part.html",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reserved::RESERVED_IDS;

    #[test]
    fn the_default_theme_has_every_template() {
        for template in Template::ALL {
            let path = format!("templates/{}", template.file());
            assert!(
                crate::embedded::theme_file(&path).is_some(),
                "the default theme lacks {path}"
            );
        }
    }

    #[test]
    fn every_id_the_default_theme_writes_is_reserved() {
        for (name, bytes) in crate::embedded::THEME {
            let text = String::from_utf8_lossy(bytes);
            for (at, _) in text.match_indices("id=\"") {
                let id: String = text[at + 4..]
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || *c == '-')
                    .collect();
                let literal = text[at + 4 + id.len()..].starts_with('"');
                if !id.is_empty() && literal {
                    assert!(
                        RESERVED_IDS.contains(&id.as_str()),
                        "{name}: id {id} is not reserved"
                    );
                }
            }
            for (at, _) in text.match_indices("getElementById(\"") {
                let id: String = text[at + 16..].chars().take_while(|c| *c != '"').collect();
                assert!(
                    RESERVED_IDS.contains(&id.as_str()),
                    "{name}: id {id} is not reserved"
                );
            }
        }
    }
}

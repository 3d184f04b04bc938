//! Local rules: every `{{ rules.name }}` in content names a rule that book.yaml sets, and
//! every rule book.yaml sets is used somewhere (else it is probably a leftover or a typo).

use std::collections::BTreeSet;
use std::sync::Arc;

use crate::content::Site;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::markdown::RuleUse;
use crate::source::SourceFile;
use crate::suggest::did_you_mean;

pub(super) fn check_rules(site: &Site, diagnostics: &mut Diagnostics) {
    let rules = &site.config.rules;
    let pages = site
        .pages
        .iter()
        .flat_map(|p| p.analysis.rule_uses().map(move |r| (&p.file, r)));
    let sections = site.sections.iter().flat_map(|s| {
        s.file
            .iter()
            .flat_map(move |f| s.analysis.rules.iter().map(move |r| (f, r)))
    });
    // Titles are names (in navigation, links, search, the PDF outline), not text with values:
    // a rule there would be published as written.
    for page in &site.pages {
        if let Some(rule) = crate::markdown::rules::uses(&page.title).first() {
            diagnostics.push(
                Diagnostic::new(
                    Code::RuleInTitle,
                    format!("the title holds `{{{{ rules.{} }}}}`, and titles show no rule values", rule.name),
                )
                .at(&page.file, page.title_span.clone())
                .hint("name the page without the value; say it in the text, where the rule is replaced"),
            );
        }
    }
    let mut used = BTreeSet::new();
    for (file, rule) in pages.chain(sections) {
        if rules.contains_key(&rule.name) {
            used.insert(rule.name.as_str());
        } else {
            diagnostics.push(unknown(site, file, rule));
        }
    }
    // A page that failed to load may use the rule: say nothing until it loads.
    if !site.broken.is_empty() {
        return;
    }
    for (name, rule) in rules {
        if !used.contains(name.as_str()) {
            diagnostics.push(
                Diagnostic::new(Code::RuleUnused, format!("no page uses the rule `{name}`"))
                    .at(&site.config.file, rule.key_span.clone())
                    .hint(format!(
                        "write `{{{{ rules.{name} }}}}` where the value belongs, or remove the rule"
                    )),
            );
        }
    }
}

fn unknown(site: &Site, file: &Arc<SourceFile>, rule: &RuleUse) -> Diagnostic {
    let rules = &site.config.rules;
    let hint = match did_you_mean(&rule.name, rules.keys().map(String::as_str)) {
        Some(name) => format!("did you mean `{{{{ rules.{name} }}}}`?"),
        None if rules.is_empty() => {
            format!("set it in book.yaml under `rules:` (`{}: …`)", rule.name)
        }
        None => format!(
            "book.yaml sets: {}",
            rules
                .keys()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    Diagnostic::new(
        Code::RuleUnknown,
        format!("book.yaml sets no rule `{}`", rule.name),
    )
    .at(file, rule.span.clone())
    .hint(hint)
}

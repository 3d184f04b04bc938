//! The frame of a print edition: the page around its parts (cover, contents, running heads,
//! sources), rendered from the edition's template.

use tera::Context;

use super::{ContentsEntry, Edition, PARTS_MARK, PrintInput, RUNNING_LOGO_URL, anchor};
use crate::diagnostic::Diagnostics;
use crate::links::urls::{relative, theme};
use crate::render::listings;
use crate::render::templates::Template;
use crate::render::theme::Theme;

/// The HTML of an edition around its parts (cover, contents, sources), with `PARTS_MARK`
/// where they go; `None` when the template failed (the error is in `diagnostics`).
pub(super) fn frame(
    input: &PrintInput,
    theme: &Theme,
    edition: &Edition,
    contents: &[ContentsEntry],
    diagnostics: &mut Diagnostics,
) -> Option<String> {
    let template = if input.checklists_only {
        Template::PrintChecklists
    } else {
        Template::PrintHandbook
    }
    .file();
    let page = crate::render::context::PageContext {
        title: input.frame.title.clone(),
        kind: "print",
        ..Default::default()
    };
    let Ok(mut context) = Context::from_serialize(crate::render::context::frame(&input.frame))
    else {
        return None;
    };
    context.insert("page", &page);
    // The parts go in after the template has run, written as they are made.
    context.insert("parts", PARTS_MARK);
    // The same document as a PDF, where there is one.
    let settings = input.frame.settings;
    let pdf = match input.checklists_only {
        true => settings.has_checklists.then_some(crate::pdf::PACK),
        false => settings.has_handbook_pdf.then_some(crate::pdf::BOOK),
    };
    if let Some(name) = pdf {
        let url = format!("/{}", crate::pdf::path(name));
        context.insert("pdf", &relative(&input.frame.url, &url, settings.offline));
    }
    context.insert("contents", &contents);
    let config = input.frame.settings.config.0;
    context.insert("paper", config.paper.css());
    let head = match &config.institution.name {
        Some(name) => format!("{name} · {}", config.title),
        None => config.title.clone(),
    };
    context.insert("running_head", &css_string(&head));
    let from = input.frame.url.as_str();
    let offline = input.frame.settings.offline;
    let font = |url: &str| relative(from, url, offline);
    context.insert("font_regular", &font(theme::PRINT_FONT_REGULAR));
    context.insert("font_bold", &font(theme::PRINT_FONT_BOLD));
    if config.institution.logo.is_some() {
        let from = input.frame.url.as_str();
        let logo = relative(from, RUNNING_LOGO_URL, input.frame.settings.offline);
        context.insert("running_logo", &logo);
    }
    if let Some(sources) = &input.sources {
        let mut entries = listings::source_entries(sources, Some(edition));
        // A book's bibliography is numbered in order of first citation, as its citations are.
        if let Some(numbers) = &edition.numbers {
            entries.sort_by_key(|e| numbers.get(&e.key).copied().unwrap_or(usize::MAX));
        }
        context.insert("sources", &entries);
        context.insert("sources_id", &anchor(crate::links::SOURCES_URL));
    }
    match theme.tera.render(template, &context) {
        Ok(html) => Some(html),
        Err(err) => {
            diagnostics.push(theme.render_error(template, &err));
            None
        }
    }
}

/// `text` as a CSS string, safe inside a `<style>` element.
fn css_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' | '<' | '>' | '&' => out.push_str(&format!("\\{:x} ", c as u32)),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn running_heads_are_css_strings_that_cannot_close_the_style_element() {
        assert_eq!(
            css_string("A \"B\" </style>"),
            "\"A \\22 B\\22  \\3c /style\\3e \""
        );
    }
}

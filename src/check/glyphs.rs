//! Characters the PDFs cannot draw. The PDFs set Latin in the theme's faces and Arabic script
//! (Urdu included) and Hebrew in its fallback faces; any other character (CJK, emoji,
//! Devanagari...) would print as an empty box, so each text of a checklist that holds one is a
//! warning at the place it is written, and so is each page that holds one when the handbook's
//! PDF is made (at its first).

use std::ops::Range;

use crate::content::{ItemKind, PageData, Site};
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::pdf::FontFiles;

/// Warns of every checklist text (after local rules) holding characters `fonts` lack, and,
/// when the handbook's PDF is made, of every page.
pub fn check_glyphs(site: &Site, fonts: &FontFiles, diagnostics: &mut Diagnostics) {
    let book = site.config.handbook_pdf.wanted(site.pages.len());
    for page in &site.pages {
        let PageData::Checklist(checklist) = &page.data else {
            if book {
                let text = site.config.with_rules(page.body_text());
                let spans = [
                    (page.title.clone(), page.title_span.clone()),
                    (text, page.body.clone()),
                ];
                if let Some(d) = spans.into_iter().find_map(|(t, span)| {
                    missing(&page.file, &t, span, fonts, "the handbook's PDF")
                }) {
                    diagnostics.push(d);
                }
            }
            continue;
        };
        let file = &page.file;
        // Texts the model keeps no place for are found where they are first written.
        let find = |text: &str| {
            file.text
                .find(text)
                .map_or(0..0, |start| start..start + text.len())
        };
        let mut texts: Vec<(String, Range<usize>)> =
            vec![(page.title.clone(), page.title_span.clone())];
        for text in checklist.when.iter().chain(&checklist.intro) {
            texts.push((text.value.clone(), text.span.clone()));
        }
        for word in checklist
            .audience
            .iter()
            .chain(&checklist.record)
            .chain(&checklist.sign_off)
        {
            texts.push((word.clone(), find(word)));
        }
        for section in &checklist.sections {
            texts.push((section.title.clone(), find(&section.title)));
            for item in &section.items {
                let own = match &item.kind {
                    ItemKind::Table { columns, .. } => columns.iter().collect(),
                    _ => vec![&item.text],
                };
                for text in own.into_iter().chain(&item.note) {
                    texts.push((text.value.clone(), text.span.clone()));
                }
            }
        }
        for (text, span) in texts {
            let text = site.config.with_rules(&text);
            diagnostics.extend(missing(file, &text, span, fonts, "the checklist's PDF"));
        }
    }
}

/// A warning when `text`, written at `span` of `file`, holds characters `fonts` lack.
fn missing(
    file: &std::sync::Arc<crate::source::SourceFile>,
    text: &str,
    span: Range<usize>,
    fonts: &FontFiles,
    pdf: &str,
) -> Option<Diagnostic> {
    let mut missing = fonts.lacks(text);
    if missing.is_empty() {
        return None;
    }
    missing.sort_unstable();
    missing.dedup();
    // Point at the first of them where it is written, when it is written there (and not
    // brought in by a rule).
    let written = file.text.get(span.clone()).unwrap_or("");
    let at = written
        .char_indices()
        .find(|(_, c)| missing.contains(c))
        .map_or(span.clone(), |(i, c)| {
            span.start + i..span.start + i + c.len_utf8()
        });
    let shown: Vec<String> = missing
        .iter()
        .take(6)
        .map(|c| format!("{c} (U+{:04X})", u32::from(*c)))
        .collect();
    let more = if missing.len() > 6 { ", ..." } else { "" };
    let boxes = if missing.len() == 1 {
        "it would print as an empty box"
    } else {
        "they would print as empty boxes"
    };
    Some(
        Diagnostic::new(
            Code::PdfGlyph,
            format!("{pdf} has no face for {}{more}: {boxes}", shown.join(", ")),
        )
        .at(file, at)
        .hint("the PDFs set Latin, Arabic script (Urdu included) and Hebrew; other scripts and emoji are shown on the web page only"),
    )
}

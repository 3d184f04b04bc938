//! Characters the checklist PDFs cannot draw. The PDFs set Latin in the theme's faces and
//! Arabic script (Urdu included) and Hebrew in its fallback faces; any other character (CJK,
//! emoji, Devanagari...) would print as an empty box, so each text of a checklist that holds
//! one is a warning at the place it is written.

use std::ops::Range;

use crate::content::{ItemKind, PageData, Site};
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::pdf::FontFiles;

/// Warns of every checklist text (after local rules) holding characters `fonts` lack.
pub fn check_glyphs(site: &Site, fonts: &FontFiles, diagnostics: &mut Diagnostics) {
    for page in &site.pages {
        let PageData::Checklist(checklist) = &page.data else {
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
            let mut missing: Vec<char> = site
                .config
                .with_rules(&text)
                .chars()
                .filter(|c| !fonts.covers(*c))
                .collect();
            if missing.is_empty() {
                continue;
            }
            missing.sort_unstable();
            missing.dedup();
            // Point at the first of them where it is written, when it is written there (and
            // not brought in by a rule).
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
            diagnostics.push(
                Diagnostic::new(
                    Code::PdfGlyph,
                    format!(
                        "the checklist's PDF has no face for {}{more}: {}",
                        shown.join(", "),
                        if missing.len() == 1 {
                            "it would print as an empty box"
                        } else {
                            "they would print as empty boxes"
                        }
                    ),
                )
                .at(file, at)
                .hint("the PDFs set Latin, Arabic script (Urdu included) and Hebrew; other scripts and emoji are shown on the web page only"),
            );
        }
    }
}

//! `print:` in book.yaml: the paper that print pages and PDFs are made for.

use std::sync::Arc;

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::source::SourceFile;
use crate::yaml::{self, Fields};

/// A sheet of paper, in PDF points (1/72 inch).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Paper {
    A4,
    Letter,
}

impl Paper {
    pub fn name(self) -> &'static str {
        match self {
            Paper::A4 => "a4",
            Paper::Letter => "letter",
        }
    }

    /// The CSS `@page` size.
    pub fn css(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::Letter => "letter",
        }
    }

    /// Width and height in points.
    pub fn points(self) -> (f32, f32) {
        match self {
            Paper::A4 => (595.28, 841.89),
            Paper::Letter => (612.0, 792.0),
        }
    }
}

pub(crate) const PRINT_KEYS: &[&str] = &["paper", "handbook_pdf"];

/// Whether the build makes `/downloads/handbook.pdf` (`print.handbook_pdf`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HandbookPdf {
    /// For handbooks of up to `AUTO_PAGES` pages.
    #[default]
    Auto,
    On,
    Off,
}

/// The most pages `handbook_pdf: auto` makes the handbook's PDF for.
pub const AUTO_PAGES: usize = 2000;

impl HandbookPdf {
    /// Whether a handbook of `pages` pages gets its PDF.
    pub fn wanted(self, pages: usize) -> bool {
        match self {
            HandbookPdf::Auto => pages <= AUTO_PAGES,
            HandbookPdf::On => true,
            HandbookPdf::Off => false,
        }
    }
}

/// `print: { paper: a4, handbook_pdf: auto }`; any paper but a4 and letter is an error, as
/// is a `handbook_pdf` other than true, false and auto.
pub(super) fn read_print(
    file: &Arc<SourceFile>,
    node: &yaml::Node,
    diagnostics: &mut Diagnostics,
) -> (Paper, HandbookPdf) {
    let Some(mut f) = Fields::read(file, node, PRINT_KEYS, "print", diagnostics) else {
        return (Paper::A4, HandbookPdf::Auto);
    };
    let handbook_pdf = match f.text("handbook_pdf") {
        None => HandbookPdf::Auto,
        Some(v) => match v.value.trim().to_ascii_lowercase().as_str() {
            "auto" => HandbookPdf::Auto,
            "true" => HandbookPdf::On,
            "false" => HandbookPdf::Off,
            other => {
                let d = Diagnostic::new(
                    Code::FieldType,
                    format!("`handbook_pdf: {other}` is neither true, false nor auto"),
                )
                .at(file, v.span)
                .hint("use `handbook_pdf: auto` (the PDF for handbooks of up to 2,000 pages), `true` or `false`");
                f.diagnostics().push(d);
                HandbookPdf::Auto
            }
        },
    };
    let paper = match f.text("paper") {
        None => Paper::A4,
        Some(p) => match p.value.trim().to_ascii_lowercase().as_str() {
            "a4" => Paper::A4,
            "letter" => Paper::Letter,
            other => {
                let d = Diagnostic::new(
                    Code::Paper,
                    format!("`{other}` is not a paper size handbook prints on"),
                )
                .at(file, p.span)
                .hint("use `paper: a4` or `paper: letter`");
                f.diagnostics().push(d);
                Paper::A4
            }
        },
    };
    (paper, handbook_pdf)
}

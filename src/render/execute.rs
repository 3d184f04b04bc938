//! The executor: makes the outputs of a plan, reusing each whose input is unchanged since the
//! last render (same fingerprint), and hands every file to the sink as soon as it is made, or
//! keeps it for the list. `render_incremental` runs it on a whole site's plan, and `serve`'s
//! preview on a plan of the saved pages alone.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::highlight::Highlighter;
use super::print::{self, PrintMemo};
use super::progress::Progress;
use super::theme::Theme;
use super::{Contents, Output, OutputFile, Sink};
use crate::diagnostic::Diagnostics;

/// What making one output gave.
pub(super) struct Rendered {
    pub path: String,
    /// The hash of its input (0 for files copied, already written or made once).
    pub fingerprint: u64,
    /// The file, unless it went to the sink (or was not made).
    pub contents: Option<Contents>,
    /// A page rendered now, not reused.
    pub fresh: bool,
    pub diagnostics: Diagnostics,
}

/// What outputs are made with, and where they go.
pub(super) struct Executor<'a> {
    pub theme: &'a Theme,
    pub highlighter: &'a Highlighter,
    pub print: &'a PrintMemo,
    /// The last render's files, by path, with the fingerprints of their inputs.
    pub previous: &'a HashMap<String, (u64, Arc<Vec<u8>>)>,
    /// A one-off render: nothing is reused, so no fingerprint is needed.
    pub once: bool,
    pub sink: Option<&'a dyn Sink>,
    pub progress: &'a Progress,
}

impl Executor<'_> {
    /// A file made: handed to the sink at once, or kept for the list.
    fn deliver(&self, path: &str, contents: Contents) -> Option<Contents> {
        match self.sink {
            Some(sink) => {
                sink.put(OutputFile {
                    path: path.to_string(),
                    contents,
                });
                None
            }
            None => Some(contents),
        }
    }

    /// Makes one output, or reuses the last render's when its input is unchanged.
    pub fn make(&self, path: String, output: Output) -> Rendered {
        self.progress.tick();
        let mut diagnostics = Diagnostics::new();
        let reused = |fingerprint: u64, contents: Option<Contents>| Rendered {
            path: path.clone(),
            fingerprint,
            contents,
            fresh: false,
            diagnostics: Diagnostics::new(),
        };
        match output {
            Output::Copy(from, key) => {
                return reused(0, self.deliver(&path, Contents::Copy { from, key }));
            }
            Output::Written => return reused(0, None),
            Output::Previous => {
                let Some((fingerprint, bytes)) = self.previous.get(&path) else {
                    return reused(0, None);
                };
                let contents = self.deliver(&path, Contents::Shared(Arc::clone(bytes)));
                return reused(*fingerprint, contents);
            }
            _ => {}
        }
        let fingerprint = if self.once { 0 } else { output.fingerprint() };
        if let Some((old, bytes)) = self.previous.get(&path)
            && *old == fingerprint
        {
            let contents = self.deliver(&path, Contents::Shared(Arc::clone(bytes)));
            return reused(fingerprint, contents);
        }
        crate::test_hooks::panic_if_asked(&path, false);
        // Pages, not generated files or the print editions (which an edit to any page
        // renders again, mostly from memory).
        let fresh = matches!(
            output,
            Output::Page(_)
                | Output::Section(_)
                | Output::Sources(_)
                | Output::NotFound(_)
                | Output::Search(_)
        );
        let (theme, highlighter, memo) = (self.theme, self.highlighter, self.print);
        let bytes = match (output, self.sink) {
            // A print edition is as large as the book: a build writes it as it is made.
            (Output::Print(input), Some(sink)) => {
                sink.stream(&path, &mut |out| {
                    print::write(&input, theme, highlighter, memo, &mut diagnostics, out)
                });
                None
            }
            (output, _) => output.render(theme, highlighter, memo, &mut diagnostics),
        };
        let contents = bytes.and_then(|b| self.deliver(&path, Contents::Shared(Arc::new(b))));
        Rendered {
            path,
            fingerprint,
            contents,
            fresh,
            diagnostics,
        }
    }
}

/// Makes `pdfs` on threads of their own while `pages` runs (on the pool): the handbook's PDF
/// on one (the longest to make), the checklists' (the pack first) on another. Returns what
/// they made, the time the longer of the two took, and what `pages` returned.
///
/// krilla compresses the checklists' sheets on the pool; off the pool, a PDF waiting for that
/// work blocks rather than running other PDFs inside its wait, which would nest one PDF in
/// another's stack. The book's sheets are drawn by its own thread and threads of its own
/// (`parallel::in_order_beside`), never left waiting for a pool busy with the site's pages.
pub(super) fn beside_pdfs<'a, T: Send>(
    pdfs: Vec<(String, Output<'a>)>,
    make: &(dyn Fn((String, Output<'a>)) -> Rendered + Sync),
    pages: impl FnOnce() -> T + Send,
) -> (Vec<Rendered>, Duration, T) {
    let (book, mut others): (Vec<_>, Vec<_>) = pdfs
        .into_iter()
        .partition(|(_, output)| matches!(output, Output::Book(_)));
    others.sort_by_key(|(_, output)| !matches!(output, Output::Pdf(input) if input.pack));
    let timed = |outputs: Vec<(String, Output<'a>)>| {
        let start = Instant::now();
        let made: Vec<_> = outputs.into_iter().map(make).collect();
        (made, start.elapsed())
    };
    std::thread::scope(|scope| {
        let book = scope.spawn(|| timed(book));
        let others = scope.spawn(|| timed(others));
        let pages = pages();
        let (mut made, others_time) = others.join().expect("the checklists' PDFs were made");
        let (book, book_time) = book.join().expect("the handbook's PDF was made");
        made.extend(book);
        (made, others_time.max(book_time), pages)
    })
}

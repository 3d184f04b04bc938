//! `handbook check`: every check of `build`, without writing a site; with `--external`, also
//! whether links to other sites answer.

use std::path::Path;
use std::time::Duration;

use crate::console::{Console, Format};
use crate::diagnostic::Diagnostics;
use crate::pipeline::{self, Options};

/// `external`: the timeout of one answer when `--external` is given.
pub fn run(
    console: &Console,
    root: &Path,
    deny_warnings: bool,
    external: Option<Duration>,
) -> bool {
    let mut diagnostics = Diagnostics::new();
    // Rendering runs too (and its output is dropped): templates can fail only when rendered.
    let options = Options {
        root: root.to_path_buf(),
        ..Options::default()
    };
    let built = pipeline::build(&options, &mut diagnostics);
    // The bundled sample's placeholders are meant (book.yaml's `sample: true`).
    if !built.as_ref().is_some_and(|b| b.site.config.sample) {
        crate::check::check_ci_files(root, &mut diagnostics);
    }
    if let (Some(timeout), Some(built)) = (external, &built) {
        let tally =
            crate::check::external::check_external(&built.site, root, timeout, &mut diagnostics);
        if console.format == Format::Human {
            console.status(&format!(
                "Checked {} external links ({} from cache).",
                tally.addresses, tally.from_cache
            ));
        }
    }
    for template in built.iter().flat_map(|b| &b.stats.theme_fallbacks) {
        console.detail(&format!(
            "note: the theme has no {template}; the default theme's is used"
        ));
    }
    let errors = diagnostics.error_count();
    let warnings = diagnostics.warning_count();
    console.report(diagnostics);
    let ok = errors == 0 && !(deny_warnings && warnings > 0);
    if console.format == Format::Human {
        if let Some(built) = built.filter(|_| ok) {
            console.status(&format!(
                "No problems found in {} pages and {} checklists.",
                built.stats.pages, built.stats.checklists
            ));
        } else if errors == 0 && warnings > 0 && deny_warnings {
            console.status("Warnings are denied (--deny-warnings).");
        }
    }
    ok
}

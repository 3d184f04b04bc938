//! `handbook build`: the whole pipeline, then the site written atomically.

use std::path::{Path, PathBuf};

use crate::console::Console;
use crate::diagnostic::Diagnostics;
use crate::output;
use crate::pipeline::{self, Options};
use crate::render::RenderOptions;

pub fn run(
    console: &Console,
    root: &Path,
    out: Option<PathBuf>,
    base_url: Option<String>,
    offline: bool,
) -> bool {
    let options = Options {
        root: root.to_path_buf(),
        render: RenderOptions {
            offline,
            base_url,
            progress: console.verbosity != crate::console::Verbosity::Quiet,
        },
    };
    // Whatever a killed run left is put right first, whether or not this build succeeds.
    let out_dir = out.clone().or_else(|| {
        crate::config::Config::load(root, &mut Diagnostics::new()).map(|c| root.join(c.output_dir))
    });
    if let Some(dir) = &out_dir {
        output::tidy(dir);
    }
    let mut diagnostics = Diagnostics::new();
    let built = pipeline::build(&options, &mut diagnostics);
    console.report(diagnostics);
    let Some(built) = built else {
        console.status("Nothing was written: the previous site, if any, is unchanged.");
        return false;
    };
    let out = out.unwrap_or_else(|| root.join(&built.site.config.output_dir));
    if output::is_busy(&out) {
        console.status(&format!(
            "Waiting for another handbook process to finish writing {}…",
            out.display()
        ));
    }
    if let Err(err) = output::write_site(&out, root, &built.files) {
        console.failure(&err.to_string());
        return false;
    }
    let stats = &built.stats;
    for (stage, time) in &stats.stages {
        console.detail(&format!(
            "  {stage:<18} {:8.1} ms",
            time.as_secs_f64() * 1000.0
        ));
    }
    console.status(&format!(
        "Built {} pages and {} checklists into {} in {:.2} s",
        stats.pages,
        stats.checklists,
        out.display(),
        stats.elapsed.as_secs_f64()
    ));
    true
}

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
    // Without a readable book.yaml nothing is rendered, so the folder is never used.
    let out = out_dir.unwrap_or_else(|| root.join(crate::config::DEFAULT_OUTPUT_DIR));
    if output::is_busy(&out) {
        console.status(&format!(
            "Waiting for another handbook process to finish writing {}…",
            out.display()
        ));
    }
    // Files are written as they are rendered, into a folder swapped in only when the whole
    // site is there.
    let staging = output::Staging::new(&out, root);
    let mut session = pipeline::Session::one_off(options);
    let built = session.rebuild_into(
        pipeline::Scope::Everything,
        pipeline::Schedule::Everything,
        &mut diagnostics,
        Some(&staging),
    );
    console.report(diagnostics);
    let Some(built) = built else {
        drop(staging);
        console.status("Nothing was written: the previous site, if any, is unchanged.");
        return false;
    };
    if let Err(err) = staging.publish() {
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
    if let Some(peak) = peak_memory() {
        console.detail(&format!("  peak memory     {:8.1} MB", peak as f64 / 1e6));
    }
    console.status(&format!(
        "Built {} pages and {} checklists into {} in {:.2} s",
        stats.pages,
        stats.checklists,
        out.display(),
        stats.elapsed.as_secs_f64()
    ));
    // The process ends next and hands its memory back at once: the site model and the
    // session's caches are not freed piece by piece first (tens of milliseconds at 10,000
    // pages).
    std::mem::forget(built);
    std::mem::forget(session);
    true
}

/// The most memory the process has held at once, in bytes, where the system says (Linux).
fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

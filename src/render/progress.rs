//! The progress bar of long renders.

/// A progress bar for long renders: drawn only once a second has passed, and only on a
/// terminal (indicatif draws nothing when stderr is not one).
pub struct Progress {
    bar: Option<indicatif::ProgressBar>,
    start: std::time::Instant,
    after: std::time::Duration,
    shown: std::sync::atomic::AtomicBool,
}

impl Progress {
    pub fn new(wanted: bool, total: usize) -> Progress {
        let bar = wanted.then(|| {
            let bar = indicatif::ProgressBar::with_draw_target(
                Some(total as u64),
                indicatif::ProgressDrawTarget::hidden(),
            );
            if let Ok(style) = indicatif::ProgressStyle::with_template(
                "Rendering {bar:30} {pos}/{len} files, {eta} left",
            ) {
                bar.set_style(style);
            }
            bar
        });
        // Tests may shorten the wait, so that they need no build that takes a second.
        let after =
            crate::test_hooks::progress_after().unwrap_or(std::time::Duration::from_secs(1));
        Progress {
            bar,
            start: std::time::Instant::now(),
            after,
            shown: std::sync::atomic::AtomicBool::new(false),
        }
    }

    pub fn tick(&self) {
        use std::sync::atomic::Ordering;
        let Some(bar) = &self.bar else { return };
        bar.inc(1);
        if self.start.elapsed() >= self.after && !self.shown.swap(true, Ordering::Relaxed) {
            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

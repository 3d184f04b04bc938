//! The progress bar of long renders.

/// A progress bar for long renders: drawn only once a second has passed, and only on a
/// terminal (indicatif draws nothing when stderr is not one).
pub struct Progress {
    bar: Option<indicatif::ProgressBar>,
    start: std::time::Instant,
    after: std::time::Duration,
    shown: std::sync::atomic::AtomicBool,
}

/// For tests: the wait before the bar is drawn, in milliseconds, instead of a second, so that
/// a test need not make a build that takes a second on every machine.
pub const AFTER_VARIABLE: &str = "HANDBOOK_TEST_PROGRESS_AFTER_MS";

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
        let after = std::env::var(AFTER_VARIABLE)
            .ok()
            .and_then(|ms| ms.parse().ok())
            .map_or(
                std::time::Duration::from_secs(1),
                std::time::Duration::from_millis,
            );
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

//! Hooks the integration tests use to reach moments no real input reaches: a panic while
//! rendering, a process killed in the middle of publishing, the publishing fallback, a
//! progress bar without a long build. They read `HANDBOOK_TEST_*` variables, and exist only
//! when the crate is built with the `test-hooks` feature, which the test build enables
//! (the package is its own dev-dependency with the feature): a release build compiles none
//! of them, and every function here is then a constant.

/// The wait before the progress bar is drawn, when a test sets it.
pub fn progress_after() -> Option<std::time::Duration> {
    #[cfg(feature = "test-hooks")]
    {
        std::env::var("HANDBOOK_TEST_PROGRESS_AFTER_MS")
            .ok()?
            .parse()
            .ok()
            .map(std::time::Duration::from_millis)
    }
    #[cfg(not(feature = "test-hooks"))]
    None
}

/// Panics when a test asked for a panic while rendering `path` (`HANDBOOK_TEST_PANIC=NAME`:
/// any output whose path holds NAME) or, with `preview` set, while previewing the page at
/// `path` (`HANDBOOK_TEST_PANIC=preview:NAME`).
pub fn panic_if_asked(path: &str, preview: bool) {
    #[cfg(feature = "test-hooks")]
    {
        let Ok(value) = std::env::var("HANDBOOK_TEST_PANIC") else {
            return;
        };
        let wanted = match value.strip_prefix("preview:") {
            Some(name) if preview => name,
            None if !preview => value.as_str(),
            _ => return,
        };
        if path.contains(wanted) {
            panic!("HANDBOOK_TEST_PANIC asked for a panic while rendering {path}");
        }
    }
    #[cfg(not(feature = "test-hooks"))]
    let _ = (path, preview);
}

/// True when a test asked for the process to be killed at the moment of publishing named
/// `moment` (`HANDBOOK_TEST_ABORT=after-staging|between-renames|before-cleanup`).
pub fn abort_asked(moment: &str) -> bool {
    #[cfg(feature = "test-hooks")]
    {
        std::env::var_os("HANDBOOK_TEST_ABORT").is_some_and(|v| v == moment)
    }
    #[cfg(not(feature = "test-hooks"))]
    {
        let _ = moment;
        false
    }
}

/// True when a test asked for the two-rename fallback even where the atomic exchange works
/// (`HANDBOOK_TEST_NO_EXCHANGE=1`), so that the fallback is tested on every file system.
pub fn exchange_refused() -> bool {
    #[cfg(feature = "test-hooks")]
    {
        std::env::var_os("HANDBOOK_TEST_NO_EXCHANGE").is_some_and(|v| !v.is_empty() && v != "0")
    }
    #[cfg(not(feature = "test-hooks"))]
    false
}

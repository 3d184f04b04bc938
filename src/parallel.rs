//! How work is split between threads.

/// Items a parallel loop over pages (or print parts) hands a thread at most at once. Rayon
/// otherwise splits a loop into a few long runs per thread, and the last run leaves the other
/// cores idle for as long as it takes (a fifth of a second at 10,000 pages).
pub const TASK_ITEMS: usize = 8;

//! How work is split between threads.

/// Items a parallel loop over pages (or print parts) hands a thread at most at once. Rayon
/// otherwise splits a loop into a few long runs per thread, and the last run leaves the other
/// cores idle for as long as it takes (a fifth of a second at 10,000 pages).
pub const TASK_ITEMS: usize = 8;

/// Makes items `0..count` on the pool, one at a time by whichever thread is free, while
/// `consume` (on this thread) takes them in order through the function it is given, which
/// makes an item itself when it is not ready yet (`None` once a thread that took one panicked:
/// the scope passes the panic on when it ends). At most `ahead` made items wait to be taken,
/// so a long sequence is never held whole in memory. When `consume` returns, the pool stops
/// taking items.
///
/// Rayon's ordered collect would instead hold every item until the last is made, and could
/// not let `consume` do its own work first (a print edition renders its frame while the
/// pool makes its first parts).
pub fn in_order<T: Send, R>(
    count: usize,
    ahead: usize,
    make: impl Fn(usize) -> T + Sync,
    consume: impl FnOnce(&mut dyn FnMut(usize) -> Option<T>) -> R,
) -> R {
    use std::collections::HashMap;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let next = AtomicUsize::new(0);
    let claim = || {
        let i = next.fetch_add(1, Ordering::Relaxed);
        (i < count).then_some(i)
    };
    let (sender, receiver) = std::sync::mpsc::sync_channel::<(usize, T)>(ahead);
    rayon::in_place_scope(|scope| {
        for _ in 0..rayon::current_num_threads() {
            let sender = sender.clone();
            let (claim, make) = (&claim, &make);
            scope.spawn(move |_| {
                while let Some(i) = claim() {
                    if sender.send((i, make(i))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        let mut waiting: HashMap<usize, T> = HashMap::new();
        let mut take = |at: usize| loop {
            if let Some(item) = waiting.remove(&at) {
                return Some(item);
            }
            let (i, item) = match receiver.try_recv() {
                Ok(made) => made,
                Err(_) => match claim() {
                    Some(i) => (i, make(i)),
                    // Every item is taken: the one needed is being made.
                    None => receiver.recv().ok()?,
                },
            };
            waiting.insert(i, item);
        };
        let result = consume(&mut take);
        // The pool stops taking items, and its sends fail at once.
        next.store(count, Ordering::Relaxed);
        drop(receiver);
        result
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn items_are_taken_in_order_and_the_pool_stops_when_consume_returns() {
        let taken = super::in_order(
            1000,
            4,
            |i| i * 2,
            |take| (0..1000).map(|i| take(i).unwrap()).collect::<Vec<_>>(),
        );
        assert_eq!(taken, (0..1000).map(|i| i * 2).collect::<Vec<_>>());
        let made = std::sync::atomic::AtomicUsize::new(0);
        let first = super::in_order(
            100_000,
            4,
            |i| {
                made.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                i
            },
            |take| take(0),
        );
        assert_eq!(first, Some(0));
        assert!(made.into_inner() < 100_000, "the pool stopped early");
    }
}

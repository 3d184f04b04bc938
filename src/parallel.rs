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
    let claims = Claims::new(count);
    let (sender, receiver) = std::sync::mpsc::sync_channel::<(usize, T)>(ahead);
    rayon::in_place_scope(|scope| {
        for _ in 0..rayon::current_num_threads() {
            let sender = sender.clone();
            let (claims, make) = (&claims, &make);
            scope.spawn(move |_| claims.work(make, &sender));
        }
        drop(sender);
        claims.consume(receiver, &make, consume)
    })
}

/// `in_order` with threads of its own rather than the pool's: for a job run beside the pool
/// while the pool is busy, which would otherwise, once every item is made, wait for the pool
/// to reach the tasks it was sent (and find nothing left) before it could go on. Besides the
/// calling thread, as many threads as there are cores less one make items.
pub fn in_order_beside<T: Send, R>(
    count: usize,
    ahead: usize,
    make: impl Fn(usize) -> T + Sync,
    consume: impl FnOnce(&mut dyn FnMut(usize) -> Option<T>) -> R,
) -> R {
    let claims = Claims::new(count);
    let (sender, receiver) = std::sync::mpsc::sync_channel::<(usize, T)>(ahead);
    let helpers = std::thread::available_parallelism().map_or(1, |n| n.get().saturating_sub(1));
    std::thread::scope(|scope| {
        for _ in 0..helpers.max(1) {
            let sender = sender.clone();
            let (claims, make) = (&claims, &make);
            scope.spawn(move || claims.work(make, &sender));
        }
        drop(sender);
        claims.consume(receiver, &make, consume)
    })
}

/// The items of an ordered loop, handed out one at a time.
struct Claims {
    next: std::sync::atomic::AtomicUsize,
    count: usize,
}

impl Claims {
    fn new(count: usize) -> Claims {
        Claims {
            next: std::sync::atomic::AtomicUsize::new(0),
            count,
        }
    }

    fn claim(&self) -> Option<usize> {
        let i = self.next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        (i < self.count).then_some(i)
    }

    /// A helper's loop: makes the items it claims and sends them, until none is left or the
    /// consumer is gone.
    fn work<T>(&self, make: impl Fn(usize) -> T, sender: &std::sync::mpsc::SyncSender<(usize, T)>) {
        while let Some(i) = self.claim() {
            if sender.send((i, make(i))).is_err() {
                break;
            }
        }
    }

    /// Runs `consume`, which takes the items in order, making one itself when it is not
    /// ready; then stops the helpers.
    fn consume<T, R>(
        &self,
        receiver: std::sync::mpsc::Receiver<(usize, T)>,
        make: impl Fn(usize) -> T,
        consume: impl FnOnce(&mut dyn FnMut(usize) -> Option<T>) -> R,
    ) -> R {
        let mut waiting: std::collections::HashMap<usize, T> = std::collections::HashMap::new();
        let mut take = |at: usize| loop {
            if let Some(item) = waiting.remove(&at) {
                return Some(item);
            }
            let (i, item) = match receiver.try_recv() {
                Ok(made) => made,
                Err(_) => match self.claim() {
                    Some(i) => (i, make(i)),
                    // Every item is taken: the one needed is being made.
                    None => receiver.recv().ok()?,
                },
            };
            waiting.insert(i, item);
        };
        let result = consume(&mut take);
        // The helpers stop taking items, and their sends fail at once.
        self.next
            .store(self.count, std::sync::atomic::Ordering::Relaxed);
        drop(receiver);
        result
    }
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

    #[test]
    fn beside_the_pool_items_are_taken_in_order_too() {
        let taken = super::in_order_beside(
            1000,
            4,
            |i| i * 3,
            |take| (0..1000).map(|i| take(i).unwrap()).collect::<Vec<_>>(),
        );
        assert_eq!(taken, (0..1000).map(|i| i * 3).collect::<Vec<_>>());
    }
}

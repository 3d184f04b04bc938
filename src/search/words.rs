//! A thread's table of short words (see `text::Seen`).

/// A word's folded form and stem (none for a stop word), as vocabulary numbers.
pub(super) type Known = (super::vocabulary::Term, Option<super::vocabulary::Term>);

/// Short words by their packed bytes, in a table probed in order from the word's slot. A
/// book's words outgrow a core's cache, and the rarer ones are not in it when met: the slot
/// a word will need is fetched while the words before it are looked up (`prefetch`), which
/// a general map cannot offer. No word packs to zero, which marks an empty slot.
#[derive(Default)]
pub(super) struct ShortWords {
    slots: Vec<Slot>,
    pub(super) len: usize,
}

/// Half a cache line, aligned so that a slot never straddles two.
#[derive(Clone, Copy)]
#[repr(align(32))]
struct Slot {
    key: u128,
    known: Known,
}

const EMPTY: Slot = Slot {
    key: 0,
    known: (0, None),
};

impl ShortWords {
    /// The slot a key's probe starts from: the top bits of a multiplicative hash of its halves.
    fn start(&self, key: u128) -> usize {
        let mixed = ((key as u64) ^ ((key >> 64) as u64).rotate_left(29))
            .wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let bits = self.slots.len().trailing_zeros();
        (mixed >> (64 - bits)) as usize
    }

    pub(super) fn get(&self, key: u128) -> Option<Known> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut at = self.start(key);
        loop {
            let slot = &self.slots[at];
            if slot.key == key {
                return Some(slot.known);
            }
            if slot.key == 0 {
                return None;
            }
            at = (at + 1) & mask;
        }
    }

    /// Adds a key that is not in the table.
    pub(super) fn insert(&mut self, key: u128, known: Known) {
        // At most half full, so that probes stay short.
        if (self.len + 1) * 2 > self.slots.len() {
            let size = (self.slots.len() * 2).max(1024);
            let old = std::mem::replace(&mut self.slots, vec![EMPTY; size]);
            self.len = 0;
            for slot in old.into_iter().filter(|s| s.key != 0) {
                self.insert(slot.key, slot.known);
            }
        }
        let mask = self.slots.len() - 1;
        let mut at = self.start(key);
        while self.slots[at].key != 0 {
            at = (at + 1) & mask;
        }
        self.slots[at] = Slot { key, known };
        self.len += 1;
    }

    /// Asks the processor to fetch the slot a lookup of `key` starts at.
    pub(super) fn prefetch(&self, key: u128) {
        if self.slots.is_empty() {
            return;
        }
        #[cfg(target_arch = "x86_64")]
        {
            let slot: *const Slot = &self.slots[self.start(key)];
            // SAFETY: a prefetch is a hint: it reads nothing and cannot fault, and the
            // pointer is to a slot of the table.
            unsafe {
                std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(
                    slot.cast::<i8>(),
                );
            }
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = key;
    }
}

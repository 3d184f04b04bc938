//! Previews: a save that changes pages in ways no other output shows (as the renderer's
//! inputs tell, `render::Seen`) is rendered at once from the last good site, page
//! and search fragment, and shown before the rebuild that confirms it.
//!
//! The rebuild still runs for every save: it swaps in the whole site, keeps the previews of
//! saves it has not yet read on top, and tells the browsers only of what they have not been
//! shown. A preview is made only when the page reads and checks without a single
//! diagnostic; if the rebuild finds errors all the same, the last good site comes back.

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Instant;

use super::changes::Batch;
use super::http::{Files, LiveEvent, Served, SiteFiles};
use super::rebuild::{Base, Change};
use crate::console::Console;
use crate::content::Page;
use crate::pipeline::Scope;

/// Where rebuilds leave their site for the previews.
pub type Slot = Arc<Mutex<Option<Base>>>;

/// Makes previews, from the newest site a rebuild left in the slot, with the previews made
/// since on top of it.
pub struct Previewer {
    slot: Slot,
    base: Option<Base>,
}

impl Previewer {
    pub fn new(slot: Slot) -> Previewer {
        Previewer { slot, base: None }
    }

    /// Drops the site previews are made from, until a rebuild leaves the next one.
    fn forget(&mut self) -> Option<Files> {
        self.base = None;
        None
    }

    /// The files `batch` changes, when it is a save of pages that can be previewed.
    pub fn preview(&mut self, batch: &Batch) -> Option<Files> {
        if let Some(newer) = self.slot.lock().ok()?.take() {
            self.base = Some(newer);
        }
        let base = self.base.as_mut()?;
        if batch.scope != Scope::Content || batch.paths.is_empty() {
            return None;
        }
        let mut pages = Vec::new();
        for path in &batch.paths {
            let rel = path
                .strip_prefix("content/")
                .filter(|r| r.ends_with(".md"))?;
            pages.push(crate::content::reload_page(&base.site, rel)?);
        }
        let ids: Vec<usize> = pages.iter().map(|p| p.id).collect();
        let before = crate::render::Seen::of(base.shared, &base.site, &ids);
        let old: Vec<Page> = pages
            .into_iter()
            .map(|page| std::mem::replace(&mut base.site.pages[page.id], page))
            .collect();
        let site = &base.site;
        let files = crate::render::preview_pages(
            site,
            &base.renderer,
            &ids,
            before,
            |resolver, page, diagnostics| {
                crate::check::check_page(site, resolver, page, diagnostics)
            },
        );
        if files.is_none() {
            for page in old {
                let id = page.id;
                base.site.pages[id] = page;
            }
        }
        files
    }
}

/// Numbers the batches from `incoming` and previews them where possible, on a thread of its
/// own (so a save is previewed while an earlier one is still being rebuilt), then hands them
/// on to the rebuilds.
pub fn start(
    console: Console,
    served: Arc<Served>,
    slot: Slot,
    incoming: mpsc::Receiver<Batch>,
) -> mpsc::Receiver<(u64, Batch)> {
    let (forward, batches) = mpsc::channel();
    let mut previewer = Previewer::new(slot);
    std::thread::spawn(move || {
        for (seq, batch) in (1..).zip(incoming) {
            let start = Instant::now();
            let clean = served.errors.read().is_ok_and(|e| e.is_none());
            // A bug that panics here costs the preview, never the rebuild that follows.
            let files = clean
                .then(|| catch_unwind(AssertUnwindSafe(|| previewer.preview(&batch))))
                .and_then(|made| made.unwrap_or_else(|_| previewer.forget()));
            if let Some(files) = files
                && show(&served, seq, files)
            {
                console.detail(&format!(
                    "previewed {} in {:.1} ms",
                    batch.paths.join(", "),
                    start.elapsed().as_secs_f64() * 1000.0
                ));
            }
            if forward.send((seq, batch)).is_err() {
                return;
            }
        }
    });
    batches
}

/// Swaps the preview of batch `seq` into the served site; whether any file differs from what
/// browsers were shown (they are then told to reload).
pub fn show(served: &Served, seq: u64, files: Files) -> bool {
    let Ok(mut pending) = served.previews.lock() else {
        return false;
    };
    let Ok(mut site) = served.site.write() else {
        return false;
    };
    let mut next = site.files.clone();
    let mut differs = false;
    for (path, bytes) in &files {
        differs |= next.get(path).is_none_or(|old| old != bytes);
        next.insert(path.clone(), Arc::clone(bytes));
    }
    pending.0.push((seq, files));
    *site = Arc::new(SiteFiles { files: next });
    drop(site);
    if differs {
        let _ = served.events.send(LiveEvent::Reload);
    }
    differs
}

/// Serves `files`, the site a rebuild made after reading the saves of batches up to `seq`,
/// with the previews of later batches on top. `told` holds what the rebuild changed; what is
/// returned is the part browsers have not been shown yet. With `revert` (the rebuild failed
/// and `files` is the last good site) the site is swapped only when previews were dropped.
pub fn settle(
    served: &Served,
    seq: u64,
    files: &HashMap<String, Arc<Vec<u8>>>,
    told: Change,
    revert: bool,
) -> Change {
    let Ok(mut pending) = served.previews.lock() else {
        return told;
    };
    let before = pending.0.len();
    pending.0.retain(|(s, _)| *s > seq);
    if revert && pending.0.len() == before {
        return Change::default();
    }
    let mut next = files.clone();
    for (_, preview) in &pending.0 {
        for (path, bytes) in preview {
            next.insert(path.clone(), Arc::clone(bytes));
        }
    }
    let Ok(mut site) = served.site.write() else {
        return told;
    };
    let unseen = |paths: Vec<String>| -> Vec<String> {
        paths
            .into_iter()
            .filter(|path| site.files.get(path) != next.get(path))
            .collect()
    };
    let told = Change {
        changed: unseen(told.changed),
        removed: unseen(told.removed),
        ..Change::default()
    };
    *site = Arc::new(SiteFiles { files: next });
    told
}

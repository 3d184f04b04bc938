//! `.handbook-links.json` at the handbook's root: what each external address answered, and
//! when, so that a link found alive is not asked again for a week. Failures are kept for the
//! record but always asked again. The file is the tool's own (git ignores it): a damaged one
//! is reported and replaced, never trusted.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::fetch::Outcome;

pub const FILE_NAME: &str = ".handbook-links.json";

/// How long an address found alive is not asked again.
pub const FRESH_FOR_SECONDS: u64 = 7 * 24 * 60 * 60;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The HTTP status of the last answer, after redirects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// Why there was no answer (no such host, no answer in time, a TLS failure...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Unix seconds.
    pub checked_at: u64,
}

impl Entry {
    pub fn new(outcome: &Outcome, now: u64) -> Entry {
        let (status, error) = match outcome {
            Outcome::Status(status) => (Some(*status), None),
            Outcome::Failed(why) => (None, Some(why.clone())),
        };
        Entry {
            status,
            error,
            checked_at: now,
        }
    }

    /// An answer that need not be asked again at `now`: a success younger than a week.
    pub fn is_fresh(&self, now: u64) -> bool {
        let alive = self.status.is_some_and(|s| s < 400);
        alive && self.checked_at <= now && now - self.checked_at < FRESH_FOR_SECONDS
    }
}

/// Sorted by address, so the file is written the same way for the same answers.
pub type Cache = BTreeMap<String, Entry>;

/// The cache at `root`: empty when there is none; `Err` (why) when it cannot be read or is
/// not a cache.
pub fn load(root: &Path) -> Result<Cache, String> {
    let path = root.join(FILE_NAME);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Cache::new()),
        Err(err) => return Err(err.to_string()),
    };
    serde_json::from_str(&text).map_err(|err| err.to_string())
}

/// Writes the cache whole: to a scratch file beside it, renamed over it, so a run stopped
/// halfway leaves the previous cache.
pub fn save(root: &Path, cache: &Cache) -> std::io::Result<()> {
    let mut text = serde_json::to_string_pretty(cache).map_err(std::io::Error::other)?;
    text.push('\n');
    let path = root.join(FILE_NAME);
    let scratch = root.join(format!("{FILE_NAME}.{}.tmp", std::process::id()));
    std::fs::write(&scratch, text)?;
    std::fs::rename(&scratch, &path).inspect_err(|_| {
        let _ = std::fs::remove_file(&scratch);
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_recent_successes_are_fresh() {
        let now = 10 * FRESH_FOR_SECONDS;
        let ok = Entry::new(&Outcome::Status(200), now - 60);
        assert!(ok.is_fresh(now));
        assert!(!ok.is_fresh(now + FRESH_FOR_SECONDS));
        // A clock set back is no reason to trust an answer from "the future".
        assert!(!ok.is_fresh(now - 120));
        assert!(!Entry::new(&Outcome::Status(404), now).is_fresh(now));
        assert!(!Entry::new(&Outcome::Status(429), now).is_fresh(now));
        assert!(!Entry::new(&Outcome::Failed("timeout".into()), now).is_fresh(now));
    }

    #[test]
    fn the_cache_round_trips_in_address_order() {
        let dir = tempfile::tempdir().unwrap();
        let mut cache = Cache::new();
        cache.insert(
            "https://b.org/".into(),
            Entry::new(&Outcome::Status(200), 5),
        );
        let failed = Outcome::Failed("no answer".into());
        cache.insert("https://a.org/".into(), Entry::new(&failed, 6));
        save(dir.path(), &cache).unwrap();
        let text = std::fs::read_to_string(dir.path().join(FILE_NAME)).unwrap();
        assert!(text.find("a.org").unwrap() < text.find("b.org").unwrap());
        assert_eq!(load(dir.path()).unwrap(), cache);
        std::fs::write(dir.path().join(FILE_NAME), "{ not json").unwrap();
        assert!(load(dir.path()).is_err());
    }
}

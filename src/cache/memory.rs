//! The in-process store that takes Redis's place when `LER_REDIS_URL` is not set.
//! Each server process has its own, so replicas do not share entries or rate windows.

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Entries kept at most; beyond it, expired entries are dropped and new ones skipped.
const MAX_ENTRIES: usize = 10_000;

#[derive(Default)]
pub struct MemoryStore {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    values: HashMap<String, (String, Instant)>,
    tags: HashMap<String, HashSet<String>>,
    counters: HashMap<String, (u64, Instant)>,
}

impl Inner {
    fn drop_expired(&mut self, now: Instant) {
        self.values.retain(|_, (_, expires)| *expires > now);
        self.counters.retain(|_, (_, expires)| *expires > now);
        let values = &self.values;
        self.tags.retain(|_, keys| {
            keys.retain(|k| values.contains_key(k));
            !keys.is_empty()
        });
    }
}

impl MemoryStore {
    pub fn get(&self, key: &str) -> Option<String> {
        let inner = self.inner.lock().expect("cache lock is not poisoned");
        inner.values.get(key).filter(|(_, expires)| *expires > Instant::now()).map(|(value, _)| value.clone())
    }

    pub fn set(&self, key: &str, value: &str, ttl: Duration, tags: &[String]) {
        let now = Instant::now();
        let mut inner = self.inner.lock().expect("cache lock is not poisoned");
        if inner.values.len() >= MAX_ENTRIES {
            inner.drop_expired(now);
            if inner.values.len() >= MAX_ENTRIES {
                return;
            }
        }
        inner.values.insert(key.to_string(), (value.to_string(), now + ttl));
        for tag in tags {
            inner.tags.entry(tag.clone()).or_default().insert(key.to_string());
        }
    }

    /// Deletes every entry tagged with one of `tags` and returns how many it deleted.
    pub fn invalidate(&self, tags: &[String]) -> usize {
        let mut inner = self.inner.lock().expect("cache lock is not poisoned");
        let mut deleted = 0;
        for tag in tags {
            for key in inner.tags.remove(tag).unwrap_or_default() {
                deleted += usize::from(inner.values.remove(&key).is_some());
            }
        }
        deleted
    }

    /// Adds one to the counter `key`, which expires `window` after its first use, and
    /// returns the new count.
    pub fn increment(&self, key: &str, window: Duration) -> u64 {
        let now = Instant::now();
        let mut inner = self.inner.lock().expect("cache lock is not poisoned");
        if inner.counters.len() >= MAX_ENTRIES {
            inner.drop_expired(now);
        }
        let counter = inner.counters.entry(key.to_string()).or_insert((0, now + window));
        if counter.1 <= now {
            *counter = (0, now + window);
        }
        counter.0 += 1;
        counter.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_invalidate_removes_tagged_entries() {
        let store = MemoryStore::default();
        store.set("a", "1", Duration::from_secs(60), &["Program:x".into()]);
        store.set("b", "2", Duration::from_secs(60), &["Program:y".into()]);

        assert_eq!(store.invalidate(&["Program:x".into()]), 1);
        assert_eq!(store.get("a"), None);
        assert_eq!(store.get("b").as_deref(), Some("2"));
    }

    #[test]
    fn memory_entry_expires_after_ttl() {
        let store = MemoryStore::default();
        store.set("a", "1", Duration::ZERO, &[]);
        assert_eq!(store.get("a"), None);
    }

    #[test]
    fn memory_counter_counts_within_window() {
        let store = MemoryStore::default();
        assert_eq!(store.increment("k", Duration::from_secs(60)), 1);
        assert_eq!(store.increment("k", Duration::from_secs(60)), 2);
    }
}

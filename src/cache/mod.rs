//! The response cache in front of GraphQL queries, automatic persisted queries and
//! per-principal rate limits, stored in Redis or, without `LER_REDIS_URL`, in process.
//!
//! Redis failures never fail a request: the request bypasses the cache, a warning is
//! logged at most once per [`WARN_INTERVAL`], and the next request tries Redis again.

pub mod apq;
pub mod gate;
pub mod key;
mod memory;
mod redis_store;
pub mod tags;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use memory::MemoryStore;
use redis_store::{RedisStore, StoreError};

pub use key::Plan;
pub use tags::RequestTags;

/// Minimum time between two warnings about a failing Redis.
pub const WARN_INTERVAL: Duration = Duration::from_secs(30);

/// Cache settings, from `LER_REDIS_URL` and the related flags.
#[derive(Clone, Debug)]
pub struct CacheSettings {
    /// Redis URL, secret because it may carry a password; `None` keeps the cache in process.
    pub redis_url: Option<secrecy::SecretString>,
    /// Prefix of every Redis key, so several registries or tests can share one Redis.
    pub key_prefix: String,
    /// Requests one principal may send per window.
    pub rate_limit: u64,
    pub rate_window: Duration,
}

impl Default for CacheSettings {
    fn default() -> Self {
        Self { redis_url: None, key_prefix: "ler:".into(), rate_limit: 600, rate_window: Duration::from_secs(60) }
    }
}

/// Result of a cache lookup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    Hit(String),
    Miss,
    /// The store failed, so the request runs without the cache.
    Bypass,
}

/// Result of a rate-limit check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateDecision {
    Allowed,
    Limited { retry_after_secs: u64 },
}

enum Backend {
    Redis(RedisStore),
    Memory(MemoryStore),
}

struct Inner {
    backend: Backend,
    settings: CacheSettings,
    last_warning: AtomicU64,
    suppressed_warnings: AtomicU64,
}

/// A handle on the cache; clones share one store.
#[derive(Clone)]
pub struct Cache {
    inner: Arc<Inner>,
}

/// Entry lifetime of a response by the kinds of record it contains: the shortest wins.
/// Occupation and skill data changes with yearly releases; opportunities change daily.
fn ttl_of_kind(kind: &str) -> Duration {
    let secs = match kind {
        "Occupation" | "Skill" => 3_600,
        "Program" | "Provider" | "Course" | "Service" | "RegionalWage" => 600,
        "Opportunity" => 120,
        _ => 300,
    };
    Duration::from_secs(secs)
}

/// Returns the TTL of an entry with these tags; 5 minutes when it has none.
pub fn ttl_for(tags: &[String]) -> Duration {
    tags.iter()
        .map(|tag| tag.strip_prefix("list:").unwrap_or(tag))
        .map(|tag| ttl_of_kind(tag.split(':').next().unwrap_or(tag)))
        .min()
        .unwrap_or(Duration::from_secs(300))
}

impl Cache {
    /// Builds the cache. With a Redis URL the connection opens on first use, so a Redis
    /// that is down at startup only makes the first requests bypass the cache.
    pub fn new(settings: CacheSettings) -> Result<Self, redis::RedisError> {
        let backend = match &settings.redis_url {
            Some(url) => {
                tracing::info!(redis.key_prefix = settings.key_prefix, "response cache in Redis");
                Backend::Redis(RedisStore::new(secrecy::ExposeSecret::expose_secret(url))?)
            }
            None => {
                tracing::info!("LER_REDIS_URL is not set: responses, persisted queries and rate limits are kept in process memory");
                Backend::Memory(MemoryStore::default())
            }
        };
        Ok(Self { inner: Arc::new(Inner { backend, settings, last_warning: AtomicU64::new(0), suppressed_warnings: AtomicU64::new(0) }) })
    }

    /// Builds an in-process cache with default settings.
    pub fn in_process() -> Self {
        Self::new(CacheSettings::default()).expect("an in-process cache needs no URL")
    }

    fn key(&self, kind: &str, id: &str) -> String {
        format!("{}{kind}:{id}", self.inner.settings.key_prefix)
    }

    /// Logs a Redis failure, at most once per [`WARN_INTERVAL`], with the count skipped.
    fn warn(&self, operation: &str, error: &StoreError) {
        let now = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
        let last = self.inner.last_warning.load(Ordering::Relaxed);
        if now >= last + WARN_INTERVAL.as_secs()
            && self.inner.last_warning.compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed).is_ok()
        {
            let suppressed = self.inner.suppressed_warnings.swap(0, Ordering::Relaxed);
            tracing::warn!(cache.operation = operation, error = %error, suppressed, "Redis request failed; requests bypass the cache until Redis responds again");
        } else {
            self.inner.suppressed_warnings.fetch_add(1, Ordering::Relaxed);
        }
    }

    pub async fn lookup(&self, response_key: &str) -> Lookup {
        let key = self.key("resp", response_key);
        match &self.inner.backend {
            Backend::Memory(store) => store.get(&key).map_or(Lookup::Miss, Lookup::Hit),
            Backend::Redis(store) => match store.get(&key).await {
                Ok(found) => found.map_or(Lookup::Miss, Lookup::Hit),
                Err(error) => {
                    self.warn("lookup", &error);
                    Lookup::Bypass
                }
            },
        }
    }

    /// Stores a response body indexed by each of `tags`.
    pub async fn store(&self, response_key: &str, body: &str, tags: &[String]) {
        let key = self.key("resp", response_key);
        let tag_keys: Vec<String> = tags.iter().map(|t| self.key("tag", t)).collect();
        let ttl = ttl_for(tags);
        match &self.inner.backend {
            Backend::Memory(store) => store.set(&key, body, ttl, &tag_keys),
            Backend::Redis(store) => {
                if let Err(error) = store.set(&key, body, ttl, &tag_keys).await {
                    self.warn("store", &error);
                }
            }
        }
    }

    /// Deletes every entry that contains one of `tags`.
    pub async fn invalidate(&self, tags: &[String]) {
        let tag_keys: Vec<String> = tags.iter().map(|t| self.key("tag", t)).collect();
        let deleted = match &self.inner.backend {
            Backend::Memory(store) => store.invalidate(&tag_keys),
            Backend::Redis(store) => match store.invalidate(&tag_keys).await {
                Ok(deleted) => deleted,
                Err(error) => {
                    // NOTE: entries missed here stay until their TTL runs out.
                    tracing::warn!(error = %error, tags = ?tags, "cache invalidation failed; stale entries expire with their TTL");
                    return;
                }
            },
        };
        tracing::debug!(tags = ?tags, deleted, "cache entries invalidated");
    }

    /// Counts one request of `client` in the current fixed window. Fails open when the
    /// store fails.
    pub async fn check_rate(&self, client: &str) -> RateDecision {
        let window = self.inner.settings.rate_window;
        let now = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
        let window_secs = window.as_secs().max(1);
        let index = now / window_secs;
        let key = self.key("rate", &format!("{client}:{index}"));
        let count = match &self.inner.backend {
            Backend::Memory(store) => store.increment(&key, window),
            Backend::Redis(store) => match store.increment(&key, window).await {
                Ok(count) => count,
                Err(error) => {
                    self.warn("rate_limit", &error);
                    return RateDecision::Allowed;
                }
            },
        };
        if count > self.inner.settings.rate_limit {
            RateDecision::Limited { retry_after_secs: (index + 1) * window_secs - now }
        } else {
            RateDecision::Allowed
        }
    }

    pub fn settings(&self) -> &CacheSettings {
        &self.inner.settings
    }

    /// Reads a persisted query; `None` when absent or when the store fails.
    pub async fn persisted_query(&self, hash: &str) -> Option<String> {
        let key = self.key("apq", hash);
        match &self.inner.backend {
            Backend::Memory(store) => store.get(&key),
            Backend::Redis(store) => store.get(&key).await.unwrap_or_else(|error| {
                self.warn("persisted_query", &error);
                None
            }),
        }
    }

    /// Saves a persisted query for a day; its hash was checked against the document.
    pub async fn save_persisted_query(&self, hash: &str, document: &str) {
        let key = self.key("apq", hash);
        let ttl = Duration::from_secs(86_400);
        match &self.inner.backend {
            Backend::Memory(store) => store.set(&key, document, ttl, &[]),
            Backend::Redis(store) => {
                if let Err(error) = store.set(&key, document, ttl, &[]).await {
                    self.warn("save_persisted_query", &error);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ttl_takes_shortest_kind() {
        let tags = vec!["Occupation:51-4121.00".to_string(), "list:Opportunity".to_string()];
        assert_eq!(ttl_for(&tags), Duration::from_secs(120));
    }

    #[test]
    fn ttl_without_tags_is_five_minutes() {
        assert_eq!(ttl_for(&[]), Duration::from_secs(300));
    }

    #[tokio::test]
    async fn rate_limit_rejects_over_limit() {
        let settings = CacheSettings { rate_limit: 2, ..CacheSettings::default() };
        let cache = Cache::new(settings).unwrap();
        assert_eq!(cache.check_rate("c").await, RateDecision::Allowed);
        assert_eq!(cache.check_rate("c").await, RateDecision::Allowed);
        assert!(matches!(cache.check_rate("c").await, RateDecision::Limited { .. }));
        assert_eq!(cache.check_rate("other").await, RateDecision::Allowed);
    }
}

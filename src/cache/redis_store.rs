//! The Redis store: response entries, one Redis set per tag listing the entries that
//! contain it, persisted queries and rate-limit counters.

use std::time::{Duration, Instant};

use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use redis::{AsyncCommands, RedisError};
use tokio::sync::Mutex;

/// Time a single Redis command may take before the request bypasses the cache.
const COMMAND_TIMEOUT: Duration = Duration::from_millis(500);
/// Tag sets outlive the longest entry TTL, so a tag never expires before its entries.
const TAG_TTL_SECS: i64 = 2 * 86_400;

/// Pause after a failure before the next connection attempt, so a down Redis costs
/// requests nothing but a check of the clock.
const RETRY_PAUSE: Duration = Duration::from_secs(1);

/// A Redis connection that is opened on first use and reopened after a failure.
pub struct RedisStore {
    client: redis::Client,
    connection: Mutex<Option<ConnectionManager>>,
    retry_at: std::sync::Mutex<Option<Instant>>,
}

/// A failed or timed-out Redis command.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("Redis command failed: {0}")]
    Redis(#[from] RedisError),
    #[error("Redis command timed out after {} ms", COMMAND_TIMEOUT.as_millis())]
    Timeout,
    #[error("Redis failed less than {} s ago; the next attempt waits until then", RETRY_PAUSE.as_secs())]
    Paused,
}

impl RedisStore {
    /// Parses the URL; the connection opens on the first command.
    pub fn new(url: &str) -> Result<Self, RedisError> {
        Ok(Self { client: redis::Client::open(url)?, connection: Mutex::new(None), retry_at: std::sync::Mutex::new(None) })
    }

    async fn connection(&self) -> Result<ConnectionManager, StoreError> {
        let mut slot = self.connection.lock().await;
        if let Some(connection) = slot.as_ref() {
            return Ok(connection.clone());
        }
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(COMMAND_TIMEOUT)
            .set_response_timeout(COMMAND_TIMEOUT)
            .set_number_of_retries(1);
        let connect = ConnectionManager::new_with_config(self.client.clone(), config);
        let connection = tokio::time::timeout(COMMAND_TIMEOUT * 2, connect).await.map_err(|_| StoreError::Timeout)??;
        *slot = Some(connection.clone());
        Ok(connection)
    }

    /// Runs one command batch with the timeout. After a failure, calls fail at once for
    /// [`RETRY_PAUSE`], then the next call opens a new connection.
    async fn with_connection<T, F, Fut>(&self, run: F) -> Result<T, StoreError>
    where
        F: FnOnce(ConnectionManager) -> Fut,
        Fut: std::future::Future<Output = Result<T, RedisError>>,
    {
        if let Some(retry_at) = *self.retry_at.lock().expect("retry lock is not poisoned") {
            if Instant::now() < retry_at {
                return Err(StoreError::Paused);
            }
        }
        let result = match self.connection().await {
            Ok(connection) => match tokio::time::timeout(COMMAND_TIMEOUT, run(connection)).await {
                Ok(result) => result.map_err(StoreError::from),
                Err(_) => Err(StoreError::Timeout),
            },
            Err(error) => Err(error),
        };
        if result.is_err() {
            // Drop the connection so the next attempt after the pause opens a fresh one.
            *self.connection.lock().await = None;
            *self.retry_at.lock().expect("retry lock is not poisoned") = Some(Instant::now() + RETRY_PAUSE);
        } else {
            *self.retry_at.lock().expect("retry lock is not poisoned") = None;
        }
        result
    }

    pub async fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.with_connection(|mut c| async move { c.get(key).await }).await
    }

    /// Stores `value` for `ttl` and adds its key to the set of each tag, in one MULTI.
    pub async fn set(&self, key: &str, value: &str, ttl: Duration, tags: &[String]) -> Result<(), StoreError> {
        self.with_connection(|mut c| async move {
            let mut pipe = redis::pipe();
            pipe.atomic().set_ex(key, value, ttl.as_secs().max(1)).ignore();
            for tag in tags {
                pipe.sadd(tag, key).ignore().expire(tag, TAG_TTL_SECS).ignore();
            }
            pipe.query_async::<()>(&mut c).await
        })
        .await
    }

    /// Deletes the entries listed in each tag set, then the sets, and returns the count
    /// of entries deleted. Reads members with SMEMBERS, never KEYS or SCAN.
    pub async fn invalidate(&self, tags: &[String]) -> Result<usize, StoreError> {
        if tags.is_empty() {
            return Ok(0);
        }
        self.with_connection(|mut c| async move {
            let mut read = redis::pipe();
            for tag in tags {
                read.smembers(tag);
            }
            let members: Vec<Vec<String>> = read.query_async(&mut c).await?;
            let keys: Vec<String> = members.into_iter().flatten().collect();
            let mut delete = redis::pipe();
            delete.atomic();
            if !keys.is_empty() {
                delete.del(&keys);
            }
            delete.del(tags);
            let counts: Vec<usize> = delete.query_async(&mut c).await?;
            Ok(if keys.is_empty() { 0 } else { counts.first().copied().unwrap_or(0) })
        })
        .await
    }

    /// Adds one to a fixed-window counter that expires after `window`, returning the count.
    pub async fn increment(&self, key: &str, window: Duration) -> Result<u64, StoreError> {
        self.with_connection(|mut c| async move {
            let (count,): (u64,) = redis::pipe().atomic().incr(key, 1u64).expire(key, window.as_secs().max(1) as i64).ignore().query_async(&mut c).await?;
            Ok(count)
        })
        .await
    }
}

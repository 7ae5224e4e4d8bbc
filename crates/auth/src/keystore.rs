//! Cache of JWKS verification keys, loaded from a file or an identity provider's URL.

use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use jsonwebtoken::DecodingKey;

use crate::config::{check_jwks_url, ConfigError, JwksSource, SigningAlgorithm};
use crate::error::{printable, AuthError};
use crate::jwks::{parse_jwks, JwksError, KeyMap};

/// Maximum JWKS size in bytes. A 2048-bit RSA JWK takes about 0.5 KiB, so a set of a
/// few keys stays far below the limit.
const MAX_JWKS_BYTES: usize = 1024 * 1024;

/// Timeout of one JWKS request, including the connection.
const FETCH_TIMEOUT: Duration = Duration::from_secs(10);

const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

enum Location {
    File(std::path::PathBuf),
    Url {
        url: reqwest::Url,
        client: reqwest::Client,
    },
}

struct Snapshot {
    keys: KeyMap,
    /// Time of the last successful load.
    loaded_at: Instant,
    /// Time of the last load attempt, successful or not.
    attempted_at: Instant,
    /// Number of load attempts since startup.
    attempts: u64,
}

/// JWKS keys with lazy refresh. A validation loads the set again when it is older than
/// the refresh interval, or when a token names an unknown kid. Both wait for the minimum
/// refetch interval since the last attempt. A failed load keeps the previous keys.
pub(crate) struct KeyStore {
    location: Location,
    source: JwksSource,
    algorithm: SigningAlgorithm,
    refresh_interval: Duration,
    min_refetch_interval: Duration,
    snapshot: RwLock<Snapshot>,
    /// Held during a load so that concurrent validations trigger one request.
    loading: tokio::sync::Mutex<()>,
}

impl KeyStore {
    /// Loads the JWKS once, so that a wrong path, URL or document stops the server at
    /// startup.
    pub(crate) async fn load(
        source: JwksSource,
        algorithm: SigningAlgorithm,
        refresh_interval: Duration,
        min_refetch_interval: Duration,
    ) -> Result<Self, ConfigError> {
        let location = match &source {
            JwksSource::File(path) => Location::File(path.clone()),
            JwksSource::Url(url) => {
                let url = check_jwks_url(url)?;
                let client = reqwest::Client::builder()
                    .timeout(FETCH_TIMEOUT)
                    .connect_timeout(CONNECT_TIMEOUT)
                    .https_only(url.scheme() == "https")
                    .build()
                    .map_err(ConfigError::HttpClient)?;
                Location::Url { url, client }
            }
        };

        let keys = read_keys(&location, algorithm).await.map_err(|error| {
            ConfigError::JwksUnavailable {
                source_name: source.to_string(),
                error,
            }
        })?;
        tracing::info!(source = %source, keys = keys.len(), "loaded JWKS");

        let now = Instant::now();
        Ok(KeyStore {
            location,
            source,
            algorithm,
            refresh_interval,
            min_refetch_interval,
            snapshot: RwLock::new(Snapshot {
                keys,
                loaded_at: now,
                attempted_at: now,
                attempts: 1,
            }),
            loading: tokio::sync::Mutex::new(()),
        })
    }

    /// Returns the key for `kid`, loading the JWKS again first when the cache is stale,
    /// or when the kid is unknown and the last load attempt is old enough.
    pub(crate) async fn key(&self, kid: &str) -> Result<Arc<DecodingKey>, AuthError> {
        let (key, stale, may_refetch, seen_attempts) = {
            let snapshot = self.read_snapshot();
            let now = Instant::now();
            let since_attempt = now.duration_since(snapshot.attempted_at);
            let since_load = now.duration_since(snapshot.loaded_at);
            let stale =
                since_load >= self.refresh_interval && since_attempt >= self.min_refetch_interval;
            let may_refetch = since_attempt >= self.min_refetch_interval;
            let key = snapshot.keys.get(kid).cloned();
            (key, stale, may_refetch, snapshot.attempts)
        };

        match key {
            Some(key) if !stale => return Ok(key),
            None if !stale && !may_refetch => return Err(unknown_key(kid)),
            _ => {}
        }

        self.reload(seen_attempts).await;
        self.read_snapshot()
            .keys
            .get(kid)
            .cloned()
            .ok_or_else(|| unknown_key(kid))
    }

    fn read_snapshot(&self) -> std::sync::RwLockReadGuard<'_, Snapshot> {
        // A panic while holding the lock cannot leave a half-written snapshot, because
        // every write replaces whole fields.
        self.snapshot
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Loads the JWKS, unless another task attempted a load after this one read a
    /// snapshot with `seen_attempts` attempts.
    async fn reload(&self, seen_attempts: u64) {
        let _guard = self.loading.lock().await;
        if self.read_snapshot().attempts != seen_attempts {
            return;
        }

        let result = read_keys(&self.location, self.algorithm).await;
        let mut snapshot = self
            .snapshot
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let now = Instant::now();
        snapshot.attempted_at = now;
        snapshot.attempts += 1;
        match result {
            Ok(keys) => {
                tracing::info!(source = %self.source, keys = keys.len(), "reloaded JWKS");
                snapshot.keys = keys;
                snapshot.loaded_at = now;
            }
            Err(error) => {
                tracing::warn!(
                    source = %self.source,
                    error = %error,
                    cached_keys = snapshot.keys.len(),
                    "reloading JWKS failed; keeping the cached keys"
                );
            }
        }
    }
}

fn unknown_key(kid: &str) -> AuthError {
    AuthError::UnknownKey {
        kid: printable(kid),
    }
}

async fn read_keys(location: &Location, algorithm: SigningAlgorithm) -> Result<KeyMap, JwksError> {
    let document = match location {
        Location::File(path) => {
            let bytes = tokio::fs::read(path).await.map_err(JwksError::Read)?;
            if bytes.len() > MAX_JWKS_BYTES {
                return Err(JwksError::TooLarge {
                    limit: MAX_JWKS_BYTES,
                });
            }
            bytes
        }
        Location::Url { url, client } => fetch(client, url).await?,
    };
    parse_jwks(&document, algorithm)
}

async fn fetch(client: &reqwest::Client, url: &reqwest::Url) -> Result<Vec<u8>, JwksError> {
    let mut response = client
        .get(url.clone())
        .header(
            reqwest::header::ACCEPT,
            "application/json, application/jwk-set+json",
        )
        .send()
        .await
        .map_err(JwksError::Request)?;
    if !response.status().is_success() {
        return Err(JwksError::Status(response.status().as_u16()));
    }

    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(JwksError::Request)? {
        if body.len() + chunk.len() > MAX_JWKS_BYTES {
            return Err(JwksError::TooLarge {
                limit: MAX_JWKS_BYTES,
            });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

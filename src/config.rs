//! Server settings: command-line flags with `LER_` environment variables as fallbacks.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Args;
use secrecy::SecretString;

use crate::graph::GraphSettings;

/// Neo4j connection settings.
#[derive(Debug, Clone, Args)]
pub struct Neo4jArgs {
    /// Bolt URI of the Neo4j server.
    #[arg(long, env = "LER_NEO4J_URI", default_value = "bolt://127.0.0.1:7687")]
    pub neo4j_uri: String,
    /// Neo4j user name.
    #[arg(long, env = "LER_NEO4J_USER", default_value = "neo4j")]
    pub neo4j_user: String,
    /// Neo4j password. The local development instance runs without authentication.
    #[arg(long, env = "LER_NEO4J_PASSWORD", default_value = "", hide_env_values = true)]
    pub neo4j_password: SecretString,
    /// Maximum open Bolt connections.
    #[arg(long, env = "LER_NEO4J_MAX_CONNECTIONS", default_value_t = 16)]
    pub neo4j_max_connections: usize,
}

impl Neo4jArgs {
    pub fn settings(&self) -> GraphSettings {
        GraphSettings {
            uri: self.neo4j_uri.clone(),
            user: self.neo4j_user.clone(),
            password: self.neo4j_password.clone(),
            max_connections: self.neo4j_max_connections,
        }
    }
}

/// Limits applied to every GraphQL request before any Cypher runs.
#[derive(Debug, Clone, Args)]
pub struct Limits {
    /// Maximum nesting depth of a GraphQL operation.
    #[arg(long, env = "LER_MAX_DEPTH", default_value_t = 12)]
    pub max_depth: usize,
    /// Maximum complexity: each field costs 1, a list field costs its `first` times its children.
    #[arg(long, env = "LER_MAX_COMPLEXITY", default_value_t = 20_000)]
    pub max_complexity: usize,
    /// Maximum request body in bytes.
    #[arg(long, env = "LER_MAX_BODY_BYTES", default_value_t = 1_048_576)]
    pub max_body_bytes: usize,
    /// Seconds a request may run before it fails with a timeout.
    #[arg(long, env = "LER_REQUEST_TIMEOUT_SECS", default_value_t = 30)]
    pub request_timeout_secs: u64,
    /// Milliseconds a dataloader collects keys before it runs one batched statement.
    #[arg(long, env = "LER_LOADER_DELAY_MS", default_value_t = 5)]
    pub loader_delay_ms: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self { max_depth: 12, max_complexity: 20_000, max_body_bytes: 1_048_576, request_timeout_secs: 30, loader_delay_ms: 5 }
    }
}

/// Bearer-token settings. With neither a secret nor a JWKS, authentication is off: every
/// request is anonymous, so resolvers that need a role reject it.
#[derive(Debug, Clone, Args)]
pub struct AuthArgs {
    /// Expected `iss` claim.
    #[arg(long, env = "LER_JWT_ISSUER", default_value = "ler-registry-dev")]
    pub jwt_issuer: String,
    /// Expected `aud` claim.
    #[arg(long, env = "LER_JWT_AUDIENCE", default_value = "ler-registry")]
    pub jwt_audience: String,
    /// The only signing algorithm accepted: HS256, RS256 or ES256.
    #[arg(long, env = "LER_JWT_ALGORITHM", default_value = "HS256")]
    pub jwt_algorithm: String,
    /// Shared secret for HS256 (development), at least 32 bytes.
    #[arg(long, env = "LER_JWT_HS256_SECRET", hide_env_values = true)]
    pub jwt_hs256_secret: Option<SecretString>,
    /// JWKS for RS256 or ES256: a file path or an https URL of the identity provider.
    #[arg(long, env = "LER_JWT_JWKS")]
    pub jwt_jwks: Option<String>,
    /// Clock leeway for `exp` and `nbf`, in seconds.
    #[arg(long, env = "LER_JWT_LEEWAY_SECS", default_value_t = 30)]
    pub jwt_leeway_secs: u64,
}

impl AuthArgs {
    /// Returns the validator configuration, or `None` when authentication is off.
    pub fn config(&self) -> anyhow::Result<Option<ler_auth::AuthConfig>> {
        if self.jwt_hs256_secret.is_none() && self.jwt_jwks.is_none() {
            return Ok(None);
        }
        let jwks = self.jwt_jwks.as_ref().map(|source| {
            if source.starts_with("http://") || source.starts_with("https://") {
                serde_json::json!({ "url": source })
            } else {
                serde_json::json!({ "file": source })
            }
        });
        let config = serde_json::json!({
            "issuer": self.jwt_issuer,
            "audience": self.jwt_audience,
            "algorithm": self.jwt_algorithm.to_ascii_uppercase(),
            "leeway_seconds": self.jwt_leeway_secs,
            "jwks": jwks,
        });
        let mut config: ler_auth::AuthConfig = serde_json::from_value(config)
            .map_err(|e| anyhow::anyhow!("invalid JWT settings: {e}. LER_JWT_ALGORITHM must be HS256, RS256 or ES256."))?;
        config.hs256_secret = self.jwt_hs256_secret.clone();
        Ok(Some(config))
    }
}

/// Response cache, persisted queries and rate limits.
#[derive(Debug, Clone, Args)]
pub struct CacheArgs {
    /// Redis URL, for example redis://127.0.0.1:6379. Without it the cache is in process.
    #[arg(long, env = "LER_REDIS_URL", hide_env_values = true)]
    pub redis_url: Option<SecretString>,
    /// Prefix of every Redis key this server writes.
    #[arg(long, env = "LER_REDIS_KEY_PREFIX", default_value = "ler:")]
    pub redis_key_prefix: String,
    /// Requests one caller (token subject, or IP address when anonymous) may send per window.
    #[arg(long, env = "LER_RATE_LIMIT", default_value_t = 600)]
    pub rate_limit: u64,
    /// Length of the fixed rate-limit window, in seconds.
    #[arg(long, env = "LER_RATE_WINDOW_SECS", default_value_t = 60)]
    pub rate_window_secs: u64,
}

impl CacheArgs {
    pub fn settings(&self) -> crate::cache::CacheSettings {
        crate::cache::CacheSettings {
            redis_url: self.redis_url.clone(),
            key_prefix: self.redis_key_prefix.clone(),
            rate_limit: self.rate_limit,
            rate_window: std::time::Duration::from_secs(self.rate_window_secs.max(1)),
        }
    }
}

/// Credential issuance settings. Without a master key, issuance and verification are off.
#[derive(Debug, Clone, Args)]
pub struct CredentialArgs {
    /// Base64 of 32 random bytes that seals issuer and learner private keys in the graph
    /// (`openssl rand -base64 32`). Changing it makes stored keys unusable.
    #[arg(long, env = "LER_CREDENTIALS_MASTER_KEY", hide_env_values = true)]
    pub credentials_master_key: Option<SecretString>,
    /// Public host name, with an optional port, used in issuer `did:web` ids and status list URLs.
    #[arg(long, env = "LER_CREDENTIALS_HOST", default_value = "localhost:8080")]
    pub credentials_host: String,
}

impl CredentialArgs {
    /// Returns the credential settings. Without a master key, issuance is off and
    /// verification stays on.
    pub fn settings(&self) -> anyhow::Result<crate::credentials::CredentialSettings> {
        use secrecy::ExposeSecret;
        let master_key = match &self.credentials_master_key {
            Some(encoded) => Some(std::sync::Arc::new(
                ler_credentials::MasterKey::from_base64(encoded.expose_secret()).map_err(|e| anyhow::anyhow!("LER_CREDENTIALS_MASTER_KEY is invalid: {e}"))?,
            )),
            None => None,
        };
        ler_credentials::did_web_for_issuer(&self.credentials_host, "probe")
            .map_err(|e| anyhow::anyhow!("LER_CREDENTIALS_HOST is invalid: {e}"))?;
        Ok(crate::credentials::CredentialSettings { master_key, host: self.credentials_host.clone() })
    }
}

/// Settings of `ler-registry serve`.
#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address and port to listen on.
    #[arg(long, env = "LER_BIND", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,
    #[command(flatten)]
    pub neo4j: Neo4jArgs,
    #[command(flatten)]
    pub limits: Limits,
    #[command(flatten)]
    pub auth: AuthArgs,
    #[command(flatten)]
    pub cache: CacheArgs,
    #[command(flatten)]
    pub credentials: CredentialArgs,
    /// Folder of seed files; loaded on start when the graph is empty.
    #[arg(long, env = "LER_SEEDS_DIR", default_value = "seeds")]
    pub seeds_dir: PathBuf,
    /// Seed the graph on start when it contains no occupations yet.
    #[arg(long, env = "LER_SEED_IF_EMPTY", default_value_t = true, action = clap::ArgAction::Set)]
    pub seed_if_empty: bool,
}

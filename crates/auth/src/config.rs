//! Configuration of token validation.

use std::fmt;
use std::net::IpAddr;
use std::path::PathBuf;

use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

use crate::jwks::JwksError;

/// Minimum HS256 secret length in bytes. RFC 7518, section 3.2, requires a key at least
/// as long as the 256-bit hash output.
pub const MIN_HS256_SECRET_BYTES: usize = 32;

/// Maximum accepted clock skew in seconds. A larger leeway would keep expired tokens
/// usable for too long.
pub const MAX_LEEWAY_SECONDS: u64 = 300;

/// Token validation settings, usually read from the server configuration file.
///
/// `Debug` output hides the HS256 secret.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthConfig {
    /// Required `iss` claim, such as `https://id.example.gov/realms/ler`.
    pub issuer: String,
    /// Value that the `aud` claim must contain.
    pub audience: String,
    /// Allowed clock skew in seconds for `exp` and `nbf`, at most 300.
    #[serde(default = "default_leeway_seconds")]
    pub leeway_seconds: u64,
    /// The only algorithm accepted. The token header cannot change it.
    pub algorithm: SigningAlgorithm,
    /// Shared secret for HS256, at least 32 bytes. Set only with `algorithm = "HS256"`.
    #[serde(default)]
    pub hs256_secret: Option<SecretString>,
    /// Public keys for RS256 and ES256. Set only with those algorithms.
    #[serde(default)]
    pub jwks: Option<JwksSource>,
    /// Seconds after which the JWKS is loaded again on the next validation.
    #[serde(default = "default_jwks_refresh_seconds")]
    pub jwks_refresh_seconds: u64,
    /// Minimum seconds between two loads of the JWKS triggered by tokens with an unknown
    /// kid, which limits how often forged kids make the registry fetch keys.
    #[serde(default = "default_jwks_min_refetch_seconds")]
    pub jwks_min_refetch_seconds: u64,
    /// Whether role names outside [`crate::Role::ALL`] are dropped instead of rejected.
    #[serde(default)]
    pub ignore_unknown_roles: bool,
}

fn default_leeway_seconds() -> u64 {
    30
}

fn default_jwks_refresh_seconds() -> u64 {
    300
}

fn default_jwks_min_refetch_seconds() -> u64 {
    30
}

/// JWS algorithm that tokens must be signed with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SigningAlgorithm {
    /// HMAC with SHA-256 and a shared secret.
    HS256,
    /// RSASSA-PKCS1-v1_5 with SHA-256 and keys of at least 2048 bits.
    RS256,
    /// ECDSA with the P-256 curve and SHA-256.
    ES256,
}

impl SigningAlgorithm {
    /// Returns the `alg` header value, such as `RS256`.
    pub fn as_str(self) -> &'static str {
        match self {
            SigningAlgorithm::HS256 => "HS256",
            SigningAlgorithm::RS256 => "RS256",
            SigningAlgorithm::ES256 => "ES256",
        }
    }

    pub(crate) fn to_jsonwebtoken(self) -> jsonwebtoken::Algorithm {
        match self {
            SigningAlgorithm::HS256 => jsonwebtoken::Algorithm::HS256,
            SigningAlgorithm::RS256 => jsonwebtoken::Algorithm::RS256,
            SigningAlgorithm::ES256 => jsonwebtoken::Algorithm::ES256,
        }
    }
}

/// Location of a JSON Web Key Set: `{ file = "..." }` or `{ url = "https://..." }`.
///
/// A URL must use https, except on a loopback host (`localhost`, `127.0.0.1`, `::1`),
/// where http is allowed for development and tests.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JwksSource {
    File(PathBuf),
    Url(String),
}

impl fmt::Display for JwksSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JwksSource::File(path) => write!(f, "file {}", path.display()),
            JwksSource::Url(url) => write!(f, "URL {url}"),
        }
    }
}

/// Invalid configuration, or a JWKS that could not be loaded at startup.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error(
        "auth.{field} is empty. Set it to the {claim} value of the identity provider's tokens."
    )]
    EmptyValue {
        field: &'static str,
        claim: &'static str,
    },

    #[error(
        "auth.leeway_seconds is {value}, above the maximum of {MAX_LEEWAY_SECONDS}. Use a \
         smaller value, such as 30."
    )]
    LeewayTooLarge { value: u64 },

    #[error(
        "auth.hs256_secret is missing, but auth.algorithm is HS256. Set a secret of at \
         least {MIN_HS256_SECRET_BYTES} bytes."
    )]
    MissingSecret,

    #[error(
        "auth.hs256_secret has {length} bytes, below the minimum of \
         {MIN_HS256_SECRET_BYTES}. Use a longer random secret."
    )]
    SecretTooShort { length: usize },

    #[error(
        "auth.hs256_secret is set, but auth.algorithm is {algorithm}. Remove the secret \
         or set the algorithm to HS256."
    )]
    UnexpectedSecret { algorithm: &'static str },

    #[error(
        "auth.jwks is missing, but auth.algorithm is {algorithm}. Set auth.jwks to the \
         file or https URL of the identity provider's JWKS."
    )]
    MissingJwks { algorithm: &'static str },

    #[error(
        "auth.jwks is set, but auth.algorithm is HS256, which uses auth.hs256_secret. \
         Remove auth.jwks or set the algorithm to RS256 or ES256."
    )]
    UnexpectedJwks,

    #[error("auth.jwks URL `{url}` is invalid: {detail}. Use an absolute https URL.")]
    InvalidJwksUrl { url: String, detail: String },

    #[error(
        "auth.jwks URL `{url}` does not use https. Use https, or http only on a loopback \
         host such as 127.0.0.1."
    )]
    InsecureJwksUrl { url: String },

    #[error("Loading the JWKS from the {source_name} failed: {error}")]
    JwksUnavailable {
        source_name: String,
        error: JwksError,
    },

    #[error("Creating the HTTP client for the JWKS failed: {0}")]
    HttpClient(#[source] reqwest::Error),
}

impl ConfigError {
    /// Returns `INTERNAL`, because configuration errors stop the server at startup.
    pub fn code(&self) -> &'static str {
        "INTERNAL"
    }
}

impl AuthConfig {
    /// Checks the settings that do not need the network or the file system.
    pub fn check(&self) -> Result<(), ConfigError> {
        if self.issuer.trim().is_empty() {
            return Err(ConfigError::EmptyValue {
                field: "issuer",
                claim: "iss",
            });
        }
        if self.audience.trim().is_empty() {
            return Err(ConfigError::EmptyValue {
                field: "audience",
                claim: "aud",
            });
        }
        if self.leeway_seconds > MAX_LEEWAY_SECONDS {
            return Err(ConfigError::LeewayTooLarge {
                value: self.leeway_seconds,
            });
        }

        match self.algorithm {
            SigningAlgorithm::HS256 => {
                let secret = self
                    .hs256_secret
                    .as_ref()
                    .ok_or(ConfigError::MissingSecret)?;
                let length = secret.expose_secret().len();
                if length < MIN_HS256_SECRET_BYTES {
                    return Err(ConfigError::SecretTooShort { length });
                }
                if self.jwks.is_some() {
                    return Err(ConfigError::UnexpectedJwks);
                }
            }
            SigningAlgorithm::RS256 | SigningAlgorithm::ES256 => {
                let algorithm = self.algorithm.as_str();
                if self.hs256_secret.is_some() {
                    return Err(ConfigError::UnexpectedSecret { algorithm });
                }
                match &self.jwks {
                    None => return Err(ConfigError::MissingJwks { algorithm }),
                    Some(JwksSource::Url(url)) => {
                        check_jwks_url(url)?;
                    }
                    Some(JwksSource::File(_)) => {}
                }
            }
        }
        Ok(())
    }
}

/// Checks that a JWKS URL is absolute and uses https, or http on a loopback host.
pub(crate) fn check_jwks_url(url: &str) -> Result<reqwest::Url, ConfigError> {
    let parsed = reqwest::Url::parse(url).map_err(|error| ConfigError::InvalidJwksUrl {
        url: url.to_owned(),
        detail: error.to_string(),
    })?;
    match parsed.scheme() {
        "https" => Ok(parsed),
        "http" if is_loopback_host(parsed.host_str().unwrap_or_default()) => Ok(parsed),
        "http" => Err(ConfigError::InsecureJwksUrl {
            url: url.to_owned(),
        }),
        other => Err(ConfigError::InvalidJwksUrl {
            url: url.to_owned(),
            detail: format!("the scheme `{other}` is not supported"),
        }),
    }
}

fn is_loopback_host(host: &str) -> bool {
    if host.eq_ignore_ascii_case("localhost") {
        return true;
    }
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    bare.parse::<IpAddr>()
        .map(|ip| ip.is_loopback())
        .unwrap_or(false)
}

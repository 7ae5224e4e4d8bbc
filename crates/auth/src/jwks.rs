//! Parsing of a JSON Web Key Set into the verification keys for the pinned algorithm.

use std::collections::HashMap;
use std::sync::Arc;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use jsonwebtoken::jwk::Jwk;
use jsonwebtoken::DecodingKey;
use serde_json::Value;

use crate::config::SigningAlgorithm;

/// Minimum RSA modulus size in bytes (2048 bits). jsonwebtoken 9 verifies RS256 with
/// ring's `RSA_PKCS1_2048_8192_SHA256`, which rejects shorter keys at verification.
const MIN_RSA_MODULUS_BYTES: usize = 256;

/// Reason a JWKS could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum JwksError {
    #[error("reading the file failed: {0}")]
    Read(#[source] std::io::Error),

    #[error("the request failed: {0}")]
    Request(#[source] reqwest::Error),

    #[error("the server responded with HTTP status {0}")]
    Status(u16),

    #[error("the document is larger than the limit of {limit} bytes")]
    TooLarge { limit: usize },

    #[error("the document is not a JWKS ({detail})")]
    NotJwks { detail: String },

    #[error(
        "the document contains no usable {algorithm} signing key with a kid \
         ({skipped} keys skipped, see the warnings in the log)"
    )]
    NoUsableKeys {
        algorithm: &'static str,
        skipped: usize,
    },
}

/// Verification keys by kid.
pub(crate) type KeyMap = HashMap<String, Arc<DecodingKey>>;

/// Parses a JWKS and keeps the keys usable with `algorithm`.
///
/// A key is skipped, with a warning, when it has no kid, a duplicate kid, `use` other
/// than `sig`, an `alg` other than `algorithm`, the wrong key type or curve, or an RSA
/// modulus below 2048 bits. The set must contain at least one usable key.
pub(crate) fn parse_jwks(
    document: &[u8],
    algorithm: SigningAlgorithm,
) -> Result<KeyMap, JwksError> {
    let root: Value = serde_json::from_slice(document).map_err(|error| JwksError::NotJwks {
        detail: error.to_string(),
    })?;
    let Some(Value::Array(entries)) = root.get("keys") else {
        return Err(JwksError::NotJwks {
            detail: "it has no `keys` array".to_owned(),
        });
    };

    let mut keys = KeyMap::new();
    let mut skipped = 0;
    for (index, entry) in entries.iter().enumerate() {
        match usable_key(entry, algorithm) {
            Ok((kid, key)) if !keys.contains_key(&kid) => {
                keys.insert(kid, Arc::new(key));
            }
            Ok((kid, _)) => {
                skipped += 1;
                tracing::warn!(index, kid = %kid, "skipped JWKS key with a duplicate kid");
            }
            Err(reason) => {
                skipped += 1;
                tracing::warn!(index, reason, "skipped JWKS key");
            }
        }
    }

    if keys.is_empty() {
        return Err(JwksError::NoUsableKeys {
            algorithm: algorithm.as_str(),
            skipped,
        });
    }
    Ok(keys)
}

/// Returns the kid and verification key of one JWK, or why it cannot verify tokens
/// signed with `algorithm`.
fn usable_key(
    entry: &Value,
    algorithm: SigningAlgorithm,
) -> Result<(String, DecodingKey), &'static str> {
    let text = |name: &str| entry.get(name).and_then(Value::as_str);

    let kid = text("kid").ok_or("the key has no kid")?;
    if text("use").is_some_and(|key_use| key_use != "sig") {
        return Err("the key is not a signing key (`use` is not `sig`)");
    }
    if text("alg").is_some_and(|alg| alg != algorithm.as_str()) {
        return Err("the key's `alg` differs from the configured algorithm");
    }
    match (algorithm, text("kty")) {
        (SigningAlgorithm::RS256, Some("RSA")) => {
            let modulus = text("n").ok_or("the RSA key has no `n`")?;
            let bytes = URL_SAFE_NO_PAD
                .decode(modulus)
                .map_err(|_| "the RSA key's `n` is not base64url")?;
            let significant = bytes.iter().skip_while(|byte| **byte == 0).count();
            if significant < MIN_RSA_MODULUS_BYTES {
                return Err("the RSA key is shorter than 2048 bits");
            }
        }
        (SigningAlgorithm::ES256, Some("EC")) => {
            if text("crv") != Some("P-256") {
                return Err("the EC key's curve is not P-256");
            }
        }
        _ => return Err("the key type does not match the configured algorithm"),
    }

    let jwk: Jwk =
        serde_json::from_value(entry.clone()).map_err(|_| "the key is not a valid JWK")?;
    let key = DecodingKey::from_jwk(&jwk).map_err(|_| "the key parameters are invalid")?;
    Ok((kid.to_owned(), key))
}

//! Automatic persisted queries, as Apollo clients send them: the request names the
//! document by `extensions.persistedQuery.sha256Hash`, and sends the full document only
//! after the server answered `PersistedQueryNotFound`.

use serde_json::Value;
use sha2::{Digest, Sha256};

use super::Cache;

/// A persisted-query request the server cannot run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApqError {
    /// Apollo clients match this exact message and resend the full document.
    #[error("PersistedQueryNotFound")]
    NotFound,
    #[error("The persistedQuery extension is invalid: {0}. Send {{\"version\": 1, \"sha256Hash\": \"<64 hex digits>\"}}.")]
    Invalid(String),
    #[error("The sha256Hash \"{hash}\" does not match the SHA-256 of the query. Hash the exact query text, in UTF-8, as lowercase hex.")]
    HashMismatch { hash: String },
}

impl ApqError {
    pub fn code(&self) -> &'static str {
        match self {
            ApqError::NotFound => "PERSISTED_QUERY_NOT_FOUND",
            ApqError::Invalid(_) | ApqError::HashMismatch { .. } => "BAD_USER_INPUT",
        }
    }
}

/// Returns the lowercase hex SHA-256 of a document.
pub fn document_hash(document: &str) -> String {
    hex::encode(Sha256::digest(document.as_bytes()))
}

/// Reads the hash from `extensions.persistedQuery`, when the request has one.
fn requested_hash(extensions: Option<&Value>) -> Result<Option<String>, ApqError> {
    let Some(persisted) = extensions.and_then(|e| e.get("persistedQuery")) else { return Ok(None) };
    if persisted.get("version").and_then(Value::as_i64) != Some(1) {
        return Err(ApqError::Invalid(format!("version is {}, but only version 1 is supported", persisted.get("version").unwrap_or(&Value::Null))));
    }
    let hash = persisted.get("sha256Hash").and_then(Value::as_str).unwrap_or_default().to_ascii_lowercase();
    if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(ApqError::Invalid(format!("sha256Hash \"{hash}\" is not 64 hex digits")));
    }
    Ok(Some(hash))
}

/// Returns the document to run: the one sent, after saving it under its hash, or the one
/// saved earlier under the requested hash.
pub async fn resolve(cache: &Cache, query: Option<String>, extensions: Option<&Value>) -> Result<Option<String>, ApqError> {
    let Some(hash) = requested_hash(extensions)? else { return Ok(query) };
    match query.filter(|q| !q.trim().is_empty()) {
        Some(document) => {
            if document_hash(&document) != hash {
                return Err(ApqError::HashMismatch { hash });
            }
            cache.save_persisted_query(&hash, &document).await;
            Ok(Some(document))
        }
        None => cache.persisted_query(&hash).await.map(Some).ok_or(ApqError::NotFound),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn extensions(hash: &str) -> Value {
        json!({ "persistedQuery": { "version": 1, "sha256Hash": hash } })
    }

    #[tokio::test]
    async fn apq_unknown_hash_is_not_found() {
        let cache = Cache::in_process();
        let hash = document_hash("{ a }");
        assert_eq!(resolve(&cache, None, Some(&extensions(&hash))).await, Err(ApqError::NotFound));
    }

    #[tokio::test]
    async fn apq_saved_document_is_found() {
        let cache = Cache::in_process();
        let hash = document_hash("{ a }");
        resolve(&cache, Some("{ a }".into()), Some(&extensions(&hash))).await.unwrap();
        assert_eq!(resolve(&cache, None, Some(&extensions(&hash))).await, Ok(Some("{ a }".into())));
    }

    #[tokio::test]
    async fn apq_wrong_hash_is_rejected() {
        let cache = Cache::in_process();
        let hash = document_hash("{ b }");
        assert!(matches!(resolve(&cache, Some("{ a }".into()), Some(&extensions(&hash))).await, Err(ApqError::HashMismatch { .. })));
    }

    #[tokio::test]
    async fn apq_version_two_is_invalid() {
        let cache = Cache::in_process();
        let bad = json!({ "persistedQuery": { "version": 2, "sha256Hash": document_hash("{ a }") } });
        assert!(matches!(resolve(&cache, None, Some(&bad)).await, Err(ApqError::Invalid(_))));
    }
}

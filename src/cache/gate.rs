//! The cache hook of the GraphQL HTTP handler: rate limit, persisted-query lookup and
//! response lookup before execution, then storage or invalidation after it.

use std::net::IpAddr;

use actix_web::http::header;
use actix_web::HttpResponse;
use ler_auth::Principal;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use super::apq::{self, ApqError};
use super::{Cache, Lookup, Plan, RateDecision, RequestTags};

/// Response header that tells whether the cache served the response.
pub const X_CACHE: &str = "x-cache";

/// A response sent before execution.
pub enum Early {
    RateLimited { retry_after_secs: u64, limit: u64, window_secs: u64 },
    PersistedQuery(ApqError),
    Hit(String),
}

impl Early {
    pub fn respond(self, mime: &str) -> HttpResponse {
        match self {
            Early::RateLimited { retry_after_secs, limit, window_secs } => {
                let message = format!(
                    "Too many requests: the limit is {limit} per {window_secs} seconds for each caller. Retry after {retry_after_secs} seconds."
                );
                HttpResponse::TooManyRequests()
                    .insert_header((header::RETRY_AFTER, retry_after_secs.to_string()))
                    .insert_header((X_CACHE, "BYPASS"))
                    .content_type(mime)
                    .json(json!({ "errors": [{ "message": message, "extensions": { "code": "RATE_LIMITED", "retryAfterSeconds": retry_after_secs } }] }))
            }
            Early::PersistedQuery(error) => {
                let mut response = if matches!(error, ApqError::NotFound) { HttpResponse::Ok() } else { HttpResponse::BadRequest() };
                response
                    .insert_header((X_CACHE, "BYPASS"))
                    .content_type(mime)
                    .json(json!({ "errors": [{ "message": error.to_string(), "extensions": { "code": error.code() } }] }))
            }
            Early::Hit(body) => HttpResponse::Ok().insert_header((X_CACHE, "HIT")).content_type(mime).body(body),
        }
    }
}

/// What the cache decided for a request that runs.
pub struct Gate {
    plan: Plan,
    lookup: Lookup,
    /// Tags the resolvers fill in; pass them to the request data.
    pub tags: RequestTags,
}

/// Returns the rate-limit bucket of a caller: its hashed subject, or its IP address
/// when anonymous.
fn client_of(principal: &Principal, peer: Option<IpAddr>) -> String {
    match principal.subject() {
        Some(subject) => format!("sub:{}", hex::encode(&Sha256::digest(subject.as_bytes())[..12])),
        None => format!("ip:{}", peer.map_or_else(|| "unknown".to_string(), |ip| ip.to_string())),
    }
}

/// The parts of a request the cache looks at.
pub struct RequestParts<'a> {
    pub query: Option<String>,
    pub variables: Option<&'a Value>,
    pub operation_name: Option<&'a str>,
    pub extensions: Option<&'a Value>,
}

/// Runs the checks before execution and returns the document to run with its gate.
pub async fn admit(cache: &Cache, principal: &Principal, peer: Option<IpAddr>, parts: RequestParts<'_>) -> Result<(Option<String>, Gate), Early> {
    if let RateDecision::Limited { retry_after_secs } = cache.check_rate(&client_of(principal, peer)).await {
        let settings = cache.settings();
        return Err(Early::RateLimited { retry_after_secs, limit: settings.rate_limit, window_secs: settings.rate_window.as_secs() });
    }
    let query = apq::resolve(cache, parts.query, parts.extensions).await.map_err(Early::PersistedQuery)?;
    let plan = match &query {
        Some(document) => super::key::plan(document, parts.variables, parts.operation_name, &principal.cache_scope()),
        None => Plan::Uncacheable,
    };
    let lookup = match &plan {
        Plan::Cacheable { key, .. } => cache.lookup(key).await,
        _ => Lookup::Bypass,
    };
    if let Lookup::Hit(body) = lookup {
        return Err(Early::Hit(body));
    }
    Ok((query, Gate { plan, lookup, tags: RequestTags::default() }))
}

impl Gate {
    /// Stores a successful query response or applies a mutation's invalidations, and
    /// returns the `X-Cache` value. `succeeded` is false when the response has errors.
    pub async fn finish(self, cache: &Cache, body: &Value, succeeded: bool) -> &'static str {
        match self.plan {
            Plan::Mutation => {
                // A mutation with errors may still have changed some records.
                cache.invalidate(&self.tags.changed_tags()).await;
                "BYPASS"
            }
            Plan::Cacheable { key, mut list_tags } if succeeded && self.lookup == Lookup::Miss => {
                // NOTE: a query that read a record just before a mutation invalidated it can
                // store its older response afterwards; that entry stays until its TTL ends.
                list_tags.extend(self.tags.read_tags());
                cache.store(&key, &body.to_string(), &list_tags).await;
                "MISS"
            }
            Plan::Cacheable { .. } if self.lookup == Lookup::Miss => "MISS",
            _ => "BYPASS",
        }
    }
}

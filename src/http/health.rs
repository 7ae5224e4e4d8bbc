use actix_web::{web, HttpResponse};
use serde_json::json;

use super::AppState;

/// Liveness: the process answers.
pub async fn live() -> HttpResponse {
    HttpResponse::Ok().json(json!({ "status": "ok" }))
}

/// Readiness: Neo4j answers a trivial statement.
pub async fn ready(state: web::Data<AppState>) -> HttpResponse {
    match state.graph.ping().await {
        Ok(()) => HttpResponse::Ok().json(json!({ "status": "ok", "neo4j": "ok" })),
        Err(error) => {
            tracing::warn!(error = %error, "readiness check failed");
            HttpResponse::ServiceUnavailable().json(json!({ "status": "unavailable", "neo4j": "unreachable" }))
        }
    }
}

use actix_web::{web, HttpResponse};
use serde_json::json;

use super::AppState;

/// Reports liveness: 200 whenever the process can handle a request.
pub async fn live() -> HttpResponse {
    HttpResponse::Ok().json(json!({ "status": "ok" }))
}

/// Reports readiness: 200 when Neo4j runs a trivial statement, 503 otherwise.
pub async fn ready(state: web::Data<AppState>) -> HttpResponse {
    match state.graph.ping().await {
        Ok(()) => HttpResponse::Ok().json(json!({ "status": "ok", "neo4j": "ok" })),
        Err(error) => {
            tracing::warn!(error = %error, "readiness check failed");
            HttpResponse::ServiceUnavailable().json(json!({ "status": "unavailable", "neo4j": "unreachable" }))
        }
    }
}

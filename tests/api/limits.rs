//! Request limits fail before any Cypher runs and name the limit.

use ler_registry::config::Limits;
use serde_json::json;

use crate::helpers::{spawn_app_with, TestApp};

#[tokio::test]
async fn deep_query_is_rejected_before_cypher() {
    let app = spawn_app_with(Limits { max_depth: 4, ..Limits::default() }).await;
    let before = app.graph.statement_count();
    let query = "{ occupation(code: \"51-4121\") { relatedOccupations { occupation { relatedOccupations { occupation { title } } } } } }";

    let (code, message) = app.query_error(query, json!({})).await;

    assert_eq!(code, "QUERY_TOO_COMPLEX");
    assert!(message.contains("limit of 4 levels"), "{message}");
    assert_eq!(app.graph.statement_count(), before);
}

#[tokio::test]
async fn complex_query_is_rejected_before_cypher() {
    let app = spawn_app_with(Limits { max_complexity: 50, ..Limits::default() }).await;
    let before = app.graph.statement_count();

    let (code, message) = app.query_error("{ occupations(first: 100) { edges { node { title socCode } } } }", json!({})).await;

    assert_eq!(code, "QUERY_TOO_COMPLEX");
    assert!(message.contains("limit of 50"), "{message}");
    assert_eq!(app.graph.statement_count(), before);
}

#[tokio::test]
async fn oversized_body_is_413() {
    let app = spawn_app_with(Limits { max_body_bytes: 1_000, ..Limits::default() }).await;
    let padding = " ".repeat(2_000);
    let body = json!({ "query": format!("{{ __typename {padding} }}") });

    let response = TestApp::read(app.client.post(app.url("/graphql")).header("accept", "application/json").json(&body).send().await.unwrap()).await;

    assert_eq!(response.status, 413);
    assert!(response.body["errors"][0]["message"].as_str().unwrap().contains("1000 bytes"));
}

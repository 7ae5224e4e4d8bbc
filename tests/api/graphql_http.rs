//! GraphQL over HTTP: methods, media types and status codes.

use serde_json::json;

use crate::helpers::{spawn_app, TestApp};

const TYPENAME: &str = "{ __typename }";

#[tokio::test]
async fn post_json_accept_json_is_200() {
    let app = spawn_app().await;
    let response = app.post_graphql(TYPENAME, json!({})).await;

    assert_eq!(response.status, 200);
    assert!(response.content_type.starts_with("application/json"));
    assert_eq!(response.body["data"]["__typename"], "Query");
}

#[tokio::test]
async fn post_accept_graphql_response_json_is_honoured() {
    let app = spawn_app().await;
    let request = app.client.post(app.url("/graphql")).header("accept", "application/graphql-response+json").json(&json!({ "query": TYPENAME }));
    let response = TestApp::read(request.send().await.unwrap()).await;

    assert_eq!(response.status, 200);
    assert!(response.content_type.starts_with("application/graphql-response+json"));
}

#[tokio::test]
async fn get_query_is_executed() {
    let app = spawn_app().await;
    let request = app.client.get(app.url("/graphql")).query(&[("query", TYPENAME)]).header("accept", "application/json");
    let response = TestApp::read(request.send().await.unwrap()).await;

    assert_eq!(response.status, 200);
    assert_eq!(response.body["data"]["__typename"], "Query");
}

#[tokio::test]
async fn get_mutation_is_405() {
    let app = spawn_app().await;
    let request = app.client.get(app.url("/graphql")).query(&[("query", "mutation { x }")]).header("accept", "application/json");
    let response = request.send().await.unwrap();

    assert_eq!(response.status().as_u16(), 405);
    assert_eq!(response.headers()["allow"], "POST");
}

#[tokio::test]
async fn malformed_json_body_is_400() {
    let app = spawn_app().await;
    let request = app.client.post(app.url("/graphql")).header("content-type", "application/json").header("accept", "application/json").body("{\"query\": ");
    let response = TestApp::read(request.send().await.unwrap()).await;

    assert_eq!(response.status, 400);
    assert!(response.body["errors"][0]["message"].as_str().unwrap().contains("not valid JSON"));
}

#[tokio::test]
async fn missing_query_is_400() {
    let app = spawn_app().await;
    let request = app.client.post(app.url("/graphql")).header("accept", "application/json").json(&json!({ "variables": {} }));
    let response = TestApp::read(request.send().await.unwrap()).await;

    assert_eq!(response.status, 400);
}

#[tokio::test]
async fn array_variables_are_400() {
    let app = spawn_app().await;
    let request = app.client.post(app.url("/graphql")).header("accept", "application/json").json(&json!({ "query": TYPENAME, "variables": [1] }));
    let response = TestApp::read(request.send().await.unwrap()).await;

    assert_eq!(response.status, 400);
}

#[tokio::test]
async fn unsupported_content_type_is_415() {
    let app = spawn_app().await;
    let request = app.client.post(app.url("/graphql")).header("content-type", "text/plain").header("accept", "application/json").body(TYPENAME);
    let response = request.send().await.unwrap();

    assert_eq!(response.status().as_u16(), 415);
}

#[tokio::test]
async fn unacceptable_accept_is_406() {
    let app = spawn_app().await;
    let request = app.client.post(app.url("/graphql")).header("accept", "text/xml").json(&json!({ "query": TYPENAME }));
    let response = request.send().await.unwrap();

    assert_eq!(response.status().as_u16(), 406);
}

#[tokio::test]
async fn syntax_error_status_depends_on_accept() {
    let app = spawn_app().await;
    let body = json!({ "query": "{ occupation(" });

    let legacy = TestApp::read(app.client.post(app.url("/graphql")).header("accept", "application/json").json(&body).send().await.unwrap()).await;
    let modern = TestApp::read(app.client.post(app.url("/graphql")).header("accept", "application/graphql-response+json").json(&body).send().await.unwrap()).await;

    assert_eq!(legacy.status, 200);
    assert_eq!(modern.status, 400);
    assert!(modern.body.get("data").is_none());
    assert_eq!(modern.body["errors"][0]["extensions"]["code"], "GRAPHQL_PARSE_FAILED");
}

#[tokio::test]
async fn validation_error_is_400_with_graphql_response_json() {
    let app = spawn_app().await;
    let body = json!({ "query": "{ noSuchField }" });
    let response = TestApp::read(app.client.post(app.url("/graphql")).header("accept", "application/graphql-response+json").json(&body).send().await.unwrap()).await;

    assert_eq!(response.status, 400);
    assert!(response.body["errors"][0]["message"].as_str().unwrap().contains("noSuchField"));
    assert_eq!(response.body["errors"][0]["extensions"]["code"], "GRAPHQL_VALIDATION_FAILED");
}

/// A failed non-null root field is a field error: execution ran, so `data` is null and the
/// status is 200, not a request error.
#[tokio::test]
async fn failed_root_field_keeps_null_data() {
    let app = spawn_app().await;
    let body = json!({ "query": "{ program(id: \"no-such-program\") { name } }" });
    let response = TestApp::read(app.client.post(app.url("/graphql")).header("accept", "application/graphql-response+json").json(&body).send().await.unwrap()).await;

    assert_eq!(response.status, 200);
    assert_eq!(response.body.get("data"), Some(&json!(null)));
    assert_eq!(response.body["errors"][0]["extensions"]["code"], "NOT_FOUND");
}

#[tokio::test]
async fn missing_variable_value_names_variable() {
    let app = spawn_app().await;
    let body = json!({ "query": "query($code: String!) { occupation(code: $code) { title } }" });
    let response = TestApp::read(app.client.post(app.url("/graphql")).header("accept", "application/graphql-response+json").json(&body).send().await.unwrap()).await;
    let error = &response.body["errors"][0];

    assert_eq!(response.status, 400);
    assert_eq!(error["extensions"]["code"], "BAD_USER_INPUT");
    assert!(error["message"].as_str().unwrap().contains("`$code` has no value"), "{error}");
}

#[tokio::test]
async fn graphiql_served_to_browsers() {
    let app = spawn_app().await;
    let response = app.client.get(app.url("/graphql")).header("accept", "text/html").send().await.unwrap();

    assert_eq!(response.status().as_u16(), 200);
    assert!(response.text().await.unwrap().to_lowercase().contains("graphiql"));
}

#[tokio::test]
async fn health_live_and_ready() {
    let app = spawn_app().await;
    let live = app.client.get(app.url("/health/live")).send().await.unwrap();
    let ready = app.client.get(app.url("/health/ready")).send().await.unwrap();

    assert_eq!(live.status().as_u16(), 200);
    assert_eq!(ready.status().as_u16(), 200);
}

#[tokio::test]
async fn expired_token_is_401_with_reason() {
    let app = spawn_app().await;
    let expired = crate::helpers::token(&["learner"], json!({ "learner_id": "l-1", "exp": 1_000_000_000 }));

    let response = app.post_graphql_as(&expired, TYPENAME, json!({})).await;

    assert_eq!(response.status, 401);
    assert_eq!(response.body["errors"][0]["extensions"]["code"], "UNAUTHENTICATED");
    assert_eq!(response.body["errors"][0]["extensions"]["reason"], "EXPIRED");
}

#[tokio::test]
async fn valid_token_is_accepted() {
    let app = spawn_app().await;
    let valid = crate::helpers::token(&["counselor"], json!({}));

    let response = app.post_graphql_as(&valid, TYPENAME, json!({})).await;

    assert_eq!(response.status, 200);
}

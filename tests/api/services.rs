//! Support services as records: seeded benefit programs with their rules, and services
//! that providers register.

use serde_json::json;

use crate::helpers::{spawn_app, token, TestApp};
use crate::fixtures::unique;

const SERVICE: &str = "query($id: ID!) { service(id: $id) { id name kind state verificationStatus retired rules { id field operator threshold source } } }";

const SERVICES: &str = "query($kind: ServiceKind, $state: String) { services(kind: $kind, state: $state, first: 100) { id name state } }";

#[tokio::test]
async fn seeded_snap_lists_its_rules() {
    let app = spawn_app().await;
    let data = app.query_data(SERVICE, json!({ "id": "Service:snap" })).await;
    let service = &data["service"];
    let rules = service["rules"].as_array().unwrap();

    assert_eq!(service["id"], "snap");
    assert_eq!(service["verificationStatus"], "PUBLIC_SOURCE");
    assert!(!rules.is_empty(), "{service}");
    assert!(rules.iter().all(|rule| rule["source"].is_string()), "{service}");
}

#[tokio::test]
async fn unknown_service_is_null() {
    let app = spawn_app().await;
    let data = app.query_data(SERVICE, json!({ "id": "no-such-service" })).await;

    assert!(data["service"].is_null(), "{data}");
}

#[tokio::test]
async fn registered_service_listed_until_retired() {
    let app = spawn_app().await;
    let provider = token(&["provider"], json!({ "provider_id": unique("prov") }));
    let name = unique("Bus pass program");
    let create = "mutation($name: String!) { createService(input: { name: $name, kind: TRANSPORTATION, state: \"VT\" }) { id } }";
    let created = app.post_graphql_as(&provider, create, json!({ "name": name })).await;
    let id = TestApp::data(&created)["createService"]["id"].as_str().unwrap().to_string();
    let listed = app.query_data(SERVICES, json!({ "kind": "TRANSPORTATION", "state": "VT" })).await;
    let read = app.query_data(SERVICE, json!({ "id": id })).await;

    let retire = "mutation($id: ID!) { retireRecord(id: $id, version: 1) { version } }";
    app.post_graphql_as(&provider, retire, json!({ "id": id })).await;
    let after = app.query_data(SERVICES, json!({ "kind": "TRANSPORTATION", "state": "VT" })).await;

    assert!(listed["services"].as_array().unwrap().iter().any(|s| s["name"] == name.as_str()), "{listed}");
    assert_eq!(read["service"]["kind"], "TRANSPORTATION");
    assert_eq!(read["service"]["verificationStatus"], "VERIFIED_PROVIDER");
    assert!(!after["services"].as_array().unwrap().iter().any(|s| s["name"] == name.as_str()), "{after}");
}

#[tokio::test]
async fn services_state_filter_keeps_federal() {
    let app = spawn_app().await;
    let data = app.query_data(SERVICES, json!({ "state": "nj" })).await;
    let services = data["services"].as_array().unwrap();

    assert!(services.iter().any(|s| s["id"] == "snap"), "{data}");
    assert!(services.iter().all(|s| s["state"].is_null() || s["state"] == "NJ"), "{data}");
}

#[tokio::test]
async fn kind_filter_finds_seeded_programs() {
    let app = spawn_app().await;
    let snap = app.query_data(SERVICES, json!({ "kind": "SNAP", "state": "CA" })).await;
    let energy = app.query_data(SERVICES, json!({ "kind": "LIHEAP" })).await;

    assert!(snap["services"].as_array().unwrap().iter().any(|s| s["id"] == "snap"), "{snap}");
    assert!(energy["services"].as_array().unwrap().iter().any(|s| s["id"] == "liheap"), "{energy}");
}

#[tokio::test]
async fn services_bad_state_names_value() {
    let app = spawn_app().await;
    let (code, message) = app.query_error(SERVICES, json!({ "state": "New Jersey" })).await;

    assert_eq!(code, "BAD_USER_INPUT");
    assert!(message.contains("New Jersey"), "{message}");
}

#[tokio::test]
async fn service_entity_resolves_by_id() {
    let app = spawn_app().await;
    let query = "query($r: [_Any!]!) { _entities(representations: $r) { ... on Service { id name } } }";
    let data = app.query_data(query, json!({ "r": [{ "__typename": "Service", "id": "wic" }, { "__typename": "Service", "id": "none" }] })).await;

    assert_eq!(data["_entities"][0]["id"], "wic");
    assert!(data["_entities"][1].is_null(), "{data}");
}

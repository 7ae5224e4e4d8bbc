//! `linkPrograms` and program links stated in CTDL records.

use ler_registry::pathways::ctdl::{derive_links, store_links};
use serde_json::{json, Value};

use crate::helpers::{spawn_app, token, TestApp};
use crate::pathways_fixture::{opens, step, step_ids, Fixture, ProgramSpec, FASTEST};

const LINK: &str = "mutation($from: ID!, $to: ID!, $kind: ProgramLinkKind!, $credit: Float, $note: String) {
  linkPrograms(from: $from, to: $to, kind: $kind, creditCarried: $credit, note: $note) {
    from to kind creditCarried note derivation auditEventId } }";

const STACK: &str = "query($id: String!) { stackability(programId: $id) {
  up { id hops linkKind creditCarried derivation } down { id hops linkKind } } }";

/// A fixture with two programs owned by a provider unique to it; "second" opens the target.
async fn owned_pair(app: &TestApp, slot: usize) -> (Fixture, String) {
    let provider = format!("test-path-provider-{:08x}", rand::random::<u32>());
    let f = Fixture::new(slot)
        .program("first", ProgramSpec { provider: Some(provider.clone()), ..step(10.0, 500.0) })
        .program("second", ProgramSpec { provider: Some(provider.clone()), ..opens(20.0, 2_000.0) })
        .build(app)
        .await;
    (f, provider)
}

fn provider_token(provider: &str) -> String {
    token(&["provider"], json!({ "provider_id": provider }))
}

fn error_of(body: &Value) -> (String, String) {
    let error = &body["errors"][0];
    (error["extensions"]["code"].as_str().unwrap_or("(none)").to_string(), error["extensions"]["field"].as_str().unwrap_or("(none)").to_string())
}

#[tokio::test]
async fn provider_links_own_programs() {
    let app = spawn_app().await;
    let (f, provider) = owned_pair(&app, 20).await;
    let variables = json!({ "from": f.id("first"), "to": format!("Program:{}", f.id("second")), "kind": "STACKS_INTO", "credit": 6.0, "note": "articulation agreement" });

    let response = app.post_graphql_as(&provider_token(&provider), LINK, variables).await;

    let link = &crate::helpers::TestApp::data(&response)["linkPrograms"];
    assert_eq!(link["to"], Value::String(f.id("second")));
    assert_eq!(link["creditCarried"], 6.0);
    assert!(link["derivation"].as_str().unwrap().ends_with(": articulation agreement"), "{link}");

    let data = app.query_data(STACK, json!({ "id": f.id("first") })).await;
    let up = &data["stackability"]["up"][0];
    assert_eq!(up["id"], Value::String(f.id("second")));
    assert_eq!(up["linkKind"], "STACKS_INTO");
    assert_eq!(up["creditCarried"], 6.0);
    assert!(up["derivation"].as_str().unwrap().starts_with("entered through the API"), "{up}");

    f.remove(&app).await;
}

#[tokio::test]
async fn link_writes_audit_event() {
    let app = spawn_app().await;
    let (f, provider) = owned_pair(&app, 21).await;
    let variables = json!({ "from": f.id("first"), "to": f.id("second"), "kind": "PREREQUISITE_FOR" });
    let response = app.post_graphql_as(&provider_token(&provider), LINK, variables).await;
    let event_id = crate::helpers::TestApp::data(&response)["linkPrograms"]["auditEventId"].as_str().unwrap().to_string();

    let query = "query($id: ID!) { auditTrail(recordId: $id) { id action changes { field } } }";
    let response = app.post_graphql_as(&token(&["admin"], json!({})), query, json!({ "id": format!("Program:{}", f.id("first")) })).await;

    let events = crate::helpers::TestApp::data(&response)["auditTrail"].as_array().unwrap().clone();
    let event = events.iter().find(|e| e["id"] == Value::String(event_id.clone())).expect("the link has an audit event");
    assert_eq!(event["action"], "LINK");
    assert_eq!(event["changes"][0]["field"], "link:PREREQUISITE_FOR");

    f.remove(&app).await;
}

#[tokio::test]
async fn entered_prerequisite_joins_pathway() {
    let app = spawn_app().await;
    let (f, provider) = owned_pair(&app, 22).await;
    let variables = json!({ "from": f.id("first"), "to": f.id("second"), "kind": "PREREQUISITE_FOR" });
    let response = app.post_graphql_as(&provider_token(&provider), LINK, variables).await;
    crate::helpers::TestApp::data(&response);

    let data = app.query_data(FASTEST, json!({ "input": { "occupation": f.onet } })).await;

    assert_eq!(step_ids(&data), vec![vec![f.id("first"), f.id("second")]]);

    f.remove(&app).await;
}

#[tokio::test]
async fn other_provider_cannot_link() {
    let app = spawn_app().await;
    let (f, _) = owned_pair(&app, 23).await;
    let variables = json!({ "from": f.id("first"), "to": f.id("second"), "kind": "STACKS_INTO" });

    let response = app.post_graphql_as(&provider_token("test-path-someone-else"), LINK, variables).await;

    assert_eq!(error_of(&response.body).0, "FORBIDDEN");

    f.remove(&app).await;
}

const UNLINK: &str = "mutation($from: ID!, $to: ID!, $kind: ProgramLinkKind!) {
  unlinkPrograms(from: $from, to: $to, kind: $kind) { from to kind auditEventId } }";

#[tokio::test]
async fn owner_of_from_only_cannot_link() {
    let app = spawn_app().await;
    let provider = format!("test-path-provider-{:08x}", rand::random::<u32>());
    let f = Fixture::new(29)
        .program("own", ProgramSpec { provider: Some(provider.clone()), ..step(10.0, 500.0) })
        .program("theirs", ProgramSpec { provider: Some("test-path-receiver".into()), ..opens(20.0, 2_000.0) })
        .build(&app)
        .await;
    let variables = json!({ "from": f.id("own"), "to": f.id("theirs"), "kind": "STACKS_INTO" });

    let response = app.post_graphql_as(&provider_token(&provider), LINK, variables).await;

    assert_eq!(error_of(&response.body).0, "FORBIDDEN");

    f.remove(&app).await;
}

#[tokio::test]
async fn credit_above_program_hours_rejected() {
    let app = spawn_app().await;
    let provider = format!("test-path-provider-{:08x}", rand::random::<u32>());
    let f = Fixture::new(27)
        .program("first", ProgramSpec { provider: Some(provider.clone()), credits: Some(8.0), ..step(10.0, 500.0) })
        .program("second", ProgramSpec { provider: Some(provider.clone()), ..opens(20.0, 2_000.0) })
        .build(&app)
        .await;
    let variables = json!({ "from": f.id("first"), "to": f.id("second"), "kind": "STACKS_INTO", "credit": 500.0 });

    let response = app.post_graphql_as(&provider_token(&provider), LINK, variables).await;

    assert_eq!(error_of(&response.body), ("BAD_USER_INPUT".to_string(), "creditCarried".to_string()));
    let message = response.body["errors"][0]["message"].as_str().unwrap();
    assert!(message.contains("at most 8"), "{message}");

    f.remove(&app).await;
}

#[tokio::test]
async fn unlink_removes_entered_link() {
    let app = spawn_app().await;
    let (f, provider) = owned_pair(&app, 28).await;
    let auth = provider_token(&provider);
    let variables = json!({ "from": f.id("first"), "to": f.id("second"), "kind": "STACKS_INTO" });
    TestApp::data(&app.post_graphql_as(&auth, LINK, variables.clone()).await);

    let removed = app.query_data_as(&auth, UNLINK, variables.clone()).await;
    let stack = app.query_data(STACK, json!({ "id": f.id("first") })).await;
    let again = app.post_graphql_as(&auth, UNLINK, variables).await;

    assert_eq!(removed["unlinkPrograms"]["to"], Value::String(f.id("second")));
    assert_eq!(stack["stackability"]["up"], json!([]));
    assert_eq!(error_of(&again.body).0, "NOT_FOUND");

    f.remove(&app).await;
}

#[tokio::test]
async fn anonymous_caller_cannot_link() {
    let app = spawn_app().await;
    let (f, _) = owned_pair(&app, 24).await;
    let variables = json!({ "from": f.id("first"), "to": f.id("second"), "kind": "STACKS_INTO" });

    let response = app.post_graphql(LINK, variables).await;

    assert_eq!(error_of(&response.body).0, "UNAUTHENTICATED");

    f.remove(&app).await;
}

#[tokio::test]
async fn bad_link_input_names_field() {
    let app = spawn_app().await;
    let (f, provider) = owned_pair(&app, 25).await;
    let cases = [
        (json!({ "from": f.id("first"), "to": f.id("first"), "kind": "STACKS_INTO" }), "BAD_USER_INPUT", "to"),
        (json!({ "from": f.id("first"), "to": f.id("second"), "kind": "STACKS_INTO", "credit": -1.0 }), "BAD_USER_INPUT", "creditCarried"),
        (json!({ "from": f.id("first"), "to": f.id("second"), "kind": "STACKS_INTO", "note": "x".repeat(501) }), "BAD_USER_INPUT", "note"),
        (json!({ "from": f.id("first"), "to": f.id("missing"), "kind": "STACKS_INTO" }), "NOT_FOUND", "(none)"),
    ];
    for (variables, code, field) in cases {
        let response = app.post_graphql_as(&provider_token(&provider), LINK, variables.clone()).await;
        let (found_code, found_field) = error_of(&response.body);
        assert_eq!(found_code, code, "{variables}");
        assert_eq!(found_field, field, "{variables}");
    }

    f.remove(&app).await;
}

#[tokio::test]
async fn ctdl_requires_becomes_prerequisite_link() {
    let app = spawn_app().await;
    let (f, _) = owned_pair(&app, 26).await;
    let suffix = format!("{:08x}", rand::random::<u32>());
    let first_ctid = format!("ce-{suffix}-0000-4000-8000-000000000001");
    let second = json!({ "ceterms:requires": [{ "ceterms:targetCredential": [format!("https://credentialengineregistry.org/resources/{first_ctid}")] }] });
    let records = vec![
        (f.id("first"), first_ctid.clone(), json!({}).to_string()),
        (f.id("second"), format!("ce-{suffix}-0000-4000-8000-000000000002"), second.to_string()),
    ];

    let links = derive_links(&records);
    store_links(&app.graph, &links).await.unwrap();

    let data = app.query_data(STACK, json!({ "id": f.id("second") })).await;
    let down = &data["stackability"]["down"][0];
    assert_eq!(down["id"], Value::String(f.id("first")));
    assert_eq!(down["linkKind"], "PREREQUISITE_FOR");

    f.remove(&app).await;
}

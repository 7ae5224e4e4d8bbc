//! Record registration: validation, versions, audit trail and verification status.
//! Every test writes records under its own random provider id.

use serde_json::{json, Value};

use crate::fixtures::unique;
use crate::helpers::{spawn_app, token, GraphqlResponse, TestApp};

pub const CREATE_PROGRAM: &str = "mutation Create($input: ProgramInput!, $providerId: String) {
  createProgram(input: $input, providerId: $providerId) { id registryId version verificationStatus }
}";

pub const UPDATE_PROGRAM: &str = "mutation Update($id: ID!, $version: Int!, $input: ProgramInput!) {
  updateProgram(id: $id, version: $version, input: $input) { id version verificationStatus }
}";

const READ_PROGRAM: &str = "query Read($id: ID!) { program(id: $id) { name state version verificationStatus retired } }";

const AUDIT_TRAIL: &str = "query Audit($id: ID!) {
  auditTrail(recordId: $id) { action actor version at changes { field old new } }
}";

/// Returns the first error's `extensions`, failing when the response has none.
#[track_caller]
pub fn first_error(response: &GraphqlResponse) -> &Value {
    response.body["errors"].get(0).unwrap_or_else(|| panic!("expected an error, got {}", response.body))
}

/// Creates a program as `token` and returns its global id.
pub async fn create_program(app: &TestApp, token: &str, name: &str) -> String {
    let response = app.post_graphql_as(token, CREATE_PROGRAM, json!({ "input": { "name": name, "state": "NJ" } })).await;
    TestApp::data(&response)["createProgram"]["id"].as_str().expect("created program has an id").to_string()
}

#[tokio::test]
async fn contributor_program_awaits_verification() {
    let app = spawn_app().await;
    let contributor = token(&["contributor"], json!({ "provider_id": unique("contrib") }));

    let created = app.post_graphql_as(&contributor, CREATE_PROGRAM, json!({ "input": { "name": "Welding Basics", "state": "nj", "cipCode": "48.0508" } })).await;
    let created = TestApp::data(&created)["createProgram"].clone();
    let read = app.query_data(READ_PROGRAM, json!({ "id": created["id"] })).await;

    assert_eq!(created["version"], 1);
    assert_eq!(created["verificationStatus"], "AWAITING_VERIFICATION");
    assert!(created["id"].as_str().unwrap().starts_with("Program:prg-"));
    assert_eq!(read["program"]["name"], "Welding Basics");
    assert_eq!(read["program"]["state"], "NJ");
    assert_eq!(read["program"]["verificationStatus"], "AWAITING_VERIFICATION");
    assert_eq!(read["program"]["version"], 1);
}

#[tokio::test]
async fn stale_version_update_is_conflict() {
    let app = spawn_app().await;
    let contributor = token(&["contributor"], json!({ "provider_id": unique("contrib") }));
    let id = create_program(&app, &contributor, "Welding I").await;

    let first = app.post_graphql_as(&contributor, UPDATE_PROGRAM, json!({ "id": id, "version": 1, "input": { "name": "Welding II" } })).await;
    let stale = app.post_graphql_as(&contributor, UPDATE_PROGRAM, json!({ "id": id, "version": 1, "input": { "name": "Welding III" } })).await;
    let read = app.query_data(READ_PROGRAM, json!({ "id": id })).await;

    assert_eq!(TestApp::data(&first)["updateProgram"]["version"], 2);
    assert_eq!(first_error(&stale)["extensions"]["code"], "CONFLICT");
    assert_eq!(first_error(&stale)["extensions"]["currentVersion"], 2);
    assert!(first_error(&stale)["message"].as_str().unwrap().contains("version 2"));
    assert_eq!(read["program"]["name"], "Welding II");
}

#[tokio::test]
async fn audit_trail_shows_both_writes() {
    let app = spawn_app().await;
    let contributor = token(&["contributor"], json!({ "provider_id": unique("contrib") }));
    let id = create_program(&app, &contributor, "Pipefitting").await;
    let update = app.post_graphql_as(&contributor, UPDATE_PROGRAM, json!({ "id": id, "version": 1, "input": { "name": "Pipefitting II" } })).await;
    TestApp::data(&update);

    let trail = app.post_graphql_as(&contributor, AUDIT_TRAIL, json!({ "id": id })).await;
    let events = TestApp::data(&trail)["auditTrail"].as_array().unwrap().clone();

    assert_eq!(events.len(), 2);
    assert_eq!(events[0]["action"], "CREATE");
    assert_eq!(events[0]["version"], 1);
    assert_eq!(events[1]["action"], "UPDATE");
    assert_eq!(events[1]["version"], 2);
    assert_eq!(events[1]["changes"], json!([{ "field": "name", "old": "Pipefitting", "new": "Pipefitting II" }]));
    assert!(events[0]["actor"].as_str().unwrap().starts_with("actor:"));
    assert!(!events[0]["actor"].as_str().unwrap().contains("user-1"));
}

#[tokio::test]
async fn audit_trail_refused_to_other_provider() {
    let app = spawn_app().await;
    let owner = token(&["contributor"], json!({ "provider_id": unique("contrib") }));
    let other = token(&["provider"], json!({ "provider_id": unique("prov") }));
    let id = create_program(&app, &owner, "Masonry").await;

    let response = app.post_graphql_as(&other, AUDIT_TRAIL, json!({ "id": id })).await;
    let anonymous = app.post_graphql(AUDIT_TRAIL, json!({ "id": id })).await;

    assert_eq!(first_error(&response)["extensions"]["code"], "FORBIDDEN");
    assert_eq!(first_error(&response)["extensions"]["reason"], "PROVIDER_SCOPE");
    assert_eq!(first_error(&anonymous)["extensions"]["code"], "UNAUTHENTICATED");
}

#[tokio::test]
async fn invalid_field_is_named() {
    let app = spawn_app().await;
    let contributor = token(&["contributor"], json!({ "provider_id": unique("contrib") }));

    let bad_state = app.post_graphql_as(&contributor, CREATE_PROGRAM, json!({ "input": { "name": "X", "state": "New Jersey" } })).await;
    let missing_name = app.post_graphql_as(&contributor, CREATE_PROGRAM, json!({ "input": { "state": "NJ" } })).await;
    let bad_cip = app.post_graphql_as(&contributor, CREATE_PROGRAM, json!({ "input": { "name": "X", "cipCode": "48-0508" } })).await;

    assert_eq!(first_error(&bad_state)["extensions"]["code"], "BAD_USER_INPUT");
    assert_eq!(first_error(&bad_state)["extensions"]["field"], "state");
    assert!(first_error(&bad_state)["message"].as_str().unwrap().contains("New Jersey"));
    assert_eq!(first_error(&missing_name)["extensions"]["field"], "name");
    assert_eq!(first_error(&bad_cip)["extensions"]["field"], "cipCode");
}

#[tokio::test]
async fn seeded_program_reads_public_source() {
    let app = spawn_app().await;
    let data = app.query_data("{ programs(first: 1) { edges { node { version verificationStatus } } } }", json!({})).await;
    let node = &data["programs"]["edges"][0]["node"];

    assert_eq!(node["verificationStatus"], "PUBLIC_SOURCE");
    assert_eq!(node["version"], 0);
}

#[tokio::test]
async fn admin_verification_marks_reviewed() {
    let app = spawn_app().await;
    let contributor = token(&["contributor"], json!({ "provider_id": unique("contrib") }));
    let admin = token(&["admin"], json!({}));
    let id = create_program(&app, &contributor, "Carpentry").await;

    let verified = app.post_graphql_as(&admin, "mutation($id: ID!) { verifyRecord(id: $id, version: 1) { version verificationStatus } }", json!({ "id": id })).await;
    let read = app.query_data(READ_PROGRAM, json!({ "id": id })).await;

    assert_eq!(TestApp::data(&verified)["verifyRecord"]["verificationStatus"], "VERIFIED_BY_REVIEWER");
    assert_eq!(read["program"]["verificationStatus"], "VERIFIED_BY_REVIEWER");
    assert_eq!(read["program"]["version"], 2);
}

#[tokio::test]
async fn retired_program_cannot_change() {
    let app = spawn_app().await;
    let contributor = token(&["contributor"], json!({ "provider_id": unique("contrib") }));
    let id = create_program(&app, &contributor, "Drafting").await;

    let retired = app.post_graphql_as(&contributor, "mutation($id: ID!) { retireRecord(id: $id, version: 1) { version } }", json!({ "id": id })).await;
    let update = app.post_graphql_as(&contributor, UPDATE_PROGRAM, json!({ "id": id, "version": 2, "input": { "name": "Drafting II" } })).await;
    let read = app.query_data(READ_PROGRAM, json!({ "id": id })).await;

    assert_eq!(TestApp::data(&retired)["retireRecord"]["version"], 2);
    assert_eq!(first_error(&update)["extensions"]["code"], "CONFLICT");
    assert_eq!(read["program"]["retired"], true);
    assert_eq!(read["program"]["name"], "Drafting");
}

#[tokio::test]
async fn service_and_course_are_registered() {
    let app = spawn_app().await;
    let provider = token(&["provider"], json!({ "provider_id": unique("prov") }));

    let service = app
        .post_graphql_as(&provider, "mutation { createService(input: {name: \"County SNAP office\", kind: SNAP, state: \"NJ\"}) { id verificationStatus } }", json!({}))
        .await;
    let course = app
        .post_graphql_as(&provider, "mutation { createCourse(input: {name: \"Blueprint reading\", creditHours: 3}) { id } }", json!({}))
        .await;
    let service_id = TestApp::data(&service)["createService"]["id"].clone();
    let read = app.query_data("query($id: ID!) { registryRecord(id: $id) { kind version fields } }", json!({ "id": service_id })).await;

    assert_eq!(TestApp::data(&service)["createService"]["verificationStatus"], "VERIFIED_PROVIDER");
    assert!(TestApp::data(&course)["createCourse"]["id"].as_str().unwrap().starts_with("Course:crs-"));
    assert_eq!(read["registryRecord"]["kind"], "Service");
    assert_eq!(read["registryRecord"]["fields"]["kind"], "SNAP");
}

#[tokio::test]
async fn program_cip_code_classifies_program() {
    let app = spawn_app().await;
    let provider = token(&["provider"], json!({ "provider_id": unique("prov") }));
    let created = app.query_data_as(&provider, CREATE_PROGRAM, json!({ "input": { "name": "Welding", "cipCode": "48.0508" } })).await;
    let id = created["createProgram"]["id"].as_str().unwrap().to_string();
    let read = "query($id: ID!) { program(id: $id) { codes { system code } occupations { socCode } } }";

    let before = app.query_data(read, json!({ "id": id })).await;
    let update = json!({ "id": id, "version": 1, "input": { "cipCode": "51.3901" } });
    app.query_data_as(&provider, UPDATE_PROGRAM, update).await;
    let after = app.query_data(read, json!({ "id": id })).await;

    let cips = |data: &Value| -> Vec<String> {
        data["program"]["codes"].as_array().unwrap().iter().filter(|c| c["system"] == "CIP").map(|c| c["code"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(cips(&before), vec!["48.0508"]);
    assert!(before["program"]["occupations"].as_array().unwrap().iter().any(|o| o["socCode"] == "51-4121"), "{before}");
    assert_eq!(cips(&after), vec!["51.3901"]);
}

#[tokio::test]
async fn unknown_cip_code_rejected() {
    let app = spawn_app().await;
    let provider = token(&["provider"], json!({ "provider_id": unique("prov") }));

    let response = app.post_graphql_as(&provider, CREATE_PROGRAM, json!({ "input": { "name": "Mystery", "cipCode": "99.9998" } })).await;

    assert_eq!(first_error(&response)["extensions"]["field"], "cipCode");
    assert!(first_error(&response)["message"].as_str().unwrap().contains("99.9998"));
}

#[tokio::test]
async fn registered_course_reads_back_in_program() {
    let app = spawn_app().await;
    let provider_id = unique("prov");
    let provider = token(&["provider"], json!({ "provider_id": provider_id }));
    let program_id = create_program(&app, &provider, "Drafting certificate").await;
    let create = "mutation($p: String) { createCourse(input: {name: \"Blueprint reading\", courseCode: \"DFT-101\", programId: $p}) { id } }";

    let course = app.query_data_as(&provider, create, json!({ "p": program_id })).await;
    let course_id = course["createCourse"]["id"].as_str().unwrap().to_string();
    let read = app.query_data("query($id: ID!) { course(id: $id) { title code } }", json!({ "id": course_id })).await;
    let program = app.query_data("query($id: ID!) { program(id: $id) { courses { course { code } } } }", json!({ "id": program_id })).await;

    assert_eq!(read["course"]["title"], "Blueprint reading");
    assert_eq!(read["course"]["code"], "DFT-101");
    assert_eq!(program["program"]["courses"][0]["course"]["code"], "DFT-101");
}

#[tokio::test]
async fn course_rejects_other_providers_program() {
    let app = spawn_app().await;
    let owner = token(&["provider"], json!({ "provider_id": unique("prov") }));
    let program_id = create_program(&app, &owner, "Welding diploma").await;
    let other = token(&["provider"], json!({ "provider_id": unique("prov") }));
    let create = "mutation($p: String) { createCourse(input: {name: \"Cutting\", programId: $p}) { id } }";

    let foreign = app.post_graphql_as(&other, create, json!({ "p": program_id })).await;
    let missing = app.post_graphql_as(&other, create, json!({ "p": "prg-does-not-exist" })).await;

    assert_eq!(first_error(&foreign)["extensions"]["field"], "programId");
    assert_eq!(first_error(&missing)["extensions"]["field"], "programId");
    assert_eq!(first_error(&missing)["extensions"]["code"], "BAD_USER_INPUT");
}

#[tokio::test]
async fn retired_program_leaves_lists() {
    let app = spawn_app().await;
    let provider_id = unique("contrib");
    let contributor = token(&["contributor"], json!({ "provider_id": provider_id }));
    let id = create_program(&app, &contributor, "Pipe fitting").await;
    let list = "query($p: String) { programs(filter: { providerId: $p }) { totalCount edges { node { registryId } } } }";
    let before = app.query_data(list, json!({ "p": provider_id })).await;

    app.post_graphql_as(&contributor, "mutation($id: ID!) { retireRecord(id: $id, version: 1) { version } }", json!({ "id": id })).await;
    let after = app.query_data(list, json!({ "p": provider_id })).await;

    assert_eq!(before["programs"]["totalCount"], 1);
    assert_eq!(after["programs"]["totalCount"], 0);
    assert_eq!(after["programs"]["edges"], json!([]));
}

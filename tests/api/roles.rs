//! Each role against resolvers it may and may not use, and the audience rule of closed
//! opportunities.

use serde_json::{json, Value};

use crate::helpers::{spawn_app, token, TestApp};
use crate::fixtures::unique;
use crate::registration::{create_program, first_error, CREATE_PROGRAM, UPDATE_PROGRAM};

const CREATE_WAGE: &str = "mutation($input: RegionalWageInput!) { createRegionalWage(input: $input) { id verificationStatus } }";

const CREATE_OPPORTUNITY: &str = "mutation($input: OpportunityInput!) { createOpportunity(input: $input) { id } }";

const READ_OPPORTUNITY: &str = "query($id: ID!) { opportunity(id: $id) { title publication schemaOrg } }";

fn program_input() -> Value {
    json!({ "input": { "name": "Role check program", "state": "NJ" } })
}

/// Returns `(code, reason)` of the first error.
fn denial(response: &crate::helpers::GraphqlResponse) -> (String, String) {
    let extensions = &first_error(response)["extensions"];
    (extensions["code"].as_str().unwrap_or_default().to_string(), extensions["reason"].as_str().unwrap_or_default().to_string())
}

#[tokio::test]
async fn anonymous_create_is_unauthenticated() {
    let app = spawn_app().await;
    let response = app.post_graphql(CREATE_PROGRAM, program_input()).await;

    assert_eq!(denial(&response), ("UNAUTHENTICATED".into(), "AUTHENTICATION_REQUIRED".into()));
}

#[tokio::test]
async fn learner_and_counselor_cannot_create() {
    let app = spawn_app().await;
    let learner = token(&["learner"], json!({ "learner_id": unique("learner") }));
    let counselor = token(&["counselor"], json!({}));

    let as_learner = app.post_graphql_as(&learner, CREATE_PROGRAM, program_input()).await;
    let as_counselor = app.post_graphql_as(&counselor, CREATE_PROGRAM, program_input()).await;

    assert_eq!(denial(&as_learner), ("FORBIDDEN".into(), "MISSING_ROLE".into()));
    assert_eq!(denial(&as_counselor), ("FORBIDDEN".into(), "MISSING_ROLE".into()));
}

#[tokio::test]
async fn paid_roles_create_verified_records() {
    let app = spawn_app().await;
    for role in ["provider", "issuer"] {
        let caller = token(&[role], json!({ "provider_id": unique(role) }));
        let response = app.post_graphql_as(&caller, CREATE_PROGRAM, program_input()).await;

        assert_eq!(TestApp::data(&response)["createProgram"]["verificationStatus"], "VERIFIED_PROVIDER", "role {role}");
    }
}

#[tokio::test]
async fn provider_cannot_write_for_other_provider() {
    let app = spawn_app().await;
    let owner = token(&["provider"], json!({ "provider_id": unique("prov") }));
    let other = token(&["provider"], json!({ "provider_id": unique("prov") }));
    let id = create_program(&app, &owner, "Owned program").await;

    let create_for_owner = app.post_graphql_as(&other, CREATE_PROGRAM, json!({ "input": { "name": "X" }, "providerId": "nj-etpl-133" })).await;
    let update = app.post_graphql_as(&other, UPDATE_PROGRAM, json!({ "id": id, "version": 1, "input": { "name": "Taken over" } })).await;

    assert_eq!(denial(&create_for_owner), ("FORBIDDEN".into(), "PROVIDER_SCOPE".into()));
    assert_eq!(denial(&update), ("FORBIDDEN".into(), "PROVIDER_SCOPE".into()));
}

#[tokio::test]
async fn seeded_program_changes_only_by_admin() {
    let app = spawn_app().await;
    let contributor = token(&["contributor"], json!({ "provider_id": unique("contrib") }));
    let data = app.query_data("{ programs(first: 1) { edges { node { id } } } }", json!({})).await;
    let id = data["programs"]["edges"][0]["node"]["id"].clone();

    let response = app.post_graphql_as(&contributor, UPDATE_PROGRAM, json!({ "id": id, "version": 0, "input": { "name": "Renamed" } })).await;

    assert_eq!(first_error(&response)["extensions"]["code"], "FORBIDDEN");
}

#[tokio::test]
async fn only_admin_verifies_records() {
    let app = spawn_app().await;
    let provider = token(&["provider"], json!({ "provider_id": unique("prov") }));
    let id = create_program(&app, &provider, "Verify me").await;

    let response = app.post_graphql_as(&provider, "mutation($id: ID!) { verifyRecord(id: $id, version: 1) { version } }", json!({ "id": id })).await;

    assert_eq!(denial(&response), ("FORBIDDEN".into(), "MISSING_ROLE".into()));
}

#[tokio::test]
async fn state_portal_writes_own_state_only() {
    let app = spawn_app().await;
    let portal = token(&["state_portal"], json!({ "state": "NJ" }));
    let contributor = token(&["contributor"], json!({ "provider_id": unique("contrib") }));
    let wage = |state: &str| json!({ "input": { "occupationCode": "51-4121", "state": state, "medianAnnualWage": 52000.0, "year": 2024 } });

    let own = app.post_graphql_as(&portal, CREATE_WAGE, wage("NJ")).await;
    let other = app.post_graphql_as(&portal, CREATE_WAGE, wage("NY")).await;
    let not_portal = app.post_graphql_as(&contributor, CREATE_WAGE, wage("NJ")).await;

    assert_eq!(TestApp::data(&own)["createRegionalWage"]["verificationStatus"], "VERIFIED_PROVIDER");
    assert_eq!(denial(&other), ("FORBIDDEN".into(), "STATE_SCOPE".into()));
    assert_eq!(denial(&not_portal), ("FORBIDDEN".into(), "MISSING_ROLE".into()));
}

#[tokio::test]
async fn closed_opportunity_hidden_from_outsiders() {
    let app = spawn_app().await;
    let poster_provider = unique("prov");
    let poster = token(&["provider"], json!({ "provider_id": poster_provider }));
    let audience_learner = unique("learner");
    let input = json!({ "input": {
        "title": "Welder apprentice, closed cohort", "kind": "APPRENTICESHIP", "publication": "CLOSED",
        "audienceLearnerIds": [audience_learner], "audienceRoles": ["counselor"]
    } });
    let created = app.post_graphql_as(&poster, CREATE_OPPORTUNITY, input).await;
    let id = TestApp::data(&created)["createOpportunity"]["id"].clone();
    let vars = json!({ "id": id });

    let readers = [
        ("anonymous", None, false),
        ("other learner", Some(token(&["learner"], json!({ "learner_id": unique("learner") }))), false),
        ("other provider", Some(token(&["provider"], json!({ "provider_id": unique("prov") }))), false),
        ("listed learner", Some(token(&["learner"], json!({ "learner_id": audience_learner }))), true),
        ("counselor", Some(token(&["counselor"], json!({}))), true),
        ("poster", Some(poster.clone()), true),
        ("admin", Some(token(&["admin"], json!({}))), true),
    ];
    for (who, reader, may_see) in readers {
        let response = match &reader {
            Some(t) => app.post_graphql_as(t, READ_OPPORTUNITY, vars.clone()).await,
            None => app.post_graphql(READ_OPPORTUNITY, vars.clone()).await,
        };
        let opportunity = &TestApp::data(&response)["opportunity"];

        assert_eq!(!opportunity.is_null(), may_see, "{who} sees {opportunity}");
    }

    let listed = token(&["learner"], json!({ "learner_id": audience_learner }));
    let as_listed = app.post_graphql_as(&listed, "query($id: ID!) { registryRecord(id: $id) { fields } }", vars.clone()).await;
    let as_poster = app.post_graphql_as(&poster, "query($id: ID!) { registryRecord(id: $id) { fields } }", vars.clone()).await;

    assert!(TestApp::data(&as_listed)["registryRecord"]["fields"].get("audienceLearnerIds").is_none());
    assert_eq!(TestApp::data(&as_poster)["registryRecord"]["fields"]["audienceLearnerIds"], json!([audience_learner]));

    let outsider = token(&["learner"], json!({ "learner_id": unique("learner") }));
    let trail = app.post_graphql_as(&outsider, "query($id: ID!) { auditTrail(recordId: $id) { action } }", vars.clone()).await;
    let list = app.post_graphql_as(&outsider, "{ opportunities(first: 100) { id } }", json!({})).await;
    let listed: Vec<Value> = TestApp::data(&list)["opportunities"].as_array().unwrap().iter().map(|o| o["id"].clone()).collect();

    assert_eq!(first_error(&trail)["extensions"]["code"], "NOT_FOUND");
    assert!(!listed.contains(&id));
}

#[tokio::test]
async fn open_opportunity_has_job_posting() {
    let app = spawn_app().await;
    let poster = token(&["provider"], json!({ "provider_id": unique("prov") }));
    let input = json!({ "input": {
        "title": "CNC machinist", "kind": "JOB", "publication": "OPEN", "employerName": "Acme Tool",
        "city": "Newark", "state": "NJ", "salaryMin": 48000.0, "salaryMax": 61000.0, "validThrough": "2027-06-30",
        "socCode": "51-4041"
    } });
    let created = app.post_graphql_as(&poster, CREATE_OPPORTUNITY, input).await;
    let id = TestApp::data(&created)["createOpportunity"]["id"].clone();

    let data = app.query_data(READ_OPPORTUNITY, json!({ "id": id })).await;
    let posting = &data["opportunity"]["schemaOrg"];

    assert_eq!(posting["@type"], "JobPosting");
    assert_eq!(posting["title"], "CNC machinist");
    assert_eq!(posting["hiringOrganization"]["name"], "Acme Tool");
    assert_eq!(posting["jobLocation"]["address"]["addressRegion"], "NJ");
    assert_eq!(posting["baseSalary"]["value"]["maxValue"], 61000.0);
    assert_eq!(posting["validThrough"], "2027-06-30");
}

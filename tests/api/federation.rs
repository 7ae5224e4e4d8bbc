//! Apollo Federation v2 subgraph: `_service { sdl }` and `_entities` by natural ids.

use serde_json::{json, Value};

use crate::helpers::{spawn_app, token, TestApp};
use crate::fixtures::unique;

const ENTITIES: &str = r#"
query Entities($representations: [_Any!]!) {
  _entities(representations: $representations) {
    __typename
    ... on Program { registryId name }
    ... on Provider { registryId name }
    ... on Occupation { socCode onetSocCode title }
    ... on Skill { elementId name }
  }
}"#;

async fn entities(app: &TestApp, representations: Value) -> Vec<Value> {
    let data = app.query_data(ENTITIES, json!({ "representations": representations })).await;
    data["_entities"].as_array().expect("_entities is a list").clone()
}

#[tokio::test]
async fn service_sdl_links_federation_v2() {
    let app = spawn_app().await;
    let data = app.query_data("{ _service { sdl } }", json!({})).await;
    let sdl = data["_service"]["sdl"].as_str().unwrap();

    assert!(sdl.contains("extend schema @link("), "{sdl}");
    assert!(sdl.contains("https://specs.apollo.dev/federation/v2."), "{sdl}");
    assert!(sdl.contains("@key(fields: \"registryId\")"), "{sdl}");
    assert!(sdl.contains("@key(fields: \"socCode\")"), "{sdl}");
}

#[tokio::test]
async fn entities_resolve_each_natural_key() {
    let app = spawn_app().await;
    let found = entities(&app, json!([
        { "__typename": "Program", "registryId": "nj-etpl-64-48.0508" },
        { "__typename": "Provider", "registryId": "ipeds-100654" },
        { "__typename": "Occupation", "onetSocCode": "29-2061.00" },
        { "__typename": "Occupation", "socCode": "51-4121" },
        { "__typename": "Skill", "elementId": "2.A.1.a" },
    ]))
    .await;

    assert_eq!(found.len(), 5);
    assert_eq!(found[0]["__typename"], "Program");
    assert_eq!(found[0]["name"], "Welding Technology/Welder");
    assert_eq!(found[1]["registryId"], "ipeds-100654");
    assert_eq!(found[2]["onetSocCode"], "29-2061.00");
    assert_eq!(found[3]["socCode"], "51-4121");
    assert_eq!(found[4]["elementId"], "2.A.1.a");
}

#[tokio::test]
async fn entities_soc_key_picks_lowest_onet_code() {
    let app = spawn_app().await;
    let found = entities(&app, json!([{ "__typename": "Occupation", "socCode": "51-4121" }])).await;

    assert_eq!(found[0]["onetSocCode"], "51-4121.00");
}

#[tokio::test]
async fn entities_missing_record_is_null() {
    let app = spawn_app().await;
    let response = app
        .post_graphql(ENTITIES, json!({ "representations": [
            { "__typename": "Program", "registryId": "no-such-program" },
            { "__typename": "Program", "registryId": "nj-etpl-64-48.0508" },
            { "__typename": "Occupation", "socCode": "99-9999" },
            { "__typename": "Skill", "elementId": "9.Z.9" },
        ] }))
        .await;
    let found = TestApp::data(&response)["_entities"].as_array().unwrap().clone();

    assert_eq!(found.len(), 4);
    assert!(found[0].is_null(), "{}", found[0]);
    assert_eq!(found[1]["registryId"], "nj-etpl-64-48.0508");
    assert!(found[2].is_null(), "{}", found[2]);
    assert!(found[3].is_null(), "{}", found[3]);
}

#[tokio::test]
async fn entities_keep_representation_order() {
    let app = spawn_app().await;
    let found = entities(&app, json!([
        { "__typename": "Skill", "elementId": "2.A.1.b" },
        { "__typename": "Program", "registryId": "nj-etpl-68-48.0508" },
        { "__typename": "Skill", "elementId": "2.A.1.a" },
    ]))
    .await;

    assert_eq!(found[0]["elementId"], "2.A.1.b");
    assert_eq!(found[1]["registryId"], "nj-etpl-68-48.0508");
    assert_eq!(found[2]["elementId"], "2.A.1.a");
}

#[tokio::test]
async fn entities_unknown_typename_is_error() {
    let app = spawn_app().await;
    let (_, message) = app
        .query_error(ENTITIES, json!({ "representations": [{ "__typename": "Wallet", "id": "1" }] }))
        .await;

    assert!(message.contains("Entity not found"), "{message}");
}

/// Program registry ids, and occupation SOC and O*NET-SOC codes, of the first `count` records.
async fn natural_keys(app: &TestApp, count: i64) -> (Vec<String>, Vec<(String, String)>) {
    let data = app
        .query_data(
            "query Keys($first: Int) { programs(first: $first) { edges { node { registryId } } } occupations(first: $first) { edges { node { socCode onetSocCode } } } }",
            json!({ "first": count }),
        )
        .await;
    let programs = data["programs"]["edges"].as_array().unwrap().iter().map(|e| e["node"]["registryId"].as_str().unwrap().to_string()).collect();
    let occupations = data["occupations"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["node"]["socCode"].as_str().unwrap().to_string(), e["node"]["onetSocCode"].as_str().unwrap().to_string()))
        .collect();
    (programs, occupations)
}

/// Loaders one mixed `_entities` request uses: programs, occupations by O*NET-SOC code,
/// occupations by SOC code and skills.
const ENTITY_LOADERS: u64 = 4;

#[tokio::test]
async fn hundred_entities_run_bounded_statements() {
    let app = spawn_app().await;
    let (programs, occupations) = natural_keys(&app, 40).await;
    let mut representations = Vec::new();
    for id in &programs {
        representations.push(json!({ "__typename": "Program", "registryId": id }));
    }
    for (soc, onet) in occupations.iter().take(30) {
        representations.push(json!({ "__typename": "Occupation", "onetSocCode": onet }));
        representations.push(json!({ "__typename": "Occupation", "socCode": soc }));
    }
    representations.truncate(100);
    assert_eq!(representations.len(), 100);
    representations[99] = json!({ "__typename": "Skill", "elementId": "2.A.1.a" });

    let before = app.graph.statement_count();
    let found = entities(&app, Value::Array(representations)).await;
    let statements = app.graph.statement_count() - before;

    assert_eq!(found.len(), 100);
    assert!(found.iter().all(|e| !e.is_null()), "every representation names a seeded record");
    // A loader batch can split when resolving outlasts the batch delay, so allow one extra
    // statement per loader, but none per representation.
    assert!(statements <= 2 * ENTITY_LOADERS, "100 representations ran {statements} statements");
}

const COURSE_AND_OPPORTUNITY: &str = r#"
query Entities($representations: [_Any!]!) {
  _entities(representations: $representations) {
    __typename
    ... on Course { id code title }
    ... on Opportunity { registryId title publication }
  }
}"#;

#[tokio::test]
async fn entities_resolve_courses_and_open_opportunities() {
    let app = spawn_app().await;
    let poster = token(&["provider"], json!({ "provider_id": unique("prov") }));
    let input = json!({ "input": { "title": "Welding helper", "kind": "JOB", "publication": "OPEN" } });
    let created = app.post_graphql_as(&poster, "mutation($input: OpportunityInput!) { createOpportunity(input: $input) { id } }", input).await;
    let global_id = TestApp::data(&created)["createOpportunity"]["id"].as_str().unwrap().to_string();
    let registry_id = global_id.trim_start_matches("Opportunity:");
    let data = app.query_data(COURSE_AND_OPPORTUNITY, json!({ "representations": [
        { "__typename": "Course", "id": "ipeds-141006:course:WELD 1000" },
        { "__typename": "Opportunity", "registryId": registry_id },
        { "__typename": "Course", "id": "no-such-course" },
    ] })).await;
    let found = data["_entities"].as_array().unwrap();

    assert_eq!(found[0]["code"], "WELD 1000");
    assert_eq!(found[1]["title"], "Welding helper");
    assert!(found[2].is_null(), "{}", found[2]);
}

#[tokio::test]
async fn entities_hide_closed_opportunity_from_outsiders() {
    let app = spawn_app().await;
    let poster = token(&["provider"], json!({ "provider_id": unique("prov") }));
    let input = json!({ "input": { "title": "Closed cohort", "kind": "APPRENTICESHIP", "publication": "CLOSED", "audienceRoles": ["counselor"] } });
    let created = app.post_graphql_as(&poster, "mutation($input: OpportunityInput!) { createOpportunity(input: $input) { id } }", input).await;
    let global_id = TestApp::data(&created)["createOpportunity"]["id"].as_str().unwrap().to_string();
    let vars = json!({ "representations": [{ "__typename": "Opportunity", "registryId": global_id.trim_start_matches("Opportunity:") }] });

    let anonymous = app.query_data(COURSE_AND_OPPORTUNITY, vars.clone()).await;
    let counselor = app.post_graphql_as(&token(&["counselor"], json!({})), COURSE_AND_OPPORTUNITY, vars).await;

    assert!(anonymous["_entities"][0].is_null(), "{anonymous}");
    assert_eq!(TestApp::data(&counselor)["_entities"][0]["title"], "Closed cohort");
}

use serde_json::json;

use crate::helpers::spawn_app;

const OCCUPATIONS: &str = r#"
query Page($first: Int, $after: String, $filter: OccupationFilter) {
  occupations(first: $first, after: $after, filter: $filter) {
    totalCount
    edges { cursor node { onetSocCode title } }
    pageInfo { hasNextPage hasPreviousPage endCursor }
  }
}"#;

#[tokio::test]
async fn occupations_pages_follow_cursor_without_overlap() {
    let app = spawn_app().await;

    let first = app.query_data(OCCUPATIONS, json!({ "first": 3 })).await;
    let cursor = first["occupations"]["pageInfo"]["endCursor"].as_str().unwrap().to_string();
    let second = app.query_data(OCCUPATIONS, json!({ "first": 3, "after": cursor })).await;

    let codes = |v: &serde_json::Value| -> Vec<String> {
        v["occupations"]["edges"].as_array().unwrap().iter().map(|e| e["node"]["onetSocCode"].as_str().unwrap().to_string()).collect()
    };
    let (a, b) = (codes(&first), codes(&second));
    assert_eq!(a.len(), 3);
    assert_eq!(b.len(), 3);
    assert!(a.last().unwrap() < b.first().unwrap(), "pages overlap: {a:?} then {b:?}");
    assert_eq!(first["occupations"]["totalCount"], 1016);
    assert_eq!(first["occupations"]["pageInfo"]["hasPreviousPage"], false);
    assert_eq!(second["occupations"]["pageInfo"]["hasPreviousPage"], true);
}

#[tokio::test]
async fn occupations_last_page_has_no_next() {
    let app = spawn_app().await;
    let filter = json!({ "socPrefix": "51-41" });

    let page = app.query_data(OCCUPATIONS, json!({ "first": 100, "filter": filter })).await;
    let edges = page["occupations"]["edges"].as_array().unwrap();

    assert!(!edges.is_empty());
    assert_eq!(page["occupations"]["pageInfo"]["hasNextPage"], false);
    assert_eq!(page["occupations"]["totalCount"].as_u64().unwrap() as usize, edges.len());
}

#[tokio::test]
async fn occupations_empty_page_after_last() {
    let app = spawn_app().await;
    let filter = json!({ "socPrefix": "51-4121" });

    let page = app.query_data(OCCUPATIONS, json!({ "first": 1, "filter": filter })).await;
    let cursor = page["occupations"]["pageInfo"]["endCursor"].as_str().unwrap().to_string();
    let next = app.query_data(OCCUPATIONS, json!({ "first": 5, "after": cursor, "filter": filter })).await;

    assert_eq!(next["occupations"]["edges"].as_array().unwrap().len(), 0);
    assert_eq!(next["occupations"]["pageInfo"]["hasNextPage"], false);
}

#[tokio::test]
async fn occupations_invalid_cursor_is_bad_input() {
    let app = spawn_app().await;
    let (code, message) = app.query_error(OCCUPATIONS, json!({ "first": 2, "after": "bm90LWEtY3Vyc29y!" })).await;

    assert_eq!(code, "BAD_USER_INPUT");
    assert!(message.contains("bm90LWEtY3Vyc29y!"), "{message}");
}

#[tokio::test]
async fn occupations_first_over_limit_is_bad_input() {
    let app = spawn_app().await;
    let (code, message) = app.query_error(OCCUPATIONS, json!({ "first": 1000 })).await;

    assert_eq!(code, "BAD_USER_INPUT");
    assert!(message.contains("1000"), "{message}");
}

#[tokio::test]
async fn occupations_text_filter_matches_alternate_titles() {
    let app = spawn_app().await;
    let page = app.query_data(OCCUPATIONS, json!({ "first": 50, "filter": { "text": "welder fitter" } })).await;
    let codes: Vec<&str> = page["occupations"]["edges"].as_array().unwrap().iter().map(|e| e["node"]["onetSocCode"].as_str().unwrap()).collect();

    assert!(codes.contains(&"51-4121.00"), "{codes:?}");
}

#[tokio::test]
async fn programs_filter_by_state_and_cip() {
    let app = spawn_app().await;
    let query = r#"query { programs(first: 10, filter: { state: "nj", cip: "48.0508" }) {
        totalCount edges { node { registryId state onStateTrainingProviderList provider { name state } codes { system code } } } } }"#;

    let data = app.query_data(query, json!({})).await;
    let edges = data["programs"]["edges"].as_array().unwrap();

    assert!(!edges.is_empty());
    for edge in edges {
        assert_eq!(edge["node"]["state"], "NJ");
        assert!(edge["node"]["codes"].as_array().unwrap().iter().any(|c| c["code"] == "48.0508"));
    }
    // Programs other tests register run alongside, so the list checks apply to seeded ones.
    for edge in edges.iter().filter(|e| e["node"]["registryId"].as_str().unwrap().starts_with("nj-etpl-")) {
        assert_eq!(edge["node"]["onStateTrainingProviderList"], true);
        assert_eq!(edge["node"]["provider"]["state"], "NJ");
    }
}

#[tokio::test]
async fn programs_bad_state_is_bad_input() {
    let app = spawn_app().await;
    let (code, message) = app.query_error(r#"{ programs(filter: { state: "New Jersey" }) { totalCount } }"#, json!({})).await;

    assert_eq!(code, "BAD_USER_INPUT");
    assert!(message.contains("New Jersey"), "{message}");
}

#[tokio::test]
async fn providers_filter_by_text_and_state() {
    let app = spawn_app().await;
    let query = r#"{ providers(first: 5, filter: { text: "technical college", state: "GA" }) {
        edges { node { name state kind codes { system code } } } } }"#;

    let data = app.query_data(query, json!({})).await;
    let edges = data["providers"]["edges"].as_array().unwrap();

    assert!(!edges.is_empty());
    for edge in edges {
        assert_eq!(edge["node"]["state"], "GA");
        assert!(edge["node"]["name"].as_str().unwrap().to_lowercase().contains("technical college"));
        assert_eq!(edge["node"]["codes"][0]["system"], "IPEDS");
    }
}

#[tokio::test]
async fn skills_filter_by_kind() {
    let app = spawn_app().await;
    let data = app.query_data(r#"{ skills(first: 100, filter: { kind: KNOWLEDGE }) { totalCount edges { node { kind elementId } } } }"#, json!({})).await;

    assert_eq!(data["skills"]["totalCount"], 33);
    assert!(data["skills"]["edges"].as_array().unwrap().iter().all(|e| e["node"]["kind"] == "KNOWLEDGE"));
}

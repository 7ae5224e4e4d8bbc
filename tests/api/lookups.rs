use serde_json::json;

use crate::helpers::spawn_app;

#[tokio::test]
async fn by_code_soc_returns_occupation() {
    let app = spawn_app().await;
    let data = app.query_data(r#"{ byCode(system: SOC, code: "51-4121") { __typename ... on Occupation { onetSocCode } } }"#, json!({})).await;

    let records = data["byCode"].as_array().unwrap();
    assert!(records.iter().any(|r| r["onetSocCode"] == "51-4121.00"), "{records:?}");
}

#[tokio::test]
async fn by_code_cip_returns_programs() {
    let app = spawn_app().await;
    let data = app.query_data(r#"{ byCode(system: CIP, code: "48.0508") { __typename ... on Program { registryId } } }"#, json!({})).await;

    let records = data["byCode"].as_array().unwrap();
    assert!(!records.is_empty());
    assert!(records.iter().all(|r| r["__typename"] == "Program"));
}

#[tokio::test]
async fn by_code_ipeds_returns_provider() {
    let app = spawn_app().await;
    let data = app.query_data(r#"{ byCode(system: IPEDS, code: "100654") { ... on Provider { name } } }"#, json!({})).await;

    assert_eq!(data["byCode"][0]["name"], "Alabama A & M University");
}

#[tokio::test]
async fn by_code_unknown_code_is_not_found() {
    let app = spawn_app().await;
    let (code, message) = app.query_error(r#"{ byCode(system: CIP, code: "98.7654") { __typename } }"#, json!({})).await;

    assert_eq!(code, "NOT_FOUND");
    assert!(message.contains("98.7654"));
}

#[tokio::test]
async fn crosswalk_cip_to_soc_names_source() {
    let app = spawn_app().await;
    let data = app.query_data(r#"{ crosswalk(system: CIP, code: "48.0508", to: [SOC]) { code { system code title } sources via } }"#, json!({})).await;

    let mappings = data["crosswalk"].as_array().unwrap();
    let welders = mappings.iter().find(|m| m["code"]["code"] == "51-4121").expect("CIP 48.0508 maps to SOC 51-4121");
    assert_eq!(welders["sources"][0], "NCES CIP 2020 to SOC 2018 crosswalk");
    assert!(mappings.iter().all(|m| m["code"]["system"] == "SOC"));
}

#[tokio::test]
async fn crosswalk_legacy_onet_reaches_soc_in_two_hops() {
    let app = spawn_app().await;
    let data = app.query_data(r#"{ crosswalk(system: ONET_SOC_2010, code: "51-4121.06", to: [SOC]) { code { code } sources via } }"#, json!({})).await;

    let mapping = &data["crosswalk"][0];
    assert_eq!(mapping["code"]["code"], "51-4121");
    assert_eq!(mapping["via"][0], "ONET_SOC 51-4121.00");
    assert_eq!(mapping["sources"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn crosswalk_ca_top_reaches_cip() {
    let app = spawn_app().await;
    let data = app.query_data(r#"{ crosswalk(system: CA_TOP, code: "0101.00", to: [CIP]) { code { system code } } }"#, json!({})).await;

    assert_eq!(data["crosswalk"][0]["code"], json!({ "system": "CIP", "code": "01.0102" }));
}

#[tokio::test]
async fn search_finds_occupation_by_alternate_title() {
    let app = spawn_app().await;
    let query = r#"{ search(text: "welder fitter", first: 5) { edges { node { score node { __typename ... on Occupation { onetSocCode } } } } } }"#;
    let data = app.query_data(query, json!({})).await;

    let edges = data["search"]["edges"].as_array().unwrap();
    assert!(edges.iter().any(|e| e["node"]["node"]["onetSocCode"] == "51-4121.00"), "{edges:?}");
}

#[tokio::test]
async fn search_pages_do_not_overlap() {
    let app = spawn_app().await;
    let query = r#"query S($after: String) { search(text: "nurse", first: 5, after: $after) {
        edges { cursor node { node { id } } } pageInfo { hasNextPage endCursor } } }"#;

    let first = app.query_data(query, json!({})).await;
    let cursor = first["search"]["pageInfo"]["endCursor"].as_str().unwrap().to_string();
    let second = app.query_data(query, json!({ "after": cursor })).await;

    let ids = |v: &serde_json::Value| -> Vec<String> { v["search"]["edges"].as_array().unwrap().iter().map(|e| e["node"]["node"]["id"].as_str().unwrap().to_string()).collect() };
    let (a, b) = (ids(&first), ids(&second));
    assert_eq!(a.len(), 5);
    assert!(!b.is_empty());
    assert!(a.iter().all(|id| !b.contains(id)), "{a:?} overlaps {b:?}");
}

#[tokio::test]
async fn search_operators_are_plain_words() {
    let app = spawn_app().await;
    let data = app.query_data(r#"{ search(text: "welder OR (\"*") { edges { cursor } } }"#, json!({})).await;

    assert!(data["search"]["edges"].is_array());
}

#[tokio::test]
async fn node_resolves_each_kind() {
    let app = spawn_app().await;
    let query = r#"{
      o: node(id: "Occupation:51-4121.00") { __typename id }
      p: node(id: "Provider:ipeds-100654") { __typename id }
      s: node(id: "Skill:2.A.1.a") { __typename id }
      missing: node(id: "Program:does-not-exist") { id }
    }"#;
    let data = app.query_data(query, json!({})).await;

    assert_eq!(data["o"]["__typename"], "Occupation");
    assert_eq!(data["p"]["id"], "Provider:ipeds-100654");
    assert_eq!(data["s"]["__typename"], "Skill");
    assert!(data["missing"].is_null());
}

#[tokio::test]
async fn program_and_provider_by_id() {
    let app = spawn_app().await;
    let list = app.query_data(r#"{ programs(first: 1, filter: { cip: "48.0508", state: "NJ" }) { edges { node { id registryId provider { registryId } } } } }"#, json!({})).await;
    let node = &list["programs"]["edges"][0]["node"];

    let query = r#"query P($gid: ID!, $rid: ID!, $vid: ID!) { a: program(id: $gid) { registryId } b: program(id: $rid) { registryId } provider(id: $vid) { registryId programs { registryId } } }"#;
    let vars = json!({ "gid": node["id"], "rid": node["registryId"], "vid": node["provider"]["registryId"] });
    let data = app.query_data(query, vars).await;

    assert_eq!(data["a"]["registryId"], node["registryId"]);
    assert_eq!(data["b"]["registryId"], node["registryId"]);
    assert!(data["provider"]["programs"].as_array().unwrap().iter().any(|p| p["registryId"] == node["registryId"]));
}

#[tokio::test]
async fn program_unknown_id_is_not_found() {
    let app = spawn_app().await;
    let (code, message) = app.query_error(r#"{ program(id: "nope-1") { name } }"#, json!({})).await;

    assert_eq!(code, "NOT_FOUND");
    assert!(message.contains("nope-1"));
}

#[tokio::test]
async fn ctdl_program_keeps_ctid_and_occupations() {
    let app = spawn_app().await;
    let data = app.query_data(r#"{ byCode(system: CTDL, code: "ce-8f5a2e25-7a30-4eb0-ab9e-ab441ac928c6") { ... on Program { name ctid codes { system code } occupations { socCode } } } }"#, json!({})).await;

    let program = &data["byCode"][0];
    assert_eq!(program["ctid"], "ce-8f5a2e25-7a30-4eb0-ab9e-ab441ac928c6");
    assert!(program["codes"].as_array().unwrap().iter().any(|c| c["system"] == "CIP" && c["code"] == "11.0701"));
    assert!(program["occupations"].as_array().unwrap().iter().any(|o| o["socCode"] == "15-1251"));
}

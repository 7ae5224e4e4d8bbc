use serde_json::{json, Value};

use crate::helpers::spawn_app;

const OCCUPATION: &str = r#"
query Occupation($code: String!) {
  occupation(code: $code) {
    title socCode onetSocCode jobZone description
    medianAnnualWage { amount currency }
    entryAnnualWage { amount currency }
    employment projectedGrowthPercent annualOpenings
    skills(first: 5) { edges { node { elementId name kind importance level } } pageInfo { hasNextPage endCursor } }
    relatedOccupations { tier rank occupation { onetSocCode title } }
    programs(first: 100) { basis program { name codes { system code } } }
  }
}"#;

async fn occupation(code: &str) -> Value {
    let app = spawn_app().await;
    app.query_data(OCCUPATION, json!({ "code": code })).await["occupation"].clone()
}

#[tokio::test]
async fn welders_have_onet_title_and_bls_figures() {
    let o = occupation("51-4121").await;

    assert_eq!(o["title"], "Welders, Cutters, Solderers, and Brazers");
    assert_eq!(o["socCode"], "51-4121");
    assert_eq!(o["onetSocCode"], "51-4121.00");
    assert_eq!(o["medianAnnualWage"], json!({ "amount": "51000.00", "currency": "USD" }));
    assert_eq!(o["entryAnnualWage"], json!({ "amount": "38130.00", "currency": "USD" }));
    assert_eq!(o["projectedGrowthPercent"], 2.2);
    assert_eq!(o["annualOpenings"], 45600);
    assert_eq!(o["employment"], 424040);
}

#[tokio::test]
async fn welders_skills_have_element_ids_by_importance() {
    let o = occupation("51-4121.00").await;
    let skills = o["skills"]["edges"].as_array().unwrap();

    assert_eq!(skills.len(), 5);
    let importances: Vec<f64> = skills.iter().map(|e| e["node"]["importance"].as_f64().unwrap()).collect();
    assert!(importances.windows(2).all(|w| w[0] >= w[1]), "not ordered by importance: {importances:?}");
    for edge in skills {
        let id = edge["node"]["elementId"].as_str().unwrap();
        assert!(id.starts_with("2."), "unexpected element id {id}");
    }
    assert_eq!(o["skills"]["pageInfo"]["hasNextPage"], true);
}

#[tokio::test]
async fn welders_related_occupations_keep_onet_order() {
    let o = occupation("51-4121").await;
    let related = o["relatedOccupations"].as_array().unwrap();
    let codes: Vec<&str> = related.iter().map(|r| r["occupation"]["onetSocCode"].as_str().unwrap()).collect();

    assert_eq!(&codes[..3], ["51-4122.00", "51-2041.00", "47-2011.00"]);
    let ranks: Vec<i64> = related.iter().map(|r| r["rank"].as_i64().unwrap()).collect();
    assert!(ranks.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(related[0]["tier"], "Primary-Short");
}

#[tokio::test]
async fn welders_programs_include_cip_48_0508() {
    let o = occupation("51-4121").await;
    let programs = o["programs"].as_array().unwrap();

    let has_welding = programs.iter().any(|p| {
        p["program"]["codes"].as_array().unwrap().iter().any(|c| c["system"] == "CIP" && c["code"] == "48.0508")
    });
    assert!(has_welding, "no program with CIP 48.0508 among {} programs", programs.len());
}

#[tokio::test]
async fn legacy_code_returns_same_record() {
    let current = occupation("51-4121.00").await;
    let legacy = occupation("51-4121.06").await;

    assert_eq!(legacy["onetSocCode"], current["onetSocCode"]);
    assert_eq!(legacy["title"], current["title"]);
}

#[tokio::test]
async fn unknown_occupation_code_is_not_found() {
    let app = spawn_app().await;
    let (code, message) = app.query_error("{ occupation(code: \"99-9998\") { title } }", json!({})).await;

    assert_eq!(code, "NOT_FOUND");
    assert!(message.contains("99-9998"), "{message}");
}

#[tokio::test]
async fn malformed_occupation_code_is_bad_input() {
    let app = spawn_app().await;
    let (code, message) = app.query_error("{ occupation(code: \"welder\") { title } }", json!({})).await;

    assert_eq!(code, "BAD_USER_INPUT");
    assert!(message.contains("welder"), "{message}");
}

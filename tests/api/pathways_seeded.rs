//! Pathways on the seeded data: South Georgia Technical College's welding programs.

use serde_json::{json, Value};

use crate::helpers::spawn_app;
use crate::pathways_fixture::FASTEST;

/// South Georgia Technical College, as seeded from IPEDS.
const SGTC: &str = "ipeds-141006";

fn step_ids(pathway: &Value) -> Vec<String> {
    pathway["steps"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap().replace(&format!("{SGTC}:"), "")).collect()
}

#[tokio::test]
async fn welding_pathway_follows_sgtc_catalog() {
    let app = spawn_app().await;

    let data = app.query_data(FASTEST, json!({ "input": { "occupation": "51-4121", "state": "GA", "k": 10 } })).await;

    let pathways = data["fastestPathToEmployment"]["pathways"].as_array().unwrap();
    assert_eq!(pathways.len(), 10, "{data}");
    for pathway in pathways {
        assert_eq!(pathway["target"]["code"], "51-4121.00");
        for step in pathway["steps"].as_array().unwrap() {
            assert!(step["id"].as_str().unwrap().starts_with(&format!("{SGTC}:")), "{step}");
        }
    }
    // Certificates state no length, so the catalog gives them one 15-week term and its fees.
    assert_eq!(step_ids(&pathways[0]), vec!["program:WT21"]);
    let first = &pathways[0]["steps"][0];
    assert_eq!(first["costUsd"], 1_461.0);
    assert_eq!(first["weeks"], 15.0);
    assert_eq!(first["weeksEstimated"], true);
    assert_eq!(first["credentialEarned"], "TECHNICAL_CERTIFICATE_OF_CREDIT");
    assert!(!first["skillsGained"].as_array().unwrap().is_empty(), "{first}");

    // Pipe Welder needs WELD 1000, which is not part of it, so that course comes first.
    let pipe = pathways.iter().find(|p| step_ids(p).contains(&"program:PW11".to_string())).expect("pipe welder is a pathway");
    assert_eq!(step_ids(pipe), vec!["course:WELD 1000", "program:PW11"]);
    assert_eq!(pipe["totalCostUsd"], 1_661.0);

    // The diploma alone, with its catalog weeks and cost.
    let diploma = pathways.iter().find(|p| step_ids(p).last().unwrap() == "program:WAJ2" && step_ids(p).len() == 2).expect("the diploma is a pathway");
    assert_eq!(step_ids(diploma), vec!["course:MATH 0097", "program:WAJ2"]);
    let diploma_step = &diploma["steps"][1];
    assert_eq!(diploma_step["weeks"], 60.0);
    assert_eq!(diploma_step["costUsd"], 6_844.0);
    assert!(diploma_step["estimateBasis"].as_str().unwrap().contains("catalog weeks from periods of approximately 15 weeks"), "{diploma_step}");
    assert_eq!(diploma["target"]["medianWage"], 51_000.0);
    assert_eq!(diploma["target"]["entryWage"], 38_130.0);

    // A certificate, then the diploma it stacks into with 12 of 54 credit hours carried.
    let stacked = pathways.iter().find(|p| step_ids(p).len() == 3).expect("a stacked pathway");
    assert_eq!(step_ids(stacked), vec!["program:FS31", "course:MATH 0097", "program:WAJ2"]);
    assert_eq!(stacked["steps"][2]["weeks"], 46.67);
    assert_eq!(stacked["totalWeeks"], 76.67);
}

#[tokio::test]
async fn unknown_held_ids_are_reported() {
    let app = spawn_app().await;
    let held = json!([format!("{SGTC}:program:FS31"), "no-such-credential"]);
    let query = "query($input: PathwayInput!) { fastestPathToEmployment(input: $input) { unknownHeld } }";

    let data = app.query_data(query, json!({ "input": { "occupation": "51-4121", "held": held } })).await;

    assert_eq!(data["fastestPathToEmployment"]["unknownHeld"], json!(["no-such-credential"]));
}

#[tokio::test]
async fn held_sgtc_certificate_already_qualifies() {
    let app = spawn_app().await;
    let input = json!({ "occupation": "51-4121", "held": [format!("{SGTC}:program:FS31")] });

    let data = app.query_data(FASTEST, json!({ "input": input })).await;

    assert_eq!(data["fastestPathToEmployment"]["pathways"], json!([]));
    let reason = data["fastestPathToEmployment"]["reason"].as_str().unwrap();
    assert!(reason.contains("already hold BASIC SHIELDED METAL ARC WELDER"), "{reason}");
}

#[tokio::test]
async fn sgtc_certificate_stack_lists_diploma() {
    let app = spawn_app().await;
    let query = "query($id: String!) { stackability(programId: $id) {
      program { id stage occupations { code } }
      up { id hops stage linkKind creditCarried derivation weeks weeksEstimated occupations { code medianWage } } down { id } } }";

    let data = app.query_data(query, json!({ "id": format!("{SGTC}:program:FS31") })).await;

    let stack = &data["stackability"];
    assert_eq!(stack["program"]["stage"], "FOUNDATION");
    assert!(stack["program"]["occupations"].as_array().unwrap().iter().any(|o| o["code"] == "51-4121.00"), "{stack}");
    let diploma = stack["up"].as_array().unwrap().iter().find(|l| l["id"] == Value::String(format!("{SGTC}:program:WAJ2"))).expect("diploma is above the certificate");
    assert_eq!(diploma["hops"], 1);
    assert_eq!(diploma["linkKind"], "STACKS_INTO");
    assert_eq!(diploma["creditCarried"], 12.0);
    assert_eq!(diploma["stage"], "INTERMEDIATE");
    assert!(diploma["occupations"].as_array().unwrap().iter().any(|o| o["code"] == "51-4121.00"), "{diploma}");
}

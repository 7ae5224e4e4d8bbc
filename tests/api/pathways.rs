//! Stack structure derived from ingested catalogs.

use serde_json::{json, Value};

use crate::fixtures::{seed_catalog, unique, CatalogIngest};
use crate::helpers::{spawn_app, token};

const STACKED_CATALOG: &str = "\
BASIC WELDER (BW01)
Program Description:
This technical certificate of credit prepares students for entry-level welding work.
    COURSE NO.      OCCUPATIONAL COURSES                            CREDITS
    WELD 1000       Introduction to Welding Technology              4
    WELD 1010       Oxyfuel and Plasma Cutting                      4
    8 minimum semester hour credits required for certificate


WELDING TECHNOLOGY (WT02)
Program Description:
This diploma prepares students for careers in welding and joining.
    COURSE NO.      OCCUPATIONAL COURSES                            CREDITS
    WELD 1000       Introduction to Welding Technology              4
    WELD 1010       Oxyfuel and Plasma Cutting                      4
    WELD 1030       Welding Inspection                              3
    11 minimum semester hour credits required for diploma

WELD 1000 - Introduction to Welding Technology (4)
Pre-requisites: None
Covers shop safety and the welding processes.

WELD 1010 - Oxyfuel and Plasma Cutting (4)
Pre-requisites: WELD 1000
Covers manual and machine cutting.

WELD 1030 - Welding Inspection (3)
Pre-requisites: WELD 1000
Covers visual inspection.
";

const STACKABILITY: &str = "query($id: String!) { stackability(programId: $id) {
  program { id stage }
  up { hops id awardLevel stage linkFrom linkTo creditCarried derivation }
  down { hops id awardLevel stage linkFrom linkTo creditCarried derivation } } }";

#[tokio::test]
async fn certificate_stacks_into_diploma() {
    let app = spawn_app().await;
    let provider_id = unique("test-stack");
    let ingest = CatalogIngest { name: "stack.txt".into(), bytes: STACKED_CATALOG.as_bytes().to_vec(), provider_id: &provider_id, state: None, publish: true };
    ingest.run(&app).await;
    let certificate = format!("{provider_id}:program:BW01");
    let diploma = format!("{provider_id}:program:WT02");

    let data = app.query_data(STACKABILITY, json!({ "id": certificate })).await;
    let steps = data["stackability"]["up"].as_array().unwrap();
    assert_eq!(steps.len(), 1, "{steps:?}");
    assert_eq!(data["stackability"]["down"], json!([]));
    let step = &steps[0];
    assert_eq!(step["id"], Value::String(diploma.clone()));
    assert_eq!(step["creditCarried"], 8.0);
    assert!(step["derivation"].as_str().unwrap().contains("CIP series"), "{step}");

    let data = app.query_data(STACKABILITY, json!({ "id": diploma })).await;
    let steps = data["stackability"]["down"].as_array().unwrap();
    assert_eq!(steps.len(), 1, "{steps:?}");
    assert_eq!(data["stackability"]["up"], json!([]));
    assert_eq!(steps[0]["id"], Value::String(certificate));
    assert_eq!(steps[0]["stage"], "FOUNDATION");
}

#[tokio::test]
async fn sgtc_welding_certificates_stack_into_diploma() {
    let app = spawn_app().await;
    let provider_id = unique("test-sgtc-stack");
    let (name, bytes) = seed_catalog("south_georgia_technical_college/sgtc_catalog_2021-2023.txt.gz");
    CatalogIngest { name, bytes, provider_id: &provider_id, state: Some("GA"), publish: false }.run(&app).await;

    // The catalog stays a draft, so only its provider can read the stack.
    let auth = token(&["provider"], json!({ "provider_id": provider_id }));
    let data = app.query_data_as(&auth, STACKABILITY, json!({ "id": format!("{provider_id}:program:FS31") })).await;
    let steps = data["stackability"]["up"].as_array().unwrap();
    let diploma = format!("{provider_id}:program:WAJ2");
    let up: Vec<&Value> = steps.iter().filter(|s| s["hops"] == 1).collect();
    assert!(up.iter().any(|s| s["id"] == Value::String(diploma.clone())), "{steps:?}");
    let link = up.iter().find(|s| s["id"] == Value::String(diploma.clone())).unwrap();
    assert_eq!(link["creditCarried"], 12.0);
    assert_eq!(link["awardLevel"], "DIPLOMA");
    assert_eq!(link["stage"], "INTERMEDIATE");
}

#[tokio::test]
async fn unknown_program_has_null_stack() {
    let app = spawn_app().await;
    let data = app.query_data(STACKABILITY, json!({ "id": "test-no-such-program" })).await;

    assert_eq!(data["stackability"], Value::Null);
}

#[tokio::test]
async fn unlinked_program_has_empty_stack() {
    let app = spawn_app().await;
    let query = "query($id: String!) { stackability(programId: $id) { program { id } up { id } down { id } } }";

    let data = app.query_data(query, json!({ "id": "nj-etpl-64-48.0508" })).await;

    assert_eq!(data["stackability"]["program"]["id"], "nj-etpl-64-48.0508");
    assert_eq!(data["stackability"]["up"], json!([]));
    assert_eq!(data["stackability"]["down"], json!([]));
}

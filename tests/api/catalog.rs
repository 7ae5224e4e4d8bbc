//! Catalog ingest through the library (as the CLI runs it) and through `ingestCatalog`.

use std::io::Read;

use base64::Engine;
use ler_registry::catalog::reassemble;
use serde_json::{json, Value};

use crate::fixtures::{seed_catalog, unique, CatalogIngest};
use crate::helpers::{spawn_app, token, TestApp};

pub const SMALL_CATALOG_V1: &str = "\
WELDING PATHWAY (WP01)
Program Description:
Prepares students for entry-level welding work.
    COURSE NO.      OCCUPATIONAL COURSES                            CREDITS
    WELD 1000       Introduction to Welding Technology              4
    WELD 1010       Oxyfuel and Plasma Cutting                      4
    8 minimum semester hour credits required for certificate

WELD 1000 - Introduction to Welding Technology (4)
Pre-requisites: None
Covers shop safety and the welding processes.

WELD 1010 - Oxyfuel and Plasma Cutting (4)
Pre-requisites: WELD 1000
Covers manual and machine cutting.

WELD 1020 - Blueprint Reading for Welders (3)
Pre-requisites: None
Covers welding symbols.
";

const SMALL_CATALOG_V2: &str = "\
Front matter of the new edition.

WELDING PATHWAY (WP01)
Program Description:
Prepares students for entry-level welding work.
    COURSE NO.      OCCUPATIONAL COURSES                            CREDITS
    WELD 1000       Introduction to Welding Technology              4
    WELD 1010       Oxyfuel and Plasma Cutting                      4
    8 minimum semester hour credits required for certificate

WELD 1000 - Introduction to Welding Technology (4)
Pre-requisites: None
Covers shop safety and the welding processes.

WELD 1010 - Oxyfuel and Plasma Cutting (3)
Pre-requisites: WELD 1000
Covers manual and machine cutting.

WELD 1030 - Welding Inspection (3)
Pre-requisites: WELD 1000
Covers visual inspection.
";

const INGEST: &str = "mutation($input: IngestCatalogInput!) { ingestCatalog(input: $input) {
  documentId providerId sha256 length status programs courses links remainders
  added removed changed { key fields } } }";

fn decoded_text(bytes: &[u8]) -> String {
    let mut text = String::new();
    if bytes.starts_with(&[0x1f, 0x8b]) {
        flate2::read::GzDecoder::new(bytes).read_to_string(&mut text).expect("seed gzip decodes");
    } else {
        text = String::from_utf8(bytes.to_vec()).expect("seed is UTF-8");
    }
    text
}

async fn ingest_seed_file(app: &TestApp, relative: &str, provider_id: &str) -> (ler_registry::catalog::IngestReport, String) {
    let (name, bytes) = seed_catalog(relative);
    let source = decoded_text(&bytes);
    let report = CatalogIngest { name, bytes, provider_id, state: None, publish: false }.run(app).await;
    (report, source)
}

fn admin() -> String {
    token(&["admin"], json!({}))
}

fn provider(id: &str) -> String {
    token(&["provider"], json!({ "provider_id": id }))
}

async fn ingest_text(app: &TestApp, auth: &str, provider_id: &str, name: &str, text: &str) -> Value {
    let input = json!({ "name": name, "text": text, "providerId": provider_id, "institution": "Test College" });
    let response = app.post_graphql_as(auth, INGEST, json!({ "input": input })).await;
    TestApp::data(&response)["ingestCatalog"].clone()
}

fn strings(value: &Value) -> Vec<String> {
    value.as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect()
}

#[tokio::test]
async fn sgtc_catalog_counts_and_round_trip() {
    let app = spawn_app().await;
    let provider_id = unique("test-sgtc");
    let (report, source) = ingest_seed_file(&app, "south_georgia_technical_college/sgtc_catalog_2021-2023.txt.gz", &provider_id).await;

    assert_eq!(report.programs, 204);
    assert_eq!(report.courses, 670);
    assert_eq!(report.length, source.len());
    let rebuilt = reassemble(&app.graph, &report.document_id).await.unwrap();
    assert_eq!(rebuilt.len(), source.len());
    assert!(rebuilt == source, "graph spans and remainders do not rebuild the document");
}

#[tokio::test]
async fn sgtc_welding_diploma_fields_and_courses() {
    let app = spawn_app().await;
    let provider_id = unique("test-weld");
    ingest_seed_file(&app, "south_georgia_technical_college/sgtc_catalog_2021-2023.txt.gz", &provider_id).await;
    let query = "query($id: ID!) { program(id: $id) { name awardLevel creditHours weeks weeksEstimated costUsd costEstimated status
        codes { system code } courses { required course { code prerequisites { course { code } } } } } }";
    let id = format!("{provider_id}:program:WAJ2");
    let response = app.post_graphql_as(&provider(&provider_id), query, json!({ "id": id })).await;
    let program = &TestApp::data(&response)["program"];

    assert_eq!(program["name"], "WELDING AND JOINING TECHNOLOGY");
    assert_eq!(program["awardLevel"], "DIPLOMA");
    assert_eq!(program["creditHours"], 54.0);
    assert_eq!(program["weeks"], 60.0);
    assert_eq!(program["weeksEstimated"], true);
    assert_eq!(program["costUsd"], 6844.0);
    assert_eq!(program["costEstimated"], true);
    assert_eq!(program["status"], "DRAFT");
    let codes = program["codes"].as_array().unwrap();
    assert!(codes.iter().any(|c| c["system"] == "CIP" && c["code"] == "48.0508"), "{codes:?}");
    let courses = program["courses"].as_array().unwrap();
    let required = courses.iter().filter(|c| c["required"] == true).count();
    assert_eq!(required, 13);
}

#[tokio::test]
async fn wcu_json_catalog_counts_and_round_trip() {
    let app = spawn_app().await;
    let provider_id = unique("test-wcu");
    let (report, source) = ingest_seed_file(&app, "west_chester_university/wcu_courses_2024-09.json.gz", &provider_id).await;

    assert_eq!(report.courses, 3527);
    assert_eq!(report.programs, 0);
    let rebuilt = reassemble(&app.graph, &report.document_id).await.unwrap();
    assert!(rebuilt == source, "graph spans and remainders do not rebuild the document");
}

#[tokio::test]
async fn uiuc_csv_catalog_counts_and_prerequisites() {
    let app = spawn_app().await;
    let provider_id = unique("test-uiuc");
    let (courses, source) = ingest_seed_file(&app, "uiuc/uiuc_course_catalog_2026-su.csv.gz", &provider_id).await;
    let (prerequisites, prerequisite_source) = ingest_seed_file(&app, "uiuc/uiuc_prerequisites.csv", &provider_id).await;

    assert_eq!(courses.courses, 1062);
    let rebuilt = reassemble(&app.graph, &courses.document_id).await.unwrap();
    assert!(rebuilt == source, "course table does not rebuild from the graph");
    let rebuilt = reassemble(&app.graph, &prerequisites.document_id).await.unwrap();
    assert!(rebuilt == prerequisite_source, "prerequisite table does not rebuild from the graph");
    let auth = provider(&provider_id);
    let query = "query($id: ID!) { course(id: $id) { title prerequisites { course { code } } } }";
    let id = format!("{provider_id}:course:CS 173");
    let response = app.post_graphql_as(&auth, query, json!({ "id": id })).await;
    let data = TestApp::data(&response);
    let codes: Vec<&str> = data["course"]["prerequisites"].as_array().unwrap().iter().filter_map(|p| p["course"]["code"].as_str()).collect();
    assert_eq!(data["course"]["title"], "Discrete Structures");
    assert!(codes.contains(&"CS 124"), "{codes:?}");
    assert!(codes.contains(&"ECE 220"), "{codes:?}");
    let unique_codes: std::collections::HashSet<&&str> = codes.iter().collect();
    assert_eq!(unique_codes.len(), codes.len(), "each prerequisite is listed once: {codes:?}");
}

#[tokio::test]
async fn reingest_reports_diff_without_duplicates() {
    let app = spawn_app().await;
    let provider_id = unique("test-diff");
    let auth = provider(&provider_id);
    let first = ingest_text(&app, &auth, &provider_id, "small.txt", SMALL_CATALOG_V1).await;
    let second = ingest_text(&app, &auth, &provider_id, "small.txt", SMALL_CATALOG_V2).await;

    assert_eq!(first["courses"], 3);
    assert_eq!(first["programs"], 1);
    assert!(strings(&first["added"]).contains(&format!("{provider_id}:course:WELD 1020")));
    assert_eq!(second["documentId"], first["documentId"]);
    assert_eq!(second["courses"], 3);
    let added = strings(&second["added"]);
    let removed = strings(&second["removed"]);
    assert!(added.contains(&format!("{provider_id}:course:WELD 1030")), "{added:?}");
    assert!(removed.contains(&format!("{provider_id}:course:WELD 1020")), "{removed:?}");
    let changed: Vec<&str> = second["changed"].as_array().unwrap().iter().filter_map(|c| c["key"].as_str()).collect();
    assert!(changed.contains(&format!("{provider_id}:course:WELD 1010").as_str()), "{changed:?}");
    let query = "query($p: String) { courses(providerId: $p, first: 50) { edges { node { code creditHours } } } }";
    let response = app.post_graphql_as(&auth, query, json!({ "p": provider_id })).await;
    let edges = TestApp::data(&response)["courses"]["edges"].as_array().unwrap().clone();
    let codes: Vec<&str> = edges.iter().filter_map(|e| e["node"]["code"].as_str()).collect();
    assert_eq!(codes, vec!["WELD 1000", "WELD 1010", "WELD 1030"]);
    assert_eq!(edges[1]["node"]["creditHours"], 3.0);
    let rebuilt = reassemble(&app.graph, first["documentId"].as_str().unwrap()).await.unwrap();
    assert_eq!(rebuilt, SMALL_CATALOG_V2);
}

#[tokio::test]
async fn unchanged_reingest_has_empty_diff() {
    let app = spawn_app().await;
    let provider_id = unique("test-same");
    let auth = provider(&provider_id);
    ingest_text(&app, &auth, &provider_id, "same.txt", SMALL_CATALOG_V1).await;
    let again = ingest_text(&app, &auth, &provider_id, "same.txt", SMALL_CATALOG_V1).await;

    assert_eq!(again["added"], json!([]));
    assert_eq!(again["removed"], json!([]));
    assert_eq!(again["changed"], json!([]));
}

#[tokio::test]
async fn drafts_hidden_until_published() {
    let app = spawn_app().await;
    let provider_id = unique("test-draft");
    let auth = provider(&provider_id);
    let result = ingest_text(&app, &auth, &provider_id, "draft.txt", SMALL_CATALOG_V1).await;
    let query = "query($id: ID!) { course(id: $id) { status } }";
    let id = format!("{provider_id}:course:WELD 1000");

    let (code, message) = app.query_error(query, json!({ "id": id })).await;
    assert_eq!(code, "NOT_FOUND");
    assert!(message.contains("WELD 1000"), "{message}");
    let response = app.post_graphql_as(&auth, query, json!({ "id": id })).await;
    assert_eq!(TestApp::data(&response)["course"]["status"], "DRAFT");

    let publish = "mutation($d: String!) { publishCatalog(documentId: $d) }";
    let response = app.post_graphql_as(&auth, publish, json!({ "d": result["documentId"] })).await;
    TestApp::data(&response);
    let data = app.query_data(query, json!({ "id": id })).await;
    assert_eq!(data["course"]["status"], "PUBLISHED");
}

/// Reads of a program by id hide another provider's draft: the lookup, its
/// CTDL, its stack, its eligibility and its provider's program list.
#[tokio::test]
async fn draft_program_hidden_from_others() {
    let app = spawn_app().await;
    let provider_id = unique("test-draft-program");
    let auth = provider(&provider_id);
    ingest_text(&app, &auth, &provider_id, "draft.txt", SMALL_CATALOG_V1).await;
    let id = format!("{provider_id}:program:WP01");
    let vars = json!({ "id": id });

    let (code, _) = app.query_error("query($id: ID!) { program(id: $id) { name } }", vars.clone()).await;
    assert_eq!(code, "NOT_FOUND");
    let (code, _) = app.query_error("query($id: ID!) { ctdl(id: $id) }", vars.clone()).await;
    assert_eq!(code, "NOT_FOUND");
    let (code, _) = app.query_error("query($id: ID!) { programEligibility(programId: $id) { programId } }", vars.clone()).await;
    assert_eq!(code, "NOT_FOUND");
    let stack = app.query_data("query($id: String!) { stackability(programId: $id) { program { id } } }", vars.clone()).await;
    assert_eq!(stack["stackability"], Value::Null);
    let listed = app.query_data("query($p: ID!) { provider(id: $p) { programs { registryId } } }", json!({ "p": provider_id })).await;
    assert_eq!(listed["provider"]["programs"], json!([]));

    let own = app.query_data_as(&auth, "query($id: ID!) { program(id: $id) { status } }", vars.clone()).await;
    assert_eq!(own["program"]["status"], "DRAFT");
    let own_stack = app.query_data_as(&auth, "query($id: String!) { stackability(programId: $id) { program { id } } }", vars).await;
    assert_eq!(own_stack["stackability"]["program"]["id"], Value::String(id));
}

#[tokio::test]
async fn ingest_base64_gzip_document() {
    let app = spawn_app().await;
    let provider_id = unique("test-b64");
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut encoder, SMALL_CATALOG_V1.as_bytes()).unwrap();
    let encoded = base64::engine::general_purpose::STANDARD.encode(encoder.finish().unwrap());
    let input = json!({ "name": "small.txt.gz", "base64": encoded, "providerId": provider_id });
    let response = app.post_graphql_as(&admin(), INGEST, json!({ "input": input })).await;
    let result = &TestApp::data(&response)["ingestCatalog"];

    assert_eq!(result["courses"], 3);
    assert_eq!(result["length"], SMALL_CATALOG_V1.len());
}

#[tokio::test]
async fn ingest_rejects_binary_and_empty() {
    let app = spawn_app().await;
    let provider_id = unique("test-bad");
    let auth = provider(&provider_id);
    let binary = base64::engine::general_purpose::STANDARD.encode([0xff, 0xfe, 0x00, 0x81, 0x13]);
    let cases = [
        json!({ "name": "binary.txt", "base64": binary, "providerId": provider_id }),
        json!({ "name": "empty.txt", "text": "", "providerId": provider_id }),
        json!({ "name": "both.txt", "text": "x", "base64": "eA==", "providerId": provider_id }),
        json!({ "name": "bad.txt", "base64": "***", "providerId": provider_id }),
        json!({ "name": "junk.txt", "text": "lorem ipsum dolor sit amet", "providerId": provider_id }),
    ];
    for input in cases {
        let response = app.post_graphql_as(&auth, INGEST, json!({ "input": input.clone() })).await;
        let error = &response.body["errors"][0];
        assert_eq!(error["extensions"]["code"], "BAD_USER_INPUT", "input {input}: {}", response.body);
    }
}

#[tokio::test]
async fn ingest_requires_provider_role() {
    let app = spawn_app().await;
    let input = json!({ "name": "small.txt", "text": SMALL_CATALOG_V1, "providerId": "test-anyone" });

    let response = app.post_graphql(INGEST, json!({ "input": input.clone() })).await;
    assert_eq!(response.body["errors"][0]["extensions"]["code"], "UNAUTHENTICATED");
    let learner = token(&["learner"], json!({ "learner_id": "learner-1" }));
    let response = app.post_graphql_as(&learner, INGEST, json!({ "input": input.clone() })).await;
    assert_eq!(response.body["errors"][0]["extensions"]["code"], "FORBIDDEN");
    let other = provider("test-someone-else");
    let response = app.post_graphql_as(&other, INGEST, json!({ "input": input })).await;
    assert_eq!(response.body["errors"][0]["extensions"]["code"], "FORBIDDEN");
}

#[tokio::test]
async fn confirm_alignment_replaces_inferred_cip() {
    let app = spawn_app().await;
    let provider_id = unique("test-cip");
    let auth = provider(&provider_id);
    ingest_text(&app, &auth, &provider_id, "cip.txt", SMALL_CATALOG_V1).await;
    let program_id = format!("{provider_id}:program:WP01");
    let confirm = "mutation($p: String!, $c: String!) { confirmAlignment(programId: $p, cip: $c) { code } }";

    let response = app.post_graphql_as(&auth, confirm, json!({ "p": program_id, "c": "48.0508" })).await;
    assert_eq!(TestApp::data(&response)["confirmAlignment"]["code"], "48.0508");
    let query = "query($id: ID!) { program(id: $id) { codes { system code } } }";
    let data = app.query_data_as(&auth, query, json!({ "id": program_id })).await;
    let cips: Vec<&str> = data["program"]["codes"].as_array().unwrap().iter().filter(|c| c["system"] == "CIP").filter_map(|c| c["code"].as_str()).collect();
    assert_eq!(cips, vec!["48.0508"]);
    let response = app.post_graphql_as(&auth, confirm, json!({ "p": program_id, "c": "02.0000" })).await;
    assert_eq!(response.body["errors"][0]["extensions"]["code"], "NOT_FOUND");
    let response = app.post_graphql_as(&auth, confirm, json!({ "p": program_id, "c": "welding" })).await;
    assert_eq!(response.body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT");
    let other = provider("test-someone-else");
    let response = app.post_graphql_as(&other, confirm, json!({ "p": program_id, "c": "48.0508" })).await;
    assert_eq!(response.body["errors"][0]["extensions"]["code"], "FORBIDDEN");
}

#[tokio::test]
async fn ctdl_exports_catalog_program_with_ctid() {
    let app = spawn_app().await;
    let provider_id = unique("test-ctdl");
    let auth = provider(&provider_id);
    ingest_text(&app, &auth, &provider_id, "ctdl.txt", SMALL_CATALOG_V1).await;
    let program_id = format!("{provider_id}:program:WP01");
    let data = app.query_data_as(&auth, "query($id: ID!) { ctdl(id: $id) }", json!({ "id": program_id })).await;
    let node = &data["ctdl"];

    assert_eq!(node["@type"], "ceterms:LearningProgram");
    assert_eq!(node["ceterms:ctid"], ler_catalog::ctdl::ctid_for_key(&program_id));
    assert_eq!(node["ceterms:codedNotation"], "WP01");
}

#[tokio::test]
async fn seeded_sgtc_programs_on_ipeds_provider() {
    let app = spawn_app().await;
    let query = r#"{ program(id: "ipeds-141006:program:WAJ2") { name status provider { registryId } } }"#;
    let data = app.query_data(query, json!({})).await;

    assert_eq!(data["program"]["status"], "PUBLISHED");
    assert_eq!(data["program"]["provider"]["registryId"], "ipeds-141006");
}

#[tokio::test]
async fn draft_programs_listed_only_for_owner() {
    let app = spawn_app().await;
    let provider_id = unique("test-draft-list");
    let auth = provider(&provider_id);
    ingest_text(&app, &auth, &provider_id, "draft.txt", SMALL_CATALOG_V1).await;
    let query = "query($p: String) { programs(filter: { providerId: $p }) { totalCount } }";

    let anonymous = app.query_data(query, json!({ "p": provider_id })).await;
    let owner = app.post_graphql_as(&auth, query, json!({ "p": provider_id })).await;

    assert_eq!(anonymous["programs"]["totalCount"], 0);
    assert_eq!(TestApp::data(&owner)["programs"]["totalCount"], 1);
}

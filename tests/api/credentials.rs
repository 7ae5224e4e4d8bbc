//! Credential issuance, status, verification and publication, end to end over HTTP.
//!
//! Each test issues for a different seeded provider, so parallel tests do not compete for
//! one status list. Issued credentials are new nodes with random ids, and seeded records are
//! only read.

use ler_registry::config::Limits;
use ler_registry::graph::Statement;
use serde_json::{json, Value};

use crate::helpers::{spawn_app, spawn_app_with, spawn_app_with_credentials, test_credentials, token, TestApp};

/// A seeded program and the provider that offers it.
struct Fixture {
    program_id: String,
    provider_id: String,
}

/// Returns the program of the `n`-th seeded provider (by id) that offers programs.
async fn fixture(app: &TestApp, n: i64) -> Fixture {
    let statement = Statement::new(
        "test_fixture",
        "MATCH (pr:Provider)<-[:OFFERED_BY]-(p:Program) WHERE pr.id STARTS WITH 'nj-etpl-' \
         WITH pr, min(p.id) AS program ORDER BY pr.id SKIP $n LIMIT 1 \
         RETURN program AS programId, pr.id AS providerId",
    )
    .param("n", n);
    let row: Value = app.graph.row(statement).await.unwrap().expect("the test graph has NJ programs");
    Fixture { program_id: row["programId"].as_str().unwrap().into(), provider_id: row["providerId"].as_str().unwrap().into() }
}

fn issuer_token(provider_id: &str) -> String {
    token(&["issuer"], json!({"provider_id": provider_id}))
}

fn suffix() -> String {
    format!("{:016x}", rand::random::<u64>())
}

/// Recipients identified by DIDs that start with `did:example:<tag>-`.
fn recipients(tag: &str, count: usize) -> Vec<Value> {
    (0..count).map(|i| json!({"did": format!("did:example:{tag}-{i}")})).collect()
}

/// Counts stored credentials whose recipient starts with `did:example:<tag>-`.
async fn stored_count(app: &TestApp, tag: &str) -> i64 {
    let statement = Statement::new(
        "test_stored_count",
        "MATCH (c:Credential) WHERE c.recipient STARTS WITH $prefix RETURN count(c) AS n",
    )
    .param("prefix", format!("did:example:{tag}-"));
    let row: Value = app.graph.row(statement).await.unwrap().unwrap();
    row["n"].as_i64().unwrap()
}

const ISSUE: &str = r#"mutation($recordId: String!, $recipients: [RecipientInput!]!, $key: String, $format: CredentialFormat! = ES256, $evidence: [EvidenceInput!]) {
  issueCredentials(recordId: $recordId, recipients: $recipients, idempotencyKey: $key, format: $format, evidence: $evidence) {
    replayed
    credentials { id kind providerId recordId jwt document state statusListCredential statusListIndex }
  }
}"#;

const VERIFY: &str = r#"query($credential: String!) {
  verifyCredential(credential: $credential) { verified format credentialId checks { name passed message } }
}"#;

async fn issue(app: &TestApp, fixture: &Fixture, recipients: Vec<Value>, key: Option<&str>) -> Value {
    let variables = json!({"recordId": fixture.program_id, "recipients": recipients, "key": key});
    let response = app.post_graphql_as(&issuer_token(&fixture.provider_id), ISSUE, variables).await;
    TestApp::data(&response)["issueCredentials"].clone()
}

async fn issue_error(app: &TestApp, token: &str, variables: Value) -> (String, String) {
    let response = app.post_graphql_as(token, ISSUE, variables).await;
    let error = response.body["errors"].get(0).unwrap_or_else(|| panic!("expected an error, got {}", response.body)).clone();
    (error["extensions"]["code"].as_str().unwrap_or("(none)").to_string(), error["message"].as_str().unwrap_or_default().to_string())
}

async fn verify(app: &TestApp, credential: &str) -> Value {
    app.query_data(VERIFY, json!({"credential": credential})).await["verifyCredential"].clone()
}

fn check<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["checks"].as_array().unwrap().iter().find(|c| c["name"] == name).unwrap_or_else(|| panic!("no {name} check in {report}"))
}

#[tokio::test]
async fn issue_batch_of_101_rejected() {
    let app = spawn_app().await;
    let fixture = fixture(&app, 0).await;
    let tag = suffix();
    let variables = json!({"recordId": fixture.program_id, "recipients": recipients(&tag, 101), "key": tag});

    let (code, message) = issue_error(&app, &issuer_token(&fixture.provider_id), variables).await;

    assert_eq!(code, "BAD_USER_INPUT");
    assert!(message.contains("101"), "{message}");
    assert!(message.contains("at most 100"), "{message}");
    assert_eq!(stored_count(&app, &tag).await, 0);
    let retry = issue(&app, &fixture, recipients(&tag, 1), Some(&tag)).await;
    assert_eq!(retry["replayed"], false, "the rejected request must not have stored its idempotency key");
}

#[tokio::test]
async fn issue_batch_of_100_accepted() {
    // 100 Data Integrity signatures take seconds in a debug build that shares the CPU with
    // the other tests, so this test allows more than the default 30-second request limit.
    let app = spawn_app_with(Limits { request_timeout_secs: 300, ..Limits::default() }).await;
    let fixture = fixture(&app, 1).await;
    let tag = suffix();

    let issued = issue(&app, &fixture, recipients(&tag, 100), None).await;

    let credentials = issued["credentials"].as_array().unwrap();
    assert_eq!(credentials.len(), 100);
    assert_eq!(stored_count(&app, &tag).await, 100);
    let indices: std::collections::HashSet<i64> = credentials.iter().map(|c| c["statusListIndex"].as_i64().unwrap()).collect();
    assert_eq!(indices.len(), 100, "every credential gets its own status index");
}

#[tokio::test]
async fn issue_invalid_last_recipient_stores_nothing() {
    let app = spawn_app().await;
    let fixture = fixture(&app, 2).await;
    let tag = suffix();
    let mut batch = recipients(&tag, 3);
    batch.push(json!({"email": "not-an-email"}));
    let variables = json!({"recordId": fixture.program_id, "recipients": batch});

    let (code, message) = issue_error(&app, &issuer_token(&fixture.provider_id), variables).await;

    assert_eq!(code, "BAD_USER_INPUT");
    assert!(message.contains("recipients[3].email"), "{message}");
    assert!(message.contains("not-an-email"), "{message}");
    assert_eq!(stored_count(&app, &tag).await, 0);
}

#[tokio::test]
async fn issue_retry_same_key_issues_nothing() {
    let app = spawn_app().await;
    let fixture = fixture(&app, 3).await;
    let tag = suffix();

    let first = issue(&app, &fixture, recipients(&tag, 2), Some(&tag)).await;
    let second = issue(&app, &fixture, recipients(&tag, 2), Some(&tag)).await;

    assert_eq!(first["replayed"], false);
    assert_eq!(second["replayed"], true);
    let ids = |issued: &Value| issued["credentials"].as_array().unwrap().iter().map(|c| c["id"].clone()).collect::<Vec<_>>();
    assert_eq!(ids(&first), ids(&second));
    assert_eq!(stored_count(&app, &tag).await, 2);
}

#[tokio::test]
async fn issue_reused_key_other_content_conflicts() {
    let app = spawn_app().await;
    let fixture = fixture(&app, 3).await;
    let tag = suffix();
    issue(&app, &fixture, recipients(&tag, 1), Some(&tag)).await;
    let variables = json!({"recordId": fixture.program_id, "recipients": recipients(&tag, 2), "key": tag});

    let (code, message) = issue_error(&app, &issuer_token(&fixture.provider_id), variables).await;

    assert_eq!(code, "CONFLICT");
    assert!(message.contains(&tag), "{message}");
    assert_eq!(stored_count(&app, &tag).await, 1);
}

#[tokio::test]
async fn issue_for_other_providers_record_forbidden() {
    let app = spawn_app().await;
    let own = fixture(&app, 4).await;
    let other = fixture(&app, 5).await;
    let tag = suffix();
    let variables = json!({"recordId": other.program_id, "recipients": recipients(&tag, 1)});

    let (code, message) = issue_error(&app, &issuer_token(&own.provider_id), variables).await;

    assert_eq!(code, "FORBIDDEN");
    assert!(message.contains(&other.program_id), "{message}");
    assert_eq!(stored_count(&app, &tag).await, 0);
}

#[tokio::test]
async fn issue_without_issuer_role_forbidden() {
    let app = spawn_app().await;
    let fixture = fixture(&app, 4).await;
    let provider_token = token(&["provider"], json!({"provider_id": fixture.provider_id}));
    let variables = json!({"recordId": fixture.program_id, "recipients": recipients(&suffix(), 1)});

    let (code, _) = issue_error(&app, &provider_token, variables).await;

    assert_eq!(code, "FORBIDDEN");
}

#[tokio::test]
async fn issue_unknown_record_not_found() {
    let app = spawn_app().await;
    let fixture = fixture(&app, 4).await;
    let variables = json!({"recordId": "no-such-record", "recipients": recipients(&suffix(), 1)});

    let (code, message) = issue_error(&app, &issuer_token(&fixture.provider_id), variables).await;

    assert_eq!(code, "NOT_FOUND");
    assert!(message.contains("no-such-record"), "{message}");
}

#[tokio::test]
async fn learner_id_alone_identifies_recipient() {
    let app = spawn_app().await;
    let fixture = fixture(&app, 24).await;
    let learner = format!("learner-{}", suffix());

    let issued = issue(&app, &fixture, vec![json!({"learnerId": learner})], None).await;

    let document: Value = serde_json::from_str(issued["credentials"][0]["document"].as_str().unwrap()).unwrap();
    let identity = &document["credentialSubject"]["identifier"][0];
    assert_eq!(identity["identityType"], "systemId");
    assert_eq!(identity["hashed"], true);
    assert!(!identity["identityHash"].as_str().unwrap().contains(&learner), "{identity}");
}

#[tokio::test]
async fn issued_credential_aligns_to_cip() {
    let app = spawn_app().await;
    let fixture = fixture(&app, 6).await;

    let issued = issue(&app, &fixture, recipients(&suffix(), 1), None).await;

    let document: Value = serde_json::from_str(issued["credentials"][0]["document"].as_str().unwrap()).unwrap();
    let alignments = document["credentialSubject"]["achievement"]["alignment"].as_array().unwrap();
    assert!(alignments.iter().any(|a| a["targetType"] == "ext:CIP"), "{alignments:?}");
    assert_eq!(document["proof"][0]["cryptosuite"], "eddsa-rdfc-2022");
    assert_eq!(document["credentialStatus"]["statusPurpose"], "revocation");
}

#[tokio::test]
async fn issued_jwt_verifies_and_tampered_fails() {
    let app = spawn_app().await;
    let fixture = fixture(&app, 7).await;
    let issued = issue(&app, &fixture, recipients(&suffix(), 1), None).await;
    let jwt = issued["credentials"][0]["jwt"].as_str().unwrap().to_string();

    let report = verify(&app, &jwt).await;
    assert_eq!(report["verified"], true, "{report}");
    assert_eq!(report["format"], "vcJwt");
    assert_eq!(check(&report, "signature")["passed"], true);

    let parts: Vec<&str> = jwt.split('.').collect();
    let mut payload: Value = serde_json::from_slice(&base64_decode(parts[1])).unwrap();
    payload["name"] = json!("Forged name");
    let forged = format!("{}.{}.{}", parts[0], base64_encode(payload.to_string().as_bytes()), parts[2]);
    let tampered = verify(&app, &forged).await;
    assert_eq!(tampered["verified"], false);
    assert_eq!(check(&tampered, "signature")["passed"], false);
}

/// A server without the master key issues nothing but still verifies what another
/// instance issued.
#[tokio::test]
async fn verify_works_without_master_key() {
    let app = spawn_app().await;
    let fixture = fixture(&app, 23).await;
    let issued = issue(&app, &fixture, recipients(&suffix(), 1), None).await;
    let jwt = issued["credentials"][0]["jwt"].as_str().unwrap().to_string();
    let settings = ler_registry::credentials::CredentialSettings { master_key: None, ..test_credentials() };
    let keyless = spawn_app_with_credentials(Limits::default(), settings).await;

    let report = verify(&keyless, &jwt).await;
    let variables = json!({"recordId": fixture.program_id, "recipients": recipients(&suffix(), 1)});
    let (code, message) = issue_error(&keyless, &issuer_token(&fixture.provider_id), variables).await;

    assert_eq!(report["verified"], true, "{report}");
    assert_eq!(code, "NOT_CONFIGURED");
    assert!(message.contains("LER_CREDENTIALS_MASTER_KEY"), "{message}");
}

#[tokio::test]
async fn issued_document_verifies_and_tampered_fails() {
    let app = spawn_app().await;
    let fixture = fixture(&app, 7).await;
    let issued = issue(&app, &fixture, recipients(&suffix(), 1), None).await;
    let document = issued["credentials"][0]["document"].as_str().unwrap().to_string();

    let report = verify(&app, &document).await;
    assert_eq!(report["verified"], true, "{report}");
    assert_eq!(report["format"], "dataIntegrity");

    let mut forged: Value = serde_json::from_str(&document).unwrap();
    forged["credentialSubject"]["achievement"]["name"] = json!("Forged achievement");
    let tampered = verify(&app, &forged.to_string()).await;
    assert_eq!(tampered["verified"], false);
    assert_eq!(check(&tampered, "signature")["passed"], false);
}

#[tokio::test]
async fn rs256_format_signs_with_rsa() {
    let app = spawn_app().await;
    let fixture = fixture(&app, 8).await;
    let variables = json!({"recordId": fixture.program_id, "recipients": recipients(&suffix(), 1), "format": "RS256"});
    let response = app.post_graphql_as(&issuer_token(&fixture.provider_id), ISSUE, variables).await;
    let jwt = TestApp::data(&response)["issueCredentials"]["credentials"][0]["jwt"].as_str().unwrap().to_string();

    let header: Value = serde_json::from_slice(&base64_decode(jwt.split('.').next().unwrap())).unwrap();
    assert_eq!(header["alg"], "RS256");
    assert_eq!(verify(&app, &jwt).await["verified"], true);
}

const REVOKE: &str = r#"mutation($id: String!) { revokeCredential(credentialId: $id, reason: "issued in error") { id state } }"#;
const SUSPEND: &str = r#"mutation($id: String!) { suspendCredential(credentialId: $id) { id state } }"#;
const REINSTATE: &str = r#"mutation($id: String!) { reinstateCredential(credentialId: $id) { id state } }"#;

#[tokio::test]
async fn revoke_then_verify_reports_revoked() {
    let app = spawn_app().await;
    let fixture = fixture(&app, 9).await;
    let issued = issue(&app, &fixture, recipients(&suffix(), 1), None).await;
    let credential = &issued["credentials"][0];
    let token = issuer_token(&fixture.provider_id);

    let response = app.post_graphql_as(&token, REVOKE, json!({"id": credential["id"]})).await;
    assert_eq!(TestApp::data(&response)["revokeCredential"]["state"], "REVOKED");

    let report = verify(&app, credential["jwt"].as_str().unwrap()).await;
    assert_eq!(report["verified"], false);
    assert_eq!(check(&report, "status")["passed"], false);
    assert!(check(&report, "status")["message"].as_str().unwrap().contains("revoked"), "{report}");
    assert_eq!(check(&report, "signature")["passed"], true);

    let again = app.post_graphql_as(&token, SUSPEND, json!({"id": credential["id"]})).await;
    assert_eq!(again.body["errors"][0]["extensions"]["code"], "CONFLICT");
}

#[tokio::test]
async fn suspend_then_reinstate_restores_verification() {
    let app = spawn_app().await;
    let fixture = fixture(&app, 10).await;
    let issued = issue(&app, &fixture, recipients(&suffix(), 1), None).await;
    let credential = &issued["credentials"][0];
    let jwt = credential["jwt"].as_str().unwrap();
    let token = issuer_token(&fixture.provider_id);

    let suspended = app.post_graphql_as(&token, SUSPEND, json!({"id": credential["id"]})).await;
    assert_eq!(TestApp::data(&suspended)["suspendCredential"]["state"], "SUSPENDED");
    let report = verify(&app, jwt).await;
    assert_eq!(report["verified"], false);
    assert_eq!(check(&report, "suspension")["passed"], false);

    let reinstated = app.post_graphql_as(&token, REINSTATE, json!({"id": credential["id"]})).await;
    assert_eq!(TestApp::data(&reinstated)["reinstateCredential"]["state"], "ISSUED");
    assert_eq!(verify(&app, jwt).await["verified"], true);
}

#[tokio::test]
async fn revoke_other_providers_credential_forbidden() {
    let app = spawn_app().await;
    let owner = fixture(&app, 11).await;
    let other = fixture(&app, 12).await;
    let issued = issue(&app, &owner, recipients(&suffix(), 1), None).await;

    let response = app.post_graphql_as(&issuer_token(&other.provider_id), REVOKE, json!({"id": issued["credentials"][0]["id"]})).await;

    assert_eq!(response.body["errors"][0]["extensions"]["code"], "FORBIDDEN");
}

#[tokio::test]
async fn status_list_served_as_signed_credential() {
    let app = spawn_app().await;
    let fixture = fixture(&app, 13).await;
    let issued = issue(&app, &fixture, recipients(&suffix(), 1), None).await;
    let url = issued["credentials"][0]["statusListCredential"].as_str().unwrap();
    let path = url.split_once("/status/").map(|(_, id)| format!("/status/{id}")).unwrap();

    let response = app.client.get(app.url(&path)).send().await.unwrap();

    assert_eq!(response.status().as_u16(), 200);
    let list: Value = response.json().await.unwrap();
    assert_eq!(list["type"][1], "BitstringStatusListCredential");
    assert_eq!(list["credentialSubject"]["statusPurpose"], "revocation");
    assert_eq!(list["proof"][0]["cryptosuite"], "eddsa-rdfc-2022");
    assert_eq!(verify(&app, &list.to_string()).await["checks"].as_array().unwrap().iter().find(|c| c["name"] == "signature").unwrap()["passed"], true);
}

#[tokio::test]
async fn did_document_and_jwks_publish_keys() {
    let app = spawn_app().await;
    let fixture = fixture(&app, 14).await;
    issue(&app, &fixture, recipients(&suffix(), 1), None).await;

    let did: Value = app.client.get(app.url(&format!("/issuers/{}/did.json", fixture.provider_id))).send().await.unwrap().json().await.unwrap();
    let jwks: Value = app.client.get(app.url(&format!("/issuers/{}/jwks.json", fixture.provider_id))).send().await.unwrap().json().await.unwrap();

    assert_eq!(did["id"], format!("did:web:registry.test:issuers:{}", fixture.provider_id));
    assert!(did["verificationMethod"].as_array().unwrap().len() >= 3, "{did}");
    assert_eq!(did["verificationMethod"].as_array().unwrap().len(), jwks["keys"].as_array().unwrap().len());
    let algorithms: Vec<&str> = jwks["keys"].as_array().unwrap().iter().map(|k| k["alg"].as_str().unwrap()).collect();
    assert!(algorithms.contains(&"ES256"), "{algorithms:?}");
    assert!(algorithms.contains(&"RS256"), "{algorithms:?}");
}

#[tokio::test]
async fn did_document_unknown_issuer_not_found() {
    let app = spawn_app().await;

    let response = app.client.get(app.url("/issuers/no-such-provider/did.json")).send().await.unwrap();

    assert_eq!(response.status().as_u16(), 404);
}

#[tokio::test]
async fn rotation_keeps_old_credentials_verifiable() {
    let app = spawn_app().await;
    let fixture = fixture(&app, 15).await;
    let before = issue(&app, &fixture, recipients(&suffix(), 1), None).await;
    let old_jwt = before["credentials"][0]["jwt"].as_str().unwrap().to_string();

    let rotate = "mutation { rotateIssuerKeys { did keys { id algorithm state } } }";
    let response = app.post_graphql_as(&issuer_token(&fixture.provider_id), rotate, json!({})).await;
    let keys = TestApp::data(&response)["rotateIssuerKeys"]["keys"].as_array().unwrap().clone();
    let kid = |jwt: &str| serde_json::from_slice::<Value>(&base64_decode(jwt.split('.').next().unwrap())).unwrap()["kid"].clone();
    let old_key = keys.iter().find(|k| k["id"] == kid(&old_jwt)).expect("the old key is still listed");
    assert_eq!(old_key["state"], "retired");
    assert_eq!(keys.iter().filter(|k| k["state"] == "active").count(), 3);

    assert_eq!(verify(&app, &old_jwt).await["verified"], true);
    let after = issue(&app, &fixture, recipients(&suffix(), 1), None).await;
    assert_ne!(kid(&old_jwt), kid(after["credentials"][0]["jwt"].as_str().unwrap()));
}

#[tokio::test]
async fn verify_garbage_reports_format_failure() {
    let app = spawn_app().await;

    let report = verify(&app, "not a credential").await;

    assert_eq!(report["verified"], false);
    assert_eq!(check(&report, "format")["passed"], false);
}

fn base64_decode(text: &str) -> Vec<u8> {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(text).unwrap()
}

fn base64_encode(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

const WALLET: &str = r#"query($learnerId: String!) {
  wallet(learnerId: $learnerId) {
    counts { programs skills experiences byState { state count } }
    items { id kind recordId state selfAttested endorsement declineReason credentialId credential }
  }
}"#;
const SELF_ATTEST: &str = r#"mutation($recordId: String!) { selfAttest(recordId: $recordId, evidence: [{narrative: "Finished the final project"}]) { id state kind selfAttested } }"#;
const REQUEST_ENDORSEMENT: &str = r#"mutation($itemId: String!, $providerId: String!) { requestEndorsement(itemId: $itemId, issuerProviderId: $providerId) }"#;

fn learner_token(learner_id: &str) -> String {
    token(&["learner"], json!({"learner_id": learner_id}))
}

async fn wallet(app: &TestApp, learner_id: &str) -> Value {
    let response = app.post_graphql_as(&learner_token(learner_id), WALLET, json!({"learnerId": learner_id})).await;
    TestApp::data(&response)["wallet"].clone()
}

fn state_count(wallet: &Value, state: &str) -> i64 {
    wallet["counts"]["byState"].as_array().unwrap().iter().find(|s| s["state"] == state).map_or(0, |s| s["count"].as_i64().unwrap())
}

/// Self-attests the fixture's program as a new learner and requests its endorsement.
async fn requested_item(app: &TestApp, fixture: &Fixture) -> (String, String, String) {
    let learner_id = format!("learner-{}", suffix());
    let token = learner_token(&learner_id);
    let response = app.post_graphql_as(&token, SELF_ATTEST, json!({"recordId": fixture.program_id})).await;
    let item_id = TestApp::data(&response)["selfAttest"]["id"].as_str().unwrap().to_string();
    let variables = json!({"itemId": item_id, "providerId": fixture.provider_id});
    let response = app.post_graphql_as(&token, REQUEST_ENDORSEMENT, variables).await;
    let request_id = TestApp::data(&response)["requestEndorsement"].as_str().unwrap().to_string();
    (learner_id, item_id, request_id)
}

#[tokio::test]
async fn wallet_of_other_learner_forbidden() {
    let app = spawn_app().await;

    let response = app.post_graphql_as(&learner_token("learner-a"), WALLET, json!({"learnerId": "learner-b"})).await;
    let anonymous = app.post_graphql(WALLET, json!({"learnerId": "learner-b"})).await;

    assert_eq!(response.body["errors"][0]["extensions"]["code"], "FORBIDDEN");
    assert_eq!(anonymous.body["errors"][0]["extensions"]["code"], "UNAUTHENTICATED");
}

#[tokio::test]
async fn wallet_readable_by_admin() {
    let app = spawn_app().await;
    let learner_id = format!("learner-{}", suffix());

    let response = app.post_graphql_as(&token(&["admin"], json!({})), WALLET, json!({"learnerId": learner_id})).await;

    assert_eq!(TestApp::data(&response)["wallet"]["items"], json!([]));
}

#[tokio::test]
async fn self_attested_item_verifies_with_did_key() {
    let app = spawn_app().await;
    let fixture = fixture(&app, 16).await;
    let learner_id = format!("learner-{}", suffix());

    let response = app.post_graphql_as(&learner_token(&learner_id), SELF_ATTEST, json!({"recordId": fixture.program_id})).await;

    let item = &TestApp::data(&response)["selfAttest"];
    assert_eq!(item["state"], "SELF_ATTESTED");
    assert_eq!(item["kind"], "PROGRAM");
    let document = item["selfAttested"].as_str().unwrap();
    let parsed: Value = serde_json::from_str(document).unwrap();
    assert!(parsed["issuer"]["id"].as_str().unwrap().starts_with("did:key:"), "{parsed}");
    assert_eq!(verify(&app, document).await["verified"], true);
    let wallet = wallet(&app, &learner_id).await;
    assert_eq!(wallet["counts"]["programs"], 1);
    assert_eq!(state_count(&wallet, "SELF_ATTESTED"), 1);
}

#[tokio::test]
async fn endorse_upgrades_item_to_issued_credential() {
    let app = spawn_app().await;
    let fixture = fixture(&app, 17).await;
    let (learner_id, item_id, request_id) = requested_item(&app, &fixture).await;
    assert_eq!(state_count(&wallet(&app, &learner_id).await, "ENDORSEMENT_REQUESTED"), 1);

    let endorse = r#"mutation($id: String!) { endorse(requestId: $id) }"#;
    let response = app.post_graphql_as(&issuer_token(&fixture.provider_id), endorse, json!({"id": request_id})).await;
    let credential_id = TestApp::data(&response)["endorse"].as_str().unwrap().to_string();

    let wallet = wallet(&app, &learner_id).await;
    let item = wallet["items"].as_array().unwrap().iter().find(|i| i["id"] == item_id).unwrap();
    assert_eq!(item["state"], "ENDORSED");
    assert_eq!(item["credentialId"], credential_id);
    let endorsement: Value = serde_json::from_str(item["endorsement"].as_str().unwrap()).unwrap();
    assert_eq!(endorsement["type"][1], "EndorsementCredential");
    assert_eq!(verify(&app, item["endorsement"].as_str().unwrap()).await["verified"], true);
    assert_eq!(verify(&app, item["credential"].as_str().unwrap()).await["verified"], true);

    let again = app.post_graphql_as(&issuer_token(&fixture.provider_id), endorse, json!({"id": request_id})).await;
    assert_eq!(again.body["errors"][0]["extensions"]["code"], "CONFLICT");
}

#[tokio::test]
async fn decline_labels_item_declined() {
    let app = spawn_app().await;
    let fixture = fixture(&app, 18).await;
    let (learner_id, item_id, request_id) = requested_item(&app, &fixture).await;

    let decline = r#"mutation($id: String!) { declineEndorsement(requestId: $id, reason: "No enrollment record found") }"#;
    let response = app.post_graphql_as(&issuer_token(&fixture.provider_id), decline, json!({"id": request_id})).await;
    assert_eq!(TestApp::data(&response)["declineEndorsement"], true);

    let wallet = wallet(&app, &learner_id).await;
    let item = wallet["items"].as_array().unwrap().iter().find(|i| i["id"] == item_id).unwrap();
    assert_eq!(item["state"], "DECLINED");
    assert_eq!(item["declineReason"], "No enrollment record found");
}

#[tokio::test]
async fn endorse_by_other_provider_forbidden() {
    let app = spawn_app().await;
    let owner = fixture(&app, 19).await;
    let other = fixture(&app, 20).await;
    let (_, _, request_id) = requested_item(&app, &owner).await;

    let endorse = r#"mutation($id: String!) { endorse(requestId: $id) }"#;
    let response = app.post_graphql_as(&issuer_token(&other.provider_id), endorse, json!({"id": request_id})).await;

    assert_eq!(response.body["errors"][0]["extensions"]["code"], "FORBIDDEN");
}

#[tokio::test]
async fn issued_wallet_item_labels_revocation() {
    let app = spawn_app().await;
    let fixture = fixture(&app, 21).await;
    let learner_id = format!("learner-{}", suffix());
    let recipient = json!([{"learnerId": learner_id, "did": format!("did:example:{learner_id}")}]);
    let issued = issue(&app, &fixture, recipient.as_array().unwrap().clone(), None).await;
    assert_eq!(state_count(&wallet(&app, &learner_id).await, "ISSUED"), 1);

    let response = app.post_graphql_as(&issuer_token(&fixture.provider_id), REVOKE, json!({"id": issued["credentials"][0]["id"]})).await;
    TestApp::data(&response);

    let wallet = wallet(&app, &learner_id).await;
    assert_eq!(state_count(&wallet, "REVOKED"), 1);
    assert_eq!(state_count(&wallet, "ISSUED"), 0);
}

#[tokio::test]
async fn assembled_clr_verifies_with_embedded_credentials() {
    let app = spawn_app().await;
    let fixture = fixture(&app, 22).await;
    let (learner_id, item_id, request_id) = requested_item(&app, &fixture).await;
    let endorse = r#"mutation($id: String!) { endorse(requestId: $id) }"#;
    TestApp::data(&app.post_graphql_as(&issuer_token(&fixture.provider_id), endorse, json!({"id": request_id})).await);
    let response = app.post_graphql_as(&learner_token(&learner_id), SELF_ATTEST, json!({"recordId": fixture.program_id})).await;
    let second_item = TestApp::data(&response)["selfAttest"]["id"].as_str().unwrap().to_string();

    let assemble = r#"mutation($learnerId: String!, $selection: [String!]!) { assembleClr(learnerId: $learnerId, selection: $selection) { id document } }"#;
    let variables = json!({"learnerId": learner_id, "selection": [item_id, second_item]});
    let response = app.post_graphql_as(&learner_token(&learner_id), assemble, variables.clone()).await;
    let document = TestApp::data(&response)["assembleClr"]["document"].as_str().unwrap().to_string();

    let clr: Value = serde_json::from_str(&document).unwrap();
    assert_eq!(clr["type"][1], "ClrCredential");
    assert_eq!(clr["credentialSubject"]["verifiableCredential"].as_array().unwrap().len(), 2);
    let report = verify(&app, &document).await;
    assert_eq!(report["verified"], true, "{report}");
    assert_eq!(check(&report, "embeddedCredentials")["passed"], true);
    let other = app.post_graphql_as(&learner_token("learner-someone-else"), assemble, variables).await;
    assert_eq!(other.body["errors"][0]["extensions"]["code"], "FORBIDDEN");
}

/// Writes credentials issued through the API in the fixture layout of the independent
/// Python verifiers (`tests/peers/credentials`). Run with
/// `LER_PEER_FIXTURES_DIR=<folder> cargo test --test api peer_fixtures -- --ignored`, then
/// `python verify_credentials.py <folder>`.
#[tokio::test]
#[ignore = "writes files for the Python verifiers; needs LER_PEER_FIXTURES_DIR"]
async fn peer_fixtures_from_api() {
    let folder = std::path::PathBuf::from(std::env::var("LER_PEER_FIXTURES_DIR").expect("LER_PEER_FIXTURES_DIR names the output folder"));
    std::fs::create_dir_all(&folder).unwrap();
    let app = spawn_app().await;
    // A random provider that no other test uses, so that its revocation list most likely
    // has only the one bit set below.
    let fixture = fixture(&app, 30 + (rand::random::<u16>() % 60) as i64).await;
    let write = |name: &str, text: &str| std::fs::write(folder.join(name), text).unwrap();

    let es = issue(&app, &fixture, vec![json!({"did": format!("did:example:peer-{}", suffix())}), json!({"did": format!("did:example:peer-{}", suffix())})], None).await;
    let variables = json!({"recordId": fixture.program_id, "recipients": recipients(&suffix(), 1), "format": "RS256"});
    let rs = TestApp::data(&app.post_graphql_as(&issuer_token(&fixture.provider_id), ISSUE, variables).await)["issueCredentials"].clone();
    let revoked = &es["credentials"][1];
    TestApp::data(&app.post_graphql_as(&issuer_token(&fixture.provider_id), REVOKE, json!({"id": revoked["id"]})).await);

    let did_document: Value = app.client.get(app.url(&format!("/issuers/{}/did.json", fixture.provider_id))).send().await.unwrap().json().await.unwrap();
    let jwks: Value = app.client.get(app.url(&format!("/issuers/{}/jwks.json", fixture.provider_id))).send().await.unwrap().json().await.unwrap();
    write("did.json", &did_document.to_string());
    write("achievement.json", es["credentials"][0]["document"].as_str().unwrap());
    let mut tampered: Value = serde_json::from_str(es["credentials"][0]["document"].as_str().unwrap()).unwrap();
    tampered["name"] = json!("Tampered");
    write("achievement-tampered.json", &tampered.to_string());

    let mut jwts = Vec::new();
    for (alg, credential) in [("ES256", &es["credentials"][0]), ("RS256", &rs["credentials"][0])] {
        let token = credential["jwt"].as_str().unwrap();
        let header: Value = serde_json::from_slice(&base64_decode(token.split('.').next().unwrap())).unwrap();
        let jwk = jwks["keys"].as_array().unwrap().iter().find(|k| k["kid"] == header["kid"]).unwrap().clone();
        let parts: Vec<&str> = token.split('.').collect();
        let mut payload: Value = serde_json::from_slice(&base64_decode(parts[1])).unwrap();
        payload["name"] = json!("Tampered");
        write(&format!("{alg}.jwt"), token);
        write(&format!("{alg}-tampered.jwt"), &format!("{}.{}.{}", parts[0], base64_encode(payload.to_string().as_bytes()), parts[2]));
        jwts.push(json!({"alg": alg, "file": format!("{alg}.jwt"), "tamperedFile": format!("{alg}-tampered.jwt"), "jwk": jwk}));
    }

    let list_url = es["credentials"][0]["statusListCredential"].as_str().unwrap();
    let list_path = list_url.split_once("/status/").map(|(_, id)| format!("/status/{id}")).unwrap();
    let list: Value = app.client.get(app.url(&list_path)).send().await.unwrap().json().await.unwrap();
    write("status-list.json", &list.to_string());

    let manifest = json!({
        "did": did_document["id"],
        "achievements": ["achievement.json"],
        "endorsements": [],
        "clrs": [],
        "jwts": jwts,
        "dataIntegrity": ["achievement.json", "status-list.json"],
        "tamperedDataIntegrity": ["achievement-tampered.json"],
        "statusList": {"file": "status-list.json", "revokedIndex": revoked["statusListIndex"], "validIndex": es["credentials"][0]["statusListIndex"]},
    });
    write("manifest.json", &manifest.to_string());
}

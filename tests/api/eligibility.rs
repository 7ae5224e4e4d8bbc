//! Eligibility verdicts through the API, from rules and tables stored in the seeded graph.

use ler_registry::graph::{Graph, Statement};
use rand::Rng;
use serde_json::{json, Value};

use crate::helpers::{spawn_app, TestApp};

/// NJ training program on the provider list whose CIP code is in demand, with outcomes.
const IN_DEMAND_PROGRAM: &str = "nj-etpl-27-52.0301";
/// NJ training program on the provider list whose CIP code is not in demand, with
/// 2nd-quarter employment of 0.666666666666667.
const NOT_IN_DEMAND_PROGRAM: &str = "nj-etpl-64-11.0801";

const PROGRAM_ELIGIBILITY: &str = r#"
query($id: ID!, $asOf: NaiveDate) {
  programEligibility(programId: $id, asOf: $asOf) {
    programId asOf
    facts { field value origin }
    verdicts {
      aidProgramId status reasons notices
      checks { ruleId field operator threshold comparedValue unit outcome effectiveFrom effectiveTo source verification }
      whatIf { ruleId field current target description }
    }
  }
}"#;

const HOUSEHOLD_ELIGIBILITY: &str = r#"
query($input: HouseholdInput!, $asOf: NaiveDate) {
  householdEligibility(input: $input, asOf: $asOf) {
    asOf
    services {
      serviceId serviceName status reasons categoricalEligibility notices
      incomeLimits { ruleId limit { amount currency } income { amount } distance { amount } withinLimit description projected }
      checks { ruleId outcome comparedValue limit }
      whatIf { ruleId field delta description }
    }
  }
}"#;

fn verdict<'a>(verdicts: &'a Value, key: &str, id: &str) -> &'a Value {
    verdicts.as_array().unwrap().iter().find(|verdict| verdict[key] == id).unwrap_or_else(|| panic!("no verdict for {id} in {verdicts}"))
}

fn check<'a>(verdict: &'a Value, rule_id: &str) -> &'a Value {
    verdict["checks"].as_array().unwrap().iter().find(|check| check["ruleId"] == rule_id).unwrap_or_else(|| panic!("no check {rule_id} in {verdict}"))
}

async fn program_verdicts(app: &TestApp, id: &str, as_of: &str) -> Value {
    let data = app.query_data(PROGRAM_ELIGIBILITY, json!({"id": id, "asOf": as_of})).await;
    data["programEligibility"].clone()
}

async fn services(app: &TestApp, input: Value, as_of: &str) -> Value {
    let data = app.query_data(HOUSEHOLD_ELIGIBILITY, json!({"input": input, "asOf": as_of})).await;
    data["householdEligibility"]["services"].clone()
}

/// Builds a household of three with no member aged 60 or older or disabled, so SNAP
/// applies the gross income test.
fn snap_household(gross: &str, net: &str) -> Value {
    json!({
        "state": "NJ", "householdSize": 3, "monthlyGrossIncome": gross, "monthlyNetIncome": net,
        "members": [{"ageYears": 35}, {"ageYears": 33}, {"ageYears": 6}]
    })
}

#[tokio::test]
async fn wioa_ita_eligible_when_in_demand() {
    let app = spawn_app().await;
    let eligibility = program_verdicts(&app, IN_DEMAND_PROGRAM, "2026-12-01").await;
    let wioa = verdict(&eligibility["verdicts"], "aidProgramId", "wioa_ita");

    assert_eq!(wioa["status"], "ELIGIBLE");
    assert_eq!(check(wioa, "WIOA_ETPL")["outcome"], "PASS");
    assert_eq!(check(wioa, "WIOA_IN_DEMAND")["outcome"], "PASS");
    assert_eq!(check(wioa, "WIOA_IN_DEMAND")["source"], "https://dwd.wi.gov/wioa/policy/08/08.5.1.htm");
}

#[tokio::test]
async fn wioa_ita_ineligible_when_not_in_demand() {
    let app = spawn_app().await;
    let eligibility = program_verdicts(&app, NOT_IN_DEMAND_PROGRAM, "2026-12-01").await;
    let wioa = verdict(&eligibility["verdicts"], "aidProgramId", "wioa_ita");
    let reasons = wioa["reasons"].as_array().unwrap();

    assert_eq!(wioa["status"], "INELIGIBLE");
    assert_eq!(reasons.len(), 1, "{reasons:?}");
    assert!(reasons[0].as_str().unwrap().starts_with("WIOA_IN_DEMAND"), "{reasons:?}");
    assert_eq!(check(wioa, "WIOA_IN_DEMAND")["comparedValue"], "false");
    assert_eq!(wioa["whatIf"][0]["field"], "in_demand");
}

#[tokio::test]
async fn workforce_pell_uses_placement_figure() {
    let app = spawn_app().await;
    let eligibility = program_verdicts(&app, NOT_IN_DEMAND_PROGRAM, "2026-12-01").await;
    let placement_fact = eligibility["facts"].as_array().unwrap().iter().find(|fact| fact["field"] == "placement_rate").expect("placement fact");
    let pell = verdict(&eligibility["verdicts"], "aidProgramId", "workforce_pell");
    let placement = check(pell, "WP_PLACEMENT_ANY");

    assert_eq!(placement_fact["value"], "0.666666666666667");
    assert!(placement_fact["origin"].as_str().unwrap().contains("employedRate2"));
    assert_eq!(placement["comparedValue"], "0.666666666666667");
    assert_eq!(placement["threshold"], "0.70");
    assert_eq!(placement["outcome"], "FAIL");
    assert_eq!(placement["effectiveFrom"], "2026-07-01");
    assert_eq!(placement["effectiveTo"], "2029-06-30");
    assert_eq!(pell["status"], "INELIGIBLE");
    assert!(pell["whatIf"].as_array().unwrap().iter().any(|change| change["field"] == "placement_rate" && change["target"] == "0.70"));
}

#[tokio::test]
async fn workforce_pell_missing_completion_is_pending() {
    let app = spawn_app().await;
    let eligibility = program_verdicts(&app, NOT_IN_DEMAND_PROGRAM, "2026-12-01").await;
    let pell = verdict(&eligibility["verdicts"], "aidProgramId", "workforce_pell");
    let completion = check(pell, "WP_COMPLETION");

    assert!(eligibility["facts"].as_array().unwrap().iter().all(|fact| fact["field"] != "completion_rate"));
    assert_eq!(completion["comparedValue"], Value::Null);
    assert_eq!(completion["outcome"], "PENDING");
}

#[tokio::test]
async fn workforce_pell_changes_at_effective_date() {
    let app = spawn_app().await;
    let before = program_verdicts(&app, NOT_IN_DEMAND_PROGRAM, "2026-06-30").await;
    let after = program_verdicts(&app, NOT_IN_DEMAND_PROGRAM, "2026-07-01").await;
    let pell_before = verdict(&before["verdicts"], "aidProgramId", "workforce_pell");
    let pell_after = verdict(&after["verdicts"], "aidProgramId", "workforce_pell");

    assert_eq!(pell_before["status"], "UNKNOWN");
    assert_eq!(pell_before["reasons"][0], "No workforce_pell rules are in effect on 2026-06-30.");
    assert_eq!(pell_after["status"], "INELIGIBLE");
    assert_eq!(after["asOf"], "2026-07-01");
}

#[tokio::test]
async fn program_eligibility_unknown_program_not_found() {
    let app = spawn_app().await;
    let (code, message) = app.query_error(PROGRAM_ELIGIBILITY, json!({"id": "no-such-program"})).await;

    assert_eq!(code, "NOT_FOUND");
    assert!(message.contains("no-such-program"), "{message}");
}

#[tokio::test]
async fn program_field_matches_query_verdicts() {
    let app = spawn_app().await;
    let query = r#"query($first: Int) { programs(filter: {state: "NJ"}, first: $first) { edges { node { registryId inDemand eligibility(asOf: "2026-12-01") { verdicts { aidProgramId status } } } } } }"#;
    let data = app.query_data(query, json!({"first": 50})).await;
    let edges = data["programs"]["edges"].as_array().unwrap();

    assert_eq!(edges.len(), 50);
    for edge in edges {
        let node = &edge["node"];
        let wioa = verdict(&node["eligibility"]["verdicts"], "aidProgramId", "wioa_ita");
        let expected = if node["inDemand"] == true { "ELIGIBLE" } else { "INELIGIBLE" };
        assert_eq!(wioa["status"], expected, "program {}", node["registryId"]);
    }
}

#[tokio::test]
async fn program_field_statement_count_bounded() {
    let query = r#"query($first: Int) { programs(filter: {state: "NJ"}, first: $first) { edges { node { eligibility { verdicts { status } } } } } }"#;
    let mut counts = Vec::new();
    for first in [5, 50] {
        let app = spawn_app().await;
        let before = app.graph.statement_count();
        app.query_data(query, json!({"first": first})).await;
        counts.push(app.graph.statement_count() - before);
    }

    // The page and its count, then the rules, the aid program names and one facts
    // statement per batch. A batch may split once when resolving outlasts the batch delay.
    assert!(counts[0] <= 8, "5 programs ran {} statements", counts[0]);
    assert!(counts[1] <= 8, "50 programs ran {} statements", counts[1]);
}

#[tokio::test]
async fn snap_at_gross_limit_eligible() {
    let app = spawn_app().await;
    let services = services(&app, snap_household("2888", "2221"), "2026-03-01").await;
    let snap = verdict(&services, "serviceId", "snap");
    let gross = snap["incomeLimits"].as_array().unwrap().iter().find(|limit| limit["ruleId"] == "SNAP_GROSS").expect("gross limit");

    assert_eq!(snap["status"], "ELIGIBLE");
    assert_eq!(gross["limit"]["amount"], "2888.00");
    assert_eq!(gross["limit"]["currency"], "USD");
    assert_eq!(gross["distance"]["amount"], "0.00");
    assert_eq!(gross["withinLimit"], true);
}

#[tokio::test]
async fn snap_one_dollar_over_ineligible() {
    let app = spawn_app().await;
    let services = services(&app, snap_household("2889", "2221"), "2026-03-01").await;
    let snap = verdict(&services, "serviceId", "snap");
    let gross = snap["incomeLimits"].as_array().unwrap().iter().find(|limit| limit["ruleId"] == "SNAP_GROSS").expect("gross limit");

    assert_eq!(snap["status"], "INELIGIBLE");
    assert_eq!(gross["distance"]["amount"], "-1.00");
    assert_eq!(gross["withinLimit"], false);
    assert!(snap["reasons"][0].as_str().unwrap().starts_with("SNAP_GROSS"), "{}", snap["reasons"]);
    assert_eq!(snap["whatIf"][0]["delta"], "-1");
}

#[tokio::test]
async fn snap_limit_changes_with_fiscal_year() {
    let app = spawn_app().await;
    let before = services(&app, snap_household("2900", "2000"), "2026-09-30").await;
    let after = services(&app, snap_household("2900", "2000"), "2026-10-01").await;
    let snap_before = verdict(&before, "serviceId", "snap");
    let snap_after = verdict(&after, "serviceId", "snap");

    assert_eq!(snap_before["status"], "INELIGIBLE");
    assert_eq!(snap_after["status"], "ELIGIBLE");
    assert_eq!(check(snap_after, "SNAP_GROSS")["limit"], "2960");
    assert_eq!(snap_after["incomeLimits"][0]["projected"], true);
}

#[tokio::test]
async fn snap_over_limit_without_members_unknown() {
    let app = spawn_app().await;
    let input = json!({"state": "NJ", "householdSize": 3, "monthlyGrossIncome": "2889", "monthlyNetIncome": "2221"});
    let services = services(&app, input, "2026-03-01").await;
    let snap = verdict(&services, "serviceId", "snap");

    // Whether the gross test applies depends on an elderly or disabled member, which an
    // empty member list leaves unknown.
    assert_eq!(snap["status"], "UNKNOWN");
    assert_eq!(check(snap, "SNAP_GROSS")["outcome"], "MISSING");
}

#[tokio::test]
async fn wic_eligible_through_snap() {
    let app = spawn_app().await;
    let input = json!({
        "state": "NJ", "householdSize": 2, "monthlyGrossIncome": "9000",
        "members": [{"ageYears": 28, "pregnant": true}, {"ageYears": 30}],
        "currentBenefits": ["SNAP"]
    });
    let services = services(&app, input, "2026-03-01").await;
    let wic = verdict(&services, "serviceId", "wic");

    assert_eq!(wic["status"], "ELIGIBLE");
    assert_eq!(wic["categoricalEligibility"], "receives snap (WIC_ADJUNCTIVE)");
    assert_eq!(check(wic, "WIC_INCOME_2025")["outcome"], "FAIL");
    assert_eq!(check(wic, "WIC_ADJUNCTIVE")["outcome"], "PASS");
}

#[tokio::test]
async fn wic_over_income_without_snap() {
    let app = spawn_app().await;
    let input = json!({
        "state": "NJ", "householdSize": 2, "monthlyGrossIncome": "9000",
        "members": [{"ageYears": 28, "pregnant": true}, {"ageYears": 30}]
    });
    let services = services(&app, input, "2026-03-01").await;
    let wic = verdict(&services, "serviceId", "wic");

    assert_eq!(wic["status"], "INELIGIBLE");
    assert_eq!(wic["categoricalEligibility"], Value::Null);
}

#[tokio::test]
async fn bad_profiles_name_field() {
    let app = spawn_app().await;
    let base = json!({"state": "NJ", "householdSize": 3, "monthlyGrossIncome": "2000", "monthlyNetIncome": "1500"});
    let cases = [
        ("householdSize", json!({"householdSize": 0})),
        ("householdSize", json!({"householdSize": -2})),
        ("monthlyGrossIncome", json!({"monthlyGrossIncome": "-5"})),
        ("monthlyGrossIncome", json!({"monthlyGrossIncome": "two thousand"})),
        ("monthlyNetIncome", json!({"monthlyNetIncome": "2500"})),
        ("countableResources", json!({"countableResources": "-1"})),
        ("state", json!({"state": "ZZ"})),
        ("state", json!({"state": "PR"})),
        ("members[0].ageYears", json!({"householdSize": 1, "members": [{"ageYears": -1}]})),
    ];
    for (field, change) in cases {
        let mut input = base.clone();
        for (key, value) in change.as_object().unwrap() {
            input[key] = value.clone();
        }
        let response = app.post_graphql(HOUSEHOLD_ELIGIBILITY, json!({"input": input})).await;
        let error = &response.body["errors"][0];
        assert_eq!(error["extensions"]["code"], "BAD_USER_INPUT", "case {change}: {}", response.body);
        assert_eq!(error["extensions"]["field"], field, "case {change}: {}", response.body);
        let message = error["message"].as_str().unwrap();
        assert!(message.contains(field.split('.').last().unwrap()), "case {change}: {message}");
    }
}

/// Adds a test service with one gross income rule at 1000 USD, under ids unique to the test.
async fn create_rule_variant(graph: &Graph, service: &str, rule: &str) {
    let create = Statement::new("test_create_rule_variant", include_str!("../../cypher/eligibility/test/create_rule_variant.cypher"))
        .param("service", service)
        .param("rule", rule)
        .param("threshold", "1000");
    graph.run(create).await.unwrap();
}

async fn delete_rule_variant(graph: &Graph, service: &str) {
    let delete = Statement::new("test_delete_rule_variant", include_str!("../../cypher/eligibility/test/delete_rule_variant.cypher")).param("service", service);
    graph.run(delete).await.unwrap();
}

#[tokio::test]
async fn rule_threshold_change_changes_verdict() {
    let app = spawn_app().await;
    let suffix: u32 = rand::thread_rng().gen();
    let service = format!("test_service_{suffix}");
    let rule = format!("TEST_INCOME_{suffix}");
    create_rule_variant(&app.graph, &service, &rule).await;

    let household = json!({"state": "NJ", "householdSize": 1, "monthlyGrossIncome": "1500"});
    let before = services(&app, household.clone(), "2026-03-01").await;
    let raise = Statement::new("test_set_rule_threshold", include_str!("../../cypher/eligibility/test/set_rule_threshold.cypher"))
        .param("rule", rule.clone())
        .param("threshold", "2000");
    app.graph.run(raise).await.unwrap();
    let after = services(&app, household, "2026-03-01").await;

    delete_rule_variant(&app.graph, &service).await;

    let service_before = verdict(&before, "serviceId", &service);
    let service_after = verdict(&after, "serviceId", &service);
    assert_eq!(service_before["status"], "INELIGIBLE");
    assert_eq!(check(service_before, &rule)["limit"], "1000");
    assert_eq!(service_after["status"], "ELIGIBLE");
    assert_eq!(check(service_after, &rule)["limit"], "2000");
}

/// South Georgia Technical College's pipe welder certificate: 9 credit hours, no stated length.
const SGTC_CERTIFICATE: &str = "ipeds-141006:program:PW11";

#[tokio::test]
async fn workforce_pell_judges_catalog_certificate_length() {
    let app = spawn_app().await;
    let result = program_verdicts(&app, SGTC_CERTIFICATE, "2026-09-01").await;
    let pell = verdict(&result["verdicts"], "aidProgramId", "workforce_pell");
    let weeks = result["facts"].as_array().unwrap().iter().find(|fact| fact["field"] == "weeks").expect("weeks fact");
    let length_checks: Vec<&Value> = pell["checks"].as_array().unwrap().iter().filter(|c| c["field"] == "weeks").collect();

    assert_eq!(weeks["value"], "15");
    assert!(weeks["origin"].as_str().unwrap().contains("9 credit hours fit in one term"), "{weeks}");
    assert!(length_checks.iter().all(|c| c["comparedValue"] == "15"), "{length_checks:?}");
    assert!(length_checks.iter().any(|c| c["outcome"] == "FAIL"), "{length_checks:?}");
    assert_eq!(pell["status"], "INELIGIBLE");
    let notices = pell["notices"].as_array().unwrap();
    assert!(notices.iter().any(|n| n.as_str().unwrap().contains("the registry derived")), "{notices:?}");
}

/// The certificate's catalog level, technical certificate of credit, counts as a
/// certificate for Pell, so Pell decides on its length instead of reporting UNKNOWN.
#[tokio::test]
async fn pell_reads_catalog_certificate_level() {
    let app = spawn_app().await;
    let result = program_verdicts(&app, SGTC_CERTIFICATE, "2026-09-01").await;
    let pell = verdict(&result["verdicts"], "aidProgramId", "federal_pell");
    let level = result["facts"].as_array().unwrap().iter().find(|fact| fact["field"] == "award_level").expect("award level fact");

    assert_eq!(level["value"], "certificate");
    assert_ne!(pell["status"], "UNKNOWN", "{pell}");
}

/// Rules that another writer deletes while a household is evaluated must not fail the
/// request. The read returns the rules as they were before or after the deletion.
#[tokio::test]
async fn household_reads_survive_concurrent_rule_deletion() {
    let app = spawn_app().await;
    let graph = app.graph.clone();
    let writer = tokio::spawn(async move {
        for _ in 0..40 {
            let suffix: u32 = rand::thread_rng().gen();
            let service = format!("test_service_{suffix}");
            create_rule_variant(&graph, &service, &format!("TEST_INCOME_{suffix}")).await;
            delete_rule_variant(&graph, &service).await;
        }
    });
    let household = json!({"state": "NJ", "householdSize": 1, "monthlyGrossIncome": "1500"});
    while !writer.is_finished() {
        let response = app.post_graphql(HOUSEHOLD_ELIGIBILITY, json!({"input": household, "asOf": "2026-03-01"})).await;
        assert!(response.body.get("errors").is_none(), "a concurrent rule deletion failed the read: {}", response.body);
    }
    writer.await.unwrap();
}

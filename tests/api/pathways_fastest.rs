//! `fastestPathToEmployment` on hand-built graphs with known results.

use serde_json::{json, Value};

use crate::helpers::spawn_app;
use crate::pathways_fixture::{opens, step, step_ids, Fixture, ProgramSpec, FASTEST};

fn result(data: &Value) -> &Value {
    &data["fastestPathToEmployment"]
}

#[tokio::test]
async fn equal_weeks_rank_by_cost() {
    let app = spawn_app().await;
    let f = Fixture::new(0).program("dear", opens(10.0, 2_000.0)).program("cheap", opens(10.0, 1_000.0)).build(&app).await;

    let data = app.query_data(FASTEST, json!({ "input": { "occupation": f.onet } })).await;

    assert_eq!(step_ids(&data), vec![vec![f.id("cheap")], vec![f.id("dear")]]);
    assert_eq!(result(&data)["pathways"][0]["rank"], 1);
    assert_eq!(result(&data)["pathways"][1]["totalCostUsd"], 2_000.0);

    f.remove(&app).await;
}

#[tokio::test]
async fn shorter_path_wins_despite_cost() {
    let app = spawn_app().await;
    let f = Fixture::new(1).program("short", opens(8.0, 5_000.0)).program("long", opens(12.0, 1_000.0)).build(&app).await;

    let data = app.query_data(FASTEST, json!({ "input": { "occupation": f.onet } })).await;

    assert_eq!(step_ids(&data), vec![vec![f.id("short")], vec![f.id("long")]]);
    assert_eq!(result(&data)["pathways"][0]["totalWeeks"], 8.0);

    f.remove(&app).await;
}

#[tokio::test]
async fn prerequisite_program_comes_first() {
    let app = spawn_app().await;
    let f = Fixture::new(2)
        .program("basics", step(10.0, 500.0))
        .program("trade", opens(20.0, 3_000.0))
        .link("basics", "trade", "PREREQUISITE_FOR", None)
        .build(&app)
        .await;

    let data = app.query_data(FASTEST, json!({ "input": { "occupation": f.onet } })).await;

    assert_eq!(step_ids(&data), vec![vec![f.id("basics"), f.id("trade")]]);
    let pathway = &result(&data)["pathways"][0];
    assert_eq!(pathway["totalWeeks"], 30.0);
    assert_eq!(pathway["totalCostUsd"], 3_500.0);
    assert!(pathway["steps"][0]["why"].as_str().unwrap().contains("required before"), "{pathway}");

    f.remove(&app).await;
}

#[tokio::test]
async fn held_prerequisite_is_skipped() {
    let app = spawn_app().await;
    let f = Fixture::new(3)
        .program("basics", step(10.0, 500.0))
        .program("trade", opens(20.0, 3_000.0))
        .link("basics", "trade", "PREREQUISITE_FOR", None)
        .build(&app)
        .await;

    let data = app.query_data(FASTEST, json!({ "input": { "occupation": f.onet, "held": [f.id("basics")] } })).await;

    assert_eq!(step_ids(&data), vec![vec![f.id("trade")]]);
    assert_eq!(result(&data)["pathways"][0]["totalWeeks"], 20.0);

    f.remove(&app).await;
}

#[tokio::test]
async fn held_target_program_returns_reason() {
    let app = spawn_app().await;
    let f = Fixture::new(4).program("trade", opens(20.0, 3_000.0)).build(&app).await;

    let data = app.query_data(FASTEST, json!({ "input": { "occupation": f.onet, "held": [format!("Program:{}", f.id("trade"))] } })).await;

    assert_eq!(result(&data)["pathways"], json!([]));
    assert!(result(&data)["reason"].as_str().unwrap().contains("already hold"), "{data}");

    f.remove(&app).await;
}

#[tokio::test]
async fn held_certificate_carries_credit() {
    let app = spawn_app().await;
    let certificate = ProgramSpec { weeks: Some(15.0), cost: Some(1_200.0), credits: Some(12.0), level: Some("CERTIFICATE"), ..Default::default() };
    let diploma = ProgramSpec { weeks: Some(60.0), cost: Some(5_400.0), credits: Some(54.0), level: Some("DIPLOMA"), opens_target: true, ..Default::default() };
    let f = Fixture::new(5)
        .program("cert", certificate)
        .program("diploma", diploma)
        .link("cert", "diploma", "STACKS_INTO", Some(12.0))
        .build(&app)
        .await;

    let data = app.query_data(FASTEST, json!({ "input": { "occupation": f.onet, "held": [f.id("cert")] } })).await;

    assert_eq!(step_ids(&data), vec![vec![f.id("diploma")]]);
    let step = &result(&data)["pathways"][0]["steps"][0];
    assert_eq!(step["weeks"], 46.67);
    assert_eq!(step["costUsd"], 4_200.0);
    assert_eq!(step["credentialEarned"], "DIPLOMA");
    assert!(step["why"].as_str().unwrap().contains("12 credit hours carried"), "{step}");

    f.remove(&app).await;
}

#[tokio::test]
async fn stack_order_without_holdings() {
    let app = spawn_app().await;
    let certificate = ProgramSpec { weeks: Some(15.0), cost: Some(1_200.0), credits: Some(12.0), ..Default::default() };
    let diploma = ProgramSpec { weeks: Some(60.0), cost: Some(5_400.0), credits: Some(54.0), opens_target: true, ..Default::default() };
    let f = Fixture::new(6)
        .program("cert", certificate)
        .program("diploma", diploma)
        .link("cert", "diploma", "STACKS_INTO", Some(12.0))
        .build(&app)
        .await;

    let data = app.query_data(FASTEST, json!({ "input": { "occupation": f.onet, "k": 5 } })).await;

    assert_eq!(step_ids(&data), vec![vec![f.id("diploma")], vec![f.id("cert"), f.id("diploma")]]);
    assert_eq!(result(&data)["pathways"][1]["totalWeeks"], 61.67);
    assert_eq!(result(&data)["pathways"][1]["totalCostUsd"], 5_400.0);

    f.remove(&app).await;
}

#[tokio::test]
async fn prior_learning_reduces_weeks() {
    let app = spawn_app().await;
    let program = ProgramSpec { weeks: Some(20.0), cost: Some(4_000.0), credits: Some(40.0), opens_target: true, ..Default::default() };
    let f = Fixture::new(7).program("trade", program).build(&app).await;

    let data = app.query_data(FASTEST, json!({ "input": { "occupation": f.onet, "priorLearningCredits": 10 } })).await;

    let step = &result(&data)["pathways"][0]["steps"][0];
    assert_eq!(step["weeks"], 15.0);
    assert_eq!(step["costUsd"], 3_000.0);
    assert!(step["why"].as_str().unwrap().contains("10 credit hours for prior learning"), "{step}");

    f.remove(&app).await;
}

#[tokio::test]
async fn prior_learning_is_capped_by_credits() {
    let app = spawn_app().await;
    let program = ProgramSpec { weeks: Some(20.0), cost: Some(4_000.0), credits: Some(40.0), opens_target: true, ..Default::default() };
    let f = Fixture::new(8).program("trade", program).build(&app).await;

    let data = app.query_data(FASTEST, json!({ "input": { "occupation": f.onet, "priorLearningCredits": 100 } })).await;

    assert_eq!(result(&data)["pathways"][0]["totalWeeks"], 0.0);

    f.remove(&app).await;
}

#[tokio::test]
async fn cycle_in_links_terminates() {
    let app = spawn_app().await;
    let f = Fixture::new(9)
        .program("a", step(5.0, 100.0))
        .program("b", opens(10.0, 200.0))
        .link("a", "b", "STACKS_INTO", None)
        .link("b", "a", "STACKS_INTO", None)
        .build(&app)
        .await;

    let data = app.query_data(FASTEST, json!({ "input": { "occupation": f.onet, "k": 10 } })).await;

    assert_eq!(step_ids(&data), vec![vec![f.id("b")], vec![f.id("a"), f.id("b")]]);

    f.remove(&app).await;
}

#[tokio::test]
async fn target_without_programs_is_unreachable() {
    let app = spawn_app().await;
    let f = Fixture::new(10).build(&app).await;

    let data = app.query_data(FASTEST, json!({ "input": { "occupation": f.onet } })).await;

    assert_eq!(result(&data)["pathways"], json!([]));
    let reason = result(&data)["reason"].as_str().unwrap();
    assert!(reason.starts_with("No program in the registry prepares for "), "{reason}");
    assert!(reason.contains(&format!("({})", f.onet)), "{reason}");

    f.remove(&app).await;
}

#[tokio::test]
async fn missing_prerequisite_out_of_state() {
    let app = spawn_app().await;
    let f = Fixture::new(11)
        .program("basics", ProgramSpec { state: Some("NJ"), ..step(10.0, 500.0) })
        .program("trade", ProgramSpec { state: Some("GA"), ..opens(20.0, 3_000.0) })
        .link("basics", "trade", "PREREQUISITE_FOR", None)
        .build(&app)
        .await;

    let data = app.query_data(FASTEST, json!({ "input": { "occupation": f.onet, "state": "GA" } })).await;

    assert_eq!(result(&data)["pathways"], json!([]));
    assert!(result(&data)["reason"].as_str().unwrap().contains("none is reachable"), "{data}");

    f.remove(&app).await;
}

#[tokio::test]
async fn well_formed_unknown_code_is_empty() {
    let app = spawn_app().await;

    let data = app.query_data(FASTEST, json!({ "input": { "occupation": "99-9999.99" } })).await;

    assert_eq!(result(&data)["pathways"], json!([]));
    assert!(result(&data)["reason"].as_str().unwrap().contains("No occupation has the code \"99-9999.99\""), "{data}");
}

#[tokio::test]
async fn budget_excludes_fastest_path() {
    let app = spawn_app().await;
    let f = Fixture::new(12).program("short", opens(8.0, 5_000.0)).program("long", opens(12.0, 1_000.0)).build(&app).await;

    let data = app.query_data(FASTEST, json!({ "input": { "occupation": f.onet, "budgetUsd": 2_000 } })).await;

    assert_eq!(step_ids(&data), vec![vec![f.id("long")]]);
    assert!(result(&data)["reason"].as_str().unwrap().contains("1 more exceed"), "{data}");

    f.remove(&app).await;
}

#[tokio::test]
async fn budget_below_every_path_explains() {
    let app = spawn_app().await;
    let f = Fixture::new(13).program("short", opens(8.0, 5_000.0)).build(&app).await;

    let data = app.query_data(FASTEST, json!({ "input": { "occupation": f.onet, "budgetUsd": 100, "maxWeeks": 4 } })).await;

    assert_eq!(result(&data)["pathways"], json!([]));
    let reason = result(&data)["reason"].as_str().unwrap();
    assert!(reason.contains("1 cost more than the budget of $100"), "{reason}");
    assert!(reason.contains("take longer than 4 weeks"), "{reason}");

    f.remove(&app).await;
}

#[tokio::test]
async fn k_above_path_count_returns_all() {
    let app = spawn_app().await;
    let f = Fixture::new(14).program("one", opens(8.0, 100.0)).program("two", opens(9.0, 100.0)).build(&app).await;

    let data = app.query_data(FASTEST, json!({ "input": { "occupation": f.onet, "k": 10 } })).await;

    assert_eq!(step_ids(&data).len(), 2);
    assert!(result(&data)["reason"].as_str().unwrap().contains("fewer than the 10 requested"), "{data}");

    f.remove(&app).await;
}

#[tokio::test]
async fn k_limits_pathway_count() {
    let app = spawn_app().await;
    let f = Fixture::new(15).program("one", opens(8.0, 100.0)).program("two", opens(9.0, 100.0)).program("three", opens(10.0, 100.0)).build(&app).await;

    let data = app.query_data(FASTEST, json!({ "input": { "occupation": f.onet, "k": 2 } })).await;

    assert_eq!(step_ids(&data), vec![vec![f.id("one")], vec![f.id("two")]]);

    f.remove(&app).await;
}

#[tokio::test]
async fn missing_course_prerequisite_becomes_step() {
    let app = spawn_app().await;
    let f = Fixture::new(16)
        .program("trade", opens(20.0, 3_000.0))
        .course("intro", 3.0, None, &[])
        .course("advanced", 4.0, Some("trade"), &["intro"])
        .build(&app)
        .await;

    let data = app.query_data(FASTEST, json!({ "input": { "occupation": f.onet } })).await;
    assert_eq!(step_ids(&data), vec![vec![f.id("intro"), f.id("trade")]]);
    let course = &result(&data)["pathways"][0]["steps"][0];
    assert_eq!(course["kind"], "COURSE");
    assert_eq!(course["costUsd"], 300.0);
    assert_eq!(course["weeksEstimated"], true);

    let data = app.query_data(FASTEST, json!({ "input": { "occupation": f.onet, "held": [f.id("intro")] } })).await;
    assert_eq!(step_ids(&data), vec![vec![f.id("trade")]]);

    f.remove(&app).await;
}

#[tokio::test]
async fn missing_length_is_estimated() {
    let app = spawn_app().await;
    let diploma = ProgramSpec { level: Some("DIPLOMA"), opens_target: true, ..Default::default() };
    let f = Fixture::new(17).program("diploma", diploma).build(&app).await;

    let data = app.query_data(FASTEST, json!({ "input": { "occupation": f.onet } })).await;

    let pathway = &result(&data)["pathways"][0];
    assert_eq!(pathway["estimated"], true);
    let step = &pathway["steps"][0];
    assert_eq!(step["weeks"], 60.0);
    assert_eq!(step["costUsd"], 6_644.0);
    assert_eq!(step["weeksEstimated"], true);
    assert_eq!(step["costEstimated"], true);
    assert!(step["estimateBasis"].as_str().unwrap().contains("award level"), "{step}");

    f.remove(&app).await;
}

#[tokio::test]
async fn wage_floor_targets_paid_occupations() {
    let app = spawn_app().await;

    let data = app.query_data(FASTEST, json!({ "input": { "minMedianWage": 100_000, "k": 10 } })).await;

    let pathways = result(&data)["pathways"].as_array().unwrap();
    assert!(!pathways.is_empty(), "{data}");
    for pathway in pathways {
        assert!(pathway["target"]["medianWage"].as_f64().unwrap() >= 100_000.0, "{pathway}");
    }
}

#[tokio::test]
async fn wage_floor_above_all_is_empty() {
    let app = spawn_app().await;

    let data = app.query_data(FASTEST, json!({ "input": { "minMedianWage": 100_000_000 } })).await;

    assert_eq!(result(&data)["pathways"], json!([]));
    assert!(result(&data)["reason"].as_str().unwrap().contains("No occupation has a median annual wage"), "{data}");
}

async fn error_field(input: Value) -> (String, String) {
    let app = spawn_app().await;
    let response = app.post_graphql(FASTEST, json!({ "input": input })).await;
    let error = &response.body["errors"][0];
    (error["extensions"]["code"].as_str().unwrap_or("(none)").to_string(), error["extensions"]["field"].as_str().unwrap_or("(none)").to_string())
}

#[tokio::test]
async fn bad_input_names_field() {
    let cases = [
        (json!({ "occupation": "51-4121", "k": 0 }), "k"),
        (json!({ "occupation": "51-4121", "k": 11 }), "k"),
        (json!({ "occupation": "welder" }), "occupation"),
        (json!({ "occupation": "51-4121", "budgetUsd": -5 }), "budgetUsd"),
        (json!({ "occupation": "51-4121", "maxWeeks": -1 }), "maxWeeks"),
        (json!({ "occupation": "51-4121", "state": "Georgia" }), "state"),
        (json!({ "occupation": "51-4121", "state": "ZZ" }), "state"),
        (json!({}), "occupation"),
    ];
    for (input, field) in cases {
        let (code, found) = error_field(input.clone()).await;
        assert_eq!(code, "BAD_USER_INPUT", "{input}");
        assert_eq!(found, field, "{input}");
    }
}

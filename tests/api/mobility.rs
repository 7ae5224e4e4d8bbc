use std::collections::HashSet;

use serde_json::{json, Value};

use crate::helpers::spawn_app;

const MOBILITY: &str = r#"
query Mobility($from: String!, $to: String, $maxHops: Int, $minWageGain: Float, $first: Int) {
  mobilityPaths(from: $from, to: $to, maxHops: $maxHops, minWageGain: $minWageGain, first: $first) {
    occupations { code socCode title medianAnnualWage }
    hops { from to kind weight tier rank }
    similarity wageGain score
  }
}"#;

/// O*NET 29.3 Related Occupations of 51-4121.00 in the Primary-Short and Primary-Long tiers.
const WELDER_PRIMARY_RELATED: [&str; 10] = [
    "51-4122.00", "51-2041.00", "47-2011.00", "51-2011.00", "51-2031.00",
    "51-2022.00", "51-4111.00", "51-7042.00", "49-2092.00", "51-4194.00",
];

async fn paths(variables: Value) -> Vec<Value> {
    let app = spawn_app().await;
    let data = app.query_data(MOBILITY, variables).await;
    data["mobilityPaths"].as_array().expect("mobilityPaths is a list").clone()
}

async fn error(variables: Value) -> (String, String) {
    let app = spawn_app().await;
    app.query_error(MOBILITY, variables).await
}

fn last_code(path: &Value) -> String {
    let occupations = path["occupations"].as_array().unwrap();
    occupations.last().unwrap()["code"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn welders_reach_primary_related_occupations() {
    let found = paths(json!({ "from": "51-4121", "maxHops": 1, "first": 100 })).await;
    let reached: HashSet<String> = found.iter().map(last_code).collect();

    for code in WELDER_PRIMARY_RELATED {
        assert!(reached.contains(code), "{code} is missing from {reached:?}");
    }
    let to_cutters = found.iter().find(|p| last_code(p) == "51-4122.00").unwrap();
    assert_eq!(to_cutters["hops"][0]["kind"], "RELATED");
    assert_eq!(to_cutters["hops"][0]["tier"], "Primary-Short");
    assert_eq!(to_cutters["hops"][0]["rank"], 1);
    assert_eq!(to_cutters["hops"][0]["weight"], 1.0);
}

#[tokio::test]
async fn welders_reach_skill_similar_occupations() {
    let found = paths(json!({ "from": "51-4121.00", "maxHops": 1, "first": 100 })).await;
    let similar: Vec<&Value> = found.iter().filter(|p| p["hops"][0]["kind"] == "SIMILAR").collect();

    assert!(!similar.is_empty(), "no SIMILAR hop among {} paths", found.len());
    for path in similar {
        let weight = path["hops"][0]["weight"].as_f64().unwrap();
        assert!((0.9..=1.0).contains(&weight), "similarity weight {weight} is outside 0.9..1");
    }
}

#[tokio::test]
async fn mobility_paths_ranked_by_score() {
    let found = paths(json!({ "from": "51-4121", "first": 50 })).await;
    let scores: Vec<f64> = found.iter().map(|p| p["score"].as_f64().unwrap()).collect();

    assert_eq!(found.len(), 50);
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "scores are not descending: {scores:?}");
    for path in &found {
        let start = &path["occupations"][0];
        assert_eq!(start["code"], "51-4121.00");
        let weights: f64 = path["hops"].as_array().unwrap().iter().map(|h| h["weight"].as_f64().unwrap()).product();
        let similarity = path["similarity"].as_f64().unwrap();
        assert!((weights - similarity).abs() < 1e-9, "similarity {similarity} is not the product of hop weights {weights}");
    }
}

#[tokio::test]
async fn mobility_score_follows_wage_gain() {
    let found = paths(json!({ "from": "51-4121", "first": 100 })).await;

    for path in &found {
        let occupations = path["occupations"].as_array().unwrap();
        let from_wage = occupations[0]["medianAnnualWage"].as_f64().unwrap();
        let similarity = path["similarity"].as_f64().unwrap();
        let score = path["score"].as_f64().unwrap();
        match occupations.last().unwrap()["medianAnnualWage"].as_f64() {
            Some(to_wage) => {
                assert_eq!(path["wageGain"].as_f64().unwrap(), to_wage - from_wage);
                let relative = ((to_wage - from_wage) / from_wage).clamp(-1.0, 1.0);
                assert!((score - similarity * (1.0 + relative)).abs() < 1e-9, "score {score} of {path}");
            }
            None => {
                assert!(path["wageGain"].is_null());
                assert_eq!(score, similarity);
            }
        }
    }
}

#[tokio::test]
async fn mobility_hops_chain_occupations() {
    let found = paths(json!({ "from": "51-4121", "maxHops": 3, "first": 30 })).await;

    assert!(found.iter().any(|p| p["hops"].as_array().unwrap().len() > 1), "no multi-hop path among the top 30");
    for path in &found {
        let occupations = path["occupations"].as_array().unwrap();
        let hops = path["hops"].as_array().unwrap();
        assert_eq!(occupations.len(), hops.len() + 1);
        assert!((1..=3).contains(&hops.len()));
        for (index, hop) in hops.iter().enumerate() {
            assert_eq!(hop["from"], occupations[index]["code"]);
            assert_eq!(hop["to"], occupations[index + 1]["code"]);
        }
        let distinct: HashSet<&str> = occupations.iter().map(|o| o["code"].as_str().unwrap()).collect();
        assert_eq!(distinct.len(), occupations.len(), "a path revisits an occupation: {path}");
    }
}

#[tokio::test]
async fn mobility_max_hops_bounds() {
    for hops in [0, 5, -1] {
        let (code, message) = error(json!({ "from": "51-4121", "maxHops": hops })).await;
        assert_eq!(code, "BAD_USER_INPUT");
        assert!(message.contains("`maxHops`"), "{message}");
        assert!(message.contains(&hops.to_string()), "{message}");
    }
    let longest = paths(json!({ "from": "51-4121", "maxHops": 4, "first": 5 })).await;
    assert_eq!(longest.len(), 5);
    let single = paths(json!({ "from": "51-4121", "maxHops": 1, "first": 100 })).await;
    assert!(single.iter().all(|p| p["hops"].as_array().unwrap().len() == 1));
}

#[tokio::test]
async fn mobility_min_wage_gain_filters() {
    let found = paths(json!({ "from": "51-4121", "minWageGain": 10000.0, "first": 100 })).await;

    assert!(!found.is_empty());
    for path in &found {
        let gain = path["wageGain"].as_f64().expect("filtered paths have a known wage gain");
        assert!(gain >= 10000.0, "gain {gain} is below the minimum");
    }
}

#[tokio::test]
async fn mobility_without_match_is_empty() {
    let found = paths(json!({ "from": "51-4121", "minWageGain": 1.0e9 })).await;
    assert!(found.is_empty());
}

#[tokio::test]
async fn mobility_target_paths_end_there() {
    let found = paths(json!({ "from": "51-4121", "to": "51-4122", "maxHops": 2, "first": 10 })).await;

    assert_eq!(found.len(), 10);
    assert!(found.iter().all(|p| last_code(p) == "51-4122.00"));
    let first_hops = found[0]["hops"].as_array().unwrap();
    assert_eq!(first_hops.len(), 1, "the direct rank-1 link scores best: {}", found[0]);
}

#[tokio::test]
async fn mobility_accepts_soc_and_onet_codes() {
    let by_soc = paths(json!({ "from": "51-4121", "maxHops": 1, "first": 10 })).await;
    let by_onet = paths(json!({ "from": "51-4121.00", "maxHops": 1, "first": 10 })).await;
    assert_eq!(by_soc, by_onet);
}

#[tokio::test]
async fn mobility_unknown_code_not_found() {
    let (code, message) = error(json!({ "from": "99-9999" })).await;
    assert_eq!(code, "NOT_FOUND");
    assert!(message.contains("99-9999"), "{message}");

    let (code, message) = error(json!({ "from": "51-4121", "to": "98-0000.00" })).await;
    assert_eq!(code, "NOT_FOUND");
    assert!(message.contains("98-0000.00"), "{message}");
    assert!(message.contains("`to`"), "{message}");
}

#[tokio::test]
async fn mobility_bad_inputs_rejected() {
    let cases = [
        (json!({ "from": "welder" }), "welder"),
        (json!({ "from": "51-4121", "first": 101 }), "`first`"),
        (json!({ "from": "51-4121", "first": 0 }), "`first`"),
        (json!({ "from": "51-4121", "to": "51-4121.00" }), "51-4121.00"),
    ];
    for (variables, expected) in cases {
        let (code, message) = error(variables.clone()).await;
        assert_eq!(code, "BAD_USER_INPUT", "{variables}");
        assert!(message.contains(expected), "{variables}: {message}");
    }
}

#[tokio::test]
async fn export_writes_every_transition() {
    use ler_registry::mobility::export::{export_mobility, ExportFormat};

    let app = spawn_app().await;
    let dir = std::env::temp_dir().join(format!("ler-export-{}", rand::random::<u64>()));
    std::fs::create_dir_all(&dir).unwrap();
    let csv_path = dir.join("transitions.csv");
    let jsonl_path = dir.join("transitions.jsonl");

    let written_csv = export_mobility(&app.graph, ExportFormat::Csv, &csv_path, false).await.unwrap();
    let written_jsonl = export_mobility(&app.graph, ExportFormat::Jsonl, &jsonl_path, false).await.unwrap();

    let csv_text = std::fs::read_to_string(&csv_path).unwrap();
    let jsonl_text = std::fs::read_to_string(&jsonl_path).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();

    assert!(written_csv > 18_000, "only {written_csv} transitions");
    assert_eq!(written_csv, written_jsonl);
    assert_eq!(csv_text.lines().count() as u64, written_csv + 1, "one header and one line per transition");
    assert_eq!(jsonl_text.lines().count() as u64, written_jsonl);
    assert!(csv_text.starts_with("from,from_title,to,to_title,kind,weight,"));
    assert!(csv_text.contains("\n51-4121.00,\"Welders, Cutters, Solderers, and Brazers\",51-4122.00,"), "welders to cutters is missing");
    let first: Value = serde_json::from_str(jsonl_text.lines().next().unwrap()).unwrap();
    assert!(first["kind"] == "RELATED" || first["kind"] == "SIMILAR", "{first}");
}

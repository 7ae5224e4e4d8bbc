//! Nested lists load through dataloaders: the statement count does not grow with rows.

use serde_json::json;

use ler_registry::config::Limits;

use crate::helpers::spawn_app_with;

const NESTED: &str = r#"
query Nested($first: Int) {
  occupations(first: $first) {
    edges { node {
      title
      skills(first: 3) { edges { node { elementId } } }
      relatedOccupations { rank occupation { title } }
      programs(first: 5) { program { name provider { name } } }
    } }
  }
}"#;

async fn statements_for(first: i64) -> u64 {
    // A long batch delay keeps batches whole even when the test machine is busy.
    let app = spawn_app_with(Limits { loader_delay_ms: 50, ..Limits::default() }).await;
    let before = app.graph.statement_count();
    let data = app.query_data(NESTED, json!({ "first": first })).await;
    assert_eq!(data["occupations"]["edges"].as_array().unwrap().len() as i64, first);
    app.graph.statement_count() - before
}

/// Statements the nested query needs: the page, skills, related links, related
/// occupations, occupation programs, programs, program providers and providers.
const EXPECTED_LOADS: u64 = 8;

#[tokio::test]
async fn nested_statement_count_is_bounded() {
    let five = statements_for(5).await;
    let fifty = statements_for(50).await;

    // A loader batch can split when resolving takes longer than the batch delay, so allow
    // one extra statement per loader but no growth with the number of rows.
    assert!(five <= 2 * EXPECTED_LOADS, "5 occupations ran {five} statements");
    assert!(fifty <= 2 * EXPECTED_LOADS, "50 occupations ran {fifty} statements");
}

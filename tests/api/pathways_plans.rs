//! Query plans of every statement in `cypher/pathways/`: none may scan every node, scan a
//! large label, or expand a variable-length pattern without an upper bound.

use std::path::{Path, PathBuf};

use serde_json::{json, Map, Value};

use crate::pathways_bolt::BoltClient;

/// A label scan estimated above this many rows reads a large label: the seeded graph has
/// about 1,000 occupations, 1,200 programs and 10,000 codes.
const LARGE_SCAN_ROWS: f64 = 1_000.0;

fn statement_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            statement_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "cypher") {
            out.push(path);
        }
    }
}

/// Parameter values of the right kind for each `$name` in a statement, so that clauses
/// such as LIMIT plan as they do at run time.
fn parameters(text: &str) -> Value {
    let mut params = Map::new();
    for (index, _) in text.match_indices('$') {
        let name: String = text[index + 1..].chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        let value = match name.as_str() {
            "targets" | "held" | "pairs" | "programIds" | "links" | "programs" | "courses" | "heldSkills" => json!([]),
            "occupation" | "props" => json!({}),
            "maxTargets" | "maxCandidates" => json!(10),
            "minMedianWage" => json!(50_000.0),
            _ => json!("x"),
        };
        params.insert(name, value);
    }
    Value::Object(params)
}

/// Returns true when a pattern text has a variable-length relationship or quantifier
/// without an upper bound, such as `*`, `*2..` or `{1,}`.
fn unbounded(text: &str) -> bool {
    let bytes = text.as_bytes();
    for (index, _) in text.match_indices('*') {
        let rest: String = text[index + 1..].chars().take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ' ').collect();
        let next = bytes.get(index + 1 + rest.len()).copied();
        if next == Some(b']') && (rest.trim().is_empty() || rest.trim_end().ends_with("..")) {
            return true;
        }
    }
    text.contains(",}") || text.contains(", *}") || text.contains("{1,*}")
}

/// Collects the problems of a plan tree and the operators it uses.
fn inspect(plan: &Value, problems: &mut Vec<String>, operators: &mut Vec<String>) {
    let operator = plan["operatorType"].as_str().unwrap_or_default();
    let name = operator.split('@').next().unwrap_or_default().to_string();
    let details = plan["args"]["Details"].as_str().unwrap_or_default();
    let rows = plan["args"]["EstimatedRows"].as_f64().unwrap_or(0.0);
    if name == "AllNodesScan" {
        problems.push(format!("AllNodesScan ({details})"));
    }
    if name.contains("NodeByLabelScan") && rows > LARGE_SCAN_ROWS {
        problems.push(format!("{name} of {details} estimated at {rows:.0} rows"));
    }
    // Other operators print path values in the same notation without expanding them.
    let expands = ["Expand", "ShortestPath", "Repeat", "BFS"].iter().any(|kind| name.contains(kind));
    if expands && unbounded(details) {
        problems.push(format!("{name} without an upper bound: {details}"));
    }
    operators.push(name);
    for child in plan["children"].as_array().into_iter().flatten() {
        inspect(child, problems, operators);
    }
}

#[tokio::test]
async fn pathway_statements_avoid_scans() {
    let uri = std::env::var("LER_TEST_NEO4J_URI").expect("LER_TEST_NEO4J_URI is set by scripts/test.sh");
    let mut files = Vec::new();
    statement_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("cypher/pathways"), &mut files);
    files.sort();
    assert!(files.len() >= 10, "{files:?}");

    let mut failures = Vec::new();
    for file in &files {
        // Index definitions are schema commands, which Neo4j does not plan or explain.
        if file.file_name().is_some_and(|n| n == "schema.cypher") {
            continue;
        }
        let text = std::fs::read_to_string(file).unwrap();
        let name = file.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap().display().to_string();
        if unbounded(&text) {
            failures.push(format!("{name}: a variable-length pattern has no upper bound"));
        }
        let mut client = BoltClient::connect(&uri).await;
        match client.explain(&text, &parameters(&text)).await {
            Ok(plan) => {
                let mut problems = Vec::new();
                let mut operators = Vec::new();
                inspect(&plan, &mut problems, &mut operators);
                assert!(!operators.is_empty(), "{name} returned an empty plan");
                eprintln!("{name}: {}", operators.join(" < "));
                failures.extend(problems.into_iter().map(|p| format!("{name}: {p}")));
            }
            Err(message) => failures.push(format!("{name}: EXPLAIN failed: {message}")),
        }
    }
    assert!(failures.is_empty(), "query plan problems:\n{}", failures.join("\n"));
}

#[test]
fn unbounded_patterns_are_detected() {
    assert!(unbounded("(a)-[:X*]->(b)"));
    assert!(unbounded("(a)-[:X*2..]->(b)"));
    assert!(unbounded("(a)-[:X*..]->(b)"));
    assert!(!unbounded("(a)-[:X*1..4]->(b)"));
    assert!(!unbounded("(a)-[:X*0..4]->(b)"));
    assert!(!unbounded("(a)-[:X*3]->(b)"));
    assert!(!unbounded("RETURN 2 * 3"));
}

//! Seeding an already seeded graph changes no count. A binary of its own, so no other
//! test writes while it compares counts.

use std::path::PathBuf;

use ler_registry::graph::{Graph, GraphSettings};
use ler_registry::seed;

#[tokio::test]
async fn seeding_twice_changes_no_counts() {
    let uri = std::env::var("LER_TEST_NEO4J_URI").expect("LER_TEST_NEO4J_URI is set by scripts/test.sh");
    let settings = GraphSettings { uri, user: "neo4j".into(), password: String::new().into(), max_connections: 2 };
    let graph = Graph::connect(&settings).await.unwrap();
    let seeds = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");

    let before = seed::counts(&graph).await.unwrap();
    let summary = seed::run(&graph, &seeds, false).await.unwrap();

    assert!(before.iter().any(|c| c.name == "Occupation" && c.count == 1016), "graph was not seeded: {before:?}");
    assert_eq!(summary.elements, before);
}

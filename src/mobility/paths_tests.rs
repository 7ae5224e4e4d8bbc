use super::*;

fn facts(code: &str, wage: Option<f64>) -> OccupationFacts {
    OccupationFacts { code: code.into(), soc_code: None, title: Some(format!("Title {code}")), median_wage: wage }
}

fn edge(from: &str, to: &str, kind: TransitionKind, weight: f64) -> Transition {
    Transition { from: from.into(), to: to.into(), kind, weight, tier: None, rank: Some(1) }
}

/// Builds A -> B (0.9), B -> C (0.8), A -> C (0.5), C -> D (1.0), B -> A (1.0).
/// Wages: A 50 000, B 50 000, C 75 000, D unknown.
fn sample() -> TransitionGraph {
    let mut graph = TransitionGraph::default();
    graph.add_occupation(facts("A", Some(50_000.0)));
    graph.add_occupation(facts("B", Some(50_000.0)));
    graph.add_occupation(facts("C", Some(75_000.0)));
    graph.add_occupation(facts("D", None));
    graph.add_transition(edge("A", "B", TransitionKind::Related, 0.9));
    graph.add_transition(edge("B", "C", TransitionKind::Similar, 0.8));
    graph.add_transition(edge("A", "C", TransitionKind::Similar, 0.5));
    graph.add_transition(edge("C", "D", TransitionKind::Related, 1.0));
    graph.add_transition(edge("B", "A", TransitionKind::Related, 1.0));
    graph
}

fn query(to: Option<&str>, max_hops: usize) -> PathQuery {
    PathQuery { from: "A".into(), to: to.map(str::to_string), max_hops, min_wage_gain: None, first: 100 }
}

#[test]
fn related_weight_falls_with_rank() {
    assert_eq!(related_weight(1), 1.0);
    assert!((related_weight(20) - 0.81).abs() < 1e-12);
    assert_eq!(related_weight(0), 1.0);
    assert_eq!(related_weight(500), 0.5);
}

#[test]
fn score_combines_similarity_and_wage() {
    let (gain, value) = score(0.8, Some(50_000.0), Some(75_000.0));
    assert_eq!(gain, Some(25_000.0));
    assert!((value - 0.8 * 1.5).abs() < 1e-12, "{value}");
    let (gain, value) = score(0.8, Some(50_000.0), None);
    assert_eq!(gain, None);
    assert_eq!(value, 0.8);
    let (_, doubled) = score(1.0, Some(10_000.0), Some(90_000.0));
    assert_eq!(doubled, 2.0, "relative gain is clamped at 1");
    let (_, halved) = score(1.0, Some(90_000.0), Some(45_000.0));
    assert_eq!(halved, 0.5);
}

#[test]
fn best_path_per_destination() {
    let paths = find_paths(&sample(), &query(None, 3));
    let to_c = paths.iter().find(|p| p.codes.last().map(String::as_str) == Some("C")).unwrap();
    assert_eq!(to_c.codes, vec!["A", "B", "C"], "0.9 x 0.8 = 0.72 beats the direct 0.5");
    assert!((to_c.similarity - 0.72).abs() < 1e-12);
    assert_eq!(to_c.wage_gain, Some(25_000.0));
    assert_eq!(paths.len(), 3, "one path each to B, C and D: {paths:?}");
}

#[test]
fn paths_ranked_by_score() {
    let paths = find_paths(&sample(), &query(None, 3));
    let order: Vec<&str> = paths.iter().map(|p| p.codes.last().unwrap().as_str()).collect();
    // C: 0.72 x 1.5 = 1.08; B: 0.9 x 1.0; D: 0.72 (unknown wage).
    assert_eq!(order, vec!["C", "B", "D"]);
    assert!(paths.windows(2).all(|w| w[0].score >= w[1].score));
}

#[test]
fn max_hops_limits_path_length() {
    let paths = find_paths(&sample(), &query(None, 1));
    assert!(paths.iter().all(|p| p.hops.len() == 1));
    let reached: Vec<&str> = paths.iter().map(|p| p.codes[1].as_str()).collect();
    assert_eq!(reached, vec!["B", "C"], "B scores 0.9, C scores 0.5 x 1.5 = 0.75");
    assert_eq!(paths[1].similarity, 0.5);
}

#[test]
fn target_returns_distinct_routes() {
    let paths = find_paths(&sample(), &query(Some("C"), 2));
    assert_eq!(paths.len(), 2);
    assert_eq!(paths[0].codes, vec!["A", "B", "C"]);
    assert_eq!(paths[1].codes, vec!["A", "C"]);
}

#[test]
fn paths_never_revisit_occupations() {
    let paths = find_paths(&sample(), &query(None, 4));
    for path in &paths {
        let mut codes = path.codes.clone();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), path.codes.len(), "{path:?}");
    }
    assert!(paths.iter().all(|p| p.codes.last().unwrap() != "A"), "the start is never a destination");
}

#[test]
fn min_wage_gain_drops_unknown_and_low() {
    let mut search = query(None, 3);
    search.min_wage_gain = Some(1.0);
    let paths = find_paths(&sample(), &search);
    assert_eq!(paths.len(), 1);
    assert_eq!(paths[0].codes.last().unwrap(), "C");
}

#[test]
fn unreachable_target_gives_no_paths() {
    let mut graph = sample();
    graph.add_occupation(facts("E", Some(1.0)));
    let paths = find_paths(&graph, &query(Some("E"), 4));
    assert!(paths.is_empty());
}

#[test]
fn parallel_edges_keep_higher_weight() {
    let mut graph = sample();
    graph.add_transition(edge("A", "B", TransitionKind::Similar, 0.95));
    graph.add_transition(edge("A", "C", TransitionKind::Related, 0.5));
    let paths = find_paths(&graph, &query(None, 1));
    let to_b = paths.iter().find(|p| p.codes[1] == "B").unwrap();
    assert_eq!(to_b.hops[0].kind, TransitionKind::Similar);
    assert_eq!(to_b.hops[0].weight, 0.95);
    let to_c = paths.iter().find(|p| p.codes[1] == "C").unwrap();
    assert_eq!(to_c.hops[0].kind, TransitionKind::Related, "RELATED wins a tie");
}

#[test]
fn first_truncates_ranked_list() {
    let mut search = query(None, 3);
    search.first = 2;
    let paths = find_paths(&sample(), &search);
    assert_eq!(paths.len(), 2);
    assert_eq!(paths[0].codes.last().unwrap(), "C");
}

//! Skill similarity between occupations, stored as `SIMILAR_TO` edges during seeding.
//!
//! Each occupation is a vector over the O*NET skills (kind SKILL, 35 in O*NET 29.3) whose
//! components are importance (1 to 5) times level (0 to 7). Two occupations are as similar
//! as the cosine of their vectors. Every occupation keeps its [`TOP_N`] most similar
//! occupations whose cosine is at least [`MIN_SCORE`].
//!
//! The computation runs in Rust rather than Cypher for two reasons. It is a dense pairwise
//! product (about 390 000 pairs), which Neo4j Community without the Graph Data Science
//! plugin would run row by row. And a pure function can be unit tested.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::{json, Value};

use crate::graph::{Graph, GraphError, Statement};

/// Most similar occupations kept per occupation.
pub const TOP_N: usize = 10;
/// Lowest cosine kept. Importance-times-level vectors are all non-negative, so cosines of
/// unrelated occupations still reach 0.7 to 0.8 and the median pair is about 0.91.
pub const MIN_SCORE: f64 = 0.90;
/// Value of the `method` property on every edge this module writes.
pub const METHOD: &str = "cosine of O*NET skill importance x level, top 10 at or above 0.90";

const SKILL_RATINGS: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/cypher/mobility/skill_ratings.cypher"));
const SIMILAR_WRITE: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/cypher/mobility/similar_write.cypher"));
const SIMILAR_PRUNE: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/cypher/mobility/similar_prune.cypher"));

/// Source occupations written per UNWIND statement.
const WRITE_BATCH: usize = 100;

/// One occupation's skill vector, with components in a shared element order.
#[derive(Debug, Clone, PartialEq)]
pub struct SkillVector {
    pub code: String,
    pub values: Vec<f64>,
}

/// One kept similarity: `to` is among the most similar occupations of `from`.
#[derive(Debug, Clone, PartialEq)]
pub struct Similarity {
    pub from: String,
    pub to: String,
    pub score: f64,
    /// 1 for the most similar occupation of `from`.
    pub rank: usize,
}

/// Returns the cosine of two vectors of equal length, or `None` when either is all zeros.
pub fn cosine(a: &[f64], b: &[f64]) -> Option<f64> {
    debug_assert_eq!(a.len(), b.len());
    let dot: f64 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    let norm_a = a.iter().map(|x| x * x).sum::<f64>().sqrt();
    let norm_b = b.iter().map(|x| x * x).sum::<f64>().sqrt();
    if norm_a == 0.0 || norm_b == 0.0 {
        return None;
    }
    Some(dot / (norm_a * norm_b))
}

/// Builds one vector per occupation from (code, element id, importance, level) ratings.
/// A rating without a level (O*NET leaves some unrated) contributes zero.
pub fn skill_vectors(ratings: &[SkillRating]) -> Vec<SkillVector> {
    let mut elements: Vec<&str> = ratings.iter().map(|r| r.element_id.as_str()).collect();
    elements.sort_unstable();
    elements.dedup();
    let position: BTreeMap<&str, usize> = elements.iter().enumerate().map(|(i, e)| (*e, i)).collect();

    let mut vectors: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
    for rating in ratings {
        let values = vectors.entry(rating.code.as_str()).or_insert_with(|| vec![0.0; elements.len()]);
        if let (Some(importance), Some(level)) = (rating.importance, rating.level) {
            values[position[rating.element_id.as_str()]] = importance * level;
        }
    }
    vectors.into_iter().map(|(code, values)| SkillVector { code: code.to_string(), values }).collect()
}

/// Returns, for every occupation, its `top_n` most similar others with a cosine of at least
/// `min_score`, best first. Equal scores are ordered by code so the result is deterministic.
pub fn top_similar(vectors: &[SkillVector], top_n: usize, min_score: f64) -> Vec<Similarity> {
    let mut kept = Vec::new();
    for (i, a) in vectors.iter().enumerate() {
        let mut candidates: Vec<(f64, &str)> = vectors
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .filter_map(|(_, b)| cosine(&a.values, &b.values).map(|score| (score, b.code.as_str())))
            .filter(|(score, _)| *score >= min_score)
            .collect();
        candidates.sort_by(|x, y| y.0.total_cmp(&x.0).then_with(|| x.1.cmp(y.1)));
        candidates.truncate(top_n);
        for (index, (score, to)) in candidates.into_iter().enumerate() {
            kept.push(Similarity { from: a.code.clone(), to: to.to_string(), score: round6(score), rank: index + 1 });
        }
    }
    kept
}

/// Rounds to 6 decimals so that recomputing from the same ratings writes identical values.
fn round6(value: f64) -> f64 {
    (value * 1e6).round() / 1e6
}

/// One O*NET skill rating of one occupation, as read from the graph.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SkillRating {
    pub code: String,
    pub element_id: String,
    pub importance: Option<f64>,
    pub level: Option<f64>,
}

/// Recomputes every `SIMILAR_TO` edge from the `REQUIRES` ratings in the graph, and returns
/// the number of edges written. Running it twice on the same ratings changes nothing.
pub async fn seed_similarity(graph: &Graph) -> Result<usize, GraphError> {
    let ratings: Vec<SkillRating> = graph.rows(Statement::new("mobility_skill_ratings", SKILL_RATINGS)).await?;
    let vectors = skill_vectors(&ratings);
    let similar = top_similar(&vectors, TOP_N, MIN_SCORE);

    let mut by_source: BTreeMap<&str, Vec<Value>> = vectors.iter().map(|v| (v.code.as_str(), Vec::new())).collect();
    for s in &similar {
        if let Some(targets) = by_source.get_mut(s.from.as_str()) {
            targets.push(json!({"to": s.to, "score": s.score, "rank": s.rank}));
        }
    }
    let rows: Vec<Value> = by_source.into_iter().map(|(from, targets)| json!({"from": from, "targets": targets})).collect();
    for batch in rows.chunks(WRITE_BATCH) {
        let statement = Statement::new("mobility_similar_write", SIMILAR_WRITE).json_param("rows", &Value::Array(batch.to_vec())).param("method", METHOD);
        graph.run(statement).await?;
    }

    let codes: Vec<Value> = vectors.iter().map(|v| Value::from(v.code.clone())).collect();
    graph.run(Statement::new("mobility_similar_prune", SIMILAR_PRUNE).json_param("codes", &Value::Array(codes))).await?;
    tracing::info!(occupations = vectors.len(), edges = similar.len(), "skill similarity edges written");
    Ok(similar.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vector(code: &str, values: &[f64]) -> SkillVector {
        SkillVector { code: code.into(), values: values.to_vec() }
    }

    #[test]
    fn cosine_matches_hand_computed_values() {
        // (1,2,2)·(2,1,2) = 8, |a| = |b| = 3, so the cosine is 8/9.
        let value = cosine(&[1.0, 2.0, 2.0], &[2.0, 1.0, 2.0]).unwrap();
        assert!((value - 8.0 / 9.0).abs() < 1e-12, "{value}");
        let orthogonal = cosine(&[1.0, 0.0], &[0.0, 3.0]).unwrap();
        assert_eq!(orthogonal, 0.0);
        let parallel = cosine(&[1.0, 2.0], &[2.0, 4.0]).unwrap();
        assert!((parallel - 1.0).abs() < 1e-12, "{parallel}");
    }

    #[test]
    fn cosine_of_zero_vector_is_none() {
        assert_eq!(cosine(&[0.0, 0.0], &[1.0, 2.0]), None);
        assert_eq!(cosine(&[1.0, 2.0], &[0.0, 0.0]), None);
    }

    #[test]
    fn skill_vectors_multiply_importance_and_level() {
        let ratings = vec![
            SkillRating { code: "B".into(), element_id: "2.A.1.b".into(), importance: Some(3.0), level: Some(4.0) },
            SkillRating { code: "A".into(), element_id: "2.A.1.a".into(), importance: Some(2.5), level: Some(2.0) },
            SkillRating { code: "A".into(), element_id: "2.A.1.b".into(), importance: Some(1.0), level: None },
        ];
        let vectors = skill_vectors(&ratings);
        assert_eq!(vectors.len(), 2);
        assert_eq!(vectors[0], vector("A", &[5.0, 0.0]));
        assert_eq!(vectors[1], vector("B", &[0.0, 12.0]));
    }

    #[test]
    fn top_similar_keeps_best_above_threshold() {
        // Hand-computed cosines: A·B = 8/9 ≈ 0.888889, A·C = 1, B·C = 8/9, D is orthogonal to all.
        let vectors = vec![
            vector("A", &[1.0, 2.0, 2.0, 0.0]),
            vector("B", &[2.0, 1.0, 2.0, 0.0]),
            vector("C", &[2.0, 4.0, 4.0, 0.0]),
            vector("D", &[0.0, 0.0, 0.0, 5.0]),
        ];
        let kept = top_similar(&vectors, 1, 0.5);
        let from_a: Vec<_> = kept.iter().filter(|s| s.from == "A").collect();
        assert_eq!(from_a.len(), 1);
        assert_eq!(from_a[0].to, "C");
        assert_eq!(from_a[0].score, 1.0);
        assert_eq!(from_a[0].rank, 1);
        let from_b: Vec<_> = kept.iter().filter(|s| s.from == "B").collect();
        assert_eq!(from_b[0].to, "A", "ties at 8/9 go to the lower code");
        assert_eq!(from_b[0].score, 0.888889);
        assert!(kept.iter().all(|s| s.from != "D" && s.to != "D"), "orthogonal D was kept: {kept:?}");
    }

    #[test]
    fn top_similar_ranks_in_score_order() {
        let vectors = vec![vector("A", &[1.0, 2.0, 2.0]), vector("B", &[2.0, 1.0, 2.0]), vector("C", &[2.0, 4.0, 4.0])];
        let kept: Vec<_> = top_similar(&vectors, 5, 0.0).into_iter().filter(|s| s.from == "B").collect();
        assert_eq!(kept.len(), 2);
        assert_eq!((kept[0].to.as_str(), kept[0].rank), ("A", 1));
        assert_eq!((kept[1].to.as_str(), kept[1].rank), ("C", 2));
        assert_eq!(kept[0].score, kept[1].score);
    }
}

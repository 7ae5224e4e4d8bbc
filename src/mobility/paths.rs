//! Path search over occupation transitions, run in memory on the neighbourhood that
//! [`super::store`] loads. Pure functions, so the ranking rule is unit tested.
//!
//! Score of a path: `similarity * (1 + g)`, where `similarity` is the product of the hop
//! weights and `g` is the relative wage gain `(median(to) - median(from)) / median(from)`
//! clamped to [-1, 1], or 0 when either median wage is unknown.

use std::collections::HashMap;

/// Kind of a transition edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TransitionKind {
    /// O*NET related occupation (`RELATED_TO`).
    Related,
    /// Skill similarity (`SIMILAR_TO`).
    Similar,
}

/// One directed transition between two occupations.
#[derive(Debug, Clone, PartialEq)]
pub struct Transition {
    pub from: String,
    pub to: String,
    pub kind: TransitionKind,
    /// Hop weight in (0, 1], see [`related_weight`] and the similarity score.
    pub weight: f64,
    /// O*NET relatedness tier, for RELATED hops.
    pub tier: Option<String>,
    /// O*NET rank for RELATED hops, similarity rank for SIMILAR hops.
    pub rank: Option<i64>,
}

/// The occupation facts a path reports.
#[derive(Debug, Clone, PartialEq)]
pub struct OccupationFacts {
    pub code: String,
    pub soc_code: Option<String>,
    pub title: Option<String>,
    pub median_wage: Option<f64>,
}

/// Weight of an O*NET related occupation: 1.0 for rank 1, 0.01 less per rank (0.81 for
/// rank 20, the last O*NET lists), never below 0.5.
pub fn related_weight(rank: i64) -> f64 {
    (1.0 - 0.01 * (rank.max(1) - 1) as f64).max(0.5)
}

/// Returns the wage gain in USD and the score of a path with the given similarity.
pub fn score(similarity: f64, from_wage: Option<f64>, to_wage: Option<f64>) -> (Option<f64>, f64) {
    match (from_wage, to_wage) {
        (Some(from), Some(to)) if from > 0.0 => {
            let gain = to - from;
            let relative = (gain / from).clamp(-1.0, 1.0);
            (Some(gain), similarity * (1.0 + relative))
        }
        (Some(from), Some(to)) => (Some(to - from), similarity),
        _ => (None, similarity),
    }
}

/// Occupations and transitions loaded around a start occupation.
#[derive(Debug, Default)]
pub struct TransitionGraph {
    facts: HashMap<String, OccupationFacts>,
    /// Best edge per ordered pair: a RELATED and a SIMILAR edge between the same two
    /// occupations would otherwise yield two copies of every path through them.
    edges: HashMap<(String, String), Transition>,
}

impl TransitionGraph {
    pub fn add_occupation(&mut self, facts: OccupationFacts) {
        self.facts.entry(facts.code.clone()).or_insert(facts);
    }

    /// Adds an edge, keeping the higher weight (RELATED on a tie) when the pair has one.
    pub fn add_transition(&mut self, transition: Transition) {
        let key = (transition.from.clone(), transition.to.clone());
        match self.edges.get(&key) {
            Some(existing) if existing.weight > transition.weight => {}
            Some(existing) if existing.weight == transition.weight && existing.kind <= transition.kind => {}
            _ => {
                self.edges.insert(key, transition);
            }
        }
    }

    pub fn facts(&self, code: &str) -> Option<&OccupationFacts> {
        self.facts.get(code)
    }
}

/// A path search request.
#[derive(Debug, Clone)]
pub struct PathQuery {
    pub from: String,
    /// With a target, the best distinct routes to it; without, the best route to each
    /// reachable occupation.
    pub to: Option<String>,
    pub max_hops: usize,
    /// Minimum wage gain in USD; paths with an unknown gain are dropped when set.
    pub min_wage_gain: Option<f64>,
    pub first: usize,
}

/// One ranked path.
#[derive(Debug, Clone, PartialEq)]
pub struct Path {
    /// Occupation codes in order, the start first.
    pub codes: Vec<String>,
    pub hops: Vec<Transition>,
    pub similarity: f64,
    pub wage_gain: Option<f64>,
    pub score: f64,
}

/// Finds and ranks simple paths (no occupation twice) of 1 to `max_hops` hops, ordered by
/// score, then fewer hops, then codes.
pub fn find_paths(graph: &TransitionGraph, query: &PathQuery) -> Vec<Path> {
    let mut adjacency: HashMap<&str, Vec<&Transition>> = HashMap::new();
    for transition in graph.edges.values() {
        adjacency.entry(transition.from.as_str()).or_default().push(transition);
    }
    for list in adjacency.values_mut() {
        list.sort_by(|a, b| a.to.cmp(&b.to));
    }

    let mut search = Search { adjacency: &adjacency, query, route: vec![query.from.as_str()], hops: Vec::new(), found: Vec::new(), best: HashMap::new() };
    search.extend(1.0);
    let candidates: Vec<(Vec<&str>, Vec<&Transition>, f64)> = match &query.to {
        Some(_) => search.found,
        None => search.best.into_values().collect(),
    };

    let from_wage = graph.facts(&query.from).and_then(|f| f.median_wage);
    let mut paths: Vec<Path> = candidates
        .into_iter()
        .map(|(codes, hops, similarity)| {
            let to_wage = codes.last().and_then(|c| graph.facts(c)).and_then(|f| f.median_wage);
            let (wage_gain, score) = score(similarity, from_wage, to_wage);
            Path { codes: codes.iter().map(|c| c.to_string()).collect(), hops: hops.into_iter().cloned().collect(), similarity, wage_gain, score }
        })
        .filter(|p| match query.min_wage_gain {
            Some(min) => p.wage_gain.is_some_and(|gain| gain >= min),
            None => true,
        })
        .collect();
    paths.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.hops.len().cmp(&b.hops.len())).then_with(|| a.codes.cmp(&b.codes)));
    paths.truncate(query.first);
    paths
}

type Candidate<'a> = (Vec<&'a str>, Vec<&'a Transition>, f64);

/// Depth-first enumeration state. Hop weights are at most 1, so a path never gains
/// similarity by growing, and the best path to an occupation is always a simple one.
struct Search<'a, 'q> {
    adjacency: &'q HashMap<&'a str, Vec<&'a Transition>>,
    query: &'q PathQuery,
    route: Vec<&'a str>,
    hops: Vec<&'a Transition>,
    /// Every path that reaches the target, when there is one.
    found: Vec<Candidate<'a>>,
    /// Best path per reached occupation, when there is no target.
    best: HashMap<&'a str, Candidate<'a>>,
}

impl<'a> Search<'a, '_> {
    fn extend(&mut self, similarity: f64) {
        if self.hops.len() == self.query.max_hops {
            return;
        }
        let last = *self.route.last().expect("the route starts with the start occupation");
        let Some(next) = self.adjacency.get(last) else { return };
        for transition in next {
            let to = transition.to.as_str();
            if self.route.contains(&to) {
                continue;
            }
            let weight = similarity * transition.weight;
            self.route.push(to);
            self.hops.push(transition);
            self.record(to, weight);
            let at_target = self.query.to.as_deref() == Some(to);
            if !at_target {
                self.extend(weight);
            }
            self.route.pop();
            self.hops.pop();
        }
    }

    fn record(&mut self, to: &'a str, similarity: f64) {
        match self.query.to.as_deref() {
            Some(target) if target == to => self.found.push((self.route.clone(), self.hops.clone(), similarity)),
            Some(_) => {}
            None => {
                let better = match self.best.get(to) {
                    Some((_, hops, best)) => similarity > *best || (similarity == *best && self.hops.len() < hops.len()),
                    None => true,
                };
                if better {
                    self.best.insert(to, (self.route.clone(), self.hops.clone(), similarity));
                }
            }
        }
    }
}

#[cfg(test)]
#[path = "paths_tests.rs"]
mod tests;

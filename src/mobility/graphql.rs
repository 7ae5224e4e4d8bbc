//! The `mobilityPaths` query and its output types.

use async_graphql::{Context, Enum, Object, SimpleObject};

use super::error::{MobilityError, MAX_FIRST, MAX_HOPS};
use super::paths::{find_paths, Path, PathQuery, TransitionGraph, TransitionKind};
use super::store;
use crate::error::ApiError;
use crate::graph::Graph;
use crate::graphql::query::occupation_code;

/// Paths returned when `first` is omitted.
const DEFAULT_FIRST: i32 = 20;

/// Kind of one hop of a mobility path.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
pub enum MobilityHopKind {
    /// O*NET lists the next occupation as related (`RELATED_TO`).
    Related,
    /// The two occupations have similar O*NET skill profiles (`SIMILAR_TO`).
    Similar,
}

impl From<TransitionKind> for MobilityHopKind {
    fn from(kind: TransitionKind) -> Self {
        match kind {
            TransitionKind::Related => Self::Related,
            TransitionKind::Similar => Self::Similar,
        }
    }
}

/// An occupation on a mobility path.
#[derive(SimpleObject, Debug)]
pub struct PathOccupation {
    /// O*NET-SOC 2019 code.
    pub code: String,
    /// SOC 2018 code.
    pub soc_code: Option<String>,
    pub title: Option<String>,
    /// BLS OEWS May 2024 national median annual wage in US dollars, or null when BLS suppressed it.
    pub median_annual_wage: Option<f64>,
}

/// One hop of a mobility path.
#[derive(SimpleObject, Debug)]
pub struct MobilityHop {
    /// O*NET-SOC code the hop leaves.
    pub from: String,
    /// O*NET-SOC code the hop reaches.
    pub to: String,
    pub kind: MobilityHopKind,
    /// Hop weight from 0 to 1: the skill cosine for SIMILAR hops, 1 - 0.01 x (rank - 1) for RELATED hops.
    pub weight: f64,
    /// O*NET relatedness tier of a RELATED hop, for example "Primary-Short".
    pub tier: Option<String>,
    /// O*NET rank of a RELATED hop, or the similarity rank of a SIMILAR hop. 1 is the closest.
    pub rank: Option<i64>,
}

/// A ranked sequence of occupation transitions.
#[derive(SimpleObject, Debug)]
pub struct MobilityPath {
    /// Occupations in order, the start first.
    pub occupations: Vec<PathOccupation>,
    pub hops: Vec<MobilityHop>,
    /// Product of the hop weights.
    pub similarity: f64,
    /// Median annual wage of the last occupation minus that of the first, in US dollars,
    /// or null when either is unknown.
    pub wage_gain: Option<f64>,
    /// similarity x (1 + relative wage gain clamped to -1..1). Higher is better.
    pub score: f64,
}

/// Career mobility between occupations.
#[derive(Default)]
pub struct MobilityQuery;

#[Object]
impl MobilityQuery {
    /// Occupation-to-occupation paths over O*NET related occupations and skill similarity,
    /// best score first. Without `to`, the best path to each reachable occupation; with
    /// `to`, the best distinct paths to it. An empty list when nothing is reachable.
    #[graphql(complexity = "first.unwrap_or(DEFAULT_FIRST).max(0) as usize * child_complexity")]
    async fn mobility_paths(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "SOC 2018, O*NET-SOC 2019 or O*NET-SOC 2010 code of the start occupation.")] from: String,
        #[graphql(desc = "Code of the target occupation; omit to rank every reachable occupation.")] to: Option<String>,
        #[graphql(desc = "Maximum hops per path, 1 to 4.", default = 2)] max_hops: Option<i32>,
        #[graphql(desc = "Minimum wage gain in US dollars per year; drops paths with an unknown gain.")] min_wage_gain: Option<f64>,
        #[graphql(desc = "Number of paths, 1 to 100; 20 when omitted.")] first: Option<i32>,
    ) -> async_graphql::Result<Vec<MobilityPath>> {
        let graph = ctx.data_unchecked::<Graph>();
        let query = validate(&from, to.as_deref(), max_hops.unwrap_or(2), min_wage_gain, first)?;
        let start = store::resolve(graph, "from", &query.from).await.map_err(ApiError::from)?;
        let target = match &query.to {
            Some(code) => Some(store::resolve(graph, "to", code).await.map_err(ApiError::from)?.code),
            None => None,
        };
        if target.as_deref() == Some(start.code.as_str()) {
            return Err(ApiError::from(MobilityError::SameOccupation(start.code)).into());
        }
        let neighbourhood = store::load_neighbourhood(graph, &start, query.max_hops).await.map_err(ApiError::from)?;
        let query = PathQuery { from: start.code.clone(), to: target, ..query };
        let paths = find_paths(&neighbourhood, &query);
        Ok(paths.into_iter().map(|p| to_output(&neighbourhood, p)).collect())
    }
}

/// Checks the arguments and returns the search with the codes as given (trimmed).
fn validate(from: &str, to: Option<&str>, max_hops: i32, min_wage_gain: Option<f64>, first: Option<i32>) -> Result<PathQuery, ApiError> {
    if !(1..=MAX_HOPS).contains(&max_hops) {
        return Err(MobilityError::MaxHops(max_hops).into());
    }
    let first = first.unwrap_or(DEFAULT_FIRST);
    if !(1..=MAX_FIRST).contains(&first) {
        return Err(MobilityError::First(first).into());
    }
    if let Some(gain) = min_wage_gain.filter(|g| !g.is_finite()) {
        return Err(MobilityError::MinWageGain(gain).into());
    }
    let from = occupation_code(from)?.to_string();
    let to = to.map(occupation_code).transpose()?.map(str::to_string);
    Ok(PathQuery { from, to, max_hops: max_hops as usize, min_wage_gain, first: first as usize })
}

fn to_output(graph: &TransitionGraph, path: Path) -> MobilityPath {
    let occupations = path
        .codes
        .iter()
        .map(|code| {
            let facts = graph.facts(code);
            PathOccupation {
                code: code.clone(),
                soc_code: facts.and_then(|f| f.soc_code.clone()),
                title: facts.and_then(|f| f.title.clone()),
                median_annual_wage: facts.and_then(|f| f.median_wage),
            }
        })
        .collect();
    let hops = path
        .hops
        .into_iter()
        .map(|h| MobilityHop { from: h.from, to: h.to, kind: h.kind.into(), weight: h.weight, tier: h.tier, rank: h.rank })
        .collect();
    MobilityPath { occupations, hops, similarity: path.similarity, wage_gain: path.wage_gain, score: path.score }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validate_rejects_hops_outside_range() {
        for hops in [0, -1, 5, 100] {
            let error = validate("51-4121", None, hops, None, None).unwrap_err();
            assert!(error.message.contains("`maxHops`"), "{}", error.message);
        }
    }

    #[test]
    fn validate_rejects_first_outside_range() {
        for first in [0, -3, 101] {
            let error = validate("51-4121", None, 2, None, Some(first)).unwrap_err();
            assert!(error.message.contains("`first`"), "{}", error.message);
        }
    }

    #[test]
    fn validate_accepts_bounds() {
        let query = validate(" 51-4121 ", Some("51-4122.00"), 4, Some(0.0), Some(100)).unwrap();
        assert_eq!(query.from, "51-4121");
        assert_eq!(query.to.as_deref(), Some("51-4122.00"));
        assert_eq!(query.max_hops, 4);
        assert_eq!(query.first, 100);
    }

    #[test]
    fn validate_rejects_malformed_codes() {
        assert!(validate("welder", None, 2, None, None).is_err());
        assert!(validate("51-4121", Some("51-41"), 2, None, None).is_err());
    }
}

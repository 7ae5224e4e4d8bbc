//! Reads the start occupation and its transition neighbourhood from the graph.

use std::collections::HashSet;

use serde::Deserialize;
use serde_json::{json, Value};

use super::error::MobilityError;
use super::paths::{related_weight, OccupationFacts, Transition, TransitionGraph, TransitionKind};
use crate::graph::{cypher, Graph, GraphError, Statement};
use crate::graphql::records::{NodeRow, OccupationRecord};

const TRANSITIONS_FROM: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/cypher/mobility/transitions_from.cypher"));

/// Resolves a SOC 2018, O*NET-SOC 2019 or legacy O*NET-SOC 2010 code the way the
/// `occupation` query does.
pub async fn resolve(graph: &Graph, field: &'static str, code: &str) -> Result<OccupationFacts, MobilityError> {
    let statement = Statement::new("occupation_by_code", cypher::OCCUPATION_BY_CODE).param("code", code);
    let row: Option<NodeRow<OccupationRecord>> = graph.row(statement).await?;
    let record = row.ok_or_else(|| MobilityError::UnknownOccupation { field, code: code.to_string() })?.node;
    Ok(OccupationFacts { code: record.onet_soc_code, soc_code: Some(record.soc_code), title: Some(record.title), median_wage: record.median_wage })
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct TransitionRow {
    from: String,
    to: String,
    kind: String,
    score: Option<f64>,
    tier: Option<String>,
    rank: Option<i64>,
    soc_code: Option<String>,
    title: Option<String>,
    median_wage: Option<f64>,
}

/// Loads every transition that starts within `max_hops - 1` hops of `start`, one
/// statement per hop, so a path search of `max_hops` hops has every edge it can use.
pub async fn load_neighbourhood(graph: &Graph, start: &OccupationFacts, max_hops: usize) -> Result<TransitionGraph, GraphError> {
    let mut transitions = TransitionGraph::default();
    transitions.add_occupation(start.clone());
    let mut seen: HashSet<String> = HashSet::from([start.code.clone()]);
    let mut frontier = vec![start.code.clone()];

    for _ in 0..max_hops {
        if frontier.is_empty() {
            break;
        }
        let codes = Value::Array(frontier.iter().map(|c| json!(c)).collect());
        let rows: Vec<TransitionRow> = graph.rows(Statement::new("mobility_transitions_from", TRANSITIONS_FROM).json_param("codes", &codes)).await?;
        let mut next = Vec::new();
        for row in rows {
            let Some(transition) = to_transition(&row) else { continue };
            transitions.add_occupation(OccupationFacts { code: row.to.clone(), soc_code: row.soc_code, title: row.title, median_wage: row.median_wage });
            if seen.insert(row.to.clone()) {
                next.push(row.to.clone());
            }
            transitions.add_transition(transition);
        }
        frontier = next;
    }
    Ok(transitions)
}

fn to_transition(row: &TransitionRow) -> Option<Transition> {
    let (kind, weight) = match row.kind.as_str() {
        "RELATED_TO" => (TransitionKind::Related, related_weight(row.rank.unwrap_or(1))),
        "SIMILAR_TO" => (TransitionKind::Similar, row.score?),
        _ => return None,
    };
    Some(Transition { from: row.from.clone(), to: row.to.clone(), kind, weight, tier: row.tier.clone(), rank: row.rank })
}

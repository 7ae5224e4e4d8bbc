//! `stackability(programId)`: the transitive stack of a program in both directions, with
//! stages, carried credit and the occupations each level opens.

use std::collections::HashMap;

use async_graphql::SimpleObject;
use serde::Deserialize;
use serde_json::json;

use super::error::PathwayResult;
use super::estimate::{program_length, Stated};
use crate::graph::{Graph, Statement};

const STACKABILITY: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/cypher/pathways/stackability.cypher"));
const PROGRAM_OCCUPATIONS: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/cypher/pathways/program_occupations.cypher"));

/// An occupation a stack level opens, with annual wages in US dollars.
#[derive(SimpleObject, Deserialize, Clone, Debug)]
#[serde(rename_all = "camelCase")]
pub struct StackOccupation {
    /// O*NET-SOC code.
    pub code: String,
    pub title: Option<String>,
    pub median_wage: Option<f64>,
    /// 10th percentile annual wage.
    pub entry_wage: Option<f64>,
}

/// One program in a stack and the nearest link that connects it to the queried program.
#[derive(SimpleObject, Clone, Debug)]
pub struct StackLevel {
    pub id: String,
    pub name: Option<String>,
    pub award_level: Option<String>,
    /// FOUNDATION, INTERMEDIATE, ADVANCED or TERMINAL, from the award rank.
    pub stage: Option<String>,
    pub credential_type: Option<String>,
    pub credit_hours: Option<f64>,
    pub weeks: f64,
    pub cost_usd: f64,
    pub weeks_estimated: bool,
    pub cost_estimated: bool,
    /// Source of estimated weeks or cost; null when the record states both.
    pub estimate_basis: Option<String>,
    /// Links between this program and the queried one on the shortest path; 0 for itself.
    pub hops: i32,
    /// STACKS_INTO, PREREQUISITE_FOR or PREPARES_FOR_APPRENTICESHIP; null for the queried program.
    pub link_kind: Option<String>,
    /// Registry id of the program the nearest link starts at.
    pub link_from: Option<String>,
    /// Registry id of the program the nearest link ends at.
    pub link_to: Option<String>,
    /// Credit hours the nearest link carries into the higher program.
    pub credit_carried: Option<f64>,
    /// Derivation of the nearest link, in words.
    pub derivation: Option<String>,
    pub occupations: Vec<StackOccupation>,
}

/// A program with the programs above it (UP: it stacks into them or is required for them)
/// and below it (DOWN), each ordered by distance, then id.
#[derive(SimpleObject, Clone, Debug)]
pub struct Stackability {
    pub program: StackLevel,
    pub up: Vec<StackLevel>,
    pub down: Vec<StackLevel>,
}

impl Stackability {
    /// Returns the ids of the program and of every level above and below it.
    pub fn program_ids(&self) -> Vec<String> {
        std::iter::once(&self.program).chain(&self.up).chain(&self.down).map(|level| level.id.clone()).collect()
    }
}

#[derive(Deserialize, Clone)]
#[serde(rename_all = "camelCase")]
struct ProgramRow {
    id: String,
    name: Option<String>,
    award_level: Option<String>,
    stage: Option<String>,
    credential_type: Option<String>,
    credit_hours: Option<f64>,
    weeks: Option<f64>,
    cost_usd: Option<f64>,
    weeks_estimated: Option<bool>,
    cost_estimated: Option<bool>,
    weeks_basis: Option<String>,
    cost_basis: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct StackRow {
    program: ProgramRow,
    direction: Option<String>,
    hops: Option<i64>,
    link_from: Option<String>,
    link_to: Option<String>,
    other: Option<ProgramRow>,
    link_kind: Option<String>,
    credit_carried: Option<f64>,
    derivation: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct OccupationsRow {
    program_id: String,
    occupations: Vec<StackOccupation>,
}

fn level(program: ProgramRow, hops: i64) -> StackLevel {
    let length = program_length(&Stated {
        award_level: program.award_level.as_deref(),
        weeks: program.weeks,
        cost_usd: program.cost_usd,
        weeks_estimated: program.weeks_estimated,
        cost_estimated: program.cost_estimated,
        weeks_basis: program.weeks_basis.as_deref(),
        cost_basis: program.cost_basis.as_deref(),
    });
    StackLevel {
        id: program.id,
        name: program.name,
        award_level: program.award_level,
        stage: program.stage,
        credential_type: program.credential_type,
        credit_hours: program.credit_hours,
        weeks: length.weeks,
        cost_usd: length.cost_usd,
        weeks_estimated: length.weeks_estimated,
        cost_estimated: length.cost_estimated,
        estimate_basis: length.basis,
        hops: hops as i32,
        link_kind: None,
        link_from: None,
        link_to: None,
        credit_carried: None,
        derivation: None,
        occupations: Vec::new(),
    }
}

/// Loads the stack of a program, or None when no program has the id.
pub async fn stackability(graph: &Graph, program_id: &str) -> PathwayResult<Option<Stackability>> {
    let statement = Statement::new("pathways_stackability", STACKABILITY).param("programId", program_id);
    let rows: Vec<StackRow> = graph.rows(statement).await?;
    let Some(first) = rows.first() else { return Ok(None) };
    let mut stack = Stackability { program: level(first.program.clone(), 0), up: Vec::new(), down: Vec::new() };
    for row in rows {
        let (Some(other), Some(direction)) = (row.other, row.direction) else { continue };
        if direction == "SELF" {
            continue;
        }
        let mut entry = level(other, row.hops.unwrap_or(0));
        entry.link_kind = row.link_kind;
        entry.link_from = row.link_from;
        entry.link_to = row.link_to;
        entry.credit_carried = row.credit_carried;
        entry.derivation = row.derivation;
        if direction == "UP" {
            stack.up.push(entry);
        } else {
            stack.down.push(entry);
        }
    }

    let ids = stack.program_ids();
    let statement = Statement::new("pathways_program_occupations", PROGRAM_OCCUPATIONS).json_param("programIds", &json!(ids));
    let rows: Vec<OccupationsRow> = graph.rows(statement).await?;
    let by_program: HashMap<String, Vec<StackOccupation>> = rows.into_iter().map(|r| (r.program_id, r.occupations)).collect();
    for entry in std::iter::once(&mut stack.program).chain(stack.up.iter_mut()).chain(stack.down.iter_mut()) {
        entry.occupations = by_program.get(&entry.id).cloned().unwrap_or_default();
    }
    Ok(Some(stack))
}

//! `fastestPathToEmployment`: target resolution and candidate generation in Cypher,
//! ranking in `rank`, and the skills each step adds.

use std::collections::HashMap;

use serde::Deserialize;
use serde_json::{json, Map, Value};

use super::error::PathwayResult;
use super::input::{Request, Target};
use super::rank::{rank, TargetRow};
use super::types::PathwayResult as Pathways;
use crate::graph::{cypher, Graph, Statement};

const TARGETS_BY_WAGE: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/cypher/pathways/targets_by_wage.cypher"));
const CANDIDATES: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/cypher/pathways/candidates.cypher"));
const STEP_SKILLS: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/cypher/pathways/step_skills.cypher"));
const UNKNOWN_HELD: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/cypher/pathways/unknown_held.cypher"));

/// Target occupations searched for a wage floor, best paid first.
const MAX_WAGE_TARGETS: i64 = 25;

/// Candidate chains kept per target, shortest chains first.
const MAX_CANDIDATES: i64 = 200;

#[derive(Deserialize)]
struct NodeRow {
    node: Map<String, Value>,
}

#[derive(Deserialize)]
struct CodeRow {
    code: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SkillRow {
    target: String,
    program_id: String,
    skills: Vec<String>,
}

/// Resolves the target to O*NET-SOC codes, or returns the reason there is none.
async fn targets(graph: &Graph, target: &Target) -> PathwayResult<Result<Vec<String>, String>> {
    match target {
        Target::Occupation(code) => {
            let statement = Statement::new("occupation_by_code", cypher::OCCUPATION_BY_CODE).param("code", code.as_str());
            let row: Option<NodeRow> = graph.row(statement).await?;
            let onet = row.and_then(|r| r.node.get("onetSocCode").and_then(Value::as_str).map(str::to_string));
            Ok(onet.map(|c| vec![c]).ok_or_else(|| {
                format!("No occupation has the code \"{code}\", so no pathway leads to it. Check the code against SOC 2018 or O*NET-SOC, or find it with `search(text:)`.")
            }))
        }
        Target::MinMedianWage(wage) => {
            let statement = Statement::new("pathways_targets_by_wage", TARGETS_BY_WAGE).param("minMedianWage", *wage).param("maxTargets", MAX_WAGE_TARGETS);
            let rows: Vec<CodeRow> = graph.rows(statement).await?;
            if rows.is_empty() {
                return Ok(Err(format!("No occupation has a median annual wage of at least ${wage}. Lower `minMedianWage`.")));
            }
            Ok(Ok(rows.into_iter().map(|r| r.code).collect()))
        }
    }
}

/// Fills `skillsGained` of every step with one statement for all pathways.
async fn add_skills(graph: &Graph, result: &mut Pathways, held_skills: &[String]) -> PathwayResult<()> {
    let pairs: Vec<Value> = result
        .pathways
        .iter()
        .flat_map(|p| p.steps.iter().map(move |s| json!({"target": p.target.code, "programId": s.id})))
        .collect();
    if pairs.is_empty() {
        return Ok(());
    }
    let statement = Statement::new("pathways_step_skills", STEP_SKILLS)
        .json_param("pairs", &Value::Array(pairs))
        .json_param("heldSkills", &json!(held_skills));
    let rows: Vec<SkillRow> = graph.rows(statement).await?;
    let skills: HashMap<(String, String), Vec<String>> = rows.into_iter().map(|r| ((r.target, r.program_id), r.skills)).collect();
    for pathway in &mut result.pathways {
        for step in &mut pathway.steps {
            if let Some(found) = skills.get(&(pathway.target.code.clone(), step.id.clone())) {
                step.skills_gained = found.clone();
            }
        }
    }
    Ok(())
}

/// Finds, costs and ranks pathways for a validated request.
pub async fn fastest_paths(graph: &Graph, request: &Request) -> PathwayResult<Pathways> {
    let unknown_held = unknown_held(graph, &request.held).await?;
    let mut result = ranked_paths(graph, request).await?;
    result.unknown_held = unknown_held;
    Ok(result)
}

/// Returns the held ids that match nothing in the registry.
async fn unknown_held(graph: &Graph, held: &[String]) -> PathwayResult<Vec<String>> {
    if held.is_empty() {
        return Ok(Vec::new());
    }
    #[derive(serde::Deserialize)]
    struct IdRow {
        id: String,
    }
    let rows: Vec<IdRow> = graph.rows(Statement::new("pathways_unknown_held", UNKNOWN_HELD).json_param("held", &json!(held))).await?;
    Ok(rows.into_iter().map(|row| row.id).collect())
}

/// Finds the target's openers and ranks the chains that reach them.
async fn ranked_paths(graph: &Graph, request: &Request) -> PathwayResult<Pathways> {
    let codes = match targets(graph, &request.target).await? {
        Ok(codes) => codes,
        Err(reason) => return Ok(Pathways::empty(reason)),
    };
    let statement = Statement::new("pathways_candidates", CANDIDATES)
        .json_param("targets", &json!(codes))
        .json_param("held", &json!(request.held))
        .json_param("state", &json!(request.state))
        .json_param("modality", &json!(request.modality.map(|m| m.stored())))
        .param("maxCandidates", MAX_CANDIDATES);
    let rows: Vec<TargetRow> = graph.rows(statement).await?;
    let mut result = rank(&rows, request);
    add_skills(graph, &mut result, &request.skills).await?;
    Ok(result)
}

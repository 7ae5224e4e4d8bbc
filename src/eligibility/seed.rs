//! Seed step that writes the eligibility rules and income tables from `<seeds>/domain`
//! into the graph. Every write is a MERGE on a natural id, so running it again is safe.
//!
//! NOTE: a rule or table row deleted from the CSV files stays in the graph until it is
//! deleted there too, because the step only merges.

use std::path::Path;

use ler_eligibility::{load_rules, load_tables, LoadError, SubjectKind, LISTED_SERVICES};
use serde_json::{json, Value};

use crate::graph::{Graph, GraphError, Statement};
use crate::registry::input::{enum_name, ServiceKind};

use super::cypher;
use super::store::{income_limit_nodes, rule_properties};

/// Display names of the aid programs and services the rules name.
const SUBJECT_NAMES: [(&str, &str); 15] = [
    ("federal_pell", "Federal Pell Grant"),
    ("workforce_pell", "Workforce Pell Grant"),
    ("wioa_ita", "WIOA Individual Training Account"),
    ("gi_bill", "GI Bill education benefits"),
    ("snap_et", "SNAP Employment and Training"),
    ("tanf_training", "TANF vocational training"),
    ("tn_promise", "Tennessee Promise"),
    ("tn_reconnect", "Tennessee Reconnect"),
    ("snap", "Supplemental Nutrition Assistance Program (SNAP)"),
    ("wic", "Special Supplemental Nutrition Program for Women, Infants, and Children (WIC)"),
    ("tanf", "Temporary Assistance for Needy Families (TANF)"),
    ("ccdf", "Child Care and Development Fund (CCDF) child care assistance"),
    ("liheap", "Low Income Home Energy Assistance Program (LIHEAP)"),
    ("transportation_assistance", "Transportation assistance"),
    ("housing_emergency_aid", "Housing and emergency aid"),
];

#[derive(Debug, thiserror::Error)]
pub enum EligibilitySeedError {
    #[error("eligibility seed data in {dir} could not be loaded: {source}")]
    Load { dir: String, source: LoadError },
    #[error(transparent)]
    Graph(#[from] GraphError),
}

/// Counts written by [`seed_eligibility`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EligibilitySeedSummary {
    pub aid_programs: usize,
    pub services: usize,
    pub rules: usize,
    pub income_limits: usize,
}

fn name_of(id: &str) -> String {
    SUBJECT_NAMES.iter().find(|(known, _)| *known == id).map_or_else(|| id.replace('_', " "), |(_, name)| name.to_string())
}

/// Loads `<seeds_dir>/domain` and merges AidProgram, Service, Rule and IncomeLimit nodes.
pub async fn seed_eligibility(graph: &Graph, seeds_dir: &Path) -> Result<EligibilitySeedSummary, EligibilitySeedError> {
    let dir = seeds_dir.join("domain");
    let load_error = |source| EligibilitySeedError::Load { dir: dir.display().to_string(), source };
    let rules = load_rules(&dir).map_err(load_error)?;
    let tables = load_tables(&dir).map_err(load_error)?;

    for line in cypher::CONSTRAINTS.lines().map(str::trim) {
        if line.is_empty() || line.starts_with("//") {
            continue;
        }
        graph.run(Statement::new("eligibility_schema", line)).await?;
    }

    let mut aid_programs: Vec<String> = Vec::new();
    let mut services: Vec<String> = LISTED_SERVICES.iter().map(|id| id.to_string()).collect();
    for rule in &rules {
        let subjects = match rule.subject_kind {
            SubjectKind::AidProgram => &mut aid_programs,
            SubjectKind::Service => &mut services,
        };
        if !subjects.contains(&rule.subject) {
            subjects.push(rule.subject.clone());
        }
    }
    let subject_rows = |ids: &[String]| Value::from(ids.iter().map(|id| json!({"id": id, "name": name_of(id)})).collect::<Vec<_>>());
    graph.run(Statement::new("eligibility_seed_aid_programs", cypher::SEED_AID_PROGRAMS).json_param("rows", &subject_rows(&aid_programs))).await?;
    let service_rows: Vec<Value> = services
        .iter()
        .map(|id| json!({"id": id, "name": name_of(id), "kind": ServiceKind::of_seeded(id).map(enum_name)}))
        .collect();
    graph.run(Statement::new("eligibility_seed_services", cypher::SEED_SERVICES).json_param("rows", &Value::from(service_rows))).await?;

    let rule_rows: Vec<Value> = rules.iter().enumerate().map(|(position, rule)| json!({"props": rule_properties(rule, position)})).collect();
    graph.run(Statement::new("eligibility_seed_rules", cypher::SEED_RULES).json_param("rows", &Value::from(rule_rows))).await?;

    let limit_rows: Vec<Value> = income_limit_nodes(&tables).into_iter().map(|(id, props)| json!({"id": id, "props": props})).collect();
    let income_limits = limit_rows.len();
    graph.run(Statement::new("eligibility_seed_income_limits", cypher::SEED_INCOME_LIMITS).json_param("rows", &Value::from(limit_rows))).await?;

    let summary = EligibilitySeedSummary { aid_programs: aid_programs.len(), services: services.len(), rules: rules.len(), income_limits };
    tracing::info!(rules = summary.rules, income_limits = summary.income_limits, "eligibility rules and tables loaded");
    Ok(summary)
}

//! Per-request eligibility data: the aid program rules read once, and a dataloader that
//! evaluates `Program.eligibility` for a whole page of programs with one facts statement.

use std::collections::HashMap;
use std::sync::Arc;

use async_graphql::dataloader::{DataLoader, Loader};
use chrono::NaiveDate;
use ler_eligibility::{evaluate_program, CheckOutcome, Rule, RuleCheck};
use tokio::sync::OnceCell;

use crate::error::ApiError;
use crate::graph::Graph;

use super::facts::{read_program_facts, UsedFact};
use super::store::{read_rules, read_subject_names, AID_PROGRAM};
use super::types::{aid_output, fact_output, index_rules, ProgramEligibility};

/// Aid program rules and their display names, as read from the graph.
pub struct AidRules {
    pub rules: Vec<Rule>,
    pub names: HashMap<String, String>,
}

/// Reads the aid program rules and the names of their programs.
pub async fn read_aid_rules(graph: &Graph) -> Result<AidRules, ApiError> {
    let rules = read_rules(graph, &[AID_PROGRAM]).await?;
    let mut ids: Vec<String> = rules.iter().map(|rule| rule.subject.clone()).collect();
    ids.dedup();
    let names = read_subject_names(graph, &ids).await?;
    Ok(AidRules { rules, names })
}

/// Evaluates the programs in `ids` on `as_of`; ids without a Program node are left out.
pub async fn evaluate_programs(graph: &Graph, rules: &AidRules, ids: &[String], as_of: NaiveDate) -> Result<HashMap<String, ProgramEligibility>, ApiError> {
    let facts = read_program_facts(graph, ids).await?;
    let index = index_rules(&rules.rules);
    let out = facts
        .into_iter()
        .map(|(id, set)| {
            let verdicts = evaluate_program(&set.facts, &rules.rules, as_of);
            let eligibility = ProgramEligibility {
                program_id: id.clone(),
                as_of,
                facts: set.used.iter().map(fact_output).collect(),
                verdicts: verdicts
                    .iter()
                    .map(|verdict| {
                        let mut output = aid_output(verdict, &index, &rules.names);
                        output.notices.extend(derived_fact_notices(&verdict.checks, &set.used));
                        output
                    })
                    .collect(),
            };
            (id, eligibility)
        })
        .collect();
    Ok(out)
}

/// Returns one notice per failed check whose fact the registry derived rather than read
/// from the provider, so a reader knows the verdict rests on an estimate.
fn derived_fact_notices(checks: &[RuleCheck], used: &[UsedFact]) -> Vec<String> {
    checks
        .iter()
        .filter(|check| check.outcome == CheckOutcome::Fail)
        .filter_map(|check| {
            let fact = used.iter().find(|fact| fact.field == check.field && fact.origin.contains("derived"))?;
            Some(format!(
                "{} failed on {} {}, which the registry derived ({}) because the program states none. Confirm the program's own {} before relying on this verdict.",
                check.rule_id, check.field, fact.value, fact.origin, check.field
            ))
        })
        .collect()
}

/// Loads `Program.eligibility` by `(program id, asOf)`. The rules are read on the first
/// batch and kept for the rest of the request, so a rule change shows on the next request.
pub struct ProgramEligibilityLoader {
    graph: Graph,
    rules: OnceCell<Arc<AidRules>>,
}

impl Loader<(String, NaiveDate)> for ProgramEligibilityLoader {
    type Value = ProgramEligibility;
    type Error = ApiError;

    async fn load(&self, keys: &[(String, NaiveDate)]) -> Result<HashMap<(String, NaiveDate), ProgramEligibility>, ApiError> {
        let rules = self.rules.get_or_try_init(|| async { read_aid_rules(&self.graph).await.map(Arc::new) }).await?;
        let mut by_date: HashMap<NaiveDate, Vec<String>> = HashMap::new();
        for (id, as_of) in keys {
            by_date.entry(*as_of).or_default().push(id.clone());
        }
        let mut out = HashMap::new();
        for (as_of, ids) in by_date {
            for (id, eligibility) in evaluate_programs(&self.graph, rules, &ids, as_of).await? {
                out.insert((id, as_of), eligibility);
            }
        }
        Ok(out)
    }
}

/// The eligibility loaders of one request.
pub struct EligibilityLoaders {
    pub programs: DataLoader<ProgramEligibilityLoader>,
}

impl EligibilityLoaders {
    pub fn new(graph: &Graph) -> Self {
        let loader = ProgramEligibilityLoader { graph: graph.clone(), rules: OnceCell::new() };
        let programs = DataLoader::new(loader, tokio::spawn).delay(std::time::Duration::from_millis(5)).max_batch_size(1_000);
        Self { programs }
    }
}

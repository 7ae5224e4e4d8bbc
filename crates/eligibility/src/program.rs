//! Aid program verdicts from program-side facts.

use chrono::NaiveDate;

use crate::check::Context;
use crate::engine::evaluate_subject;
use crate::facts::ProgramFacts;
use crate::rule::{Rule, SubjectKind};
use crate::verdict::AidVerdict;

/// Evaluates every aid program that has rules in `rules`, in order of first appearance.
///
/// Program rules need no income tables. Call [`ProgramFacts::validate`] first to reject
/// negative amounts and rates outside 0 to 1.
pub fn evaluate_program(facts: &ProgramFacts, rules: &[Rule], as_of: NaiveDate) -> Vec<AidVerdict> {
    let fact_map = facts.to_facts();
    let context = Context {
        facts: &fact_map,
        tables: None,
        as_of,
    };
    subjects_of(rules, SubjectKind::AidProgram)
        .into_iter()
        .map(|program| {
            let evaluation = evaluate_subject(&program, rules, &context);
            AidVerdict {
                program,
                status: evaluation.status,
                as_of,
                checks: evaluation.checks,
                reasons: evaluation.reasons,
                what_if: evaluation.what_if,
                notices: evaluation.notices,
            }
        })
        .collect()
}

/// Subject ids of one kind, in order of first appearance.
pub(crate) fn subjects_of(rules: &[Rule], kind: SubjectKind) -> Vec<String> {
    let mut subjects: Vec<String> = Vec::new();
    for rule in rules.iter().filter(|rule| rule.subject_kind == kind) {
        if !subjects.contains(&rule.subject) {
            subjects.push(rule.subject.clone());
        }
    }
    subjects
}

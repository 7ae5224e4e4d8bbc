//! Combines rule checks into one verdict per subject: groups of alternatives, roles,
//! categorical eligibility, reasons and notices.

use std::collections::BTreeMap;

use crate::check::{check_rule, Context};
use crate::facts::FactValue;
use crate::rule::{Role, Rule, Verification};
use crate::verdict::{Change, CheckOutcome, RuleCheck, VerdictStatus};
use crate::whatif::{changes_for, FIXED_FIELDS};

/// Everything a verdict needs, before it is shaped for programs or services.
pub(crate) struct Evaluation {
    pub status: VerdictStatus,
    pub checks: Vec<RuleCheck>,
    pub reasons: Vec<String>,
    pub what_if: Vec<Change>,
    pub notices: Vec<String>,
    pub categorical: Option<String>,
}

/// A rule outside any group, or one group of alternatives.
struct Unit<'a> {
    role: Role,
    status: Option<VerdictStatus>,
    /// Checks that decided the unit, for reasons and what-if.
    deciding: Vec<&'a RuleCheck>,
    /// Sentence for a group whose alternatives all lack data.
    note: Option<String>,
}

/// Evaluates every rule of `subject` in effect on the context date.
pub(crate) fn evaluate_subject(subject: &str, all_rules: &[Rule], context: &Context) -> Evaluation {
    let state = match context.facts.get("state") {
        Some(FactValue::Text(state)) => Some(state.as_str()),
        _ => None,
    };
    let of_subject: Vec<&Rule> = all_rules
        .iter()
        .filter(|rule| rule.subject == subject)
        .collect();
    let in_place: Vec<&Rule> = of_subject
        .iter()
        .copied()
        .filter(|rule| match rule.jurisdiction.as_deref() {
            Some(jurisdiction) => Some(jurisdiction) == state,
            None => true,
        })
        .collect();
    let in_effect: Vec<&Rule> = in_place
        .iter()
        .copied()
        .filter(|rule| rule.is_effective_on(context.as_of))
        .collect();

    if in_effect.is_empty() {
        let reason = if of_subject.is_empty() {
            format!("No eligibility rules are recorded for {subject}.")
        } else if in_place.is_empty() {
            format!(
                "No {subject} rules are recorded for state {}.",
                state.unwrap_or("(not given)")
            )
        } else {
            format!("No {subject} rules are in effect on {}.", context.as_of)
        };
        return Evaluation {
            status: VerdictStatus::Unknown,
            checks: Vec::new(),
            reasons: vec![reason],
            what_if: Vec::new(),
            notices: Vec::new(),
            categorical: None,
        };
    }

    let checks: Vec<RuleCheck> = in_effect
        .iter()
        .map(|rule| check_rule(rule, context))
        .collect();
    let units = build_units(&checks);

    let categorical = checks
        .iter()
        .find(|check| {
            check.role == Role::CategoricalEligibility && check.outcome == CheckOutcome::Pass
        })
        .map(|check| {
            let matched = match &check.actual {
                Some(FactValue::Set(values)) => {
                    let allowed: Vec<&str> = check.threshold.split('|').collect();
                    values
                        .iter()
                        .filter(|value| allowed.contains(&value.as_str()))
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(", ")
                }
                Some(other) => other.to_string(),
                None => String::new(),
            };
            format!("receives {matched} ({})", check.rule_id)
        });

    let mut status = VerdictStatus::Eligible;
    let mut deciding: Vec<&RuleCheck> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    for unit in &units {
        let Some(unit_status) = unit.status else {
            continue;
        };
        if unit.role == Role::CategoricalEligibility {
            continue;
        }
        if unit.role == Role::IncomeTest && categorical.is_some() {
            continue;
        }
        let rank = severity(unit_status);
        if rank > severity(status) {
            status = unit_status;
            deciding.clear();
            notes.clear();
        }
        if rank == severity(status) && status != VerdictStatus::Eligible {
            match &unit.note {
                Some(note) => notes.push(note.clone()),
                None => deciding.extend(unit.deciding.iter().copied()),
            }
        }
    }

    let mut reasons: Vec<String> = deciding
        .iter()
        .map(|check| check.explanation.clone())
        .collect();
    reasons.extend(notes);
    if status == VerdictStatus::Eligible {
        let met = checks
            .iter()
            .filter(|check| check.outcome == CheckOutcome::Pass)
            .count();
        reasons.push(format!(
            "Every applicable rule in effect on {} is met ({met} checked).",
            context.as_of
        ));
    }
    if let Some(categorical) = &categorical {
        reasons.push(format!(
            "Income tests are met through categorical eligibility: the household {categorical}."
        ));
    }

    let fixed = deciding
        .iter()
        .any(|check| FIXED_FIELDS.contains(&check.field.as_str()));
    let what_if = if status == VerdictStatus::Ineligible && !fixed {
        deciding.iter().map(|check| changes_for(check)).collect()
    } else {
        Vec::new()
    };

    Evaluation {
        status,
        notices: notices_for(&checks),
        checks,
        reasons,
        what_if,
        categorical,
    }
}

/// Ranks statuses so the worst one wins: a failed rule decides over missing data, and
/// missing data over awaited data.
fn severity(status: VerdictStatus) -> u8 {
    match status {
        VerdictStatus::Eligible => 0,
        VerdictStatus::Pending => 1,
        VerdictStatus::Unknown => 2,
        VerdictStatus::Ineligible => 3,
    }
}

fn status_of(outcome: CheckOutcome) -> Option<VerdictStatus> {
    match outcome {
        CheckOutcome::Pass => Some(VerdictStatus::Eligible),
        CheckOutcome::Fail => Some(VerdictStatus::Ineligible),
        CheckOutcome::Missing => Some(VerdictStatus::Unknown),
        CheckOutcome::Pending => Some(VerdictStatus::Pending),
        CheckOutcome::NotApplicable => None,
    }
}

fn build_units(checks: &[RuleCheck]) -> Vec<Unit<'_>> {
    let mut units = Vec::new();
    let mut groups: BTreeMap<&str, BTreeMap<&str, Vec<&RuleCheck>>> = BTreeMap::new();
    for check in checks {
        match check.group.as_deref() {
            Some(group) => {
                let (name, branch) = group.split_once(':').unwrap_or((group, ""));
                groups
                    .entry(name)
                    .or_default()
                    .entry(branch)
                    .or_default()
                    .push(check);
            }
            None => {
                let status = status_of(check.outcome);
                let deciding = if status.is_some() {
                    vec![check]
                } else {
                    Vec::new()
                };
                units.push(Unit {
                    role: check.role,
                    status,
                    deciding,
                    note: None,
                });
            }
        }
    }
    for (name, branches) in groups {
        units.push(group_unit(name, branches));
    }
    units
}

/// Combines the branches of one group: it passes when one applicable branch passes.
/// Branches with a rule that does not apply are left out, and with none left the group
/// is UNKNOWN.
fn group_unit<'a>(name: &str, branches: BTreeMap<&str, Vec<&'a RuleCheck>>) -> Unit<'a> {
    let role = branches
        .values()
        .flatten()
        .next()
        .map_or(Role::Requirement, |check| check.role);
    let mut applicable: Vec<(VerdictStatus, Vec<&'a RuleCheck>)> = Vec::new();
    for checks in branches.values() {
        if checks
            .iter()
            .any(|check| check.outcome == CheckOutcome::NotApplicable)
        {
            continue;
        }
        let status = checks
            .iter()
            .filter_map(|check| status_of(check.outcome))
            .max_by_key(|status| severity(*status))
            .unwrap_or(VerdictStatus::Eligible);
        let deciding = checks
            .iter()
            .copied()
            .filter(|check| status_of(check.outcome) == Some(status))
            .collect();
        applicable.push((status, deciding));
    }
    if applicable.is_empty() {
        let mut fields: Vec<&str> = branches
            .values()
            .flatten()
            .map(|check| check.field.as_str())
            .collect();
        fields.sort_unstable();
        fields.dedup();
        let note = format!(
            "None of the alternatives for {name} can be checked because none of {} is given.",
            fields.join(", ")
        );
        return Unit {
            role,
            status: Some(VerdictStatus::Unknown),
            deciding: Vec::new(),
            note: Some(note),
        };
    }
    // The preferred branch is the least severe one, and among equals the one with the
    // fewest deciding rules, so what-if lists the smallest set of changes.
    let (status, deciding) = applicable
        .into_iter()
        .min_by_key(|(status, deciding)| (severity(*status), deciding.len()))
        .expect("applicable is not empty");
    Unit {
        role,
        status: Some(status),
        deciding,
        note: None,
    }
}

fn notices_for(checks: &[RuleCheck]) -> Vec<String> {
    let mut notices = Vec::new();
    for check in checks
        .iter()
        .filter(|check| check.outcome != CheckOutcome::NotApplicable)
    {
        if check.projected {
            notices.push(format!(
                "{} uses a limit projected ahead of publication ({}); the verdict may change when the official figure is published.",
                check.rule_id,
                check.limit_description.as_deref().unwrap_or("table row")
            ));
        }
        match check.verification {
            Verification::Unverified => notices.push(format!(
                "{} is unverified; treat its result as provisional.",
                check.rule_id
            )),
            Verification::Computed => notices.push(format!(
                "{} uses limits computed from the published guidelines, not an official table.",
                check.rule_id
            )),
            Verification::Projected => notices.push(format!(
                "{} is a projection ahead of publication.",
                check.rule_id
            )),
            _ => {}
        }
    }
    notices
}

//! Household service verdicts from a household profile.

use chrono::NaiveDate;

use crate::check::Context;
use crate::engine::evaluate_subject;
use crate::error::ProfileError;
use crate::facts::FactValue;
use crate::household::HouseholdProfile;
use crate::program::subjects_of;
use crate::rule::{Role, Rule, SubjectKind};
use crate::tables::Tables;
use crate::verdict::{IncomeMargin, ServiceVerdict};

/// Services the product lists even when no rules are recorded for them yet. Those get an
/// UNKNOWN verdict with that reason.
pub const LISTED_SERVICES: [&str; 7] = [
    "snap",
    "wic",
    "tanf",
    "ccdf",
    "liheap",
    "transportation_assistance",
    "housing_emergency_aid",
];

/// Validates `profile` and evaluates every service: those in [`LISTED_SERVICES`] first,
/// then any other service that has rules.
pub fn evaluate_household(
    profile: &HouseholdProfile,
    rules: &[Rule],
    tables: &Tables,
    as_of: NaiveDate,
) -> Result<Vec<ServiceVerdict>, ProfileError> {
    profile.validate()?;
    let facts = profile.to_facts();
    let context = Context {
        facts: &facts,
        tables: Some(tables),
        as_of,
    };

    let mut services: Vec<String> = LISTED_SERVICES
        .iter()
        .map(|service| service.to_string())
        .collect();
    for service in subjects_of(rules, SubjectKind::Service) {
        if !services.contains(&service) {
            services.push(service);
        }
    }

    let verdicts = services
        .into_iter()
        .map(|service| {
            let evaluation = evaluate_subject(&service, rules, &context);
            let income_limits = evaluation
                .checks
                .iter()
                .filter(|check| check.role == Role::IncomeTest)
                .filter_map(|check| match (&check.actual, check.limit) {
                    (Some(FactValue::Number(income)), Some(limit)) => Some(IncomeMargin {
                        rule_id: check.rule_id.clone(),
                        field: check.field.clone(),
                        limit,
                        income: *income,
                        margin: limit - *income,
                        limit_description: check.limit_description.clone(),
                        projected: check.projected,
                    }),
                    _ => None,
                })
                .collect();
            ServiceVerdict {
                service,
                status: evaluation.status,
                as_of,
                checks: evaluation.checks,
                reasons: evaluation.reasons,
                categorical_eligibility: evaluation.categorical,
                income_limits,
                what_if: evaluation.what_if,
                notices: evaluation.notices,
            }
        })
        .collect();
    Ok(verdicts)
}

//! Applies one rule to the facts.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::facts::{FactValue, Facts};
use crate::rule::{Operator, Rule, Threshold, WhenMissing};
use crate::tables::{Region, TableLimit, Tables};
use crate::verdict::{CheckOutcome, RuleCheck};

/// Facts, tables and date a rule is checked against.
pub(crate) struct Context<'a> {
    pub facts: &'a Facts,
    pub tables: Option<&'a Tables>,
    pub as_of: NaiveDate,
}

/// Right-hand side after lookups.
enum Resolved {
    Number(Decimal, Option<TableLimit>),
    Value(Threshold),
    /// The limit cannot be computed, for the reason in the string.
    Unavailable(String, WhenMissing),
}

pub(crate) fn check_rule(rule: &Rule, context: &Context) -> RuleCheck {
    let actual = context.facts.get(&rule.field).cloned();
    let mut check = RuleCheck {
        rule_id: rule.id.clone(),
        role: rule.role,
        group: rule.group.clone(),
        field: rule.field.clone(),
        operator: rule.operator,
        threshold: rule.threshold.to_string(),
        limit: None,
        limit_description: None,
        actual: actual.clone(),
        unit: rule.unit.clone(),
        outcome: CheckOutcome::Missing,
        explanation: String::new(),
        source: rule.source.clone(),
        verification: rule.verification,
        table_source: None,
        table_verification: None,
        projected: false,
    };

    let applicability = applies(rule, context.facts);
    if applicability == Some(false) {
        check.outcome = CheckOutcome::NotApplicable;
        check.explanation = format!(
            "{} does not apply because {} is not met.",
            rule.id,
            condition_text(rule)
        );
        return check;
    }

    let resolved = resolve(rule, context);
    if let Resolved::Number(limit, table) = &resolved {
        check.limit = Some(*limit);
        if let Some(table) = table {
            check.limit_description = Some(table.description.clone());
            check.table_source = Some(table.source.clone());
            check.table_verification = Some(table.verification.clone());
            check.projected = table.projected;
        }
    }
    let Some(actual) = actual else {
        let (outcome, what) = missing_outcome(rule.when_missing);
        check.outcome = outcome;
        check.explanation = format!("{} {what} because {} is not given.", rule.id, rule.field);
        return check;
    };
    let threshold = match resolved {
        Resolved::Unavailable(reason, when_missing) => {
            let (outcome, what) = missing_outcome(when_missing);
            check.outcome = outcome;
            check.explanation = format!("{} {what} because {reason}.", rule.id);
            return check;
        }
        Resolved::Number(limit, _) => Threshold::Number(limit),
        Resolved::Value(threshold) => threshold,
    };

    let passed = match compare(&actual, rule.operator, &threshold) {
        Some(passed) => passed,
        None => {
            check.outcome = CheckOutcome::Missing;
            check.explanation = format!(
                "{} cannot compare {} value `{actual}` with `{threshold}`.",
                rule.id, rule.field
            );
            return check;
        }
    };
    let verdict_word = if passed { "met" } else { "not met" };
    let unit = rule
        .unit
        .as_deref()
        .map(|unit| format!(" {unit}"))
        .unwrap_or_default();
    let limit_text = match &check.limit_description {
        Some(description) => format!("{threshold}{unit} ({description})"),
        None => format!("{threshold}{unit}"),
    };
    check.explanation = format!(
        "{}: {} is {actual}{unit}, and the rule requires {} {limit_text}: {verdict_word}.",
        rule.id,
        rule.field,
        operator_words(rule.operator)
    );
    check.outcome = match (passed, applicability) {
        (true, _) => CheckOutcome::Pass,
        (false, Some(true)) => CheckOutcome::Fail,
        (false, _) => {
            check.explanation.push_str(&format!(
                " Whether the rule applies is unknown because {} is not given.",
                condition_fact(rule)
            ));
            CheckOutcome::Missing
        }
    };
    check
}

fn missing_outcome(when_missing: WhenMissing) -> (CheckOutcome, &'static str) {
    match when_missing {
        WhenMissing::Unknown => (CheckOutcome::Missing, "cannot be decided"),
        WhenMissing::Pending => (CheckOutcome::Pending, "is pending"),
        WhenMissing::Skip => (CheckOutcome::NotApplicable, "does not apply"),
    }
}

/// `Some(true)` when the rule applies, `Some(false)` when it does not, `None` when the
/// condition's fact is missing.
fn applies(rule: &Rule, facts: &Facts) -> Option<bool> {
    let Some(condition) = rule.applies_if.as_deref() else {
        return Some(true);
    };
    let (negated, name) = match condition.strip_prefix('!') {
        Some(name) => (true, name),
        None => (false, condition),
    };
    match facts.get(name) {
        Some(FactValue::Bool(value)) => Some(*value != negated),
        _ => None,
    }
}

fn condition_fact(rule: &Rule) -> &str {
    rule.applies_if
        .as_deref()
        .map_or("", |condition| condition.trim_start_matches('!'))
}

fn condition_text(rule: &Rule) -> String {
    match rule.applies_if.as_deref() {
        Some(condition) if condition.starts_with('!') => {
            format!("its condition (not {})", &condition[1..])
        }
        Some(condition) => format!("its condition ({condition})"),
        None => "its condition".to_string(),
    }
}

fn resolve(rule: &Rule, context: &Context) -> Resolved {
    match &rule.threshold {
        Threshold::Number(value) => Resolved::Number(*value, None),
        Threshold::FieldMinus { field, amount } => match context.facts.get(field) {
            Some(FactValue::Number(value)) => Resolved::Number(*value - *amount, None),
            _ => Resolved::Unavailable(format!("{field} is not given"), rule.when_missing),
        },
        Threshold::Table(table) => {
            let Some(tables) = context.tables else {
                return Resolved::Unavailable(
                    "no income tables were supplied".to_string(),
                    WhenMissing::Unknown,
                );
            };
            let region = match context.facts.get("state") {
                Some(FactValue::Text(state)) => Region::of_state(state),
                _ => {
                    return Resolved::Unavailable(
                        "state is not given".to_string(),
                        WhenMissing::Unknown,
                    )
                }
            };
            let size = match context.facts.get(table.size_field()) {
                Some(FactValue::Number(size)) => u32::try_from(*size).ok(),
                _ => None,
            };
            let Some(size) = size else {
                let reason = format!("{} is not given", table.size_field());
                return Resolved::Unavailable(reason, WhenMissing::Unknown);
            };
            match tables.limit(table, region, size, context.as_of) {
                Ok(limit) => Resolved::Number(limit.amount, Some(limit)),
                Err(reason) => Resolved::Unavailable(reason, WhenMissing::Unknown),
            }
        }
        other => Resolved::Value(other.clone()),
    }
}

/// Compares a fact with a threshold; `None` when their types do not fit together.
fn compare(actual: &FactValue, operator: Operator, threshold: &Threshold) -> Option<bool> {
    if let FactValue::NoneMatches = actual {
        return Some(false);
    }
    let items = |threshold: &Threshold| -> Option<Vec<String>> {
        match threshold {
            Threshold::Set(items) => Some(items.clone()),
            Threshold::Text(text) => Some(vec![text.clone()]),
            _ => None,
        }
    };
    match (actual, threshold) {
        (FactValue::Number(value), Threshold::Number(limit)) => Some(match operator {
            Operator::Ge => value >= limit,
            Operator::Gt => value > limit,
            Operator::Le => value <= limit,
            Operator::Lt => value < limit,
            Operator::Eq => value == limit,
            Operator::Ne => value != limit,
            Operator::In | Operator::NotIn => return None,
        }),
        (FactValue::Bool(value), Threshold::Bool(expected)) => match operator {
            Operator::Eq => Some(value == expected),
            Operator::Ne => Some(value != expected),
            _ => None,
        },
        (FactValue::Text(value), _) => match operator {
            Operator::Eq => Some(matches!(threshold, Threshold::Text(text) if text == value)),
            Operator::Ne => Some(!matches!(threshold, Threshold::Text(text) if text == value)),
            Operator::In => Some(items(threshold)?.contains(value)),
            Operator::NotIn => Some(!items(threshold)?.contains(value)),
            _ => None,
        },
        (FactValue::Set(values), _) => {
            let allowed = items(threshold)?;
            let intersects = values.iter().any(|value| allowed.contains(value));
            match operator {
                Operator::In => Some(intersects),
                Operator::NotIn => Some(!intersects),
                _ => None,
            }
        }
        _ => None,
    }
}

pub(crate) fn operator_words(operator: Operator) -> &'static str {
    match operator {
        Operator::Ge => "at least",
        Operator::Gt => "more than",
        Operator::Le => "at most",
        Operator::Lt => "less than",
        Operator::Eq => "exactly",
        Operator::Ne => "anything but",
        Operator::In => "one of",
        Operator::NotIn => "none of",
    }
}

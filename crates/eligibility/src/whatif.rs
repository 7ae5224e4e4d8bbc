//! Nearest change that makes a failing rule pass.

use rust_decimal::Decimal;

use crate::check::operator_words;
use crate::facts::FactValue;
use crate::rule::Operator;
use crate::verdict::{Change, RuleCheck};

/// Facts a person or program cannot change to become eligible, such as ages or the state.
/// A verdict that fails on one of them gets no what-if changes.
pub(crate) const FIXED_FIELDS: [&str; 8] = [
    "state",
    "pregnant_member",
    "months_postpartum",
    "months_breastfeeding",
    "youngest_member_age_years",
    "youngest_disabled_member_age_years",
    "elderly_or_disabled_member",
    "household_size",
];

/// Smallest step of a unit, used to move past a strict limit (`<` or `>`).
fn unit_step(unit: Option<&str>) -> Decimal {
    match unit {
        Some("USD") => Decimal::new(1, 2),
        Some("fraction") => Decimal::new(1, 2),
        _ => Decimal::ONE,
    }
}

/// Builds the change for one failed check. Numeric rules get a target value and a
/// signed delta; other rules get a sentence naming the required value.
pub(crate) fn changes_for(check: &RuleCheck) -> Change {
    let unit = check.unit.as_deref();
    let unit_text = unit.map(|unit| format!(" {unit}")).unwrap_or_default();
    let current = match &check.actual {
        Some(FactValue::Number(value)) => Some(*value),
        _ => None,
    };
    let target = match (check.limit, current) {
        (Some(limit), Some(_)) => match check.operator {
            Operator::Ge | Operator::Le | Operator::Eq => Some(limit),
            Operator::Gt => Some(limit + unit_step(unit)),
            Operator::Lt => Some(limit - unit_step(unit)),
            _ => None,
        },
        _ => None,
    };
    let delta = match (target, current) {
        (Some(target), Some(current)) => Some(target - current),
        _ => None,
    };

    let description = match (target, delta) {
        (Some(target), Some(delta)) => {
            let verb = if delta.is_sign_negative() {
                "Lower"
            } else {
                "Raise"
            };
            let from = current.map_or(String::new(), |current| format!(" from {current}"));
            format!(
                "{verb} {}{from} to {target}{unit_text} to meet {}.",
                check.field, check.rule_id
            )
        }
        _ => format!(
            "Change {} to {} {} to meet {}.",
            check.field,
            operator_words(check.operator),
            check.threshold,
            check.rule_id
        ),
    };
    Change {
        rule_id: check.rule_id.clone(),
        field: check.field.clone(),
        current: check.actual.clone(),
        target,
        delta,
        unit: check.unit.clone(),
        description,
    }
}

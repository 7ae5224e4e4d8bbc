//! Rule rows: one comparison of a fact against a threshold, with its source and dates.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::tables::TableRef;

/// One eligibility rule, stored flat so it can be written to a graph node and read back.
///
/// `threshold` is written as text (see [`Threshold`]) so every field is a string, a date
/// or empty.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rule {
    /// Natural id, unique across all rules, for example `WP_CLOCK_MIN`.
    pub id: String,
    /// Id of the aid program or service the rule belongs to, for example `workforce_pell`.
    pub subject: String,
    pub subject_kind: SubjectKind,
    /// Two-letter state code when the rule applies only to facts from that state.
    #[serde(default)]
    pub jurisdiction: Option<String>,
    pub role: Role,
    /// `name:branch` when the rule is one of several alternatives (see [`Rule::group_parts`]).
    #[serde(default)]
    pub group: Option<String>,
    /// Name of the fact the rule reads, for example `clock_hours`.
    pub field: String,
    pub operator: Operator,
    pub threshold: Threshold,
    #[serde(default)]
    pub unit: Option<String>,
    /// Boolean fact that must hold for the rule to apply; a leading `!` negates it.
    #[serde(default)]
    pub applies_if: Option<String>,
    pub when_missing: WhenMissing,
    /// First day the rule applies, inclusive; empty means no start date.
    #[serde(default)]
    pub effective_from: Option<NaiveDate>,
    /// Last day the rule applies, inclusive; from the next day on it no longer applies.
    #[serde(default)]
    pub effective_to: Option<NaiveDate>,
    pub verification: Verification,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub notes: Option<String>,
}

impl Rule {
    /// Tells whether the rule is in effect on `date` (both ends inclusive).
    pub fn is_effective_on(&self, date: NaiveDate) -> bool {
        let started = match self.effective_from {
            Some(from) => from <= date,
            None => true,
        };
        let not_ended = match self.effective_to {
            Some(to) => date <= to,
            None => true,
        };
        started && not_ended
    }

    /// Splits `group` into the group name and the branch name.
    ///
    /// A group passes when every rule of at least one branch passes, so `wp_length:clock`
    /// and `wp_length:semester` are two ways to meet the same length requirement.
    pub fn group_parts(&self) -> Option<(&str, &str)> {
        let group = self.group.as_deref()?;
        Some(group.split_once(':').unwrap_or((group, "")))
    }

    /// Checks that the operator fits the threshold and that the row is complete.
    pub fn validate(&self) -> Result<(), String> {
        if self.id.trim().is_empty() {
            return Err("the rule id is empty".to_string());
        }
        if self.subject.trim().is_empty() || self.field.trim().is_empty() {
            return Err(format!("rule {} has an empty subject or field", self.id));
        }
        if let (Some(from), Some(to)) = (self.effective_from, self.effective_to) {
            if to < from {
                return Err(format!(
                    "rule {} ends on {to}, before it starts on {from}; swap or fix the dates",
                    self.id
                ));
            }
        }
        let fits = match self.operator {
            Operator::Ge | Operator::Gt | Operator::Le | Operator::Lt => matches!(
                self.threshold,
                Threshold::Number(_) | Threshold::Table(_) | Threshold::FieldMinus { .. }
            ),
            Operator::In | Operator::NotIn => {
                matches!(self.threshold, Threshold::Set(_) | Threshold::Text(_))
            }
            Operator::Eq | Operator::Ne => matches!(
                self.threshold,
                Threshold::Bool(_) | Threshold::Text(_) | Threshold::Number(_)
            ),
        };
        if !fits {
            return Err(format!(
                "rule {} compares with `{}` against `{}`, which that operator cannot use",
                self.id, self.operator, self.threshold
            ));
        }
        Ok(())
    }
}

/// Kind of subject a rule belongs to, matching the `AidProgram` and `Service` graph labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubjectKind {
    AidProgram,
    Service,
}

/// Part a rule plays in a verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Must pass.
    Requirement,
    /// Must pass unless a categorical eligibility rule of the same subject passes.
    IncomeTest,
    /// When it passes, the subject's income tests are deemed met.
    CategoricalEligibility,
}

/// Outcome of a rule whose fact is missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WhenMissing {
    /// The verdict becomes UNKNOWN.
    Unknown,
    /// The verdict becomes PENDING, for data that is awaited such as outcome rates.
    Pending,
    /// The rule does not apply; in a group the branch does not apply.
    Skip,
}

/// Level of checking of a rule or table row against its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verification {
    /// Checked against the rule text or an official table.
    Verified,
    /// Checked against a secondary summary only.
    VerifiedSecondary,
    /// Checked in part, and the notes name the part.
    PartiallyVerified,
    /// Computed from verified inputs with the published rounding rule.
    Computed,
    /// Projected ahead of publication.
    Projected,
    Unverified,
}

/// Comparison operator, written as in the rule tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Operator {
    #[serde(rename = ">=")]
    Ge,
    #[serde(rename = ">")]
    Gt,
    #[serde(rename = "<=")]
    Le,
    #[serde(rename = "<")]
    Lt,
    #[serde(rename = "=")]
    Eq,
    #[serde(rename = "!=")]
    Ne,
    #[serde(rename = "in")]
    In,
    #[serde(rename = "not_in")]
    NotIn,
}

impl fmt::Display for Operator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            Operator::Ge => ">=",
            Operator::Gt => ">",
            Operator::Le => "<=",
            Operator::Lt => "<",
            Operator::Eq => "=",
            Operator::Ne => "!=",
            Operator::In => "in",
            Operator::NotIn => "not_in",
        };
        f.write_str(text)
    }
}

/// Right-hand side of a rule.
///
/// Text forms: `true`/`false`, a decimal number, `a|b|c` (a set), `table:NAME` or
/// `table:NAME@YEAR` (a limit looked up per household), `FIELD - NUMBER` (another fact
/// minus an amount), or any other text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Threshold {
    Bool(bool),
    Number(Decimal),
    Set(Vec<String>),
    Table(TableRef),
    FieldMinus { field: String, amount: Decimal },
    Text(String),
}

impl FromStr for Threshold {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        if text.is_empty() {
            return Err("the threshold is empty".to_string());
        }
        if let Some(table) = text.strip_prefix("table:") {
            return table.parse().map(Threshold::Table);
        }
        match text {
            "true" => return Ok(Threshold::Bool(true)),
            "false" => return Ok(Threshold::Bool(false)),
            _ => {}
        }
        if let Ok(number) = Decimal::from_str(text) {
            return Ok(Threshold::Number(number));
        }
        if text.contains('|') {
            let items = text
                .split('|')
                .map(|item| item.trim().to_string())
                .collect();
            return Ok(Threshold::Set(items));
        }
        if let Some((field, amount)) = text.split_once(" - ") {
            let amount = Decimal::from_str(amount.trim())
                .map_err(|_| format!("`{text}` must read FIELD - NUMBER, for example `median_earnings_after - 23940`"))?;
            return Ok(Threshold::FieldMinus {
                field: field.trim().to_string(),
                amount,
            });
        }
        Ok(Threshold::Text(text.to_string()))
    }
}

impl TryFrom<String> for Threshold {
    type Error = String;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        text.parse()
    }
}

impl From<Threshold> for String {
    fn from(threshold: Threshold) -> Self {
        threshold.to_string()
    }
}

impl fmt::Display for Threshold {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Threshold::Bool(value) => write!(f, "{value}"),
            Threshold::Number(value) => write!(f, "{value}"),
            Threshold::Set(items) => f.write_str(&items.join("|")),
            Threshold::Table(table) => write!(f, "table:{table}"),
            Threshold::FieldMinus { field, amount } => write!(f, "{field} - {amount}"),
            Threshold::Text(text) => f.write_str(text),
        }
    }
}

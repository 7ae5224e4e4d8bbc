//! Verdict types: the status, the rules that decided it, and the nearest change.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::facts::FactValue;
use crate::rule::{Operator, Role, Verification};

/// Overall result for one aid program or service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum VerdictStatus {
    Eligible,
    Ineligible,
    /// Awaiting a decision or data that is not yet produced, such as state approval or
    /// outcome rates.
    Pending,
    /// Data needed by a rule is missing.
    Unknown,
}

/// Result of one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum CheckOutcome {
    Pass,
    Fail,
    /// The fact or the table row is missing.
    Missing,
    /// The fact is awaited.
    Pending,
    /// The rule does not apply to these facts.
    NotApplicable,
}

/// One rule applied to the facts: what was compared, the result and the source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RuleCheck {
    pub rule_id: String,
    pub role: Role,
    pub group: Option<String>,
    pub field: String,
    pub operator: Operator,
    /// Threshold as the rule writes it, for example `600` or `table:snap_gross`.
    pub threshold: String,
    /// Numeric limit after table lookup or arithmetic, when the rule has one.
    pub limit: Option<Decimal>,
    /// Table row the limit came from, in words.
    pub limit_description: Option<String>,
    /// The fact's value; empty when it was missing.
    pub actual: Option<FactValue>,
    pub unit: Option<String>,
    pub outcome: CheckOutcome,
    /// One sentence saying what was compared and why it passed or failed.
    pub explanation: String,
    pub source: Option<String>,
    pub verification: Verification,
    /// Source and verification of the table row, when a table supplied the limit.
    pub table_source: Option<String>,
    pub table_verification: Option<String>,
    /// True when the limit is a projection ahead of publication.
    pub projected: bool,
}

/// One change to the facts that would make a failing rule pass.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub rule_id: String,
    pub field: String,
    pub current: Option<FactValue>,
    /// Nearest passing value, for numeric rules.
    pub target: Option<Decimal>,
    /// `target - current`: negative means lower or shorter, positive means higher or longer.
    pub delta: Option<Decimal>,
    pub unit: Option<String>,
    pub description: String,
}

/// How far a household's income is from one income limit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IncomeMargin {
    pub rule_id: String,
    pub field: String,
    pub limit: Decimal,
    pub income: Decimal,
    /// `limit - income`: zero or more means within the limit, negative means over it.
    pub margin: Decimal,
    pub limit_description: Option<String>,
    pub projected: bool,
}

/// Verdict for one aid program.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AidVerdict {
    pub program: String,
    pub status: VerdictStatus,
    pub as_of: NaiveDate,
    /// Every rule in effect, including those that passed or did not apply.
    pub checks: Vec<RuleCheck>,
    /// Sentences naming the rules that decided the status.
    pub reasons: Vec<String>,
    /// For INELIGIBLE verdicts, the changes that together would make every failing rule
    /// pass; empty otherwise.
    pub what_if: Vec<Change>,
    /// Caveats about the data used: projections, computed or unverified rules.
    pub notices: Vec<String>,
}

/// Verdict for one household service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceVerdict {
    pub service: String,
    pub status: VerdictStatus,
    pub as_of: NaiveDate,
    pub checks: Vec<RuleCheck>,
    pub reasons: Vec<String>,
    /// Categorical eligibility that met the income tests, for example "receives snap (WIC_ADJUNCTIVE)".
    pub categorical_eligibility: Option<String>,
    /// Each income limit that applied and the distance to it.
    pub income_limits: Vec<IncomeMargin>,
    pub what_if: Vec<Change>,
    pub notices: Vec<String>,
}

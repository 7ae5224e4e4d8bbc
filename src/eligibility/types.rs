//! GraphQL output types for verdicts, built from the engine's verdicts.

use std::collections::HashMap;

use async_graphql::{Enum, SimpleObject};
use chrono::NaiveDate;
use ler_eligibility::{AidVerdict, Change, CheckOutcome, FactValue, IncomeMargin, Rule, RuleCheck, ServiceVerdict, VerdictStatus};

use crate::graphql::common::Money;

use super::facts::UsedFact;

/// Overall result for one aid program or service.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
#[graphql(name = "EligibilityStatus")]
pub enum Status {
    Eligible,
    Ineligible,
    /// Awaiting a decision or data that is not produced yet, such as state approval or outcome rates.
    Pending,
    /// Data a rule needs is missing.
    Unknown,
}

impl From<VerdictStatus> for Status {
    fn from(status: VerdictStatus) -> Self {
        match status {
            VerdictStatus::Eligible => Status::Eligible,
            VerdictStatus::Ineligible => Status::Ineligible,
            VerdictStatus::Pending => Status::Pending,
            VerdictStatus::Unknown => Status::Unknown,
        }
    }
}

/// Result of one rule.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
#[graphql(name = "RuleOutcome")]
pub enum Outcome {
    Pass,
    Fail,
    /// The fact or the table row is missing.
    Missing,
    /// The fact is awaited.
    Pending,
    /// The rule does not apply to these facts.
    NotApplicable,
}

impl From<CheckOutcome> for Outcome {
    fn from(outcome: CheckOutcome) -> Self {
        match outcome {
            CheckOutcome::Pass => Outcome::Pass,
            CheckOutcome::Fail => Outcome::Fail,
            CheckOutcome::Missing => Outcome::Missing,
            CheckOutcome::Pending => Outcome::Pending,
            CheckOutcome::NotApplicable => Outcome::NotApplicable,
        }
    }
}

/// One rule applied to the facts.
#[derive(SimpleObject, Clone, Debug)]
pub struct EligibilityRuleCheck {
    pub rule_id: String,
    /// requirement, income_test or categorical_eligibility.
    pub role: String,
    /// `name:branch` when the rule is one of several alternatives.
    pub group: Option<String>,
    /// Fact the rule reads, for example `clock_hours` or `monthly_gross_income`.
    pub field: String,
    /// One of >=, >, <=, <, =, !=, in, not_in.
    pub operator: String,
    /// Threshold as the rule writes it, for example `600` or `table:snap_gross`.
    pub threshold: String,
    /// Numeric limit after table lookup or arithmetic, as a decimal string.
    pub limit: Option<String>,
    /// The limit as money, when the rule's unit is USD.
    pub limit_amount: Option<Money>,
    /// Table row the limit came from, in words.
    pub limit_description: Option<String>,
    /// The fact's value that was compared; empty when it was missing.
    pub compared_value: Option<String>,
    pub unit: Option<String>,
    pub outcome: Outcome,
    /// One sentence saying what was compared and why it passed or failed.
    pub explanation: String,
    /// First day the rule applies (inclusive).
    pub effective_from: Option<NaiveDate>,
    /// Last day the rule applies (inclusive).
    pub effective_to: Option<NaiveDate>,
    pub source: Option<String>,
    /// verified, verified_secondary, partially_verified, computed, projected or unverified.
    pub verification: String,
    pub table_source: Option<String>,
    pub table_verification: Option<String>,
    /// True when the limit is a projection ahead of publication.
    pub projected: bool,
}

/// One change to the facts that would make a failing rule pass.
#[derive(SimpleObject, Clone, Debug)]
pub struct EligibilityChange {
    pub rule_id: String,
    pub field: String,
    pub current: Option<String>,
    /// Nearest passing value, for numeric rules, as a decimal string.
    pub target: Option<String>,
    /// `target - current`: negative means lower, positive means higher.
    pub delta: Option<String>,
    pub unit: Option<String>,
    pub description: String,
}

/// A program fact the verdicts used, and the graph data it came from.
#[derive(SimpleObject, Clone, Debug)]
pub struct EligibilityFact {
    pub field: String,
    pub value: String,
    pub origin: String,
}

/// Verdict for one aid program, such as Workforce Pell or a WIOA Individual Training Account.
#[derive(SimpleObject, Clone, Debug)]
pub struct AidProgramVerdict {
    pub aid_program_id: String,
    pub aid_program_name: Option<String>,
    pub status: Status,
    pub as_of: NaiveDate,
    /// Every rule in effect on `asOf`, including rules that passed or did not apply.
    pub checks: Vec<EligibilityRuleCheck>,
    /// Sentences naming the rules that decided the status.
    pub reasons: Vec<String>,
    /// For INELIGIBLE verdicts, the changes that together would make every failing rule pass.
    pub what_if: Vec<EligibilityChange>,
    /// Caveats about the data used: projections, computed or unverified rules.
    pub notices: Vec<String>,
}

/// Aid program verdicts for one training program.
#[derive(SimpleObject, Clone, Debug)]
pub struct ProgramEligibility {
    /// Natural id of the program, as in `Program.registryId`.
    pub program_id: String,
    pub as_of: NaiveDate,
    /// Program facts read from the graph; facts absent here were missing.
    pub facts: Vec<EligibilityFact>,
    pub verdicts: Vec<AidProgramVerdict>,
}

/// How far the household's income is from one income limit.
#[derive(SimpleObject, Clone, Debug)]
pub struct AppliedIncomeLimit {
    pub rule_id: String,
    pub field: String,
    pub limit: Money,
    pub income: Money,
    /// `limit - income`: zero or more is within the limit, negative is over it.
    pub distance: Money,
    pub within_limit: bool,
    pub description: Option<String>,
    pub projected: bool,
}

/// Verdict for one household service, such as SNAP or WIC.
#[derive(SimpleObject, Clone, Debug)]
pub struct ServiceVerdictOutput {
    pub service_id: String,
    pub service_name: Option<String>,
    pub status: Status,
    pub as_of: NaiveDate,
    pub checks: Vec<EligibilityRuleCheck>,
    pub reasons: Vec<String>,
    /// Categorical eligibility that met the income tests, for example "receives snap (WIC_ADJUNCTIVE)".
    pub categorical_eligibility: Option<String>,
    /// Each income limit that applied and the distance to it.
    pub income_limits: Vec<AppliedIncomeLimit>,
    pub what_if: Vec<EligibilityChange>,
    pub notices: Vec<String>,
}

/// Service verdicts for one household.
#[derive(SimpleObject, Clone, Debug)]
#[graphql(name = "HouseholdEligibility")]
pub struct HouseholdEligibilityOutput {
    pub as_of: NaiveDate,
    pub services: Vec<ServiceVerdictOutput>,
}

/// Formats a decimal amount as US dollars with two fraction digits.
fn usd(amount: impl std::fmt::Display) -> Money {
    Money { amount: format!("{amount:.2}"), currency: "USD".into() }
}

fn fact_text(value: &FactValue) -> String {
    value.to_string()
}

fn snake_case_name(value: impl serde::Serialize) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(text)) => text,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

/// Rules by id, to add effective dates to checks.
pub type RuleIndex<'a> = HashMap<&'a str, &'a Rule>;

pub fn index_rules(rules: &[Rule]) -> RuleIndex<'_> {
    rules.iter().map(|rule| (rule.id.as_str(), rule)).collect()
}

fn check_output(check: &RuleCheck, rules: &RuleIndex) -> EligibilityRuleCheck {
    let rule = rules.get(check.rule_id.as_str());
    let is_money = check.unit.as_deref() == Some("USD");
    EligibilityRuleCheck {
        rule_id: check.rule_id.clone(),
        role: snake_case_name(check.role),
        group: check.group.clone(),
        field: check.field.clone(),
        operator: check.operator.to_string(),
        threshold: check.threshold.clone(),
        limit: check.limit.map(|limit| limit.to_string()),
        limit_amount: check.limit.filter(|_| is_money).map(usd),
        limit_description: check.limit_description.clone(),
        compared_value: check.actual.as_ref().map(fact_text),
        unit: check.unit.clone(),
        outcome: check.outcome.into(),
        explanation: check.explanation.clone(),
        effective_from: rule.and_then(|rule| rule.effective_from),
        effective_to: rule.and_then(|rule| rule.effective_to),
        source: check.source.clone(),
        verification: snake_case_name(check.verification),
        table_source: check.table_source.clone(),
        table_verification: check.table_verification.clone(),
        projected: check.projected,
    }
}

fn change_output(change: &Change) -> EligibilityChange {
    EligibilityChange {
        rule_id: change.rule_id.clone(),
        field: change.field.clone(),
        current: change.current.as_ref().map(fact_text),
        target: change.target.map(|target| target.to_string()),
        delta: change.delta.map(|delta| delta.to_string()),
        unit: change.unit.clone(),
        description: change.description.clone(),
    }
}

fn margin_output(margin: &IncomeMargin) -> AppliedIncomeLimit {
    AppliedIncomeLimit {
        rule_id: margin.rule_id.clone(),
        field: margin.field.clone(),
        limit: usd(margin.limit),
        income: usd(margin.income),
        distance: usd(margin.margin),
        within_limit: !margin.margin.is_sign_negative() || margin.margin.is_zero(),
        description: margin.limit_description.clone(),
        projected: margin.projected,
    }
}

pub fn aid_output(verdict: &AidVerdict, rules: &RuleIndex, names: &HashMap<String, String>) -> AidProgramVerdict {
    AidProgramVerdict {
        aid_program_id: verdict.program.clone(),
        aid_program_name: names.get(&verdict.program).cloned(),
        status: verdict.status.into(),
        as_of: verdict.as_of,
        checks: verdict.checks.iter().map(|check| check_output(check, rules)).collect(),
        reasons: verdict.reasons.clone(),
        what_if: verdict.what_if.iter().map(change_output).collect(),
        notices: verdict.notices.clone(),
    }
}

pub fn service_output(verdict: &ServiceVerdict, rules: &RuleIndex, names: &HashMap<String, String>) -> ServiceVerdictOutput {
    ServiceVerdictOutput {
        service_id: verdict.service.clone(),
        service_name: names.get(&verdict.service).cloned(),
        status: verdict.status.into(),
        as_of: verdict.as_of,
        checks: verdict.checks.iter().map(|check| check_output(check, rules)).collect(),
        reasons: verdict.reasons.clone(),
        categorical_eligibility: verdict.categorical_eligibility.clone(),
        income_limits: verdict.income_limits.iter().map(margin_output).collect(),
        what_if: verdict.what_if.iter().map(change_output).collect(),
        notices: verdict.notices.clone(),
    }
}

pub fn fact_output(fact: &UsedFact) -> EligibilityFact {
    EligibilityFact { field: fact.field.to_string(), value: fact.value.clone(), origin: fact.origin.clone() }
}

//! GraphQL output types of `fastestPathToEmployment`.

use async_graphql::{Enum, SimpleObject};

/// Kind of a pathway step.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum StepKind {
    Program,
    Course,
    Apprenticeship,
}

/// One thing to complete, in the order the pathway takes them.
#[derive(SimpleObject, Clone, Debug)]
pub struct PathwayStep {
    pub kind: StepKind,
    /// Registry id of the program or course.
    pub id: String,
    pub name: Option<String>,
    /// Weeks this step takes after credit reductions.
    pub weeks: f64,
    /// Cost in US dollars after credit reductions.
    pub cost_usd: f64,
    pub weeks_estimated: bool,
    pub cost_estimated: bool,
    /// Source of estimated weeks or cost; null when the record states both.
    pub estimate_basis: Option<String>,
    /// Award level or credential type earned on completion; null for a course.
    pub credential_earned: Option<String>,
    /// Skills the target occupation needs that this step prepares for and the learner lacks.
    pub skills_gained: Vec<String>,
    /// Reason the step is on the pathway and the credit that reduced its weeks, in words.
    pub why: String,
}

/// The occupation a pathway leads to, with annual wages in US dollars.
#[derive(SimpleObject, Clone, Debug)]
pub struct PathwayTarget {
    /// O*NET-SOC code.
    pub code: String,
    pub title: Option<String>,
    /// 10th percentile annual wage.
    pub entry_wage: Option<f64>,
    pub median_wage: Option<f64>,
}

/// An ordered set of steps that ends with a credential opening the target occupation.
#[derive(SimpleObject, Clone, Debug)]
pub struct Pathway {
    /// 1 for the fastest pathway.
    pub rank: i32,
    pub steps: Vec<PathwayStep>,
    pub total_weeks: f64,
    /// Net cost: the sum of step costs after credit reductions, in US dollars.
    pub total_cost_usd: f64,
    /// True when any step's weeks or cost is an estimate.
    pub estimated: bool,
    pub target: PathwayTarget,
}

/// Ranked pathways and a sentence explaining the result, also when it is empty.
#[derive(SimpleObject, Clone, Debug)]
pub struct PathwayResult {
    pub pathways: Vec<Pathway>,
    pub reason: String,
    /// Held ids that match no program, program CTID or course in the registry, so they
    /// count for nothing. Check them for typos.
    pub unknown_held: Vec<String>,
}

impl PathwayResult {
    pub fn empty(reason: impl Into<String>) -> Self {
        Self { pathways: Vec::new(), reason: reason.into(), unknown_held: Vec::new() }
    }
}

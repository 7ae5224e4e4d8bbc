//! `PathwayInput` and its validation.

use async_graphql::{Enum, InputObject};

use super::error::{PathwayError, PathwayResult};

/// Default and maximum number of pathways returned.
pub const DEFAULT_K: i32 = 3;
pub const MAX_K: i32 = 10;

/// Delivery mode of a program.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
pub enum Modality {
    InPerson,
    Online,
    Hybrid,
}

impl Modality {
    /// Returns the value stored on `Program.modality`.
    pub fn stored(self) -> &'static str {
        match self {
            Self::InPerson => "IN_PERSON",
            Self::Online => "ONLINE",
            Self::Hybrid => "HYBRID",
        }
    }
}

/// A learner's starting point, limits and target for `fastestPathToEmployment`.
#[derive(InputObject, Clone, Debug, Default)]
pub struct PathwayInput {
    /// Registry ids of programs and courses already completed, or CTDL CTIDs of credentials
    /// held, for example "ce-8669d5c6-566b-4409-9fff-f09753605d13".
    #[graphql(default)]
    pub held: Vec<String>,
    /// O*NET element ids of skills the learner has, for example "2.B.3.m".
    #[graphql(default)]
    pub skills: Vec<String>,
    /// Two-letter state code; every program taken must state this state.
    pub state: Option<String>,
    /// Maximum total net cost in US dollars.
    pub budget_usd: Option<f64>,
    /// Maximum total weeks.
    pub max_weeks: Option<f64>,
    /// Delivery mode; programs that state no modality are kept.
    pub modality: Option<Modality>,
    /// Credit hours granted for prior learning, applied once along the pathway.
    pub prior_learning_credits: Option<f64>,
    /// Target occupation: SOC 2018, O*NET-SOC 2019 or legacy O*NET-SOC 2010 code.
    pub occupation: Option<String>,
    /// Target any occupation whose median annual wage is at least this, in US dollars.
    pub min_median_wage: Option<f64>,
    /// Number of pathways to return, 1 to 10.
    pub k: Option<i32>,
}

/// The validated input.
#[derive(Debug, Clone)]
pub struct Request {
    pub held: Vec<String>,
    pub skills: Vec<String>,
    pub state: Option<String>,
    pub budget_usd: Option<f64>,
    pub max_weeks: Option<f64>,
    pub modality: Option<Modality>,
    pub prior_learning_credits: f64,
    pub target: Target,
    pub k: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    Occupation(String),
    MinMedianWage(f64),
}

fn non_negative(field: &'static str, value: Option<f64>, unit: &str) -> PathwayResult<Option<f64>> {
    match value {
        Some(v) if !v.is_finite() || v < 0.0 => {
            Err(PathwayError::invalid(field, format!("`{field}` is {v}, but it must be a number of {unit} of 0 or more. Pass a non-negative value, or leave it out for no limit.")))
        }
        other => Ok(other),
    }
}

/// Returns true for a SOC ("51-4121") or O*NET-SOC ("51-4121.00") code shape.
pub fn is_occupation_code(code: &str) -> bool {
    let bytes = code.as_bytes();
    (code.len() == 7 || code.len() == 10)
        && bytes.iter().enumerate().all(|(i, b)| match i {
            2 => *b == b'-',
            7 => *b == b'.',
            _ => b.is_ascii_digit(),
        })
}

impl PathwayInput {
    /// Checks every field and returns the request, or the first invalid field.
    pub fn validate(self) -> PathwayResult<Request> {
        let k = self.k.unwrap_or(DEFAULT_K);
        if !(1..=MAX_K).contains(&k) {
            return Err(PathwayError::invalid("k", format!("`k` is {k}, but it must be between 1 and {MAX_K}. Pass the number of pathways to return, or leave it out for {DEFAULT_K}.")));
        }
        let budget_usd = non_negative("budgetUsd", self.budget_usd, "US dollars")?;
        let max_weeks = non_negative("maxWeeks", self.max_weeks, "weeks")?;
        let prior_learning_credits = non_negative("priorLearningCredits", self.prior_learning_credits, "credit hours")?.unwrap_or(0.0);

        let min_wage = non_negative("minMedianWage", self.min_median_wage, "US dollars")?;
        let occupation = self.occupation.map(|c| c.trim().to_string()).filter(|c| !c.is_empty());
        let target = match (occupation, min_wage) {
            (Some(_), Some(_)) => {
                return Err(PathwayError::invalid("occupation", "Both `occupation` and `minMedianWage` are set. Pass one target: an occupation code, or a minimum median wage."))
            }
            (None, None) => {
                return Err(PathwayError::invalid("occupation", "No target is set. Pass `occupation` (for example \"51-4121\") or `minMedianWage` in US dollars."))
            }
            (Some(code), None) if !is_occupation_code(&code) => {
                return Err(PathwayError::invalid("occupation", format!("The occupation code \"{code}\" is not a SOC or O*NET-SOC code. Use a form such as \"51-4121\" (SOC 2018) or \"51-4121.00\" (O*NET-SOC).")))
            }
            (Some(code), None) => Target::Occupation(code),
            (None, Some(wage)) => Target::MinMedianWage(wage),
        };

        let state = match self.state.map(|s| s.trim().to_string()).filter(|s| !s.is_empty()) {
            Some(s) => match s.parse::<ler_auth::StateCode>() {
                Ok(code) => Some(code.to_string()),
                Err(_) => return Err(PathwayError::invalid("state", format!("`state` is \"{s}\", but it must be a USPS state code such as \"GA\"."))),
            },
            None => None,
        };

        let clean = |items: Vec<String>| items.into_iter().map(|i| i.trim().to_string()).filter(|i| !i.is_empty()).collect::<Vec<_>>();
        let held = clean(self.held).into_iter().map(|id| id.strip_prefix("Program:").or(id.strip_prefix("Course:")).map(str::to_string).unwrap_or(id)).collect();
        Ok(Request {
            held,
            skills: clean(self.skills),
            state,
            budget_usd,
            max_weeks,
            modality: self.modality,
            prior_learning_credits,
            target,
            k: k as usize,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_occupation() -> PathwayInput {
        PathwayInput { occupation: Some("51-4121".into()), ..Default::default() }
    }

    fn field_of(result: PathwayResult<Request>) -> &'static str {
        match result {
            Err(PathwayError::InvalidField { field, .. }) => field,
            other => panic!("expected an invalid field, got {other:?}"),
        }
    }

    #[test]
    fn k_defaults_to_three() {
        let request = with_occupation().validate().unwrap();
        assert_eq!(request.k, 3);
    }

    #[test]
    fn k_outside_range_names_k() {
        assert_eq!(field_of(PathwayInput { k: Some(0), ..with_occupation() }.validate()), "k");
        assert_eq!(field_of(PathwayInput { k: Some(11), ..with_occupation() }.validate()), "k");
    }

    #[test]
    fn negative_budget_names_budget() {
        let input = PathwayInput { budget_usd: Some(-1.0), ..with_occupation() };
        assert_eq!(field_of(input.validate()), "budgetUsd");
    }

    #[test]
    fn malformed_code_names_occupation() {
        let input = PathwayInput { occupation: Some("welder".into()), ..Default::default() };
        assert_eq!(field_of(input.validate()), "occupation");
    }

    #[test]
    fn two_targets_are_rejected() {
        let input = PathwayInput { min_median_wage: Some(40_000.0), ..with_occupation() };
        assert_eq!(field_of(input.validate()), "occupation");
    }

    #[test]
    fn held_global_ids_become_natural() {
        let input = PathwayInput { held: vec!["Program:p-1".into(), " Course:c-1 ".into(), "ce-1".into()], ..with_occupation() };
        let request = input.validate().unwrap();
        assert_eq!(request.held, vec!["p-1", "c-1", "ce-1"]);
    }
}

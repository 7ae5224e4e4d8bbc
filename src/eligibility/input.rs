//! `HouseholdInput` and its conversion to the engine's household profile.

use async_graphql::{Enum, ErrorExtensions, InputObject};
use ler_eligibility::{HouseholdProfile, InputError};
use serde_json::{json, Value};

/// Benefit the household already receives.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
pub enum HouseholdBenefit {
    Snap,
    Tanf,
    Medicaid,
    Ssi,
    VaMeansTested,
    Wic,
    Ccdf,
    Liheap,
}

/// Work or training status of a household member.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq, Default)]
pub enum MemberActivity {
    #[default]
    None,
    Working,
    JobTraining,
    Education,
    JobSearch,
}

impl HouseholdBenefit {
    /// Snake-case name, as the rules write it.
    fn as_str(self) -> &'static str {
        match self {
            Self::Snap => "snap",
            Self::Tanf => "tanf",
            Self::Medicaid => "medicaid",
            Self::Ssi => "ssi",
            Self::VaMeansTested => "va_means_tested",
            Self::Wic => "wic",
            Self::Ccdf => "ccdf",
            Self::Liheap => "liheap",
        }
    }
}

impl MemberActivity {
    /// Snake-case name, as the engine writes it.
    fn as_str(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Working => "working",
            Self::JobTraining => "job_training",
            Self::Education => "education",
            Self::JobSearch => "job_search",
        }
    }
}

/// One household member.
#[derive(InputObject, Clone, Debug)]
pub struct MemberInput {
    pub age_years: i32,
    #[graphql(default)]
    pub pregnant: bool,
    /// Expected babies of a pregnant member, counted in the WIC household size.
    #[graphql(default)]
    pub unborn_children: i32,
    /// Months since this member gave birth.
    pub months_since_delivery: Option<i32>,
    #[graphql(default)]
    pub breastfeeding: bool,
    #[graphql(default)]
    pub disabled: bool,
    #[graphql(default)]
    pub activity: MemberActivity,
}

/// A household profile. Amounts are US dollars as decimal strings, for example "2888.00",
/// and incomes are per month.
#[derive(InputObject, Clone, Debug)]
pub struct HouseholdInput {
    /// Two-letter code of one of the 50 states or DC.
    pub state: String,
    /// People who live together and buy and prepare food together.
    pub household_size: i32,
    pub monthly_gross_income: String,
    /// Gross income minus allowable deductions; needed for the SNAP net test.
    pub monthly_net_income: Option<String>,
    /// Cash and bank balances; empty skips the asset tests.
    pub countable_resources: Option<String>,
    /// Either empty or one entry per member.
    #[graphql(default)]
    pub members: Vec<MemberInput>,
    #[graphql(default)]
    pub current_benefits: Vec<HouseholdBenefit>,
}

/// An invalid household input: the message names the field and the fix.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct HouseholdInputError {
    pub field: String,
    pub message: String,
}

impl HouseholdInputError {
    pub fn code(&self) -> &'static str {
        "BAD_USER_INPUT"
    }

    /// Converts to a GraphQL error with `extensions.code` and `extensions.field`.
    pub fn to_graphql(&self) -> async_graphql::Error {
        let field = self.field.clone();
        let code = self.code();
        async_graphql::Error::new(self.message.clone()).extend_with(|_, ext| {
            ext.set("code", code);
            ext.set("field", field);
        })
    }
}

impl From<InputError> for HouseholdInputError {
    fn from(error: InputError) -> Self {
        Self { field: error.field().to_string(), message: error.to_string() }
    }
}

/// Checks that `text` is a plain decimal such as `1234`, `1234.5` or `-3.00`.
fn check_decimal(field: &str, text: &str) -> Result<Value, HouseholdInputError> {
    let trimmed = text.trim();
    let digits = trimmed.strip_prefix('-').unwrap_or(trimmed);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let valid = !whole.is_empty() && whole.chars().all(|c| c.is_ascii_digit()) && fraction.chars().all(|c| c.is_ascii_digit()) && whole.len() <= 12;
    if !valid {
        return Err(HouseholdInputError {
            field: field.to_string(),
            message: format!("{field} `{text}` is not a decimal amount; write US dollars such as 2888 or 2888.50"),
        });
    }
    Ok(Value::from(trimmed))
}

impl HouseholdInput {
    /// Converts the input to a profile. Amount formats are checked here; ranges, sizes
    /// and the state are checked by [`HouseholdProfile::validate`].
    pub fn to_profile(&self) -> Result<HouseholdProfile, HouseholdInputError> {
        let gross = check_decimal("monthlyGrossIncome", &self.monthly_gross_income)?;
        let net = self.monthly_net_income.as_deref().map(|text| check_decimal("monthlyNetIncome", text)).transpose()?;
        let resources = self.countable_resources.as_deref().map(|text| check_decimal("countableResources", text)).transpose()?;
        let members: Vec<Value> = self
            .members
            .iter()
            .map(|member| {
                json!({
                    "age_years": member.age_years,
                    "pregnant": member.pregnant,
                    "unborn_children": member.unborn_children,
                    "months_since_delivery": member.months_since_delivery,
                    "breastfeeding": member.breastfeeding,
                    "disabled": member.disabled,
                    "activity": member.activity.as_str(),
                })
            })
            .collect();
        let benefits: Vec<String> = self.current_benefits.iter().map(|benefit| benefit.as_str().to_string()).collect();
        let profile = json!({
            "state": self.state,
            "household_size": self.household_size,
            "monthly_gross_income": gross,
            "monthly_net_income": net,
            "countable_resources": resources,
            "members": members,
            "current_benefits": benefits,
        });
        let profile: HouseholdProfile = serde_json::from_value(profile).map_err(|error| HouseholdInputError {
            field: "input".to_string(),
            message: format!("The household input could not be read: {error}. Check the amounts and enum values."),
        })?;
        profile.validate()?;
        Ok(profile)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn household(gross: &str) -> HouseholdInput {
        HouseholdInput {
            state: "NJ".into(),
            household_size: 3,
            monthly_gross_income: gross.into(),
            monthly_net_income: None,
            countable_resources: None,
            members: Vec::new(),
            current_benefits: vec![HouseholdBenefit::VaMeansTested],
        }
    }

    #[test]
    fn profile_converts_amounts_and_benefits() {
        let profile = household("2888.00").to_profile().unwrap();
        assert_eq!(profile.monthly_gross_income.to_string(), "2888.00");
        assert_eq!(profile.current_benefits, vec![ler_eligibility::Benefit::VaMeansTested]);
    }

    #[test]
    fn text_amount_names_field() {
        let error = household("12k").to_profile().unwrap_err();
        assert_eq!(error.field, "monthlyGrossIncome");
        assert!(error.message.contains("12k"), "{}", error.message);
    }

    #[test]
    fn negative_amount_names_field() {
        let error = household("-1").to_profile().unwrap_err();
        assert_eq!(error.field, "monthlyGrossIncome");
    }
}

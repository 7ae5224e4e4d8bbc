//! Errors for invalid household profiles and program facts.

use thiserror::Error;

/// A profile or program fact that cannot be evaluated. Field names are the GraphQL
/// (camelCase) names, with member indexes from 0.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum InputError {
    #[error("{field} is {value}, but it cannot be negative; enter 0 or a positive amount")]
    Negative { field: String, value: String },
    #[error("{field} is {value}, but it must be between {min} and {max}")]
    OutOfRange {
        field: String,
        value: String,
        min: String,
        max: String,
    },
    #[error("{field} is {value}, which has more than 2 decimal places; round it to cents")]
    TooPrecise { field: String, value: String },
    #[error("householdSize is 0; count every person who lives and buys food together, at least 1")]
    EmptyHousehold,
    #[error("{field} `{value}` is not a supported state; use a two-letter code of the 50 states or DC, such as TN")]
    UnknownState { field: String, value: String },
    #[error("{field} `{value}` is a territory, which the income tables do not cover; only the 50 states and DC are supported")]
    UnsupportedTerritory { field: String, value: String },
    #[error("monthlyNetIncome ({net}) is greater than monthlyGrossIncome ({gross}); net income is gross income minus deductions")]
    NetAboveGross { net: String, gross: String },
    #[error("members lists {members} people but householdSize is {household_size}; list every member or none")]
    MemberCountMismatch { members: usize, household_size: i32 },
    #[error("{field} is set but the member is not pregnant; set pregnant to true or unbornChildren to 0")]
    UnbornWithoutPregnancy { field: String },
    #[error("{field} is true but monthsSinceDelivery is empty; enter the months since the baby was born")]
    BreastfeedingWithoutDelivery { field: String },
}

/// Error of [`crate::evaluate_household`] for an invalid profile.
pub type ProfileError = InputError;

impl InputError {
    /// GraphQL `extensions.code` for this error; every variant is a bad user input.
    pub fn code(&self) -> &'static str {
        "BAD_USER_INPUT"
    }

    /// Returns the invalid input field as a GraphQL path such as `members[1].ageYears`.
    pub fn field(&self) -> &str {
        match self {
            InputError::Negative { field, .. }
            | InputError::OutOfRange { field, .. }
            | InputError::TooPrecise { field, .. }
            | InputError::UnknownState { field, .. }
            | InputError::UnsupportedTerritory { field, .. }
            | InputError::UnbornWithoutPregnancy { field }
            | InputError::BreastfeedingWithoutDelivery { field } => field,
            InputError::EmptyHousehold | InputError::MemberCountMismatch { .. } => "householdSize",
            InputError::NetAboveGross { .. } => "monthlyNetIncome",
        }
    }
}

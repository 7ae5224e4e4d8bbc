//! Errors of the mobility queries and the export.

use crate::error::{ApiError, ErrorCode};
use crate::graph::GraphError;

/// Largest `maxHops` accepted: the number of paths grows about 25-fold per hop.
pub const MAX_HOPS: i32 = 4;
/// Largest `first` accepted.
pub const MAX_FIRST: i32 = 100;

#[derive(Debug, thiserror::Error)]
pub enum MobilityError {
    #[error("`maxHops` is {0}, outside 1 to {MAX_HOPS}. Pass a number of hops from 1 to {MAX_HOPS}.")]
    MaxHops(i32),
    #[error("`first` is {0}, outside 1 to {MAX_FIRST}. Pass a page size from 1 to {MAX_FIRST}.")]
    First(i32),
    #[error("`minWageGain` is {0}, which is not a finite number. Pass a gain in US dollars per year, for example 5000.")]
    MinWageGain(f64),
    #[error("`from` and `to` are both \"{0}\". Pass two different occupations, or omit `to` to list every destination.")]
    SameOccupation(String),
    #[error("No occupation has the code \"{code}\" given as `{field}`. Check the code against SOC 2018 or O*NET-SOC, or find it with `search(text:)`.")]
    UnknownOccupation { field: &'static str, code: String },
    #[error(transparent)]
    Graph(#[from] GraphError),
}

impl MobilityError {
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::MaxHops(_) | Self::First(_) | Self::MinWageGain(_) | Self::SameOccupation(_) => ErrorCode::BadUserInput,
            Self::UnknownOccupation { .. } => ErrorCode::NotFound,
            Self::Graph(_) => ErrorCode::Internal,
        }
    }
}

impl From<MobilityError> for ApiError {
    fn from(error: MobilityError) -> Self {
        match error {
            MobilityError::Graph(graph) => ApiError::from(graph),
            other => ApiError { code: other.code(), message: other.to_string() },
        }
    }
}

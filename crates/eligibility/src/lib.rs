//! Eligibility rules as data, and verdicts with reasons.
//!
//! Rules ([`Rule`]) are rows: a field, an operator, a threshold, a unit, effective dates,
//! a source and a verification status. Changing a limit means changing a row in
//! `seeds/domain/rules.csv` (or the graph node loaded from it), never this code. Income
//! limits that vary by household size and date live in [`Tables`].
//!
//! - [`evaluate_program`] gives one [`AidVerdict`] per aid program from [`ProgramFacts`].
//! - [`evaluate_household`] gives one [`ServiceVerdict`] per service from a
//!   [`HouseholdProfile`], or a [`ProfileError`] naming the invalid field.
//!
//! The crate does no I/O apart from the loaders in [`load`].

mod check;
mod engine;
pub mod error;
pub mod facts;
pub mod household;
pub mod load;
mod program;
pub mod rule;
mod service;
pub mod states;
pub mod tables;
pub mod verdict;
mod whatif;

pub use error::{InputError, ProfileError};
pub use facts::{AwardLevel, DeliveryMode, FactValue, Facts, ProgramFacts};
pub use household::{Activity, Benefit, HouseholdProfile, Member};
pub use load::{load_rules, load_tables, parse_rules, LoadError};
pub use program::evaluate_program;
pub use rule::{Operator, Role, Rule, SubjectKind, Threshold, Verification, WhenMissing};
pub use service::{evaluate_household, LISTED_SERVICES};
pub use tables::{Region, TableLimit, TableName, TableRef, Tables};
pub use verdict::{
    AidVerdict, Change, CheckOutcome, IncomeMargin, RuleCheck, ServiceVerdict, VerdictStatus,
};

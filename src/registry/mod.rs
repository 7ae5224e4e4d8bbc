//! Record registration: create, update, retire and verify programs, courses, providers,
//! opportunities, services and regional wages, with optimistic concurrency on `version`
//! and an audit event per write.

pub mod audit;
pub mod error;
pub mod input;
pub mod kind;
pub mod mutation;
pub mod opportunity;
pub mod query;
pub mod service;
pub mod status;
pub mod validate;
pub mod write;

pub use mutation::RegistryMutation;
pub use query::RegistryQuery;
pub use status::{RecordState, VerificationStatus};

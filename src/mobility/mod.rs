//! Career mobility: skill similarity edges between occupations, the `mobilityPaths` query
//! and the transition export. The method and its limits are documented in `docs/mobility.md`.

pub mod error;
pub mod export;
pub mod graphql;
pub mod paths;
pub mod similarity;
pub mod store;

pub use error::MobilityError;
pub use graphql::MobilityQuery;
pub use similarity::seed_similarity;

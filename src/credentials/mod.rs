//! Verifiable credentials in the graph: issuer keys and `did:web` documents, OBv3
//! issuance, status lists, verification, and their GraphQL and HTTP surfaces.

pub mod cypher;
pub mod error;
pub mod graphql;
pub mod issue;
pub mod keys;
pub mod learner;
pub mod learner_graphql;
pub mod records;
pub mod routes;
pub mod service;
pub mod status;
pub mod store;
pub mod verify;
pub mod wallet;

pub use graphql::{CredentialsMutation, CredentialsQuery};
pub use service::{CredentialService, CredentialSettings};

//! ler-registry: a national credential registry served as a GraphQL API over Neo4j.
//!
//! The binary in `main.rs` is a thin CLI over this library; the black-box tests build the
//! same HTTP app through [`http::start`] on a free port.

pub mod auth;
pub mod cache;
pub mod catalog;
pub mod config;
pub mod eligibility;
pub mod generate;
pub mod credentials;
pub mod error;
pub mod graph;
pub mod graphql;
pub mod http;
pub mod mobility;
pub mod registry;
pub mod pathways;
pub mod seed;
pub mod telemetry;

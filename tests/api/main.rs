//! Black-box tests of the GraphQL API against the real, seeded Neo4j.

mod helpers;

mod cache;
mod credentials;
mod dataloader;
mod eligibility;
mod graphql_http;
mod limits;
mod lists;
mod catalog;
mod lookups;
mod mobility;
mod occupation;
mod registration;
mod roles;
mod pathways;

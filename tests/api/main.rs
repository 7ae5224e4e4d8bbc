//! Black-box tests of the GraphQL API against the real, seeded Neo4j.

mod helpers;

mod dataloader;
mod graphql_http;
mod limits;
mod lists;
mod catalog;
mod lookups;
mod occupation;
mod pathways;

//! Black-box tests of the GraphQL API against the real, seeded Neo4j.

mod helpers;

mod credentials;
mod dataloader;
mod graphql_http;
mod limits;
mod lists;
mod lookups;
mod occupation;

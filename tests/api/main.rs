//! Black-box tests of the GraphQL API against the real, seeded Neo4j.

mod fixtures;
mod helpers;

mod cache;
mod credentials;
mod dataloader;
mod eligibility;
mod federation;
mod graphql_http;
mod limits;
mod lists;
mod catalog;
mod lookups;
mod mobility;
mod occupation;
mod registration;
mod roles;
mod services;
mod pathways;
mod pathways_fastest;
mod pathways_fixture;
mod pathways_bolt;
mod pathways_links;
mod pathways_plans;
mod pathways_seeded;

//! The GraphQL schema: types, queries, dataloaders and request limits.

pub mod common;
pub mod connection;
pub mod federation;
pub mod lists;
pub mod loaders;
pub mod node;
pub mod occupation;
pub mod program;
pub mod query;
pub mod records;
pub mod skill;

use async_graphql::{EmptySubscription, MergedObject, Schema};

use crate::config::Limits;
use crate::graph::Graph;

/// The query root: one part per feature module, merged into one type.
#[derive(MergedObject, Default)]
pub struct Query(
    query::CoreQuery,
    crate::eligibility::EligibilityQuery,
    crate::registry::RegistryQuery,
    crate::registry::service::ServiceQuery,
    crate::catalog::graphql::CatalogQuery,
    crate::pathways::PathwaysQuery,
    crate::credentials::CredentialsQuery,
    federation::FederationQuery,
    crate::mobility::MobilityQuery,
);

/// The mutation root: one part per feature module, merged into one type.
#[derive(MergedObject, Default)]
pub struct Mutation(
    crate::registry::RegistryMutation,
    crate::catalog::graphql::CatalogMutation,
    crate::credentials::CredentialsMutation,
    crate::pathways::PathwaysMutation,
);

pub type RegistrySchema = Schema<Query, Mutation, EmptySubscription>;

/// Builds the schema with the request limits applied before execution.
pub fn build_schema(graph: Graph, limits: &Limits, credentials: Option<crate::credentials::CredentialService>) -> RegistrySchema {
    let mut builder = Schema::build(Query::default(), Mutation::default(), EmptySubscription)
        .enable_federation()
        .data(crate::catalog::course::CatalogLoaders::new(&graph))
        .data(graph);
    if let Some(credentials) = credentials {
        builder = builder.data(credentials);
    }
    builder
        .limit_depth(limits.max_depth)
        .limit_complexity(limits.max_complexity)
        .limit_recursive_depth(64)
        .finish()
}

/// Builds the schema without a graph connection, for printing the SDL.
pub fn sdl() -> String {
    Schema::build(Query::default(), Mutation::default(), EmptySubscription).enable_federation().finish().sdl()
}

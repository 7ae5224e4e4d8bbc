//! Apollo Federation v2 subgraph support: entity resolvers keyed by natural ids, so a
//! gateway can join these records with fields that other subgraphs (a state portal, for
//! example) add to them.
//!
//! async-graphql 7.2 serves `_service { sdl }` and `_entities` itself once the schema is
//! built with `enable_federation()`. Its SDL links federation v2.5 and prints one `@key`
//! per entity resolver below. `_entities` resolves every representation concurrently, so
//! the loaders batch them into one Cypher statement per loader.

use async_graphql::{Context, EmptySubscription, Object, Schema, SDLExportOptions};

use super::loaders::Loaders;
use crate::auth::principal;
use crate::catalog::course::Course;
use crate::registry::opportunity::{is_visible, Opportunity};
use crate::registry::service::Service;
use super::occupation::Occupation;
use super::program::{Program, Provider};
use super::skill::Skill;
use super::{Mutation, Query};

/// Entity resolvers. Each returns `None` for an unknown key, so `_entities` returns `null` at
/// that position while the other representations still resolve.
///
/// NOTE: a representation whose `__typename` is not an entity here, or that lacks every key
/// field, fails the whole `_entities` field with "Entity not found." because async-graphql
/// 7.2 resolves the list with one `try_join_all`.
#[derive(Default)]
pub struct FederationQuery;

#[Object]
impl FederationQuery {
    /// `Program @key(fields: "registryId")`.
    #[graphql(entity)]
    async fn find_program_by_registry_id(&self, ctx: &Context<'_>, registry_id: String) -> async_graphql::Result<Option<Program>> {
        let loaders = ctx.data_unchecked::<Loaders>();
        Ok(loaders.programs.load_one(registry_id).await?.map(Program))
    }

    /// `Provider @key(fields: "registryId")`.
    #[graphql(entity)]
    async fn find_provider_by_registry_id(&self, ctx: &Context<'_>, registry_id: String) -> async_graphql::Result<Option<Provider>> {
        let loaders = ctx.data_unchecked::<Loaders>();
        Ok(loaders.providers.load_one(registry_id).await?.map(Provider))
    }

    /// `Occupation @key(fields: "onetSocCode")`: one O*NET-SOC 2019 occupation.
    #[graphql(entity)]
    async fn find_occupation_by_onet_soc_code(&self, ctx: &Context<'_>, onet_soc_code: String) -> async_graphql::Result<Option<Occupation>> {
        let loaders = ctx.data_unchecked::<Loaders>();
        Ok(loaders.occupations.load_one(onet_soc_code).await?.map(Occupation))
    }

    /// `Occupation @key(fields: "socCode")`. A SOC 2018 code can cover several O*NET-SOC
    /// occupations, so this resolves to the lowest O*NET-SOC code under it ("51-4121" to
    /// "51-4121.00"), the same choice `occupation(code:)` makes.
    #[graphql(entity)]
    async fn find_occupation_by_soc_code(&self, ctx: &Context<'_>, soc_code: String) -> async_graphql::Result<Option<Occupation>> {
        let loaders = ctx.data_unchecked::<Loaders>();
        Ok(loaders.occupations_by_soc.load_one(soc_code).await?.map(Occupation))
    }

    /// `Course @key(fields: "id")`. A draft course resolves only for its provider.
    #[graphql(entity)]
    async fn find_course_by_id(&self, ctx: &Context<'_>, id: String) -> async_graphql::Result<Option<Course>> {
        let loaders = ctx.data_unchecked::<Loaders>();
        let record = loaders.courses.load_one(id).await?;
        Ok(record.filter(|r| r.visible_to(principal(ctx))).map(Course))
    }

    /// `Opportunity @key(fields: "registryId")`. A CLOSED post outside the caller's
    /// audience resolves to null, as `opportunity(id:)` does.
    #[graphql(entity)]
    async fn find_opportunity_by_registry_id(&self, ctx: &Context<'_>, registry_id: String) -> async_graphql::Result<Option<Opportunity>> {
        let loaders = ctx.data_unchecked::<Loaders>();
        let node = loaders.opportunities.load_one(registry_id).await?;
        Ok(node.filter(|n| is_visible(principal(ctx), n)).map(Opportunity))
    }

    /// `Service @key(fields: "id")`.
    #[graphql(entity)]
    async fn find_service_by_id(&self, ctx: &Context<'_>, id: String) -> async_graphql::Result<Option<Service>> {
        Ok(ctx.data_unchecked::<Loaders>().services.load_one(id).await?)
    }

    /// `Skill @key(fields: "elementId")`.
    #[graphql(entity)]
    async fn find_skill_by_element_id(&self, ctx: &Context<'_>, element_id: String) -> async_graphql::Result<Option<Skill>> {
        let loaders = ctx.data_unchecked::<Loaders>();
        Ok(loaders.skills.load_one(element_id).await?.map(Skill))
    }
}

/// Builds the subgraph SDL exactly as `_service { sdl }` returns it, for composition
/// without a running server.
pub fn subgraph_sdl() -> String {
    Schema::build(Query::default(), Mutation::default(), EmptySubscription)
        .enable_federation()
        .finish()
        .sdl_with_options(SDLExportOptions::new().federation().compose_directive())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn type_line(sdl: &str, name: &str) -> String {
        let start = format!("type {name} ");
        sdl.lines().find(|l| l.starts_with(&start)).unwrap_or_else(|| panic!("no `{start}` line in:\n{sdl}")).to_string()
    }

    #[test]
    fn subgraph_sdl_links_federation_v2() {
        let sdl = subgraph_sdl();

        assert_eq!(sdl.matches("@link(").count(), 1, "{sdl}");
        assert!(sdl.contains("url: \"https://specs.apollo.dev/federation/v2."), "{sdl}");
        assert!(sdl.contains("\"@key\""), "{sdl}");
        assert!(sdl.contains("\"@shareable\""), "{sdl}");
    }

    #[test]
    fn subgraph_sdl_keys_entities_by_natural_id() {
        let sdl = subgraph_sdl();

        assert!(type_line(&sdl, "Program").contains("@key(fields: \"registryId\")"));
        assert!(type_line(&sdl, "Provider").contains("@key(fields: \"registryId\")"));
        assert!(type_line(&sdl, "Skill").contains("@key(fields: \"elementId\")"));
    }

    #[test]
    fn subgraph_sdl_keys_occupation_twice() {
        let occupation = type_line(&subgraph_sdl(), "Occupation");

        assert!(occupation.contains("@key(fields: \"socCode\")"), "{occupation}");
        assert!(occupation.contains("@key(fields: \"onetSocCode\")"), "{occupation}");
    }

    #[test]
    fn subgraph_sdl_hides_federation_fields() {
        let sdl = subgraph_sdl();

        assert!(!sdl.contains("_entities"), "{sdl}");
        assert!(!sdl.contains("_service"), "{sdl}");
        assert!(!sdl.contains("schema {"), "{sdl}");
    }

    #[test]
    fn subgraph_sdl_marks_value_types_shareable() {
        let sdl = subgraph_sdl();

        assert!(type_line(&sdl, "Money").contains("@shareable"), "{sdl}");
        assert!(type_line(&sdl, "Code").contains("@shareable"), "{sdl}");
    }
}

//! Pathways through programs: the stack structure (derived `STACKS_INTO` links, program
//! stages, CTDL prerequisite links and links entered through the API), `stackability`
//! and `fastestPathToEmployment`. The rules are documented in `docs/pathways.md`.

pub mod ctdl;
pub mod error;
pub mod estimate;
pub mod fastest;
pub mod input;
pub mod link;
pub mod rank;
pub mod stack;
pub mod types;

use async_graphql::{Context, Object};
use serde::Deserialize;

use crate::cache::RequestTags;
use crate::error::ApiError;
use crate::graphql::loaders::Loaders;
use crate::graph::{Graph, GraphError, Statement};
use error::run;

pub use input::PathwayInput;
pub use link::PathwaysMutation;
pub use stack::Stackability;
pub use types::PathwayResult;

const DERIVE_STACKS: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/cypher/pathways/derive_stacks.cypher"));
const SCHEMA: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/cypher/pathways/schema.cypher"));

/// Rebuilds the derived stack links and stages of one provider's programs, and returns
/// the number of derived links.
pub async fn derive_stacks(graph: &Graph, provider_id: &str) -> Result<i64, GraphError> {
    #[derive(Deserialize)]
    struct Row {
        links: i64,
    }
    let statement = Statement::new("pathways_derive_stacks", DERIVE_STACKS).param("providerId", provider_id);
    let row: Option<Row> = graph.row(statement).await?;
    Ok(row.map_or(0, |r| r.links))
}

/// Applies the indexes pathway queries seek on. Each statement is idempotent.
pub async fn apply_schema(graph: &Graph) -> Result<(), GraphError> {
    for line in SCHEMA.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with("//")) {
        graph.run(Statement::new("pathways_schema", line)).await?;
    }
    Ok(())
}

/// Pathway queries.
#[derive(Default)]
pub struct PathwaysQuery;

#[Object]
impl PathwaysQuery {
    /// Returns the transitive stack of a program: programs above it (UP) and below it (DOWN)
    /// over at most 8 links, with stages, carried credit and the occupations each level opens.
    /// Null when no program has the id, or when it is a draft of a provider the caller does
    /// not act for.
    // NOTE: a cached response is invalidated when a program it lists changes or is linked,
    // but not when a link adds a program it did not list.
    async fn stackability(&self, ctx: &Context<'_>, program_id: String) -> async_graphql::Result<Option<Stackability>> {
        let graph = ctx.data_unchecked::<Graph>();
        let id = program_id.trim();
        let id = id.strip_prefix("Program:").unwrap_or(id);
        let Some(stack) = run(stack::stackability(graph, id)).await? else { return Ok(None) };
        let stack = match ctx.data_opt::<Loaders>() {
            Some(loaders) => visible_stack(loaders, stack).await?,
            None => Some(stack),
        };
        if let (Some(tags), Some(stack)) = (ctx.data_opt::<RequestTags>(), &stack) {
            tags.read("Program", &stack.program_ids());
        }
        Ok(stack)
    }

    /// Finds up to `k` pathways from the learner's completed programs, courses and
    /// credentials to a target occupation, ranked by total weeks, then net cost. An unreachable target returns no pathways and a reason,
    /// not an error.
    async fn fastest_path_to_employment(&self, ctx: &Context<'_>, input: PathwayInput) -> async_graphql::Result<PathwayResult> {
        run(async {
            let graph = ctx.data_unchecked::<Graph>();
            let request = input.validate()?;
            let result = fastest::fastest_paths(graph, &request).await?;
            if let Some(tags) = ctx.data_opt::<RequestTags>() {
                let steps: Vec<&types::PathwayStep> = result.pathways.iter().flat_map(|p| &p.steps).collect();
                let ids_of = |course: bool| steps.iter().filter(|s| (s.kind == types::StepKind::Course) == course).map(|s| s.id.clone()).collect::<Vec<_>>();
                tags.read("Program", &ids_of(false));
                tags.read("Course", &ids_of(true));
            }
            Ok(result)
        })
        .await
    }
}

/// Removes the programs the caller may not see (drafts of other providers) from a stack;
/// None when the caller may not see the program itself.
async fn visible_stack(loaders: &Loaders, mut stack: Stackability) -> Result<Option<Stackability>, ApiError> {
    let visible = loaders.programs.load_many(stack.program_ids()).await?;
    if !visible.contains_key(&stack.program.id) {
        return Ok(None);
    }
    stack.up.retain(|level| visible.contains_key(&level.id));
    stack.down.retain(|level| visible.contains_key(&level.id));
    Ok(Some(stack))
}

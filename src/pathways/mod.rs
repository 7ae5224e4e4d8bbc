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
    /// The transitive stack of a program: programs above it (UP) and below it (DOWN) over
    /// at most 8 links, with stages, carried credit and the occupations each level opens.
    /// Null when no program has the id.
    async fn stackability(&self, ctx: &Context<'_>, program_id: String) -> async_graphql::Result<Option<Stackability>> {
        run(async {
            let graph = ctx.data_unchecked::<Graph>();
            let id = program_id.trim();
            let id = id.strip_prefix("Program:").unwrap_or(id);
            stack::stackability(graph, id).await
        })
        .await
    }

    /// Up to `k` pathways from what the learner holds to a target occupation, ranked by
    /// total weeks, then net cost. An unreachable target returns no pathways and a reason,
    /// not an error.
    async fn fastest_path_to_employment(&self, ctx: &Context<'_>, input: PathwayInput) -> async_graphql::Result<PathwayResult> {
        run(async {
            let graph = ctx.data_unchecked::<Graph>();
            let request = input.validate()?;
            fastest::fastest_paths(graph, &request).await
        })
        .await
    }
}

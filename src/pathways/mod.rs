//! Stack structure of programs: derived `STACKS_INTO` links, program stages and the
//! `stackability` query. The derivation rule is documented in `docs/pathways.md`.

use async_graphql::{Context, Object, SimpleObject};
use serde::Deserialize;

use crate::error::ApiError;
use crate::graph::{Graph, GraphError, Statement};

const DERIVE_STACKS: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/cypher/pathways/derive_stacks.cypher"));
const STACKABILITY: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/cypher/pathways/stackability.cypher"));

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

/// One program in the stack of another, with the link that connects it.
#[derive(SimpleObject, Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
pub struct StackStep {
    /// UP for programs this one stacks into, DOWN for programs that stack into it.
    pub direction: String,
    /// Stack links between the two programs.
    pub hops: i64,
    pub id: String,
    pub name: Option<String>,
    pub award_level: Option<String>,
    pub stage: Option<String>,
    pub credit_hours: Option<f64>,
    pub weeks: Option<f64>,
    pub cost_usd: Option<f64>,
    /// Registry id of the program the nearest link starts at.
    pub link_from: String,
    /// Registry id of the program the nearest link ends at.
    pub link_to: String,
    /// Credit hours of the courses both linked programs contain.
    pub credit_carried: Option<f64>,
    /// Derivation rule and its values, in words.
    pub derivation: Option<String>,
}

/// Pathway queries.
#[derive(Default)]
pub struct PathwaysQuery;

#[Object]
impl PathwaysQuery {
    /// Programs a program stacks into (UP) and programs that stack into it (DOWN),
    /// up to 4 links away, ordered by direction, distance and id.
    async fn stackability(&self, ctx: &Context<'_>, program_id: String) -> async_graphql::Result<Vec<StackStep>> {
        let graph = ctx.data_unchecked::<Graph>();
        let id = program_id.trim().strip_prefix("Program:").unwrap_or(program_id.trim()).to_string();
        let statement = Statement::new("pathways_stackability", STACKABILITY).param("programId", id);
        let rows: Vec<StackStep> = graph.rows(statement).await.map_err(ApiError::from)?;
        Ok(rows)
    }
}

//! Support services (SNAP, WIC, TANF, child care, transportation, housing and local
//! services) as records: the seeded benefit programs with their eligibility rules, and the
//! services providers register.

use std::collections::HashMap;

use async_graphql::dataloader::Loader;
use async_graphql::{ComplexObject, Context, OutputType, SimpleObject, ID};
use serde::Deserialize;
use serde_json::json;

use super::input::{enum_name, ServiceKind};
use super::status::RecordState;
use crate::cache::RequestTags;
use crate::error::ApiError;
use crate::graph::{cypher, Graph, Statement};
use crate::graphql::connection::{graph, page_size};
use crate::graphql::lists::state_code;
use crate::graphql::loaders::Loaders;
use crate::graphql::records::NodeRow;

/// One eligibility rule of a service, as stored in the graph.
#[derive(SimpleObject, Deserialize, Clone, Debug)]
#[serde(rename_all = "camelCase")]
pub struct ServiceRule {
    pub id: String,
    /// Household field the rule reads, for example `monthly_gross_income`.
    pub field: Option<String>,
    pub operator: Option<String>,
    pub threshold: Option<String>,
    pub unit: Option<String>,
    pub source: Option<String>,
    /// verified, verified_secondary, partially_verified, computed, projected or unverified.
    pub verification: Option<String>,
    pub effective_from: Option<String>,
    pub effective_to: Option<String>,
}

/// A support service a learner's household may use while training.
#[derive(SimpleObject, Deserialize, Clone, Debug)]
#[serde(rename_all = "camelCase")]
#[graphql(complex)]
pub struct Service {
    /// Registry id, for example "snap" or "svc-…".
    pub id: String,
    pub name: Option<String>,
    /// SNAP, TANF, WIC, CCDF, TRANSPORTATION or HOUSING for registered services.
    pub kind: Option<String>,
    pub description: Option<String>,
    /// Two-letter state the service covers; empty for federal programs.
    pub state: Option<String>,
    pub url: Option<String>,
    /// Registry id of the provider that registered the service.
    pub provider_id: Option<String>,
    #[serde(default)]
    #[graphql(skip)]
    pub version: Option<i64>,
    /// Eligibility rules, in the order the calculator applies them.
    #[serde(default)]
    pub rules: Vec<ServiceRule>,
    #[graphql(skip)]
    pub verification_status: Option<String>,
    #[graphql(skip)]
    pub retired_at: Option<String>,
}

#[ComplexObject]
impl Service {
    #[graphql(flatten)]
    async fn record_state(&self) -> RecordState {
        RecordState::from_stored(self.version, self.verification_status.as_deref(), self.retired_at.is_some())
    }
}

/// Loads services by registry id with their rules, one statement per batch.
pub struct ServiceLoader(pub Graph, pub RequestTags);

impl Loader<String> for ServiceLoader {
    type Value = Service;
    type Error = ApiError;

    async fn load(&self, keys: &[String]) -> Result<HashMap<String, Service>, ApiError> {
        self.1.read("Service", keys);
        let statement = Statement::new("services_by_key", cypher::SERVICES_BY_KEY).json_param("keys", &json!(keys));
        let rows: Vec<NodeRow<Service>> = self.0.rows(statement).await?;
        Ok(rows.into_iter().map(|row| (row.node.id.clone(), row.node)).collect())
    }
}

#[derive(Deserialize)]
struct IdRow {
    id: String,
}

#[derive(Default)]
pub struct ServiceQuery;

#[async_graphql::Object]
impl ServiceQuery {
    /// Returns one service by global ("Service:snap") or registry id, or null when absent.
    async fn service(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Option<Service>> {
        let key = id.trim().strip_prefix("Service:").unwrap_or(id.trim()).to_string();
        Ok(ctx.data_unchecked::<Loaders>().services.load_one(key).await?)
    }

    /// Services ordered by registry id, without retired ones. `state` keeps federal services
    /// and those of that state. For the next page, pass the last service's `id` as `after`.
    #[graphql(complexity = "first.unwrap_or(20).max(0) as usize * child_complexity")]
    async fn services(&self, ctx: &Context<'_>, kind: Option<ServiceKind>, state: Option<String>, first: Option<i32>, after: Option<String>) -> async_graphql::Result<Vec<Service>> {
        let first = page_size(first)?;
        let statement = Statement::new("services_page", cypher::SERVICES_PAGE)
            .json_param("after", &json!(after))
            .json_param("kind", &kind.map_or(serde_json::Value::Null, enum_name))
            .json_param("state", &state_code(&state)?)
            .param("limit", i64::from(first));
        let rows: Vec<IdRow> = graph(ctx).rows(statement).await.map_err(ApiError::from)?;
        let ids: Vec<String> = rows.into_iter().map(|row| row.id).collect();
        let mut found = ctx.data_unchecked::<Loaders>().services.load_many(ids.clone()).await?;
        Ok(ids.iter().filter_map(|id| found.remove(id)).collect())
    }
}

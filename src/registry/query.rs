//! Registration reads: opportunities with their audience rule, any registry record by
//! id, and the audit trail of a record.

use async_graphql::{Context, Json, Object, SimpleObject, ID};
use serde::Deserialize;
use serde_json::{json, Map, Value};

use super::audit::{AuditEvent, StoredEvent};
use super::error::{run, RegistryError, RegistryResult};
use super::kind::RecordKind;
use super::mutation::parse_record_id;
use super::opportunity::{is_visible, Opportunity};
use super::status::VerificationStatus;
use super::write::{authorize_owner, load, Stored};
use crate::auth::principal;
use crate::cache::RequestTags;
use crate::graph::{cypher, Statement};
use crate::graphql::connection::{graph, page_size};

#[derive(Default)]
pub struct RegistryQuery;

/// Any registry record, with its stored fields as JSON.
#[derive(SimpleObject)]
pub struct RegistryRecord {
    /// Global id, such as "Course:crs-…".
    pub id: ID,
    /// Program, Course, Provider, Opportunity, Service or RegionalWage.
    pub kind: String,
    pub version: i64,
    pub verification_status: VerificationStatus,
    pub retired: bool,
    /// Stored properties by name, for example `name`, `state` or `medianAnnualWage`.
    pub fields: Json<Value>,
}

#[derive(Deserialize)]
struct NodeMap {
    node: Map<String, Value>,
}

fn tag_read(ctx: &Context<'_>, kind: RecordKind, id: &str) {
    if let Some(tags) = ctx.data_opt::<RequestTags>() {
        tags.read(kind.label(), [&id.to_string()]);
    }
}

/// Loads a record the caller may read. A CLOSED opportunity outside the caller's audience
/// reads as missing, so an outsider cannot learn that it exists.
async fn load_readable(ctx: &Context<'_>, kind: RecordKind, id: &str) -> RegistryResult<Option<Stored>> {
    // Tag even a missing record, so its creation invalidates a cached null.
    tag_read(ctx, kind, id);
    let stored = load(graph(ctx), kind, id).await?;
    Ok(stored.filter(|s| kind != RecordKind::Opportunity || is_visible(principal(ctx), &s.node)))
}

#[Object]
impl RegistryQuery {
    /// One opportunity by global or registry id; null when absent or not visible to the caller.
    async fn opportunity(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Option<Opportunity>> {
        let key = id.strip_prefix("Opportunity:").unwrap_or(&id).to_string();
        let stored = run(load_readable(ctx, RecordKind::Opportunity, &key)).await?;
        Ok(stored.map(|s| Opportunity(s.node)))
    }

    /// Opportunities the caller may see, ordered by registry id; retired ones are left out.
    /// For the next page, pass the last opportunity's `registryId` as `after`.
    async fn opportunities(&self, ctx: &Context<'_>, first: Option<i32>, after: Option<String>) -> async_graphql::Result<Vec<Opportunity>> {
        let first = page_size(first)?;
        let caller = principal(ctx);
        let provider_id = caller.roles().any(|r| r.needs_provider_id()).then(|| caller.provider_id()).flatten();
        let learner_id = caller.has_role(ler_auth::Role::Learner).then(|| caller.learner_id()).flatten();
        let roles: Vec<&str> = caller.roles().map(|r| r.as_str()).collect();
        let statement = Statement::new("opportunities_page", cypher::OPPORTUNITIES_PAGE)
            .json_param("after", &json!(after))
            .param("admin", caller.is_admin())
            .json_param("providerId", &json!(provider_id))
            .json_param("learnerId", &json!(learner_id))
            .json_param("roles", &json!(roles))
            .param("limit", i64::from(first));
        let rows: Vec<NodeMap> = graph(ctx).rows(statement).await.map_err(crate::error::ApiError::from)?;
        let ids: Vec<String> = rows.iter().filter_map(|r| r.node.get("id").and_then(Value::as_str).map(str::to_string)).collect();
        if let Some(tags) = ctx.data_opt::<RequestTags>() {
            tags.read(RecordKind::Opportunity.label(), &ids);
        }
        Ok(rows.into_iter().map(|r| Opportunity(r.node)).collect())
    }

    /// Any registry record by global id; null when absent or not visible to the caller.
    async fn registry_record(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Option<RegistryRecord>> {
        let (kind, key) = parse_record_id(&id).map_err(RegistryError::into_graphql)?;
        let Some(mut stored) = run(load_readable(ctx, kind, &key)).await? else { return Ok(None) };
        // Audience members must not learn who else is in the audience.
        let owner = stored.owner_provider().map(str::to_string);
        if !owner.is_some_and(|o| principal(ctx).can_act_for_provider(&o)) && !principal(ctx).is_admin() {
            stored.node.remove("audienceLearnerIds");
            stored.node.remove("audienceRoles");
        }
        Ok(Some(RegistryRecord {
            id: ID(format!("{}:{key}", kind.label())),
            kind: kind.label().to_string(),
            version: stored.version(),
            verification_status: stored.status(),
            retired: stored.node.contains_key("retiredAt"),
            fields: Json(Value::Object(stored.node)),
        }))
    }

    /// Every write to a record, oldest first. The record's owner and admins only.
    #[graphql(tag = "personal")]
    async fn audit_trail(&self, ctx: &Context<'_>, record_id: ID) -> async_graphql::Result<Vec<AuditEvent>> {
        run(async {
            let (kind, key) = parse_record_id(&record_id)?;
            let not_found = || RegistryError::NotFound { kind: kind.label(), id: key.clone() };
            let stored = load_readable(ctx, kind, &key).await?.ok_or_else(not_found)?;
            authorize_owner(principal(ctx), kind, &key, &stored)?;
            let statement = Statement::new("audit_trail", cypher::AUDIT_TRAIL).param("id", key.clone()).param("kind", kind.label());
            let rows: Vec<NodeRow> = graph(ctx).rows(statement).await?;
            Ok(rows.into_iter().map(|r| AuditEvent::from(r.node)).collect())
        })
        .await
    }
}

#[derive(Deserialize)]
struct NodeRow {
    node: StoredEvent,
}

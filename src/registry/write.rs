//! The write path shared by every record kind: owner checks, the version check, the
//! audit event and the cache invalidation. Each write is one Cypher statement, so the
//! record and its audit event are stored together or not at all.

use async_graphql::{SimpleObject, ID};
use ler_auth::{AccessError, Principal, Role};
use serde::Deserialize;
use serde_json::{Map, Value};

use super::audit::{actor_id, diff};
use super::error::{RegistryError, RegistryResult};
use super::kind::{statement, RecordKind};
use super::status::VerificationStatus;
use super::validate::Props;
use crate::cache::RequestTags;
use crate::graph::{Graph, Statement};

/// The outcome of a write.
#[derive(SimpleObject, Clone, Debug)]
pub struct RecordWrite {
    /// Global id, such as "Program:prg-…".
    pub id: ID,
    /// Natural id in the registry.
    pub registry_id: String,
    /// Version after the write; pass it to the next update.
    pub version: i64,
    pub verification_status: VerificationStatus,
}

/// A record as stored, with the provider it is linked to, if any.
#[derive(Deserialize, Debug)]
pub struct Stored {
    pub node: Map<String, Value>,
    #[serde(rename = "linkedProvider")]
    pub linked_provider: Option<String>,
}

impl Stored {
    pub fn version(&self) -> i64 {
        self.node.get("version").and_then(Value::as_i64).unwrap_or(0)
    }

    pub fn text(&self, property: &str) -> Option<&str> {
        self.node.get(property).and_then(Value::as_str)
    }

    /// Returns the provider that owns the record: its `providerId`, or the provider a
    /// seeded program is offered by.
    pub fn owner_provider(&self) -> Option<&str> {
        self.text("providerId").or(self.linked_provider.as_deref())
    }

    pub fn status(&self) -> VerificationStatus {
        VerificationStatus::from_stored(self.text("verificationStatus"))
    }
}

#[derive(Deserialize)]
struct VersionRow {
    version: i64,
}

/// What one resolver needs to write.
pub struct Writer<'a> {
    pub graph: &'a Graph,
    pub principal: &'a Principal,
    pub tags: Option<&'a RequestTags>,
}

pub async fn load(graph: &Graph, kind: RecordKind, id: &str) -> RegistryResult<Option<Stored>> {
    let statement = Statement::new("record_by_id", statement(kind, "record_by_id")).param("id", id);
    Ok(graph.row(statement).await?)
}

/// Checks that `principal` may change or audit the record: its provider for provider-owned
/// records, its state's portal for regional wages, and admins for every record.
pub fn authorize_owner(principal: &Principal, kind: RecordKind, id: &str, stored: &Stored) -> RegistryResult<()> {
    match kind {
        RecordKind::Provider => principal.require_provider(id)?,
        RecordKind::RegionalWage => {
            principal.require_any(&[Role::StatePortal])?;
            let state = stored.text("state").unwrap_or_default();
            if !principal.can_access_state(state) {
                return Err(AccessError::OtherState { state: state.to_string() }.into());
            }
        }
        _ => match stored.owner_provider() {
            Some(owner) => principal.require_provider(owner)?,
            // Seeded records without a provider change only through a registry operator.
            None => principal.require_any(&[Role::Admin])?,
        },
    }
    Ok(())
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

fn event_id() -> String {
    format!("evt-{}", uuid::Uuid::new_v4().simple())
}

/// Returns a new natural id for a record of `kind`.
pub fn new_id(kind: RecordKind) -> String {
    format!("{}-{}", kind.id_prefix(), uuid::Uuid::new_v4().simple())
}

fn changes_json(changes: &[super::audit::FieldChange]) -> String {
    serde_json::to_string(changes).unwrap_or_else(|_| "[]".into())
}

impl Writer<'_> {
    fn mark_changed(&self, kind: RecordKind, id: &str, owner: Option<&str>) {
        if let Some(tags) = self.tags {
            tags.changed(kind.label(), id);
            // A provider's program list changes with its programs.
            if let (RecordKind::Program, Some(owner)) = (kind, owner) {
                tags.changed(RecordKind::Provider.label(), owner);
            }
        }
    }

    /// Creates a record after the caller checked access and the merged fields.
    /// `link_provider` adds an OFFERED_BY link to that provider when it exists.
    /// Creates a record. `link_provider` adds an OFFERED_BY link to that provider and
    /// `link_program` a PART_OF link to that program, both checked by the caller.
    pub async fn create(&self, kind: RecordKind, id: String, props: Props, link_provider: Option<String>, link_program: Option<String>) -> RegistryResult<RecordWrite> {
        if load(self.graph, kind, &id).await?.is_some() {
            return Err(RegistryError::AlreadyExists { kind: kind.label(), id });
        }
        let status = VerificationStatus::after_write_by(self.principal);
        let changes = diff(&Map::new(), &props);
        let owner = props.get("providerId").and_then(Value::as_str).map(str::to_string);
        let statement = Statement::new("record_create", statement(kind, "record_create"))
            .json_param("props", &Value::Object(props))
            .param("id", id.clone())
            .param("status", status.as_str())
            .param("at", now())
            .param("eventId", event_id())
            .param("kind", kind.label())
            .param("actor", actor_id(self.principal.subject()))
            .param("changes", changes_json(&changes))
            .json_param("linkProvider", &Value::from(link_provider))
            .json_param("linkProgram", &Value::from(link_program));
        let row: Option<VersionRow> = self.graph.row(statement).await?;
        let version = row.map_or(1, |r| r.version);
        self.mark_changed(kind, &id, owner.as_deref());
        tracing::info!(record.kind = kind.label(), record.id = id, version, "record created");
        Ok(RecordWrite { id: ID(format!("{}:{id}", kind.label())), registry_id: id, version, verification_status: status })
    }

    /// Applies `patch` when the record is still at `expected` and the merged record passes
    /// `check`. Returns CONFLICT when another write came first.
    pub async fn update(&self, kind: RecordKind, id: &str, expected: i64, patch: Props, check: fn(&Props) -> RegistryResult<()>) -> RegistryResult<RecordWrite> {
        let stored = self.load_for_change(kind, id, expected).await?;
        let mut merged = stored.node.clone();
        merged.extend(patch.clone());
        check(&merged)?;
        let changes = diff(&stored.node, &patch);
        let status = VerificationStatus::after_write_by(self.principal);
        self.apply(kind, id, expected, patch, &changes, "UPDATE", Some(status), &stored).await
    }

    /// Marks the record retired; it stays readable, with `retired` true, and cannot change.
    pub async fn retire(&self, kind: RecordKind, id: &str, expected: i64) -> RegistryResult<RecordWrite> {
        let stored = self.load_for_change(kind, id, expected).await?;
        let mut patch = Props::new();
        patch.insert("retiredAt".into(), Value::String(now()));
        let changes = diff(&stored.node, &patch);
        self.apply(kind, id, expected, patch, &changes, "RETIRE", None, &stored).await
    }

    /// Marks the record reviewed. Only admins may call it.
    pub async fn verify(&self, kind: RecordKind, id: &str, expected: i64) -> RegistryResult<RecordWrite> {
        self.principal.require_any(&[Role::Admin])?;
        let stored = self.load_for_change(kind, id, expected).await?;
        let mut status_change = Props::new();
        status_change.insert("verificationStatus".into(), Value::String(VerificationStatus::VerifiedByReviewer.as_str().into()));
        let changes = diff(&stored.node, &status_change);
        self.apply(kind, id, expected, Props::new(), &changes, "VERIFY", Some(VerificationStatus::VerifiedByReviewer), &stored).await
    }

    async fn load_for_change(&self, kind: RecordKind, id: &str, expected: i64) -> RegistryResult<Stored> {
        let stored = load(self.graph, kind, id).await?.ok_or_else(|| RegistryError::NotFound { kind: kind.label(), id: id.to_string() })?;
        authorize_owner(self.principal, kind, id, &stored)?;
        if stored.node.contains_key("retiredAt") {
            return Err(RegistryError::Retired { kind: kind.label(), id: id.to_string() });
        }
        if stored.version() != expected {
            return Err(RegistryError::StaleVersion { kind: kind.label(), id: id.to_string(), expected, current: stored.version() });
        }
        Ok(stored)
    }

    #[allow(clippy::too_many_arguments)]
    async fn apply(
        &self,
        kind: RecordKind,
        id: &str,
        expected: i64,
        patch: Props,
        changes: &[super::audit::FieldChange],
        action: &str,
        status: Option<VerificationStatus>,
        stored: &Stored,
    ) -> RegistryResult<RecordWrite> {
        let statement = Statement::new("record_update", statement(kind, "record_update"))
            .param("id", id)
            .param("expected", expected)
            .json_param("props", &Value::Object(patch))
            .json_param("status", &Value::from(status.map(VerificationStatus::as_str)))
            .param("at", now())
            .param("eventId", event_id())
            .param("kind", kind.label())
            .param("action", action)
            .param("actor", actor_id(self.principal.subject()))
            .param("changes", changes_json(changes));
        let row: Option<VersionRow> = self.graph.row(statement).await?;
        let Some(row) = row else {
            // Another write changed or retired the record between the read and this one.
            let current = load(self.graph, kind, id).await?.map_or(expected, |s| s.version());
            return Err(RegistryError::StaleVersion { kind: kind.label(), id: id.to_string(), expected, current });
        };
        self.mark_changed(kind, id, stored.owner_provider());
        tracing::info!(record.kind = kind.label(), record.id = id, version = row.version, action, "record written");
        Ok(RecordWrite {
            id: ID(format!("{}:{id}", kind.label())),
            registry_id: id.to_string(),
            version: row.version,
            verification_status: status.unwrap_or_else(|| stored.status()),
        })
    }
}

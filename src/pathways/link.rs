//! `linkPrograms`: program links entered through the API by providers and admins.

use async_graphql::{Context, Enum, Object, SimpleObject, ID};
use ler_auth::{Principal, Role};
use serde::Deserialize;
use serde_json::json;

use super::error::{run, PathwayError, PathwayResult};
use crate::auth::principal;
use crate::cache::RequestTags;
use crate::graph::{Graph, Statement};
use crate::registry::audit::actor_id;

/// Programs by id (`$ids`) with their owning providers and credit hours.
pub(crate) const PROGRAM_OWNERS: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/cypher/pathways/program_owners.cypher"));
const LINK_PROGRAMS: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/cypher/pathways/link_programs.cypher"));
const UNLINK_PROGRAMS: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/cypher/pathways/unlink_programs.cypher"));

/// Kind of link from one program to another.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
pub enum ProgramLinkKind {
    /// `from` counts toward `to`, usually a lower award toward a higher one.
    StacksInto,
    /// `from` must be completed before `to`.
    PrerequisiteFor,
    /// `from` is a pre-apprenticeship that prepares for the apprenticeship `to`.
    PreparesForApprenticeship,
}

impl ProgramLinkKind {
    /// Returns the relationship type stored in the graph.
    pub fn relationship(self) -> &'static str {
        match self {
            Self::StacksInto => "STACKS_INTO",
            Self::PrerequisiteFor => "PREREQUISITE_FOR",
            Self::PreparesForApprenticeship => "PREPARES_FOR_APPRENTICESHIP",
        }
    }
}

/// A stored program link.
#[derive(SimpleObject, Clone, Debug)]
pub struct ProgramLink {
    pub from: String,
    pub to: String,
    pub kind: ProgramLinkKind,
    /// Credit hours of `from` that count toward `to`.
    pub credit_carried: Option<f64>,
    pub note: Option<String>,
    /// Derivation of the link, in words.
    pub derivation: String,
    /// Id of the audit event recorded on the `from` program.
    pub audit_event_id: String,
}

/// A removed program link.
#[derive(SimpleObject, Clone, Debug)]
pub struct RemovedProgramLink {
    pub from: String,
    pub to: String,
    pub kind: ProgramLinkKind,
    /// Id of the audit event recorded on the `from` program.
    pub audit_event_id: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct OwnerRow {
    id: String,
    providers: Vec<String>,
    credit_hours: Option<f64>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct EventRow {
    event_id: String,
}

/// Maximum length of a link note, in characters.
const MAX_NOTE_CHARS: usize = 500;

fn program_id(field: &'static str, id: &str) -> PathwayResult<String> {
    let id = id.trim();
    let id = id.strip_prefix("Program:").unwrap_or(id);
    if id.is_empty() {
        return Err(PathwayError::invalid(field, format!("`{field}` is empty. Pass the registry id of a program.")));
    }
    Ok(id.to_string())
}

/// Checks the caller may link into the program `to`: admins always, providers when they
/// own it, because the receiving program decides what counts toward it or is required.
fn authorize(principal: &Principal, to: &OwnerRow) -> PathwayResult<()> {
    principal.require_any(&[Role::Provider, Role::Issuer])?;
    if principal.is_admin() || to.providers.iter().any(|p| principal.can_act_for_provider(p)) {
        return Ok(());
    }
    // The caller does not own `to`, so this check fails with the standard error.
    principal.require_provider(to.providers.first().map(String::as_str).unwrap_or_default())?;
    Ok(())
}

/// Loads both programs of a link with their owners, failing when either does not exist.
async fn owners(graph: &Graph, from: &str, to: &str) -> PathwayResult<(OwnerRow, OwnerRow)> {
    let statement = Statement::new("pathways_program_owners", PROGRAM_OWNERS).json_param("ids", &json!([from, to]));
    let mut rows: Vec<OwnerRow> = graph.rows(statement).await?;
    let mut take = |id: &str| {
        let index = rows.iter().position(|row| row.id == id).ok_or_else(|| PathwayError::ProgramNotFound { id: id.to_string() })?;
        Ok::<OwnerRow, PathwayError>(rows.swap_remove(index))
    };
    let from_row = take(from)?;
    let to_row = take(to)?;
    Ok((from_row, to_row))
}

/// Rejects carried credit above the credit hours of the program it comes from.
fn check_credit(credit_carried: Option<f64>, from: &OwnerRow) -> PathwayResult<()> {
    if let (Some(carried), Some(hours)) = (credit_carried, from.credit_hours) {
        if carried > hours {
            return Err(PathwayError::invalid("creditCarried", format!("`creditCarried` is {carried}, but program \"{}\" has only {hours} credit hours. Pass at most {hours}.", from.id)));
        }
    }
    Ok(())
}

/// Validates and stores one link, returning it with its audit event id.
async fn link(graph: &Graph, principal: &Principal, from: &str, to: &str, kind: ProgramLinkKind, credit_carried: Option<f64>, note: Option<String>) -> PathwayResult<ProgramLink> {
    principal.require_any(&[Role::Provider, Role::Issuer])?;
    let from = program_id("from", from)?;
    let to = program_id("to", to)?;
    if from == to {
        return Err(PathwayError::invalid("to", format!("`from` and `to` are both \"{from}\". A program cannot lead to itself; pass two different programs.")));
    }
    if let Some(credit) = credit_carried.filter(|c| !c.is_finite() || *c < 0.0) {
        return Err(PathwayError::invalid("creditCarried", format!("`creditCarried` is {credit}, but it must be 0 or more credit hours.")));
    }
    let note = note.map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
    if let Some(length) = note.as_ref().map(|n| n.chars().count()).filter(|l| *l > MAX_NOTE_CHARS) {
        return Err(PathwayError::invalid("note", format!("`note` has {length} characters, but at most {MAX_NOTE_CHARS} are allowed. Shorten it.")));
    }

    let (from_row, to_row) = owners(graph, &from, &to).await?;
    authorize(principal, &to_row)?;
    check_credit(credit_carried, &from_row)?;

    let actor = actor_id(principal.subject());
    let at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let derivation = match &note {
        Some(note) => format!("entered through the API by {actor} at {at}: {note}"),
        None => format!("entered through the API by {actor} at {at}"),
    };
    let props = json!({
        "derived": false, "source": "API", "creditCarried": credit_carried, "note": note,
        "derivation": derivation, "enteredBy": actor, "enteredAt": at,
    });
    let changes = json!([{ "field": format!("link:{}", kind.relationship()), "old": null, "new": { "to": to, "creditCarried": credit_carried, "note": note } }]);
    let statement = Statement::new("pathways_link_programs", LINK_PROGRAMS)
        .param("from", from.as_str())
        .param("to", to.as_str())
        .param("kind", kind.relationship())
        .json_param("props", &props)
        .param("eventId", format!("evt-{}", uuid::Uuid::new_v4().simple()))
        .param("actor", actor.as_str())
        .param("at", at.as_str())
        .param("changes", changes.to_string());
    let row: Option<EventRow> = graph.row(statement).await?;
    let event = row.ok_or_else(|| PathwayError::ProgramNotFound { id: from.clone() })?;
    tracing::info!(link.from = %from, link.to = %to, link.kind = kind.relationship(), audit.event = %event.event_id, "program link stored");
    Ok(ProgramLink { from, to, kind, credit_carried, note, derivation, audit_event_id: event.event_id })
}

/// Removes one link entered through the API, returning its audit event id.
async fn unlink(graph: &Graph, principal: &Principal, from: &str, to: &str, kind: ProgramLinkKind) -> PathwayResult<RemovedProgramLink> {
    principal.require_any(&[Role::Provider, Role::Issuer])?;
    let from = program_id("from", from)?;
    let to = program_id("to", to)?;
    let (_, to_row) = owners(graph, &from, &to).await?;
    authorize(principal, &to_row)?;

    let actor = actor_id(principal.subject());
    let at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let changes = json!([{ "field": format!("link:{}", kind.relationship()), "old": { "to": to }, "new": null }]);
    let statement = Statement::new("pathways_unlink_programs", UNLINK_PROGRAMS)
        .param("from", from.as_str())
        .param("to", to.as_str())
        .param("kind", kind.relationship())
        .param("eventId", format!("evt-{}", uuid::Uuid::new_v4().simple()))
        .param("actor", actor.as_str())
        .param("at", at.as_str())
        .param("changes", changes.to_string());
    let row: Option<EventRow> = graph.row(statement).await?;
    let event = row.ok_or_else(|| PathwayError::LinkNotFound { from: from.clone(), to: to.clone(), kind: kind.relationship() })?;
    tracing::info!(link.from = %from, link.to = %to, link.kind = kind.relationship(), audit.event = %event.event_id, "program link removed");
    Ok(RemovedProgramLink { from, to, kind, audit_event_id: event.event_id })
}

/// Pathway mutations.
#[derive(Default)]
pub struct PathwaysMutation;

#[Object]
impl PathwaysMutation {
    /// Links two programs: `from` stacks into, is required for, or prepares for the
    /// apprenticeship `to`. Providers may link into programs they own; admins any.
    /// `creditCarried` may not exceed the credit hours of `from`. Entering the same link
    /// again replaces its credit and note.
    async fn link_programs(&self, ctx: &Context<'_>, from: ID, to: ID, kind: ProgramLinkKind, credit_carried: Option<f64>, note: Option<String>) -> async_graphql::Result<ProgramLink> {
        run(async {
            let graph = ctx.data_unchecked::<Graph>();
            let stored = link(graph, principal(ctx), &from, &to, kind, credit_carried, note).await?;
            if let Some(tags) = ctx.data_opt::<RequestTags>() {
                tags.changed("Program", &stored.from);
                tags.changed("Program", &stored.to);
            }
            Ok(stored)
        })
        .await
    }

    /// Removes a link entered with `linkPrograms`. Derived links and links from CTDL records
    /// cannot be removed here, because they are rebuilt from their source.
    async fn unlink_programs(&self, ctx: &Context<'_>, from: ID, to: ID, kind: ProgramLinkKind) -> async_graphql::Result<RemovedProgramLink> {
        run(async {
            let graph = ctx.data_unchecked::<Graph>();
            let removed = unlink(graph, principal(ctx), &from, &to, kind).await?;
            if let Some(tags) = ctx.data_opt::<RequestTags>() {
                tags.changed("Program", &removed.from);
                tags.changed("Program", &removed.to);
            }
            Ok(removed)
        })
        .await
    }
}

//! GraphQL operations of catalog ingest: `ingestCatalog`, `publishCatalog`,
//! `confirmAlignment`, `course`, `courses` and `ctdl`.

use async_graphql::connection::{Connection, Edge, EmptyFields};
use async_graphql::{Context, InputObject, Json, Object, SimpleObject, ID};
use base64::Engine;
use serde::Deserialize;
use serde_json::{json, Value};

use super::course::{Course, CourseRecord};
use super::error::IngestError;
use super::statements as cypher;
use super::{ingest_document, store, IngestRequest};
use crate::cache::RequestTags;
use crate::auth::{access_error, require_any, Role};
use crate::error::ApiError;
use crate::graph::{Graph, Statement};
use crate::graphql::connection::{decode_cursor, encode_cursor, page_size};
use crate::graphql::records::NodeRow;

/// A catalog document to parse and store as draft records.
#[derive(InputObject)]
pub struct IngestCatalogInput {
    /// File name; its extension selects the parser (.txt, .html, .json, .csv, optionally .gz).
    pub name: String,
    /// Document as UTF-8 text. Set this or `base64`.
    pub text: Option<String>,
    /// Document bytes in standard base64, for gzip files. Set this or `text`.
    pub base64: Option<String>,
    /// Institution name, stored on a provider the ingest creates.
    pub institution: Option<String>,
    /// Provider the records belong to. Defaults to the caller's `provider_id` claim, so admins must set it.
    pub provider_id: Option<String>,
    /// Two-letter state stored on each program.
    pub state: Option<String>,
}

/// A record whose fields changed since the previous ingest of the same document.
#[derive(SimpleObject)]
pub struct ChangedRecord {
    pub key: String,
    /// Names of the changed fields, sorted.
    pub fields: Vec<String>,
}

/// Outcome of `ingestCatalog`.
#[derive(SimpleObject)]
pub struct CatalogIngestResult {
    /// Id to pass to `publishCatalog`: `<provider id>:<document name>`.
    pub document_id: String,
    pub provider_id: String,
    /// SHA-256 of the decoded document text, in hex.
    pub sha256: String,
    /// Length of the decoded document text in bytes.
    pub length: i64,
    /// DRAFT or PUBLISHED.
    pub status: String,
    pub programs: i64,
    pub courses: i64,
    /// Links the parser found (program membership and requisites).
    pub links: i64,
    /// Stored spans of text that no record explains, kept so the document can be rebuilt.
    pub remainders: i64,
    /// Programs given a CIP code, stated or inferred.
    pub classified_programs: i64,
    /// Keys of records that the previous ingest of this document did not have.
    pub added: Vec<String>,
    /// Keys of records that the previous ingest had and this one does not.
    pub removed: Vec<String>,
    pub changed: Vec<ChangedRecord>,
    pub warnings: Vec<String>,
}

/// A confirmed CIP code of a program.
#[derive(SimpleObject)]
pub struct CipAlignment {
    pub program_id: String,
    pub code: String,
    pub title: Option<String>,
}

/// Catalog mutations.
#[derive(Default)]
pub struct CatalogMutation;

/// Catalog queries.
#[derive(Default)]
pub struct CatalogQuery;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ProgramProviderRow {
    id: String,
    provider_id: Option<String>,
    name: Option<String>,
    description: Option<String>,
    ctid: Option<String>,
    ctdl_json: Option<String>,
    credential_type: Option<String>,
    status: Option<String>,
}

impl ProgramProviderRow {
    /// True when the caller may see the program: published, or a draft of the caller's provider.
    fn visible_to(&self, principal: &crate::auth::Principal) -> bool {
        crate::auth::can_read_record(principal, self.status.as_deref(), self.provider_id.as_deref())
    }
}

fn graph<'a>(ctx: &'a Context<'_>) -> &'a Graph {
    ctx.data_unchecked::<Graph>()
}

fn document_bytes(input: &IngestCatalogInput) -> Result<Vec<u8>, IngestError> {
    match (&input.text, &input.base64) {
        (Some(text), None) => Ok(text.as_bytes().to_vec()),
        (None, Some(encoded)) => base64::engine::general_purpose::STANDARD
            .decode(encoded.trim())
            .map_err(|error| IngestError::BadBase64 { reason: error.to_string() }),
        (Some(_), Some(_)) => Err(IngestError::DocumentContent { given: "both `text` and `base64`" }),
        (None, None) => Err(IngestError::DocumentContent { given: "neither `text` nor `base64`" }),
    }
}

/// Resolves the provider of an ingest: admins name it, others act for their own.
fn ingest_provider(ctx: &Context<'_>, requested: Option<&str>) -> async_graphql::Result<String> {
    let principal = require_any(ctx, &[Role::Provider, Role::Contributor])?;
    let provider_id = match (requested, principal.provider_id()) {
        (Some(id), _) => id.trim().to_string(),
        (None, Some(own)) => own.to_string(),
        (None, None) => {
            return Err(ApiError::bad_input("The token has no provider_id claim, so set `providerId` to the provider the catalog belongs to.").into());
        }
    };
    if !principal.is_admin() {
        principal.require_provider(&provider_id).map_err(access_error)?;
    }
    Ok(provider_id)
}

#[Object]
impl CatalogMutation {
    /// Parses a catalog document and stores its programs and courses as DRAFT, in one
    /// transaction. Re-ingesting the same document name updates records in place.
    /// Requires the provider, contributor or admin role.
    async fn ingest_catalog(&self, ctx: &Context<'_>, input: IngestCatalogInput) -> async_graphql::Result<CatalogIngestResult> {
        let provider_id = ingest_provider(ctx, input.provider_id.as_deref())?;
        let bytes = document_bytes(&input).map_err(ApiError::from)?;
        let request = IngestRequest {
            name: input.name,
            bytes,
            institution: input.institution,
            provider_id: Some(provider_id),
            state: input.state,
            publish: false,
        };
        let report = ingest_document(graph(ctx), request).await.map_err(ApiError::from)?;
        let diff = &report.diff;
        mark_changed(ctx, diff.added.iter().chain(&diff.removed).chain(diff.changed.iter().map(|c| &c.key)));
        Ok(CatalogIngestResult {
            document_id: report.document_id,
            provider_id: report.provider_id,
            sha256: report.sha256,
            length: report.length as i64,
            status: report.status.to_string(),
            programs: report.programs,
            courses: report.courses,
            links: report.links as i64,
            remainders: report.remainders,
            classified_programs: report.classified_programs as i64,
            added: report.diff.added,
            removed: report.diff.removed,
            changed: report.diff.changed.into_iter().map(|c| ChangedRecord { key: c.key, fields: c.fields }).collect(),
            warnings: report.warnings,
        })
    }

    /// Publishes every record of an ingested document. Returns the document id.
    async fn publish_catalog(&self, ctx: &Context<'_>, document_id: String) -> async_graphql::Result<String> {
        let principal = require_any(ctx, &[Role::Provider, Role::Contributor])?;
        let graph = graph(ctx);
        let provider = store::document_provider(graph, &document_id).await.map_err(ApiError::from)?;
        let Some(provider) = provider else {
            return Err(ApiError::from(IngestError::DocumentNotFound { id: document_id }).into());
        };
        if !principal.is_admin() {
            principal.require_provider(&provider).map_err(access_error)?;
        }
        let published = store::publish(graph, &document_id).await.map_err(ApiError::from)?;
        mark_changed(ctx, published.unwrap_or_default().iter());
        Ok(document_id)
    }

    /// Sets the CIP code of a program, replacing the codes inferred at ingest.
    /// Requires acting for the program's provider.
    async fn confirm_alignment(&self, ctx: &Context<'_>, program_id: String, cip: String) -> async_graphql::Result<CipAlignment> {
        let principal = require_any(ctx, &[Role::Provider, Role::Contributor])?;
        let graph = graph(ctx);
        let program = load_program(graph, &program_id).await?;
        let provider = program.provider_id.unwrap_or_default();
        if !principal.is_admin() {
            principal.require_provider(&provider).map_err(access_error)?;
        }
        #[derive(Deserialize)]
        struct CodeRow {
            code: String,
            title: Option<String>,
        }
        let cip = cip.trim().to_string();
        if !is_cip_code(&cip) {
            return Err(ApiError::bad_input(format!("The CIP code \"{cip}\" is not a six-digit CIP code. Use the form \"48.0508\".")).into());
        }
        let statement = Statement::new("catalog_confirm_alignment", cypher::CONFIRM_ALIGNMENT).param("programId", program.id.clone()).param("cip", cip.clone());
        let row: Option<CodeRow> = graph.row(statement).await.map_err(ApiError::from)?;
        let row = row.ok_or_else(|| ApiError::from(IngestError::CipNotFound { code: cip }))?;
        mark_changed(ctx, [&program.id]);
        Ok(CipAlignment { program_id: program.id, code: row.code, title: row.title })
    }
}

/// Tells the response cache which catalog records a mutation changed, by registry id
/// (`<provider id>:program:<code>` or `<provider id>:course:<code>`).
fn mark_changed<'a>(ctx: &Context<'_>, ids: impl IntoIterator<Item = &'a String>) {
    let Some(tags) = ctx.data_opt::<RequestTags>() else { return };
    for id in ids {
        let kind = if id.contains(":course:") { "Course" } else { "Program" };
        tags.changed(kind, id);
    }
}

async fn load_program(graph: &Graph, program_id: &str) -> Result<ProgramProviderRow, ApiError> {
    let id = program_id.trim().strip_prefix("Program:").unwrap_or(program_id.trim()).to_string();
    let statement = Statement::new("catalog_program_provider", cypher::PROGRAM_PROVIDER).param("programId", id.clone());
    let row: Option<ProgramProviderRow> = graph.row(statement).await.map_err(ApiError::from)?;
    row.ok_or_else(|| ApiError::from(IngestError::ProgramNotFound { id }))
}

async fn load_course(graph: &Graph, id: &str) -> Result<Option<CourseRecord>, ApiError> {
    let statement = Statement::new("catalog_courses_by_key", cypher::COURSES_BY_KEY).json_param("keys", &json!([id]));
    let row: Option<NodeRow<CourseRecord>> = graph.row(statement).await?;
    Ok(row.map(|r| r.node))
}

#[Object]
impl CatalogQuery {
    /// One course by registry id, for example "ipeds-141006:course:WELD 1000".
    async fn course(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Course> {
        let not_found = || ApiError::not_found(format!("No course has the id \"{}\". List courses with `courses` to find valid ids.", id.as_str()));
        let key = id.trim().strip_prefix("Course:").unwrap_or(id.trim());
        let record = load_course(graph(ctx), key).await?.ok_or_else(not_found)?;
        if !record.visible_to(crate::auth::principal(ctx)) {
            return Err(not_found().into());
        }
        Ok(Course(record))
    }

    /// Published courses ordered by id, and the caller's own drafts.
    #[graphql(complexity = "first.unwrap_or(20).max(0) as usize * child_complexity")]
    async fn courses(&self, ctx: &Context<'_>, provider_id: Option<String>, first: Option<i32>, after: Option<String>) -> async_graphql::Result<Connection<String, Course, EmptyFields, EmptyFields>> {
        let first = page_size(first)?;
        let after_key = after.as_deref().map(decode_cursor).transpose()?;
        let principal = crate::auth::principal(ctx);
        let draft_providers: Vec<&str> = principal.provider_id().into_iter().collect();
        let statement = Statement::new("catalog_courses_page", cypher::COURSES_PAGE)
            .json_param("after", &json!(after_key))
            .json_param("providerId", &json!(provider_id.as_deref().map(str::trim)))
            .json_param("draftProviders", &json!(draft_providers))
            .param("limit", i64::from(first) + 1);
        let mut rows: Vec<NodeRow<CourseRecord>> = graph(ctx).rows(statement).await.map_err(ApiError::from)?;
        let has_next = rows.len() > first as usize;
        rows.truncate(first as usize);
        let mut page = Connection::new(after_key.is_some(), has_next);
        for row in rows {
            page.edges.push(Edge::new(encode_cursor(&row.node.id), Course(row.node)));
        }
        Ok(page)
    }

    /// CTDL JSON-LD of a program or course, with its CTID. Programs loaded from
    /// Credential Engine keep their original JSON; others are built from registry fields.
    async fn ctdl(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Json<Value>> {
        let graph = graph(ctx);
        let key = id.trim().strip_prefix("Program:").unwrap_or(id.trim()).to_string();
        if let Some(course) = load_course(graph, &key).await? {
            if course.visible_to(crate::auth::principal(ctx)) {
                return Ok(Json(stored_json(course.ctdl_json.as_deref()).unwrap_or_else(|| json!({"ceterms:ctid": course.ctid}))));
            }
        }
        let not_found = || ApiError::not_found(format!("No program or course has the id \"{key}\". Pass a registry id from `programs` or `courses`."));
        let program = load_program(graph, &key).await.map_err(|_| not_found())?;
        if !program.visible_to(crate::auth::principal(ctx)) {
            return Err(not_found().into());
        }
        if let Some(stored) = stored_json(program.ctdl_json.as_deref()) {
            return Ok(Json(stored));
        }
        Ok(Json(minimal_ctdl(&program)))
    }
}

/// True for the six-digit CIP form "NN.NNNN".
fn is_cip_code(code: &str) -> bool {
    let bytes = code.as_bytes();
    bytes.len() == 7 && bytes.iter().enumerate().all(|(i, b)| if i == 2 { *b == b'.' } else { b.is_ascii_digit() })
}

fn stored_json(text: Option<&str>) -> Option<Value> {
    text.and_then(|t| serde_json::from_str(t).ok())
}

/// Builds a `ceterms:LearningProgram` from the fields every program has, with a CTID
/// derived from the registry id when the program has none.
fn minimal_ctdl(program: &ProgramProviderRow) -> Value {
    let ctid = program.ctid.clone().unwrap_or_else(|| ler_catalog::ctdl::ctid_for_key(&program.id));
    let mut node = json!({
        "@context": "https://credreg.net/ctdl/schema/context/json",
        "@type": "ceterms:LearningProgram",
        "ceterms:ctid": ctid,
        "ceterms:name": { "en-US": program.name.clone().unwrap_or_default() },
    });
    if let Some(description) = &program.description {
        node["ceterms:description"] = json!({ "en-US": description });
    }
    if let Some(kind) = &program.credential_type {
        node["ceterms:keyword"] = json!({ "en-US": [kind] });
    }
    node
}

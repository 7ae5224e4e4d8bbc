//! Writes a parsed catalog into the graph and reads back what a document stored.

use std::io::{Read, Write};

use base64::Engine;
use flate2::{read::GzDecoder, write::GzEncoder, Compression};
use ler_catalog::cip::{CipEntry, CipIndex};
use ler_catalog::diff::{diff, CatalogDiff};
use ler_catalog::ParsedCatalog;
use serde::Deserialize;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use super::error::IngestError;
use super::rows::{build_rows, without_positions, RecordContext};
use super::statements as cypher;
use crate::graph::{Graph, Statement};

/// Provider, state and status of the records one ingest writes.
#[derive(Debug, Clone)]
pub struct IngestTarget {
    pub provider_id: String,
    /// Name given to the provider node when the ingest creates it.
    pub provider_name: String,
    /// Two-letter state stored on each program, when known.
    pub state: Option<String>,
    pub publish: bool,
}

/// Outcome of one ingest.
#[derive(Debug, Clone)]
pub struct IngestReport {
    pub document_id: String,
    pub provider_id: String,
    pub sha256: String,
    /// Length of the decoded document in bytes.
    pub length: usize,
    pub status: &'static str,
    pub programs: i64,
    pub courses: i64,
    pub links: usize,
    pub remainders: i64,
    pub classified_programs: usize,
    pub diff: CatalogDiff,
    pub warnings: Vec<String>,
}

#[derive(Deserialize)]
struct PreviousRow {
    records: Option<String>,
}

#[derive(Deserialize)]
struct IngestCounts {
    programs: i64,
    courses: i64,
    remainders: i64,
}

#[derive(Deserialize)]
struct IdRow {
    id: String,
}

/// Applies the catalog constraints and indexes; each statement is idempotent.
pub async fn apply_schema(graph: &Graph) -> Result<(), IngestError> {
    for line in cypher::SCHEMA.lines().map(str::trim) {
        if line.is_empty() || line.starts_with("//") {
            continue;
        }
        graph.run(Statement::new("catalog_schema", line)).await?;
    }
    Ok(())
}

/// Reads the CIP 2020 six-digit codes stored in the graph into an inference index.
pub async fn load_cip_index(graph: &Graph) -> Result<CipIndex, IngestError> {
    let table: Vec<CipEntry> = graph.rows(Statement::new("catalog_cip_table", cypher::CIP_TABLE)).await?;
    Ok(CipIndex::new(&table))
}

/// Finds the IPEDS institution named exactly `name` (ignoring case).
pub async fn find_institution(graph: &Graph, name: &str) -> Result<Option<String>, IngestError> {
    let escaped = name.replace('\\', "\\\\").replace('"', "\\\"");
    let statement = Statement::new("catalog_find_provider", cypher::FIND_PROVIDER).param("phrase", format!("\"{escaped}\"")).param("name", name);
    let row: Option<IdRow> = graph.row(statement).await?;
    Ok(row.map(|r| r.id))
}

/// Returns the id of a document: the provider id and the file name.
pub fn document_id(provider_id: &str, name: &str) -> String {
    format!("{provider_id}:{name}")
}

/// Writes `catalog` (parsed from `source`) for `target` in one statement, replacing what
/// an earlier ingest of the same document wrote, and returns the counts and the diff.
pub async fn ingest(graph: &Graph, catalog: &ParsedCatalog, source: &str, target: &IngestTarget, cip: Option<&CipIndex>) -> Result<IngestReport, IngestError> {
    apply_schema(graph).await?;
    let document_id = document_id(&target.provider_id, &catalog.document);
    let previous = previous_catalog(graph, &document_id).await?;
    let stripped = without_positions(catalog);
    let change = match &previous {
        Some(old) => diff(old, &stripped),
        None => diff(&empty_like(catalog), &stripped),
    };

    let status = if target.publish { "PUBLISHED" } else { "DRAFT" };
    let sha256 = hex::encode(Sha256::digest(source.as_bytes()));
    let source_label = format!("Catalog {}", catalog.document);
    let context = RecordContext { document_id: &document_id, provider_id: &target.provider_id, status, state: target.state.as_deref(), source: &source_label };
    let rows = build_rows(catalog, &context, cip);
    let document = json!({
        "id": document_id,
        "name": catalog.document,
        "institution": catalog.institution,
        "providerId": target.provider_id,
        "format": format!("{:?}", catalog.format),
        "sha256": sha256,
        "length": source.len(),
        "status": status,
        "records": encode_records(&stripped),
        "warnings": catalog.warnings,
        "ingestedAt": chrono::Utc::now().to_rfc3339(),
    });
    let provider = json!({ "id": target.provider_id, "name": target.provider_name, "source": source_label });
    let statement = Statement::new("catalog_ingest", cypher::INGEST)
        .json_param("document", &document)
        .json_param("provider", &provider)
        .json_param("keys", &json!(rows.keys))
        .json_param("programs", &Value::Array(rows.programs))
        .json_param("courses", &Value::Array(rows.courses))
        .json_param("partOf", &Value::Array(rows.part_of))
        .json_param("prerequisites", &Value::Array(rows.prerequisites))
        .json_param("corequisites", &Value::Array(rows.corequisites))
        .json_param("classifications", &Value::Array(rows.classifications.clone()))
        .json_param("remainders", &Value::Array(rows.remainders));
    let counts: IngestCounts = graph.row(statement).await?.ok_or_else(|| IngestError::DocumentNotFound { id: document_id.clone() })?;
    tracing::info!(catalog.document = %document_id, programs = counts.programs, courses = counts.courses, "catalog ingested");
    Ok(IngestReport {
        document_id,
        provider_id: target.provider_id.clone(),
        sha256,
        length: source.len(),
        status,
        programs: counts.programs,
        courses: counts.courses,
        links: catalog.links.len(),
        remainders: counts.remainders,
        classified_programs: rows.classifications.len(),
        diff: change,
        warnings: catalog.warnings.clone(),
    })
}

/// Marks a document and all its records PUBLISHED. Returns the ids of the published programs
/// and courses, or `None` when no document has the id.
pub async fn publish(graph: &Graph, document_id: &str) -> Result<Option<Vec<String>>, IngestError> {
    #[derive(Deserialize)]
    struct Published {
        ids: Vec<String>,
    }
    let statement = Statement::new("catalog_publish", cypher::PUBLISH).param("documentId", document_id);
    let row: Option<Published> = graph.row(statement).await?;
    Ok(row.map(|r| r.ids))
}

/// Rebuilds a document's text from the record spans and remainders stored in the graph.
pub async fn reassemble(graph: &Graph, document_id: &str) -> Result<String, IngestError> {
    #[derive(Deserialize)]
    struct SpanRow {
        text: String,
    }
    let statement = Statement::new("catalog_document_spans", cypher::DOCUMENT_SPANS).param("documentId", document_id);
    let rows: Vec<SpanRow> = graph.rows(statement).await?;
    Ok(rows.into_iter().map(|r| r.text).collect())
}

/// Returns the provider id of a stored document, or `None` when it does not exist.
pub async fn document_provider(graph: &Graph, document_id: &str) -> Result<Option<String>, IngestError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Row {
        provider_id: Option<String>,
    }
    let statement = Statement::new("catalog_previous_records", cypher::PREVIOUS_RECORDS).param("documentId", document_id);
    let row: Option<Row> = graph.row(statement).await?;
    Ok(row.and_then(|r| r.provider_id))
}

async fn previous_catalog(graph: &Graph, document_id: &str) -> Result<Option<ParsedCatalog>, IngestError> {
    let statement = Statement::new("catalog_previous_records", cypher::PREVIOUS_RECORDS).param("documentId", document_id);
    let row: Option<PreviousRow> = graph.row(statement).await?;
    match row.and_then(|r| r.records) {
        Some(encoded) => decode_records(&encoded).map(Some).map_err(|reason| IngestError::StoredState { id: document_id.to_string(), reason }),
        None => Ok(None),
    }
}

fn empty_like(catalog: &ParsedCatalog) -> ParsedCatalog {
    let mut empty = without_positions(catalog);
    empty.courses.clear();
    empty.programs.clear();
    empty.links.clear();
    empty
}

/// Gzip-compressed, base64-encoded JSON of the parse without positions.
fn encode_records(catalog: &ParsedCatalog) -> String {
    let json = serde_json::to_vec(catalog).expect("parsed catalogs serialize to JSON");
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(&json).expect("writing to memory succeeds");
    let bytes = encoder.finish().expect("writing to memory succeeds");
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn decode_records(encoded: &str) -> Result<ParsedCatalog, String> {
    let bytes = base64::engine::general_purpose::STANDARD.decode(encoded).map_err(|e| e.to_string())?;
    let mut json = Vec::new();
    GzDecoder::new(bytes.as_slice()).read_to_end(&mut json).map_err(|e| e.to_string())?;
    serde_json::from_slice(&json).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_records_round_trip() {
        let opts = ler_catalog::ParseOptions::new("demo");
        let text = "WELD 1000 - Introduction to Welding Technology (4)\nCovers safety.\n";
        let parsed = ler_catalog::parse_catalog_bytes("demo.txt", text.as_bytes().to_vec(), &opts).unwrap();
        let stripped = without_positions(&parsed);
        let decoded = decode_records(&encode_records(&stripped)).unwrap();
        assert_eq!(decoded, stripped);
    }
}

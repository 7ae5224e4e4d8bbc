//! Program links stated in CTDL records: connection profiles such as `ceterms:requires`
//! and `ceterms:isAdvancedStandingFor` whose target is another CTDL program in the graph.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::Path;

use serde::Serialize;
use serde_json::{json, Value};

use crate::graph::{Graph, GraphError, Statement};

const CTDL_LINKS: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/cypher/pathways/ctdl_links.cypher"));

/// A link between two registry program ids.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CtdlLink {
    pub from: String,
    pub to: String,
    /// STACKS_INTO or PREREQUISITE_FOR.
    pub kind: &'static str,
    pub credit_carried: Option<f64>,
    pub derivation: String,
}

/// CTDL connection properties, the link kind each states, and whether the record holding
/// the property is the link's `to` end (true) or its `from` end (false).
const CONNECTIONS: &[(&str, &str, bool)] = &[
    ("ceterms:requires", "PREREQUISITE_FOR", true),
    ("ceterms:isRequiredFor", "PREREQUISITE_FOR", false),
    ("ceterms:advancedStandingFrom", "STACKS_INTO", true),
    ("ceterms:isAdvancedStandingFor", "STACKS_INTO", false),
    ("ceterms:preparationFrom", "STACKS_INTO", true),
    ("ceterms:isPreparationFor", "STACKS_INTO", false),
];

/// Finds the first CTID ("ce-" and a 36-character UUID) in a string, lower-cased.
fn ctid_in(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    lower.match_indices("ce-").find_map(|(start, _)| {
        let candidate = lower.get(start..start + 39)?;
        let uuid = &candidate[3..];
        let shape_ok = uuid.bytes().enumerate().all(|(i, b)| if [8, 13, 18, 23].contains(&i) { b == b'-' } else { b.is_ascii_hexdigit() });
        shape_ok.then(|| candidate.to_string())
    })
}

/// CTIDs of the credentials and learning opportunities a condition profile targets.
fn target_ctids(profile: &Value) -> Vec<String> {
    let mut found = Vec::new();
    for key in ["ceterms:targetCredential", "ceterms:targetLearningOpportunity"] {
        let targets = match profile.get(key) {
            Some(Value::Array(items)) => items.clone(),
            Some(other) => vec![other.clone()],
            None => continue,
        };
        for target in targets {
            let text = match &target {
                Value::String(s) => Some(s.clone()),
                Value::Object(map) => map.get("ceterms:ctid").or(map.get("@id")).and_then(Value::as_str).map(str::to_string),
                _ => None,
            };
            found.extend(text.as_deref().and_then(ctid_in));
        }
    }
    found
}

/// Derives links from CTDL records given as (registry program id, CTID, JSON-LD text).
/// Only links whose both ends are among the records are returned.
pub fn derive_links(records: &[(String, String, String)]) -> Vec<CtdlLink> {
    let ids: HashMap<String, &String> = records.iter().map(|(id, ctid, _)| (ctid.to_ascii_lowercase(), id)).collect();
    let mut links = Vec::new();
    for (id, ctid, text) in records {
        let Ok(record) = serde_json::from_str::<Value>(text) else {
            tracing::warn!(ctdl.ctid = %ctid, "CTDL record is not valid JSON; no links derived from it");
            continue;
        };
        for (property, kind, holder_is_to) in CONNECTIONS {
            let profiles = match record.get(*property) {
                Some(Value::Array(items)) => items.clone(),
                Some(other) => vec![other.clone()],
                None => continue,
            };
            for profile in profiles {
                let credit = profile.get("ceterms:creditUnitValue").and_then(Value::as_f64);
                for target in target_ctids(&profile) {
                    let Some(other) = ids.get(&target) else { continue };
                    if *other == id {
                        continue;
                    }
                    let (from, to) = if *holder_is_to { ((*other).clone(), id.clone()) } else { (id.clone(), (*other).clone()) };
                    links.push(CtdlLink { from, to, kind, credit_carried: credit, derivation: format!("CTDL {property} in record {ctid}") });
                }
            }
        }
    }
    links.sort_by(|a, b| (&a.from, &a.to, a.kind).cmp(&(&b.from, &b.to, b.kind)));
    links.dedup_by(|a, b| a.from == b.from && a.to == b.to && a.kind == b.kind);
    links
}

/// Errors of loading CTDL links during a seed.
#[derive(Debug, thiserror::Error)]
pub enum CtdlLinkError {
    #[error("seed file {path} could not be read: {source}. Check --seeds-dir.")]
    Read { path: String, source: std::io::Error },
    #[error(transparent)]
    Graph(#[from] GraphError),
}

/// Reads `ctdl_programs.jsonl.gz` from the seeds folder, derives the links its records
/// state and stores them. Returns the number of links stored.
pub async fn seed_links(graph: &Graph, seeds_dir: &Path) -> Result<usize, CtdlLinkError> {
    let path = seeds_dir.join("ctdl_programs.jsonl.gz");
    let read_error = |source| CtdlLinkError::Read { path: path.display().to_string(), source };
    let file = std::fs::File::open(&path).map_err(read_error)?;
    let mut records = Vec::new();
    for line in BufReader::new(flate2::read::GzDecoder::new(file)).lines() {
        let line = line.map_err(read_error)?;
        let Ok(row) = serde_json::from_str::<Value>(&line) else { continue };
        let (Some(ctid), Some(text)) = (row.get("ctid").and_then(Value::as_str), row.get("ctdlJson").and_then(Value::as_str)) else { continue };
        records.push((format!("ctdl-{ctid}"), ctid.to_string(), text.to_string()));
    }
    store_links(graph, &derive_links(&records)).await
}

/// Stores derived CTDL links whose both programs exist.
pub async fn store_links(graph: &Graph, links: &[CtdlLink]) -> Result<usize, CtdlLinkError> {
    if !links.is_empty() {
        let statement = Statement::new("pathways_ctdl_links", CTDL_LINKS).json_param("links", &json!(links));
        graph.run(statement).await?;
    }
    tracing::info!(ctdl.links = links.len(), "CTDL program links stored");
    Ok(links.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "ce-11111111-2222-3333-4444-555555555555";
    const B: &str = "ce-AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE";

    fn record(ctid: &str, body: Value) -> (String, String, String) {
        (format!("ctdl-{ctid}"), ctid.to_string(), body.to_string())
    }

    #[test]
    fn requires_becomes_prerequisite() {
        let b = record(B, json!({"ceterms:requires": [{"ceterms:targetCredential": [format!("https://credentialengineregistry.org/resources/{A}")]}]}));
        let links = derive_links(&[record(A, json!({})), b]);
        assert_eq!(links.len(), 1);
        assert_eq!(links[0].from, format!("ctdl-{A}"));
        assert_eq!(links[0].to, format!("ctdl-{B}"));
        assert_eq!(links[0].kind, "PREREQUISITE_FOR");
    }

    #[test]
    fn advanced_standing_carries_credit() {
        let a = record(A, json!({"ceterms:isAdvancedStandingFor": {"ceterms:creditUnitValue": 12.0, "ceterms:targetCredential": {"@id": B.to_lowercase()}}}));
        let links = derive_links(&[a, record(B, json!({}))]);
        assert_eq!(links.len(), 1);
        assert_eq!(links[0].kind, "STACKS_INTO");
        assert_eq!(links[0].credit_carried, Some(12.0));
        assert_eq!(links[0].to, format!("ctdl-{B}"));
    }

    #[test]
    fn targets_outside_records_are_dropped() {
        let a = record(A, json!({"ceterms:requires": [{"ceterms:targetLearningOpportunity": ["https://example.org/ce-99999999-2222-3333-4444-555555555555"]}]}));
        assert!(derive_links(&[a]).is_empty());
    }

    #[test]
    fn ctid_needs_full_uuid() {
        assert_eq!(ctid_in("x/ce-1234"), None);
        assert_eq!(ctid_in(&format!("https://r.org/{B}")), Some(B.to_ascii_lowercase()));
    }
}

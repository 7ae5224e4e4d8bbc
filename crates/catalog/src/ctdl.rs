//! CTDL JSON-LD import and export that keeps every original property.
//!
//! Import reads a single node, an array of nodes or a `@graph` document. Each node keeps
//! its original JSON object, and export writes that object back, so every property
//! survives a round trip. Summary fields (name, costs, durations, conditions) are read
//! beside the original for the graph and for eligibility rules.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

pub use crate::ctdl_export::{course_to_ctdl, ctid_for_key, program_to_ctdl};
use crate::error::CatalogError;

/// The CTDL JSON-LD context URL used on exported records that have none.
pub const CTDL_CONTEXT: &str = "https://credreg.net/ctdl/schema/context/json";

/// Subclasses of `ceterms:Credential` in the CTDL class hierarchy (Credential Registry
/// `subclasses_map.json`), without the `ceterms:` prefix.
const CREDENTIAL_CLASSES: [&str; 33] = [
    "Credential",
    "Badge",
    "DigitalBadge",
    "OpenBadge",
    "Certificate",
    "ApprenticeshipCertificate",
    "JourneymanCertificate",
    "MasterCertificate",
    "CertificateOfCompletion",
    "Certification",
    "Degree",
    "AssociateDegree",
    "AssociateOfAppliedArtsDegree",
    "AssociateOfAppliedScienceDegree",
    "AssociateOfArtsDegree",
    "AssociateOfScienceDegree",
    "BachelorDegree",
    "BachelorOfArtsDegree",
    "BachelorOfScienceDegree",
    "DoctoralDegree",
    "ProfessionalDoctorate",
    "ResearchDoctorate",
    "MasterDegree",
    "MasterOfArtsDegree",
    "MasterOfScienceDegree",
    "SpecialistDegree",
    "Diploma",
    "GeneralEducationDevelopment",
    "SecondarySchoolDiploma",
    "License",
    "MicroCredential",
    "QualityAssuranceCredential",
    "CertificateOfParticipation",
];

/// Broad class of a CTDL node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CtdlKind {
    Credential,
    LearningProgram,
    Course,
    LearningOpportunity,
    Assessment,
    Organization,
    Competency,
    Other,
}

/// A `ceterms:CostProfile` summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CtdlCost {
    pub name: Option<String>,
    pub price: Option<f64>,
    pub currency: Option<String>,
    /// Target node of `ceterms:directCostType`, for example "costType:AggregateCost".
    pub cost_type: Option<String>,
}

/// A `ceterms:DurationProfile` summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CtdlDuration {
    /// ISO 8601 duration as stated, for example "P9M".
    pub exact: Option<String>,
    pub description: Option<String>,
    /// Weeks derived from `exact`, counting a month as 52/12 weeks and a year as 52.
    /// `None` when the duration has no exact value or uses hours or minutes only.
    pub weeks: Option<f64>,
}

/// One CTDL node: summary fields plus the untouched original object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CtdlRecord {
    pub ctid: Option<String>,
    pub id: Option<String>,
    /// The `@type` value, for example "ceterms:BachelorDegree".
    pub ctdl_type: String,
    pub kind: CtdlKind,
    pub name: Option<String>,
    pub description: Option<String>,
    pub owned_by: Vec<String>,
    pub offered_by: Vec<String>,
    pub has_part: Vec<String>,
    pub costs: Vec<CtdlCost>,
    pub durations: Vec<CtdlDuration>,
    /// Descriptions of condition profiles (`requires`, `recommends`, `corequisite`, ...).
    pub conditions: Vec<String>,
    /// The node exactly as imported.
    pub original: Value,
}

/// The layout of an imported document, kept so export rebuilds the same layout.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum DocumentShape {
    /// One node object.
    Object,
    /// A JSON array of node objects.
    Array,
    /// An object with `@graph`; the other top-level properties are kept here.
    Graph { envelope: Map<String, Value> },
}

/// An imported CTDL document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CtdlDocument {
    pub name: String,
    pub shape: DocumentShape,
    pub records: Vec<CtdlRecord>,
}

/// Imports a CTDL JSON-LD document.
pub fn import_ctdl(name: &str, text: &str) -> Result<CtdlDocument, CatalogError> {
    let value: Value = serde_json::from_str(text).map_err(|e| CatalogError::BadJson {
        name: name.to_string(),
        line: e.line(),
        column: e.column(),
        reason: e.to_string(),
    })?;
    let invalid = |reason: &str| CatalogError::BadCtdl {
        name: name.to_string(),
        reason: reason.to_string(),
    };
    let (shape, nodes) = match value {
        Value::Array(items) => (DocumentShape::Array, items),
        Value::Object(mut object) => match object.remove("@graph") {
            Some(Value::Array(items)) => (DocumentShape::Graph { envelope: object }, items),
            Some(_) => return Err(invalid("@graph is not an array of nodes")),
            None => (DocumentShape::Object, vec![Value::Object(object)]),
        },
        _ => {
            return Err(invalid(
                "the document is neither a JSON-LD object nor an array of objects",
            ))
        }
    };
    let mut records = Vec::with_capacity(nodes.len());
    for (i, node) in nodes.into_iter().enumerate() {
        if !node.is_object() {
            return Err(invalid(&format!("node {i} is not a JSON object")));
        }
        records.push(read_record(node));
    }
    Ok(CtdlDocument {
        name: name.to_string(),
        shape,
        records,
    })
}

/// Rebuilds the document in its original layout from the records' original objects.
pub fn export_ctdl(document: &CtdlDocument) -> Value {
    let nodes: Vec<Value> = document
        .records
        .iter()
        .map(|r| r.original.clone())
        .collect();
    match &document.shape {
        DocumentShape::Object => nodes.into_iter().next().unwrap_or(Value::Null),
        DocumentShape::Array => Value::Array(nodes),
        DocumentShape::Graph { envelope } => {
            let mut object = envelope.clone();
            object.insert("@graph".to_string(), Value::Array(nodes));
            Value::Object(object)
        }
    }
}

/// Exports one record as a standalone JSON-LD node with `@context` and its CTID.
pub fn export_record(record: &CtdlRecord) -> Result<Value, CatalogError> {
    let ctid = record
        .ctid
        .clone()
        .ok_or_else(|| CatalogError::MissingCtid {
            key: record
                .id
                .clone()
                .unwrap_or_else(|| record.ctdl_type.clone()),
        })?;
    let mut object = record.original.as_object().cloned().unwrap_or_default();
    object
        .entry("@context")
        .or_insert_with(|| Value::String(CTDL_CONTEXT.to_string()));
    object.insert("ceterms:ctid".to_string(), Value::String(ctid));
    Ok(Value::Object(object))
}

fn read_record(node: Value) -> CtdlRecord {
    let ctdl_type = match node.get("@type") {
        Some(Value::String(t)) => t.clone(),
        Some(Value::Array(types)) => types
            .first()
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string(),
        _ => String::new(),
    };
    let local = ctdl_type.rsplit(':').next().unwrap_or("");
    let kind = if CREDENTIAL_CLASSES.contains(&local) {
        CtdlKind::Credential
    } else {
        match local {
            "LearningProgram" => CtdlKind::LearningProgram,
            "Course" => CtdlKind::Course,
            "LearningOpportunityProfile" | "LearningOpportunity" => CtdlKind::LearningOpportunity,
            "AssessmentProfile" | "Assessment" => CtdlKind::Assessment,
            "CredentialOrganization" | "QACredentialOrganization" | "Organization" => {
                CtdlKind::Organization
            }
            "Competency" | "CompetencyFramework" => CtdlKind::Competency,
            _ => CtdlKind::Other,
        }
    };
    let conditions = [
        "ceterms:requires",
        "ceterms:recommends",
        "ceterms:corequisite",
        "ceterms:entryCondition",
    ]
    .iter()
    .flat_map(|p| as_nodes(node.get(*p)))
    .filter_map(|c| c.get("ceterms:description").and_then(language_text))
    .collect();
    CtdlRecord {
        ctid: node
            .get("ceterms:ctid")
            .and_then(Value::as_str)
            .map(str::to_string),
        id: node.get("@id").and_then(Value::as_str).map(str::to_string),
        kind,
        name: node.get("ceterms:name").and_then(language_text),
        description: node.get("ceterms:description").and_then(language_text),
        owned_by: references(node.get("ceterms:ownedBy")),
        offered_by: references(node.get("ceterms:offeredBy")),
        has_part: references(node.get("ceterms:hasPart")),
        costs: as_nodes(node.get("ceterms:estimatedCost"))
            .iter()
            .map(|c| read_cost(c))
            .collect(),
        durations: as_nodes(node.get("ceterms:estimatedDuration"))
            .iter()
            .map(|d| read_duration(d))
            .collect(),
        conditions,
        ctdl_type,
        original: node,
    }
}

fn as_nodes(value: Option<&Value>) -> Vec<&Value> {
    match value {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(object @ Value::Object(_)) => vec![object],
        _ => Vec::new(),
    }
}

/// Reads a plain string or a language map, preferring "en-US", then "en", then any.
fn language_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Object(map) => ["en-US", "en", "en-us"]
            .iter()
            .find_map(|k| map.get(*k))
            .or_else(|| map.values().next())
            .and_then(|v| match v {
                Value::Array(items) => items.first().and_then(Value::as_str).map(str::to_string),
                other => other.as_str().map(str::to_string),
            }),
        _ => None,
    }
}

fn references(value: Option<&Value>) -> Vec<String> {
    let items = match value {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(other) => vec![other],
        None => Vec::new(),
    };
    items
        .into_iter()
        .filter_map(|v| match v {
            Value::String(s) => Some(s.clone()),
            Value::Object(o) => o.get("@id").and_then(Value::as_str).map(str::to_string),
            _ => None,
        })
        .collect()
}

fn read_cost(node: &Value) -> CtdlCost {
    CtdlCost {
        name: node.get("ceterms:name").and_then(language_text),
        price: node.get("ceterms:price").and_then(|p| match p {
            Value::Number(n) => n.as_f64(),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }),
        currency: node
            .get("ceterms:currency")
            .and_then(Value::as_str)
            .map(str::to_string),
        cost_type: node
            .get("ceterms:directCostType")
            .and_then(|t| as_nodes(Some(t)).first().copied().cloned())
            .and_then(|t| {
                t.get("ceterms:targetNode")
                    .and_then(Value::as_str)
                    .map(str::to_string)
            }),
    }
}

fn read_duration(node: &Value) -> CtdlDuration {
    let exact = node
        .get("ceterms:exactDuration")
        .and_then(Value::as_str)
        .map(str::to_string);
    CtdlDuration {
        weeks: exact.as_deref().and_then(iso_duration_weeks),
        exact,
        description: node.get("ceterms:description").and_then(language_text),
    }
}

/// Converts the date part of an ISO 8601 duration ("P1Y6M", "P16W", "P30D") into weeks.
pub fn iso_duration_weeks(duration: &str) -> Option<f64> {
    let body = duration.strip_prefix('P')?;
    let date = body.split('T').next().unwrap_or("");
    let mut weeks = 0.0;
    let mut number = String::new();
    let mut any = false;
    for ch in date.chars() {
        if ch.is_ascii_digit() || ch == '.' {
            number.push(ch);
            continue;
        }
        let value: f64 = number.parse().ok()?;
        number.clear();
        weeks += match ch {
            'Y' => value * 52.0,
            'M' => value * 52.0 / 12.0,
            'W' => value,
            'D' => value / 7.0,
            _ => return None,
        };
        any = true;
    }
    any.then_some((weeks * 100.0).round() / 100.0)
}

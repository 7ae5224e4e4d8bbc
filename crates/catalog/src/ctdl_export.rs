//! CTDL JSON-LD export of parsed catalog records, with CTIDs derived from natural keys.

use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::ctdl::CTDL_CONTEXT;
use crate::model::{AwardLevel, Course, Program};

/// Derives a stable CTID ("ce-" and a UUID-shaped hash) from a record's natural key, so a
/// re-export of the same record keeps its CTID.
pub fn ctid_for_key(key: &str) -> String {
    let digest = Sha256::digest(key.as_bytes());
    let hex: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
    format!(
        "ce-{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// Exports a parsed course as a `ceterms:Course` node.
pub fn course_to_ctdl(course: &Course, ctid: &str) -> Value {
    let mut node = json!({
        "@context": CTDL_CONTEXT,
        "@type": "ceterms:Course",
        "ceterms:ctid": ctid,
        "ceterms:name": { "en-US": course.title },
        "ceterms:codedNotation": course.code,
    });
    if let Some(description) = &course.description {
        node["ceterms:description"] = json!({ "en-US": description });
    }
    if let Some(credits) = &course.credits {
        node["ceterms:creditValue"] = json!([{
            "@type": "schema:QuantitativeValue",
            "schema:minValue": credits.min,
            "schema:maxValue": credits.max,
            "schema:description": { "en-US": credits.text },
        }]);
    }
    node
}

/// Exports a parsed program as a `ceterms:LearningProgram` node listing its courses by code.
pub fn program_to_ctdl(program: &Program, ctid: &str) -> Value {
    let mut node = json!({
        "@context": CTDL_CONTEXT,
        "@type": "ceterms:LearningProgram",
        "ceterms:ctid": ctid,
        "ceterms:name": { "en-US": program.title },
    });
    if let Some(code) = &program.code {
        node["ceterms:codedNotation"] = json!(code);
    }
    if let Some(description) = &program.description {
        node["ceterms:description"] = json!({ "en-US": description });
    }
    if let Some(weeks) = &program.length_weeks {
        node["ceterms:estimatedDuration"] = json!([{
            "@type": "ceterms:DurationProfile",
            "ceterms:exactDuration": format!("P{}W", weeks.min),
            "ceterms:description": { "en-US": weeks.text },
        }]);
    }
    let cost = program
        .total_cost_cents
        .or(program.cost_estimate.as_ref().map(|c| c.total_cents));
    if let Some(cents) = cost {
        node["ceterms:estimatedCost"] = json!([{
            "@type": "ceterms:CostProfile",
            "ceterms:price": cents as f64 / 100.0,
            "ceterms:currency": "USD",
        }]);
    }
    if program.award_level != AwardLevel::Unknown {
        node["ceterms:keyword"] = json!({ "en-US": [format!("{:?}", program.award_level)] });
    }
    node
}

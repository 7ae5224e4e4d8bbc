//! Conversion of a parsed catalog into the parameter rows of the ingest statement.

use std::collections::HashSet;

use ler_catalog::cip::CipIndex;
use ler_catalog::{AwardLevel, Course, LinkKind, ParsedCatalog, Program, Span};
use serde_json::{json, Map, Value};

/// Everything the ingest statement writes, as JSON rows.
pub struct IngestRows {
    pub keys: Vec<String>,
    pub programs: Vec<Value>,
    pub courses: Vec<Value>,
    pub part_of: Vec<Value>,
    pub prerequisites: Vec<Value>,
    pub corequisites: Vec<Value>,
    pub classifications: Vec<Value>,
    pub remainders: Vec<Value>,
}

/// Fields every record of one ingest shares.
pub struct RecordContext<'a> {
    pub document_id: &'a str,
    pub provider_id: &'a str,
    pub status: &'a str,
    pub state: Option<&'a str>,
    pub source: &'a str,
}

/// Builds the rows for `catalog`. CIP codes come from the program's stated codes, else
/// from `cip` inference over its title and description.
pub fn build_rows(catalog: &ParsedCatalog, context: &RecordContext<'_>, cip: Option<&CipIndex>) -> IngestRows {
    let programs: Vec<Value> = catalog.programs.iter().map(|p| program_row(p, context)).collect();
    let courses: Vec<Value> = catalog.courses.iter().map(|c| course_row(c, context)).collect();
    let mut keys: Vec<String> = catalog.programs.iter().map(|p| p.key.clone()).collect();
    keys.extend(catalog.courses.iter().map(|c| c.key.clone()));

    let mut part_of = Vec::new();
    let mut prerequisites = Vec::new();
    let mut corequisites = Vec::new();
    let mut remainders: Vec<Value> = catalog.remainders.iter().map(|r| span_row(&r.span, r.attached_to.as_deref(), None)).collect();
    for link in &catalog.links {
        let row = json!({
            "key": link.key,
            "from": link.from,
            "to": link.to,
            "group": link.group,
            "required": link.required,
            "position": link.position,
            "concurrentAllowed": link.concurrent_allowed,
        });
        match link.kind {
            LinkKind::PartOf => part_of.push(row),
            LinkKind::PrerequisiteFor => prerequisites.push(row),
            LinkKind::CorequisiteFor => corequisites.push(row),
        }
        // A link stated as its own table row keeps its text beside the document, so the
        // document still reassembles when an endpoint course is missing from the graph.
        if let Some(span) = &link.span {
            remainders.push(span_row(span, None, Some(&link.key)));
        }
    }

    let classifications = catalog.programs.iter().filter_map(|p| classification_row(p, cip)).collect();
    IngestRows { keys, programs, courses, part_of, prerequisites, corequisites, classifications, remainders }
}

/// Returns the CTDL credential type name for an award level.
pub fn credential_type(level: AwardLevel) -> &'static str {
    match level {
        AwardLevel::Certificate => "Certificate",
        AwardLevel::TechnicalCertificateOfCredit => "Certificate",
        AwardLevel::Diploma => "Diploma",
        AwardLevel::Associate => "AssociateDegree",
        AwardLevel::Bachelor => "BachelorDegree",
        AwardLevel::Master => "MasterDegree",
        AwardLevel::Doctorate => "DoctoralDegree",
        AwardLevel::Unknown => "Credential",
    }
}

/// Returns the award level as stored in `Program.awardLevel`.
pub fn award_level_name(level: AwardLevel) -> &'static str {
    match level {
        AwardLevel::Certificate => "CERTIFICATE",
        AwardLevel::TechnicalCertificateOfCredit => "TECHNICAL_CERTIFICATE_OF_CREDIT",
        AwardLevel::Diploma => "DIPLOMA",
        AwardLevel::Associate => "ASSOCIATE",
        AwardLevel::Bachelor => "BACHELOR",
        AwardLevel::Master => "MASTER",
        AwardLevel::Doctorate => "DOCTORATE",
        AwardLevel::Unknown => "UNKNOWN",
    }
}

fn program_row(program: &Program, context: &RecordContext<'_>) -> Value {
    let mut row = Map::new();
    row.insert("id".into(), json!(program.key));
    row.insert("code".into(), json!(program.code));
    row.insert("name".into(), json!(program.title));
    row.insert("description".into(), json!(program.description));
    row.insert("credentialType".into(), json!(credential_type(program.award_level)));
    row.insert("awardLevel".into(), json!(award_level_name(program.award_level)));
    row.insert("creditHours".into(), json!(program.total_credits.as_ref().map(|q| q.min)));
    row.insert("clockHours".into(), json!(program.clock_hours.as_ref().map(|q| q.min)));
    row.insert("weeks".into(), json!(program.length_weeks.as_ref().map(|q| q.min)));
    row.insert("weeksEstimated".into(), json!(program.length_weeks.as_ref().map(|q| q.derived)));
    row.insert("weeksBasis".into(), json!(program.length_weeks.as_ref().and_then(|q| q.basis.clone())));

    match (program.total_cost_cents, &program.cost_estimate) {
        (Some(cents), _) => {
            row.insert("costUsd".into(), json!(cents as f64 / 100.0));
            row.insert("costEstimated".into(), json!(false));
        }
        (None, Some(estimate)) => {
            row.insert("costUsd".into(), json!(estimate.total_cents as f64 / 100.0));
            row.insert("costEstimated".into(), json!(true));
            row.insert("costBasis".into(), json!(estimate.basis));
        }
        (None, None) => {}
    }

    row.insert("requiredCourses".into(), json!(program.required_courses));
    row.insert("electiveCourses".into(), json!(program.elective_courses));
    let ctid = ler_catalog::ctdl::ctid_for_key(&program.key);
    row.insert("ctdlJson".into(), json!(ler_catalog::ctdl::program_to_ctdl(program, &ctid).to_string()));
    row.insert("ctid".into(), json!(ctid));
    insert_common(&mut row, &program.spans, context);
    Value::Object(row)
}

fn course_row(course: &Course, context: &RecordContext<'_>) -> Value {
    let mut row = Map::new();
    row.insert("id".into(), json!(course.key));
    row.insert("code".into(), json!(course.code));
    row.insert("subject".into(), json!(course.subject));
    row.insert("number".into(), json!(course.number));
    row.insert("title".into(), json!(course.title));
    row.insert("description".into(), json!(course.description));
    row.insert("creditHours".into(), json!(course.credits.as_ref().map(|q| q.min)));
    row.insert("creditHoursMax".into(), json!(course.credits.as_ref().map(|q| q.max)));
    row.insert("clockHours".into(), json!(course.clock_hours.as_ref().map(|q| q.min)));
    row.insert("prerequisitesText".into(), json!(course.prerequisites_text));
    row.insert("corequisitesText".into(), json!(course.corequisites_text));
    row.insert("costUsd".into(), json!(course.total_cost_cents.map(|c| c as f64 / 100.0)));
    let ctid = ler_catalog::ctdl::ctid_for_key(&course.key);
    row.insert("ctdlJson".into(), json!(ler_catalog::ctdl::course_to_ctdl(course, &ctid).to_string()));
    row.insert("ctid".into(), json!(ctid));
    insert_common(&mut row, &course.spans, context);
    Value::Object(row)
}

/// Adds status, provenance and the record's source spans as parallel lists.
fn insert_common(row: &mut Map<String, Value>, spans: &[Span], context: &RecordContext<'_>) {
    row.insert("status".into(), json!(context.status));
    row.insert("providerId".into(), json!(context.provider_id));
    row.insert("state".into(), json!(context.state));
    row.insert("source".into(), json!(context.source));
    row.insert("sourceDocument".into(), json!(context.document_id));
    row.insert("spanStart".into(), json!(spans.iter().map(|s| s.start).collect::<Vec<_>>()));
    row.insert("spanEnd".into(), json!(spans.iter().map(|s| s.end).collect::<Vec<_>>()));
    row.insert("spanText".into(), json!(spans.iter().map(|s| s.text.as_str()).collect::<Vec<_>>()));
    row.insert("spanPage".into(), json!(spans.iter().map(|s| s.page.map_or(0, i64::from)).collect::<Vec<_>>()));
    // Neo4j stores no null properties, so drop them here and keep `SET n = row` exact.
    row.retain(|_, value| !value.is_null());
}

fn span_row(span: &Span, attached_to: Option<&str>, link_key: Option<&str>) -> Value {
    json!({
        "start": span.start,
        "end": span.end,
        "text": span.text,
        "page": span.page,
        "attachedTo": attached_to,
        "linkKey": link_key,
    })
}

fn classification_row(program: &Program, cip: Option<&CipIndex>) -> Option<Value> {
    let stated = program.codes.iter().find(|c| c.scheme.starts_with("CIP"));
    if let Some(code) = stated {
        return Some(json!({
            "programId": program.key,
            "code": code.code,
            "inferred": code.inferred,
            "confidence": code.confidence,
            "evidence": code.evidence,
        }));
    }
    let found = cip?.infer(&program.title, program.description.as_deref().unwrap_or(""), None)?;
    Some(json!({
        "programId": program.key,
        "code": found.code,
        "inferred": found.inferred,
        "confidence": found.confidence,
        "evidence": found.evidence,
    }))
}

/// Returns the parse without source positions, which is what re-ingest diffs compare.
pub fn without_positions(catalog: &ParsedCatalog) -> ParsedCatalog {
    let mut copy = catalog.clone();
    for course in &mut copy.courses {
        course.spans.clear();
        course.unparsed_lines.clear();
    }
    for program in &mut copy.programs {
        program.spans.clear();
        program.unparsed_lines.clear();
    }
    for link in &mut copy.links {
        link.span = None;
    }
    copy.remainders.clear();
    copy
}

/// Counts links whose endpoints are both records of this parse.
pub fn resolved_link_count(catalog: &ParsedCatalog) -> usize {
    let keys: HashSet<&str> = catalog.courses.iter().map(|c| c.key.as_str()).chain(catalog.programs.iter().map(|p| p.key.as_str())).collect();
    catalog.links.iter().filter(|l| keys.contains(l.from.as_str()) && keys.contains(l.to.as_str())).count()
}

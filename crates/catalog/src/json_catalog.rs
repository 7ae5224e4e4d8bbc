//! JSON catalogs: arrays of course objects and maps of prerequisite groups.

use std::collections::BTreeMap;

use serde_json::value::RawValue;
use serde_json::Value;

use crate::codes::{course_key, normalize_code, parse_range, squash};
use crate::error::CatalogError;
use crate::lines::SpanMaker;
use crate::model::{ClassificationCode, Course, Link, LinkKind, ParsedCatalog, Quantity};
use crate::source::SourceDocument;
use crate::text_courses::{own_codes_removed, prerequisite_sentence};
use crate::{assemble, links};

/// Parses a JSON array of course objects, or an object mapping course codes to prerequisite
/// groups (lists of `{"course", "is_concurrent"}` objects).
pub(crate) fn parse(
    doc: &SourceDocument,
    institution: &str,
) -> Result<ParsedCatalog, CatalogError> {
    let spans = SpanMaker::new(&doc.name, &doc.text, false);
    let mut catalog = ParsedCatalog {
        document: doc.name.clone(),
        format: doc.format,
        institution: institution.to_string(),
        courses: Vec::new(),
        programs: Vec::new(),
        links: Vec::new(),
        remainders: Vec::new(),
        fee_schedule: Vec::new(),
        warnings: Vec::new(),
    };
    let trimmed = doc.text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('[') {
        let items: Vec<&RawValue> =
            serde_json::from_str(&doc.text).map_err(|e| bad_json(doc, &e))?;
        for raw in items {
            let (start, end) = offsets(&doc.text, raw);
            let value: Value = serde_json::from_str(raw.get()).map_err(|e| bad_json(doc, &e))?;
            match course_from_object(institution, &value) {
                Some(mut course) => {
                    course.spans.push(spans.span(start, end));
                    assemble::merge_course(&mut catalog.courses, course, &mut catalog.warnings);
                }
                None => catalog.warnings.push(format!(
                    "JSON element at byte {start} has no course code or title; it is kept as a remainder"
                )),
            }
        }
        catalog.links = links::derive_links(institution, &catalog.courses, &[]);
    } else if trimmed.starts_with('{') {
        let map: BTreeMap<String, &RawValue> =
            serde_json::from_str(&doc.text).map_err(|e| bad_json(doc, &e))?;
        for (course, raw) in map {
            let (start, end) = offsets(&doc.text, raw);
            let groups: Vec<Vec<Value>> =
                serde_json::from_str(raw.get()).map_err(|_| CatalogError::UnsupportedLayout {
                    name: doc.name.clone(),
                    reason: format!("the value for {course} is not a list of prerequisite groups"),
                })?;
            push_group_links(
                &mut catalog,
                institution,
                &course,
                &groups,
                spans.span(start, end),
            );
        }
    } else {
        return Err(CatalogError::UnsupportedLayout {
            name: doc.name.clone(),
            reason: "the JSON document is neither an array nor an object".to_string(),
        });
    }
    assemble::fill_remainders(&mut catalog, &spans);
    Ok(catalog)
}

/// Adds one link per prerequisite; the first link of a course carries the source span.
fn push_group_links(
    catalog: &mut ParsedCatalog,
    institution: &str,
    course: &str,
    groups: &[Vec<Value>],
    span: crate::model::Span,
) {
    let to = course_key(institution, &squash(course));
    let mut span = Some(span);
    for (group, options) in groups.iter().enumerate() {
        for option in options {
            let Some(code) = option.get("course").and_then(Value::as_str) else {
                continue;
            };
            let from = course_key(institution, &squash(code));
            let key = format!(
                "{}#{group}",
                links::link_key(LinkKind::PrerequisiteFor, &from, &to)
            );
            catalog.links.push(Link {
                key,
                kind: LinkKind::PrerequisiteFor,
                from,
                to: to.clone(),
                group: u32::try_from(group).ok(),
                required: true,
                position: None,
                concurrent_allowed: option
                    .get("is_concurrent")
                    .and_then(Value::as_bool)
                    .unwrap_or(false),
                span: span.take(),
            });
        }
    }
}

fn offsets(text: &str, raw: &RawValue) -> (usize, usize) {
    let start = raw.get().as_ptr() as usize - text.as_ptr() as usize;
    (start, start + raw.get().len())
}

fn bad_json(doc: &SourceDocument, e: &serde_json::Error) -> CatalogError {
    CatalogError::BadJson {
        name: doc.name.clone(),
        line: e.line(),
        column: e.column(),
        reason: e.to_string(),
    }
}

fn first<'a>(object: &'a Value, names: &[&str]) -> Option<&'a Value> {
    names
        .iter()
        .find_map(|n| object.get(*n))
        .filter(|v| !v.is_null())
}

fn as_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn as_list(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => items
            .iter()
            .map(as_text)
            .filter(|s| !s.is_empty())
            .collect(),
        Some(Value::String(s)) if !s.trim().is_empty() => vec![s.trim().to_string()],
        _ => Vec::new(),
    }
}

const KNOWN_FIELDS: [&str; 20] = [
    "code",
    "course_code",
    "courseCode",
    "subject",
    "number",
    "title",
    "name",
    "course_title",
    "description",
    "credits",
    "credit_hours",
    "creditHours",
    "pre_requirements",
    "prerequisites",
    "corequisites",
    "offered_terms",
    "terms_offered",
    "instructor",
    "cip",
    "cip_code",
];

/// Reads one course object; returns `None` when it has no recognizable code or title.
fn course_from_object(institution: &str, object: &Value) -> Option<Course> {
    let (subject, number) = match first(object, &["code", "course_code", "courseCode"]) {
        Some(Value::Object(parts)) => (
            as_text(parts.get("prefix").or(parts.get("subject"))?),
            as_text(parts.get("number")?),
        ),
        Some(Value::String(code)) => {
            let (s, n) = code.trim().rsplit_once(' ')?;
            (s.to_string(), n.to_string())
        }
        _ => (
            as_text(object.get("subject")?),
            as_text(object.get("number")?),
        ),
    };

    let title = as_text(first(object, &["title", "name", "course_title"])?);
    let code = normalize_code(&subject, &number);
    let description = first(object, &["description"]).map(as_text);
    let credits = first(object, &["credits", "credit_hours", "creditHours"]).and_then(|v| {
        let text = as_text(v);
        parse_range(&text).map(|q| Quantity { text, ..q })
    });

    let prerequisites = as_list(first(object, &["pre_requirements", "prerequisites"]));
    let corequisites = as_list(first(object, &["corequisites"]));
    let mut course = crate::text_courses::course_from_header(
        institution,
        &crate::text_courses::CourseHeader {
            subject,
            number,
            title,
            credits,
            last_line: 0,
        },
    );

    course.description = description.clone();
    if !prerequisites.is_empty() {
        let text = prerequisites.join("; ");
        course.prerequisite_codes = own_codes_removed(&code, &text);
        course.prerequisites_text = Some(text);
    } else if let Some(sentence) = description.as_deref().and_then(prerequisite_sentence) {
        course.prerequisite_codes = own_codes_removed(&code, &sentence);
        course.prerequisites_text = Some(sentence);
    }
    if !corequisites.is_empty() {
        let text = corequisites.join("; ");
        course.corequisite_codes = own_codes_removed(&code, &text);
        course.corequisites_text = Some(text);
    }

    course.terms_offered = as_list(first(object, &["offered_terms", "terms_offered"]));
    course.instructor = first(object, &["instructor"]).map(as_text);
    if let Some(cip) = first(object, &["cip", "cip_code"]) {
        course.codes.push(ClassificationCode {
            scheme: "CIP-2020".to_string(),
            code: as_text(cip),
            confidence: 1.0,
            inferred: false,
            evidence: vec!["stated".to_string()],
        });
    }

    if let Value::Object(fields) = object {
        for (name, value) in fields {
            if !KNOWN_FIELDS.contains(&name.as_str()) {
                course.attributes.insert(name.clone(), as_text(value));
            }
        }
    }
    Some(course)
}

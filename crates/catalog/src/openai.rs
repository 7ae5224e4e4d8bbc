//! An extractor that requests records from an OpenAI-compatible chat completions endpoint.
//!
//! The model returns byte offsets for each course and program. The adapter builds records
//! from them and runs the same lossless checks as the rule-based extractor, so a model that
//! invents offsets or text is rejected instead of stored.

use std::fmt;
use std::time::Duration;

use serde::Deserialize;
use serde_json::{json, Value};

use crate::award::level_from_words;
use crate::codes::{find_course_codes, normalize_code, parse_range, program_key};
use crate::error::CatalogError;
use crate::extractor::{check_extraction, Extractor};
use crate::http::post_json;
use crate::lines::SpanMaker;
use crate::model::{AwardLevel, ParsedCatalog, Program};
use crate::source::SourceDocument;
use crate::text_courses::{course_from_header, own_codes_removed, CourseHeader};
use crate::{assemble, links, ParseOptions};

/// Largest document sent to the endpoint, in bytes; longer catalogs must be split first
/// because chat models accept a limited context.
pub const MAX_PROMPT_DOCUMENT_BYTES: usize = 200 * 1024;

const SYSTEM_PROMPT: &str = "You extract course catalog records. Reply with one JSON object \
{\"courses\": [...], \"programs\": [...]}. Each course has code, title, credits, description, \
prerequisites, corequisites, start, end. Each program has code, title, award_level, \
total_credits, required_courses (list of course codes in catalog order), start, end. start and \
end are byte offsets into the user message (UTF-8), covering the whole entry, and entries must \
not overlap.";

/// An API key that never appears in Debug output.
#[derive(Clone)]
pub struct ApiKey(String);

impl ApiKey {
    pub fn new(key: impl Into<String>) -> ApiKey {
        ApiKey(key.into())
    }

    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(<redacted>)")
    }
}

/// Settings for an OpenAI-compatible endpoint.
#[derive(Debug, Clone)]
pub struct OpenAiExtractor {
    /// Base URL such as "http://127.0.0.1:8000/v1"; "/chat/completions" is appended.
    /// Only plain `http://` is supported, so use it for a local or proxied model server.
    pub base_url: String,
    pub api_key: ApiKey,
    pub model: String,
    pub timeout: Duration,
}

#[derive(Debug, Deserialize)]
struct ModelOutput {
    #[serde(default)]
    courses: Vec<ModelCourse>,
    #[serde(default)]
    programs: Vec<ModelProgram>,
}

#[derive(Debug, Deserialize)]
struct ModelCourse {
    code: String,
    title: String,
    #[serde(default)]
    credits: Option<Value>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    prerequisites: Option<String>,
    #[serde(default)]
    corequisites: Option<String>,
    start: usize,
    end: usize,
}

#[derive(Debug, Deserialize)]
struct ModelProgram {
    #[serde(default)]
    code: Option<String>,
    title: String,
    #[serde(default)]
    award_level: Option<String>,
    #[serde(default)]
    total_credits: Option<Value>,
    #[serde(default)]
    required_courses: Vec<String>,
    start: usize,
    end: usize,
}

impl Extractor for OpenAiExtractor {
    fn extract(
        &self,
        doc: &SourceDocument,
        opts: &ParseOptions,
    ) -> Result<ParsedCatalog, CatalogError> {
        if doc.text.len() > MAX_PROMPT_DOCUMENT_BYTES.min(opts.max_document_bytes) {
            return Err(CatalogError::TooLarge {
                name: doc.name.clone(),
                limit: MAX_PROMPT_DOCUMENT_BYTES.min(opts.max_document_bytes),
            });
        }
        let url = format!("{}/chat/completions", self.base_url.trim_end_matches('/'));
        let request = json!({
            "model": self.model,
            "response_format": { "type": "json_object" },
            "messages": [
                { "role": "system", "content": SYSTEM_PROMPT },
                { "role": "user", "content": doc.text },
            ],
        });
        let response = post_json(&url, self.api_key.expose(), &request, self.timeout)?;
        let content = response
            .pointer("/choices/0/message/content")
            .and_then(Value::as_str)
            .ok_or_else(|| invalid("the response has no choices[0].message.content string"))?;
        let output: ModelOutput = serde_json::from_str(content)
            .map_err(|e| invalid(&format!("the model reply is not the expected JSON: {e}")))?;
        let catalog = build_catalog(doc, &opts.institution, output)?;
        check_extraction(doc, &catalog)?;
        Ok(catalog)
    }
}

fn invalid(reason: &str) -> CatalogError {
    CatalogError::InvalidExtraction {
        reason: reason.to_string(),
    }
}

/// Checks that `start..end` is inside the text, on character boundaries and non-empty.
fn checked_range(text: &str, start: usize, end: usize, what: &str) -> Result<(), CatalogError> {
    let valid = start < end
        && end <= text.len()
        && text.is_char_boundary(start)
        && text.is_char_boundary(end);
    if valid {
        Ok(())
    } else {
        Err(invalid(&format!(
            "{what} has offsets {start}..{end}, which are empty, outside the {}-byte document \
             or inside a character",
            text.len()
        )))
    }
}

fn build_catalog(
    doc: &SourceDocument,
    institution: &str,
    output: ModelOutput,
) -> Result<ParsedCatalog, CatalogError> {
    let spans = SpanMaker::new(&doc.name, &doc.text, true);
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

    for item in output.courses {
        let codes = find_course_codes(&item.code);
        let [code] = codes.as_slice() else {
            return Err(invalid(&format!(
                "course code {:?} is not one course code",
                item.code
            )));
        };
        checked_range(&doc.text, item.start, item.end, &format!("course {code}"))?;
        let (subject, number) = code.split_once(' ').unwrap_or((code.as_str(), ""));
        let source = &doc.text[item.start..item.end];
        if !source.contains(subject) || !source.contains(number) {
            return Err(invalid(&format!(
                "course {code} points at bytes {}..{}, which do not contain its code",
                item.start, item.end
            )));
        }
        let credits = item.credits.as_ref().and_then(|v| {
            let text = match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            parse_range(&text).map(|q| crate::model::Quantity { text, ..q })
        });
        let header = CourseHeader {
            subject: subject.to_string(),
            number: number.to_string(),
            title: item.title,
            credits,
            last_line: 0,
        };
        let mut course = course_from_header(institution, &header);
        course.description = item.description;
        if let Some(text) = item.prerequisites.filter(|t| !t.trim().is_empty()) {
            course.prerequisite_codes = own_codes_removed(&course.code, &text);
            course.prerequisites_text = Some(text);
        }
        if let Some(text) = item.corequisites.filter(|t| !t.trim().is_empty()) {
            course.corequisite_codes = own_codes_removed(&course.code, &text);
            course.corequisites_text = Some(text);
        }
        course.spans.push(spans.span(item.start, item.end));
        assemble::merge_course(&mut catalog.courses, course, &mut catalog.warnings);
    }

    for item in output.programs {
        checked_range(
            &doc.text,
            item.start,
            item.end,
            &format!("program {:?}", item.title),
        )?;
        let award_level = item
            .award_level
            .as_deref()
            .and_then(level_from_words)
            .unwrap_or(AwardLevel::Unknown);
        let required_courses = item
            .required_courses
            .iter()
            .flat_map(|c| find_course_codes(c))
            .map(|c| {
                let (s, n) = c.split_once(' ').unwrap_or((c.as_str(), ""));
                normalize_code(s, n)
            })
            .collect();
        let total_credits = item
            .total_credits
            .as_ref()
            .and_then(|v| parse_range(&v.to_string().replace('"', "")));
        let program = Program {
            key: program_key(institution, item.code.as_deref(), &item.title),
            code: item.code,
            title: item.title,
            award_level,
            description: None,
            total_credits,
            clock_hours: None,
            length_terms: None,
            length_weeks: None,
            tuition_and_fees: Vec::new(),
            total_cost_cents: None,
            cost_estimate: None,
            required_courses,
            elective_courses: Vec::new(),
            codes: Vec::new(),
            attributes: Default::default(),
            spans: vec![spans.span(item.start, item.end)],
            unparsed_lines: Vec::new(),
        };
        assemble::merge_program(&mut catalog.programs, program, &mut catalog.warnings);
    }

    catalog.links = links::derive_links(institution, &catalog.courses, &catalog.programs);
    assemble::fill_remainders(&mut catalog, &spans);
    Ok(catalog)
}

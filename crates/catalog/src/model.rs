//! Records produced by catalog parsing: courses, programs, links and kept remainders.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::source::Format;

/// A byte range of the decoded source text, with the original text it covers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Span {
    pub document: String,
    /// 1-based page number for text with form-feed page breaks; `None` for JSON and CSV.
    pub page: Option<u32>,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The original text, `source[start..end]`.
    pub text: String,
}

/// A number as stated in the source, with its parsed value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    /// Original wording, for example "1 TO 4 hours." or "4 terms".
    pub text: String,
    /// Lowest value stated.
    pub min: f64,
    /// Highest value stated; equal to `min` for a single value.
    pub max: f64,
    /// True when the value was computed rather than stated.
    pub derived: bool,
    /// Computation behind a derived value; `None` for stated values.
    pub basis: Option<String>,
}

impl Quantity {
    pub(crate) fn stated(text: &str, min: f64, max: f64) -> Quantity {
        Quantity {
            text: text.trim().to_string(),
            min,
            max,
            derived: false,
            basis: None,
        }
    }
}

/// A stated amount of money in US cents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Money {
    /// Purpose of the amount, for example "Tuition" or "Lab fee".
    pub label: String,
    pub amount_cents: i64,
    /// Original wording of the amount.
    pub text: String,
}

/// A classification code such as CIP, stated in the source or inferred.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClassificationCode {
    /// Code system, for example "CIP-2020".
    pub scheme: String,
    pub code: String,
    /// 1.0 for stated codes.
    pub confidence: f64,
    pub inferred: bool,
    /// Matched words, or "stated".
    pub evidence: Vec<String>,
}

/// A course found in a catalog.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Course {
    /// Natural key `<institution>:course:<SUBJECT> <NUMBER>`, stable across re-ingests.
    pub key: String,
    /// Normalized code, for example "WELD 1000".
    pub code: String,
    pub subject: String,
    pub number: String,
    pub title: String,
    pub description: Option<String>,
    /// Credit hours as stated.
    pub credits: Option<Quantity>,
    pub clock_hours: Option<Quantity>,
    pub terms_offered: Vec<String>,
    /// Prerequisite wording as stated, for example "ACCT 1100, COMP 1000".
    pub prerequisites_text: Option<String>,
    pub corequisites_text: Option<String>,
    /// Course codes found in the prerequisite wording, in order of appearance.
    pub prerequisite_codes: Vec<String>,
    pub corequisite_codes: Vec<String>,
    pub tuition_and_fees: Vec<Money>,
    /// Sum of `tuition_and_fees`, stored beside the stated amounts.
    pub total_cost_cents: Option<i64>,
    pub aid_notes: Vec<String>,
    pub instructor: Option<String>,
    /// Equivalence and replacement statements, for example "Same as AFRO 201".
    pub articulation: Vec<String>,
    pub codes: Vec<ClassificationCode>,
    /// Other stated fields by name, for example "gen_ed" or "distance_available".
    pub attributes: BTreeMap<String, String>,
    /// Source text of the entry. A course repeated in the source has several spans.
    pub spans: Vec<Span>,
    /// Lines inside `spans` that the parser did not interpret (page headers, artifacts).
    pub unparsed_lines: Vec<Span>,
}

/// Award level of a program.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AwardLevel {
    Certificate,
    TechnicalCertificateOfCredit,
    Diploma,
    Associate,
    Bachelor,
    Master,
    Doctorate,
    Unknown,
}

/// Cost of a program computed from a catalog-wide fee schedule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CostEstimate {
    pub tuition_cents: i64,
    pub fees_cents: i64,
    pub total_cents: i64,
    /// The rates and counts used, in words.
    pub basis: String,
}

/// A program (certificate, diploma or degree) and its requirement list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Program {
    /// Natural key `<institution>:program:<code or title slug>`.
    pub key: String,
    /// Program code as stated, for example "WAJ2".
    pub code: Option<String>,
    pub title: String,
    pub award_level: AwardLevel,
    pub description: Option<String>,
    pub total_credits: Option<Quantity>,
    pub clock_hours: Option<Quantity>,
    pub length_terms: Option<Quantity>,
    /// Stated weeks, or weeks derived from terms (then `derived` is true).
    pub length_weeks: Option<Quantity>,
    pub tuition_and_fees: Vec<Money>,
    pub total_cost_cents: Option<i64>,
    /// Derived from the catalog fee schedule when the program states no cost.
    pub cost_estimate: Option<CostEstimate>,
    /// Required course codes in catalog order.
    pub required_courses: Vec<String>,
    /// Elective and choose-one course codes in catalog order.
    pub elective_courses: Vec<String>,
    pub codes: Vec<ClassificationCode>,
    pub attributes: BTreeMap<String, String>,
    pub spans: Vec<Span>,
    pub unparsed_lines: Vec<Span>,
}

/// Kind of a stated relation between records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum LinkKind {
    /// `from` must be completed before `to`.
    PrerequisiteFor,
    /// `from` must be taken with or before `to`.
    CorequisiteFor,
    /// Course `from` belongs to program `to`.
    PartOf,
}

/// A stated relation between two records, by natural key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Link {
    /// Natural key of the link itself, unique within one parse.
    pub key: String,
    pub kind: LinkKind,
    pub from: String,
    pub to: String,
    /// Alternatives share a group: one course from each group satisfies the requirement.
    pub group: Option<u32>,
    /// For `PartOf`: true for required courses, false for electives.
    pub required: bool,
    /// For `PartOf`: 0-based position in the program's list.
    pub position: Option<u32>,
    pub concurrent_allowed: bool,
    /// Own source text, for links stated as table rows; `None` when stated inside a record.
    pub span: Option<Span>,
}

/// Source text the parser did not assign to a record, kept and attached to the nearest one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Remainder {
    pub span: Span,
    /// Key of the nearest record, or `None` when the document has no records.
    pub attached_to: Option<String>,
}

/// One catalog-wide fee stated once for all programs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeeItem {
    pub label: String,
    pub amount_cents: i64,
    pub per_credit_hour: bool,
    /// True for a fee stated per term, false when stated per credit hour.
    pub per_term: bool,
    /// True when the text limits the fee to some programs only.
    pub restricted: bool,
    pub text: String,
}

/// The result of parsing one catalog document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParsedCatalog {
    pub document: String,
    pub format: Format,
    pub institution: String,
    pub courses: Vec<Course>,
    pub programs: Vec<Program>,
    pub links: Vec<Link>,
    pub remainders: Vec<Remainder>,
    pub fee_schedule: Vec<FeeItem>,
    /// Parser notes about the input, for example duplicate course entries.
    pub warnings: Vec<String>,
}

impl ParsedCatalog {
    /// Collects every top-level span (records, link rows and remainders) in offset order.
    pub fn all_spans(&self) -> Vec<&Span> {
        let mut spans: Vec<&Span> = Vec::new();
        spans.extend(self.courses.iter().flat_map(|c| c.spans.iter()));
        spans.extend(self.programs.iter().flat_map(|p| p.spans.iter()));
        spans.extend(self.links.iter().filter_map(|l| l.span.as_ref()));
        spans.extend(self.remainders.iter().map(|r| &r.span));
        spans.sort_by_key(|s| (s.start, s.end));
        spans
    }

    /// Rebuilds the source text by concatenating all spans in offset order.
    pub fn reassemble(&self) -> String {
        let spans = self.all_spans();
        let mut out = String::with_capacity(spans.last().map(|s| s.end).unwrap_or(0));
        for span in spans {
            out.push_str(&span.text);
        }
        out
    }

    /// Finds a course by its normalized code, for example "WELD 1000".
    pub fn course(&self, code: &str) -> Option<&Course> {
        self.courses.iter().find(|c| c.code == code)
    }

    /// Finds a program by its stated code, for example "WAJ2".
    pub fn program(&self, code: &str) -> Option<&Program> {
        self.programs
            .iter()
            .find(|p| p.code.as_deref() == Some(code))
    }
}

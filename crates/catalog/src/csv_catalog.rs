//! CSV catalogs: course tables (one row per course or per section) and prerequisite edges.

use std::collections::HashMap;

use crate::codes::{course_key, normalize_code, parse_money_cents, parse_range, squash};
use crate::error::CatalogError;
use crate::lines::{decode_entities, SpanMaker};
use crate::model::{ClassificationCode, Link, LinkKind, Money, ParsedCatalog, Quantity};
use crate::source::SourceDocument;
use crate::text_courses::{
    course_from_header, own_codes_removed, prerequisite_sentence, CourseHeader,
};
use crate::{assemble, links};

/// Column positions of a course table, found by header name.
struct CourseColumns {
    subject: Option<usize>,
    number: Option<usize>,
    code: Option<usize>,
    title: usize,
    description: Option<usize>,
    credits: Option<usize>,
    term: Option<usize>,
    instructor: Option<usize>,
    cip: Option<usize>,
    money: Vec<(usize, String)>,
    attributes: Vec<(usize, String)>,
}

/// Parses a CSV course table or a prerequisite edge table (CourseName, PrereqName, ...).
pub(crate) fn parse(
    doc: &SourceDocument,
    institution: &str,
) -> Result<ParsedCatalog, CatalogError> {
    let spans = SpanMaker::new(&doc.name, &doc.text, false);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(doc.text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| bad_csv(doc, &e))?
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}').to_ascii_lowercase())
        .collect();
    let find = |names: &[&str]| find_column(&headers, names);

    let mut rows: Vec<(usize, csv::StringRecord)> = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let start = record.position().map_or(0, |p| p.byte() as usize);
                rows.push((start, record.clone()));
            }
            Err(e) => return Err(bad_csv(doc, &e)),
        }
    }
    let ends: Vec<usize> = rows
        .iter()
        .skip(1)
        .map(|(start, _)| *start)
        .chain(std::iter::once(doc.text.len()))
        .collect();

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

    if let (Some(course), Some(prereq)) = (find(&["coursename"]), find(&["prereqname"])) {
        let concurrent = find(&["concurrentallowed"]);
        let group = find(&["prereqgroupnum"]);
        let mut seen = std::collections::HashSet::new();
        for ((start, row), end) in rows.iter().zip(&ends) {
            let to = course_key(institution, &squash(row.get(course).unwrap_or("")));
            let from = course_key(institution, &squash(row.get(prereq).unwrap_or("")));
            let group_number = group
                .and_then(|g| row.get(g))
                .and_then(|g| g.trim().parse().ok());
            let key = format!(
                "{}#{}",
                links::link_key(LinkKind::PrerequisiteFor, &from, &to),
                group_number.unwrap_or(0)
            );
            if !seen.insert(key.clone()) {
                catalog
                    .warnings
                    .push(format!("prerequisite row at byte {start} repeats {key}"));
                continue;
            }
            catalog.links.push(Link {
                key,
                kind: LinkKind::PrerequisiteFor,
                from,
                to,
                group: group_number,
                required: true,
                position: None,
                concurrent_allowed: concurrent
                    .and_then(|c| row.get(c))
                    .is_some_and(|c| c.trim().eq_ignore_ascii_case("true")),
                span: Some(spans.span(*start, *end)),
            });
        }
    } else {
        let columns = course_columns(doc, &headers)?;
        let mut index: HashMap<String, usize> = HashMap::new();
        for ((start, row), end) in rows.iter().zip(&ends) {
            let span = spans.span(*start, *end);
            let Some((subject, number)) = row_code(&columns, row) else {
                catalog.warnings.push(format!(
                    "CSV row at byte {start} has no course code; it is kept as a remainder"
                ));
                continue;
            };
            let code = normalize_code(&subject, &number);
            let term = columns
                .term
                .and_then(|t| row.get(t))
                .map(str::trim)
                .unwrap_or("");
            if let Some(&existing) = index.get(&code) {
                // Later rows of the same course are sections: keep their text and terms.
                let course = &mut catalog.courses[existing];
                course.spans.push(span);
                if !term.is_empty() && !course.terms_offered.iter().any(|t| t == term) {
                    course.terms_offered.push(term.to_string());
                }
                continue;
            }
            let mut course = course_from_row(institution, &columns, row, subject, number);
            if !term.is_empty() {
                course.terms_offered.push(term.to_string());
            }
            course.spans.push(span);
            index.insert(code, catalog.courses.len());
            catalog.courses.push(course);
        }
        catalog.links = links::derive_links(institution, &catalog.courses, &[]);
    }
    assemble::fill_remainders(&mut catalog, &spans);
    Ok(catalog)
}

fn bad_csv(doc: &SourceDocument, e: &csv::Error) -> CatalogError {
    let offset = e.position().map_or(0, |p| p.byte());
    CatalogError::BadCsv {
        name: doc.name.clone(),
        offset,
        reason: e.to_string(),
    }
}

fn course_columns(doc: &SourceDocument, headers: &[String]) -> Result<CourseColumns, CatalogError> {
    let find = |names: &[&str]| find_column(headers, names);
    let subject = find(&["subject", "subject code", "prefix"]);
    let number = find(&["number", "course number", "catalog number"]);
    let code = find(&["code", "course", "course code", "course id"]);
    let title = find(&["name", "title", "course title", "course name"]);
    let has_code = code.is_some() || (subject.is_some() && number.is_some());
    let Some(title) = title.filter(|_| has_code) else {
        return Err(CatalogError::UnsupportedLayout {
            name: doc.name.clone(),
            reason: format!(
                "the CSV header ({}) needs a course code column (Code, or Subject and Number) \
                 and a title column (Name or Title)",
                headers.join(", ")
            ),
        });
    };

    let mut columns = CourseColumns {
        subject,
        number,
        code,
        title,
        description: find(&["description", "course description"]),
        credits: find(&["credit hours", "credits", "hours", "units"]),
        term: find(&["yearterm", "term", "terms offered"]),
        instructor: find(&["instructor", "instructor of record"]),
        cip: find(&["cip", "cip code"]),
        money: Vec::new(),
        attributes: Vec::new(),
    };
    let used: Vec<usize> = [
        columns.subject,
        columns.number,
        columns.code,
        Some(columns.title),
        columns.description,
        columns.credits,
        columns.term,
        columns.instructor,
        columns.cip,
    ]
    .into_iter()
    .flatten()
    .collect();

    for (i, header) in headers.iter().enumerate() {
        if used.contains(&i) {
            continue;
        }
        if ["tuition", "fee", "cost"]
            .iter()
            .any(|w| header.contains(w))
        {
            columns.money.push((i, header.clone()));
        } else {
            columns.attributes.push((i, header.clone()));
        }
    }
    Ok(columns)
}

/// Finds the first of `names` (in order of preference) among the lowercase headers.
fn find_column(headers: &[String], names: &[&str]) -> Option<usize> {
    names
        .iter()
        .find_map(|name| headers.iter().position(|h| h == name))
}

fn row_code(columns: &CourseColumns, row: &csv::StringRecord) -> Option<(String, String)> {
    if let (Some(s), Some(n)) = (columns.subject, columns.number) {
        let subject = row.get(s)?.trim();
        let number = row.get(n)?.trim();
        if !subject.is_empty() && !number.is_empty() {
            return Some((subject.to_string(), number.to_string()));
        }
    }
    let code = row.get(columns.code?)?.trim();
    let (subject, number) = code.rsplit_once(' ')?;
    Some((subject.trim().to_string(), number.trim().to_string()))
}

fn course_from_row(
    institution: &str,
    columns: &CourseColumns,
    row: &csv::StringRecord,
    subject: String,
    number: String,
) -> crate::model::Course {
    let cell = |i: Option<usize>| {
        i.and_then(|i| row.get(i))
            .map(|v| decode_entities(v.trim()))
            .filter(|v| !v.is_empty())
    };
    let credits = cell(columns.credits).and_then(|text| {
        parse_range(&text).map(|q| Quantity {
            text: text.clone(),
            ..q
        })
    });
    let header = CourseHeader {
        subject,
        number,
        title: cell(Some(columns.title)).unwrap_or_default(),
        credits,
        last_line: 0,
    };
    let mut course = course_from_header(institution, &header);

    course.description = cell(columns.description);
    if let Some(sentence) = course
        .description
        .as_deref()
        .and_then(prerequisite_sentence)
    {
        course.prerequisite_codes = own_codes_removed(&course.code, &sentence);
        course.prerequisites_text = Some(sentence);
    }
    if let Some(description) = &course.description {
        for sentence in description.split(". ") {
            let lower = sentence.to_ascii_lowercase();
            if lower.starts_with("same as") || lower.starts_with("credit is not given") {
                course
                    .articulation
                    .push(sentence.trim_end_matches('.').to_string() + ".");
            }
        }
    }

    course.instructor = cell(columns.instructor);
    if let Some(cip) = cell(columns.cip) {
        course.codes.push(ClassificationCode {
            scheme: "CIP-2020".to_string(),
            code: cip,
            confidence: 1.0,
            inferred: false,
            evidence: vec!["stated".to_string()],
        });
    }

    for (i, header) in &columns.money {
        if let Some(text) = cell(Some(*i)) {
            if let Some(amount_cents) = parse_money_cents(&text).or_else(|| plain_dollars(&text)) {
                course.tuition_and_fees.push(Money {
                    label: header.clone(),
                    amount_cents,
                    text,
                });
            }
        }
    }
    course.total_cost_cents = crate::text_programs::sum_money(&course.tuition_and_fees);

    for (i, header) in &columns.attributes {
        if let Some(value) = cell(Some(*i)) {
            course.attributes.insert(header.clone(), value);
        }
    }
    course
}

fn plain_dollars(text: &str) -> Option<i64> {
    let value: f64 = text.replace(',', "").parse().ok()?;
    if !value.is_finite() || value < 0.0 {
        return None;
    }
    Some((value * 100.0).round() as i64)
}

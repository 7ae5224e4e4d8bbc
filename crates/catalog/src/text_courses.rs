//! Course entries in catalog text: header recognition and labelled fields.

use std::sync::LazyLock;

use regex::Regex;

use crate::codes::{find_course_codes, normalize_code, parse_money_cents, parse_range, squash};
use crate::lines::Line;
use crate::model::{ClassificationCode, Course, Money, Quantity};

static HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<subj>[A-Z]{2,5})\s?(?P<num>\d{3,4}[A-Z]?)\s*(?:[-–—:]|\.\s)\s*(?P<rest>\S.*)$",
    )
    .expect("course header pattern is valid")
});

const CREDIT_WORDS: &str =
    r"(?:semester\s+|quarter\s+)?(?:credit\s+hours?|credits?|hours?|units?|cr\.?)";

static PAREN_CREDITS: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r"(?i)^(?P<title>.*?)\s*\(?\s*(?P<cr>\d+(?:\.\d+)?(?:\s*(?:-|–|to|or)\s*\d+(?:\.\d+)?)?)\s*(?:{CREDIT_WORDS})?\s*\)\s*\.?$"
    );
    Regex::new(&pattern).expect("parenthesized credit pattern is valid")
});

static WORD_CREDITS: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r"(?i)^(?P<title>.*?)[.,;]?\s+(?P<cr>\d+(?:\.\d+)?(?:\s*(?:-|–|to|or)\s*\d+(?:\.\d+)?)?)\s+{CREDIT_WORDS}\.?$"
    );
    Regex::new(&pattern).expect("worded credit pattern is valid")
});

static CONTINUATION_CREDITS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<more>[^:]*?)\s*\((?P<cr>\d+(?:\.\d+)?)\)\s*$")
        .expect("continuation credit pattern is valid")
});

static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?P<label>pre-?\s?requisites?|prereq(?:uisite)?s?|co-?\s?requisites?|coreq(?:uisite)?s?|terms?\s+offered|offered|instructor(?:\s+of\s+record)?|clock\s+hours|contact\s+hours|cip(?:\s+code)?|financial\s+aid|aid|[a-z /&]*(?:tuition|fees?|cost))\s*:\s*(?P<value>.*)$",
    )
    .expect("field label pattern is valid")
});

static ARTICULATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\(?\s*(?:replaces|same as|equivalent to|articulat\w*|transfers? as|cross-listed)\b",
    )
    .expect("articulation pattern is valid")
});

static CIP_CODE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{2}\.\d{4})\b").expect("CIP pattern is valid"));

/// A recognized course header, possibly continued on the next line.
#[derive(Debug, Clone)]
pub(crate) struct CourseHeader {
    pub subject: String,
    pub number: String,
    pub title: String,
    pub credits: Option<Quantity>,
    /// Index of the last line the header uses.
    pub last_line: usize,
}

/// Recognizes a course header at line `i`.
///
/// A header without a credit amount is accepted only after a blank line or page furniture,
/// because wrapped prerequisite lists also start lines with course codes.
pub(crate) fn match_header(lines: &[Line], furniture: &[bool], i: usize) -> Option<CourseHeader> {
    let caps = HEADER.captures(&lines[i].clean)?;
    let rest = caps["rest"].trim();
    if rest.len() > 150 || !rest.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) {
        return None;
    }

    let previous = previous_content_line(lines, furniture, i);
    let after_break = match previous {
        None => true,
        Some(p) => p + 1 < i,
    };
    let after_label = previous.is_some_and(|p| LABEL.is_match(&lines[p].clean));

    let mut header = CourseHeader {
        subject: caps["subj"].to_string(),
        number: caps["num"].to_string(),
        title: rest.trim_end_matches('.').to_string(),
        credits: None,
        last_line: i,
    };
    if let Some((title, credits)) = split_credits(rest) {
        if after_label && !after_break {
            return None;
        }
        header.title = title;
        header.credits = Some(credits);
        return Some(header);
    }

    if !after_break {
        return None;
    }
    // The credit amount may wrap onto the next content line, past a page break.
    if let Some(next) = next_content_line(lines, furniture, i) {
        let text = &lines[next].clean;
        if text.len() < 90 && !text.starts_with("(Replaces") {
            if let Some(more) = CONTINUATION_CREDITS.captures(text) {
                let joined = format!("{} {}", header.title, more["more"].trim());
                header.title = squash(&joined);
                header.credits = parse_range(&more["cr"]);
                header.last_line = next;
            }
        }
    }
    Some(header)
}

fn split_credits(rest: &str) -> Option<(String, Quantity)> {
    let caps = PAREN_CREDITS
        .captures(rest)
        .or_else(|| WORD_CREDITS.captures(rest))?;
    let title = caps["title"].trim().trim_end_matches(['.', ',']).trim();
    if title.is_empty() {
        return None;
    }
    let mut credits = parse_range(&caps["cr"])?;
    credits.text = caps["cr"].trim().to_string();
    Some((title.to_string(), credits))
}

fn previous_content_line(lines: &[Line], furniture: &[bool], i: usize) -> Option<usize> {
    (0..i)
        .rev()
        .find(|&p| !lines[p].clean.is_empty() && !furniture[p])
}

fn next_content_line(lines: &[Line], furniture: &[bool], i: usize) -> Option<usize> {
    (i + 1..lines.len().min(i + 12)).find(|&n| !lines[n].clean.is_empty() && !furniture[n])
}

/// Fills the fields of `course` from the entry lines after its header.
///
/// Returns the indices of lines the parser did not interpret.
pub(crate) fn read_fields(
    course: &mut Course,
    lines: &[Line],
    furniture: &[bool],
    body: std::ops::Range<usize>,
) -> Vec<usize> {
    let mut unparsed = Vec::new();
    let mut description: Vec<&str> = Vec::new();
    let mut open_list: Option<bool> = None;
    for i in body {
        let text = lines[i].clean.as_str();
        if text.is_empty() {
            open_list = None;
            continue;
        }
        if furniture[i] {
            unparsed.push(i);
            continue;
        }
        if let Some(is_prerequisite) = open_list {
            if !LABEL.is_match(text) && continues_list(course, is_prerequisite, text) {
                append_requisite(course, is_prerequisite, text);
                continue;
            }
            open_list = None;
        }
        if ARTICULATION.is_match(text) {
            course.articulation.push(text.to_string());
            continue;
        }
        if let Some(caps) = LABEL.captures(text) {
            let label = caps["label"].to_ascii_lowercase();
            let value = caps["value"].trim();
            if let Some(is_prerequisite) = requisite_kind(&label) {
                append_requisite(course, is_prerequisite, value);
                open_list = Some(is_prerequisite);
                continue;
            }
            if read_label(course, &label, value) {
                continue;
            }
        }
        description.push(text);
    }
    if !description.is_empty() {
        let joined = squash(&description.join(" "));
        if course.prerequisites_text.is_none() {
            if let Some(sentence) = prerequisite_sentence(&joined) {
                course.prerequisite_codes = own_codes_removed(&course.code, &sentence);
                course.prerequisites_text = Some(sentence);
            }
        }
        course.description = Some(joined);
    }
    course.total_cost_cents = crate::text_programs::sum_money(&course.tuition_and_fees);
    unparsed
}

fn requisite_kind(label: &str) -> Option<bool> {
    let compact: String = label.chars().filter(|c| c.is_alphabetic()).collect();
    if compact.starts_with("prereq") {
        Some(true)
    } else if compact.starts_with("coreq") {
        Some(false)
    } else {
        None
    }
}

/// Reads one non-requisite labelled field; returns false when the label is not used.
fn read_label(course: &mut Course, label: &str, value: &str) -> bool {
    if label.contains("offered") {
        course.terms_offered = split_terms(value);
    } else if label.starts_with("instructor") {
        course.instructor = Some(value.to_string());
    } else if label.contains("hours") {
        course.clock_hours = parse_range(value).map(|mut q| {
            q.text = value.to_string();
            q
        });
    } else if label.starts_with("cip") {
        let Some(code) = CIP_CODE.captures(value) else {
            return false;
        };
        course.codes.push(ClassificationCode {
            scheme: "CIP-2020".to_string(),
            code: code[1].to_string(),
            confidence: 1.0,
            inferred: false,
            evidence: vec!["stated".to_string()],
        });
    } else if label.contains("aid") {
        course.aid_notes.push(value.to_string());
    } else {
        let Some(amount_cents) = parse_money_cents(value) else {
            return false;
        };
        course.tuition_and_fees.push(Money {
            label: title_case_label(label),
            amount_cents,
            text: value.to_string(),
        });
    }
    true
}

fn title_case_label(label: &str) -> String {
    let mut chars = label.trim().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

/// Splits "Fall, Spring and Summer" into terms.
pub(crate) fn split_terms(value: &str) -> Vec<String> {
    value
        .split([',', ';', '/'])
        .flat_map(|part| part.split(" and "))
        .map(|t| t.trim().trim_end_matches('.').to_string())
        .filter(|t| !t.is_empty())
        .collect()
}

/// Decides whether `next` continues a requisite list: the list ends with a joiner
/// ("and", a comma) or `next` starts with a course code.
fn continues_list(course: &Course, is_prerequisite: bool, next: &str) -> bool {
    let current = if is_prerequisite {
        course.prerequisites_text.as_deref()
    } else {
        course.corequisites_text.as_deref()
    }
    .unwrap_or("");
    let open_end = current.is_empty()
        || current.ends_with([',', ';', '-', ':', '('])
        || current.ends_with(" and")
        || current.ends_with(" or")
        || current.ends_with(" following");
    let starts_with_code = HEADER.is_match(next)
        || find_course_codes(
            next.split_whitespace()
                .take(2)
                .collect::<Vec<_>>()
                .join(" ")
                .as_str(),
        )
        .len()
            == 1;
    open_end || starts_with_code
}

fn append_requisite(course: &mut Course, is_prerequisite: bool, value: &str) {
    let own = course.code.clone();
    let (text, codes) = if is_prerequisite {
        (
            &mut course.prerequisites_text,
            &mut course.prerequisite_codes,
        )
    } else {
        (&mut course.corequisites_text, &mut course.corequisite_codes)
    };
    let joined = match text.take() {
        Some(existing) if !existing.is_empty() => squash(&format!("{existing} {value}")),
        _ => value.to_string(),
    };
    *codes = own_codes_removed(&own, &joined);
    *text = Some(joined);
}

pub(crate) fn own_codes_removed(own: &str, text: &str) -> Vec<String> {
    find_course_codes(text)
        .into_iter()
        .filter(|c| c != own)
        .collect()
}

/// Finds a "Prerequisite: ..." or "Prerequisites: ..." sentence inside a description.
///
/// The colon is required, because descriptions also mention prerequisites in passing
/// ("no prerequisites needed").
pub(crate) fn prerequisite_sentence(description: &str) -> Option<String> {
    let lower = description.to_ascii_lowercase();
    let start = ["prerequisite:", "prerequisites:"]
        .iter()
        .filter_map(|label| lower.find(label))
        .min()?;
    let tail = &description[start..];
    let end = tail
        .char_indices()
        .find(|&(i, c)| c == '.' && !tail[i + 1..].starts_with(|d: char| d.is_ascii_digit()))
        .map(|(i, _)| i + 1)
        .unwrap_or(tail.len());
    Some(tail[..end].trim().to_string())
}

/// Builds an empty course for a header; the caller fills spans and fields.
pub(crate) fn course_from_header(institution: &str, header: &CourseHeader) -> Course {
    let code = normalize_code(&header.subject, &header.number);
    Course {
        key: crate::codes::course_key(institution, &code),
        subject: header.subject.to_ascii_uppercase(),
        number: header.number.to_ascii_uppercase(),
        code,
        title: squash(&header.title),
        description: None,
        credits: header.credits.clone(),
        clock_hours: None,
        terms_offered: Vec::new(),
        prerequisites_text: None,
        corequisites_text: None,
        prerequisite_codes: Vec::new(),
        corequisite_codes: Vec::new(),
        tuition_and_fees: Vec::new(),
        total_cost_cents: None,
        aid_notes: Vec::new(),
        instructor: None,
        articulation: Vec::new(),
        codes: Vec::new(),
        attributes: Default::default(),
        spans: Vec::new(),
        unparsed_lines: Vec::new(),
    }
}

//! Shared recognizers: course codes, credit amounts, money and natural keys.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::Quantity;

static COURSE_CODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b([A-Z]{2,5})\s?(\d{3,4}[A-Z]?)\b").expect("course code pattern is valid")
});

static NUMBER_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(\d+(?:\.\d+)?)(?:\s*(?:-|–|to|or)\s*(\d+(?:\.\d+)?))?")
        .expect("number range pattern is valid")
});

static MONEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\$\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{2}))?").expect("money pattern is valid")
});

/// Uppercase words that look like subjects but name tests, terms or units instead.
const NOT_SUBJECTS: [&str; 12] = [
    "SAT", "ACT", "GPA", "CIP", "USD", "GED", "ROOM", "PAGE", "AND", "THE", "FOR", "TCSG",
];

/// Formats a subject and number as the normalized code "SUBJ 1234".
pub(crate) fn normalize_code(subject: &str, number: &str) -> String {
    format!(
        "{} {}",
        subject.trim().to_ascii_uppercase(),
        number.trim().to_ascii_uppercase()
    )
}

/// Finds course codes in free text, in order of first appearance, without repeats.
pub fn find_course_codes(text: &str) -> Vec<String> {
    let mut codes: Vec<String> = Vec::new();
    for caps in COURSE_CODE.captures_iter(text) {
        let subject = &caps[1];
        if NOT_SUBJECTS.contains(&subject) {
            continue;
        }
        let code = normalize_code(subject, &caps[2]);
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    codes
}

/// Parses the first number or range ("3", "1 TO 4", "3 or 4", "1-3") in `text`.
pub(crate) fn parse_range(text: &str) -> Option<Quantity> {
    let caps = NUMBER_RANGE.captures(text)?;
    let min: f64 = caps[1].parse().ok()?;
    let max: f64 = match caps.get(2) {
        Some(m) => m.as_str().parse().ok()?,
        None => min,
    };
    if !min.is_finite() || !max.is_finite() {
        return None;
    }
    Some(Quantity::stated(text, min.min(max), min.max(max)))
}

/// Parses the first dollar amount in `text` into cents.
pub(crate) fn parse_money_cents(text: &str) -> Option<i64> {
    let caps = MONEY.captures(text)?;
    let dollars: i64 = caps[1].replace(',', "").parse().ok()?;
    let cents: i64 = match caps.get(2) {
        Some(m) => m.as_str().parse().ok()?,
        None => 0,
    };
    dollars.checked_mul(100)?.checked_add(cents)
}

/// Builds the natural key of a course.
pub fn course_key(institution: &str, code: &str) -> String {
    format!("{institution}:course:{code}")
}

/// Builds the natural key of a program from its code, or from its title when it has none.
pub fn program_key(institution: &str, code: Option<&str>, title: &str) -> String {
    match code {
        Some(code) => format!("{institution}:program:{code}"),
        None => format!("{institution}:program:{}", slug(title)),
    }
}

/// Lowercases and joins the alphanumeric words of `text` with hyphens.
pub(crate) fn slug(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect::<Vec<_>>()
        .join("-")
}

/// Collapses runs of whitespace into single spaces.
pub(crate) fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

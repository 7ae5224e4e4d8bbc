//! Catalog-wide fee schedules and the program costs and lengths derived from them.

use std::sync::LazyLock;

use regex::Regex;

use crate::codes::parse_money_cents;
use crate::lines::Line;
use crate::model::{CostEstimate, FeeItem, Program, Quantity};

/// A fee schedule line: a short label, a colon or a column gap, then "$N per <unit>".
static FEE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?P<label>[^$]{1,60}?)(?:\s*:\s*|\s{2,})\$\s?[\d,]+(?:\.\d\d)?\s+per\s+(?P<unit>credit\s+hour|student\s+per\s+term|term|semester)\b")
        .expect("fee line pattern is valid")
});

static CREDIT_CAP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)maximum\s+(?:of\s+)?(\d+)\s+credit\s+hours")
        .expect("credit cap pattern is valid")
});

static TERM_WEEKS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)periods?\s+of\s+approximately\s+(\d+)\s+weeks|(?:semesters?|terms?)\s+(?:are|is|of)\s+(?:approximately\s+)?(\d+)\s+weeks")
        .expect("term weeks pattern is valid")
});

/// Facts stated once per catalog that programs inherit.
#[derive(Debug, Clone, Default)]
pub(crate) struct CatalogFacts {
    pub fees: Vec<FeeItem>,
    /// Maximum billed credit hours per term, when tuition is capped.
    pub credit_cap_per_term: Option<f64>,
    pub weeks_per_term: Option<f64>,
    /// The sentence that states the term length.
    pub weeks_text: Option<String>,
}

/// Reads per-credit-hour and per-term fees and the term length from all lines.
pub(crate) fn read_facts(lines: &[Line]) -> CatalogFacts {
    let mut facts = CatalogFacts::default();
    for (i, line) in lines.iter().enumerate() {
        let text = line.clean.as_str();
        if facts.weeks_per_term.is_none() {
            let joined = match lines.get(i + 1) {
                Some(next) => format!("{text} {}", next.clean),
                None => text.to_string(),
            };
            if let Some(caps) = TERM_WEEKS.captures(&joined) {
                let number = caps.get(1).or(caps.get(2)).map_or("", |m| m.as_str());
                facts.weeks_per_term = number.parse().ok();
                facts.weeks_text = Some(caps[0].to_string());
            }
        }
        let Some(caps) = FEE_LINE.captures(text) else {
            continue;
        };
        if caps["label"].split_whitespace().count() > 6 {
            continue;
        }
        let Some(amount_cents) = parse_money_cents(text) else {
            continue;
        };
        let next = lines.get(i + 1).map_or("", |l| l.clean.as_str());
        let unit = caps["unit"].to_ascii_lowercase();
        let per_credit_hour = unit.contains("credit");
        if per_credit_hour && facts.credit_cap_per_term.is_none() {
            let joined = format!("{text} {next}");
            facts.credit_cap_per_term =
                CREDIT_CAP.captures(&joined).and_then(|c| c[1].parse().ok());
        }
        let restricted = text.contains("Applies to")
            || next.starts_with("(Applies to")
            || text.to_ascii_lowercase().contains(" only");
        let mut label = caps["label"]
            .trim()
            .trim_end_matches(':')
            .trim()
            .to_string();
        if label.eq_ignore_ascii_case("tuition") {
            let previous = i.checked_sub(1).map_or("", |p| lines[p].clean.as_str());
            label = format!("{previous} {label}").trim().to_string();
        }
        facts.fees.push(FeeItem {
            label,
            amount_cents,
            per_credit_hour,
            per_term: !per_credit_hour,
            restricted,
            text: text.to_string(),
        });
    }
    facts
}

/// Most semester hours a full-time student is assumed to carry in one term. The catalogs
/// state no such cap, so this is an estimate, and the basis of a length derived from it
/// names the assumption.
const FULL_TIME_TERM_LOAD: f64 = 18.0;

/// Fills derived weeks and a cost estimate on programs that state neither.
pub(crate) fn derive_program_values(program: &mut Program, facts: &CatalogFacts) {
    derive_single_term(program, facts);
    if program.length_weeks.is_none() {
        if let (Some(terms), Some(weeks)) = (&program.length_terms, facts.weeks_per_term) {
            program.length_weeks = Some(Quantity {
                text: format!("{} terms × {weeks} weeks", terms.min),
                min: terms.min * weeks,
                max: terms.max * weeks,
                derived: true,
                basis: weeks_basis(terms, facts.weeks_text.as_deref()),
            });
        }
    }

    if !program.tuition_and_fees.is_empty() {
        return;
    }
    let Some(credits) = program.total_credits.as_ref().map(|q| q.min) else {
        return;
    };
    let Some(rate) = facts
        .fees
        .iter()
        .find(|f| f.per_credit_hour && !f.restricted)
    else {
        return;
    };

    let terms = program.length_terms.as_ref().map(|q| q.min);
    let billed_credits = match (terms, facts.credit_cap_per_term) {
        (Some(terms), Some(cap)) => credits.min(terms * cap),
        _ => credits,
    };
    let term_fees: Vec<&FeeItem> = facts
        .fees
        .iter()
        .filter(|f| f.per_term && !f.restricted)
        .collect();
    let per_term_cents: i64 = term_fees.iter().map(|f| f.amount_cents).sum();
    let tuition_cents = (billed_credits * rate.amount_cents as f64).round() as i64;
    let fees_cents = match terms {
        Some(terms) => (terms * per_term_cents as f64).round() as i64,
        None => 0,
    };

    let fee_names: Vec<&str> = term_fees.iter().map(|f| f.label.as_str()).collect();
    let basis = match terms {
        Some(terms) => format!(
            "{billed_credits} credit hours × {} per credit hour + {terms} terms × {} per-term fees ({})",
            dollars(rate.amount_cents),
            dollars(per_term_cents),
            fee_names.join(", ")
        ),
        None => format!(
            "{billed_credits} credit hours × {} per credit hour; per-term fees not included \
             because the program states no length in terms",
            dollars(rate.amount_cents)
        ),
    };
    program.cost_estimate = Some(CostEstimate {
        tuition_cents,
        fees_cents,
        total_cents: tuition_cents + fees_cents,
        basis,
    });
}

/// Gives a program that states no length, and whose credits fit in one full-time term,
/// a derived length of one term. Longer programs stay without a length, because the
/// number of terms a student needs for them depends on course sequencing.
fn derive_single_term(program: &mut Program, facts: &CatalogFacts) {
    if program.length_terms.is_some() || program.length_weeks.is_some() || facts.weeks_per_term.is_none() {
        return;
    }
    let Some(credits) = program.total_credits.as_ref().map(|q| q.max) else {
        return;
    };
    if credits <= 0.0 || credits > FULL_TIME_TERM_LOAD {
        return;
    }
    program.length_terms = Some(Quantity {
        text: "1 term".to_string(),
        min: 1.0,
        max: 1.0,
        derived: true,
        basis: Some(format!(
            "{credits} credit hours fit in one term at a full-time load of at most {FULL_TIME_TERM_LOAD} \
             credit hours (assumed; the catalog states no length for this program)"
        )),
    });
}

/// Joins the basis of derived terms with the catalog sentence that states the term length.
fn weeks_basis(terms: &Quantity, weeks_text: Option<&str>) -> Option<String> {
    match (terms.basis.as_deref(), weeks_text) {
        (Some(terms), Some(weeks)) => Some(format!("{terms}; {weeks}")),
        (terms, weeks) => terms.or(weeks).map(str::to_string),
    }
}

fn dollars(cents: i64) -> String {
    format!("${}.{:02}", cents / 100, cents % 100)
}

//! Program entries in catalog text: headers, requirement lists, length and cost lines.

use std::sync::LazyLock;

use regex::Regex;

use crate::award::award_level;
use crate::codes::{normalize_code, parse_money_cents, parse_range, program_key, squash};
use crate::lines::Line;
use crate::model::{AwardLevel, Money, Program, Quantity};

static CODE_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<title>[^a-z()]*?)\s*\((?P<code>[A-Z0-9]{3,5})\)$")
        .expect("program code header pattern is valid")
});

static CODE_CONFIRMATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)replaces|program description|description:|course no|program length")
        .expect("program confirmation pattern is valid")
});

static AWARD_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(certificate|diploma|associate|bachelor|master|degree|a\.a\.s\.?|tcc)\b")
        .expect("award word pattern is valid")
});

static TRAILING_CODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<title>.*?)\s*\((?P<code>[A-Z0-9][A-Z0-9-]{1,9})\)$")
        .expect("trailing program code pattern is valid")
});

/// A requirement row: course code, title and an optional credit amount.
static ROW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<subj>[A-Z]{2,5}|XXXX)\s?(?P<num>\d{3,4}[A-Z]?|[xX]{3,4})\s+(?P<title>\S.*?)(?:\s+(?P<cr>\d+(?:\.\d+)?(?:\s*-\s*\d+(?:\.\d+)?)?))?$",
    )
    .expect("requirement row pattern is valid")
});

static END_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(?P<n1>\d+(?:\.\d+)?)\s+(?:minimum\s+)?(?:semester\s+|quarter\s+)?(?:hour\s+)?credits?\s+(?:hours\s+)?required|total\s+(?:program\s+)?(?:credits?|credit\s+hours|semester\s+hours|hours)\s*:?\s*(?P<n2>\d+(?:\.\d+)?))",
    )
    .expect("program end pattern is valid")
});

static LENGTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:program\s+)?length(?:\s*\([^)]*\))?\s*:\s*(?P<value>.+)$")
        .expect("program length pattern is valid")
});

static WEEKS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(\d+(?:\.\d+)?)\s*weeks?\b|weeks?\s*:\s*(\d+(?:\.\d+)?)")
        .expect("weeks pattern is valid")
});

static CLOCK_HOURS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(\d[\d,]*(?:\.\d+)?)\s+clock\s+hours|clock\s+hours\s*:\s*(\d[\d,]*(?:\.\d+)?)")
        .expect("clock hours pattern is valid")
});

static MONEY_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?P<label>[a-z ,/&()-]*(?:tuition|fees?|cost|books|supplies|tools|uniforms?)[a-z ,/&()-]*?)\s*:?\s*\$")
        .expect("program money pattern is valid")
});

static FIELD_LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Z][A-Za-z ]{2,30}:\s").expect("label pattern is valid"));

/// A recognized program header.
#[derive(Debug, Clone)]
pub(crate) struct ProgramHeader {
    /// First line of the program title.
    pub first_line: usize,
    /// Line holding the program code or the award title.
    pub header_line: usize,
    pub title: String,
    pub code: Option<String>,
}

/// Recognizes a program header at line `i`, in either supported layout.
///
/// Layout one puts an all-caps title and a code in parentheses, for example
/// "WELDING AND JOINING TECHNOLOGY (WAJ2)", with "(Replaces ...)" or "Program Description"
/// close below. Layout two is a short title-case line naming an award ("Welding Certificate")
/// followed by a requirement list.
pub(crate) fn match_header(lines: &[Line], furniture: &[bool], i: usize) -> Option<ProgramHeader> {
    if furniture[i] {
        return None;
    }
    let text = lines[i].clean.as_str();
    if let Some(caps) = CODE_HEADER.captures(text) {
        let code = &caps["code"];
        let has_digit = code.bytes().any(|b| b.is_ascii_digit());
        let has_letter = code.bytes().any(|b| b.is_ascii_alphabetic());
        let confirmed = lines[i + 1..lines.len().min(i + 13)]
            .iter()
            .any(|l| CODE_CONFIRMATION.is_match(&l.clean));
        if has_digit && has_letter && confirmed {
            return Some(code_header(lines, furniture, i, caps["title"].trim(), code));
        }
    }
    award_header(lines, furniture, i)
}

fn code_header(
    lines: &[Line],
    furniture: &[bool],
    i: usize,
    own_title: &str,
    code: &str,
) -> ProgramHeader {
    let mut first_line = i;
    let mut parts: Vec<&str> = Vec::new();
    if !own_title.is_empty() {
        parts.push(own_title);
    }
    // Long titles wrap, so up to two all-caps lines directly above belong to the title.
    // A code line alone at the top of a page takes its title from the previous page.
    let mut p = i;
    while p > 0 && parts.len() < 2 && i - p < 16 {
        p -= 1;
        let above = lines[p].clean.as_str();
        let skippable = above.is_empty() || furniture[p];
        if skippable && parts.is_empty() && own_title.is_empty() {
            continue;
        }
        let all_caps =
            above.chars().any(|c| c.is_alphabetic()) && !above.chars().any(|c| c.is_lowercase());
        if skippable || !all_caps || END_LINE.is_match(above) || ROW.is_match(above) {
            break;
        }
        parts.insert(0, above);
        first_line = p;
    }
    ProgramHeader {
        first_line,
        header_line: i,
        title: squash(&parts.join(" ")),
        code: Some(code.to_string()),
    }
}

fn award_header(lines: &[Line], furniture: &[bool], i: usize) -> Option<ProgramHeader> {
    let text = lines[i].clean.as_str();
    if text.len() < 5 || text.len() > 90 || text.ends_with(['.', ':', ',']) {
        return None;
    }
    // Prose sentences that name an award ("The Welding TCC is ...") are not headers.
    let first_word = text.split_whitespace().next().unwrap_or("");
    let last_word = text.split_whitespace().last().unwrap_or("");
    let sentence_start = ["The", "A", "An", "This", "Students"].contains(&first_word);
    let open_end = !last_word.starts_with(|c: char| c.is_uppercase() || c == '(')
        || ["of", "and", "is", "the", "for", "in"].contains(&last_word)
        || last_word.starts_with('(') && !last_word.ends_with(')');
    if sentence_start || open_end {
        return None;
    }
    if !AWARD_WORDS.is_match(text) || ROW.is_match(text) || END_LINE.is_match(text) {
        return None;
    }

    let all_caps = !text.chars().any(|c| c.is_lowercase());
    let title_case = text
        .split_whitespace()
        .filter(|w| w.len() > 3)
        .all(|w| w.starts_with(|c: char| c.is_uppercase() || !c.is_alphabetic()));
    if all_caps || !title_case {
        return None;
    }
    let after_break = i == 0 || lines[i - 1].clean.is_empty() || furniture[i - 1];
    if !after_break {
        return None;
    }

    let window_end = lines.len().min(i + 40);
    let has_rows = lines[i + 1..window_end]
        .iter()
        .take_while(|l| !END_LINE.is_match(&l.clean) || ROW.is_match(&l.clean))
        .any(|l| is_requirement_row(&l.clean));
    if !has_rows {
        return None;
    }

    let (title, code) = match TRAILING_CODE.captures(text) {
        Some(caps) => (caps["title"].to_string(), Some(caps["code"].to_string())),
        None => (text.to_string(), None),
    };
    Some(ProgramHeader {
        first_line: i,
        header_line: i,
        title,
        code,
    })
}

fn is_requirement_row(text: &str) -> bool {
    ROW.captures(text)
        .is_some_and(|caps| caps["subj"] != *"XXXX" && caps.name("num").is_some())
}

/// True for the line that closes a program, such as "54 minimum semester hour credits required".
pub(crate) fn is_end_line(text: &str) -> bool {
    END_LINE.is_match(text)
}

/// Creates a program from its header and reads its fields from `body`.
///
/// Returns the program and the indices of lines the parser did not interpret.
pub(crate) fn read_program(
    institution: &str,
    header: &ProgramHeader,
    section: Option<AwardLevel>,
    lines: &[Line],
    furniture: &[bool],
    body: std::ops::Range<usize>,
) -> (Program, Vec<usize>) {
    let mut program = Program {
        key: program_key(institution, header.code.as_deref(), &header.title),
        code: header.code.clone(),
        title: header.title.clone(),
        award_level: AwardLevel::Unknown,
        description: None,
        total_credits: None,
        clock_hours: None,
        length_terms: None,
        length_weeks: None,
        tuition_and_fees: Vec::new(),
        total_cost_cents: None,
        cost_estimate: None,
        required_courses: Vec::new(),
        elective_courses: Vec::new(),
        codes: Vec::new(),
        attributes: Default::default(),
        spans: Vec::new(),
        unparsed_lines: Vec::new(),
    };
    let mut unparsed = Vec::new();
    let mut description: Vec<&str> = Vec::new();
    let mut in_description = true;
    let mut electives = false;
    for i in body {
        let text = lines[i].clean.as_str();
        if text.is_empty() || i <= header.header_line {
            continue;
        }
        if furniture[i] {
            unparsed.push(i);
            continue;
        }
        if let Some(caps) = ROW.captures(text) {
            in_description = false;
            if &caps["subj"] == "XXXX" || caps["num"].starts_with(['x', 'X']) {
                continue;
            }
            let code = normalize_code(&caps["subj"], &caps["num"]);
            let list = if electives {
                &mut program.elective_courses
            } else {
                &mut program.required_courses
            };
            if !list.contains(&code) {
                list.push(code);
            }
            continue;
        }
        if let Some(caps) = END_LINE.captures(text) {
            let number = caps
                .name("n1")
                .or(caps.name("n2"))
                .map_or("", |m| m.as_str());
            program.total_credits = parse_range(number).map(|mut q| {
                q.text = text.to_string();
                q
            });
            continue;
        }
        if read_length_or_cost(&mut program, text) {
            in_description = false;
            continue;
        }
        if in_description && !FIELD_LABEL.is_match(text) {
            if !text.starts_with("(Replaces") && !text.eq_ignore_ascii_case("Program Description:")
            {
                description.push(text.trim_start_matches("Program Description:").trim());
            }
            continue;
        }
        in_description = false;
        electives = sub_heading_mode(text).unwrap_or(electives);
    }
    if !description.is_empty() {
        program.description = Some(squash(&description.join(" ")));
    }
    program.award_level = award_level(&program, section);
    program.total_cost_cents = sum_money(&program.tuition_and_fees);
    (program, unparsed)
}

/// Returns Some(true) for an elective or choose-one sub-heading, Some(false) for another
/// sub-heading, and None for lines that are not sub-headings (wrapped titles, prose).
fn sub_heading_mode(text: &str) -> Option<bool> {
    let lower = text.to_ascii_lowercase();
    let choice = ["elective", "choose", "select", "one of the following"];
    if choice.iter().any(|w| lower.contains(w)) {
        return Some(true);
    }
    let wrapped_title = text.starts_with(|c: char| c.is_lowercase())
        || text
            .rsplit(' ')
            .next()
            .is_some_and(|w| w.parse::<f64>().is_ok());
    if wrapped_title || text.len() > 70 {
        return None;
    }
    Some(false)
}

fn read_length_or_cost(program: &mut Program, text: &str) -> bool {
    if let Some(caps) = LENGTH.captures(text) {
        let value = caps["value"].trim();
        let lower = value.to_ascii_lowercase();
        if lower.contains("week") {
            program.length_weeks = parse_range(value).map(|q| stated(q, value));
        } else if lower.contains("term") || lower.contains("semester") || lower.contains("quarter")
        {
            program.length_terms = parse_range(value).map(|q| stated(q, value));
        } else {
            program
                .attributes
                .insert("length".to_string(), value.to_string());
        }
        return true;
    }
    if let Some(caps) = WEEKS.captures(text) {
        if text.to_ascii_lowercase().starts_with("weeks") || text.contains("week program") {
            let number = caps.get(1).or(caps.get(2)).map_or("", |m| m.as_str());
            program.length_weeks = parse_range(number).map(|q| stated(q, text));
            return true;
        }
    }
    if let Some(caps) = CLOCK_HOURS.captures(text) {
        let number = caps
            .get(1)
            .or(caps.get(2))
            .map_or("", |m| m.as_str())
            .replace(',', "");
        program.clock_hours = parse_range(&number).map(|q| stated(q, text));
        return true;
    }
    if let Some(caps) = MONEY_LINE.captures(text) {
        if let Some(amount_cents) = parse_money_cents(text) {
            program.tuition_and_fees.push(Money {
                label: squash(caps["label"].trim()),
                amount_cents,
                text: text.to_string(),
            });
            return true;
        }
    }
    false
}

fn stated(mut quantity: Quantity, text: &str) -> Quantity {
    quantity.text = text.to_string();
    quantity
}

pub(crate) fn sum_money(items: &[Money]) -> Option<i64> {
    if items.is_empty() {
        return None;
    }
    items
        .iter()
        .try_fold(0i64, |acc, m| acc.checked_add(m.amount_cents))
}

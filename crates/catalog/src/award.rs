//! Award levels of programs, read from titles, descriptions and catalog section headings.

use crate::model::{AwardLevel, Program};

/// Chooses the award level from the title, then the catalog section, then the description.
pub(crate) fn award_level(program: &Program, section: Option<AwardLevel>) -> AwardLevel {
    if let Some(level) = level_from_words(&program.title) {
        return level;
    }
    let description = program.description.as_deref().unwrap_or("");
    match section {
        Some(AwardLevel::Unknown) | None => {
            level_from_words(description).unwrap_or(AwardLevel::Unknown)
        }
        Some(AwardLevel::Associate) => {
            // NOTE: a "Degree Programs" section names no degree. Technical colleges list
            // associate degrees there, so that is the fallback when the description is silent.
            level_from_words(description).unwrap_or(AwardLevel::Associate)
        }
        Some(level) => level,
    }
}

/// Finds an award level named in `text`, most specific phrase first.
pub(crate) fn level_from_words(text: &str) -> Option<AwardLevel> {
    let lower = text.to_ascii_lowercase();
    let checks: [(&str, AwardLevel); 9] = [
        (
            "technical certificate of credit",
            AwardLevel::TechnicalCertificateOfCredit,
        ),
        ("associate", AwardLevel::Associate),
        ("a.a.s", AwardLevel::Associate),
        ("bachelor", AwardLevel::Bachelor),
        ("master", AwardLevel::Master),
        ("doctor", AwardLevel::Doctorate),
        ("diploma", AwardLevel::Diploma),
        ("tcc", AwardLevel::TechnicalCertificateOfCredit),
        ("certificate", AwardLevel::Certificate),
    ];
    checks
        .iter()
        .find(|(phrase, _)| lower.contains(phrase))
        .map(|(_, level)| *level)
}

/// Reads a catalog section heading such as "DIPLOMA PROGRAMS" or "Technical Certificates".
pub(crate) fn section_level(text: &str) -> Option<AwardLevel> {
    if text.len() > 70 {
        return None;
    }
    let lower = text.to_ascii_lowercase();
    if lower.contains("diploma programs") {
        Some(AwardLevel::Diploma)
    } else if lower.contains("technical certificates") {
        Some(AwardLevel::TechnicalCertificateOfCredit)
    } else if lower.contains("certificate programs") {
        Some(AwardLevel::Certificate)
    } else if lower.contains("degree programs") {
        Some(AwardLevel::Associate)
    } else {
        None
    }
}

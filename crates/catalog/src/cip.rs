//! CIP inference: the best Classification of Instructional Programs code for a title.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::error::CatalogError;
use crate::model::ClassificationCode;

/// Minimum confidence for an inferred code; weaker matches return `None`.
pub const MIN_CONFIDENCE: f64 = 0.5;

/// One row of a CIP table supplied by the caller.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CipEntry {
    /// Six-digit code in the form "48.0508".
    pub code: String,
    pub title: String,
    pub definition: String,
}

/// The chosen CIP code with its confidence (0..1) and the words that matched.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CipMatch {
    pub code: String,
    pub title: String,
    pub confidence: f64,
    /// Matched words (stemmed), or `["stated"]` for a stated code.
    pub evidence: Vec<String>,
    pub inferred: bool,
}

impl CipMatch {
    /// Converts the match into a classification code for a course or program record.
    pub fn to_classification(&self) -> ClassificationCode {
        ClassificationCode {
            scheme: "CIP-2020".to_string(),
            code: self.code.clone(),
            confidence: self.confidence,
            inferred: self.inferred,
            evidence: self.evidence.clone(),
        }
    }
}

/// A CIP table prepared for repeated inference (tokens and word weights computed once).
pub struct CipIndex {
    entries: Vec<CipEntry>,
    title_tokens: Vec<HashSet<String>>,
    definition_tokens: Vec<HashSet<String>>,
    /// Inverse document frequency of each word over titles and definitions.
    idf: HashMap<String, f64>,
}

impl CipIndex {
    /// Prepares `table` for inference.
    pub fn new(table: &[CipEntry]) -> CipIndex {
        let title_tokens: Vec<HashSet<String>> = table.iter().map(|e| tokens(&e.title)).collect();
        let definition_tokens: Vec<HashSet<String>> =
            table.iter().map(|e| tokens(&e.definition)).collect();
        let mut document_frequency: HashMap<String, usize> = HashMap::new();
        for (title, definition) in title_tokens.iter().zip(&definition_tokens) {
            for word in title.union(definition) {
                *document_frequency.entry(word.clone()).or_default() += 1;
            }
        }
        let n = table.len().max(1) as f64;
        let idf = document_frequency
            .into_iter()
            .map(|(word, df)| (word, (n / (1.0 + df as f64)).ln().max(0.1)))
            .collect();
        CipIndex {
            entries: table.to_vec(),
            title_tokens,
            definition_tokens,
            idf,
        }
    }

    fn weight(&self, word: &str) -> f64 {
        self.idf.get(word).copied().unwrap_or(0.1)
    }

    /// Returns the stated code when there is one, otherwise the best-matching code.
    ///
    /// A stated code wins with confidence 1 and evidence "stated", even when the table
    /// does not list it. An inferred match needs confidence of at least [`MIN_CONFIDENCE`].
    pub fn infer(&self, title: &str, description: &str, stated: Option<&str>) -> Option<CipMatch> {
        if let Some(code) = stated.map(str::trim).filter(|c| !c.is_empty()) {
            let listed = self.entries.iter().find(|e| e.code == code);
            return Some(CipMatch {
                code: code.to_string(),
                title: listed.map(|e| e.title.clone()).unwrap_or_default(),
                confidence: 1.0,
                evidence: vec!["stated".to_string()],
                inferred: false,
            });
        }
        let query_title = tokens(title);
        let query_description = tokens(description);
        if query_title.is_empty() && query_description.is_empty() {
            return None;
        }

        // (score, confidence, entry index, matched words) of the best entry so far.
        let mut best: Option<(f64, f64, usize, Vec<String>)> = None;
        for i in 0..self.entries.len() {
            let Some((score, confidence, evidence)) =
                self.score(i, &query_title, &query_description)
            else {
                continue;
            };
            // Rank by confidence so a fully covered short title ("Welding Technology/Welder")
            // beats a longer one that matches more words. The score breaks ties.
            let better = match &best {
                None => true,
                Some((best_score, best_confidence, ..)) => {
                    (confidence, score) > (*best_confidence, *best_score)
                }
            };
            if better {
                best = Some((score, confidence, i, evidence));
            }
        }

        let (_, confidence, i, evidence) = best?;
        if confidence < MIN_CONFIDENCE {
            return None;
        }
        let entry = &self.entries[i];
        Some(CipMatch {
            code: entry.code.clone(),
            title: entry.title.clone(),
            confidence: (confidence * 1000.0).round() / 1000.0,
            evidence,
            inferred: true,
        })
    }

    /// Scores entry `i` against the query words; `None` when nothing matches.
    ///
    /// The score weighs each matched word by its rarity: title-to-title matches count 3,
    /// title-to-definition and description-to-title 1, description-to-definition 0.2.
    /// Confidence mixes how much of the entry title the query covers (60%) with how much of
    /// the query title the entry covers (40%).
    fn score(
        &self,
        i: usize,
        query_title: &HashSet<String>,
        query_description: &HashSet<String>,
    ) -> Option<(f64, f64, Vec<String>)> {
        let entry_title = &self.title_tokens[i];
        let definition = &self.definition_tokens[i];
        let mut score = 0.0;
        let mut matched: HashSet<&String> = HashSet::new();
        for word in query_title {
            if entry_title.contains(word) {
                score += 3.0 * self.weight(word);
                matched.insert(word);
            } else if definition.contains(word) {
                score += self.weight(word);
                matched.insert(word);
            }
        }
        for word in query_description {
            if entry_title.contains(word) {
                score += self.weight(word);
                matched.insert(word);
            } else if definition.contains(word) {
                score += 0.2 * self.weight(word);
            }
        }
        if score <= 0.0 {
            return None;
        }

        let entry_weight: f64 = entry_title.iter().map(|w| self.weight(w)).sum();
        let entry_covered: f64 = entry_title
            .iter()
            .filter(|w| query_title.contains(*w) || query_description.contains(*w))
            .map(|w| self.weight(w))
            .sum();
        let query_weight: f64 = query_title.iter().map(|w| self.weight(w)).sum();
        let query_covered: f64 = query_title
            .iter()
            .filter(|w| entry_title.contains(*w) || definition.contains(*w))
            .map(|w| self.weight(w))
            .sum();
        let entry_coverage = ratio(entry_covered, entry_weight);
        let query_coverage = ratio(query_covered, query_weight);
        let confidence = (0.6 * entry_coverage + 0.4 * query_coverage).clamp(0.0, 1.0);

        let mut evidence: Vec<String> = matched.into_iter().cloned().collect();
        evidence.sort();
        Some((score, confidence, evidence))
    }
}

fn ratio(part: f64, whole: f64) -> f64 {
    if whole > 0.0 {
        part / whole
    } else {
        0.0
    }
}

/// Infers a CIP code with a one-off index; use [`CipIndex`] for many records.
pub fn infer_cip(
    title: &str,
    description: &str,
    stated: Option<&str>,
    table: &[CipEntry],
) -> Option<CipMatch> {
    CipIndex::new(table).infer(title, description, stated)
}

/// Reads a CIP table from CSV with columns `code,title,definition` or the NCES names
/// `CIPCode,CIPTitle,CIPDefinition`. Rows whose code is not six digits ("48.0508") are skipped.
pub fn read_cip_csv(text: &str) -> Result<Vec<CipEntry>, CatalogError> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let bad = |e: csv::Error| CatalogError::BadCsv {
        name: "CIP table".to_string(),
        offset: e.position().map_or(0, |p| p.byte()),
        reason: e.to_string(),
    };
    let headers: Vec<String> = reader
        .headers()
        .map_err(bad)?
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    let column = |names: [&str; 2]| headers.iter().position(|h| names.contains(&h.as_str()));
    let (Some(code), Some(title)) = (column(["code", "cipcode"]), column(["title", "ciptitle"]))
    else {
        return Err(CatalogError::UnsupportedLayout {
            name: "CIP table".to_string(),
            reason: format!(
                "the header ({}) needs code and title columns",
                headers.join(", ")
            ),
        });
    };
    let definition = column(["definition", "cipdefinition"]);
    let mut entries = Vec::new();
    for row in reader.records() {
        let row = row.map_err(bad)?;
        let code_text = row
            .get(code)
            .unwrap_or("")
            .trim()
            .trim_start_matches("=\"")
            .trim_end_matches('"');
        let six_digits = code_text.len() == 7 && code_text.as_bytes()[2] == b'.';
        if !six_digits {
            continue;
        }
        entries.push(CipEntry {
            code: code_text.to_string(),
            title: row.get(title).unwrap_or("").trim().to_string(),
            definition: definition
                .and_then(|d| row.get(d))
                .unwrap_or("")
                .trim()
                .to_string(),
        });
    }
    Ok(entries)
}

const STOP_WORDS: [&str; 24] = [
    "and",
    "the",
    "for",
    "with",
    "that",
    "this",
    "from",
    "into",
    "program",
    "programs",
    "prepares",
    "individuals",
    "includes",
    "instruction",
    "other",
    "general",
    "course",
    "courses",
    "students",
    "student",
    "introduction",
    "apply",
    "skills",
    "knowledge",
];

/// Lowercase word stems of three or more letters, without stop words.
fn tokens(text: &str) -> HashSet<String> {
    text.split(|c: char| !c.is_alphabetic())
        .map(str::to_lowercase)
        .filter(|w| w.len() >= 3 && !STOP_WORDS.contains(&w.as_str()))
        .map(|w| stem(&w))
        .filter(|w| w.len() >= 3)
        .collect()
}

/// Strips common English suffixes so "welding", "welder" and "welds" share the stem "weld".
fn stem(word: &str) -> String {
    for suffix in ["ing", "ers", "er", "ies", "es", "s"] {
        if let Some(base) = word.strip_suffix(suffix) {
            if base.len() >= 3 {
                return if suffix == "ies" {
                    format!("{base}y")
                } else {
                    base.to_string()
                };
            }
        }
    }
    word.to_string()
}

//! Loaders for the rule and table CSV files in a seed directory.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use thiserror::Error;

use crate::rule::Rule;
use crate::tables::{PovertyGuidelineRow, Region, SizeKey, SnapLimitRow, Tables, WicLimitRow};

pub const RULES_FILE: &str = "rules.csv";
pub const POVERTY_FILE: &str = "poverty_guidelines_2025_2026.csv";
pub const SNAP_FILE: &str = "snap_income_limits.csv";
pub const WIC_FILE: &str = "wic_income_eligibility_2025_2026.csv";
pub const TANF_TN_FILE: &str = "tanf_tn_gross_income_standard.csv";

/// Failure to read the seed files. These are data errors of the deployment, not of a user.
#[derive(Debug, Error)]
pub enum LoadError {
    #[error("failed to read {path}: {source}; check that the seed directory is complete")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("invalid row in {origin} at line {line}: {message}")]
    InvalidRow {
        origin: String,
        line: u64,
        message: String,
    },
    #[error("rule id {id} appears more than once; give each rule its own id")]
    DuplicateRuleId { id: String },
}

impl LoadError {
    pub fn code(&self) -> &'static str {
        "INTERNAL"
    }
}

/// Reads and validates `rules.csv` from `dir`.
pub fn load_rules(dir: &Path) -> Result<Vec<Rule>, LoadError> {
    let path = dir.join(RULES_FILE);
    parse_rules(&read(&path)?, &path.display().to_string())
}

/// Parses rule rows from CSV text; `origin` names the text in errors.
pub fn parse_rules(text: &str, origin: &str) -> Result<Vec<Rule>, LoadError> {
    let rules: Vec<Rule> = parse_rows(text, origin)?;
    let mut seen = HashSet::new();
    for (index, rule) in rules.iter().enumerate() {
        rule.validate().map_err(|message| LoadError::InvalidRow {
            origin: origin.to_string(),
            line: index as u64 + 2,
            message,
        })?;
        if !seen.insert(rule.id.clone()) {
            return Err(LoadError::DuplicateRuleId {
                id: rule.id.clone(),
            });
        }
    }
    Ok(rules)
}

/// Reads the poverty guideline, SNAP, WIC and Tennessee TANF tables from `dir`.
pub fn load_tables(dir: &Path) -> Result<Tables, LoadError> {
    let poverty_path = dir.join(POVERTY_FILE);
    let snap_path = dir.join(SNAP_FILE);
    let wic_path = dir.join(WIC_FILE);
    let tanf_path = dir.join(TANF_TN_FILE);
    Ok(Tables {
        poverty_guidelines: parse_poverty(
            &read(&poverty_path)?,
            &poverty_path.display().to_string(),
        )?,
        snap_limits: parse_snap(&read(&snap_path)?, &snap_path.display().to_string())?,
        wic_limits: parse_wic(&read(&wic_path)?, &wic_path.display().to_string())?,
        tanf_tn_gross_income_standard: parse_rows(
            &read(&tanf_path)?,
            &tanf_path.display().to_string(),
        )?,
    })
}

fn read(path: &Path) -> Result<String, LoadError> {
    fs::read_to_string(path).map_err(|source| LoadError::Read {
        path: path.to_path_buf(),
        source,
    })
}

fn parse_rows<T: DeserializeOwned>(text: &str, origin: &str) -> Result<Vec<T>, LoadError> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    reader
        .deserialize()
        .map(|row| {
            row.map_err(|error| LoadError::InvalidRow {
                origin: origin.to_string(),
                line: error.position().map_or(0, |position| position.line()),
                message: error.to_string(),
            })
        })
        .collect()
}

fn invalid(origin: &str, index: usize, message: String) -> LoadError {
    LoadError::InvalidRow {
        origin: origin.to_string(),
        line: index as u64 + 2,
        message,
    }
}

/// Finds the first `YYYY-MM-DD..YYYY-MM-DD` period in `text`, both ends inclusive.
fn find_period(text: &str) -> Option<(NaiveDate, NaiveDate)> {
    let dots = text.find("..")?;
    let start = text.get(dots.checked_sub(10)?..dots)?;
    let end = text.get(dots + 2..dots + 12)?;
    let from = NaiveDate::parse_from_str(start, "%Y-%m-%d").ok()?;
    let to = NaiveDate::parse_from_str(end, "%Y-%m-%d").ok()?;
    Some((from, to))
}

/// Finds the date after the word `effective` in a source note.
fn find_effective_date(text: &str) -> Option<NaiveDate> {
    let at = text.find("effective ")? + "effective ".len();
    NaiveDate::parse_from_str(text.get(at..at + 10)?, "%Y-%m-%d").ok()
}

#[derive(Deserialize)]
struct PovertyRecord {
    year: i32,
    region: Region,
    household_size: SizeKey,
    annual_guideline_usd: Decimal,
    pct150_usd: Decimal,
    pct185_usd: Decimal,
    verification: String,
    source: String,
}

fn parse_poverty(text: &str, origin: &str) -> Result<Vec<PovertyGuidelineRow>, LoadError> {
    let records: Vec<PovertyRecord> = parse_rows(text, origin)?;
    records
        .into_iter()
        .enumerate()
        .map(|(index, record)| {
            let effective_from = find_effective_date(&record.source).ok_or_else(|| {
                invalid(
                    origin,
                    index,
                    "the source must end with `effective YYYY-MM-DD`".to_string(),
                )
            })?;
            Ok(PovertyGuidelineRow {
                year: record.year,
                region: record.region,
                household_size: record.household_size,
                annual_guideline_usd: record.annual_guideline_usd,
                pct150_usd: record.pct150_usd,
                pct185_usd: record.pct185_usd,
                effective_from,
                verification: record.verification,
                source: record.source,
            })
        })
        .collect()
}

#[derive(Deserialize)]
struct SnapRecord {
    fiscal_year: i32,
    effective: String,
    region: Region,
    household_size: SizeKey,
    gross_monthly_130pct: Decimal,
    net_monthly_100pct: Decimal,
    elderly_disabled_separate_hh_165pct: Decimal,
    verification: String,
    source: String,
}

fn parse_snap(text: &str, origin: &str) -> Result<Vec<SnapLimitRow>, LoadError> {
    let records: Vec<SnapRecord> = parse_rows(text, origin)?;
    records
        .into_iter()
        .enumerate()
        .map(|(index, record)| {
            let (effective_from, effective_to) =
                find_period(&record.effective).ok_or_else(|| {
                    invalid(
                        origin,
                        index,
                        format!(
                            "effective `{}` has no YYYY-MM-DD..YYYY-MM-DD period",
                            record.effective
                        ),
                    )
                })?;
            Ok(SnapLimitRow {
                fiscal_year: record.fiscal_year,
                effective_from,
                effective_to,
                projected: record.effective.contains("PROJECTION"),
                region: record.region,
                household_size: record.household_size,
                gross_monthly_130pct: record.gross_monthly_130pct,
                net_monthly_100pct: record.net_monthly_100pct,
                elderly_disabled_separate_hh_165pct: record.elderly_disabled_separate_hh_165pct,
                verification: record.verification,
                source: record.source,
            })
        })
        .collect()
}

#[derive(Deserialize)]
struct WicRecord {
    period: String,
    region: Region,
    household_size: SizeKey,
    annual: Decimal,
    monthly: Decimal,
    twice_monthly: Decimal,
    biweekly: Decimal,
    weekly: Decimal,
    verification: String,
    source: String,
}

fn parse_wic(text: &str, origin: &str) -> Result<Vec<WicLimitRow>, LoadError> {
    let records: Vec<WicRecord> = parse_rows(text, origin)?;
    records
        .into_iter()
        .enumerate()
        .map(|(index, record)| {
            let (effective_from, effective_to) = find_period(&record.period).ok_or_else(|| {
                invalid(
                    origin,
                    index,
                    format!(
                        "period `{}` has no YYYY-MM-DD..YYYY-MM-DD period",
                        record.period
                    ),
                )
            })?;
            Ok(WicLimitRow {
                effective_from,
                effective_to,
                region: record.region,
                household_size: record.household_size,
                annual: record.annual,
                monthly: record.monthly,
                twice_monthly: record.twice_monthly,
                biweekly: record.biweekly,
                weekly: record.weekly,
                verification: record.verification,
                source: record.source,
            })
        })
        .collect()
}

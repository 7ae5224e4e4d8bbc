//! Shared fixtures: the seed rules and tables, and builders for facts and profiles.
#![allow(dead_code)]

use std::path::PathBuf;

use chrono::NaiveDate;
use ler_eligibility::{
    load_rules, load_tables, AidVerdict, HouseholdProfile, Member, Rule, ServiceVerdict, Tables,
};
use rust_decimal::Decimal;

pub fn seed_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../seeds/domain")
}

pub fn rules() -> Vec<Rule> {
    load_rules(&seed_dir()).expect("seed rules load")
}

pub fn tables() -> Tables {
    load_tables(&seed_dir()).expect("seed tables load")
}

pub fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("test date")
}

pub fn dec(value: i64) -> Decimal {
    Decimal::from(value)
}

pub fn adults(count: u32) -> Vec<Member> {
    (0..count)
        .map(|_| Member {
            age_years: 30,
            ..Member::default()
        })
        .collect()
}

/// Builds a household of working-age adults with no benefits.
pub fn profile(state: &str, size: u32, gross: i64, net: i64) -> HouseholdProfile {
    HouseholdProfile {
        state: state.to_string(),
        household_size: size as i32,
        monthly_gross_income: dec(gross),
        monthly_net_income: Some(dec(net)),
        countable_resources: None,
        members: adults(size),
        current_benefits: Vec::new(),
    }
}

#[track_caller]
pub fn program<'a>(verdicts: &'a [AidVerdict], id: &str) -> &'a AidVerdict {
    verdicts
        .iter()
        .find(|verdict| verdict.program == id)
        .unwrap_or_else(|| panic!("no verdict for {id}"))
}

#[track_caller]
pub fn service<'a>(verdicts: &'a [ServiceVerdict], id: &str) -> &'a ServiceVerdict {
    verdicts
        .iter()
        .find(|verdict| verdict.service == id)
        .unwrap_or_else(|| panic!("no verdict for {id}"))
}

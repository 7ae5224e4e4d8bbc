//! Effective dates and thresholds as data, with rules parsed from CSV text.

mod common;

use common::{date, dec, program, rules};
use ler_eligibility::{evaluate_program, parse_rules, ProgramFacts, VerdictStatus};

const HEADER: &str = "id,subject,subject_kind,jurisdiction,role,group,field,operator,threshold,unit,applies_if,when_missing,effective_from,effective_to,verification,source,notes";

fn dated_rule() -> String {
    format!(
        "{HEADER}\nT_WEEKS,test_program,aid_program,,requirement,,weeks,>=,10,weeks,,unknown,2026-01-01,2026-06-30,verified,https://example.org/rule,\n"
    )
}

fn status_on(as_of: &str) -> VerdictStatus {
    let rules = parse_rules(&dated_rule(), "test").expect("valid rules");
    let facts = ProgramFacts {
        weeks: Some(dec(12)),
        ..ProgramFacts::default()
    };
    program(
        &evaluate_program(&facts, &rules, date(as_of)),
        "test_program",
    )
    .status
}

#[test]
fn rule_before_on_after_dates() {
    assert_eq!(status_on("2025-12-31"), VerdictStatus::Unknown);
    assert_eq!(status_on("2026-01-01"), VerdictStatus::Eligible);
    assert_eq!(status_on("2026-06-30"), VerdictStatus::Eligible);
    assert_eq!(status_on("2026-07-01"), VerdictStatus::Unknown);
}

#[test]
fn expired_rule_reason_names_date() {
    let rules = parse_rules(&dated_rule(), "test").unwrap();
    let verdicts = evaluate_program(&ProgramFacts::default(), &rules, date("2026-07-01"));
    let verdict = program(&verdicts, "test_program");
    assert_eq!(
        verdict.reasons,
        vec!["No test_program rules are in effect on 2026-07-01.".to_string()]
    );
}

#[test]
fn successor_rule_takes_over() {
    let text = format!(
        "{}T_WEEKS_2,test_program,aid_program,,requirement,,weeks,>=,14,weeks,,unknown,2026-07-01,,verified,https://example.org/rule,\n",
        dated_rule()
    );
    let rules = parse_rules(&text, "test").unwrap();
    let facts = ProgramFacts {
        weeks: Some(dec(12)),
        ..ProgramFacts::default()
    };
    let before = evaluate_program(&facts, &rules, date("2026-06-30"));
    assert_eq!(
        program(&before, "test_program").status,
        VerdictStatus::Eligible
    );
    let after = evaluate_program(&facts, &rules, date("2026-07-01"));
    assert_eq!(
        program(&after, "test_program").status,
        VerdictStatus::Ineligible
    );
    assert_eq!(
        program(&after, "test_program").what_if[0].rule_id,
        "T_WEEKS_2"
    );
}

#[test]
fn threshold_change_is_data_change() {
    let facts = ProgramFacts {
        clock_hours: Some(dec(155)),
        weeks: Some(dec(10)),
        ..ProgramFacts::default()
    };
    let seed = std::fs::read_to_string(common::seed_dir().join("rules.csv")).unwrap();
    let changed = seed.replace(
        "WP_CLOCK_MIN,workforce_pell,aid_program,,requirement,wp_length:clock,clock_hours,>=,150,",
        "WP_CLOCK_MIN,workforce_pell,aid_program,,requirement,wp_length:clock,clock_hours,>=,160,",
    );
    assert_ne!(seed, changed);
    let original = evaluate_program(&facts, &rules(), date("2026-12-01"));
    let length = |verdict: &ler_eligibility::AidVerdict| {
        verdict
            .checks
            .iter()
            .find(|check| check.rule_id == "WP_CLOCK_MIN")
            .map(|check| check.outcome)
    };
    assert_eq!(
        length(program(&original, "workforce_pell")),
        Some(ler_eligibility::CheckOutcome::Pass)
    );
    let edited = evaluate_program(
        &facts,
        &parse_rules(&changed, "edited").unwrap(),
        date("2026-12-01"),
    );
    assert_eq!(
        length(program(&edited, "workforce_pell")),
        Some(ler_eligibility::CheckOutcome::Fail)
    );
    assert_eq!(
        program(&edited, "workforce_pell").status,
        VerdictStatus::Ineligible
    );
}

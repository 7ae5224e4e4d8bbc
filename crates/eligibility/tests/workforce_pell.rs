//! Workforce Pell and regular Pell program verdicts from the rules in seeds/domain.

mod common;

use common::{date, dec, program, rules};
use ler_eligibility::{
    evaluate_program, AwardLevel, CheckOutcome, DeliveryMode, ProgramFacts, VerdictStatus,
};
use rust_decimal::Decimal;

/// Builds a program that meets every Workforce Pell rule on 2026-12-01.
fn short_program() -> ProgramFacts {
    ProgramFacts {
        state: Some("TN".to_string()),
        clock_hours: Some(dec(300)),
        weeks: Some(dec(10)),
        delivery_mode: Some(DeliveryMode::InPerson),
        title_iv_institution: Some(true),
        months_offered: Some(dec(24)),
        state_approved: Some(true),
        completion_rate: Some(Decimal::new(80, 2)),
        placement_rate: Some(Decimal::new(80, 2)),
        median_earnings_after: Some(dec(40_000)),
        cost: Some(dec(5_000)),
        ..ProgramFacts::default()
    }
}

fn workforce_status(facts: &ProgramFacts, as_of: &str) -> VerdictStatus {
    let verdicts = evaluate_program(facts, &rules(), date(as_of));
    program(&verdicts, "workforce_pell").status
}

#[test]
fn workforce_pell_baseline_is_eligible() {
    let verdicts = evaluate_program(&short_program(), &rules(), date("2026-12-01"));
    let verdict = program(&verdicts, "workforce_pell");
    assert_eq!(
        verdict.status,
        VerdictStatus::Eligible,
        "{:#?}",
        verdict.reasons
    );
    assert!(verdict.what_if.is_empty());
    assert!(verdict
        .checks
        .iter()
        .all(|check| check.source.is_some() || check.rule_id == "GIB_85_15"));
}

#[test]
fn clock_hour_boundaries_table() {
    let cases = [
        (149, VerdictStatus::Ineligible),
        (150, VerdictStatus::Eligible),
        (599, VerdictStatus::Eligible),
        (600, VerdictStatus::Ineligible),
    ];
    for (hours, expected) in cases {
        let facts = ProgramFacts {
            clock_hours: Some(dec(hours)),
            ..short_program()
        };
        assert_eq!(
            workforce_status(&facts, "2026-12-01"),
            expected,
            "{hours} clock hours"
        );
    }
}

#[test]
fn week_boundaries_table() {
    let cases = [
        (7, VerdictStatus::Ineligible),
        (8, VerdictStatus::Eligible),
        (14, VerdictStatus::Eligible),
        (15, VerdictStatus::Ineligible),
    ];
    for (weeks, expected) in cases {
        let facts = ProgramFacts {
            weeks: Some(dec(weeks)),
            ..short_program()
        };
        assert_eq!(
            workforce_status(&facts, "2026-12-01"),
            expected,
            "{weeks} weeks"
        );
    }
}

#[test]
fn hours_and_weeks_both_required() {
    let facts = ProgramFacts {
        clock_hours: Some(dec(300)),
        weeks: Some(dec(20)),
        ..short_program()
    };
    assert_eq!(
        workforce_status(&facts, "2026-12-01"),
        VerdictStatus::Ineligible
    );
    let facts = ProgramFacts {
        clock_hours: Some(dec(100)),
        weeks: Some(dec(10)),
        ..short_program()
    };
    assert_eq!(
        workforce_status(&facts, "2026-12-01"),
        VerdictStatus::Ineligible
    );
}

#[test]
fn what_if_names_hours_to_remove() {
    let facts = ProgramFacts {
        clock_hours: Some(dec(600)),
        ..short_program()
    };
    let verdicts = evaluate_program(&facts, &rules(), date("2026-12-01"));
    let verdict = program(&verdicts, "workforce_pell");
    assert_eq!(verdict.what_if.len(), 1);
    let change = &verdict.what_if[0];
    assert_eq!(change.rule_id, "WP_CLOCK_MAX");
    assert_eq!(change.target, Some(dec(599)));
    assert_eq!(change.delta, Some(dec(-1)));
    assert!(
        change.description.contains("Lower clock_hours from 600 to 599"),
        "{}",
        change.description
    );
}

#[test]
fn what_if_names_weeks_to_add() {
    let facts = ProgramFacts {
        weeks: Some(dec(5)),
        ..short_program()
    };
    let verdicts = evaluate_program(&facts, &rules(), date("2026-12-01"));
    let change = &program(&verdicts, "workforce_pell").what_if[0];
    assert_eq!(change.rule_id, "WP_WEEKS_MIN");
    assert_eq!(change.target, Some(dec(8)));
    assert_eq!(change.delta, Some(dec(3)));
}

#[test]
fn reasons_cite_rule_values_and_source() {
    let facts = ProgramFacts {
        clock_hours: Some(dec(149)),
        ..short_program()
    };
    let verdicts = evaluate_program(&facts, &rules(), date("2026-12-01"));
    let verdict = program(&verdicts, "workforce_pell");
    let failed = verdict
        .checks
        .iter()
        .find(|check| check.outcome == CheckOutcome::Fail)
        .expect("a failed check");
    assert_eq!(failed.rule_id, "WP_CLOCK_MIN");
    assert_eq!(failed.limit, Some(dec(150)));
    assert!(failed
        .source
        .as_deref()
        .unwrap_or("")
        .starts_with("https://"));
    assert!(verdict.reasons[0].contains("149"), "{}", verdict.reasons[0]);
    assert!(verdict.reasons[0].contains("150"), "{}", verdict.reasons[0]);
}

#[test]
fn semester_hours_branch_counts_as_length() {
    let facts = ProgramFacts {
        clock_hours: None,
        credit_hours: Some(dec(12)),
        ..short_program()
    };
    assert_eq!(
        workforce_status(&facts, "2026-12-01"),
        VerdictStatus::Eligible
    );
    let facts = ProgramFacts {
        clock_hours: None,
        credit_hours: Some(dec(16)),
        ..short_program()
    };
    assert_eq!(
        workforce_status(&facts, "2026-12-01"),
        VerdictStatus::Ineligible
    );
}

#[test]
fn no_length_measure_is_unknown() {
    let facts = ProgramFacts {
        clock_hours: None,
        ..short_program()
    };
    let verdicts = evaluate_program(&facts, &rules(), date("2026-12-01"));
    let verdict = program(&verdicts, "workforce_pell");
    assert_eq!(verdict.status, VerdictStatus::Unknown);
    assert!(
        verdict
            .reasons
            .iter()
            .any(|reason| reason.contains("clock_hours")),
        "{:?}",
        verdict.reasons
    );
}

#[test]
fn excluded_delivery_modes_table() {
    let cases = [
        (DeliveryMode::InPerson, VerdictStatus::Eligible),
        (DeliveryMode::Hybrid, VerdictStatus::Eligible),
        (DeliveryMode::FullyOnline, VerdictStatus::Eligible),
        (DeliveryMode::Correspondence, VerdictStatus::Ineligible),
        (DeliveryMode::StudyAbroad, VerdictStatus::Ineligible),
        (DeliveryMode::DirectAssessment, VerdictStatus::Ineligible),
    ];
    for (mode, expected) in cases {
        let facts = ProgramFacts {
            delivery_mode: Some(mode),
            ..short_program()
        };
        assert_eq!(workforce_status(&facts, "2026-12-01"), expected, "{mode:?}");
    }
}

#[test]
fn awaited_state_approval_is_pending() {
    let facts = ProgramFacts {
        state_approved: None,
        ..short_program()
    };
    let verdicts = evaluate_program(&facts, &rules(), date("2026-12-01"));
    let verdict = program(&verdicts, "workforce_pell");
    assert_eq!(verdict.status, VerdictStatus::Pending);
    assert!(verdict
        .reasons
        .iter()
        .any(|reason| reason.contains("WP_STATE_APPROVAL")));
}

#[test]
fn denied_state_approval_is_ineligible() {
    let facts = ProgramFacts {
        state_approved: Some(false),
        ..short_program()
    };
    assert_eq!(
        workforce_status(&facts, "2026-12-01"),
        VerdictStatus::Ineligible
    );
}

#[test]
fn missing_outcome_data_is_pending() {
    let facts = ProgramFacts {
        completion_rate: None,
        placement_rate: None,
        median_earnings_after: None,
        ..short_program()
    };
    let verdicts = evaluate_program(&facts, &rules(), date("2026-12-01"));
    let verdict = program(&verdicts, "workforce_pell");
    assert_eq!(verdict.status, VerdictStatus::Pending);
    assert_eq!(verdict.reasons.len(), 4, "{:#?}", verdict.reasons);
}

#[test]
fn completion_rate_boundary_table() {
    let cases = [
        (69, VerdictStatus::Ineligible),
        (70, VerdictStatus::Eligible),
    ];
    for (percent, expected) in cases {
        let facts = ProgramFacts {
            completion_rate: Some(Decimal::new(percent, 2)),
            ..short_program()
        };
        assert_eq!(
            workforce_status(&facts, "2026-12-01"),
            expected,
            "completion {percent}%"
        );
    }
}

#[test]
fn missing_program_data_is_unknown() {
    let facts = ProgramFacts {
        title_iv_institution: None,
        state_approved: None,
        ..short_program()
    };
    assert_eq!(
        workforce_status(&facts, "2026-12-01"),
        VerdictStatus::Unknown
    );
}

#[test]
fn value_added_earnings_boundaries() {
    // Value-added earnings are 40000 - 23940 = 16060.
    let cases = [
        (16_060, VerdictStatus::Eligible),
        (16_061, VerdictStatus::Ineligible),
    ];
    for (cost, expected) in cases {
        let facts = ProgramFacts {
            cost: Some(dec(cost)),
            ..short_program()
        };
        assert_eq!(
            workforce_status(&facts, "2026-12-01"),
            expected,
            "cost {cost}"
        );
    }
}

#[test]
fn value_added_earnings_must_be_positive() {
    let facts = ProgramFacts {
        median_earnings_after: Some(dec(23_940)),
        cost: Some(dec(0)),
        ..short_program()
    };
    let verdicts = evaluate_program(&facts, &rules(), date("2026-12-01"));
    let verdict = program(&verdicts, "workforce_pell");
    assert_eq!(verdict.status, VerdictStatus::Ineligible);
    assert_eq!(verdict.what_if[0].rule_id, "WP_VALUE_ADDED_POSITIVE");
    assert_eq!(verdict.what_if[0].target, Some(Decimal::new(2_394_001, 2)));
}

#[test]
fn placement_rule_switches_in_2029() {
    let facts = ProgramFacts {
        placement_rate_in_occupation: None,
        ..short_program()
    };
    assert_eq!(
        workforce_status(&facts, "2029-06-30"),
        VerdictStatus::Eligible
    );
    assert_eq!(
        workforce_status(&facts, "2029-07-01"),
        VerdictStatus::Pending
    );
    let facts = ProgramFacts {
        placement_rate_in_occupation: Some(Decimal::new(50, 2)),
        ..short_program()
    };
    assert_eq!(
        workforce_status(&facts, "2029-07-01"),
        VerdictStatus::Ineligible
    );
}

#[test]
fn workforce_pell_before_start_date() {
    let verdicts = evaluate_program(&short_program(), &rules(), date("2026-06-30"));
    let verdict = program(&verdicts, "workforce_pell");
    assert_eq!(verdict.status, VerdictStatus::Unknown);
    assert!(verdict.checks.is_empty());
    assert!(
        verdict.reasons[0].contains("in effect on 2026-06-30"),
        "{}",
        verdict.reasons[0]
    );
    assert_eq!(
        workforce_status(&short_program(), "2026-07-01"),
        VerdictStatus::Eligible
    );
}

#[test]
fn regular_pell_from_600_hours() {
    let facts = ProgramFacts {
        clock_hours: Some(dec(600)),
        weeks: Some(dec(15)),
        ..short_program()
    };
    let verdicts = evaluate_program(&facts, &rules(), date("2026-12-01"));
    assert_eq!(
        program(&verdicts, "federal_pell").status,
        VerdictStatus::Eligible
    );
    assert_eq!(
        program(&verdicts, "workforce_pell").status,
        VerdictStatus::Ineligible
    );
    let facts = ProgramFacts {
        clock_hours: Some(dec(599)),
        weeks: Some(dec(14)),
        award_level: Some(AwardLevel::Certificate),
        ..short_program()
    };
    let verdicts = evaluate_program(&facts, &rules(), date("2026-12-01"));
    assert_eq!(
        program(&verdicts, "federal_pell").status,
        VerdictStatus::Ineligible
    );
    assert_eq!(
        program(&verdicts, "workforce_pell").status,
        VerdictStatus::Eligible
    );
}

#[test]
fn pell_unknown_award_level_stays_unknown() {
    let facts = ProgramFacts {
        clock_hours: Some(dec(599)),
        weeks: Some(dec(14)),
        ..short_program()
    };
    let verdicts = evaluate_program(&facts, &rules(), date("2026-12-01"));
    assert_eq!(
        program(&verdicts, "federal_pell").status,
        VerdictStatus::Unknown
    );
}

#[test]
fn pell_degree_program_any_length() {
    let facts = ProgramFacts {
        clock_hours: None,
        weeks: None,
        award_level: Some(AwardLevel::Associate),
        ..short_program()
    };
    let verdicts = evaluate_program(&facts, &rules(), date("2026-12-01"));
    assert_eq!(
        program(&verdicts, "federal_pell").status,
        VerdictStatus::Eligible
    );
}

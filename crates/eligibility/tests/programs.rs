//! WIOA, GI Bill, SNAP E&T, TANF training and Tennessee promise programs.

mod common;

use common::{date, dec, program, rules};
use ler_eligibility::{evaluate_program, AwardLevel, ProgramFacts, VerdictStatus};
use rust_decimal::Decimal;

const DAY: &str = "2026-12-01";

fn status(facts: &ProgramFacts, id: &str) -> VerdictStatus {
    program(&evaluate_program(facts, &rules(), date(DAY)), id).status
}

#[test]
fn wioa_needs_etpl_and_in_demand() {
    let cases = [
        (Some(true), Some(true), VerdictStatus::Eligible),
        (Some(false), Some(true), VerdictStatus::Ineligible),
        (Some(true), Some(false), VerdictStatus::Ineligible),
        (None, Some(true), VerdictStatus::Unknown),
    ];
    for (etpl, in_demand, expected) in cases {
        let facts = ProgramFacts {
            on_state_etpl: etpl,
            in_demand,
            ..ProgramFacts::default()
        };
        assert_eq!(
            status(&facts, "wioa_ita"),
            expected,
            "etpl {etpl:?} in-demand {in_demand:?}"
        );
    }
}

#[test]
fn wioa_what_if_names_etpl() {
    let facts = ProgramFacts {
        on_state_etpl: Some(false),
        in_demand: Some(true),
        ..ProgramFacts::default()
    };
    let verdicts = evaluate_program(&facts, &rules(), date(DAY));
    let change = &program(&verdicts, "wioa_ita").what_if[0];
    assert_eq!(change.field, "on_state_etpl");
    assert!(
        change.description.contains("true"),
        "{}",
        change.description
    );
}

#[test]
fn gi_bill_approval_and_age() {
    let approved = ProgramFacts {
        va_approved: Some(true),
        ..ProgramFacts::default()
    };
    assert_eq!(status(&approved, "gi_bill"), VerdictStatus::Eligible);
    let young = ProgramFacts {
        nondegree_private_operating_years: Some(dec(1)),
        ..approved.clone()
    };
    assert_eq!(status(&young, "gi_bill"), VerdictStatus::Ineligible);
    let verdicts = evaluate_program(&approved, &rules(), date(DAY));
    assert!(program(&verdicts, "gi_bill").notices.is_empty());
    let share = ProgramFacts {
        va_supported_share: Some(Decimal::new(80, 2)),
        ..approved
    };
    let verdicts = evaluate_program(&share, &rules(), date(DAY));
    assert!(program(&verdicts, "gi_bill")
        .notices
        .iter()
        .any(|notice| notice.contains("GIB_85_15")));
}

#[test]
fn snap_et_component_list() {
    let facts = ProgramFacts {
        snap_et_component: Some("educational_program".into()),
        ..ProgramFacts::default()
    };
    assert_eq!(status(&facts, "snap_et"), VerdictStatus::Eligible);
    let facts = ProgramFacts {
        snap_et_component: Some("tutoring".into()),
        ..ProgramFacts::default()
    };
    assert_eq!(status(&facts, "snap_et"), VerdictStatus::Ineligible);
}

#[test]
fn tanf_training_twelve_month_cap() {
    let facts = ProgramFacts {
        weeks: Some(dec(52)),
        ..ProgramFacts::default()
    };
    assert_eq!(status(&facts, "tanf_training"), VerdictStatus::Eligible);
    let facts = ProgramFacts {
        weeks: Some(dec(53)),
        ..ProgramFacts::default()
    };
    assert_eq!(status(&facts, "tanf_training"), VerdictStatus::Ineligible);
}

#[test]
fn tennessee_promise_state_and_award() {
    let facts = ProgramFacts {
        state: Some("TN".into()),
        award_level: Some(AwardLevel::Associate),
        ..ProgramFacts::default()
    };
    assert_eq!(status(&facts, "tn_promise"), VerdictStatus::Eligible);
    assert_eq!(status(&facts, "tn_reconnect"), VerdictStatus::Eligible);
    let kentucky = ProgramFacts {
        state: Some("KY".into()),
        ..facts.clone()
    };
    assert_eq!(status(&kentucky, "tn_promise"), VerdictStatus::Ineligible);
    let verdicts = evaluate_program(&kentucky, &rules(), date(DAY));
    assert!(program(&verdicts, "tn_promise").what_if.is_empty());
    let bachelor = ProgramFacts {
        award_level: Some(AwardLevel::Bachelor),
        ..facts
    };
    assert_eq!(status(&bachelor, "tn_reconnect"), VerdictStatus::Ineligible);
}

#[test]
fn every_seed_program_has_verdict() {
    let verdicts = evaluate_program(&ProgramFacts::default(), &rules(), date(DAY));
    let ids: Vec<&str> = verdicts
        .iter()
        .map(|verdict| verdict.program.as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "federal_pell",
            "workforce_pell",
            "wioa_ita",
            "gi_bill",
            "snap_et",
            "tanf_training",
            "tn_promise",
            "tn_reconnect"
        ]
    );
    assert!(verdicts
        .iter()
        .all(|verdict| verdict.status == VerdictStatus::Unknown
            || verdict.status == VerdictStatus::Pending));
}

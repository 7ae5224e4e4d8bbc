//! Invalid household profiles and program facts are rejected with the field named.

mod common;

use common::{date, dec, profile, rules, tables};
use ler_eligibility::{evaluate_household, HouseholdProfile, InputError, Member, ProgramFacts};
use rust_decimal::Decimal;

fn rejected(household: &HouseholdProfile) -> InputError {
    evaluate_household(household, &rules(), &tables(), date("2026-03-01"))
        .expect_err("profile must be rejected")
}

#[test]
fn negative_income_rejected() {
    let household = profile("TX", 1, -1, -1);
    let error = rejected(&household);
    assert_eq!(error.field(), "monthlyGrossIncome");
    assert_eq!(error.code(), "BAD_USER_INPUT");
    assert!(error.to_string().contains("-1"), "{error}");
}

#[test]
fn negative_resources_rejected() {
    let household = HouseholdProfile {
        countable_resources: Some(dec(-5)),
        ..profile("TX", 1, 10, 5)
    };
    assert_eq!(rejected(&household).field(), "countableResources");
}

#[test]
fn zero_household_size_rejected() {
    let household = HouseholdProfile {
        household_size: 0,
        members: Vec::new(),
        ..profile("TX", 1, 10, 5)
    };
    let error = rejected(&household);
    assert_eq!(error, InputError::EmptyHousehold);
    assert_eq!(error.field(), "householdSize");
}

#[test]
fn negative_household_size_rejected() {
    let household = HouseholdProfile {
        household_size: -2,
        members: Vec::new(),
        ..profile("TX", 1, 10, 5)
    };
    let error = rejected(&household);
    assert_eq!(error.field(), "householdSize");
    assert!(error.to_string().contains("-2"), "{error}");
}

#[test]
fn oversized_household_rejected() {
    let household = HouseholdProfile {
        household_size: 31,
        members: Vec::new(),
        ..profile("TX", 1, 10, 5)
    };
    let error = rejected(&household);
    assert!(error.to_string().contains("between 1 and 30"), "{error}");
}

#[test]
fn unknown_state_rejected() {
    let error = rejected(&profile("XX", 1, 10, 5));
    assert_eq!(error.field(), "state");
    assert!(error.to_string().contains("`XX`"), "{error}");
}

#[test]
fn territory_rejected_with_reason() {
    let error = rejected(&profile("PR", 1, 10, 5));
    assert!(
        matches!(error, InputError::UnsupportedTerritory { .. }),
        "{error}"
    );
}

#[test]
fn lowercase_state_accepted() {
    let verdicts = evaluate_household(
        &profile(" tn", 1, 10, 5),
        &rules(),
        &tables(),
        date("2026-03-01"),
    );
    assert!(verdicts.is_ok());
}

#[test]
fn net_above_gross_rejected() {
    let error = rejected(&profile("TX", 1, 100, 101));
    assert_eq!(error.field(), "monthlyNetIncome");
}

#[test]
fn sub_cent_income_rejected() {
    let household = HouseholdProfile {
        monthly_gross_income: Decimal::new(10_001, 3),
        ..profile("TX", 1, 0, 0)
    };
    assert!(matches!(
        rejected(&household),
        InputError::TooPrecise { .. }
    ));
}

#[test]
fn member_count_mismatch_rejected() {
    let mut household = profile("TX", 3, 10, 5);
    household.members.pop();
    let error = rejected(&household);
    assert!(
        error
            .to_string()
            .contains("lists 2 people but householdSize is 3"),
        "{error}"
    );
}

#[test]
fn member_errors_name_index() {
    let mut household = profile("TX", 2, 10, 5);
    household.members[1] = Member {
        age_years: 200,
        ..Member::default()
    };
    assert_eq!(rejected(&household).field(), "members[1].ageYears");
    household.members[1] = Member {
        age_years: -1,
        ..Member::default()
    };
    assert_eq!(rejected(&household).field(), "members[1].ageYears");
    household.members[1] = Member {
        age_years: 20,
        months_since_delivery: Some(-3),
        ..Member::default()
    };
    assert_eq!(
        rejected(&household).field(),
        "members[1].monthsSinceDelivery"
    );
    household.members[1] = Member {
        age_years: 20,
        unborn_children: 1,
        ..Member::default()
    };
    assert_eq!(rejected(&household).field(), "members[1].unbornChildren");
    household.members[1] = Member {
        age_years: 20,
        breastfeeding: true,
        ..Member::default()
    };
    assert_eq!(rejected(&household).field(), "members[1].breastfeeding");
}

#[test]
fn program_facts_ranges_checked() {
    let facts = ProgramFacts {
        clock_hours: Some(dec(-1)),
        ..ProgramFacts::default()
    };
    assert_eq!(facts.validate().unwrap_err().field(), "clockHours");
    let facts = ProgramFacts {
        completion_rate: Some(Decimal::new(101, 2)),
        ..ProgramFacts::default()
    };
    assert_eq!(facts.validate().unwrap_err().field(), "completionRate");
    let facts = ProgramFacts {
        state: Some("Tennessee".into()),
        ..ProgramFacts::default()
    };
    assert_eq!(facts.validate().unwrap_err().field(), "state");
    assert!(ProgramFacts::default().validate().is_ok());
}

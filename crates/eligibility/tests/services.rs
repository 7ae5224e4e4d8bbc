//! TANF (Tennessee), CCDF, LIHEAP and services without rules.

mod common;

use common::{adults, date, dec, profile, rules, service, tables};
use ler_eligibility::{
    evaluate_household, Activity, Benefit, HouseholdProfile, Member, VerdictStatus, LISTED_SERVICES,
};
use rust_decimal::Decimal;

const DAY: &str = "2026-12-01";

fn family(state: &str, gross: i64) -> HouseholdProfile {
    let mut household = profile(state, 2, gross, gross);
    household.members[0].activity = Activity::Working;
    household.members[1] = Member {
        age_years: 3,
        ..Member::default()
    };
    household
}

fn status(household: &HouseholdProfile, id: &str) -> VerdictStatus {
    let verdicts =
        evaluate_household(household, &rules(), &tables(), date(DAY)).expect("valid profile");
    service(&verdicts, id).status
}

#[test]
fn every_listed_service_has_verdict() {
    let verdicts = evaluate_household(&family("TN", 1000), &rules(), &tables(), date(DAY)).unwrap();
    for id in LISTED_SERVICES {
        assert!(
            verdicts.iter().any(|verdict| verdict.service == id),
            "no verdict for {id}"
        );
    }
}

#[test]
fn services_without_rules_are_unknown() {
    let verdicts = evaluate_household(&family("TN", 1000), &rules(), &tables(), date(DAY)).unwrap();
    let transport = service(&verdicts, "transportation_assistance");
    assert_eq!(transport.status, VerdictStatus::Unknown);
    assert!(
        transport.reasons[0].contains("No eligibility rules are recorded"),
        "{}",
        transport.reasons[0]
    );
}

#[test]
fn tennessee_tanf_gross_standard_boundary() {
    assert_eq!(status(&family("TN", 1658), "tanf"), VerdictStatus::Eligible);
    assert_eq!(
        status(&family("TN", 1659), "tanf"),
        VerdictStatus::Ineligible
    );
}

#[test]
fn tanf_outside_tennessee_is_unknown() {
    let verdicts = evaluate_household(&family("KY", 1000), &rules(), &tables(), date(DAY)).unwrap();
    let tanf = service(&verdicts, "tanf");
    assert_eq!(tanf.status, VerdictStatus::Unknown);
    assert!(tanf.reasons[0].contains("state KY"), "{}", tanf.reasons[0]);
}

#[test]
fn tanf_unlisted_size_is_unknown() {
    let mut household = profile("TN", 5, 1000, 1000);
    household.members[4] = Member {
        age_years: 2,
        ..Member::default()
    };
    let verdicts = evaluate_household(&household, &rules(), &tables(), date(DAY)).unwrap();
    let tanf = service(&verdicts, "tanf");
    assert_eq!(tanf.status, VerdictStatus::Unknown);
    assert!(tanf.reasons[0].contains("not 5"), "{}", tanf.reasons[0]);
    assert!(tanf
        .notices
        .iter()
        .any(|notice| notice.contains("TANF_TN_GROSS is unverified")));
}

#[test]
fn tanf_requires_child() {
    let household = profile("TN", 2, 100, 100);
    assert_eq!(status(&household, "tanf"), VerdictStatus::Ineligible);
}

#[test]
fn ccdf_income_unknown_without_smi() {
    let verdicts = evaluate_household(&family("TN", 1000), &rules(), &tables(), date(DAY)).unwrap();
    let ccdf = service(&verdicts, "ccdf");
    assert_eq!(ccdf.status, VerdictStatus::Unknown);
    assert!(
        ccdf.reasons
            .iter()
            .any(|reason| reason.contains("state median income")),
        "{:?}",
        ccdf.reasons
    );
}

#[test]
fn ccdf_needs_child_under_13() {
    let mut household = family("TN", 1000);
    household.members[1].age_years = 13;
    assert_eq!(status(&household, "ccdf"), VerdictStatus::Ineligible);
    household.members[1].disabled = true;
    assert_eq!(status(&household, "ccdf"), VerdictStatus::Unknown);
}

#[test]
fn ccdf_needs_working_caregiver() {
    let mut household = family("TN", 1000);
    household.members[0].activity = Activity::None;
    assert_eq!(status(&household, "ccdf"), VerdictStatus::Ineligible);
    household.members[0].activity = Activity::JobTraining;
    assert_eq!(status(&household, "ccdf"), VerdictStatus::Unknown);
}

#[test]
fn liheap_150_percent_boundary() {
    // 2026 guideline for 2 people in the 48 states and DC: 150% is 32460 a year, 2705 a month.
    assert_eq!(
        status(&family("TN", 2705), "liheap"),
        VerdictStatus::Eligible
    );
    let over = HouseholdProfile {
        monthly_gross_income: Decimal::new(270_501, 2),
        ..family("TN", 2705)
    };
    assert_eq!(status(&over, "liheap"), VerdictStatus::Ineligible);
}

#[test]
fn liheap_uses_guideline_in_effect() {
    // 2025 guideline for 2 people: 150% is 31725 a year (2643.75 a month), in effect until 2026-01-12.
    let household = family("TN", 2700);
    let verdicts = evaluate_household(&household, &rules(), &tables(), date("2026-01-12")).unwrap();
    assert_eq!(
        service(&verdicts, "liheap").status,
        VerdictStatus::Ineligible
    );
    let verdicts = evaluate_household(&household, &rules(), &tables(), date("2026-01-13")).unwrap();
    assert_eq!(service(&verdicts, "liheap").status, VerdictStatus::Eligible);
}

#[test]
fn liheap_categorical_through_ssi() {
    let mut household = family("AK", 9000);
    household.current_benefits = vec![Benefit::Ssi];
    let verdicts = evaluate_household(&household, &rules(), &tables(), date(DAY)).unwrap();
    let liheap = service(&verdicts, "liheap");
    assert_eq!(liheap.status, VerdictStatus::Eligible);
    assert!(liheap
        .categorical_eligibility
        .as_deref()
        .unwrap_or("")
        .contains("ssi"));
}

#[test]
fn wic_category_failure_offers_no_change() {
    let household = HouseholdProfile {
        members: adults(2),
        ..family("TN", 100)
    };
    let verdicts = evaluate_household(&household, &rules(), &tables(), date(DAY)).unwrap();
    let wic = service(&verdicts, "wic");
    assert_eq!(wic.status, VerdictStatus::Ineligible);
    assert!(wic.what_if.is_empty(), "{:?}", wic.what_if);
    assert_eq!(wic.income_limits[0].income, dec(100));
}

//! WIC verdicts: participant categories, the 185% income test and adjunctive eligibility.

mod common;

use common::{adults, date, dec, rules, service, tables};
use ler_eligibility::tables::SizeKey;
use ler_eligibility::{
    evaluate_household, Benefit, HouseholdProfile, Member, Region, VerdictStatus,
};

const TABLE_DAY: &str = "2026-03-01";

fn postpartum_household(state: &str, size: u32, gross: i64) -> HouseholdProfile {
    let mut members = adults(size);
    members[0] = Member {
        age_years: 25,
        months_since_delivery: Some(3),
        ..Member::default()
    };
    HouseholdProfile {
        state: state.to_string(),
        household_size: size as i32,
        monthly_gross_income: dec(gross),
        monthly_net_income: None,
        countable_resources: None,
        members,
        current_benefits: Vec::new(),
    }
}

fn wic_status(household: &HouseholdProfile, as_of: &str) -> VerdictStatus {
    let verdicts =
        evaluate_household(household, &rules(), &tables(), date(as_of)).expect("valid profile");
    service(&verdicts, "wic").status
}

#[test]
fn income_limit_and_dollar_over() {
    let rows: Vec<_> = tables()
        .wic_limits
        .into_iter()
        .filter(|row| row.household_size != SizeKey::EachAdditional)
        .collect();
    assert_eq!(rows.len(), 24);
    for row in rows {
        let SizeKey::Size(size) = row.household_size else {
            continue;
        };
        let state = match row.region {
            Region::Contiguous => "OH",
            Region::Alaska => "AK",
            Region::Hawaii => "HI",
        };
        let limit = i64::try_from(row.monthly).unwrap();
        let at = wic_status(&postpartum_household(state, size, limit), TABLE_DAY);
        assert_eq!(
            at,
            VerdictStatus::Eligible,
            "{state} size {size} at {limit}"
        );
        let over = wic_status(&postpartum_household(state, size, limit + 1), TABLE_DAY);
        assert_eq!(
            over,
            VerdictStatus::Ineligible,
            "{state} size {size} at {}",
            limit + 1
        );
    }
}

#[test]
fn limit_is_185_percent_of_guideline() {
    // 2025 guideline for one person in the 48 states and DC is 15650; 185% is 28952.5,
    // rounded up to 28953 a year and 2413 a month.
    let verdicts = evaluate_household(
        &postpartum_household("OH", 1, 100),
        &rules(),
        &tables(),
        date(TABLE_DAY),
    )
    .unwrap();
    let margin = &service(&verdicts, "wic").income_limits[0];
    assert_eq!(margin.limit, dec(2413));
    assert_eq!(margin.margin, dec(2313));
}

#[test]
fn unborn_children_raise_household_size() {
    let mut household = postpartum_household("OH", 1, 4109);
    household.members[0] = Member {
        age_years: 28,
        pregnant: true,
        unborn_children: 2,
        ..Member::default()
    };
    assert_eq!(wic_status(&household, TABLE_DAY), VerdictStatus::Eligible);
    household.monthly_gross_income = dec(4110);
    assert_eq!(wic_status(&household, TABLE_DAY), VerdictStatus::Ineligible);
}

#[test]
fn pregnancy_counts_one_unborn_by_default() {
    let mut household = postpartum_household("OH", 1, 3261);
    household.members[0] = Member {
        age_years: 28,
        pregnant: true,
        ..Member::default()
    };
    assert_eq!(wic_status(&household, TABLE_DAY), VerdictStatus::Eligible);
}

#[test]
fn adjunctive_eligibility_through_snap() {
    let mut household = postpartum_household("OH", 2, 9000);
    household.current_benefits = vec![Benefit::Snap];
    let verdicts = evaluate_household(&household, &rules(), &tables(), date(TABLE_DAY)).unwrap();
    let wic = service(&verdicts, "wic");
    assert_eq!(wic.status, VerdictStatus::Eligible);
    assert_eq!(
        wic.categorical_eligibility.as_deref(),
        Some("receives snap (WIC_ADJUNCTIVE)")
    );
    assert!(wic.income_limits[0].margin.is_sign_negative());
}

#[test]
fn adjunctive_eligibility_needs_category() {
    let mut household = postpartum_household("OH", 2, 100);
    household.members = adults(2);
    household.current_benefits = vec![Benefit::Medicaid];
    assert_eq!(wic_status(&household, TABLE_DAY), VerdictStatus::Ineligible);
}

#[test]
fn category_boundaries_table() {
    let cases = [
        (
            Member {
                age_years: 4,
                ..Member::default()
            },
            VerdictStatus::Eligible,
        ),
        (
            Member {
                age_years: 5,
                ..Member::default()
            },
            VerdictStatus::Ineligible,
        ),
        (
            Member {
                age_years: 30,
                months_since_delivery: Some(6),
                ..Member::default()
            },
            VerdictStatus::Eligible,
        ),
        (
            Member {
                age_years: 30,
                months_since_delivery: Some(7),
                ..Member::default()
            },
            VerdictStatus::Ineligible,
        ),
        (
            Member {
                age_years: 30,
                months_since_delivery: Some(12),
                breastfeeding: true,
                ..Member::default()
            },
            VerdictStatus::Eligible,
        ),
        (
            Member {
                age_years: 30,
                months_since_delivery: Some(13),
                breastfeeding: true,
                ..Member::default()
            },
            VerdictStatus::Ineligible,
        ),
    ];
    for (member, expected) in cases {
        let mut household = postpartum_household("OH", 2, 100);
        household.members = vec![
            member.clone(),
            Member {
                age_years: 40,
                ..Member::default()
            },
        ];
        assert_eq!(wic_status(&household, TABLE_DAY), expected, "{member:?}");
    }
}

#[test]
fn no_members_is_unknown() {
    let mut household = postpartum_household("OH", 2, 100);
    household.members.clear();
    assert_eq!(wic_status(&household, TABLE_DAY), VerdictStatus::Unknown);
}

#[test]
fn computed_limits_from_july_2026() {
    // 2026 guideline for one person is 15960; 185% is 29526 a year, 2460.5 a month,
    // rounded up to 2461.
    assert_eq!(
        wic_status(&postpartum_household("OH", 1, 2461), "2026-12-01"),
        VerdictStatus::Eligible
    );
    assert_eq!(
        wic_status(&postpartum_household("OH", 1, 2462), "2026-12-01"),
        VerdictStatus::Ineligible
    );
    let verdicts = evaluate_household(
        &postpartum_household("OH", 1, 2461),
        &rules(),
        &tables(),
        date("2026-12-01"),
    )
    .unwrap();
    let wic = service(&verdicts, "wic");
    assert!(
        wic.notices
            .iter()
            .any(|notice| notice.contains("WIC_INCOME_2026")),
        "{:?}",
        wic.notices
    );
}

#[test]
fn table_period_ends_june_30() {
    // 2025-26 table limit is 2413; the computed 2026-27 limit is 2461.
    let household = postpartum_household("OH", 1, 2450);
    assert_eq!(
        wic_status(&household, "2026-06-30"),
        VerdictStatus::Ineligible
    );
    assert_eq!(
        wic_status(&household, "2026-07-01"),
        VerdictStatus::Eligible
    );
}

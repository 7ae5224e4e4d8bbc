//! SNAP gross and net income tests against the FY2026 and projected FY2027 limits.

mod common;

use common::{adults, date, dec, profile, rules, service, tables};
use ler_eligibility::tables::SizeKey;
use ler_eligibility::{evaluate_household, Member, Region, VerdictStatus};
use rust_decimal::Decimal;

const FY2026_DAY: &str = "2026-03-01";
const FY2027_DAY: &str = "2026-12-01";

fn state_of(region: Region) -> &'static str {
    match region {
        Region::Contiguous => "TX",
        Region::Alaska => "AK",
        Region::Hawaii => "HI",
    }
}

fn snap_status(gross: i64, net: i64, state: &str, size: u32, as_of: &str) -> VerdictStatus {
    let verdicts = evaluate_household(
        &profile(state, size, gross, net),
        &rules(),
        &tables(),
        date(as_of),
    )
    .expect("valid profile");
    service(&verdicts, "snap").status
}

/// Rows in effect on `day` for each listed household size, as (state, size, gross, net).
fn rows_on(day: &str) -> Vec<(&'static str, u32, i64, i64)> {
    let as_of = date(day);
    tables()
        .snap_limits
        .iter()
        .filter(|row| row.effective_from <= as_of && as_of <= row.effective_to)
        .filter_map(|row| match row.household_size {
            SizeKey::Size(size) => Some((
                state_of(row.region),
                size,
                i64::try_from(row.gross_monthly_130pct).unwrap(),
                i64::try_from(row.net_monthly_100pct).unwrap(),
            )),
            SizeKey::EachAdditional => None,
        })
        .collect()
}

fn fy2026_rows() -> Vec<(&'static str, u32, i64, i64)> {
    rows_on(FY2026_DAY)
}

#[test]
fn seed_table_spot_values() {
    let rows = fy2026_rows();
    assert_eq!(rows.len(), 24);
    assert!(rows.contains(&("TX", 1, 1696, 1305)));
    assert!(rows.contains(&("AK", 4, 4354, 3350)));
    assert!(rows.contains(&("HI", 8, 6750, 5192)));
}

#[test]
fn gross_limit_and_dollar_over() {
    for (state, size, gross_limit, _) in fy2026_rows() {
        let at = snap_status(gross_limit, 0, state, size, FY2026_DAY);
        assert_eq!(
            at,
            VerdictStatus::Eligible,
            "{state} size {size} at gross limit {gross_limit}"
        );
        let over = snap_status(gross_limit + 1, 0, state, size, FY2026_DAY);
        assert_eq!(
            over,
            VerdictStatus::Ineligible,
            "{state} size {size} one dollar over {gross_limit}"
        );
    }
}

#[test]
fn net_limit_and_dollar_over() {
    for (state, size, _, net_limit) in fy2026_rows() {
        let at = snap_status(net_limit, net_limit, state, size, FY2026_DAY);
        assert_eq!(
            at,
            VerdictStatus::Eligible,
            "{state} size {size} at net limit {net_limit}"
        );
        let over = snap_status(net_limit + 1, net_limit + 1, state, size, FY2026_DAY);
        assert_eq!(
            over,
            VerdictStatus::Ineligible,
            "{state} size {size} one dollar over {net_limit}"
        );
    }
}

#[test]
fn projected_limits_at_and_over() {
    let rows = rows_on(FY2027_DAY);
    assert_eq!(rows.len(), 24);
    assert!(rows.contains(&("TX", 1, 1729, 1330)));
    for (state, size, gross_limit, net_limit) in rows {
        assert_eq!(
            snap_status(gross_limit, 0, state, size, FY2027_DAY),
            VerdictStatus::Eligible,
            "{state} {size}"
        );
        assert_eq!(
            snap_status(gross_limit + 1, 0, state, size, FY2027_DAY),
            VerdictStatus::Ineligible,
            "{state} {size} gross over"
        );
        assert_eq!(
            snap_status(net_limit + 1, net_limit + 1, state, size, FY2027_DAY),
            VerdictStatus::Ineligible,
            "{state} {size} net over"
        );
    }
}

#[test]
fn dc_uses_contiguous_limits() {
    assert_eq!(
        snap_status(1696, 0, "DC", 1, FY2026_DAY),
        VerdictStatus::Eligible
    );
    assert_eq!(
        snap_status(1697, 0, "DC", 1, FY2026_DAY),
        VerdictStatus::Ineligible
    );
}

#[test]
fn sizes_above_eight_add_increment() {
    // 48 states and DC: size 8 gross 5867 plus 596 per extra person; net 4513 plus 459.
    assert_eq!(
        snap_status(5867 + 2 * 596, 0, "TX", 10, FY2026_DAY),
        VerdictStatus::Eligible
    );
    assert_eq!(
        snap_status(5867 + 2 * 596 + 1, 0, "TX", 10, FY2026_DAY),
        VerdictStatus::Ineligible
    );
    let net = 4513 + 2 * 459;
    assert_eq!(
        snap_status(net + 1, net + 1, "TX", 10, FY2026_DAY),
        VerdictStatus::Ineligible
    );
    // Alaska adds 746 gross per extra person.
    assert_eq!(
        snap_status(7336 + 746, 0, "AK", 9, FY2026_DAY),
        VerdictStatus::Eligible
    );
    assert_eq!(
        snap_status(7336 + 747, 0, "AK", 9, FY2026_DAY),
        VerdictStatus::Ineligible
    );
}

#[test]
fn elderly_member_takes_net_test_only() {
    let mut household = profile("TX", 2, 3000, 1763);
    household.members[1] = Member {
        age_years: 60,
        ..Member::default()
    };
    let verdicts = evaluate_household(&household, &rules(), &tables(), date(FY2026_DAY)).unwrap();
    let snap = service(&verdicts, "snap");
    assert_eq!(snap.status, VerdictStatus::Eligible, "{:#?}", snap.reasons);
    let gross = snap
        .checks
        .iter()
        .find(|check| check.rule_id == "SNAP_GROSS")
        .unwrap();
    assert_eq!(gross.outcome, ler_eligibility::CheckOutcome::NotApplicable);

    household.monthly_net_income = Some(dec(1764));
    let verdicts = evaluate_household(&household, &rules(), &tables(), date(FY2026_DAY)).unwrap();
    assert_eq!(service(&verdicts, "snap").status, VerdictStatus::Ineligible);
}

#[test]
fn disabled_member_takes_net_test_only() {
    let mut household = profile("HI", 1, 5000, 1500);
    household.members[0].disabled = true;
    let verdicts = evaluate_household(&household, &rules(), &tables(), date(FY2026_DAY)).unwrap();
    assert_eq!(service(&verdicts, "snap").status, VerdictStatus::Eligible);
}

#[test]
fn member_aged_59_takes_gross_test() {
    let mut household = profile("TX", 2, 3000, 1763);
    household.members[1] = Member {
        age_years: 59,
        ..Member::default()
    };
    let verdicts = evaluate_household(&household, &rules(), &tables(), date(FY2026_DAY)).unwrap();
    assert_eq!(service(&verdicts, "snap").status, VerdictStatus::Ineligible);
}

#[test]
fn over_gross_without_members_is_unknown() {
    let mut household = profile("TX", 2, 3000, 1000);
    household.members.clear();
    let verdicts = evaluate_household(&household, &rules(), &tables(), date(FY2026_DAY)).unwrap();
    let snap = service(&verdicts, "snap");
    assert_eq!(snap.status, VerdictStatus::Unknown);
    assert!(
        snap.reasons[0].contains("elderly_or_disabled_member"),
        "{}",
        snap.reasons[0]
    );
}

#[test]
fn missing_net_income_is_unknown() {
    let mut household = profile("TX", 1, 1000, 0);
    household.monthly_net_income = None;
    let verdicts = evaluate_household(&household, &rules(), &tables(), date(FY2026_DAY)).unwrap();
    assert_eq!(service(&verdicts, "snap").status, VerdictStatus::Unknown);
}

#[test]
fn income_margin_reports_distance() {
    let verdicts = evaluate_household(
        &profile("TX", 3, 2900, 2000),
        &rules(),
        &tables(),
        date(FY2026_DAY),
    )
    .unwrap();
    let snap = service(&verdicts, "snap");
    let gross = snap
        .income_limits
        .iter()
        .find(|margin| margin.rule_id == "SNAP_GROSS")
        .unwrap();
    assert_eq!(gross.limit, dec(2888));
    assert_eq!(gross.margin, dec(-12));
    let net = snap
        .income_limits
        .iter()
        .find(|margin| margin.rule_id == "SNAP_NET")
        .unwrap();
    assert_eq!(net.limit, dec(2221));
    assert_eq!(net.margin, dec(221));
}

#[test]
fn what_if_lowers_income_to_limit() {
    let household = ler_eligibility::HouseholdProfile {
        monthly_gross_income: Decimal::new(290_050, 2),
        ..profile("TX", 3, 0, 2000)
    };
    let verdicts = evaluate_household(&household, &rules(), &tables(), date(FY2026_DAY)).unwrap();
    let change = &service(&verdicts, "snap").what_if[0];
    assert_eq!(change.rule_id, "SNAP_GROSS");
    assert_eq!(change.target, Some(dec(2888)));
    assert_eq!(change.delta, Some(Decimal::new(-1_250, 2)));
}

#[test]
fn fiscal_year_switch_on_october_first() {
    // 48 states and DC, size 1: FY2026 gross limit 1696, projected FY2027 limit 1729.
    assert_eq!(
        snap_status(1700, 0, "TX", 1, "2026-09-30"),
        VerdictStatus::Ineligible
    );
    assert_eq!(
        snap_status(1700, 0, "TX", 1, "2026-10-01"),
        VerdictStatus::Eligible
    );
}

#[test]
fn projected_limits_carry_notice() {
    let verdicts = evaluate_household(
        &profile("TX", 1, 1000, 900),
        &rules(),
        &tables(),
        date("2026-12-01"),
    )
    .unwrap();
    let snap = service(&verdicts, "snap");
    assert!(snap.income_limits.iter().all(|margin| margin.projected));
    assert!(
        snap.notices
            .iter()
            .any(|notice| notice.contains("projected")),
        "{:?}",
        snap.notices
    );
    let verdicts = evaluate_household(
        &profile("TX", 1, 1000, 900),
        &rules(),
        &tables(),
        date(FY2026_DAY),
    )
    .unwrap();
    assert!(service(&verdicts, "snap").notices.is_empty());
}

#[test]
fn no_table_after_fy2027_is_unknown() {
    let status = snap_status(1000, 900, "TX", 1, "2027-10-01");
    assert_eq!(status, VerdictStatus::Unknown);
}

#[test]
fn asset_limit_applies_when_given() {
    let mut household = profile("TX", 1, 1000, 900);
    household.countable_resources = Some(dec(3001));
    let verdicts = evaluate_household(&household, &rules(), &tables(), date(FY2026_DAY)).unwrap();
    assert_eq!(service(&verdicts, "snap").status, VerdictStatus::Ineligible);
    household.members = adults(1);
    household.members[0].age_years = 70;
    let verdicts = evaluate_household(&household, &rules(), &tables(), date(FY2026_DAY)).unwrap();
    assert_eq!(service(&verdicts, "snap").status, VerdictStatus::Eligible);
}

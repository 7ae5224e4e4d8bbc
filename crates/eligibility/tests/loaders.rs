//! Seed loaders: counts, round trips through JSON, and rejected rows.

mod common;

use common::{rules, seed_dir, tables};
use ler_eligibility::tables::SizeKey;
use ler_eligibility::{load_rules, parse_rules, LoadError, Rule, Tables, Threshold, Verification};

const HEADER: &str = "id,subject,subject_kind,jurisdiction,role,group,field,operator,threshold,unit,applies_if,when_missing,effective_from,effective_to,verification,source,notes";

fn one_rule(body: &str) -> Result<Vec<Rule>, LoadError> {
    parse_rules(&format!("{HEADER}\n{body}\n"), "inline")
}

#[test]
fn seed_rules_cover_every_subject() {
    let rules = rules();
    assert_eq!(rules.len(), 56);
    let subjects = [
        "federal_pell",
        "workforce_pell",
        "wioa_ita",
        "gi_bill",
        "snap_et",
        "tanf_training",
        "tn_promise",
        "tn_reconnect",
        "snap",
        "wic",
        "tanf",
        "ccdf",
        "liheap",
    ];
    for subject in subjects {
        assert!(
            rules.iter().any(|rule| rule.subject == subject),
            "no rules for {subject}"
        );
    }
}

#[test]
fn unverified_rows_keep_their_status() {
    let rules = rules();
    let status = |id: &str| {
        rules
            .iter()
            .find(|rule| rule.id == id)
            .map(|rule| rule.verification)
    };
    assert_eq!(status("GIB_85_15"), Some(Verification::Unverified));
    assert_eq!(status("TANF_TN_GROSS"), Some(Verification::Unverified));
    assert_eq!(
        status("WP_CLOCK_MIN"),
        Some(Verification::VerifiedSecondary)
    );
    assert_eq!(status("WIC_INCOME_2026"), Some(Verification::Computed));
}

#[test]
fn rules_round_trip_through_json() {
    let rules = rules();
    let json = serde_json::to_string(&rules).unwrap();
    let back: Vec<Rule> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, rules);
}

#[test]
fn rule_json_is_flat_text() {
    let rules = rules();
    let rule = rules.iter().find(|rule| rule.id == "SNAP_GROSS").unwrap();
    let json = serde_json::to_value(rule).unwrap();
    assert_eq!(json["threshold"], "table:snap_gross");
    assert_eq!(json["operator"], "<=");
    assert_eq!(json["applies_if"], "!elderly_or_disabled_member");
    assert!(json
        .as_object()
        .unwrap()
        .values()
        .all(|value| !value.is_object() && !value.is_array()));
}

#[test]
fn tables_round_trip_through_json() {
    let tables = tables();
    let json = serde_json::to_string(&tables).unwrap();
    let back: Tables = serde_json::from_str(&json).unwrap();
    assert_eq!(back, tables);
}

#[test]
fn seed_table_row_counts() {
    let tables = tables();
    assert_eq!(tables.poverty_guidelines.len(), 54);
    assert_eq!(tables.snap_limits.len(), 54);
    assert_eq!(tables.wic_limits.len(), 27);
    assert_eq!(tables.tanf_tn_gross_income_standard.len(), 3);
}

#[test]
fn snap_projection_rows_are_flagged() {
    let tables = tables();
    for row in &tables.snap_limits {
        assert_eq!(
            row.projected,
            row.fiscal_year == 2027,
            "FY{} {:?}",
            row.fiscal_year,
            row.household_size
        );
    }
}

#[test]
fn poverty_effective_dates_parsed() {
    let tables = tables();
    let row = tables
        .poverty_guidelines
        .iter()
        .find(|row| row.year == 2026 && row.household_size == SizeKey::Size(1))
        .unwrap();
    assert_eq!(row.effective_from.to_string(), "2026-01-13");
}

#[test]
fn threshold_text_forms() {
    assert_eq!("true".parse::<Threshold>().unwrap(), Threshold::Bool(true));
    assert!(matches!(
        "0.70".parse::<Threshold>().unwrap(),
        Threshold::Number(_)
    ));
    assert_eq!(
        "a|b".parse::<Threshold>().unwrap(),
        Threshold::Set(vec!["a".into(), "b".into()])
    );
    assert!(matches!(
        "table:snap_net".parse::<Threshold>().unwrap(),
        Threshold::Table(_)
    ));
    assert!(matches!(
        "cost - 10".parse::<Threshold>().unwrap(),
        Threshold::FieldMinus { .. }
    ));
    assert_eq!(
        "TN".parse::<Threshold>().unwrap(),
        Threshold::Text("TN".into())
    );
}

#[test]
fn unknown_table_rejected_with_names() {
    let error = "table:snap_grosss".parse::<Threshold>().unwrap_err();
    assert!(error.contains("snap_grosss"), "{error}");
    assert!(error.contains("snap_gross,"), "{error}");
}

#[test]
fn operator_threshold_mismatch_rejected() {
    let error =
        one_rule("X1,p,aid_program,,requirement,,weeks,>=,a|b,,,unknown,,,verified,,").unwrap_err();
    let message = error.to_string();
    assert!(message.contains("X1"), "{message}");
    assert!(message.contains("line 2"), "{message}");
    assert_eq!(error.code(), "INTERNAL");
}

#[test]
fn end_before_start_rejected() {
    let error = one_rule(
        "X1,p,aid_program,,requirement,,weeks,>=,8,,,unknown,2026-07-01,2026-06-30,verified,,",
    )
    .unwrap_err();
    assert!(error.to_string().contains("before it starts"), "{error}");
}

#[test]
fn duplicate_rule_id_rejected() {
    let row = "X1,p,aid_program,,requirement,,weeks,>=,8,,,unknown,,,verified,,";
    let error = parse_rules(&format!("{HEADER}\n{row}\n{row}\n"), "inline").unwrap_err();
    assert!(matches!(error, LoadError::DuplicateRuleId { ref id } if id == "X1"));
}

#[test]
fn unknown_operator_rejected() {
    let error =
        one_rule("X1,p,aid_program,,requirement,,weeks,=>,8,,,unknown,,,verified,,").unwrap_err();
    assert!(matches!(error, LoadError::InvalidRow { .. }), "{error}");
}

#[test]
fn missing_directory_names_path() {
    let error = load_rules(&seed_dir().join("absent")).unwrap_err();
    assert!(error.to_string().contains("absent/rules.csv"), "{error}");
}

//! Estimated weeks and cost of programs and courses that state neither. The table and its
//! basis are documented in `docs/pathways.md`; keep both in step.

/// Weeks and cost of one program or course, each with whether it was estimated.
#[derive(Debug, Clone, PartialEq)]
pub struct Length {
    pub weeks: f64,
    pub cost_usd: f64,
    pub weeks_estimated: bool,
    pub cost_estimated: bool,
    /// Source of the estimated values; None when the record states both.
    pub basis: Option<String>,
}

/// Weeks of one term at the South Georgia Technical College catalog in the seed, whose
/// weeks basis is "periods of approximately 15 weeks".
pub const TERM_WEEKS: f64 = 15.0;

/// Tuition per credit hour at that catalog, used for courses without a stated cost.
pub const COST_PER_CREDIT_HOUR: f64 = 100.0;

/// Estimated weeks and cost by award level, with the basis of each row.
fn by_award_level(level: Option<&str>) -> (f64, f64, &'static str) {
    match level {
        Some("CERTIFICATE") | Some("TECHNICAL_CERTIFICATE_OF_CREDIT") => {
            (15.0, 1_500.0, "certificate: one 15-week term; cost is the lower median of the 153 certificates in the South Georgia Technical College 2021-2023 catalog")
        }
        Some("DIPLOMA") => (60.0, 6_644.0, "diploma: lower median weeks and cost of the 32 diplomas in the South Georgia Technical College 2021-2023 catalog"),
        Some("ASSOCIATE") => (75.0, 8_205.0, "associate degree: lower median weeks of the 17 associate degrees stating weeks and cost of all 18 in the South Georgia Technical College 2021-2023 catalog"),
        // NOTE: the three costs below use a technical college's tuition, so they are a floor
        // well below a university's.
        Some("BACHELOR") => (120.0, 12_000.0, "bachelor's degree: 8 terms of 15 weeks; cost is 120 credit hours at $100"),
        Some("MASTER") => (60.0, 3_600.0, "master's degree: 4 terms of 15 weeks; cost is 36 credit hours at $100"),
        Some("DOCTORATE") => (150.0, 6_000.0, "doctorate: 10 terms of 15 weeks; cost is 60 credit hours at $100"),
        _ => (15.0, 1_500.0, "program without an award level: treated as a one-term certificate"),
    }
}

/// Weeks and cost as a program record states them, with the catalog's own estimate
/// flags and bases (`weeksBasis`, `costBasis`).
#[derive(Debug, Clone, Default)]
pub struct Stated<'a> {
    pub award_level: Option<&'a str>,
    pub weeks: Option<f64>,
    pub cost_usd: Option<f64>,
    pub weeks_estimated: Option<bool>,
    pub cost_estimated: Option<bool>,
    pub weeks_basis: Option<&'a str>,
    pub cost_basis: Option<&'a str>,
}

/// Returns the stated weeks and cost of a program, filling each missing value from the
/// award-level table. A value the catalog itself estimated keeps its flag and its basis.
pub fn program_length(stated: &Stated) -> Length {
    let (table_weeks, table_cost, table_basis) = by_award_level(stated.award_level);
    let weeks_missing = stated.weeks.is_none();
    let cost_missing = stated.cost_usd.is_none();
    let catalog_weeks = !weeks_missing && stated.weeks_estimated.unwrap_or(false);
    let catalog_cost = !cost_missing && stated.cost_estimated.unwrap_or(false);
    let mut basis = Vec::new();
    if weeks_missing || cost_missing {
        basis.push(format!("estimated by award level ({table_basis})"));
    }
    if catalog_weeks {
        basis.push(format!("catalog weeks from {}", stated.weeks_basis.unwrap_or("terms")));
    }
    if catalog_cost {
        basis.push(format!("catalog cost from {}", stated.cost_basis.unwrap_or("the fee schedule")));
    }
    Length {
        weeks: stated.weeks.unwrap_or(table_weeks),
        cost_usd: stated.cost_usd.unwrap_or(table_cost),
        weeks_estimated: weeks_missing || catalog_weeks,
        cost_estimated: cost_missing || catalog_cost,
        basis: (!basis.is_empty()).then(|| basis.join("; ")),
    }
}

/// Returns the estimated weeks and cost of a course taken on its own: one term, and
/// its credit hours at the seeded catalog's tuition per credit hour.
pub fn course_length(credit_hours: Option<f64>) -> Length {
    let credits = credit_hours.unwrap_or(0.0);
    Length {
        weeks: TERM_WEEKS,
        cost_usd: credits * COST_PER_CREDIT_HOUR,
        weeks_estimated: true,
        cost_estimated: true,
        basis: Some(format!("course taken alone: one {TERM_WEEKS}-week term, {credits} credit hours at ${COST_PER_CREDIT_HOUR} per credit hour")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stated_values_are_kept() {
        let length = program_length(&Stated { award_level: Some("DIPLOMA"), weeks: Some(45.0), cost_usd: Some(5_000.0), ..Default::default() });
        assert_eq!(length.weeks, 45.0);
        assert_eq!(length.cost_usd, 5_000.0);
        assert!(!length.weeks_estimated);
        assert!(length.basis.is_none());
    }

    #[test]
    fn missing_weeks_use_award_level() {
        let stated = Stated {
            award_level: Some("TECHNICAL_CERTIFICATE_OF_CREDIT"),
            cost_usd: Some(1_200.0),
            cost_estimated: Some(true),
            cost_basis: Some("12 credit hours × $100.00 per credit hour"),
            ..Default::default()
        };
        let length = program_length(&stated);
        assert_eq!(length.weeks, 15.0);
        assert_eq!(length.cost_usd, 1_200.0);
        assert!(length.weeks_estimated);
        assert!(length.cost_estimated);
        let basis = length.basis.unwrap();
        assert!(basis.contains("certificate: one 15-week term"), "{basis}");
        assert!(basis.contains("catalog cost from 12 credit hours"), "{basis}");
    }

    #[test]
    fn unknown_level_counts_as_certificate() {
        let length = program_length(&Stated::default());
        assert_eq!(length.weeks, 15.0);
        assert_eq!(length.cost_usd, 1_500.0);
    }

    #[test]
    fn course_cost_follows_credit_hours() {
        let length = course_length(Some(3.0));
        assert_eq!(length.cost_usd, 300.0);
        assert_eq!(length.weeks, 15.0);
    }
}

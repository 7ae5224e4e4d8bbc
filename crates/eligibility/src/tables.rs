//! Income tables (poverty guidelines, SNAP, WIC, Tennessee TANF) and limit lookups.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Poverty guideline region. Alaska and Hawaii have their own guidelines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Region {
    #[serde(rename = "48_contiguous_DC")]
    Contiguous,
    #[serde(rename = "AK")]
    Alaska,
    #[serde(rename = "HI")]
    Hawaii,
}

impl Region {
    /// Region of a two-letter state code; every state but AK and HI is contiguous, and so is DC.
    pub fn of_state(state: &str) -> Region {
        match state {
            "AK" => Region::Alaska,
            "HI" => Region::Hawaii,
            _ => Region::Contiguous,
        }
    }

    fn label(self) -> &'static str {
        match self {
            Region::Contiguous => "48 states and DC",
            Region::Alaska => "Alaska",
            Region::Hawaii => "Hawaii",
        }
    }
}

/// Household size column of a table: a size, or the amount added per person above the last size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum SizeKey {
    Size(u32),
    EachAdditional,
}

impl TryFrom<String> for SizeKey {
    type Error = String;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        if text == "each_additional" {
            return Ok(SizeKey::EachAdditional);
        }
        text.parse().map(SizeKey::Size).map_err(|_| {
            format!("household size `{text}` is neither a number nor `each_additional`")
        })
    }
}

impl From<SizeKey> for String {
    fn from(key: SizeKey) -> Self {
        match key {
            SizeKey::Size(size) => size.to_string(),
            SizeKey::EachAdditional => "each_additional".to_string(),
        }
    }
}

/// HHS poverty guideline row, annual amounts in whole dollars.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PovertyGuidelineRow {
    pub year: i32,
    pub region: Region,
    pub household_size: SizeKey,
    pub annual_guideline_usd: Decimal,
    pub pct150_usd: Decimal,
    pub pct185_usd: Decimal,
    /// First day the guideline applies, read from the `effective YYYY-MM-DD` part of the source.
    pub effective_from: NaiveDate,
    pub verification: String,
    pub source: String,
}

/// SNAP monthly income limits for one fiscal year, in whole dollars.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SnapLimitRow {
    pub fiscal_year: i32,
    pub effective_from: NaiveDate,
    pub effective_to: NaiveDate,
    /// True for limits derived ahead of the FNS publication.
    pub projected: bool,
    pub region: Region,
    pub household_size: SizeKey,
    pub gross_monthly_130pct: Decimal,
    pub net_monthly_100pct: Decimal,
    pub elderly_disabled_separate_hh_165pct: Decimal,
    pub verification: String,
    pub source: String,
}

/// WIC income eligibility row (185% of the poverty guideline), in whole dollars.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WicLimitRow {
    pub effective_from: NaiveDate,
    pub effective_to: NaiveDate,
    pub region: Region,
    pub household_size: SizeKey,
    pub annual: Decimal,
    pub monthly: Decimal,
    pub twice_monthly: Decimal,
    pub biweekly: Decimal,
    pub weekly: Decimal,
    pub verification: String,
    pub source: String,
}

/// Tennessee Families First Gross Income Standard for one household size, monthly dollars.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TanfTnRow {
    pub household_size: u32,
    pub monthly_limit_usd: Decimal,
    pub verification: String,
    pub source: String,
}

/// All income tables the household rules refer to.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Tables {
    pub poverty_guidelines: Vec<PovertyGuidelineRow>,
    pub snap_limits: Vec<SnapLimitRow>,
    pub wic_limits: Vec<WicLimitRow>,
    pub tanf_tn_gross_income_standard: Vec<TanfTnRow>,
}

/// Table a rule threshold refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TableName {
    SnapGross,
    SnapNet,
    WicMonthly,
    Poverty185Monthly,
    Poverty150Annual,
    TanfTnGrossIncomeStandard,
    StateMedianIncome85,
}

const TABLE_NAMES: [(&str, TableName); 7] = [
    ("snap_gross", TableName::SnapGross),
    ("snap_net", TableName::SnapNet),
    ("wic_monthly", TableName::WicMonthly),
    ("poverty_185_monthly", TableName::Poverty185Monthly),
    ("poverty_150_annual", TableName::Poverty150Annual),
    (
        "tanf_tn_gross_income_standard",
        TableName::TanfTnGrossIncomeStandard,
    ),
    ("state_median_income_85", TableName::StateMedianIncome85),
];

/// Reference to a table limit: `NAME`, `NAME@YEAR` for a fixed guideline year, and an
/// optional ` by FIELD` naming the household size fact (default `household_size`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TableRef {
    pub name: TableName,
    pub year: Option<i32>,
    pub size_field: Option<String>,
}

impl TableRef {
    /// Returns the name of the fact that contains the household size for this lookup.
    pub fn size_field(&self) -> &str {
        self.size_field.as_deref().unwrap_or("household_size")
    }
}

impl FromStr for TableRef {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let (head, size_field) = match text.split_once(" by ") {
            Some((head, field)) => (head.trim(), Some(field.trim().to_string())),
            None => (text.trim(), None),
        };
        let (name_text, year) = match head.split_once('@') {
            Some((name, year)) => {
                let year = year
                    .parse::<i32>()
                    .map_err(|_| format!("table year `{year}` in `{text}` is not a year"))?;
                (name, Some(year))
            }
            None => (head, None),
        };
        let name = TABLE_NAMES
            .iter()
            .find(|(known, _)| *known == name_text)
            .map(|(_, name)| *name)
            .ok_or_else(|| {
                let known: Vec<&str> = TABLE_NAMES.iter().map(|(known, _)| *known).collect();
                format!(
                    "unknown table `{name_text}`; use one of {}",
                    known.join(", ")
                )
            })?;
        Ok(TableRef {
            name,
            year,
            size_field,
        })
    }
}

impl fmt::Display for TableRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = TABLE_NAMES
            .iter()
            .find(|(_, name)| *name == self.name)
            .map_or("", |(text, _)| text);
        f.write_str(name)?;
        if let Some(year) = self.year {
            write!(f, "@{year}")?;
        }
        if let Some(field) = &self.size_field {
            write!(f, " by {field}")?;
        }
        Ok(())
    }
}

/// A limit found in a table, with where it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TableLimit {
    /// Limit in whole dollars, monthly or annual according to the table name.
    pub amount: Decimal,
    /// Plain description, for example "SNAP gross monthly limit FY2026, 48 states and DC, household of 3".
    pub description: String,
    pub verification: String,
    pub source: String,
    /// True when the limit is a projection ahead of publication.
    pub projected: bool,
}

/// Scales a per-size amount beyond the largest listed size with the `each_additional` row.
fn amount_for_size<R>(
    rows: &[&R],
    size: u32,
    key: impl Fn(&R) -> SizeKey,
    value: impl Fn(&R) -> Decimal,
) -> Option<Decimal> {
    if let Some(row) = rows.iter().find(|row| key(row) == SizeKey::Size(size)) {
        return Some(value(row));
    }
    let increment = rows
        .iter()
        .find(|row| key(row) == SizeKey::EachAdditional)?;
    let (largest, base) = rows
        .iter()
        .filter_map(|row| match key(row) {
            SizeKey::Size(listed) if listed < size => Some((listed, value(row))),
            _ => None,
        })
        .max_by_key(|(listed, _)| *listed)?;
    Some(base + value(increment) * Decimal::from(size - largest))
}

/// Divides an annual amount by 12 and rounds up to whole dollars, as the WIC tables do.
fn monthly_ceiling(annual: Decimal) -> Decimal {
    (annual / Decimal::from(12)).ceil()
}

impl Tables {
    /// Looks up the limit `table` gives for a household on `as_of`.
    ///
    /// Returns a sentence saying what is missing when no row covers the date, region or size.
    pub fn limit(
        &self,
        table: &TableRef,
        region: Region,
        size: u32,
        as_of: NaiveDate,
    ) -> Result<TableLimit, String> {
        match table.name {
            TableName::SnapGross | TableName::SnapNet => self.snap_limit(table.name, region, size, as_of),
            TableName::WicMonthly => self.wic_limit(region, size, as_of),
            TableName::Poverty185Monthly | TableName::Poverty150Annual => {
                self.poverty_limit(table.name, table.year, region, size, as_of)
            }
            TableName::TanfTnGrossIncomeStandard => self.tanf_tn_limit(size),
            TableName::StateMedianIncome85 => Err(
                "no state median income table is loaded, so the 85% of state median income limit cannot be computed"
                    .to_string(),
            ),
        }
    }

    fn snap_limit(
        &self,
        name: TableName,
        region: Region,
        size: u32,
        as_of: NaiveDate,
    ) -> Result<TableLimit, String> {
        let rows: Vec<&SnapLimitRow> = self
            .snap_limits
            .iter()
            .filter(|row| {
                row.region == region && row.effective_from <= as_of && as_of <= row.effective_to
            })
            .collect();
        let first = rows
            .first()
            .ok_or_else(|| format!("no SNAP income limits for {} cover {as_of}", region.label()))?;
        let (kind, amount) = match name {
            TableName::SnapGross => (
                "gross",
                amount_for_size(
                    &rows,
                    size,
                    |r| r.household_size,
                    |r| r.gross_monthly_130pct,
                ),
            ),
            _ => (
                "net",
                amount_for_size(&rows, size, |r| r.household_size, |r| r.net_monthly_100pct),
            ),
        };
        let amount =
            amount.ok_or_else(|| format!("the SNAP table has no row for a household of {size}"))?;
        let projection = if first.projected {
            " (projected, not yet published by FNS)"
        } else {
            ""
        };
        Ok(TableLimit {
            amount,
            description: format!(
                "SNAP {kind} monthly limit FY{}{projection}, {}, household of {size}",
                first.fiscal_year,
                region.label()
            ),
            verification: first.verification.clone(),
            source: first.source.clone(),
            projected: first.projected,
        })
    }

    fn wic_limit(&self, region: Region, size: u32, as_of: NaiveDate) -> Result<TableLimit, String> {
        let rows: Vec<&WicLimitRow> = self
            .wic_limits
            .iter()
            .filter(|row| {
                row.region == region && row.effective_from <= as_of && as_of <= row.effective_to
            })
            .collect();
        let first = rows
            .first()
            .ok_or_else(|| format!("no WIC income limits for {} cover {as_of}", region.label()))?;
        let amount = amount_for_size(&rows, size, |r| r.household_size, |r| r.monthly)
            .ok_or_else(|| format!("the WIC table has no row for a household of {size}"))?;
        Ok(TableLimit {
            amount,
            description: format!(
                "WIC monthly limit (185% of poverty) {} to {}, {}, household of {size}",
                first.effective_from,
                first.effective_to,
                region.label()
            ),
            verification: first.verification.clone(),
            source: first.source.clone(),
            projected: false,
        })
    }

    fn poverty_limit(
        &self,
        name: TableName,
        year: Option<i32>,
        region: Region,
        size: u32,
        as_of: NaiveDate,
    ) -> Result<TableLimit, String> {
        let year = match year {
            Some(year) => year,
            None => self
                .poverty_guidelines
                .iter()
                .filter(|row| row.effective_from <= as_of)
                .map(|row| row.year)
                .max()
                .ok_or_else(|| format!("no poverty guidelines are in effect on {as_of}"))?,
        };
        let rows: Vec<&PovertyGuidelineRow> = self
            .poverty_guidelines
            .iter()
            .filter(|row| row.year == year && row.region == region)
            .collect();
        let first = rows.first().ok_or_else(|| {
            format!(
                "no {year} poverty guidelines for {} are loaded",
                region.label()
            )
        })?;
        let (amount, what) = match name {
            TableName::Poverty185Monthly => (
                amount_for_size(&rows, size, |r| r.household_size, |r| r.pct185_usd)
                    .map(monthly_ceiling),
                "185% of the poverty guideline per month",
            ),
            _ => (
                amount_for_size(&rows, size, |r| r.household_size, |r| r.pct150_usd),
                "150% of the poverty guideline per year",
            ),
        };
        let amount = amount.ok_or_else(|| {
            format!("the {year} poverty guidelines have no row for a household of {size}")
        })?;
        Ok(TableLimit {
            amount,
            description: format!(
                "{what}, {year} guidelines, {}, household of {size}",
                region.label()
            ),
            verification: first.verification.clone(),
            source: first.source.clone(),
            projected: false,
        })
    }

    fn tanf_tn_limit(&self, size: u32) -> Result<TableLimit, String> {
        let row = self
            .tanf_tn_gross_income_standard
            .iter()
            .find(|row| row.household_size == size)
            .ok_or_else(|| {
                let sizes: Vec<String> =
                    self.tanf_tn_gross_income_standard.iter().map(|row| row.household_size.to_string()).collect();
                format!(
                    "the Tennessee Gross Income Standard is recorded only for household sizes {}, not {size}",
                    sizes.join(", ")
                )
            })?;
        Ok(TableLimit {
            amount: row.monthly_limit_usd,
            description: format!(
                "Tennessee Families First Gross Income Standard, household of {size}"
            ),
            verification: row.verification.clone(),
            source: row.source.clone(),
            projected: false,
        })
    }
}

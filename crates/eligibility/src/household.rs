//! Household profile, its validation, and the facts the service rules read from it.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::InputError;
use crate::facts::{check_not_negative, check_state, normalize_state, FactValue, Facts};

/// Largest household size accepted. Tables extend past size 8 by a per-person amount, so
/// this only stops typing mistakes.
pub const MAX_HOUSEHOLD_SIZE: i32 = 30;

/// Age from which SNAP counts a member as elderly (7 CFR 271.2).
pub const ELDERLY_AGE: i32 = 60;

/// Oldest member age accepted.
pub const MAX_AGE_YEARS: i32 = 120;

/// Household facts for service verdicts. Money is US dollars per month. Counts are `i32`
/// like GraphQL `Int`, so negative input reaches [`HouseholdProfile::validate`] and gets
/// an error naming the field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HouseholdProfile {
    /// Two-letter state code (the 50 states and DC).
    pub state: String,
    /// People who live together and buy and prepare food together.
    pub household_size: i32,
    pub monthly_gross_income: Decimal,
    /// Gross income minus allowable deductions; needed for the SNAP net test.
    #[serde(default)]
    pub monthly_net_income: Option<Decimal>,
    /// Countable resources (cash, bank balances); empty skips the asset tests.
    #[serde(default)]
    pub countable_resources: Option<Decimal>,
    /// Either empty or one entry per member. Without members the rules about ages,
    /// pregnancy and disability yield UNKNOWN.
    #[serde(default)]
    pub members: Vec<Member>,
    #[serde(default)]
    pub current_benefits: Vec<Benefit>,
}

/// One household member.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Member {
    pub age_years: i32,
    pub pregnant: bool,
    /// Expected babies of a pregnant member, counted in the WIC household size; a pregnant
    /// member with 0 here counts as expecting one.
    pub unborn_children: i32,
    /// Months since this member gave birth, if she did within the period that matters.
    pub months_since_delivery: Option<i32>,
    pub breastfeeding: bool,
    pub disabled: bool,
    pub activity: Activity,
}

/// Work or training status of a member.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Activity {
    #[default]
    None,
    Working,
    JobTraining,
    Education,
    JobSearch,
}

/// Benefit the household already receives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Benefit {
    Snap,
    Tanf,
    Medicaid,
    Ssi,
    VaMeansTested,
    Wic,
    Ccdf,
    Liheap,
}

impl Benefit {
    /// Snake-case name, as the rule tables write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Benefit::Snap => "snap",
            Benefit::Tanf => "tanf",
            Benefit::Medicaid => "medicaid",
            Benefit::Ssi => "ssi",
            Benefit::VaMeansTested => "va_means_tested",
            Benefit::Wic => "wic",
            Benefit::Ccdf => "ccdf",
            Benefit::Liheap => "liheap",
        }
    }
}

impl HouseholdProfile {
    /// Checks the profile and names the first invalid field.
    pub fn validate(&self) -> Result<(), InputError> {
        check_state("state", &normalize_state(&self.state))?;
        if self.household_size < 0 {
            return Err(InputError::Negative {
                field: "householdSize".to_string(),
                value: self.household_size.to_string(),
            });
        }
        if self.household_size == 0 {
            return Err(InputError::EmptyHousehold);
        }
        if self.household_size > MAX_HOUSEHOLD_SIZE {
            return Err(InputError::OutOfRange {
                field: "householdSize".to_string(),
                value: self.household_size.to_string(),
                min: "1".to_string(),
                max: MAX_HOUSEHOLD_SIZE.to_string(),
            });
        }
        let amounts = [
            ("monthlyGrossIncome", Some(self.monthly_gross_income)),
            ("monthlyNetIncome", self.monthly_net_income),
            ("countableResources", self.countable_resources),
        ];
        for (field, value) in amounts {
            check_not_negative(field, value)?;
            check_cents(field, value)?;
        }
        if let Some(net) = self.monthly_net_income {
            if net > self.monthly_gross_income {
                return Err(InputError::NetAboveGross {
                    net: net.to_string(),
                    gross: self.monthly_gross_income.to_string(),
                });
            }
        }
        if !self.members.is_empty() && self.members.len() != self.household_size as usize {
            return Err(InputError::MemberCountMismatch {
                members: self.members.len(),
                household_size: self.household_size,
            });
        }
        for (index, member) in self.members.iter().enumerate() {
            member.validate(index)?;
        }
        Ok(())
    }

    /// Derives the facts the service rules read. Call [`HouseholdProfile::validate`] first.
    pub fn to_facts(&self) -> Facts {
        let mut facts = Facts::new();
        let mut set = |name: &str, value: FactValue| {
            facts.insert(name.to_string(), value);
        };
        set("state", FactValue::Text(normalize_state(&self.state)));
        set(
            "household_size",
            FactValue::Number(Decimal::from(self.household_size)),
        );
        set(
            "monthly_gross_income",
            FactValue::Number(self.monthly_gross_income),
        );
        set(
            "annual_gross_income",
            FactValue::Number(self.monthly_gross_income * Decimal::from(12)),
        );
        if let Some(net) = self.monthly_net_income {
            set("monthly_net_income", FactValue::Number(net));
        }
        if let Some(resources) = self.countable_resources {
            set("countable_resources", FactValue::Number(resources));
        }
        let benefits = self
            .current_benefits
            .iter()
            .map(|benefit| benefit.as_str().to_string())
            .collect();
        set("current_benefits", FactValue::Set(benefits));

        let unborn: i32 = self
            .members
            .iter()
            .filter(|member| member.pregnant)
            .map(|member| member.unborn_children.max(1))
            .sum();
        set(
            "wic_household_size",
            FactValue::Number(Decimal::from(self.household_size + unborn)),
        );
        if self.members.is_empty() {
            return facts;
        }

        let members = &self.members;
        let elderly_or_disabled = members
            .iter()
            .any(|m| m.age_years >= ELDERLY_AGE || m.disabled);
        set(
            "elderly_or_disabled_member",
            FactValue::Bool(elderly_or_disabled),
        );
        set(
            "pregnant_member",
            FactValue::Bool(members.iter().any(|m| m.pregnant)),
        );
        let postpartum = members.iter().filter_map(|m| m.months_since_delivery).min();
        set("months_postpartum", number_or_none(postpartum));
        let breastfeeding = members
            .iter()
            .filter(|m| m.breastfeeding)
            .filter_map(|m| m.months_since_delivery)
            .min();
        set("months_breastfeeding", number_or_none(breastfeeding));
        set(
            "youngest_member_age_years",
            number_or_none(members.iter().map(|m| m.age_years).min()),
        );
        let youngest_disabled = members
            .iter()
            .filter(|m| m.disabled)
            .map(|m| m.age_years)
            .min();
        set(
            "youngest_disabled_member_age_years",
            number_or_none(youngest_disabled),
        );
        // NOTE: any adult in work or training counts, but CCDF requires it of each parent, and
        // the profile does not record which members are parents.
        let caregiver_active = members.iter().any(|m| {
            m.age_years >= 18
                && matches!(
                    m.activity,
                    Activity::Working | Activity::JobTraining | Activity::Education
                )
        });
        set(
            "caregiver_working_or_training",
            FactValue::Bool(caregiver_active),
        );
        facts
    }
}

impl Member {
    fn validate(&self, index: usize) -> Result<(), InputError> {
        let field = |name: &str| format!("members[{index}].{name}");
        let counts = [
            ("ageYears", Some(self.age_years)),
            ("unbornChildren", Some(self.unborn_children)),
            ("monthsSinceDelivery", self.months_since_delivery),
        ];
        for (name, value) in counts {
            if let Some(value) = value.filter(|value| *value < 0) {
                return Err(InputError::Negative {
                    field: field(name),
                    value: value.to_string(),
                });
            }
        }
        if self.age_years > MAX_AGE_YEARS {
            return Err(InputError::OutOfRange {
                field: field("ageYears"),
                value: self.age_years.to_string(),
                min: "0".to_string(),
                max: MAX_AGE_YEARS.to_string(),
            });
        }
        if self.unborn_children > 0 && !self.pregnant {
            return Err(InputError::UnbornWithoutPregnancy {
                field: field("unbornChildren"),
            });
        }
        if self.unborn_children > 8 {
            return Err(InputError::OutOfRange {
                field: field("unbornChildren"),
                value: self.unborn_children.to_string(),
                min: "0".to_string(),
                max: "8".to_string(),
            });
        }
        if self.breastfeeding && self.months_since_delivery.is_none() {
            return Err(InputError::BreastfeedingWithoutDelivery {
                field: field("breastfeeding"),
            });
        }
        Ok(())
    }
}

fn number_or_none(value: Option<i32>) -> FactValue {
    value.map_or(FactValue::NoneMatches, |value| {
        FactValue::Number(Decimal::from(value))
    })
}

fn check_cents(field: &str, value: Option<Decimal>) -> Result<(), InputError> {
    match value {
        Some(value) if value.normalize().scale() > 2 => Err(InputError::TooPrecise {
            field: field.to_string(),
            value: value.to_string(),
        }),
        _ => Ok(()),
    }
}

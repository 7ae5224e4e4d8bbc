//! Fact values the rules read, and the program-side facts of one training program.

use std::collections::BTreeMap;
use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::InputError;
use crate::states::{is_supported_state, TERRITORIES};

/// One fact value. A fact missing from [`Facts`] is unknown; [`FactValue::NoneMatches`]
/// means it is known that no household member has the property, so a comparison fails.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum FactValue {
    Number(Decimal),
    Bool(bool),
    Text(String),
    Set(Vec<String>),
    NoneMatches,
}

impl fmt::Display for FactValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FactValue::Number(value) => write!(f, "{value}"),
            FactValue::Bool(value) => write!(f, "{value}"),
            FactValue::Text(value) => f.write_str(value),
            FactValue::Set(items) if items.is_empty() => f.write_str("none"),
            FactValue::Set(items) => f.write_str(&items.join(", ")),
            FactValue::NoneMatches => f.write_str("no member matches"),
        }
    }
}

/// Facts by field name, as the rules name them.
pub type Facts = BTreeMap<String, FactValue>;

/// Delivery mode of a program.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryMode {
    InPerson,
    Hybrid,
    FullyOnline,
    Correspondence,
    StudyAbroad,
    DirectAssessment,
}

impl DeliveryMode {
    /// Snake-case name, as the rule tables write it.
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryMode::InPerson => "in_person",
            DeliveryMode::Hybrid => "hybrid",
            DeliveryMode::FullyOnline => "fully_online",
            DeliveryMode::Correspondence => "correspondence",
            DeliveryMode::StudyAbroad => "study_abroad",
            DeliveryMode::DirectAssessment => "direct_assessment",
        }
    }
}

/// Award a program leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AwardLevel {
    IndustryCredential,
    Certificate,
    Diploma,
    Associate,
    Bachelor,
    Professional,
    Graduate,
}

impl AwardLevel {
    /// Snake-case name, as the rule tables write it.
    pub fn as_str(self) -> &'static str {
        match self {
            AwardLevel::IndustryCredential => "industry_credential",
            AwardLevel::Certificate => "certificate",
            AwardLevel::Diploma => "diploma",
            AwardLevel::Associate => "associate",
            AwardLevel::Bachelor => "bachelor",
            AwardLevel::Professional => "professional",
            AwardLevel::Graduate => "graduate",
        }
    }
}

/// Program-side facts for aid program rules. Every field is optional, and an empty field
/// makes the rules that read it UNKNOWN, PENDING or not applicable, per each rule's
/// `when_missing`.
///
/// Rates are fractions from 0 to 1; money is US dollars.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProgramFacts {
    /// Two-letter code of the state the program is offered in.
    pub state: Option<String>,
    pub clock_hours: Option<Decimal>,
    /// Semester or trimester credit hours.
    pub credit_hours: Option<Decimal>,
    pub quarter_hours: Option<Decimal>,
    /// Weeks of instruction, consecutive or not.
    pub weeks: Option<Decimal>,
    pub delivery_mode: Option<DeliveryMode>,
    /// Listed on the state's Eligible Training Provider List.
    pub on_state_etpl: Option<bool>,
    /// CIP or SOC code on the state's in-demand list.
    pub in_demand: Option<bool>,
    pub completion_rate: Option<Decimal>,
    /// Share of completers employed within 180 days, in any occupation.
    pub placement_rate: Option<Decimal>,
    /// Share of completers employed within 180 days in the occupation trained for.
    pub placement_rate_in_occupation: Option<Decimal>,
    /// Median annual earnings of completers 3 years after completion.
    pub median_earnings_after: Option<Decimal>,
    pub award_level: Option<AwardLevel>,
    /// Published tuition and fees for the whole program.
    pub cost: Option<Decimal>,
    /// Offered by a Title IV eligible institution in good standing.
    pub title_iv_institution: Option<bool>,
    /// Share of the program offered by a provider that is not Title IV eligible.
    pub ineligible_provider_share: Option<Decimal>,
    /// Months the program has been offered.
    pub months_offered: Option<Decimal>,
    /// Approved by the governor for Workforce Pell; empty while approval is awaited.
    pub state_approved: Option<bool>,
    /// Approved for GI Bill benefits (State Approving Agency and VA).
    pub va_approved: Option<bool>,
    /// Years a non-degree program at a private institution has operated; empty otherwise.
    pub nondegree_private_operating_years: Option<Decimal>,
    /// Share of students whose costs the VA supports.
    pub va_supported_share: Option<Decimal>,
    /// SNAP E&T component kind, for example `educational_program`.
    pub snap_et_component: Option<String>,
}

impl ProgramFacts {
    /// Checks ranges: no negative amounts, rates within 0 to 1, a known state.
    pub fn validate(&self) -> Result<(), InputError> {
        let amounts = [
            ("clockHours", self.clock_hours),
            ("creditHours", self.credit_hours),
            ("quarterHours", self.quarter_hours),
            ("weeks", self.weeks),
            ("medianEarningsAfter", self.median_earnings_after),
            ("cost", self.cost),
            ("monthsOffered", self.months_offered),
            (
                "nondegreePrivateOperatingYears",
                self.nondegree_private_operating_years,
            ),
        ];
        for (field, value) in amounts {
            check_not_negative(field, value)?;
        }
        let rates = [
            ("completionRate", self.completion_rate),
            ("placementRate", self.placement_rate),
            (
                "placementRateInOccupation",
                self.placement_rate_in_occupation,
            ),
            ("ineligibleProviderShare", self.ineligible_provider_share),
            ("vaSupportedShare", self.va_supported_share),
        ];
        for (field, value) in rates {
            check_fraction(field, value)?;
        }
        if let Some(state) = &self.state {
            check_state("state", &normalize_state(state))?;
        }
        Ok(())
    }

    /// Converts the facts to the field names the rules use.
    pub fn to_facts(&self) -> Facts {
        let mut facts = Facts::new();
        let numbers = [
            ("clock_hours", self.clock_hours),
            ("credit_hours", self.credit_hours),
            ("quarter_hours", self.quarter_hours),
            ("weeks", self.weeks),
            ("completion_rate", self.completion_rate),
            ("placement_rate", self.placement_rate),
            (
                "placement_rate_in_occupation",
                self.placement_rate_in_occupation,
            ),
            ("median_earnings_after", self.median_earnings_after),
            ("cost", self.cost),
            ("ineligible_provider_share", self.ineligible_provider_share),
            ("months_offered", self.months_offered),
            (
                "nondegree_private_operating_years",
                self.nondegree_private_operating_years,
            ),
            ("va_supported_share", self.va_supported_share),
        ];
        for (name, value) in numbers {
            if let Some(value) = value {
                facts.insert(name.to_string(), FactValue::Number(value));
            }
        }
        let flags = [
            ("on_state_etpl", self.on_state_etpl),
            ("in_demand", self.in_demand),
            ("title_iv_institution", self.title_iv_institution),
            ("state_approved", self.state_approved),
            ("va_approved", self.va_approved),
        ];
        for (name, value) in flags {
            if let Some(value) = value {
                facts.insert(name.to_string(), FactValue::Bool(value));
            }
        }
        let texts = [
            ("state", self.state.as_deref().map(normalize_state)),
            (
                "delivery_mode",
                self.delivery_mode.map(|mode| mode.as_str().to_string()),
            ),
            (
                "award_level",
                self.award_level.map(|level| level.as_str().to_string()),
            ),
            ("snap_et_component", self.snap_et_component.clone()),
        ];
        for (name, value) in texts {
            if let Some(value) = value {
                facts.insert(name.to_string(), FactValue::Text(value));
            }
        }
        facts
    }
}

pub(crate) fn check_not_negative(field: &str, value: Option<Decimal>) -> Result<(), InputError> {
    match value {
        Some(value) if value.is_sign_negative() && !value.is_zero() => Err(InputError::Negative {
            field: field.to_string(),
            value: value.to_string(),
        }),
        _ => Ok(()),
    }
}

fn check_fraction(field: &str, value: Option<Decimal>) -> Result<(), InputError> {
    match value {
        Some(value) if value < Decimal::ZERO || value > Decimal::ONE => {
            Err(InputError::OutOfRange {
                field: field.to_string(),
                value: value.to_string(),
                min: "0".to_string(),
                max: "1".to_string(),
            })
        }
        _ => Ok(()),
    }
}

/// Trims and upper-cases a state code, so `tn` and ` TN` both read as `TN`.
pub(crate) fn normalize_state(state: &str) -> String {
    state.trim().to_ascii_uppercase()
}

pub(crate) fn check_state(field: &str, state: &str) -> Result<(), InputError> {
    if is_supported_state(state) {
        return Ok(());
    }
    let error = if TERRITORIES.contains(&state) {
        InputError::UnsupportedTerritory {
            field: field.to_string(),
            value: state.to_string(),
        }
    } else {
        InputError::UnknownState {
            field: field.to_string(),
            value: state.to_string(),
        }
    };
    Err(error)
}

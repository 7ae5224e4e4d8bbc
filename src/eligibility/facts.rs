//! Program-side facts read from Program nodes, and where each one came from.

use std::collections::HashMap;

use ler_eligibility::ProgramFacts;
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::graph::{Graph, GraphError, Statement};

use super::cypher;

/// One row of `program_facts.cypher`: the Program properties the rules read.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProgramFactsRow {
    pub id: String,
    pub state: Option<String>,
    pub clock_hours: Option<f64>,
    pub credit_hours: Option<f64>,
    pub quarter_hours: Option<f64>,
    pub weeks: Option<f64>,
    pub delivery_mode: Option<String>,
    pub on_state_etpl: Option<bool>,
    pub in_demand: Option<bool>,
    pub soc_in_demand: Option<bool>,
    pub completion_rate: Option<f64>,
    pub employed_rate2: Option<f64>,
    pub employed_rate4: Option<f64>,
    pub quarterly_wage2: Option<f64>,
    pub quarterly_wage4: Option<f64>,
    pub quarterly_wage8: Option<f64>,
    pub award_level: Option<String>,
    pub cost: Option<f64>,
    /// Catalog cost, used when `cost` is absent.
    pub cost_usd: Option<f64>,
    pub cost_estimated: Option<bool>,
    pub weeks_estimated: Option<bool>,
    pub weeks_basis: Option<String>,
}

impl ProgramFactsRow {
    /// Returns the weeks and where they come from, naming the derivation of derived weeks.
    fn weeks_with_origin(&self) -> Option<(f64, String)> {
        let weeks = self.weeks?;
        let origin = match (self.weeks_estimated, self.weeks_basis.as_deref()) {
            (Some(true), Some(basis)) => format!("Program.weeks, derived: {basis}"),
            (Some(true), None) => "Program.weeks, derived".to_string(),
            _ => "Program.weeks".to_string(),
        };
        Some((weeks, origin))
    }

    /// Returns the cost and where it comes from: `cost`, else the catalog's `costUsd`.
    fn cost_with_origin(&self) -> Option<(f64, String)> {
        match (self.cost, self.cost_usd) {
            (Some(cost), _) => Some((cost, "Program.cost".to_string())),
            (None, Some(cost)) if self.cost_estimated == Some(true) => Some((cost, "Program.costUsd, derived from the catalog fee schedule".to_string())),
            (None, Some(cost)) => Some((cost, "Program.costUsd".to_string())),
            (None, None) => None,
        }
    }
}

/// A fact used for the verdicts: the rule field, its value and the graph data behind it.
#[derive(Debug, Clone, PartialEq)]
pub struct UsedFact {
    pub field: &'static str,
    pub value: String,
    pub origin: String,
}

/// Facts of one program, ready for the engine, with their origins.
#[derive(Debug, Clone, Default)]
pub struct ProgramFactSet {
    pub facts: ProgramFacts,
    pub used: Vec<UsedFact>,
}

/// Reads the facts of each program in `ids`; ids without a Program node are left out.
pub async fn read_program_facts(graph: &Graph, ids: &[String]) -> Result<HashMap<String, ProgramFactSet>, GraphError> {
    let keys = Value::from(ids.to_vec());
    let rows: Vec<ProgramFactsRow> = graph.rows(Statement::new("eligibility_program_facts", cypher::PROGRAM_FACTS).json_param("ids", &keys)).await?;
    let mut out = HashMap::new();
    for row in rows {
        let facts = facts_from_row(&row).map_err(|message| GraphError::Mapping { statement: "eligibility_program_facts", message })?;
        out.insert(row.id.clone(), facts);
    }
    Ok(out)
}

const DELIVERY_MODES: [&str; 6] = ["in_person", "hybrid", "fully_online", "correspondence", "study_abroad", "direct_assessment"];
const AWARD_LEVELS: [&str; 7] = ["industry_credential", "certificate", "diploma", "associate", "bachelor", "professional", "graduate"];

/// Maps a stored award level to the level the rules name, with its origin. Catalog levels
/// finer than the rules' list fold into it: a technical certificate of credit is a
/// certificate, and master's and doctoral programs are graduate programs.
fn rule_award_level(stored: &str) -> Option<(&'static str, String)> {
    let level = snake_case(stored);
    let folded = match level.as_str() {
        "technical_certificate_of_credit" => "certificate",
        "master" | "doctorate" => "graduate",
        other => AWARD_LEVELS.iter().copied().find(|known| *known == other)?,
    };
    let origin = if folded == level { "Program.awardLevel".to_string() } else { format!("Program.awardLevel {stored}, counted as {folded}") };
    Some((folded, origin))
}

fn snake_case(text: &str) -> String {
    text.trim().to_ascii_lowercase().replace([' ', '-'], "_")
}

/// Formats a float as a decimal string the engine parses exactly. `f64` display never uses
/// exponent notation, so the text is a plain decimal.
fn decimal_text(value: f64) -> Value {
    Value::from(format!("{value}"))
}

/// Maps a graph row to [`ProgramFacts`]. A property that is absent stays empty, so the
/// rules that read it report UNKNOWN or PENDING instead of a guess.
pub fn facts_from_row(row: &ProgramFactsRow) -> Result<ProgramFactSet, String> {
    let mut fields = Map::new();
    let mut used = Vec::new();
    let mut put = |field: &'static str, value: Value, shown: String, origin: String| {
        fields.insert(field.to_string(), value);
        used.push(UsedFact { field, value: shown, origin });
    };

    if let Some(state) = &row.state {
        put("state", Value::from(state.clone()), state.clone(), "Program.state".into());
    }
    let amounts = [
        ("clock_hours", row.clock_hours, "Program.clockHours"),
        ("credit_hours", row.credit_hours, "Program.creditHours"),
        ("quarter_hours", row.quarter_hours, "Program.quarterHours"),
        ("completion_rate", row.completion_rate, "Program.completionRate"),
    ];
    for (field, value, origin) in amounts {
        if let Some(value) = value {
            put(field, decimal_text(value), format!("{value}"), origin.into());
        }
    }
    let derived = [("weeks", row.weeks_with_origin()), ("cost", row.cost_with_origin())];
    for (field, value) in derived {
        if let Some((value, origin)) = value {
            put(field, decimal_text(value), format!("{value}"), origin);
        }
    }
    // A value outside the engine's list stays empty, so its rules report UNKNOWN.
    if let Some(mode) = row.delivery_mode.as_deref().map(snake_case).filter(|mode| DELIVERY_MODES.contains(&mode.as_str())) {
        put("delivery_mode", Value::from(mode.clone()), mode, "Program.deliveryMode".into());
    }
    if let Some((level, origin)) = row.award_level.as_deref().and_then(rule_award_level) {
        put("award_level", Value::from(level), level.to_string(), origin);
    }
    if let Some(listed) = row.on_state_etpl {
        put("on_state_etpl", Value::from(listed), listed.to_string(), "Program.onStateEtpl".into());
    }
    match (row.in_demand, row.soc_in_demand) {
        (Some(in_demand), _) => put("in_demand", Value::from(in_demand), in_demand.to_string(), "Program.inDemand".into()),
        (None, Some(in_demand)) => put(
            "in_demand",
            Value::from(in_demand),
            in_demand.to_string(),
            "CIP code crosswalked to a SOC code whose inDemandStates contains the program's state".into(),
        ),
        (None, None) => {}
    }

    // Placement is employment within 180 days of completion, so the share employed in the
    // 2nd quarter after exit is the closest reported figure. The 4th quarter is the fallback.
    let placement = match (row.employed_rate2, row.employed_rate4) {
        (Some(rate), _) => Some((rate, "Program.employedRate2 (employed in the 2nd quarter after exit)")),
        (None, Some(rate)) => Some((rate, "Program.employedRate4 (employed in the 4th quarter after exit)")),
        (None, None) => None,
    };
    if let Some((rate, origin)) = placement {
        put("placement_rate", decimal_text(rate), format!("{rate}"), origin.into());
    }

    // NOTE: the rules ask for median annual earnings 3 years after completion. The graph
    // has average quarterly wages up to 8 quarters after exit, so the latest quarter times
    // 4 is an estimate of that figure.
    let wage = [(row.quarterly_wage8, 8), (row.quarterly_wage4, 4), (row.quarterly_wage2, 2)]
        .into_iter()
        .find_map(|(wage, quarter)| wage.map(|wage| (wage, quarter)));
    if let Some((wage, quarter)) = wage {
        let annual = wage * 4.0;
        put(
            "median_earnings_after",
            decimal_text(annual),
            format!("{annual:.2}"),
            format!("Program.quarterlyWage{quarter} x 4 (average quarterly wage in the {quarter}th quarter after exit, annualized; an estimate of median earnings)"),
        );
    }

    let facts: ProgramFacts = serde_json::from_value(Value::Object(fields)).map_err(|error| format!("program {} has facts the engine cannot read: {error}", row.id))?;
    Ok(ProgramFactSet { facts, used })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_properties_stay_empty() {
        let set = facts_from_row(&ProgramFactsRow { id: "p".into(), ..Default::default() }).unwrap();
        assert_eq!(set.facts, ProgramFacts::default());
        assert!(set.used.is_empty());
    }

    #[test]
    fn catalog_award_levels_fold_into_rule_levels() {
        assert_eq!(rule_award_level("TECHNICAL_CERTIFICATE_OF_CREDIT").map(|(level, _)| level), Some("certificate"));
        assert_eq!(rule_award_level("MASTER").map(|(level, _)| level), Some("graduate"));
        assert_eq!(rule_award_level("DOCTORATE").map(|(level, _)| level), Some("graduate"));
        assert_eq!(rule_award_level("ASSOCIATE"), Some(("associate", "Program.awardLevel".to_string())));
        assert_eq!(rule_award_level("UNKNOWN"), None);
    }

    #[test]
    fn folded_level_names_stored_value() {
        let (_, origin) = rule_award_level("TECHNICAL_CERTIFICATE_OF_CREDIT").unwrap();
        assert_eq!(origin, "Program.awardLevel TECHNICAL_CERTIFICATE_OF_CREDIT, counted as certificate");
    }

    #[test]
    fn placement_prefers_second_quarter() {
        let row = ProgramFactsRow { id: "p".into(), employed_rate2: Some(0.75), employed_rate4: Some(0.5), ..Default::default() };
        let set = facts_from_row(&row).unwrap();
        assert_eq!(set.facts.placement_rate.map(|rate| rate.to_string()), Some("0.75".to_string()));
    }

    #[test]
    fn in_demand_property_beats_crosswalk() {
        let row = ProgramFactsRow { id: "p".into(), in_demand: Some(false), soc_in_demand: Some(true), ..Default::default() };
        let set = facts_from_row(&row).unwrap();
        assert_eq!(set.facts.in_demand, Some(false));
    }

    #[test]
    fn crosswalk_fills_missing_in_demand() {
        let row = ProgramFactsRow { id: "p".into(), soc_in_demand: Some(true), ..Default::default() };
        let set = facts_from_row(&row).unwrap();
        assert_eq!(set.facts.in_demand, Some(true));
    }

    #[test]
    fn derived_weeks_name_their_basis() {
        let row = ProgramFactsRow { id: "p".into(), weeks: Some(15.0), weeks_estimated: Some(true), weeks_basis: Some("1 term of 15 weeks".into()), ..Default::default() };
        let set = facts_from_row(&row).unwrap();
        let weeks = set.used.iter().find(|fact| fact.field == "weeks").unwrap();
        assert_eq!(weeks.value, "15");
        assert_eq!(weeks.origin, "Program.weeks, derived: 1 term of 15 weeks");
    }

    #[test]
    fn catalog_cost_fills_missing_cost() {
        let row = ProgramFactsRow { id: "p".into(), cost_usd: Some(1261.0), cost_estimated: Some(true), ..Default::default() };
        let set = facts_from_row(&row).unwrap();
        let cost = set.used.iter().find(|fact| fact.field == "cost").unwrap();
        assert_eq!(cost.value, "1261");
        assert!(cost.origin.starts_with("Program.costUsd, derived"), "{}", cost.origin);
    }

    #[test]
    fn earnings_annualize_latest_quarter() {
        let row = ProgramFactsRow { id: "p".into(), quarterly_wage2: Some(5013.0), quarterly_wage4: Some(5869.0), ..Default::default() };
        let set = facts_from_row(&row).unwrap();
        assert_eq!(set.facts.median_earnings_after.map(|value| value.to_string()), Some("23476".to_string()));
    }
}

//! Rules and income tables as graph nodes: the property mapping both ways, and the reads
//! the resolvers run at evaluation time.
//!
//! Rule and IncomeLimit nodes carry the fields of [`Rule`] and of the table rows in
//! camelCase. A snake_case name maps to camelCase by upper-casing the letter after each
//! underscore. An underscore before a digit is kept, so `gross_monthly_130pct` becomes
//! `grossMonthly_130pct` and the mapping can be reversed exactly.

use std::collections::HashMap;

use ler_eligibility::{Rule, Tables};
use serde_json::{Map, Value};

use crate::graph::{Graph, GraphError, Statement};

use super::cypher;

/// Rule `subjectKind` values, as the rules write them.
pub const AID_PROGRAM: &str = "aid_program";
pub const SERVICE: &str = "service";

/// `table` property of IncomeLimit nodes: the field names of [`Tables`].
pub const TABLE_NAMES: [&str; 4] = [
    "poverty_guidelines",
    "snap_limits",
    "wic_limits",
    "tanf_tn_gross_income_standard",
];

/// Converts a snake_case name to the camelCase property name.
pub fn to_property_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut chars = name.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '_' {
            out.push(c);
            continue;
        }
        match chars.peek() {
            Some(next) if next.is_ascii_lowercase() => {
                out.push(next.to_ascii_uppercase());
                chars.next();
            }
            _ => out.push('_'),
        }
    }
    out
}

/// Converts a camelCase property name back to snake_case.
pub fn to_field_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// Renames the keys of a JSON object with `rename`, dropping null values because Neo4j
/// does not store null properties.
pub fn rename_keys(value: Value, rename: impl Fn(&str) -> String) -> Value {
    match value {
        Value::Object(fields) => {
            let renamed: Map<String, Value> = fields
                .into_iter()
                .filter(|(_, item)| !item.is_null())
                .map(|(key, item)| (rename(&key), item))
                .collect();
            Value::Object(renamed)
        }
        other => other,
    }
}

/// Builds the Rule node properties for `rule`; `position` keeps the seed order.
pub fn rule_properties(rule: &Rule, position: usize) -> Value {
    let fields = serde_json::to_value(rule).expect("a rule serializes to JSON");
    let mut properties = rename_keys(fields, to_property_name);
    properties["position"] = Value::from(position as i64);
    properties
}

/// Reads a Rule node map back into a [`Rule`]. Properties that are not Rule fields, such
/// as `position`, are ignored.
pub fn rule_from_properties(properties: Value) -> Result<Rule, String> {
    let id = properties["id"].as_str().unwrap_or("(no id)").to_string();
    let fields = rename_keys(properties, to_field_name);
    let rule: Rule = serde_json::from_value(fields).map_err(|error| format!("Rule node {id} is invalid: {error}"))?;
    rule.validate().map_err(|error| format!("Rule node {id} is invalid: {error}"))?;
    Ok(rule)
}

#[derive(serde::Deserialize)]
struct NodeRow {
    node: Value,
}

fn mapping_error(statement: &'static str, message: String) -> GraphError {
    GraphError::Mapping { statement, message }
}

/// Reads the rules of the given subject kinds, in seed order.
pub async fn read_rules(graph: &Graph, kinds: &[&str]) -> Result<Vec<Rule>, GraphError> {
    let kinds = Value::from(kinds.to_vec());
    let rows: Vec<NodeRow> = graph.rows(Statement::new("eligibility_rules", cypher::RULES).json_param("kinds", &kinds)).await?;
    rows.into_iter()
        .map(|row| rule_from_properties(row.node).map_err(|message| mapping_error("eligibility_rules", message)))
        .collect()
}

/// Reads every income table.
pub async fn read_tables(graph: &Graph) -> Result<Tables, GraphError> {
    let tables = Value::from(TABLE_NAMES.to_vec());
    let rows: Vec<NodeRow> = graph.rows(Statement::new("eligibility_income_limits", cypher::INCOME_LIMITS).json_param("tables", &tables)).await?;
    tables_from_nodes(rows.into_iter().map(|row| row.node)).map_err(|message| mapping_error("eligibility_income_limits", message))
}

/// Groups IncomeLimit node maps by their `table` and reads them into [`Tables`].
pub fn tables_from_nodes(nodes: impl IntoIterator<Item = Value>) -> Result<Tables, String> {
    let mut grouped: Map<String, Value> = TABLE_NAMES.iter().map(|name| (name.to_string(), Value::Array(Vec::new()))).collect();
    for node in nodes {
        let Some(table) = node["table"].as_str().map(str::to_string) else {
            return Err(format!("IncomeLimit node {} has no table property", node["id"]));
        };
        let Some(Value::Array(rows)) = grouped.get_mut(&table) else {
            return Err(format!("IncomeLimit node {} names unknown table {table}", node["id"]));
        };
        rows.push(rename_keys(node, to_field_name));
    }
    serde_json::from_value(Value::Object(grouped)).map_err(|error| format!("IncomeLimit nodes are invalid: {error}"))
}

/// Builds `(id, properties)` for every IncomeLimit node of `tables`.
pub fn income_limit_nodes(tables: &Tables) -> Vec<(String, Value)> {
    let value = serde_json::to_value(tables).expect("tables serialize to JSON");
    let mut nodes = Vec::new();
    for table in TABLE_NAMES {
        let Some(rows) = value[table].as_array() else { continue };
        for row in rows {
            let mut properties = rename_keys(row.clone(), to_property_name);
            properties["table"] = Value::from(table);
            let id = income_limit_id(table, &properties);
            nodes.push((id, properties));
        }
    }
    nodes
}

/// Natural id of a table row: the table and the columns that tell its rows apart.
fn income_limit_id(table: &str, properties: &Value) -> String {
    let key_columns: &[&str] = match table {
        "poverty_guidelines" => &["year", "region", "householdSize"],
        "snap_limits" => &["fiscalYear", "region", "householdSize"],
        "wic_limits" => &["effectiveFrom", "region", "householdSize"],
        _ => &["householdSize"],
    };
    let mut parts = vec![table.to_string()];
    for column in key_columns {
        let part = match &properties[*column] {
            Value::String(text) => text.clone(),
            other => other.to_string(),
        };
        parts.push(part);
    }
    parts.join(":")
}

/// Reads display names of aid programs and services by id.
pub async fn read_subject_names(graph: &Graph, ids: &[String]) -> Result<HashMap<String, String>, GraphError> {
    #[derive(serde::Deserialize)]
    struct NameRow {
        id: String,
        name: String,
    }
    let ids = Value::from(ids.to_vec());
    let rows: Vec<NameRow> = graph.rows(Statement::new("eligibility_subject_names", cypher::SUBJECT_NAMES).json_param("ids", &ids)).await?;
    Ok(rows.into_iter().map(|row| (row.id, row.name)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn property_names_round_trip() {
        for name in ["gross_monthly_130pct", "pct150_usd", "effective_from", "subject_kind", "elderly_disabled_separate_hh_165pct", "id"] {
            assert_eq!(to_field_name(&to_property_name(name)), name, "{name}");
        }
    }

    #[test]
    fn property_names_are_camel_case() {
        assert_eq!(to_property_name("applies_if"), "appliesIf");
        assert_eq!(to_property_name("gross_monthly_130pct"), "grossMonthly_130pct");
    }

    #[test]
    fn rule_properties_round_trip() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/domain");
        let rules = ler_eligibility::load_rules(&dir).unwrap();
        for (position, rule) in rules.iter().enumerate() {
            let back = rule_from_properties(rule_properties(rule, position)).unwrap();
            assert_eq!(&back, rule);
        }
    }

    #[test]
    fn table_nodes_round_trip() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/domain");
        let tables = ler_eligibility::load_tables(&dir).unwrap();
        let nodes = income_limit_nodes(&tables);
        let ids: std::collections::HashSet<&String> = nodes.iter().map(|(id, _)| id).collect();
        assert_eq!(ids.len(), nodes.len(), "income limit ids are unique");
        let back = tables_from_nodes(nodes.into_iter().map(|(_, properties)| properties)).unwrap();
        assert_eq!(back, tables);
    }
}

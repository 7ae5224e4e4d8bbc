//! Differences between two parses of the same catalog, by natural key.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::model::ParsedCatalog;

/// A record present in both parses whose fields differ.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangedRecord {
    pub key: String,
    /// Names of the fields that differ, sorted.
    pub fields: Vec<String>,
}

/// Added, removed and changed records (courses, programs and links) between two parses.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CatalogDiff {
    pub added: Vec<String>,
    pub removed: Vec<String>,
    pub changed: Vec<ChangedRecord>,
}

impl CatalogDiff {
    /// True when both parses contain the same records with the same fields.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// Fields that locate a record in its document. A re-ingest of an edited catalog moves
/// them without changing the record, so the comparison skips them.
const POSITION_FIELDS: [&str; 3] = ["spans", "unparsed_lines", "span"];

/// Compares two parses by natural key, ignoring source positions.
pub fn diff(old: &ParsedCatalog, new: &ParsedCatalog) -> CatalogDiff {
    let before = records(old);
    let after = records(new);
    let mut result = CatalogDiff::default();
    for (key, old_fields) in &before {
        match after.get(key) {
            None => result.removed.push(key.clone()),
            Some(new_fields) => {
                let fields = changed_fields(old_fields, new_fields);
                if !fields.is_empty() {
                    result.changed.push(ChangedRecord {
                        key: key.clone(),
                        fields,
                    });
                }
            }
        }
    }
    result.added = after
        .keys()
        .filter(|key| !before.contains_key(*key))
        .cloned()
        .collect();
    result
}

fn records(catalog: &ParsedCatalog) -> BTreeMap<String, serde_json::Map<String, Value>> {
    let mut out = BTreeMap::new();
    let values = catalog
        .courses
        .iter()
        .map(|c| (c.key.clone(), serde_json::to_value(c)))
        .chain(
            catalog
                .programs
                .iter()
                .map(|p| (p.key.clone(), serde_json::to_value(p))),
        )
        .chain(
            catalog
                .links
                .iter()
                .map(|l| (l.key.clone(), serde_json::to_value(l))),
        );
    for (key, value) in values {
        if let Ok(Value::Object(mut fields)) = value {
            for name in POSITION_FIELDS {
                fields.remove(name);
            }
            out.insert(key, fields);
        }
    }
    out
}

fn changed_fields(
    old: &serde_json::Map<String, Value>,
    new: &serde_json::Map<String, Value>,
) -> Vec<String> {
    let mut names: Vec<String> = old
        .keys()
        .chain(new.keys())
        .filter(|name| old.get(*name) != new.get(*name))
        .cloned()
        .collect();
    names.sort();
    names.dedup();
    names
}

use neo4rs::{BoltBoolean, BoltFloat, BoltInteger, BoltList, BoltMap, BoltNull, BoltString, BoltType};
use serde_json::Value;

/// Converts a JSON value into a Bolt parameter. Integers stay integers, so Cypher
/// comparisons with integer properties keep working.
pub fn json_to_bolt(value: &Value) -> BoltType {
    match value {
        Value::Null => BoltType::Null(BoltNull),
        Value::Bool(b) => BoltType::Boolean(BoltBoolean::new(*b)),
        Value::Number(n) => match n.as_i64() {
            Some(i) => BoltType::Integer(BoltInteger::new(i)),
            None => BoltType::Float(BoltFloat::new(n.as_f64().unwrap_or(f64::NAN))),
        },
        Value::String(s) => BoltType::String(BoltString::new(s)),
        Value::Array(items) => {
            let mut list = BoltList::with_capacity(items.len());
            for item in items {
                list.push(json_to_bolt(item));
            }
            BoltType::List(list)
        }
        Value::Object(fields) => {
            let mut map = BoltMap::with_capacity(fields.len());
            for (key, item) in fields {
                map.put(BoltString::new(key), json_to_bolt(item));
            }
            BoltType::Map(map)
        }
    }
}

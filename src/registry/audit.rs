//! The audit trail: one `(:AuditEvent)` per write, linked to the record it changed.

use async_graphql::{Json, SimpleObject};
use serde::Deserialize;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

/// One changed field of a write, with its value before and after.
#[derive(SimpleObject, Clone, Debug, PartialEq, serde::Serialize, Deserialize)]
pub struct FieldChange {
    pub field: String,
    /// Value before the write; null when the field was absent.
    pub old: Json<Value>,
    /// Value after the write.
    pub new: Json<Value>,
}

/// One write to a record.
#[derive(SimpleObject, Clone, Debug)]
pub struct AuditEvent {
    pub id: String,
    /// Global id of the record, such as "Program:prg-…".
    pub record_id: String,
    /// CREATE, UPDATE, RETIRE or VERIFY.
    pub action: String,
    /// Opaque id of the writer: a salted SHA-256 of the token subject, never the subject.
    pub actor: String,
    /// Time of the write, RFC 3339 in UTC.
    pub at: String,
    /// Record version the write produced.
    pub version: i64,
    pub changes: Vec<FieldChange>,
}

/// An audit event as stored; `changes` is a JSON string because node properties cannot
/// hold maps.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StoredEvent {
    pub id: String,
    pub record_id: String,
    pub record_kind: String,
    pub action: String,
    pub actor: String,
    pub at: String,
    pub version: i64,
    pub changes: String,
}

impl From<StoredEvent> for AuditEvent {
    fn from(stored: StoredEvent) -> Self {
        let changes = serde_json::from_str(&stored.changes).unwrap_or_default();
        Self {
            id: stored.id,
            record_id: format!("{}:{}", stored.record_kind, stored.record_id),
            action: stored.action,
            actor: stored.actor,
            at: stored.at,
            version: stored.version,
            changes,
        }
    }
}

/// Returns the opaque actor id of a token subject. The salt keeps the id from matching
/// plain SHA-256 hashes of the same subject elsewhere.
pub fn actor_id(subject: Option<&str>) -> String {
    match subject {
        Some(subject) => {
            let digest = Sha256::digest(format!("ler-registry audit actor\n{subject}").as_bytes());
            format!("actor:{}", hex::encode(&digest[..16]))
        }
        None => "actor:anonymous".into(),
    }
}

/// Lists the fields of `patch` whose value differs from `before`, in field-name order.
pub fn diff(before: &Map<String, Value>, patch: &Map<String, Value>) -> Vec<FieldChange> {
    let mut names: Vec<&String> = patch.keys().collect();
    names.sort();
    names
        .into_iter()
        .filter_map(|name| {
            let old = before.get(name).cloned().unwrap_or(Value::Null);
            let new = patch[name].clone();
            (old != new).then(|| FieldChange { field: name.clone(), old: Json(old), new: Json(new) })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn diff_lists_only_changed_fields() {
        let before = json!({"name": "A", "state": "NJ"});
        let patch = json!({"name": "B", "state": "NJ", "url": "https://x.example"});
        let changes = diff(before.as_object().unwrap(), patch.as_object().unwrap());
        let fields: Vec<&str> = changes.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(fields, vec!["name", "url"]);
        assert_eq!(changes[0].old.0, json!("A"));
        assert_eq!(changes[1].old.0, Value::Null);
    }

    #[test]
    fn actor_id_hides_subject() {
        let actor = actor_id(Some("alice@example.org"));
        assert!(!actor.contains("alice"));
        assert_eq!(actor, actor_id(Some("alice@example.org")));
        assert_ne!(actor, actor_id(Some("bob@example.org")));
    }
}

//! Validation against the official 1EdTech JSON schemas, bundled from `seeds/standards/schemas`.

use std::sync::OnceLock;

use jsonschema::Validator;
use serde_json::Value;

use crate::error::{CredentialError, Result};

/// Credential classes that have a bundled JSON schema.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SchemaKind {
    /// OBv3 AchievementCredential (OpenBadgeCredential).
    Achievement,
    /// OBv3 EndorsementCredential.
    Endorsement,
    /// CLR 2.0 ClrCredential.
    Clr,
}

impl SchemaKind {
    /// Picks the schema from the credential `type`. Returns `None` for other types, such as
    /// a BitstringStatusListCredential.
    pub fn for_credential(credential: &Value) -> Option<Self> {
        let types: Vec<&str> = match credential.get("type") {
            Some(Value::Array(types)) => types.iter().filter_map(Value::as_str).collect(),
            Some(Value::String(single)) => vec![single.as_str()],
            _ => Vec::new(),
        };
        if types.contains(&"ClrCredential") {
            Some(SchemaKind::Clr)
        } else if types.contains(&"EndorsementCredential") {
            Some(SchemaKind::Endorsement)
        } else if types.contains(&"OpenBadgeCredential") || types.contains(&"AchievementCredential")
        {
            Some(SchemaKind::Achievement)
        } else {
            None
        }
    }

    /// Returns a short name for messages.
    pub fn name(self) -> &'static str {
        match self {
            SchemaKind::Achievement => "OBv3 AchievementCredential",
            SchemaKind::Endorsement => "OBv3 EndorsementCredential",
            SchemaKind::Clr => "CLR 2.0 ClrCredential",
        }
    }

    fn validator(self) -> Result<&'static Validator> {
        static ACHIEVEMENT: OnceLock<std::result::Result<Validator, String>> = OnceLock::new();
        static ENDORSEMENT: OnceLock<std::result::Result<Validator, String>> = OnceLock::new();
        static CLR: OnceLock<std::result::Result<Validator, String>> = OnceLock::new();
        let (cell, text) = match self {
            SchemaKind::Achievement => (
                &ACHIEVEMENT,
                include_str!(
                    "../../../seeds/standards/schemas/ob_v3p0_achievementcredential_schema.json"
                ),
            ),
            SchemaKind::Endorsement => (
                &ENDORSEMENT,
                include_str!(
                    "../../../seeds/standards/schemas/ob_v3p0_endorsementcredential_schema.json"
                ),
            ),
            SchemaKind::Clr => (
                &CLR,
                include_str!("../../../seeds/standards/schemas/clr_v2p0_clrcredential_schema.json"),
            ),
        };
        cell.get_or_init(|| {
            let schema: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
            jsonschema::validator_for(&schema).map_err(|e| e.to_string())
        })
        .as_ref()
        .map_err(|e| {
            CredentialError::Crypto(format!("bundled {} schema is invalid: {e}", self.name()))
        })
    }
}

/// Validates a credential against its schema and returns one message per violation, each
/// naming the JSON pointer of the offending value. An empty list means the credential is valid.
pub fn schema_violations(credential: &Value, kind: SchemaKind) -> Result<Vec<String>> {
    let validator = kind.validator()?;
    Ok(validator
        .iter_errors(credential)
        .map(|error| {
            let path = error.instance_path().to_string();
            let location = if path.is_empty() {
                "/".to_string()
            } else {
                path
            };
            // The masked form leaves out the offending value, which can be a whole
            // embedded credential.
            format!("{location}: {}", error.masked())
        })
        .collect())
}

/// Checks the rule that each credential subject has an `id` or at least one `identifier`.
pub fn subject_identified(credential: &Value) -> bool {
    let subjects: Vec<&Value> = match credential.get("credentialSubject") {
        Some(Value::Array(subjects)) => subjects.iter().collect(),
        Some(subject @ Value::Object(_)) => vec![subject],
        _ => return false,
    };
    !subjects.is_empty()
        && subjects.iter().all(|subject| {
            let has_id = subject
                .get("id")
                .and_then(Value::as_str)
                .is_some_and(|id| !id.is_empty());
            let has_identifier = match subject.get("identifier") {
                Some(Value::Array(items)) => !items.is_empty(),
                Some(Value::Object(_)) => true,
                _ => false,
            };
            has_id || has_identifier
        })
}

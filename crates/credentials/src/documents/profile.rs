//! Issuer profiles and credential subjects shared by all credential documents.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

use crate::error::{CredentialError, Result};

/// The issuer `Profile` embedded in a credential.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IssuerProfile {
    /// Issuer id, for this registry `did:web:<host>:issuers:<providerId>`.
    pub id: String,
    /// Display name of the issuer.
    pub name: String,
    /// Home page of the issuer.
    pub url: Option<String>,
    /// Contact email of the issuer.
    pub email: Option<String>,
    /// Short description of the issuer.
    pub description: Option<String>,
    /// Logo URL or data URI.
    pub image: Option<String>,
}

impl IssuerProfile {
    /// Returns the `Profile` JSON object.
    pub fn to_json(&self) -> Result<Value> {
        require_uri(&self.id, "issuer id")?;
        require_text(&self.name, "issuer name")?;
        let mut profile = Map::new();
        profile.insert("id".into(), self.id.clone().into());
        profile.insert("type".into(), json!(["Profile"]));
        profile.insert("name".into(), self.name.clone().into());
        insert_optional(&mut profile, "url", &self.url);
        insert_optional(&mut profile, "email", &self.email);
        insert_optional(&mut profile, "description", &self.description);
        if let Some(image) = &self.image {
            profile.insert("image".into(), json!({"id": image, "type": "Image"}));
        }
        Ok(Value::Object(profile))
    }
}

/// Identification of the credential subject. At least one of `id` and `identifiers` is
/// required, because OBv3 and CLR 2.0 reject a subject with neither.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Recipient {
    /// Subject id, such as a learner DID or a `urn:uuid:` value.
    pub id: Option<String>,
    /// Identity objects such as a hashed email address or a student id.
    pub identifiers: Vec<RecipientIdentifier>,
}

/// One `IdentityObject` of the subject.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecipientIdentifier {
    /// OBv3 identity type, for example `emailAddress`, `sisSourcedId` or `systemId`.
    pub identity_type: String,
    /// The identity value in plain text; it is hashed in the credential when `hashed` is true.
    pub identity: String,
    /// Whether the credential carries `sha256$<hex>` of identity followed by salt.
    pub hashed: bool,
    /// Salt appended to the identity before hashing.
    pub salt: Option<String>,
}

impl std::fmt::Debug for RecipientIdentifier {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The identity is personal data, so Debug output leaves it out.
        formatter
            .debug_struct("RecipientIdentifier")
            .field("identity_type", &self.identity_type)
            .field("identity", &"<redacted>")
            .field("hashed", &self.hashed)
            .finish()
    }
}

impl RecipientIdentifier {
    /// Builds a salted, hashed email identity, the form OBv3 recommends for email addresses.
    pub fn hashed_email(email: &str, salt: &str) -> Self {
        RecipientIdentifier {
            identity_type: "emailAddress".into(),
            identity: email.trim().to_lowercase(),
            hashed: true,
            salt: Some(salt.to_string()),
        }
    }

    fn to_json(&self) -> Result<Value> {
        require_text(&self.identity_type, "identity type")?;
        require_text(&self.identity, "identity value")?;
        let identity_hash = if self.hashed {
            let salted = format!("{}{}", self.identity, self.salt.as_deref().unwrap_or(""));
            format!("sha256${}", hex_lower(&Sha256::digest(salted.as_bytes())))
        } else {
            self.identity.clone()
        };
        let mut object = Map::new();
        object.insert("type".into(), "IdentityObject".into());
        object.insert("identityHash".into(), identity_hash.into());
        object.insert("identityType".into(), self.identity_type.clone().into());
        object.insert("hashed".into(), self.hashed.into());
        if self.hashed {
            insert_optional(&mut object, "salt", &self.salt);
        }
        Ok(Value::Object(object))
    }
}

impl Recipient {
    /// Starts a credential subject object with `id`, `type` and `identifier`.
    pub(crate) fn subject_object(&self, subject_type: &str) -> Result<Map<String, Value>> {
        if self.id.is_none() && self.identifiers.is_empty() {
            return Err(CredentialError::invalid(
                "the credential subject has neither an id nor an identifier; give the learner's \
                 DID or at least one identity such as a hashed email address",
            ));
        }
        let mut subject = Map::new();
        if let Some(id) = &self.id {
            require_uri(id, "credential subject id")?;
            subject.insert("id".into(), id.clone().into());
        }
        subject.insert("type".into(), json!([subject_type]));
        if !self.identifiers.is_empty() {
            let identifiers = self
                .identifiers
                .iter()
                .map(RecipientIdentifier::to_json)
                .collect::<Result<Vec<_>>>()?;
            subject.insert("identifier".into(), Value::Array(identifiers));
        }
        Ok(subject)
    }
}

/// Formats a time as an RFC 3339 UTC value with whole seconds, as credentials carry it.
pub fn format_datetime(time: DateTime<Utc>) -> String {
    time.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Checks the validity period and inserts `validFrom` and `validUntil`.
pub(crate) fn insert_validity(
    credential: &mut Map<String, Value>,
    valid_from: DateTime<Utc>,
    valid_until: Option<DateTime<Utc>>,
) -> Result<()> {
    credential.insert("validFrom".into(), format_datetime(valid_from).into());
    if let Some(until) = valid_until {
        if until <= valid_from {
            return Err(CredentialError::invalid(format!(
                "validUntil {} is not after validFrom {}; give a later expiry or none",
                format_datetime(until),
                format_datetime(valid_from)
            )));
        }
        credential.insert("validUntil".into(), format_datetime(until).into());
    }
    Ok(())
}

/// Rejects values that are not absolute URIs (a scheme followed by ':').
pub(crate) fn require_uri(value: &str, field: &str) -> Result<()> {
    let scheme_end = value.find(':');
    let valid = match scheme_end {
        Some(end) if end > 0 && end + 1 < value.len() => {
            let scheme = &value[..end];
            scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
                && !value.chars().any(char::is_whitespace)
        }
        _ => false,
    };
    if valid {
        Ok(())
    } else {
        Err(CredentialError::invalid(format!(
            "{field} '{value}' is not an absolute URI; use a form such as \
             'https://example.org/...', 'urn:uuid:...' or 'did:...'"
        )))
    }
}

pub(crate) fn require_text(value: &str, field: &str) -> Result<()> {
    if value.trim().is_empty() {
        return Err(CredentialError::invalid(format!(
            "{field} is empty; give a value"
        )));
    }
    Ok(())
}

pub(crate) fn insert_optional(object: &mut Map<String, Value>, name: &str, value: &Option<String>) {
    if let Some(value) = value {
        object.insert(name.into(), value.clone().into());
    }
}

fn hex_lower(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

//! CLR 2.0 `ClrCredential` documents: a learner's selection of signed credentials, with
//! associations between their achievements.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use super::achievement::{insert_status, ONE_EDTECH_SCHEMA_VALIDATOR};
use super::profile::{
    insert_optional, insert_validity, require_text, require_uri, IssuerProfile, Recipient,
};
use crate::contexts::{CLR_V2P0_CONTEXT, OB_EXTENSIONS_CONTEXT, OB_V3P0_CONTEXT, VC_V2_CONTEXT};
use crate::error::{CredentialError, Result};

/// `credentialSchema` id of the CLR 2.0 ClrCredential JSON schema.
pub const CLR_CREDENTIAL_SCHEMA: &str =
    "https://purl.imsglobal.org/spec/clr/v2p0/schema/json/clr_v2p0_clrcredential_schema.json";

/// CLR 2.0 association types between two achievements.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum AssociationType {
    /// The source is the same achievement as the target.
    ExactMatchOf,
    /// The source is a child of the target.
    IsChildOf,
    /// The source is the parent of the target.
    IsParentOf,
    /// The source is a part of the target, for example a course of a program.
    IsPartOf,
    /// The source is a peer of the target.
    IsPeerOf,
    /// The source is related to the target.
    IsRelatedTo,
    /// The source comes before the target, for example a prerequisite.
    Precedes,
    /// The source was replaced by the target.
    ReplacedBy,
}

impl AssociationType {
    /// Returns the `associationType` value.
    pub fn as_str(self) -> &'static str {
        match self {
            AssociationType::ExactMatchOf => "exactMatchOf",
            AssociationType::IsChildOf => "isChildOf",
            AssociationType::IsParentOf => "isParentOf",
            AssociationType::IsPartOf => "isPartOf",
            AssociationType::IsPeerOf => "isPeerOf",
            AssociationType::IsRelatedTo => "isRelatedTo",
            AssociationType::Precedes => "precedes",
            AssociationType::ReplacedBy => "replacedBy",
        }
    }
}

/// A relationship from the achievement `source_id` to the achievement `target_id`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Association {
    /// Kind of relationship.
    pub association_type: AssociationType,
    /// Id of the source achievement.
    pub source_id: String,
    /// Id of the target achievement.
    pub target_id: String,
}

/// Everything needed to build an unsigned ClrCredential.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClrInput {
    /// Credential id.
    pub credential_id: String,
    /// Name, for example "Transcript of Jane Doe".
    pub name: String,
    /// Description.
    pub description: Option<String>,
    /// The issuer that assembles and signs the CLR.
    pub issuer: IssuerProfile,
    /// The learner.
    pub recipient: Recipient,
    /// Start of validity.
    pub valid_from: DateTime<Utc>,
    /// End of validity.
    pub valid_until: Option<DateTime<Utc>>,
    /// `credentialStatus` entry.
    pub credential_status: Option<Value>,
}

/// Builds an unsigned ClrCredential from the selected signed credentials (JSON-LD objects)
/// and the associations between their achievements. Every association must name
/// achievements of the selection.
pub fn build_clr_credential(
    input: &ClrInput,
    selection: &[Value],
    associations: &[Association],
) -> Result<Value> {
    require_uri(&input.credential_id, "credential id")?;
    require_text(&input.name, "CLR name")?;
    if selection.is_empty() {
        return Err(CredentialError::invalid(
            "the CLR selection is empty; select at least one credential of the learner",
        ));
    }

    let mut achievement_ids = HashSet::new();
    for (position, credential) in selection.iter().enumerate() {
        let Some(object) = credential.as_object() else {
            return Err(CredentialError::invalid(format!(
                "selected credential {position} is not a JSON object; embed JSON-LD credentials"
            )));
        };
        if let Some(id) = object
            .get("credentialSubject")
            .and_then(|subject| subject.get("achievement"))
            .and_then(|achievement| achievement.get("id"))
            .and_then(Value::as_str)
        {
            achievement_ids.insert(id.to_string());
        }
    }

    let mut association_values = Vec::new();
    for association in associations {
        for id in [&association.source_id, &association.target_id] {
            if !achievement_ids.contains(id.as_str()) {
                return Err(CredentialError::invalid(format!(
                    "association {} refers to achievement '{id}', which no selected credential \
                     asserts; select that credential or remove the association",
                    association.association_type.as_str()
                )));
            }
        }
        association_values.push(json!({
            "type": "Association",
            "associationType": association.association_type.as_str(),
            "sourceId": association.source_id,
            "targetId": association.target_id,
        }));
    }

    let mut subject = input.recipient.subject_object("ClrSubject")?;
    subject.insert(
        "verifiableCredential".into(),
        Value::Array(selection.to_vec()),
    );
    if !association_values.is_empty() {
        subject.insert("association".into(), Value::Array(association_values));
    }

    let mut credential = Map::new();
    credential.insert(
        "@context".into(),
        json!([
            VC_V2_CONTEXT,
            CLR_V2P0_CONTEXT,
            OB_V3P0_CONTEXT,
            OB_EXTENSIONS_CONTEXT
        ]),
    );
    credential.insert("id".into(), input.credential_id.clone().into());
    credential.insert(
        "type".into(),
        json!(["VerifiableCredential", "ClrCredential"]),
    );
    credential.insert("issuer".into(), input.issuer.to_json()?);
    credential.insert("name".into(), input.name.clone().into());
    insert_optional(&mut credential, "description", &input.description);
    // NOTE: CLR 2.0 `partial` is not emitted. The ClrCredential type-scoped context defines
    // it, and oxjsonld 0.2.7 applies only the last type-scoped context of a node with several
    // types. So `partial` would be missing from the signed data here but present for other
    // JSON-LD processors, and the proof would fail to verify elsewhere.
    insert_validity(&mut credential, input.valid_from, input.valid_until)?;
    credential.insert("credentialSubject".into(), Value::Object(subject));
    credential.insert(
        "credentialSchema".into(),
        json!([{"id": CLR_CREDENTIAL_SCHEMA, "type": ONE_EDTECH_SCHEMA_VALIDATOR}]),
    );
    insert_status(&mut credential, &input.credential_status);
    Ok(Value::Object(credential))
}

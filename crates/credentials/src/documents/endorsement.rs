//! Open Badges 3.0 `EndorsementCredential` documents.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use super::achievement::{insert_status, ONE_EDTECH_SCHEMA_VALIDATOR};
use super::profile::{insert_optional, insert_validity, require_text, require_uri, IssuerProfile};
use crate::contexts::{OB_EXTENSIONS_CONTEXT, OB_V3P0_CONTEXT, VC_V2_CONTEXT};
use crate::error::Result;

/// `credentialSchema` id of the official OBv3 EndorsementCredential JSON schema.
pub const OB_ENDORSEMENT_CREDENTIAL_SCHEMA: &str =
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_endorsementcredential_schema.json";

/// Everything needed to build an unsigned EndorsementCredential.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EndorsementInput {
    /// Credential id.
    pub credential_id: String,
    /// Credential name, for example "Endorsement of the Welding Certificate".
    pub name: String,
    /// Credential description.
    pub description: Option<String>,
    /// The endorsing organization or person.
    pub issuer: IssuerProfile,
    /// Id of the endorsed entity: an achievement, a profile or a credential.
    pub endorsed_id: String,
    /// Statement of the endorser.
    pub endorsement_comment: Option<String>,
    /// Start of validity.
    pub valid_from: DateTime<Utc>,
    /// End of validity.
    pub valid_until: Option<DateTime<Utc>>,
    /// `credentialStatus` entry.
    pub credential_status: Option<Value>,
}

/// Builds an unsigned EndorsementCredential with an `EndorsementSubject`.
pub fn build_endorsement_credential(input: &EndorsementInput) -> Result<Value> {
    require_uri(&input.credential_id, "credential id")?;
    require_uri(&input.endorsed_id, "endorsed id")?;
    require_text(&input.name, "endorsement name")?;

    let mut subject = Map::new();
    subject.insert("id".into(), input.endorsed_id.clone().into());
    subject.insert("type".into(), json!(["EndorsementSubject"]));
    insert_optional(
        &mut subject,
        "endorsementComment",
        &input.endorsement_comment,
    );

    let mut credential = Map::new();
    // The extensions context defines the credentialSchema type 1EdTechJsonSchemaValidator2019.
    // Without it the type would be a relative IRI, which JSON-LD processors drop or reject.
    credential.insert(
        "@context".into(),
        json!([VC_V2_CONTEXT, OB_V3P0_CONTEXT, OB_EXTENSIONS_CONTEXT]),
    );
    credential.insert("id".into(), input.credential_id.clone().into());
    credential.insert(
        "type".into(),
        json!(["VerifiableCredential", "EndorsementCredential"]),
    );
    credential.insert("name".into(), input.name.clone().into());
    insert_optional(&mut credential, "description", &input.description);
    credential.insert("issuer".into(), input.issuer.to_json()?);
    insert_validity(&mut credential, input.valid_from, input.valid_until)?;
    credential.insert("credentialSubject".into(), Value::Object(subject));
    credential.insert(
        "credentialSchema".into(),
        json!([{"id": OB_ENDORSEMENT_CREDENTIAL_SCHEMA, "type": ONE_EDTECH_SCHEMA_VALIDATOR}]),
    );
    insert_status(&mut credential, &input.credential_status);
    Ok(Value::Object(credential))
}

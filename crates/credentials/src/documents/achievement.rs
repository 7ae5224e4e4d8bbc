//! Open Badges 3.0 `OpenBadgeCredential` (AchievementCredential) documents.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use super::profile::{
    format_datetime, insert_optional, insert_validity, require_text, require_uri, IssuerProfile,
    Recipient,
};
use crate::contexts::{OB_EXTENSIONS_CONTEXT, OB_V3P0_CONTEXT, VC_V2_CONTEXT};
use crate::error::Result;

/// `credentialSchema` id of the official OBv3 AchievementCredential JSON schema.
pub const OB_ACHIEVEMENT_CREDENTIAL_SCHEMA: &str =
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json";
/// `credentialSchema` type used by 1EdTech for its JSON schemas.
pub const ONE_EDTECH_SCHEMA_VALIDATOR: &str = "1EdTechJsonSchemaValidator2019";

/// An alignment of the achievement to a node of an external framework.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Alignment {
    /// Name of the framework node, for example an occupation title.
    pub target_name: String,
    /// URL of the official description of the node.
    pub target_url: String,
    /// Code of the node within its framework.
    pub target_code: Option<String>,
    /// Name of the framework.
    pub target_framework: Option<String>,
    /// OBv3 `AlignmentTargetType`, or an `ext:` extension value.
    pub target_type: Option<String>,
    /// Short description of the node.
    pub target_description: Option<String>,
}

impl Alignment {
    /// Aligns to a CIP 2020 program code such as `11.0701`.
    pub fn cip(code: &str, title: &str) -> Self {
        Alignment {
            target_name: title.into(),
            target_url: format!(
                "https://nces.ed.gov/ipeds/cipcode/cipdetail.aspx?y=56&cipid={code}"
            ),
            target_code: Some(code.into()),
            target_framework: Some("Classification of Instructional Programs (CIP) 2020".into()),
            target_type: Some("ext:CIP".into()),
            target_description: None,
        }
    }

    /// Aligns to a SOC 2018 occupation code such as `15-1252`.
    pub fn soc(code: &str, title: &str) -> Self {
        Alignment {
            target_name: title.into(),
            target_url: format!(
                "https://www.bls.gov/oes/current/oes{}.htm",
                code.replace('-', "")
            ),
            target_code: Some(code.into()),
            target_framework: Some("Standard Occupational Classification (SOC) 2018".into()),
            target_type: Some("ext:SOC".into()),
            target_description: None,
        }
    }

    /// Aligns to an O*NET-SOC occupation code such as `15-1252.00`.
    pub fn onet_soc(code: &str, title: &str) -> Self {
        Alignment {
            target_name: title.into(),
            target_url: format!("https://www.onetonline.org/link/summary/{code}"),
            target_code: Some(code.into()),
            target_framework: Some("O*NET-SOC 2019".into()),
            // The OBv3 schema pattern for extension types does not allow '-', hence ONETSOC.
            target_type: Some("ext:ONETSOC".into()),
            target_description: None,
        }
    }

    /// Aligns to a Credential Engine Registry resource by its CTID (`ce-<uuid>`).
    pub fn ctdl(ctid: &str, name: &str) -> Self {
        Alignment {
            target_name: name.into(),
            target_url: format!("https://credentialengineregistry.org/resources/{ctid}"),
            target_code: Some(ctid.into()),
            target_framework: Some("Credential Engine Registry".into()),
            target_type: Some("CTDL".into()),
            target_description: None,
        }
    }

    pub(crate) fn to_json(&self) -> Result<Value> {
        require_text(&self.target_name, "alignment targetName")?;
        require_uri(&self.target_url, "alignment targetUrl")?;
        let mut alignment = Map::new();
        alignment.insert("type".into(), json!(["Alignment"]));
        alignment.insert("targetName".into(), self.target_name.clone().into());
        alignment.insert("targetUrl".into(), self.target_url.clone().into());
        insert_optional(&mut alignment, "targetCode", &self.target_code);
        insert_optional(&mut alignment, "targetFramework", &self.target_framework);
        insert_optional(&mut alignment, "targetType", &self.target_type);
        insert_optional(
            &mut alignment,
            "targetDescription",
            &self.target_description,
        );
        Ok(Value::Object(alignment))
    }
}

/// The achievement (badge class, course, program, certificate) that a credential asserts.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AchievementDefinition {
    /// Achievement id, a URI that stays the same for every credential asserting it.
    pub id: String,
    /// Name of the achievement.
    pub name: String,
    /// Description of the achievement.
    pub description: String,
    /// Narrative of the criteria for earning the achievement.
    pub criteria_narrative: Option<String>,
    /// URL of the criteria page.
    pub criteria_id: Option<String>,
    /// OBv3 `achievementType`, for example `Course`, `Certificate` or `Degree`.
    pub achievement_type: Option<String>,
    /// Alignments to CIP, SOC, O*NET-SOC, CTDL or other frameworks.
    pub alignments: Vec<Alignment>,
    /// Image URL or data URI.
    pub image: Option<String>,
    /// Credit hours the achievement is worth.
    pub credits_available: Option<f64>,
    /// Field of study of the achievement.
    pub field_of_study: Option<String>,
    /// Code that the issuer shows to people, such as a course number.
    pub human_code: Option<String>,
    /// Free-form tags.
    pub tags: Vec<String>,
}

impl AchievementDefinition {
    /// Returns the `Achievement` JSON object.
    pub fn to_json(&self) -> Result<Value> {
        require_uri(&self.id, "achievement id")?;
        require_text(&self.name, "achievement name")?;
        require_text(&self.description, "achievement description")?;
        let mut criteria = Map::new();
        if let Some(criteria_id) = &self.criteria_id {
            require_uri(criteria_id, "achievement criteria id")?;
            criteria.insert("id".into(), criteria_id.clone().into());
        }
        insert_optional(&mut criteria, "narrative", &self.criteria_narrative);
        if criteria.is_empty() {
            return Err(crate::error::CredentialError::invalid(format!(
                "achievement {} has no criteria; give a criteria narrative or a criteria URL",
                self.id
            )));
        }

        let mut achievement = Map::new();
        achievement.insert("id".into(), self.id.clone().into());
        achievement.insert("type".into(), json!(["Achievement"]));
        insert_optional(&mut achievement, "achievementType", &self.achievement_type);
        achievement.insert("name".into(), self.name.clone().into());
        achievement.insert("description".into(), self.description.clone().into());
        achievement.insert("criteria".into(), Value::Object(criteria));
        if !self.alignments.is_empty() {
            let alignments = self
                .alignments
                .iter()
                .map(Alignment::to_json)
                .collect::<Result<Vec<_>>>()?;
            achievement.insert("alignment".into(), Value::Array(alignments));
        }
        if let Some(image) = &self.image {
            achievement.insert("image".into(), json!({"id": image, "type": "Image"}));
        }
        if let Some(credits) = self.credits_available {
            achievement.insert("creditsAvailable".into(), json_number(credits));
        }
        insert_optional(&mut achievement, "fieldOfStudy", &self.field_of_study);
        insert_optional(&mut achievement, "humanCode", &self.human_code);
        if !self.tags.is_empty() {
            achievement.insert("tag".into(), json!(self.tags));
        }
        Ok(Value::Object(achievement))
    }
}

/// Evidence supporting the award.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Evidence {
    /// URL of the evidence page or a data URI.
    pub id: Option<String>,
    /// Name of the evidence.
    pub name: Option<String>,
    /// Description of the evidence.
    pub description: Option<String>,
    /// Narrative of what the learner did.
    pub narrative: Option<String>,
    /// Kind of evidence, for example `Portfolio`.
    pub genre: Option<String>,
}

impl Evidence {
    pub(crate) fn to_json(&self) -> Result<Value> {
        let mut evidence = Map::new();
        if let Some(id) = &self.id {
            require_uri(id, "evidence id")?;
            evidence.insert("id".into(), id.clone().into());
        }
        evidence.insert("type".into(), json!(["Evidence"]));
        insert_optional(&mut evidence, "name", &self.name);
        insert_optional(&mut evidence, "description", &self.description);
        insert_optional(&mut evidence, "narrative", &self.narrative);
        insert_optional(&mut evidence, "genre", &self.genre);
        Ok(Value::Object(evidence))
    }
}

/// Everything needed to build an unsigned OpenBadgeCredential.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AchievementInput {
    /// Credential id, for example `urn:uuid:<uuid>` or an HTTPS URL of the registry.
    pub credential_id: String,
    /// Credential name; the achievement name when absent.
    pub name: Option<String>,
    /// Credential description.
    pub description: Option<String>,
    /// The issuer profile.
    pub issuer: IssuerProfile,
    /// The learner.
    pub recipient: Recipient,
    /// The achievement asserted.
    pub achievement: AchievementDefinition,
    /// Evidence of the award.
    pub evidence: Vec<Evidence>,
    /// When the achievement was awarded.
    pub awarded_date: Option<DateTime<Utc>>,
    /// Start of validity.
    pub valid_from: DateTime<Utc>,
    /// End of validity.
    pub valid_until: Option<DateTime<Utc>>,
    /// `credentialStatus` entry, usually from [`crate::status_list::status_list_entry`].
    /// The OBv3 and CLR schemas allow one entry, so a credential has one status purpose.
    pub credential_status: Option<Value>,
}

/// Builds an unsigned OpenBadgeCredential (VC Data Model 2.0, OBv3 3.0.3 and extensions
/// contexts) with a `credentialSchema` pointing at the official OBv3 JSON schema.
pub fn build_achievement_credential(input: &AchievementInput) -> Result<Value> {
    require_uri(&input.credential_id, "credential id")?;
    let mut subject = input.recipient.subject_object("AchievementSubject")?;
    subject.insert("achievement".into(), input.achievement.to_json()?);

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
        json!(["VerifiableCredential", "OpenBadgeCredential"]),
    );
    credential.insert("issuer".into(), input.issuer.to_json()?);
    insert_validity(&mut credential, input.valid_from, input.valid_until)?;
    if let Some(awarded) = input.awarded_date {
        credential.insert("awardedDate".into(), format_datetime(awarded).into());
    }
    let name = input
        .name
        .clone()
        .unwrap_or_else(|| input.achievement.name.clone());
    credential.insert("name".into(), name.into());
    insert_optional(&mut credential, "description", &input.description);
    credential.insert("credentialSubject".into(), Value::Object(subject));
    if !input.evidence.is_empty() {
        let evidence = input
            .evidence
            .iter()
            .map(Evidence::to_json)
            .collect::<Result<Vec<_>>>()?;
        credential.insert("evidence".into(), Value::Array(evidence));
    }
    credential.insert(
        "credentialSchema".into(),
        json!([{"id": OB_ACHIEVEMENT_CREDENTIAL_SCHEMA, "type": ONE_EDTECH_SCHEMA_VALIDATOR}]),
    );
    insert_status(&mut credential, &input.credential_status);
    Ok(Value::Object(credential))
}

/// Inserts `credentialStatus` when there is one.
pub(crate) fn insert_status(credential: &mut Map<String, Value>, entry: &Option<Value>) {
    if let Some(entry) = entry {
        credential.insert("credentialStatus".into(), entry.clone());
    }
}

/// Writes a whole number without a fractional part (4, not 4.0). JavaScript JSON-LD
/// processors read 4.0 as the integer 4 and sign `"4"^^xsd:integer`, while serde_json and
/// Python read `"4.0E0"^^xsd:double`, so 4.0 would break proofs across implementations.
fn json_number(value: f64) -> Value {
    const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;
    if value.fract() == 0.0 && value.abs() <= MAX_SAFE_INTEGER {
        json!(value as i64)
    } else {
        json!(value)
    }
}

//! Registry records that credentials attest, with their codes for achievement alignments.

use ler_credentials::Alignment;
use serde::Deserialize;

use super::cypher;
use super::error::{CredentialsError, CredentialsResult};
use super::service::CredentialService;
use crate::graph::Statement;

#[derive(Deserialize)]
pub struct CodeRow {
    pub system: String,
    pub code: String,
    pub title: Option<String>,
}

#[derive(Deserialize)]
pub struct OccupationRef {
    pub onet: Option<String>,
    pub soc: Option<String>,
    pub title: Option<String>,
}

/// A record that credentials can attest, as seen by one issuing provider.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IssuableRecord {
    /// Program, Course, Occupation or Skill.
    pub kind: String,
    pub node_id: String,
    pub name: String,
    pub description: Option<String>,
    pub ctid: Option<String>,
    pub issuer_name: Option<String>,
    pub issuer_url: Option<String>,
    /// Whether the provider offers the record or was granted issuance for it.
    pub granted: bool,
    pub codes: Vec<CodeRow>,
    pub occupations: Vec<OccupationRef>,
    /// Programs a course is part of.
    pub part_of: Vec<String>,
}

impl IssuableRecord {
    /// Returns the alignments to the record's CIP, SOC, O*NET-SOC and CTDL codes, each once.
    pub fn alignments(&self) -> Vec<Alignment> {
        let mut alignments: Vec<Alignment> = Vec::new();
        for code in &self.codes {
            let title = code.title.clone().unwrap_or_else(|| code.code.clone());
            let alignment = match code.system.as_str() {
                "CIP" => Alignment::cip(&code.code, &title),
                "SOC" => Alignment::soc(&code.code, &title),
                "ONET_SOC" => Alignment::onet_soc(&code.code, &title),
                "CTDL" => Alignment::ctdl(&code.code, &title),
                _ => continue,
            };
            alignments.push(alignment);
        }
        for occupation in &self.occupations {
            let title = occupation.title.clone().unwrap_or_default();
            if let Some(onet) = &occupation.onet {
                alignments.push(Alignment::onet_soc(onet, if title.is_empty() { onet } else { &title }));
            }
            if let Some(soc) = &occupation.soc {
                alignments.push(Alignment::soc(soc, if title.is_empty() { soc } else { &title }));
            }
        }
        let mut seen = std::collections::HashSet::new();
        alignments.retain(|alignment| seen.insert((alignment.target_type.clone(), alignment.target_code.clone())));
        alignments
    }

    /// Returns the wallet category of the record: PROGRAM, SKILL or EXPERIENCE.
    pub fn wallet_kind(&self) -> &'static str {
        match self.kind.as_str() {
            "Skill" => "SKILL",
            "Occupation" => "EXPERIENCE",
            _ => "PROGRAM",
        }
    }

    /// Returns the OBv3 achievement type of the record.
    pub fn achievement_type(&self) -> &'static str {
        match self.kind.as_str() {
            "Course" => "Course",
            "Occupation" => "License",
            "Skill" => "Competency",
            _ => "Certificate",
        }
    }
}

impl CredentialService {
    /// Loads a record for issuance by `provider_id`. Fails with NOT_FOUND for an unknown id
    /// and with FORBIDDEN when the provider neither offers the record nor was granted it.
    pub async fn issuable_record(&self, record_id: &str, provider_id: &str) -> CredentialsResult<IssuableRecord> {
        let record = self.find_record(record_id, provider_id).await?;
        if !record.granted {
            return Err(CredentialsError::Forbidden(format!(
                "Provider \"{provider_id}\" neither offers record \"{record_id}\" nor was granted issuance for it, so it cannot issue or endorse credentials for it. Ask the record's provider or a registry operator for a GRANTED_ISSUANCE grant."
            )));
        }
        Ok(record)
    }

    /// Loads a record by id, with `granted` computed for `provider_id`.
    pub async fn find_record(&self, record_id: &str, provider_id: &str) -> CredentialsResult<IssuableRecord> {
        let statement = Statement::new("record_for_issue", cypher::RECORD_FOR_ISSUE)
            .param("recordId", record_id)
            .param("providerId", provider_id);
        let record: Option<IssuableRecord> = self.graph.row(statement).await?;
        record.ok_or_else(|| {
            CredentialsError::NotFound(format!(
                "Record \"{record_id}\" was not found. Pass a Program or Course id, an O*NET-SOC code or a skill element id."
            ))
        })
    }
}

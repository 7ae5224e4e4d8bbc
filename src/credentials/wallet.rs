//! Learner wallets: items with state labels, counts, and CLR 2.0 assembly.

use std::collections::BTreeMap;

use chrono::Utc;
use ler_credentials::{build_clr_credential, sign_data_integrity, Association, AssociationType, ClrInput, IssuerProfile, Recipient};
use serde::Deserialize;
use serde_json::Value;

use super::cypher;
use super::error::{CredentialsError, CredentialsResult};
use super::service::CredentialService;
use crate::graph::Statement;

/// Maximum number of wallet items in one CLR.
pub const MAX_CLR_SELECTION: usize = 100;

/// One wallet item as stored, with the document of the credential it holds.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WalletItemRow {
    pub id: String,
    pub learner_id: String,
    /// PROGRAM, SKILL or EXPERIENCE.
    pub kind: String,
    pub record_id: Option<String>,
    /// SELF_ATTESTED, ENDORSEMENT_REQUESTED, ENDORSED, ISSUED, REVOKED, SUSPENDED or DECLINED.
    pub state: String,
    /// The self-attested credential, signed by the learner.
    pub document: Option<String>,
    /// The EndorsementCredential of an endorsed item.
    pub endorsement: Option<String>,
    pub decline_reason: Option<String>,
    pub credential_id: Option<String>,
    /// The issuer-signed credential that the item holds.
    pub credential_document: Option<String>,
    pub created_at: String,
}

impl WalletItemRow {
    /// Returns the strongest credential of the item: the issued one, else the self-attested one.
    pub fn best_document(&self) -> Option<&str> {
        self.credential_document.as_deref().or(self.document.as_deref())
    }
}

/// Item counts of a wallet.
pub struct WalletCounts {
    pub programs: i64,
    pub skills: i64,
    pub experiences: i64,
    pub by_state: BTreeMap<String, i64>,
}

/// Counts items by kind and by state.
pub fn count_items(items: &[WalletItemRow]) -> WalletCounts {
    let mut counts = WalletCounts { programs: 0, skills: 0, experiences: 0, by_state: BTreeMap::new() };
    for item in items {
        match item.kind.as_str() {
            "SKILL" => counts.skills += 1,
            "EXPERIENCE" => counts.experiences += 1,
            _ => counts.programs += 1,
        }
        *counts.by_state.entry(item.state.clone()).or_default() += 1;
    }
    counts
}

impl CredentialService {
    /// Returns the learner's wallet items, oldest first.
    pub async fn wallet_items(&self, learner_id: &str) -> CredentialsResult<Vec<WalletItemRow>> {
        self.ensure_schema().await?;
        let statement = Statement::new("wallet_items", cypher::WALLET_ITEMS).param("learnerId", learner_id);
        Ok(self.graph.rows(statement).await?)
    }

    /// Builds a ClrCredential from the selected wallet items, signed with the learner's own
    /// key. A course item whose course is part of a selected program item gets an
    /// `isPartOf` association. Returns the credential id and the signed JSON-LD document.
    pub async fn assemble_clr(&self, learner_id: &str, selection: &[String]) -> CredentialsResult<(String, Value)> {
        if selection.is_empty() || selection.len() > MAX_CLR_SELECTION {
            return Err(CredentialsError::BadInput(format!(
                "`selection` has {} wallet item ids. Select 1 to {MAX_CLR_SELECTION} items.",
                selection.len()
            )));
        }
        let items = self.wallet_items(learner_id).await?;
        let mut selected = Vec::new();
        for item_id in selection {
            let item = items.iter().find(|item| &item.id == item_id).ok_or_else(|| {
                CredentialsError::NotFound(format!("Wallet item \"{item_id}\" is not in this learner's wallet. Select ids from the wallet query."))
            })?;
            if matches!(item.state.as_str(), "REVOKED" | "SUSPENDED") {
                return Err(CredentialsError::BadInput(format!(
                    "Wallet item \"{item_id}\" is {}, so it cannot go into a CLR. Remove it from the selection.",
                    item.state
                )));
            }
            let document: Value = item
                .best_document()
                .and_then(|text| serde_json::from_str(text).ok())
                .ok_or_else(|| CredentialsError::Internal(format!("wallet item {item_id} has no readable credential")))?;
            selected.push((item.clone(), document));
        }

        let associations = self.part_of_associations(&selected).await?;
        let learner = self.learner_key(learner_id).await?;
        let now = Utc::now();
        let credential_id = format!("urn:uuid:{}", uuid::Uuid::new_v4());
        let input = ClrInput {
            credential_id: credential_id.clone(),
            name: "Comprehensive Learner Record".into(),
            description: Some("Achievements selected by the learner from the registry wallet.".into()),
            issuer: IssuerProfile { id: learner.did.clone(), name: "Assembled by the learner".into(), url: None, email: None, description: None, image: None },
            recipient: Recipient { id: Some(learner.did.clone()), identifiers: Vec::new() },
            valid_from: now,
            valid_until: None,
            credential_status: None,
        };
        let documents: Vec<Value> = selected.into_iter().map(|(_, document)| document).collect();
        let unsigned = build_clr_credential(&input, &documents, &associations)?;
        let signed = sign_data_integrity(&unsigned, &learner.key, &learner.verification_method(), now)?;
        Ok((credential_id, signed))
    }

    /// Returns `isPartOf` associations from each selected course to each selected program
    /// that the course is part of in the graph.
    async fn part_of_associations(&self, selected: &[(WalletItemRow, Value)]) -> CredentialsResult<Vec<Association>> {
        let achievement_id = |document: &Value| document["credentialSubject"]["achievement"]["id"].as_str().map(str::to_string);
        let mut programs = BTreeMap::new();
        let mut courses = Vec::new();
        for (item, document) in selected {
            let (Some(record_id), Some(achievement)) = (item.record_id.as_deref(), achievement_id(document)) else { continue };
            let record = self.find_record(record_id, "").await?;
            match record.kind.as_str() {
                "Program" => {
                    programs.insert(record_id.to_string(), achievement);
                }
                "Course" => courses.push((record.part_of, achievement)),
                _ => {}
            }
        }
        let mut associations = Vec::new();
        for (part_of, course_achievement) in courses {
            for program_id in part_of {
                if let Some(program_achievement) = programs.get(&program_id) {
                    associations.push(Association {
                        association_type: AssociationType::IsPartOf,
                        source_id: course_achievement.clone(),
                        target_id: program_achievement.clone(),
                    });
                }
            }
        }
        Ok(associations)
    }
}

//! The learner flow: self-attested wallet items signed with the learner's own key, and
//! endorsement requests that an issuer endorses or declines.

use chrono::Utc;
use ler_credentials::{
    build_achievement_credential, build_endorsement_credential, sign_data_integrity, verification_method_id,
    EndorsementInput, Evidence, IssuerKey, IssuerProfile, KeyAlgorithm, Recipient, SealedKey,
};
use serde::Deserialize;
use serde_json::Value;

use super::cypher;
use super::error::{CredentialsError, CredentialsResult};
use super::issue::{IssueRequest, RecipientInput};
use super::service::CredentialService;
use crate::graph::Statement;

#[derive(Deserialize)]
struct SealedRow {
    sealed: String,
}

#[derive(Deserialize)]
struct IdRow {
    id: String,
}

/// A pending or decided endorsement request.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EndorsementRequestRow {
    pub id: String,
    pub item_id: String,
    pub learner_id: String,
    pub provider_id: String,
    pub record_id: String,
    pub state: String,
    pub document: Option<String>,
}

/// A learner's signing key and its `did:key` identifier.
pub struct LearnerKey {
    pub did: String,
    pub key: IssuerKey,
}

impl LearnerKey {
    pub fn verification_method(&self) -> String {
        let fragment = self.did.trim_start_matches("did:key:");
        format!("{}#{fragment}", self.did)
    }
}

impl CredentialService {
    /// Returns the learner's Ed25519 key, creating and sealing it on first use.
    pub async fn learner_key(&self, learner_id: &str) -> CredentialsResult<LearnerKey> {
        self.ensure_schema().await?;
        let statement = Statement::new("learner_key", cypher::LEARNER_KEY).param("learnerId", learner_id);
        let sealed = match self.graph.row::<SealedRow>(statement).await? {
            Some(row) => row.sealed,
            None => {
                let key = IssuerKey::generate(KeyAlgorithm::Ed25519)?;
                let sealed = serde_json::to_string(&key.seal(self.master_key()?)?).map_err(|e| CredentialsError::Internal(e.to_string()))?;
                let statement = Statement::new("create_learner_key", cypher::CREATE_LEARNER_KEY)
                    .param("learnerId", learner_id)
                    .param("keyId", key.key_id())
                    .param("sealed", sealed)
                    .param("now", Utc::now().to_rfc3339());
                let row: Option<SealedRow> = self.graph.row(statement).await?;
                row.ok_or_else(|| CredentialsError::Internal("learner key was not stored".into()))?.sealed
            }
        };
        let sealed: SealedKey = serde_json::from_str(&sealed).map_err(|_| CredentialsError::Internal(format!("learner {learner_id} has an unreadable sealed key")))?;
        let key = IssuerKey::unseal(&sealed, self.master_key()?)?;
        Ok(LearnerKey { did: key.public_key().to_did_key()?, key })
    }

    /// Stores a SELF_ATTESTED wallet item: an AchievementCredential about a registry record,
    /// issued to and signed by the learner's own `did:key`. Returns the item id.
    pub async fn self_attest(&self, learner_id: &str, record_id: &str, evidence: Vec<Evidence>) -> CredentialsResult<String> {
        let record = self.find_record(record_id, "").await?;
        let learner = self.learner_key(learner_id).await?;
        let issuer = IssuerProfile { id: learner.did.clone(), name: "Self-attested by the learner".into(), url: None, email: None, description: None, image: None };
        let recipient = Recipient { id: Some(learner.did.clone()), identifiers: Vec::new() };
        let input = self.achievement_input(&record, record_id, issuer, recipient, evidence, None);
        let unsigned = build_achievement_credential(&input)?;
        let signed = sign_data_integrity(&unsigned, &learner.key, &learner.verification_method(), input.valid_from)?;
        let item_id = format!("wallet-{}", uuid::Uuid::new_v4());
        let statement = Statement::new("create_wallet_item", cypher::CREATE_WALLET_ITEM)
            .param("id", item_id.clone())
            .param("learnerId", learner_id)
            .param("kind", record.wallet_kind())
            .param("recordId", record_id)
            .param("document", signed.to_string())
            .param("recordNodeId", record.node_id.clone())
            .param("now", Utc::now().to_rfc3339());
        self.graph.run(statement).await?;
        Ok(item_id)
    }

    /// Asks provider `provider_id` to endorse a SELF_ATTESTED or DECLINED item of the learner.
    pub async fn request_endorsement(&self, learner_id: &str, item_id: &str, provider_id: &str) -> CredentialsResult<String> {
        self.issuer_did(provider_id).map_err(|_| CredentialsError::BadInput(format!(
            "issuerProviderId \"{provider_id}\" is not a provider id. Use letters, digits, '.', '-' and '_' only."
        )))?;
        let statement = Statement::new("create_endorsement_request", cypher::CREATE_ENDORSEMENT_REQUEST)
            .param("itemId", item_id)
            .param("learnerId", learner_id)
            .param("providerId", provider_id)
            .param("id", format!("endorsement-request-{}", uuid::Uuid::new_v4()))
            .param("now", Utc::now().to_rfc3339());
        let row: Option<IdRow> = self.graph.row(statement).await?;
        row.map(|row| row.id).ok_or_else(|| {
            CredentialsError::NotFound(format!(
                "Wallet item \"{item_id}\" of this learner was not found in state SELF_ATTESTED or DECLINED. Request endorsement for a self-attested item that has no pending request."
            ))
        })
    }

    async fn pending_request(&self, request_id: &str, provider_id: &str) -> CredentialsResult<EndorsementRequestRow> {
        let statement = Statement::new("endorsement_request", cypher::ENDORSEMENT_REQUEST).param("id", request_id);
        let request: EndorsementRequestRow = self.graph.row(statement).await?.ok_or_else(|| {
            CredentialsError::NotFound(format!("Endorsement request \"{request_id}\" was not found. Pass the id that requestEndorsement returned."))
        })?;
        if request.provider_id != provider_id {
            return Err(CredentialsError::Forbidden(format!(
                "Endorsement request \"{request_id}\" is addressed to another provider, so provider \"{provider_id}\" cannot decide it."
            )));
        }
        if request.state != "PENDING" {
            return Err(CredentialsError::Conflict(format!(
                "Endorsement request \"{request_id}\" is already {}. Only pending requests can be endorsed or declined.",
                request.state
            )));
        }
        Ok(request)
    }

    /// Endorses a pending request: signs an EndorsementCredential for the self-attested
    /// credential and upgrades the item to an AchievementCredential issued by the provider.
    /// Returns the id of the issued credential.
    pub async fn endorse(&self, provider_id: &str, request_id: &str) -> CredentialsResult<String> {
        let request = self.pending_request(request_id, provider_id).await?;
        self.issuable_record(&request.record_id, provider_id).await?;
        let self_attested: Value = request
            .document
            .as_deref()
            .and_then(|text| serde_json::from_str(text).ok())
            .ok_or_else(|| CredentialsError::Internal(format!("wallet item {} has no readable document", request.item_id)))?;
        let endorsed_id = self_attested["id"].as_str().unwrap_or_default().to_string();
        let learner_did = self_attested["credentialSubject"]["id"].as_str().unwrap_or_default().to_string();

        let keys = self.signing_keys(provider_id).await?;
        let now = Utc::now();
        let endorsement = build_endorsement_credential(&EndorsementInput {
            credential_id: format!("urn:uuid:{}", uuid::Uuid::new_v4()),
            name: "Endorsement of a self-attested achievement".into(),
            description: None,
            issuer: IssuerProfile { id: keys.did.clone(), name: provider_id.into(), url: None, email: None, description: None, image: None },
            endorsed_id,
            endorsement_comment: Some(format!("Provider {provider_id} confirms this achievement.")),
            valid_from: now,
            valid_until: None,
            credential_status: None,
        })?;
        let method = verification_method_id(&keys.did, keys.ed25519.key_id());
        let endorsement = sign_data_integrity(&endorsement, &keys.ed25519, &method, now)?;

        // The idempotency key ties the upgrade to the request, so a retried endorse after a
        // failure below returns the same credential instead of issuing a second one.
        let recipients = [RecipientInput { did: Some(learner_did), ..RecipientInput::default() }];
        let idempotency_key = format!("endorsement:{request_id}");
        let issuance = self
            .issue(IssueRequest {
                provider_id,
                record_id: &request.record_id,
                recipients: &recipients,
                evidence: &[],
                idempotency_key: Some(&idempotency_key),
                format: Default::default(),
            })
            .await?;
        let credential_id = issuance.credentials.first().map(|c| c.id.clone()).ok_or_else(|| CredentialsError::Internal("upgrade issued no credential".into()))?;
        let statement = Statement::new("complete_endorsement", cypher::COMPLETE_ENDORSEMENT)
            .param("id", request_id)
            .param("credentialId", credential_id.clone())
            .param("endorsement", endorsement.to_string())
            .param("now", now.to_rfc3339());
        let done: Option<IdRow> = self.graph.row(statement).await?;
        if done.is_none() {
            return Err(CredentialsError::Conflict(format!("Endorsement request \"{request_id}\" was decided concurrently. Read the wallet for its state.")));
        }
        tracing::info!(provider.id = provider_id, request.id = request_id, "endorsed wallet item");
        Ok(credential_id)
    }

    /// Declines a pending request with a reason shown to the learner.
    pub async fn decline(&self, provider_id: &str, request_id: &str, reason: &str) -> CredentialsResult<()> {
        self.pending_request(request_id, provider_id).await?;
        if reason.trim().is_empty() {
            return Err(CredentialsError::BadInput("`reason` is empty. Tell the learner why the endorsement was declined.".into()));
        }
        let statement = Statement::new("decline_endorsement", cypher::DECLINE_ENDORSEMENT)
            .param("id", request_id)
            .param("reason", reason.trim())
            .param("now", Utc::now().to_rfc3339());
        let done: Option<IdRow> = self.graph.row(statement).await?;
        done.map(|_| ()).ok_or_else(|| CredentialsError::Conflict(format!("Endorsement request \"{request_id}\" was decided concurrently.")))
    }
}

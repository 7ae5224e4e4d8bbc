//! `issueCredentials`: signed OBv3 AchievementCredentials for a registry record, issued as
//! one all-or-nothing batch with idempotent retries.

use std::sync::Arc;

use async_graphql::{Enum, InputObject};
use chrono::Utc;
use ler_credentials::{
    build_achievement_credential, sign_data_integrity, sign_vc_jwt, status_list_entry, verification_method_id,
    AchievementDefinition, AchievementInput, Evidence, IssuerProfile, JwtAlgorithm, KeyAlgorithm, Recipient,
    RecipientIdentifier, StatusPurpose,
};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use super::cypher;
use super::error::{CredentialsError, CredentialsResult};
use super::keys::SigningKeys;
use super::records::IssuableRecord;
use super::service::CredentialService;
use super::status::LIST_WRITE_ATTEMPTS;
use super::store::StoredCredential;
use crate::graph::Statement;

/// Maximum number of recipients in one `issueCredentials` request.
pub const MAX_RECIPIENTS: usize = 100;
/// Maximum length of an idempotency key, in characters.
const MAX_IDEMPOTENCY_KEY: usize = 128;

/// Signature algorithm of the VC-JWT form of issued credentials.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum CredentialFormat {
    /// ECDSA P-256 with SHA-256.
    #[default]
    #[graphql(name = "ES256")]
    Es256,
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    #[graphql(name = "RS256")]
    Rs256,
}

/// A learner who receives a credential. Give at least one of `learnerId`, `did`, `email` and
/// `studentId`.
#[derive(InputObject, Clone, Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RecipientInput {
    /// Registry learner id; the credential then appears in that learner's wallet.
    pub learner_id: Option<String>,
    /// Subject id of the credential: a DID or another absolute URI.
    pub did: Option<String>,
    /// Email address; the credential carries only its salted SHA-256 hash.
    pub email: Option<String>,
    /// Student id at the issuing provider.
    pub student_id: Option<String>,
}

/// Evidence supporting an award.
#[derive(InputObject, Clone, Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EvidenceInput {
    /// URL of the evidence.
    pub id: Option<String>,
    pub name: Option<String>,
    pub description: Option<String>,
    pub narrative: Option<String>,
    pub genre: Option<String>,
}

impl From<&EvidenceInput> for Evidence {
    fn from(input: &EvidenceInput) -> Self {
        Evidence {
            id: input.id.clone(),
            name: input.name.clone(),
            description: input.description.clone(),
            narrative: input.narrative.clone(),
            genre: input.genre.clone(),
        }
    }
}

/// The credentials of one issuance request.
pub struct Issuance {
    pub credentials: Vec<StoredCredential>,
    /// True when the idempotency key matched an earlier request, so nothing new was issued.
    pub replayed: bool,
}

#[derive(Deserialize)]
struct IssuanceRow {
    fingerprint: String,
    credentials: Vec<StoredCredential>,
}

/// Everything the signing threads share for one batch.
struct SigningJob {
    record: IssuableRecord,
    record_id: String,
    keys: SigningKeys,
    recipients: Vec<CheckedRecipient>,
    evidence: Vec<Evidence>,
    format: CredentialFormat,
}

/// A validated recipient.
struct CheckedRecipient {
    learner_id: Option<String>,
    recipient: Recipient,
    label: String,
}

pub(crate) fn is_absolute_uri(value: &str) -> bool {
    match value.split_once(':') {
        Some((scheme, rest)) => {
            !scheme.is_empty()
                && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
                && !rest.is_empty()
                && !value.chars().any(char::is_whitespace)
        }
        None => false,
    }
}

fn is_email(value: &str) -> bool {
    match value.trim().split_once('@') {
        Some((local, domain)) => !local.is_empty() && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.') && !value.trim().contains(char::is_whitespace),
        None => false,
    }
}

/// Checks every recipient before anything is signed or stored.
fn check_recipients(recipients: &[RecipientInput]) -> CredentialsResult<Vec<CheckedRecipient>> {
    if recipients.is_empty() {
        return Err(CredentialsError::BadInput("`recipients` is empty. Name at least one recipient.".into()));
    }
    if recipients.len() > MAX_RECIPIENTS {
        return Err(CredentialsError::BadInput(format!(
            "`recipients` has {} entries, but one request may issue at most {MAX_RECIPIENTS} credentials. Split the batch into requests of {MAX_RECIPIENTS} or fewer; nothing was issued.",
            recipients.len()
        )));
    }
    let mut checked = Vec::with_capacity(recipients.len());
    for (position, input) in recipients.iter().enumerate() {
        let mut recipient = Recipient::default();
        if let Some(did) = input.did.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            if !is_absolute_uri(did) {
                return Err(CredentialsError::BadInput(format!(
                    "recipients[{position}].did \"{did}\" is not a DID or absolute URI. Use a value such as \"did:key:z6Mk...\"; nothing was issued."
                )));
            }
            recipient.id = Some(did.to_string());
        }
        if let Some(email) = input.email.as_deref().filter(|v| !v.trim().is_empty()) {
            if !is_email(email) {
                return Err(CredentialsError::BadInput(format!(
                    "recipients[{position}].email \"{email}\" is not an email address. Use a value such as \"learner@example.org\"; nothing was issued."
                )));
            }
            let salt = uuid::Uuid::new_v4().simple().to_string();
            recipient.identifiers.push(RecipientIdentifier::hashed_email(email, &salt));
        }
        if let Some(student_id) = input.student_id.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            // OBv3's identifier types have no "studentId"; a student id at the issuing
            // provider is the id its student information system assigns.
            recipient.identifiers.push(RecipientIdentifier {
                identity_type: "sisSourcedId".into(),
                identity: student_id.to_string(),
                hashed: false,
                salt: None,
            });
        }
        let learner_id = input.learner_id.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_string);
        if let (Some(learner_id), None, true) = (&learner_id, &recipient.id, recipient.identifiers.is_empty()) {
            // The registry's learner id is the only identity, so the credential carries it
            // hashed, as it does an email address.
            let salt = uuid::Uuid::new_v4().simple().to_string();
            recipient.identifiers.push(RecipientIdentifier { identity_type: "systemId".into(), identity: learner_id.clone(), hashed: true, salt: Some(salt) });
        }
        if recipient.id.is_none() && recipient.identifiers.is_empty() {
            return Err(CredentialsError::BadInput(format!(
                "recipients[{position}] has no learnerId, did, email or studentId. Give at least one; nothing was issued."
            )));
        }
        let label = recipient.id.clone().unwrap_or_else(|| recipient.identifiers[0].identity_type.clone());
        checked.push(CheckedRecipient { learner_id, recipient, label });
    }
    Ok(checked)
}

/// Hashes the request, so a reused idempotency key with other content is detected.
fn fingerprint(record_id: &str, recipients: &[RecipientInput], evidence: &[EvidenceInput], format: CredentialFormat) -> String {
    let canonical = json!({"recordId": record_id, "recipients": recipients, "evidence": evidence, "format": format});
    hex::encode(Sha256::digest(canonical.to_string().as_bytes()))
}

/// One issuance request after the caller was authorized.
pub struct IssueRequest<'a> {
    pub provider_id: &'a str,
    pub record_id: &'a str,
    pub recipients: &'a [RecipientInput],
    pub evidence: &'a [EvidenceInput],
    pub idempotency_key: Option<&'a str>,
    pub format: CredentialFormat,
}

impl CredentialService {
    /// Issues one credential per recipient, all or nothing. A repeated idempotency key with
    /// the same content returns the stored credentials and issues nothing new.
    pub async fn issue(&self, request: IssueRequest<'_>) -> CredentialsResult<Issuance> {
        self.ensure_schema().await?;
        let checked = check_recipients(request.recipients)?;
        let evidence: Vec<Evidence> = request.evidence.iter().map(Evidence::from).collect();
        let fingerprint = fingerprint(request.record_id, request.recipients, request.evidence, request.format);
        let request_key = match request.idempotency_key {
            Some(key) if key.is_empty() || key.chars().count() > MAX_IDEMPOTENCY_KEY => {
                return Err(CredentialsError::BadInput(format!(
                    "idempotencyKey \"{key}\" must have 1 to {MAX_IDEMPOTENCY_KEY} characters. Use a UUID per logical request."
                )));
            }
            Some(key) => format!("{}:{key}", request.provider_id),
            None => format!("{}:generated:{}", request.provider_id, uuid::Uuid::new_v4()),
        };
        if let Some(issuance) = self.replay(&request_key, &fingerprint).await? {
            return Ok(issuance);
        }

        let record = self.issuable_record(request.record_id, request.provider_id).await?;
        let keys = self.signing_keys(request.provider_id).await?;
        let job = Arc::new(SigningJob { record, record_id: request.record_id.to_string(), keys, recipients: checked, evidence, format: request.format });
        let checked = &job.recipients;
        for _ in 0..LIST_WRITE_ATTEMPTS {
            let list = self.issuer_list(request.provider_id, StatusPurpose::Revocation).await?;
            let mut decoded = list.decode()?;
            let list_url = self.status_list_url(&list.id);
            let mut statuses = Vec::with_capacity(checked.len());
            for _ in checked.iter() {
                let index = decoded.assign_random_index(&list.id)?;
                statuses.push((index, status_list_entry(&list_url, index, StatusPurpose::Revocation)));
            }
            let credentials = self.sign_batch(&job, statuses).await?;
            let statement = Statement::new("issue_batch", cypher::ISSUE_BATCH)
                .param("listId", list.id.clone())
                .param("listVersion", list.version)
                .param("encoded", decoded.encode()?)
                .param("assigned", decoded.encode_assigned()?)
                .param("requestKey", request_key.clone())
                .param("providerId", request.provider_id)
                .param("fingerprint", fingerprint.clone())
                .param("recordId", request.record_id)
                .param("recordNodeId", job.record.node_id.clone())
                .param("walletKind", job.record.wallet_kind())
                .param("now", Utc::now().to_rfc3339())
                .json_param("credentials", &Value::Array(credentials));
            match self.graph.rows::<Value>(statement).await {
                Ok(rows) if rows.first().and_then(|row| row["issued"].as_i64()).unwrap_or(0) > 0 => {
                    tracing::info!(provider.id = request.provider_id, record.id = request.record_id, count = checked.len(), "issued credentials");
                    let issuance = self.replay(&request_key, &fingerprint).await?;
                    return issuance.map(|mut issuance| {
                        issuance.replayed = false;
                        issuance
                    }).ok_or_else(|| CredentialsError::Internal("issued batch was not found after commit".into()));
                }
                Ok(_) => continue,
                Err(error) => {
                    // A concurrent request with the same idempotency key wins the unique
                    // constraint; this one then returns the winner's credentials.
                    if let Some(issuance) = self.replay(&request_key, &fingerprint).await? {
                        return Ok(issuance);
                    }
                    return Err(error.into());
                }
            }
        }
        Err(CredentialsError::Conflict(format!(
            "The status list of provider \"{}\" changed during {LIST_WRITE_ATTEMPTS} attempts, so nothing was issued. Retry the request.",
            request.provider_id
        )))
    }

    /// Signs one credential per recipient on the blocking thread pool, split into one chunk
    /// per CPU, because Data Integrity canonicalization takes tens of milliseconds each.
    /// Returns the credential rows for the batch statement in recipient order.
    async fn sign_batch(&self, job: &Arc<SigningJob>, statuses: Vec<(usize, Value)>) -> CredentialsResult<Vec<Value>> {
        let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).max(1);
        let chunk_size = statuses.len().div_ceil(workers).max(1);
        let mut tasks = Vec::new();
        let numbered: Vec<(usize, (usize, Value))> = statuses.into_iter().enumerate().collect();
        for chunk in numbered.chunks(chunk_size) {
            let chunk = chunk.to_vec();
            let job = Arc::clone(job);
            let service = self.clone();
            tasks.push(tokio::task::spawn_blocking(move || {
                chunk
                    .into_iter()
                    .map(|(position, (index, status))| {
                        let recipient = &job.recipients[position];
                        let (id, jwt, document) = service.sign_achievement(&job, recipient, status)?;
                        Ok(json!({
                            "id": id, "kind": "AchievementCredential", "learnerId": recipient.learner_id,
                            "recipient": recipient.label, "position": position as i64, "jwt": jwt,
                            "document": document, "statusIndex": index as i64,
                        }))
                    })
                    .collect::<CredentialsResult<Vec<Value>>>()
            }));
        }
        let mut rows = Vec::new();
        for task in tasks {
            let chunk = task.await.map_err(|e| CredentialsError::Internal(format!("signing task failed: {e}")))??;
            rows.extend(chunk);
        }
        Ok(rows)
    }

    /// Returns the credentials of an earlier request with this key, or CONFLICT when the
    /// key was used for a request with other content.
    async fn replay(&self, request_key: &str, fingerprint: &str) -> CredentialsResult<Option<Issuance>> {
        let statement = Statement::new("issuance_by_key", cypher::ISSUANCE_BY_KEY).param("requestKey", request_key);
        let Some(row) = self.graph.row::<IssuanceRow>(statement).await? else {
            return Ok(None);
        };
        if row.fingerprint != fingerprint {
            let key = request_key.split_once(':').map_or(request_key, |(_, key)| key);
            return Err(CredentialsError::Conflict(format!(
                "idempotencyKey \"{key}\" was already used for a request with other content. Use a new key for a new request."
            )));
        }
        Ok(Some(Issuance { credentials: row.credentials, replayed: true }))
    }

    /// Builds the unsigned input of an AchievementCredential for a record.
    pub(crate) fn achievement_input(
        &self,
        record: &IssuableRecord,
        record_id: &str,
        issuer: IssuerProfile,
        recipient: Recipient,
        evidence: Vec<Evidence>,
        status: Option<Value>,
    ) -> AchievementInput {
        let now = Utc::now();
        let description = record.description.clone().filter(|d| !d.trim().is_empty()).unwrap_or_else(|| format!("{} {}", record.kind, record.name));
        AchievementInput {
            credential_id: format!("urn:uuid:{}", uuid::Uuid::new_v4()),
            name: None,
            description: None,
            issuer,
            recipient,
            achievement: AchievementDefinition {
                id: self.record_url(record_id),
                name: record.name.clone(),
                description,
                criteria_narrative: Some(format!("Completed the requirements of {} \"{}\".", record.kind.to_lowercase(), record.name)),
                criteria_id: None,
                achievement_type: Some(record.achievement_type().into()),
                alignments: record.alignments(),
                image: None,
                credits_available: None,
                field_of_study: None,
                human_code: None,
                tags: Vec::new(),
            },
            evidence,
            awarded_date: Some(now),
            valid_from: now,
            valid_until: None,
            credential_status: status,
        }
    }

    /// Builds and signs one credential. Returns its id, its VC-JWT and its JSON-LD form
    /// with an `eddsa-rdfc-2022` proof.
    fn sign_achievement(&self, job: &SigningJob, recipient: &CheckedRecipient, status: Value) -> CredentialsResult<(String, String, String)> {
        let SigningJob { record, record_id, keys, evidence, format, .. } = job;
        let issuer_name = record.issuer_name.clone().unwrap_or_else(|| keys.did.clone());
        let issuer = IssuerProfile { id: keys.did.clone(), name: issuer_name, url: record.issuer_url.clone().filter(|u| is_absolute_uri(u)), email: None, description: None, image: None };
        let input = self.achievement_input(record, record_id, issuer, recipient.recipient.clone(), evidence.to_vec(), Some(status));
        let credential_id = input.credential_id.clone();
        let now = input.valid_from;
        let unsigned = build_achievement_credential(&input)?;
        let (jwt_key, jwt_algorithm) = match format {
            CredentialFormat::Es256 => (keys.key(KeyAlgorithm::P256), JwtAlgorithm::ES256),
            CredentialFormat::Rs256 => (keys.key(KeyAlgorithm::Rsa2048), JwtAlgorithm::RS256),
        };
        let jwt = sign_vc_jwt(&unsigned, jwt_key, &verification_method_id(&keys.did, jwt_key.key_id()), jwt_algorithm)?;
        let method = verification_method_id(&keys.did, keys.ed25519.key_id());
        let document = sign_data_integrity(&unsigned, &keys.ed25519, &method, now)?;
        Ok((credential_id, jwt, document.to_string()))
    }
}

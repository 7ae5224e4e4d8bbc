//! GraphQL operations of the credential feature.

use async_graphql::{Context, MergedObject, Object, SimpleObject};

use super::error::{to_graphql, CredentialsError};
use super::issue::{CredentialFormat, EvidenceInput, IssueRequest, RecipientInput};
use super::service::CredentialService;
use super::status::StatusChange;
use super::store::StoredCredential;
use crate::auth::{require_any, Role};

/// Returns the credential service, or an error when no master key is configured.
pub(crate) fn service<'a>(ctx: &'a Context<'_>) -> async_graphql::Result<&'a CredentialService> {
    ctx.data_opt::<CredentialService>().ok_or_else(|| to_graphql(CredentialsError::NotConfigured))
}

/// Requires the issuer role and returns the token's provider id.
pub(crate) fn issuer_provider<'a>(ctx: &'a Context<'_>) -> async_graphql::Result<&'a str> {
    let principal = require_any(ctx, &[Role::Issuer])?;
    principal.provider_id().ok_or_else(|| {
        to_graphql(CredentialsError::Forbidden(
            "The token has no provider_id claim, so it cannot act for an issuer. Use an issuer token whose provider_id names the issuing provider.".into(),
        ))
    })
}

/// A credential issued by this registry.
#[derive(SimpleObject)]
pub struct IssuedCredential {
    /// Credential id (`urn:uuid:...`).
    pub id: String,
    /// AchievementCredential, EndorsementCredential or ClrCredential.
    pub kind: String,
    /// Issuing provider.
    pub provider_id: String,
    /// Registry record the credential attests.
    pub record_id: Option<String>,
    /// Learner whose wallet contains the credential.
    pub learner_id: Option<String>,
    /// Compact VC-JWT (ES256 or RS256).
    pub jwt: Option<String>,
    /// JSON-LD credential with an `eddsa-rdfc-2022` Data Integrity proof.
    pub document: String,
    /// URL of the revocation list.
    pub status_list_credential: Option<String>,
    pub status_list_index: i64,
    /// ISSUED, SUSPENDED or REVOKED.
    pub state: String,
    pub issued_at: String,
}

impl IssuedCredential {
    pub(crate) fn from_stored(service: &CredentialService, stored: StoredCredential) -> Self {
        Self {
            status_list_credential: stored.status_list_id.as_deref().map(|id| service.status_list_url(id)),
            id: stored.id,
            kind: stored.kind,
            provider_id: stored.provider_id,
            record_id: stored.record_id,
            learner_id: stored.learner_id,
            jwt: stored.jwt,
            document: stored.document,
            status_list_index: stored.status_index,
            state: stored.state,
            issued_at: stored.issued_at,
        }
    }
}

/// Result of `issueCredentials`.
#[derive(SimpleObject)]
pub struct IssuanceResult {
    /// One credential per recipient, in request order.
    pub credentials: Vec<IssuedCredential>,
    /// True when the idempotency key matched an earlier request and nothing new was issued.
    pub replayed: bool,
}

/// One verification step.
#[derive(SimpleObject)]
pub struct VerificationCheck {
    /// Check name, such as `signature`, `schema`, `validityPeriod` or `status`.
    pub name: String,
    pub passed: bool,
    pub message: String,
}

/// Result of `verifyCredential`.
#[derive(SimpleObject)]
pub struct VerificationResult {
    /// True when every check passed.
    pub verified: bool,
    /// `vcJwt`, `dataIntegrity` or `unknown`.
    pub format: String,
    pub credential_id: Option<String>,
    pub checks: Vec<VerificationCheck>,
}

/// A published issuer key.
#[derive(SimpleObject)]
pub struct IssuerKeyInfo {
    /// Verification method id (`<did>#<keyId>`).
    pub id: String,
    /// Ed25519, P-256 or RSA-2048.
    pub algorithm: String,
    /// `active` or `retired`.
    pub state: String,
}

/// An issuer's identity after key rotation.
#[derive(SimpleObject)]
pub struct IssuerIdentity {
    pub did: String,
    pub keys: Vec<IssuerKeyInfo>,
}

/// Credential queries of every feature part.
#[derive(MergedObject, Default)]
pub struct CredentialsQuery(IssuanceQuery, super::learner_graphql::LearnerQuery);

/// Credential mutations of every feature part.
#[derive(MergedObject, Default)]
pub struct CredentialsMutation(IssuanceMutation, super::learner_graphql::LearnerMutation);

/// Verification.
#[derive(Default)]
pub struct IssuanceQuery;

#[Object]
impl IssuanceQuery {
    /// Verifies a credential given as a compact VC-JWT or as JSON-LD text and returns each
    /// check. Anyone may call it.
    async fn verify_credential(&self, ctx: &Context<'_>, credential: String) -> async_graphql::Result<VerificationResult> {
        let service = service(ctx)?;
        let report = service.verify(&credential).await.map_err(to_graphql)?;
        let format = serde_json::to_value(report.format).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
        Ok(VerificationResult {
            verified: report.verified() && report.checks.iter().all(|check| check.passed),
            format,
            credential_id: report.credential.as_ref().and_then(|c| c.get("id")).and_then(|id| id.as_str()).map(str::to_string),
            checks: report.checks.into_iter().map(|c| VerificationCheck { name: c.name.to_string(), passed: c.passed, message: c.message }).collect(),
        })
    }
}

/// Issuance, status changes and key rotation.
#[derive(Default)]
pub struct IssuanceMutation;

#[Object]
impl IssuanceMutation {
    /// Issues one OBv3 AchievementCredential per recipient for a record that the caller's
    /// provider offers or was granted. At most 100 recipients; the batch is all or nothing.
    /// A repeated `idempotencyKey` with the same content returns the first result.
    async fn issue_credentials(
        &self,
        ctx: &Context<'_>,
        record_id: String,
        recipients: Vec<RecipientInput>,
        evidence: Option<Vec<EvidenceInput>>,
        idempotency_key: Option<String>,
        #[graphql(default)] format: CredentialFormat,
    ) -> async_graphql::Result<IssuanceResult> {
        let provider_id = issuer_provider(ctx)?;
        let service = service(ctx)?;
        let evidence = evidence.unwrap_or_default();
        let request = IssueRequest {
            provider_id,
            record_id: record_id.trim(),
            recipients: &recipients,
            evidence: &evidence,
            idempotency_key: idempotency_key.as_deref(),
            format,
        };
        let issuance = service.issue(request).await.map_err(to_graphql)?;
        Ok(IssuanceResult {
            credentials: issuance.credentials.into_iter().map(|c| IssuedCredential::from_stored(service, c)).collect(),
            replayed: issuance.replayed,
        })
    }

    /// Revokes a credential of the caller's provider. Revocation is final.
    async fn revoke_credential(&self, ctx: &Context<'_>, credential_id: String, reason: Option<String>) -> async_graphql::Result<IssuedCredential> {
        self.change(ctx, credential_id, StatusChange::Revoke, reason).await
    }

    /// Suspends a credential of the caller's provider until it is reinstated.
    async fn suspend_credential(&self, ctx: &Context<'_>, credential_id: String, reason: Option<String>) -> async_graphql::Result<IssuedCredential> {
        self.change(ctx, credential_id, StatusChange::Suspend, reason).await
    }

    /// Lifts the suspension of a credential of the caller's provider.
    async fn reinstate_credential(&self, ctx: &Context<'_>, credential_id: String) -> async_graphql::Result<IssuedCredential> {
        self.change(ctx, credential_id, StatusChange::Reinstate, None).await
    }

    /// Retires the active keys of the caller's provider and creates new ones. Retired keys
    /// stay in the DID document, so credentials they signed still verify.
    async fn rotate_issuer_keys(&self, ctx: &Context<'_>) -> async_graphql::Result<IssuerIdentity> {
        let provider_id = issuer_provider(ctx)?;
        let service = service(ctx)?;
        let did = service.issuer_did(provider_id).map_err(to_graphql)?;
        let keys = service.rotate_keys(provider_id).await.map_err(to_graphql)?;
        Ok(IssuerIdentity {
            keys: keys
                .into_iter()
                .map(|key| IssuerKeyInfo {
                    id: ler_credentials::verification_method_id(&did, &key.published.key_id),
                    algorithm: key.published.public_key.algorithm().as_str().to_string(),
                    state: if key.published.state == ler_credentials::KeyState::Active { "active".into() } else { "retired".into() },
                })
                .collect(),
            did,
        })
    }
}

impl IssuanceMutation {
    async fn change(&self, ctx: &Context<'_>, credential_id: String, change: StatusChange, reason: Option<String>) -> async_graphql::Result<IssuedCredential> {
        let provider_id = issuer_provider(ctx)?;
        let service = service(ctx)?;
        service.change_status(provider_id, credential_id.trim(), change, reason.as_deref()).await.map_err(to_graphql)?;
        let stored = service.credential(credential_id.trim()).await.map_err(to_graphql)?;
        Ok(IssuedCredential::from_stored(service, stored))
    }
}

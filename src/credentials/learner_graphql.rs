//! GraphQL operations of the learner flow: wallet, self-attestation, endorsement and CLR.

use async_graphql::{Context, Object, SimpleObject};
use ler_credentials::Evidence;

use super::error::{to_graphql, CredentialsError};
use super::graphql::{issuer_provider, service};
use super::issue::EvidenceInput;
use super::wallet::{count_items, WalletItemRow};
use crate::auth::{access_error, require_any, AccessError, Role};

/// Requires the learner role and returns the token's learner id.
fn own_learner<'a>(ctx: &'a Context<'_>) -> async_graphql::Result<&'a str> {
    let principal = require_any(ctx, &[Role::Learner])?;
    principal.learner_id().ok_or_else(|| {
        to_graphql(CredentialsError::Forbidden(
            "The token has no learner_id claim, so it cannot act for a learner. Use a learner token.".into(),
        ))
    })
}

/// Requires that the caller is learner `learner_id` or an admin.
fn require_learner_access(ctx: &Context<'_>, learner_id: &str) -> async_graphql::Result<()> {
    let principal = require_any(ctx, &[Role::Learner])?;
    if principal.can_read_learner(learner_id) {
        Ok(())
    } else {
        Err(access_error(AccessError::OtherLearner))
    }
}

/// A credential or claim in a learner's wallet.
#[derive(SimpleObject)]
pub struct WalletItem {
    pub id: String,
    /// PROGRAM, SKILL or EXPERIENCE.
    pub kind: String,
    pub record_id: Option<String>,
    /// SELF_ATTESTED, ENDORSEMENT_REQUESTED, ENDORSED, ISSUED, REVOKED, SUSPENDED or DECLINED.
    pub state: String,
    /// The self-attested credential (JSON-LD, signed by the learner's `did:key`).
    pub self_attested: Option<String>,
    /// The EndorsementCredential of an endorsed item (JSON-LD).
    pub endorsement: Option<String>,
    /// Reason given when an endorsement was declined.
    pub decline_reason: Option<String>,
    /// Id of the issuer-signed credential the item holds.
    pub credential_id: Option<String>,
    /// The issuer-signed credential (JSON-LD).
    pub credential: Option<String>,
    pub created_at: String,
}

impl From<WalletItemRow> for WalletItem {
    fn from(row: WalletItemRow) -> Self {
        Self {
            id: row.id,
            kind: row.kind,
            record_id: row.record_id,
            state: row.state,
            self_attested: row.document,
            endorsement: row.endorsement,
            decline_reason: row.decline_reason,
            credential_id: row.credential_id,
            credential: row.credential_document,
            created_at: row.created_at,
        }
    }
}

/// Number of wallet items in one state.
#[derive(SimpleObject)]
pub struct StateCount {
    pub state: String,
    pub count: i64,
}

/// Wallet item counts by kind and by state.
#[derive(SimpleObject)]
pub struct WalletCounts {
    pub programs: i64,
    pub skills: i64,
    pub experiences: i64,
    pub by_state: Vec<StateCount>,
}

/// A learner's wallet.
#[derive(SimpleObject)]
pub struct Wallet {
    pub learner_id: String,
    pub counts: WalletCounts,
    pub items: Vec<WalletItem>,
}

/// A signed CLR 2.0 ClrCredential.
#[derive(SimpleObject)]
pub struct ClrResult {
    pub id: String,
    /// The ClrCredential as JSON-LD with an `eddsa-rdfc-2022` proof by the learner's key.
    pub document: String,
}

/// Learner queries.
#[derive(Default)]
pub struct LearnerQuery;

#[Object]
impl LearnerQuery {
    /// Returns a learner's wallet. Only that learner (token `learner_id`) or an admin may read it.
    /// Tagged `personal` so a gateway contract can leave it out of a public API.
    #[graphql(tag = "personal")]
    async fn wallet(&self, ctx: &Context<'_>, learner_id: String) -> async_graphql::Result<Wallet> {
        require_learner_access(ctx, &learner_id)?;
        let items = service(ctx)?.wallet_items(&learner_id).await.map_err(to_graphql)?;
        let counts = count_items(&items);
        Ok(Wallet {
            learner_id,
            counts: WalletCounts {
                programs: counts.programs,
                skills: counts.skills,
                experiences: counts.experiences,
                by_state: counts.by_state.into_iter().map(|(state, count)| StateCount { state, count }).collect(),
            },
            items: items.into_iter().map(WalletItem::from).collect(),
        })
    }
}

/// Learner and endorsement mutations.
#[derive(Default)]
pub struct LearnerMutation;

#[Object]
impl LearnerMutation {
    /// Stores a SELF_ATTESTED wallet item about a registry record, signed by the caller's
    /// own key. Returns the item.
    async fn self_attest(&self, ctx: &Context<'_>, record_id: String, evidence: Option<Vec<EvidenceInput>>) -> async_graphql::Result<WalletItem> {
        let learner_id = own_learner(ctx)?;
        let service = service(ctx)?;
        let evidence: Vec<Evidence> = evidence.unwrap_or_default().iter().map(Evidence::from).collect();
        let item_id = service.self_attest(learner_id, record_id.trim(), evidence).await.map_err(to_graphql)?;
        find_item(service, learner_id, &item_id).await
    }

    /// Asks an issuing provider to endorse a self-attested item. Returns the request id.
    async fn request_endorsement(&self, ctx: &Context<'_>, item_id: String, issuer_provider_id: String) -> async_graphql::Result<String> {
        let learner_id = own_learner(ctx)?;
        service(ctx)?.request_endorsement(learner_id, item_id.trim(), issuer_provider_id.trim()).await.map_err(to_graphql)
    }

    /// Endorses a pending request addressed to the caller's provider. The item is upgraded
    /// to an AchievementCredential issued by the provider; returns its credential id.
    async fn endorse(&self, ctx: &Context<'_>, request_id: String) -> async_graphql::Result<String> {
        let provider_id = issuer_provider(ctx)?;
        service(ctx)?.endorse(provider_id, request_id.trim()).await.map_err(to_graphql)
    }

    /// Declines a pending request addressed to the caller's provider.
    async fn decline_endorsement(&self, ctx: &Context<'_>, request_id: String, reason: String) -> async_graphql::Result<bool> {
        let provider_id = issuer_provider(ctx)?;
        service(ctx)?.decline(provider_id, request_id.trim(), &reason).await.map_err(to_graphql)?;
        Ok(true)
    }

    /// Builds a signed CLR 2.0 credential from wallet items of the learner. Only that
    /// learner or an admin may assemble it.
    async fn assemble_clr(&self, ctx: &Context<'_>, learner_id: String, selection: Vec<String>) -> async_graphql::Result<ClrResult> {
        require_learner_access(ctx, &learner_id)?;
        let (id, document) = service(ctx)?.assemble_clr(&learner_id, &selection).await.map_err(to_graphql)?;
        Ok(ClrResult { id, document: document.to_string() })
    }
}

async fn find_item(service: &super::service::CredentialService, learner_id: &str, item_id: &str) -> async_graphql::Result<WalletItem> {
    let items = service.wallet_items(learner_id).await.map_err(to_graphql)?;
    items
        .into_iter()
        .find(|item| item.id == item_id)
        .map(WalletItem::from)
        .ok_or_else(|| to_graphql(CredentialsError::Internal(format!("wallet item {item_id} was not found after it was stored"))))
}

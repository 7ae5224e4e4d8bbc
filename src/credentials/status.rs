//! Bitstring Status Lists in the graph: loading, flipping bits and publishing them.
//!
//! Each issuer has a revocation list and a suspension list of the same size. A credential
//! gets one random index, assigned in the revocation list, and uses the same index in the
//! suspension list.

use chrono::Utc;
use ler_credentials::{build_status_list_credential, sign_data_integrity, verification_method_id, StatusList, StatusPurpose};
use serde::Deserialize;
use serde_json::Value;

use super::cypher;
use super::error::{CredentialsError, CredentialsResult};
use super::service::CredentialService;
use crate::graph::Statement;

/// Attempts before a write that lost the race for a status list gives up.
pub(crate) const LIST_WRITE_ATTEMPTS: usize = 5;

/// A status list as stored, with the version that guards concurrent writes.
#[derive(Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StoredList {
    pub id: String,
    pub provider_id: String,
    pub purpose: String,
    pub encoded: String,
    pub assigned: String,
    pub version: i64,
}

impl StoredList {
    pub fn purpose(&self) -> CredentialsResult<StatusPurpose> {
        Ok(StatusPurpose::parse(&self.purpose)?)
    }

    pub fn decode(&self) -> CredentialsResult<StatusList> {
        Ok(StatusList::from_encoded(&self.encoded, &self.assigned)?)
    }
}

/// A credential's new state after a status change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusChange {
    Revoke,
    Suspend,
    Reinstate,
}

impl CredentialService {
    /// Returns the issuer's list with `purpose`.
    pub async fn issuer_list(&self, provider_id: &str, purpose: StatusPurpose) -> CredentialsResult<StoredList> {
        let statement = Statement::new("status_lists", cypher::STATUS_LISTS).param("providerId", provider_id);
        let lists: Vec<StoredList> = self.graph.rows(statement).await?;
        lists
            .into_iter()
            .find(|list| list.purpose == purpose.as_str())
            .ok_or_else(|| CredentialsError::Internal(format!("issuer {provider_id} has no {} list", purpose.as_str())))
    }

    /// Returns the stored lists with these ids; unknown ids are left out.
    pub async fn lists_by_id(&self, ids: &[String]) -> CredentialsResult<Vec<StoredList>> {
        self.ensure_schema().await?;
        let statement = Statement::new("status_list_by_id", cypher::STATUS_LIST_BY_ID).param("ids", ids.to_vec());
        Ok(self.graph.rows(statement).await?)
    }

    /// Builds the BitstringStatusListCredential of a stored list, signed with the issuer's
    /// active Ed25519 key when `sign` is true.
    pub async fn list_credential(&self, list: &StoredList, sign: bool) -> CredentialsResult<Value> {
        let did = self.issuer_did(&list.provider_id)?;
        let decoded = list.decode()?;
        let now = Utc::now();
        let unsigned = build_status_list_credential(&self.status_list_url(&list.id), &did, list.purpose()?, &decoded, now)?;
        if !sign {
            return Ok(unsigned);
        }
        let keys = self.signing_keys(&list.provider_id).await?;
        let method = verification_method_id(&did, keys.ed25519.key_id());
        Ok(sign_data_integrity(&unsigned, &keys.ed25519, &method, now)?)
    }

    /// Sets or clears the credential's bit and records its new state in one transaction.
    /// Revocation is final, so a revoked credential cannot be suspended or reinstated.
    pub async fn change_status(
        &self,
        provider_id: &str,
        credential_id: &str,
        change: StatusChange,
        reason: Option<&str>,
    ) -> CredentialsResult<&'static str> {
        let credential = self.credential(credential_id).await?;
        if credential.provider_id != provider_id {
            return Err(CredentialsError::Forbidden(format!(
                "Credential \"{credential_id}\" was issued by another provider, so provider \"{provider_id}\" cannot change its status."
            )));
        }
        if credential.state == "REVOKED" {
            return Err(CredentialsError::Conflict(format!(
                "Credential \"{credential_id}\" is already revoked, and revocation is final. Issue a new credential instead."
            )));
        }
        let index = usize::try_from(credential.status_index).map_err(|_| {
            CredentialsError::Internal(format!("credential {credential_id} has no status index"))
        })?;
        let (purpose, bit, state) = match change {
            StatusChange::Revoke => (StatusPurpose::Revocation, true, "REVOKED"),
            StatusChange::Suspend => (StatusPurpose::Suspension, true, "SUSPENDED"),
            StatusChange::Reinstate => (StatusPurpose::Suspension, false, "ISSUED"),
        };
        for _ in 0..LIST_WRITE_ATTEMPTS {
            let list = self.issuer_list(provider_id, purpose).await?;
            let mut decoded = list.decode()?;
            decoded.set(index, bit)?;
            let statement = Statement::new("set_status", cypher::SET_STATUS)
                .param("listId", list.id.clone())
                .param("listVersion", list.version)
                .param("encoded", decoded.encode()?)
                .param("credentialId", credential_id)
                .param("state", state)
                .param("reason", reason.unwrap_or_default())
                .param("now", Utc::now().to_rfc3339());
            let changed: Vec<Value> = self.graph.rows(statement).await?;
            if !changed.is_empty() {
                tracing::info!(credential.id = credential_id, state, "credential status changed");
                return Ok(state);
            }
        }
        Err(CredentialsError::Conflict(format!(
            "The status list of provider \"{provider_id}\" changed during {LIST_WRITE_ATTEMPTS} attempts. Retry the request."
        )))
    }
}

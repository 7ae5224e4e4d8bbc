//! Credentials as stored in the graph.

use serde::{Deserialize, Serialize};

use super::cypher;
use super::error::{CredentialsError, CredentialsResult};
use super::service::CredentialService;
use crate::graph::Statement;

/// One issued credential node.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StoredCredential {
    pub id: String,
    /// `AchievementCredential`, `EndorsementCredential` or `ClrCredential`.
    pub kind: String,
    pub provider_id: String,
    pub record_id: Option<String>,
    pub learner_id: Option<String>,
    /// The subject: a DID or URI, or the type of a hashed identity.
    pub recipient: Option<String>,
    pub jwt: Option<String>,
    /// The JSON-LD credential with its Data Integrity proof, as JSON text.
    pub document: String,
    pub status_list_id: Option<String>,
    pub status_index: i64,
    /// ISSUED, SUSPENDED or REVOKED.
    pub state: String,
    pub issued_at: String,
}

#[derive(Deserialize)]
struct CredentialRow {
    credential: StoredCredential,
}

impl CredentialService {
    /// Returns a stored credential by id.
    pub async fn credential(&self, credential_id: &str) -> CredentialsResult<StoredCredential> {
        self.ensure_schema().await?;
        let statement = Statement::new("credential_by_id", cypher::CREDENTIAL_BY_ID).param("credentialId", credential_id);
        let row: Option<CredentialRow> = self.graph.row(statement).await?;
        row.map(|row| row.credential).ok_or_else(|| {
            CredentialsError::NotFound(format!(
                "Credential \"{credential_id}\" was not found. Pass the `id` of a credential returned by issueCredentials."
            ))
        })
    }
}

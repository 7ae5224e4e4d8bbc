//! Issuer keys in the graph: creation, rotation, publication and unsealing.
//!
//! Each issuing provider has one active Ed25519 key (Data Integrity proofs), one P-256 key
//! (ES256 VC-JWTs) and one RSA key (RS256 VC-JWTs). Private keys are stored only sealed
//! under the server master key, next to their public JWK.

use chrono::Utc;
use ler_credentials::{
    did_web_for_issuer, IssuerKey, KeyAlgorithm, KeyState, PublicKey, PublishedKey, SealedKey, StatusList,
    StatusPurpose, MIN_STATUS_LIST_SIZE,
};
use serde::Deserialize;
use serde_json::{json, Value};

use super::cypher;
use super::error::{CredentialsError, CredentialsResult};
use super::service::CredentialService;
use crate::graph::Statement;

const ALGORITHMS: [KeyAlgorithm; 3] = [KeyAlgorithm::Ed25519, KeyAlgorithm::P256, KeyAlgorithm::Rsa2048];

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct KeyRow {
    key_id: String,
    state: String,
    sealed: String,
    public_jwk: String,
}

/// A stored key: its public part and its sealed private part.
pub struct StoredKey {
    pub published: PublishedKey,
    sealed: SealedKey,
}

/// The active private keys of an issuer, unsealed for one operation.
pub struct SigningKeys {
    pub did: String,
    pub ed25519: IssuerKey,
    pub p256: IssuerKey,
    pub rsa: IssuerKey,
}

impl SigningKeys {
    /// Returns the active key of `algorithm`.
    pub fn key(&self, algorithm: KeyAlgorithm) -> &IssuerKey {
        match algorithm {
            KeyAlgorithm::Ed25519 => &self.ed25519,
            KeyAlgorithm::P256 => &self.p256,
            KeyAlgorithm::Rsa2048 => &self.rsa,
        }
    }
}

impl CredentialService {
    /// Returns `did:web:<host>:issuers:<providerId>`.
    pub fn issuer_did(&self, provider_id: &str) -> CredentialsResult<String> {
        Ok(did_web_for_issuer(&self.settings.host, provider_id)?)
    }

    /// Returns every key of the issuer, active and retired, oldest first.
    pub async fn stored_keys(&self, provider_id: &str) -> CredentialsResult<Vec<StoredKey>> {
        self.ensure_schema().await?;
        let statement = Statement::new("issuer_keys", cypher::ISSUER_KEYS).param("providerId", provider_id);
        let rows: Vec<KeyRow> = self.graph.rows(statement).await?;
        rows.into_iter().map(stored_key).collect()
    }

    /// Creates the issuer identity, keys and status lists of a provider unless they exist.
    pub async fn ensure_issuer(&self, provider_id: &str) -> CredentialsResult<()> {
        self.issuer_did(provider_id)?;
        if !self.stored_keys(provider_id).await?.is_empty() {
            return Ok(());
        }
        let keys = self.new_sealed_keys()?;
        let lists = new_status_lists(provider_id)?;
        let statement = Statement::new("create_issuer_identity", cypher::CREATE_ISSUER_IDENTITY)
            .param("providerId", provider_id)
            .param("now", Utc::now().to_rfc3339())
            .json_param("keys", &Value::Array(keys))
            .json_param("lists", &Value::Array(lists));
        self.graph.run(statement).await?;
        if self.stored_keys(provider_id).await?.is_empty() {
            return Err(CredentialsError::NotFound(format!(
                "Provider \"{provider_id}\" was not found, so it cannot issue credentials. Check the provider_id claim of the token."
            )));
        }
        tracing::info!(provider.id = provider_id, "created issuer keys");
        Ok(())
    }

    /// Retires the active keys of the issuer and creates new ones. Credentials signed with
    /// the retired keys still verify, because retired keys stay in the DID document.
    pub async fn rotate_keys(&self, provider_id: &str) -> CredentialsResult<Vec<StoredKey>> {
        self.ensure_issuer(provider_id).await?;
        let keys = self.new_sealed_keys()?;
        let statement = Statement::new("rotate_issuer_keys", cypher::ROTATE_ISSUER_KEYS)
            .param("providerId", provider_id)
            .param("now", Utc::now().to_rfc3339())
            .json_param("keys", &Value::Array(keys));
        self.graph.run(statement).await?;
        tracing::info!(provider.id = provider_id, "rotated issuer keys");
        self.stored_keys(provider_id).await
    }

    /// Unseals the active keys of an issuer, creating them on first use.
    pub async fn signing_keys(&self, provider_id: &str) -> CredentialsResult<SigningKeys> {
        self.ensure_issuer(provider_id).await?;
        let stored = self.stored_keys(provider_id).await?;
        let active = |algorithm: KeyAlgorithm| -> CredentialsResult<IssuerKey> {
            let key = stored
                .iter()
                .rev()
                .find(|key| key.published.state == KeyState::Active && key.sealed.algorithm == algorithm)
                .ok_or_else(|| CredentialsError::Internal(format!("issuer {provider_id} has no active {} key", algorithm.as_str())))?;
            Ok(IssuerKey::unseal(&key.sealed, self.master_key()?)?)
        };
        Ok(SigningKeys {
            did: self.issuer_did(provider_id)?,
            ed25519: active(KeyAlgorithm::Ed25519)?,
            p256: active(KeyAlgorithm::P256)?,
            rsa: active(KeyAlgorithm::Rsa2048)?,
        })
    }

    fn new_sealed_keys(&self) -> CredentialsResult<Vec<Value>> {
        let mut keys = Vec::new();
        for algorithm in ALGORITHMS {
            let key = IssuerKey::generate(algorithm)?;
            let sealed = key.seal(self.master_key()?)?;
            keys.push(json!({
                "keyId": key.key_id(),
                "algorithm": algorithm.as_str(),
                "sealed": serde_json::to_string(&sealed).map_err(|e| CredentialsError::Internal(e.to_string()))?,
                "publicJwk": key.public_key().to_jwk().to_string(),
            }));
        }
        Ok(keys)
    }
}

fn stored_key(row: KeyRow) -> CredentialsResult<StoredKey> {
    let corrupt = |what: &str| CredentialsError::Internal(format!("issuer key {} has an unreadable {what}", row.key_id));
    let sealed: SealedKey = serde_json::from_str(&row.sealed).map_err(|_| corrupt("sealed value"))?;
    let jwk: Value = serde_json::from_str(&row.public_jwk).map_err(|_| corrupt("public JWK"))?;
    let public_key = PublicKey::from_jwk(&jwk)?;
    let state = if row.state == "active" { KeyState::Active } else { KeyState::Retired };
    Ok(StoredKey { published: PublishedKey { key_id: row.key_id.clone(), public_key, state }, sealed })
}

/// Builds the revocation and suspension lists of a new issuer.
fn new_status_lists(provider_id: &str) -> CredentialsResult<Vec<Value>> {
    let mut lists = Vec::new();
    for purpose in [StatusPurpose::Revocation, StatusPurpose::Suspension] {
        let list = StatusList::new(MIN_STATUS_LIST_SIZE)?;
        lists.push(json!({
            "id": format!("{provider_id}-{}-{}", purpose.as_str(), uuid::Uuid::new_v4().simple()),
            "purpose": purpose.as_str(),
            "encoded": list.encode()?,
            "assigned": list.encode_assigned()?,
        }));
    }
    Ok(lists)
}

//! `verifyCredential`: runs the crate's verifier with keys and status lists read from the
//! graph. The verifier's resolver traits are synchronous, so everything a credential refers
//! to on this server is loaded first.

use std::collections::{BTreeSet, HashMap};

use chrono::Utc;
use ler_credentials::jwt::decode_vc_jwt;
use ler_credentials::{
    verification_method_id, verify_credential_text, Check, CredentialError, KeyResolver, PublicKey, StatusLookup,
    VerificationReport,
};
use serde_json::Value;

use super::error::CredentialsResult;
use super::service::CredentialService;

/// Keys and status lists of this server, loaded for one verification.
#[derive(Default)]
struct Preloaded {
    keys: HashMap<String, PublicKey>,
    lists: HashMap<String, Value>,
}

impl KeyResolver for Preloaded {
    fn resolve(&self, verification_method: &str) -> ler_credentials::Result<PublicKey> {
        self.keys
            .get(verification_method)
            .cloned()
            .ok_or_else(|| CredentialError::KeyNotFound { key_id: verification_method.to_string() })
    }
}

impl StatusLookup for Preloaded {
    fn status_list_credential(&self, url: &str) -> ler_credentials::Result<Option<Value>> {
        Ok(self.lists.get(url).cloned())
    }
}

/// Provider ids and status list ids that a credential refers to on this server.
#[derive(Default)]
struct References {
    providers: BTreeSet<String>,
    lists: BTreeSet<String>,
}

impl CredentialService {
    /// Verifies a VC-JWT or a JSON-LD credential and returns one entry per check. Keys of
    /// `did:web` issuers on this server come from the graph and `did:key` keys from the
    /// DID itself. Other DID methods fail the key resolution check.
    pub async fn verify(&self, text: &str) -> CredentialsResult<VerificationReport> {
        self.ensure_schema().await?;
        let mut references = References::default();
        let trimmed = text.trim();
        match serde_json::from_str::<Value>(trimmed) {
            Ok(value) if value.is_object() => self.collect(&value, &mut references, 0),
            _ => self.collect(&Value::String(trimmed.to_string()), &mut references, 0),
        }

        let mut preloaded = Preloaded::default();
        for provider_id in &references.providers {
            let did = self.issuer_did(provider_id)?;
            for key in self.stored_keys(provider_id).await? {
                let method = verification_method_id(&did, &key.published.key_id);
                preloaded.keys.insert(method, key.published.public_key);
            }
        }
        let list_ids: Vec<String> = references.lists.iter().cloned().collect();
        for list in self.lists_by_id(&list_ids).await? {
            // The list is read from this server's own store, so it needs no signature here.
            let credential = self.list_credential(&list, false).await?;
            preloaded.lists.insert(self.status_list_url(&list.id), credential);
        }

        let mut report = verify_credential_text(trimmed, &preloaded, &preloaded, Utc::now());
        if let Some(id) = report.credential.as_ref().and_then(|c| c.get("id")).and_then(Value::as_str) {
            if let Ok(stored) = self.credential(id).await {
                let suspended = stored.state == "SUSPENDED";
                // NOTE: the OBv3 and CLR schemas allow one credentialStatus entry, which is
                // the revocation entry, so only this server's verifier reports suspensions.
                report.checks.push(Check {
                    name: "suspension",
                    passed: !suspended,
                    message: if suspended {
                        format!("the credential is suspended by its issuer (state {})", stored.state)
                    } else {
                        format!("the registry lists the credential as {}", stored.state)
                    },
                });
            }
        }
        Ok(report)
    }

    /// Walks a credential, its embedded credentials and compact JWTs inside it, and notes
    /// every issuer DID and status list URL of this server.
    fn collect(&self, value: &Value, references: &mut References, depth: usize) {
        if depth > 32 {
            return;
        }
        match value {
            Value::String(text) => {
                let did_prefix = format!("did:web:{}:issuers:", self.host().replace(':', "%3A"));
                let list_prefix = format!("https://{}/status/", self.host());
                if let Some(rest) = text.strip_prefix(&did_prefix) {
                    let provider_id = rest.split('#').next().unwrap_or_default();
                    if !provider_id.is_empty() {
                        references.providers.insert(provider_id.to_string());
                    }
                } else if let Some(rest) = text.strip_prefix(&list_prefix) {
                    let list_id = rest.split('#').next().unwrap_or_default();
                    references.lists.insert(list_id.to_string());
                } else if text.matches('.').count() == 2 && !text.contains(char::is_whitespace) {
                    if let Ok(decoded) = decode_vc_jwt(text) {
                        self.collect(&decoded.header, references, depth + 1);
                        self.collect(&decoded.payload, references, depth + 1);
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|item| self.collect(item, references, depth + 1)),
            Value::Object(map) => map.values().for_each(|item| self.collect(item, references, depth + 1)),
            _ => {}
        }
    }
}

//! `did:web` identifiers of registry issuers, their DID documents and JWK sets.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::error::{CredentialError, Result};
use crate::jwt::JwtAlgorithm;
use crate::keys::IssuerKey;
use crate::public_key::PublicKey;

/// Whether a published key signs new credentials.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum KeyState {
    /// The key signs new credentials.
    Active,
    /// The key was rotated out. It stays published so that credentials it signed still
    /// verify; a compromised key must be removed from the document instead.
    Retired,
}

/// A public key as published in the issuer's DID document and JWK set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublishedKey {
    /// Key id, the fragment of the verification method id.
    pub key_id: String,
    /// The public key.
    pub public_key: PublicKey,
    /// Whether the key is active or retired.
    pub state: KeyState,
}

impl IssuerKey {
    /// Returns the public part of the key for publication.
    pub fn published(&self, state: KeyState) -> PublishedKey {
        PublishedKey {
            key_id: self.key_id().to_string(),
            public_key: self.public_key().clone(),
            state,
        }
    }
}

/// Returns `did:web:<host>:issuers:<providerId>`. A port in `host` is percent-encoded
/// (`localhost%3A8080`) as the did:web method requires.
pub fn did_web_for_issuer(host: &str, provider_id: &str) -> Result<String> {
    let host_valid = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'))
        && host.matches(':').count() <= 1;
    if !host_valid {
        return Err(CredentialError::invalid(format!(
            "host '{host}' is not a DNS name with an optional port, such as 'registry.example.org' \
             or 'localhost:8080'"
        )));
    }
    let provider_valid = !provider_id.is_empty()
        && provider_id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
    if !provider_valid {
        return Err(CredentialError::invalid(format!(
            "provider id '{provider_id}' cannot be a did:web path segment; use letters, digits, \
             '.', '-' and '_' only"
        )));
    }
    Ok(format!(
        "did:web:{}:issuers:{provider_id}",
        host.replace(':', "%3A")
    ))
}

/// Returns the HTTPS URL where a did:web DID document is served.
pub fn did_web_document_url(did: &str) -> Result<String> {
    let Some(method_specific) = did.strip_prefix("did:web:") else {
        return Err(CredentialError::invalid(format!(
            "'{did}' is not a did:web DID"
        )));
    };
    let mut segments = method_specific.split(':');
    let host = segments.next().unwrap_or_default().replace("%3A", ":");
    let path: Vec<&str> = segments.collect();
    if path.is_empty() {
        Ok(format!("https://{host}/.well-known/did.json"))
    } else {
        Ok(format!("https://{host}/{}/did.json", path.join("/")))
    }
}

/// Returns the verification method id `<did>#<keyId>`.
pub fn verification_method_id(did: &str, key_id: &str) -> String {
    format!("{did}#{key_id}")
}

/// Builds the DID document of an issuer with every active and retired key. Ed25519 and
/// P-256 keys are `Multikey` methods, RSA keys `JsonWebKey` methods. All of them are listed
/// under `assertionMethod`, because retired keys must still verify what they signed.
pub fn build_did_document(did: &str, keys: &[PublishedKey]) -> Result<Value> {
    let mut methods = Vec::new();
    let mut assertion = Vec::new();
    for key in keys {
        let id = verification_method_id(did, &key.key_id);
        let method = match &key.public_key {
            PublicKey::Rsa { .. } => json!({
                "id": id, "type": "JsonWebKey", "controller": did,
                "publicKeyJwk": key.public_key.to_jwk(),
            }),
            _ => json!({
                "id": id, "type": "Multikey", "controller": did,
                "publicKeyMultibase": key.public_key.to_multibase()?,
            }),
        };
        methods.push(method);
        assertion.push(Value::String(id));
    }
    Ok(json!({
        "@context": [
            "https://www.w3.org/ns/did/v1",
            "https://w3id.org/security/multikey/v1",
            "https://w3id.org/security/jwk/v1"
        ],
        "id": did,
        "verificationMethod": methods,
        "assertionMethod": assertion,
    }))
}

/// Builds a JWK set (RFC 7517 section 5) whose `kid` values are the verification method ids,
/// so a VC-JWT `kid` selects its key directly.
pub fn build_jwks(did: &str, keys: &[PublishedKey]) -> Value {
    let entries: Vec<Value> = keys
        .iter()
        .map(|key| {
            let mut jwk = key.public_key.to_jwk();
            jwk["kid"] = verification_method_id(did, &key.key_id).into();
            jwk["alg"] = JwtAlgorithm::for_key(key.public_key.algorithm())
                .as_str()
                .into();
            jwk["use"] = "sig".into();
            jwk
        })
        .collect();
    json!({ "keys": entries })
}

/// Finds the key of a verification method id in a DID document built by
/// [`build_did_document`] or any document using Multikey or JsonWebKey methods.
pub fn find_verification_key(document: &Value, method_id: &str) -> Result<PublicKey> {
    let methods = document
        .get("verificationMethod")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let method = methods
        .iter()
        .find(|method| method.get("id").and_then(Value::as_str) == Some(method_id))
        .ok_or_else(|| CredentialError::KeyNotFound {
            key_id: method_id.to_string(),
        })?;
    if let Some(multibase) = method.get("publicKeyMultibase").and_then(Value::as_str) {
        return PublicKey::from_multibase(multibase);
    }
    if let Some(jwk) = method.get("publicKeyJwk") {
        return PublicKey::from_jwk(jwk);
    }
    Err(CredentialError::invalid(format!(
        "verification method {method_id} has neither publicKeyMultibase nor publicKeyJwk"
    )))
}

//! Data Integrity proofs with the `eddsa-rdfc-2022` cryptosuite (W3C VC DI EdDSA, section 3.2).
//!
//! The signed bytes are SHA-256 of the canonical proof configuration followed by SHA-256 of
//! the canonical document without its `proof`, both canonicalized with RDFC-1.0.

use chrono::{DateTime, SecondsFormat, Utc};
use ed25519_dalek::{Signature, Verifier as _, VerifyingKey};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::canon::{canonicalize, undefined_terms};
use crate::encoding::{decode_base58btc, encode_base58btc};
use crate::error::{CredentialError, Result};
use crate::keys::IssuerKey;
use crate::public_key::PublicKey;

/// Proof type of every proof made here.
pub const DATA_INTEGRITY_PROOF: &str = "DataIntegrityProof";
/// The only cryptosuite made and verified here.
pub const EDDSA_RDFC_2022: &str = "eddsa-rdfc-2022";

/// Adds an `eddsa-rdfc-2022` proof with purpose `assertionMethod` to a credential and returns
/// the signed credential. `proof` is always an array, because the official OBv3 schema
/// rejects a single proof object. Existing proofs are kept and the new one is appended
/// (a proof set) without signing them. A credential with properties or types that no
/// context defines is rejected, because the proof would not cover them.
pub fn sign_data_integrity(
    credential: &Value,
    key: &IssuerKey,
    verification_method: &str,
    created: DateTime<Utc>,
) -> Result<Value> {
    let document = credential
        .as_object()
        .ok_or_else(|| CredentialError::invalid("the credential to sign must be a JSON object"))?;
    let mut unsecured = document.clone();
    unsecured.remove("proof");
    let undefined = undefined_terms(&Value::Object(unsecured))?;
    if !undefined.is_empty() {
        return Err(CredentialError::invalid(format!(
            "the credential uses terms that no JSON-LD context defines ({}), so a proof would \
             not cover them; remove them or add a bundled context that defines them",
            undefined.join(", ")
        )));
    }

    let mut proof = Map::new();
    proof.insert("type".into(), DATA_INTEGRITY_PROOF.into());
    proof.insert(
        "created".into(),
        created.to_rfc3339_opts(SecondsFormat::Secs, true).into(),
    );
    proof.insert("verificationMethod".into(), verification_method.into());
    proof.insert("cryptosuite".into(), EDDSA_RDFC_2022.into());
    proof.insert("proofPurpose".into(), "assertionMethod".into());

    let hash_data = hash_data(document, &proof)?;
    let signature = key.sign_ed25519(&hash_data)?;
    proof.insert("proofValue".into(), encode_base58btc(&signature).into());

    let mut signed = document.clone();
    let new_proof = Value::Object(proof);
    let mut proofs = match signed.remove("proof") {
        None => Vec::new(),
        Some(Value::Array(existing)) => existing,
        Some(existing) => vec![existing],
    };
    proofs.push(new_proof);
    signed.insert("proof".into(), Value::Array(proofs));
    Ok(Value::Object(signed))
}

/// Returns the proofs of a credential, whether `proof` is one object or an array.
pub fn proofs_of(credential: &Value) -> Vec<&Value> {
    match credential.get("proof") {
        Some(Value::Array(proofs)) => proofs.iter().collect(),
        Some(proof @ Value::Object(_)) => vec![proof],
        _ => Vec::new(),
    }
}

/// Verifies one `eddsa-rdfc-2022` proof of a credential with the given public key.
/// Returns `Ok(false)` for a wrong signature and an error for a malformed proof or document.
pub fn verify_data_integrity_proof(
    credential: &Value,
    proof: &Value,
    public_key: &PublicKey,
) -> Result<bool> {
    let document = credential
        .as_object()
        .ok_or_else(|| CredentialError::invalid("the credential must be a JSON object"))?;
    let proof = proof
        .as_object()
        .ok_or_else(|| CredentialError::invalid("the proof must be a JSON object"))?;
    let proof_type = proof
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let cryptosuite = proof
        .get("cryptosuite")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if proof_type != DATA_INTEGRITY_PROOF || cryptosuite != EDDSA_RDFC_2022 {
        return Err(CredentialError::invalid(format!(
            "proof type '{proof_type}' with cryptosuite '{cryptosuite}' is not supported; \
             only DataIntegrityProof with eddsa-rdfc-2022 is verified"
        )));
    }
    let purpose = proof
        .get("proofPurpose")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if purpose != "assertionMethod" {
        return Err(CredentialError::invalid(format!(
            "proof purpose '{purpose}' cannot secure a credential; it must be assertionMethod"
        )));
    }
    let PublicKey::Ed25519(public_bytes) = public_key else {
        return Err(CredentialError::invalid(format!(
            "eddsa-rdfc-2022 proofs need an Ed25519 key, but the verification method is {}",
            public_key.algorithm().as_str()
        )));
    };
    let proof_value = proof
        .get("proofValue")
        .and_then(Value::as_str)
        .ok_or_else(|| CredentialError::invalid("the proof has no string proofValue"))?;
    let signature_bytes = decode_base58btc(proof_value, "proofValue")?;
    let signature_array: [u8; 64] = signature_bytes.as_slice().try_into().map_err(|_| {
        CredentialError::invalid(format!(
            "proofValue decodes to {} bytes; an Ed25519 signature has 64",
            signature_bytes.len()
        ))
    })?;

    let mut proof_config = proof.clone();
    proof_config.remove("proofValue");
    let hash_data = hash_data(document, &proof_config)?;
    let verifying_key = VerifyingKey::from_bytes(public_bytes).map_err(|_| {
        CredentialError::invalid("the Ed25519 public key is not a valid curve point")
    })?;
    Ok(verifying_key
        .verify(&hash_data, &Signature::from_bytes(&signature_array))
        .is_ok())
}

/// Computes SHA-256(canonical proof configuration) followed by SHA-256(canonical document).
fn hash_data(document: &Map<String, Value>, proof_config: &Map<String, Value>) -> Result<Vec<u8>> {
    let context = document.get("@context").cloned().ok_or_else(|| {
        CredentialError::invalid("the credential has no @context, so it cannot be canonicalized")
    })?;
    let mut unsecured = document.clone();
    unsecured.remove("proof");

    let mut config = proof_config.clone();
    config.insert("@context".into(), context);

    let proof_hash = Sha256::digest(canonicalize(&Value::Object(config))?.as_bytes());
    let document_hash = Sha256::digest(canonicalize(&Value::Object(unsecured))?.as_bytes());
    let mut combined = proof_hash.to_vec();
    combined.extend_from_slice(&document_hash);
    Ok(combined)
}

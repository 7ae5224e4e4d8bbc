//! VC-JWT signing and signature checks as Open Badges 3.0 defines them (section 8.2 "JSON
//! Web Token Proof Format"): the JWT payload is the credential itself plus the registered
//! claims `iss` (issuer.id), `jti` (id), `sub` (credentialSubject.id), `nbf` (validFrom)
//! and `exp` (validUntil). The JOSE header has only `alg`, `kid` and `typ` ("JWT").

use chrono::{DateTime, Utc};
use josekit::jwk::Jwk;
use josekit::jws::{self, EdDSA, JwsHeader, JwsVerifier, ES256, RS256};
use josekit::JoseError;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::encoding::decode_base64url;
use crate::error::{CredentialError, Result};
use crate::keys::{IssuerKey, KeyAlgorithm};
use crate::public_key::PublicKey;

/// JWS algorithms used for VC-JWTs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum JwtAlgorithm {
    /// ECDSA P-256 with SHA-256.
    ES256,
    /// RSASSA-PKCS1-v1_5 with SHA-256, the algorithm every OBv3 verifier supports.
    RS256,
    /// Ed25519.
    EdDSA,
}

impl JwtAlgorithm {
    /// Returns the JOSE `alg` value.
    pub fn as_str(self) -> &'static str {
        match self {
            JwtAlgorithm::ES256 => "ES256",
            JwtAlgorithm::RS256 => "RS256",
            JwtAlgorithm::EdDSA => "EdDSA",
        }
    }

    /// Returns the algorithm that matches a key type.
    pub fn for_key(algorithm: KeyAlgorithm) -> Self {
        match algorithm {
            KeyAlgorithm::Ed25519 => JwtAlgorithm::EdDSA,
            KeyAlgorithm::P256 => JwtAlgorithm::ES256,
            KeyAlgorithm::Rsa2048 => JwtAlgorithm::RS256,
        }
    }

    fn parse(value: &str) -> Result<Self> {
        match value {
            "ES256" => Ok(JwtAlgorithm::ES256),
            "RS256" => Ok(JwtAlgorithm::RS256),
            "EdDSA" => Ok(JwtAlgorithm::EdDSA),
            other => Err(CredentialError::invalid(format!(
                "JWT algorithm '{other}' is not accepted; use RS256, ES256 or EdDSA"
            ))),
        }
    }
}

/// Signs a credential as a compact VC-JWT. `kid` is the DID URL of the verification method,
/// for example `did:web:example.org:issuers:p1#<keyId>`.
pub fn sign_vc_jwt(
    credential: &Value,
    key: &IssuerKey,
    kid: &str,
    algorithm: JwtAlgorithm,
) -> Result<String> {
    if JwtAlgorithm::for_key(key.algorithm()) != algorithm {
        return Err(CredentialError::invalid(format!(
            "key {} is {}, which cannot sign {}; use {}",
            key.key_id(),
            key.algorithm().as_str(),
            algorithm.as_str(),
            JwtAlgorithm::for_key(key.algorithm()).as_str()
        )));
    }
    let payload = jwt_payload(credential)?;
    let payload_bytes = serde_json::to_vec(&payload)
        .map_err(|e| CredentialError::Crypto(format!("JWT payload serialization: {e}")))?;

    let mut header = JwsHeader::new();
    header.set_token_type("JWT");
    header.set_key_id(kid);

    let der = key.pkcs8_der();
    let signing_failed = |e: JoseError| CredentialError::Crypto(format!("JWT signing: {e}"));
    // Key parsing errors are replaced by a fixed message so that no key bytes reach a message.
    let bad_key = |_| CredentialError::Crypto(format!("private key {} is unusable", key.key_id()));
    match algorithm {
        JwtAlgorithm::ES256 => {
            let signer = ES256.signer_from_der(der.as_slice()).map_err(bad_key)?;
            jws::serialize_compact(&payload_bytes, &header, &signer).map_err(signing_failed)
        }
        JwtAlgorithm::RS256 => {
            let signer = RS256.signer_from_der(der.as_slice()).map_err(bad_key)?;
            jws::serialize_compact(&payload_bytes, &header, &signer).map_err(signing_failed)
        }
        JwtAlgorithm::EdDSA => {
            let signer = EdDSA.signer_from_der(der.as_slice()).map_err(bad_key)?;
            jws::serialize_compact(&payload_bytes, &header, &signer).map_err(signing_failed)
        }
    }
}

/// Builds the JWT claims set: the credential members plus the registered claims.
fn jwt_payload(credential: &Value) -> Result<Map<String, Value>> {
    let mut payload = credential
        .as_object()
        .cloned()
        .ok_or_else(|| CredentialError::invalid("the credential to sign must be a JSON object"))?;

    let issuer_id = issuer_id(credential).ok_or_else(|| {
        CredentialError::invalid("the credential has no issuer id, which becomes the iss claim")
    })?;
    let credential_id = credential
        .get("id")
        .and_then(Value::as_str)
        .ok_or_else(|| {
            CredentialError::invalid("the credential has no id, which becomes the jti claim")
        })?;
    let valid_from = credential
        .get("validFrom")
        .and_then(Value::as_str)
        .ok_or_else(|| {
            CredentialError::invalid("the credential has no validFrom, which becomes the nbf claim")
        })?;

    payload.insert("iss".into(), issuer_id.into());
    payload.insert("jti".into(), credential_id.into());
    payload.insert(
        "nbf".into(),
        parse_time(valid_from, "validFrom")?.timestamp().into(),
    );
    if let Some(until) = credential.get("validUntil").and_then(Value::as_str) {
        payload.insert(
            "exp".into(),
            parse_time(until, "validUntil")?.timestamp().into(),
        );
    }

    // NOTE: a subject identified only by `identifier` has no id, so the JWT has no sub claim,
    // although OBv3 lists sub as required.
    if let Some(subject_id) = subject_id(credential) {
        payload.insert("sub".into(), subject_id.into());
    }
    Ok(payload)
}

/// Returns `issuer` when it is a string, or `issuer.id`.
pub fn issuer_id(credential: &Value) -> Option<String> {
    match credential.get("issuer")? {
        Value::String(id) => Some(id.clone()),
        Value::Object(profile) => profile
            .get("id")
            .and_then(Value::as_str)
            .map(str::to_string),
        _ => None,
    }
}

/// Returns `credentialSubject.id` of a single subject, or of the first of several.
pub fn subject_id(credential: &Value) -> Option<String> {
    let subject = match credential.get("credentialSubject")? {
        Value::Array(subjects) => subjects.first()?,
        subject => subject,
    };
    subject
        .get("id")
        .and_then(Value::as_str)
        .map(str::to_string)
}

/// Parses an RFC 3339 / XML Schema dateTime value; `field` names it in the error.
pub fn parse_time(value: &str, field: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(value)
        .map(|time| time.with_timezone(&Utc))
        .map_err(|e| {
            CredentialError::invalid(format!(
                "{field} '{value}' is not an RFC 3339 date-time such as 2025-01-31T12:00:00Z: {e}"
            ))
        })
}

/// A compact JWS split into its decoded header and payload, before any signature check.
#[derive(Clone, Debug, PartialEq)]
pub struct DecodedJwt {
    /// JOSE header.
    pub header: Value,
    /// JWT claims set.
    pub payload: Value,
    /// The credential: the `vc` claim of VC 1.1 JWTs, otherwise the payload itself.
    pub credential: Value,
}

/// Decodes a compact VC-JWT without checking its signature.
pub fn decode_vc_jwt(token: &str) -> Result<DecodedJwt> {
    let parts: Vec<&str> = token.trim().split('.').collect();
    if parts.len() != 3 {
        return Err(CredentialError::invalid(format!(
            "the JWT has {} dot-separated parts; a compact JWS has 3",
            parts.len()
        )));
    }
    let parse_part = |index: usize, label: &str| -> Result<Value> {
        let bytes = decode_base64url(parts[index], label)?;
        serde_json::from_slice(&bytes)
            .map_err(|e| CredentialError::invalid(format!("{label} is not JSON: {e}")))
    };
    let header = parse_part(0, "JWT header")?;
    let payload = parse_part(1, "JWT payload")?;
    if !payload.is_object() {
        return Err(CredentialError::invalid(
            "the JWT payload is not a JSON object",
        ));
    }
    let credential = match payload.get("vc") {
        Some(vc) if vc.is_object() => vc.clone(),
        _ => payload.clone(),
    };
    Ok(DecodedJwt {
        header,
        payload,
        credential,
    })
}

/// Checks the signature of a compact JWS with a public key. The header `alg` must match the
/// key type, which rules out algorithm substitution. Returns `Ok(false)` for a wrong signature.
pub fn verify_jwt_signature(token: &str, public_key: &PublicKey) -> Result<bool> {
    let decoded = decode_vc_jwt(token)?;
    let alg = decoded
        .header
        .get("alg")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let algorithm = JwtAlgorithm::parse(alg)?;
    if JwtAlgorithm::for_key(public_key.algorithm()) != algorithm {
        return Err(CredentialError::invalid(format!(
            "the JWT header has alg {alg}, but the issuer key is {}",
            public_key.algorithm().as_str()
        )));
    }
    let jwk_map = match public_key.to_jwk() {
        Value::Object(map) => map,
        _ => unreachable!("to_jwk returns an object"),
    };
    let jwk = Jwk::from_map(jwk_map)
        .map_err(|e| CredentialError::invalid(format!("issuer public key is not a JWK: {e}")))?;
    let invalid_key = |e: JoseError| {
        CredentialError::invalid(format!("issuer public key cannot verify {alg}: {e}"))
    };
    let verifier: Box<dyn JwsVerifier> = match algorithm {
        JwtAlgorithm::ES256 => Box::new(ES256.verifier_from_jwk(&jwk).map_err(invalid_key)?),
        JwtAlgorithm::RS256 => Box::new(RS256.verifier_from_jwk(&jwk).map_err(invalid_key)?),
        JwtAlgorithm::EdDSA => Box::new(EdDSA.verifier_from_jwk(&jwk).map_err(invalid_key)?),
    };
    match jws::deserialize_compact(token.trim(), verifier.as_ref()) {
        Ok(_) => Ok(true),
        Err(JoseError::InvalidSignature(_)) => Ok(false),
        Err(error) => Err(CredentialError::invalid(format!(
            "the JWT is malformed: {error}"
        ))),
    }
}

//! The proof steps of verification: key resolution and issuer binding, VC-JWT and Data
//! Integrity signatures, defined terms, and JWT claims.

use serde_json::Value;

use crate::canon::undefined_terms;
use crate::data_integrity::{proofs_of, verify_data_integrity_proof, EDDSA_RDFC_2022};
use crate::error::{CredentialError, Result};
use crate::jwt::{decode_vc_jwt, issuer_id, parse_time, subject_id, verify_jwt_signature};
use crate::public_key::{resolve_did_key, PublicKey};
use crate::verify::{empty_report, KeyResolver, ProofFormat, VerificationReport};

pub(crate) fn verify_jwt_proof(token: &str, resolver: &dyn KeyResolver) -> VerificationReport {
    let mut report = empty_report(ProofFormat::VcJwt);
    let decoded = match decode_vc_jwt(token) {
        Ok(decoded) => decoded,
        Err(error) => {
            report.push("format", false, error.to_string());
            return report;
        }
    };
    report.push("format", true, "compact VC-JWT");
    report.credential = Some(decoded.credential.clone());
    let issuer = issuer_id(&decoded.credential).unwrap_or_default();

    let key = match decoded.header.get("kid").and_then(Value::as_str) {
        Some(kid) => resolve_bound_key(kid, &issuer, resolver),
        None if decoded.header.get("jwk").is_some() => Err(CredentialError::invalid(
            "the JWT header carries its own jwk and no kid, so the key cannot be tied to the \
             issuer",
        )),
        None => Err(CredentialError::invalid(
            "the JWT header has neither kid nor jwk",
        )),
    };
    match key {
        Ok((public_key, message)) => {
            report.push("keyResolution", true, message);
            match verify_jwt_signature(token, &public_key) {
                Ok(true) => report.push("signature", true, "JWS signature is valid"),
                Ok(false) => report.push("signature", false, "JWS signature does not match"),
                Err(error) => report.push("signature", false, error.to_string()),
            }
        }
        Err(error) => {
            report.push("keyResolution", false, error.to_string());
            report.push(
                "signature",
                false,
                "not checked because the key was not resolved",
            );
        }
    }

    let claim_problems = jwt_claim_problems(&decoded.payload, &decoded.credential);
    if claim_problems.is_empty() {
        report.push(
            "jwtClaims",
            true,
            "iss, jti, sub, nbf and exp match the credential",
        );
    } else {
        report.push("jwtClaims", false, claim_problems.join("; "));
    }
    report
}

pub(crate) fn verify_embedded_proof(
    credential: &Value,
    resolver: &dyn KeyResolver,
) -> VerificationReport {
    let mut report = empty_report(ProofFormat::DataIntegrity);
    if !credential.is_object() {
        report.push("format", false, "the credential is not a JSON object");
        return report;
    }
    report.credential = Some(credential.clone());
    let proofs: Vec<&Value> = proofs_of(credential)
        .into_iter()
        .filter(|proof| proof.get("cryptosuite").and_then(Value::as_str) == Some(EDDSA_RDFC_2022))
        .collect();
    if proofs.is_empty() {
        report.push(
            "format",
            false,
            "the credential has no DataIntegrityProof with cryptosuite eddsa-rdfc-2022",
        );
        return report;
    }
    report.push(
        "format",
        true,
        "JSON-LD credential with a Data Integrity proof",
    );

    let issuer = issuer_id(credential).unwrap_or_default();
    let mut failures = Vec::new();
    for proof in proofs {
        let method = proof
            .get("verificationMethod")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let (public_key, key_message) = match resolve_bound_key(method, &issuer, resolver) {
            Ok(resolved) => resolved,
            Err(error) => {
                failures.push(("keyResolution", error.to_string()));
                continue;
            }
        };
        match verify_data_integrity_proof(credential, proof, &public_key) {
            Ok(true) => {
                report.push("keyResolution", true, key_message);
                report.push(
                    "signature",
                    true,
                    format!("eddsa-rdfc-2022 proof by {method} is valid"),
                );
                let (passed, message) = check_defined_terms(credential);
                report.push("definedTerms", passed, message);
                return report;
            }
            Ok(false) => failures.push(("signature", format!("proof by {method} does not match"))),
            Err(error) => failures.push(("signature", error.to_string())),
        }
    }
    let key_failed = failures.iter().all(|(name, _)| *name == "keyResolution");
    let messages: Vec<String> = failures.into_iter().map(|(_, message)| message).collect();
    if key_failed {
        report.push("keyResolution", false, messages.join("; "));
        report.push(
            "signature",
            false,
            "not checked because no key was resolved",
        );
    } else {
        report.push("keyResolution", true, "a verification method was resolved");
        report.push("signature", false, messages.join("; "));
    }
    report
}

/// Checks that every property and type is defined by a context, so the proof covers it.
fn check_defined_terms(credential: &Value) -> (bool, String) {
    let mut unsecured = credential.clone();
    if let Some(object) = unsecured.as_object_mut() {
        object.remove("proof");
    }
    match undefined_terms(&unsecured) {
        Ok(terms) if terms.is_empty() => (true, "every property is covered by the proof".into()),
        Ok(terms) => (
            false,
            format!(
                "properties or types not defined by any context, so not covered by the proof: {}",
                terms.join(", ")
            ),
        ),
        Err(error) => (false, error.to_string()),
    }
}

/// Resolves a verification method and checks that the issuer controls it: the method id
/// without its fragment must equal the issuer id.
pub(crate) fn resolve_bound_key(
    method: &str,
    issuer: &str,
    resolver: &dyn KeyResolver,
) -> Result<(PublicKey, String)> {
    if method.is_empty() {
        return Err(CredentialError::invalid(
            "the proof names no verification method",
        ));
    }
    let controller = method.split('#').next().unwrap_or(method);
    if controller != issuer {
        return Err(CredentialError::invalid(format!(
            "verification method {method} does not belong to issuer '{issuer}'"
        )));
    }
    let public_key = if method.starts_with("did:key:") {
        resolve_did_key(method)?
    } else {
        resolver.resolve(method)?
    };
    Ok((public_key, format!("resolved {method} of issuer {issuer}")))
}

fn jwt_claim_problems(payload: &Value, credential: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    let claim_str = |name: &str| {
        payload
            .get(name)
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    let compare = |problems: &mut Vec<String>,
                   claim: &str,
                   field: &str,
                   expected: Option<String>| match (claim_str(claim), expected) {
        (Some(actual), Some(expected)) if actual == expected => {}
        (None, None) if claim == "sub" => {}
        (actual, expected) => problems.push(format!(
            "claim {claim} is {actual:?} but the credential {field} is {expected:?}"
        )),
    };
    compare(&mut problems, "iss", "issuer id", issuer_id(credential));
    compare(
        &mut problems,
        "jti",
        "id",
        credential
            .get("id")
            .and_then(Value::as_str)
            .map(str::to_string),
    );
    compare(
        &mut problems,
        "sub",
        "credentialSubject.id",
        subject_id(credential),
    );

    let date_field = |field: &str, legacy: &str| {
        credential
            .get(field)
            .or_else(|| credential.get(legacy))
            .and_then(Value::as_str)
            .map(|text| parse_time(text, field).map(|time| time.timestamp()))
    };
    match (
        payload.get("nbf").and_then(Value::as_i64),
        date_field("validFrom", "issuanceDate"),
    ) {
        (Some(nbf), Some(Ok(from))) if nbf == from => {}
        (nbf, from) => problems.push(format!(
            "claim nbf is {} but validFrom is {}",
            seconds_or_missing(nbf),
            seconds_or_missing(from.and_then(|result| result.ok()))
        )),
    }
    match (
        payload.get("exp").and_then(Value::as_i64),
        date_field("validUntil", "expirationDate"),
    ) {
        (None, None) => {}
        (Some(exp), Some(Ok(until))) if exp == until => {}
        (exp, until) => problems.push(format!(
            "claim exp is {} but validUntil is {}",
            seconds_or_missing(exp),
            seconds_or_missing(until.and_then(|result| result.ok()))
        )),
    }
    problems
}

/// Formats Unix seconds for a check message, or "missing" when there are none.
fn seconds_or_missing(seconds: Option<i64>) -> String {
    seconds.map_or_else(|| "missing".to_string(), |seconds| format!("{seconds} (Unix seconds)"))
}

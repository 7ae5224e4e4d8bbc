//! The status step of verification: reads the credential's Bitstring Status List entry.

use serde_json::Value;

use crate::data_integrity::{proofs_of, verify_data_integrity_proof};
use crate::jwt::issuer_id;
use crate::status_list::{read_encoded_status, StatusPurpose};
use crate::verify::{KeyResolver, StatusLookup};
use crate::verify_proof::resolve_bound_key;

/// Checks every `credentialStatus` entry. Returns whether the credential is in good standing
/// and a message that names the list, index and purpose.
pub(crate) fn check_status(
    credential: &Value,
    resolver: &dyn KeyResolver,
    lookup: &dyn StatusLookup,
) -> (bool, String) {
    let entries: Vec<&Value> = match credential.get("credentialStatus") {
        None => return (true, "the credential has no credentialStatus".into()),
        Some(Value::Array(entries)) => entries.iter().collect(),
        Some(entry) => vec![entry],
    };
    let credential_issuer = issuer_id(credential).unwrap_or_default();
    let mut messages = Vec::new();
    for entry in entries {
        match check_entry(entry, &credential_issuer, resolver, lookup) {
            Ok(message) => messages.push(message),
            Err(message) => return (false, message),
        }
    }
    (true, messages.join("; "))
}

fn check_entry(
    entry: &Value,
    credential_issuer: &str,
    resolver: &dyn KeyResolver,
    lookup: &dyn StatusLookup,
) -> Result<String, String> {
    let entry_type = entry
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if entry_type != "BitstringStatusListEntry" {
        return Err(format!(
            "status type '{entry_type}' is not supported, so the status is unknown; \
             only BitstringStatusListEntry is read"
        ));
    }
    let purpose_text = entry
        .get("statusPurpose")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let purpose = StatusPurpose::parse(purpose_text).map_err(|e| e.to_string())?;
    let list_url = entry
        .get("statusListCredential")
        .and_then(Value::as_str)
        .ok_or("the status entry has no statusListCredential")?;
    let index = match entry.get("statusListIndex") {
        Some(Value::String(text)) => text.parse::<usize>().ok(),
        Some(Value::Number(number)) => number.as_u64().and_then(|n| usize::try_from(n).ok()),
        _ => None,
    }
    .ok_or("statusListIndex is missing or not a non-negative integer")?;

    let list = match lookup.status_list_credential(list_url) {
        Ok(Some(list)) => list,
        Ok(None) => return Err(format!("status list credential {list_url} was not found")),
        Err(error) => return Err(format!("status list credential {list_url}: {error}")),
    };
    let is_list = match list.get("type") {
        Some(Value::Array(types)) => types.iter().any(|t| t == "BitstringStatusListCredential"),
        _ => false,
    };
    if !is_list {
        return Err(format!("{list_url} is not a BitstringStatusListCredential"));
    }
    let list_issuer = issuer_id(&list).unwrap_or_default();
    if list_issuer != credential_issuer {
        return Err(format!(
            "status list {list_url} was issued by '{list_issuer}', not by the credential issuer \
             '{credential_issuer}'"
        ));
    }
    let subject = list
        .get("credentialSubject")
        .cloned()
        .unwrap_or(Value::Null);
    let list_purpose = subject
        .get("statusPurpose")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if list_purpose != purpose.as_str() {
        return Err(format!(
            "status list {list_url} has purpose '{list_purpose}' but the entry says '{}'",
            purpose.as_str()
        ));
    }
    let signature_note = verify_list_proof(&list, &list_issuer, resolver)?;
    let encoded = subject
        .get("encodedList")
        .and_then(Value::as_str)
        .ok_or_else(|| format!("status list {list_url} has no encodedList"))?;
    let set = read_encoded_status(encoded, index).map_err(|e| e.to_string())?;
    if set {
        let state = match purpose {
            StatusPurpose::Revocation => "revoked",
            StatusPurpose::Suspension => "suspended",
        };
        return Err(format!(
            "the credential is {state} (index {index} of {list_url})"
        ));
    }
    Ok(format!(
        "not {} (index {index} of {list_url}, {signature_note})",
        match purpose {
            StatusPurpose::Revocation => "revoked",
            StatusPurpose::Suspension => "suspended",
        }
    ))
}

/// Verifies the first Data Integrity proof of a status list credential when it has one.
fn verify_list_proof(
    list: &Value,
    list_issuer: &str,
    resolver: &dyn KeyResolver,
) -> Result<&'static str, String> {
    let Some(proof) = proofs_of(list).into_iter().next() else {
        // NOTE: an unsigned list is accepted, which is safe only when the lookup reads it
        // from the registry's own store rather than from the network.
        return Ok("list unsigned");
    };
    let method = proof
        .get("verificationMethod")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let (public_key, _) =
        resolve_bound_key(method, list_issuer, resolver).map_err(|e| e.to_string())?;
    match verify_data_integrity_proof(list, proof, &public_key) {
        Ok(true) => Ok("list signature valid"),
        Ok(false) => Err("the status list credential's proof does not match".into()),
        Err(error) => Err(format!("the status list credential's proof: {error}")),
    }
}

//! Bitstring Status Lists: bit order, encoding, random assignment and the list credential.

use std::collections::HashSet;
use std::io::Read;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{TimeZone, Utc};
use ler_credentials::status_list::read_encoded_status;
use ler_credentials::{
    build_status_list_credential, status_list_entry, StatusList, StatusPurpose,
    MIN_STATUS_LIST_SIZE,
};

fn gunzip(encoded: &str) -> Vec<u8> {
    let compressed = URL_SAFE_NO_PAD.decode(&encoded[1..]).unwrap();
    let mut bits = Vec::new();
    flate2::read::GzDecoder::new(compressed.as_slice())
        .read_to_end(&mut bits)
        .unwrap();
    bits
}

#[test]
fn list_smaller_than_16kb_is_rejected() {
    let error = StatusList::new(MIN_STATUS_LIST_SIZE - 8).unwrap_err();
    assert_eq!(error.code(), "BAD_USER_INPUT");
    assert!(error.to_string().contains("131072"));
    assert!(StatusList::new(MIN_STATUS_LIST_SIZE + 3).is_err());
}

#[test]
fn bit_zero_is_most_significant() {
    let mut list = StatusList::new(MIN_STATUS_LIST_SIZE).unwrap();
    list.set(0, true).unwrap();
    list.set(9, true).unwrap();
    let bits = gunzip(&list.encode().unwrap());
    assert_eq!(bits.len(), 16_384);
    assert_eq!(bits[0], 0b1000_0000);
    assert_eq!(bits[1], 0b0100_0000);
}

#[test]
fn encoded_list_has_multibase_prefix() {
    let list = StatusList::new(MIN_STATUS_LIST_SIZE).unwrap();
    let encoded = list.encode().unwrap();
    assert!(encoded.starts_with('u'));
    assert!(!encoded.contains('='));
    assert!(!encoded.contains('+'));
}

#[test]
fn last_index_set_and_cleared() {
    let mut list = StatusList::new(MIN_STATUS_LIST_SIZE).unwrap();
    let last = MIN_STATUS_LIST_SIZE - 1;
    list.set(last, true).unwrap();
    assert!(list.get(last).unwrap());
    assert!(read_encoded_status(&list.encode().unwrap(), last).unwrap());
    list.set(last, false).unwrap();
    assert!(!list.get(last).unwrap());
}

#[test]
fn index_past_end_is_rejected() {
    let mut list = StatusList::new(MIN_STATUS_LIST_SIZE).unwrap();
    let error = list.set(MIN_STATUS_LIST_SIZE, true).unwrap_err();
    assert!(error.to_string().contains("131072"));
    assert!(list.get(MIN_STATUS_LIST_SIZE).is_err());
}

#[test]
fn assigned_indices_are_never_reused() {
    let mut list = StatusList::new(MIN_STATUS_LIST_SIZE).unwrap();
    let mut seen = HashSet::new();
    for _ in 0..5_000 {
        let index = list.assign_random_index("list-1").unwrap();
        assert!(index < MIN_STATUS_LIST_SIZE);
        assert!(seen.insert(index), "index {index} was assigned twice");
    }
}

#[test]
fn assignment_fills_list_then_fails() {
    let mut list = StatusList::new(MIN_STATUS_LIST_SIZE).unwrap();
    let mut seen = HashSet::new();
    for _ in 0..MIN_STATUS_LIST_SIZE {
        seen.insert(list.assign_random_index("list-1").unwrap());
    }
    assert_eq!(seen.len(), MIN_STATUS_LIST_SIZE);
    let error = list.assign_random_index("list-1").unwrap_err();
    assert_eq!(error.code(), "CONFLICT");
    assert!(error.to_string().contains("list-1"));
}

#[test]
fn assignment_spreads_over_list() {
    let mut list = StatusList::new(MIN_STATUS_LIST_SIZE).unwrap();
    let indices: Vec<usize> = (0..200)
        .map(|_| list.assign_random_index("l").unwrap())
        .collect();
    let upper_half = indices
        .iter()
        .filter(|&&i| i >= MIN_STATUS_LIST_SIZE / 2)
        .count();
    // A sequential allocator would put all 200 in the lower half; random ones split roughly evenly.
    assert!(upper_half > 50, "{upper_half} of 200 in the upper half");
    assert!(upper_half < 150, "{upper_half} of 200 in the upper half");
}

#[test]
fn stored_list_round_trips() {
    let mut list = StatusList::new(MIN_STATUS_LIST_SIZE).unwrap();
    let index = list.assign_random_index("l").unwrap();
    list.set(index, true).unwrap();
    let restored =
        StatusList::from_encoded(&list.encode().unwrap(), &list.encode_assigned().unwrap())
            .unwrap();
    assert_eq!(restored, list);
    assert!(restored.is_assigned(index).unwrap());
}

#[test]
fn corrupt_encoded_list_is_rejected() {
    assert!(read_encoded_status("H4sIAAAA", 0).is_err());
    assert!(read_encoded_status("u!!!", 0).is_err());
    assert!(read_encoded_status("uAAAA", 0).is_err());
}

#[test]
fn validator_fixture_list_decodes() {
    // 1EdTech validator fixture: index 23 of this list is revoked.
    let path = format!(
        "{}/tests/fixtures/bitstring-status-list-credential.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let list: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let encoded = list["credentialSubject"]["encodedList"].as_str().unwrap();
    assert!(read_encoded_status(encoded, 23).unwrap());
    assert!(!read_encoded_status(encoded, 22).unwrap());
    assert!(!read_encoded_status(encoded, 24).unwrap());
}

#[test]
fn status_entry_uses_string_index() {
    let entry = status_list_entry("https://r.example/status/1", 42, StatusPurpose::Suspension);
    assert_eq!(entry["type"], "BitstringStatusListEntry");
    assert_eq!(entry["statusListIndex"], "42");
    assert_eq!(entry["statusPurpose"], "suspension");
    assert_eq!(entry["id"], "https://r.example/status/1#42");
}

#[test]
fn status_list_credential_has_list_subject() {
    let list = StatusList::new(MIN_STATUS_LIST_SIZE).unwrap();
    let valid_from = Utc.with_ymd_and_hms(2025, 1, 2, 3, 4, 5).unwrap();
    let credential = build_status_list_credential(
        "https://r.example/status/1",
        "did:web:r.example:issuers:p1",
        StatusPurpose::Revocation,
        &list,
        valid_from,
    )
    .unwrap();
    assert_eq!(credential["type"][1], "BitstringStatusListCredential");
    assert_eq!(credential["validFrom"], "2025-01-02T03:04:05Z");
    assert_eq!(
        credential["credentialSubject"]["type"],
        "BitstringStatusList"
    );
    assert_eq!(
        credential["credentialSubject"]["statusPurpose"],
        "revocation"
    );
    assert_eq!(
        credential["credentialSubject"]["id"],
        "https://r.example/status/1#list"
    );
}

#[test]
fn status_purpose_parse_rejects_unknown() {
    assert_eq!(
        StatusPurpose::parse("revocation").unwrap(),
        StatusPurpose::Revocation
    );
    let error = StatusPurpose::parse("refresh").unwrap_err();
    assert!(error.to_string().contains("'refresh'"));
}

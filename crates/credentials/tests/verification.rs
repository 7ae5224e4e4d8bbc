//! End-to-end verification of issued credentials: VC-JWT and Data Integrity, validity
//! dates, status lists, key binding and CLR contents.

mod common;

use std::collections::HashMap;

use chrono::Duration;
use common::{course_input, fixed_now, MapResolver, MemoryStatus, TestIssuer};
use ler_credentials::encoding::{decode_base64url, encode_base64url};
use ler_credentials::{
    build_achievement_credential, build_clr_credential, build_status_list_credential,
    sign_data_integrity, sign_vc_jwt, status_list_entry, verify_credential, verify_credential_text,
    ClrInput, IssuerKey, JwtAlgorithm, KeyAlgorithm, ProofFormat, Recipient, StatusList,
    StatusPurpose, VerifiableInput, VerificationReport, MIN_STATUS_LIST_SIZE,
};
use serde_json::Value;

const LIST_URL: &str = "https://registry.example.org/status/provider-1/revocation/1";

fn failed_checks(report: &VerificationReport) -> Vec<String> {
    report
        .checks
        .iter()
        .filter(|check| !check.passed)
        .map(|check| format!("{}: {}", check.name, check.message))
        .collect()
}

fn assert_verified(report: &VerificationReport) {
    assert!(report.verified(), "{:#?}", failed_checks(report));
}

fn signed_course(issuer: &TestIssuer) -> Value {
    let credential = build_achievement_credential(&course_input(&issuer.profile())).unwrap();
    sign_data_integrity(
        &credential,
        &issuer.ed25519,
        &issuer.method(&issuer.ed25519),
        fixed_now(),
    )
    .unwrap()
}

fn tamper_payload(token: &str, field: &str, value: Value) -> String {
    let parts: Vec<&str> = token.split('.').collect();
    let mut payload: Value =
        serde_json::from_slice(&decode_base64url(parts[1], "payload").unwrap()).unwrap();
    payload[field] = value;
    let encoded = encode_base64url(&serde_json::to_vec(&payload).unwrap());
    format!("{}.{}.{}", parts[0], encoded, parts[2])
}

#[test]
fn data_integrity_credential_verifies() {
    let issuer = TestIssuer::new();
    let signed = signed_course(&issuer);
    let report = verify_credential(
        VerifiableInput::JsonLd(&signed),
        &issuer.resolver(),
        &MemoryStatus::default(),
        fixed_now(),
    );
    assert_verified(&report);
    assert_eq!(report.format, ProofFormat::DataIntegrity);
    let names: Vec<&str> = report.checks.iter().map(|check| check.name).collect();
    assert_eq!(
        names,
        [
            "format",
            "keyResolution",
            "signature",
            "definedTerms",
            "schema",
            "subjectIdentified",
            "validityPeriod",
            "status"
        ]
    );
}

#[test]
fn jwt_verifies_for_each_algorithm() {
    let issuer = TestIssuer::new();
    let credential = build_achievement_credential(&course_input(&issuer.profile())).unwrap();
    for (key, algorithm) in [
        (&issuer.p256, JwtAlgorithm::ES256),
        (&issuer.rsa, JwtAlgorithm::RS256),
        (&issuer.ed25519, JwtAlgorithm::EdDSA),
    ] {
        let token = sign_vc_jwt(&credential, key, &issuer.method(key), algorithm).unwrap();
        let report = verify_credential_text(
            &token,
            &issuer.resolver(),
            &MemoryStatus::default(),
            fixed_now(),
        );
        assert_verified(&report);
        assert_eq!(report.format, ProofFormat::VcJwt);
        assert_eq!(report.credential.as_ref().unwrap()["id"], credential["id"]);
    }
}

#[test]
fn jwt_claims_follow_obv3_mapping() {
    let issuer = TestIssuer::new();
    let credential = build_achievement_credential(&course_input(&issuer.profile())).unwrap();
    let kid = issuer.method(&issuer.rsa);
    let token = sign_vc_jwt(&credential, &issuer.rsa, &kid, JwtAlgorithm::RS256).unwrap();
    let decoded = ler_credentials::jwt::decode_vc_jwt(&token).unwrap();
    let header = decoded.header.as_object().unwrap();
    assert_eq!(header.len(), 3, "{header:?}");
    assert_eq!(header["alg"], "RS256");
    assert_eq!(header["typ"], "JWT");
    assert_eq!(header["kid"], kid.as_str());
    assert_eq!(decoded.payload["iss"], issuer.did);
    assert_eq!(decoded.payload["jti"], credential["id"]);
    assert_eq!(decoded.payload["sub"], "did:example:learner-1");
    assert_eq!(
        decoded.payload["nbf"],
        (fixed_now() - Duration::days(10)).timestamp()
    );
    assert_eq!(
        decoded.payload["exp"],
        (fixed_now() + Duration::days(365)).timestamp()
    );
    assert_eq!(
        decoded.payload["credentialSubject"],
        credential["credentialSubject"]
    );
    assert!(decoded.payload.get("vc").is_none());
}

#[test]
fn tampered_jwt_fails_signature() {
    let issuer = TestIssuer::new();
    let credential = build_achievement_credential(&course_input(&issuer.profile())).unwrap();
    let token = sign_vc_jwt(
        &credential,
        &issuer.p256,
        &issuer.method(&issuer.p256),
        JwtAlgorithm::ES256,
    )
    .unwrap();
    let tampered = tamper_payload(&token, "name", "Forged".into());
    let report = verify_credential_text(
        &tampered,
        &issuer.resolver(),
        &MemoryStatus::default(),
        fixed_now(),
    );
    assert!(!report.verified());
    assert!(!report.check("signature").unwrap().passed);
}

#[test]
fn jwt_algorithm_must_match_key() {
    let issuer = TestIssuer::new();
    let credential = build_achievement_credential(&course_input(&issuer.profile())).unwrap();
    let error = sign_vc_jwt(&credential, &issuer.p256, "kid", JwtAlgorithm::RS256).unwrap_err();
    assert!(error.to_string().contains("cannot sign RS256"));
}

#[test]
fn jwt_signed_by_foreign_key_fails() {
    let issuer = TestIssuer::new();
    let stranger = IssuerKey::generate(KeyAlgorithm::P256).unwrap();
    let credential = build_achievement_credential(&course_input(&issuer.profile())).unwrap();
    // The stranger claims the issuer's key id.
    let token = sign_vc_jwt(
        &credential,
        &stranger,
        &issuer.method(&issuer.p256),
        JwtAlgorithm::ES256,
    )
    .unwrap();
    let report = verify_credential_text(
        &token,
        &issuer.resolver(),
        &MemoryStatus::default(),
        fixed_now(),
    );
    assert!(!report.check("signature").unwrap().passed);
}

#[test]
fn kid_of_other_issuer_fails_binding() {
    let issuer = TestIssuer::new();
    let other = TestIssuer::new();
    let credential = build_achievement_credential(&course_input(&issuer.profile())).unwrap();
    let other_kid = other
        .method(&other.p256)
        .replace("provider-1", "provider-2");
    let token = sign_vc_jwt(&credential, &other.p256, &other_kid, JwtAlgorithm::ES256).unwrap();
    let report = verify_credential_text(
        &token,
        &issuer.resolver(),
        &MemoryStatus::default(),
        fixed_now(),
    );
    let key_check = report.check("keyResolution").unwrap();
    assert!(!key_check.passed);
    assert!(key_check.message.contains("does not belong to issuer"));
}

#[test]
fn tampered_data_integrity_fails() {
    let issuer = TestIssuer::new();
    let mut signed = signed_course(&issuer);
    signed["credentialSubject"]["achievement"]["name"] = "Advanced Programming".into();
    let report = verify_credential(
        VerifiableInput::JsonLd(&signed),
        &issuer.resolver(),
        &MemoryStatus::default(),
        fixed_now(),
    );
    assert!(!report.verified());
    assert!(!report.check("signature").unwrap().passed);
    assert!(report.check("keyResolution").unwrap().passed);
}

#[test]
fn unknown_verification_method_fails() {
    let issuer = TestIssuer::new();
    let signed = signed_course(&issuer);
    let empty = MapResolver(HashMap::new());
    let report = verify_credential(
        VerifiableInput::JsonLd(&signed),
        &empty,
        &MemoryStatus::default(),
        fixed_now(),
    );
    let key_check = report.check("keyResolution").unwrap();
    assert!(!key_check.passed);
    assert!(key_check.message.contains("was not found"));
}

#[test]
fn retired_key_still_verifies() {
    let issuer = TestIssuer::new();
    let credential = build_achievement_credential(&course_input(&issuer.profile())).unwrap();
    // The RSA key is published as retired by the test resolver.
    let token = sign_vc_jwt(
        &credential,
        &issuer.rsa,
        &issuer.method(&issuer.rsa),
        JwtAlgorithm::RS256,
    )
    .unwrap();
    let report = verify_credential_text(
        &token,
        &issuer.resolver(),
        &MemoryStatus::default(),
        fixed_now(),
    );
    assert_verified(&report);
}

#[test]
fn validity_boundaries_are_checked() {
    let issuer = TestIssuer::new();
    let signed = signed_course(&issuer);
    let input = course_input(&issuer.profile());
    let cases = [
        (input.valid_from - Duration::seconds(1), false),
        (input.valid_from, true),
        (input.valid_until.unwrap() - Duration::seconds(1), true),
        (input.valid_until.unwrap(), false),
    ];
    for (now, expected) in cases {
        let report = verify_credential(
            VerifiableInput::JsonLd(&signed),
            &issuer.resolver(),
            &MemoryStatus::default(),
            now,
        );
        assert_eq!(
            report.check("validityPeriod").unwrap().passed,
            expected,
            "at {now}"
        );
    }
}

fn status_fixture(issuer: &TestIssuer, purpose: StatusPurpose, set: bool) -> (Value, MemoryStatus) {
    let mut list = StatusList::new(MIN_STATUS_LIST_SIZE).unwrap();
    let index = list.assign_random_index(LIST_URL).unwrap();
    list.set(index, set).unwrap();
    let list_credential =
        build_status_list_credential(LIST_URL, &issuer.did, purpose, &list, fixed_now()).unwrap();
    let signed_list = sign_data_integrity(
        &list_credential,
        &issuer.ed25519,
        &issuer.method(&issuer.ed25519),
        fixed_now(),
    )
    .unwrap();
    let mut input = course_input(&issuer.profile());
    input.credential_status = Some(status_list_entry(LIST_URL, index, purpose));
    let credential = build_achievement_credential(&input).unwrap();
    let signed = sign_data_integrity(
        &credential,
        &issuer.ed25519,
        &issuer.method(&issuer.ed25519),
        fixed_now(),
    )
    .unwrap();
    let status = MemoryStatus(HashMap::from([(LIST_URL.to_string(), signed_list)]));
    (signed, status)
}

#[test]
fn revoked_credential_fails_status() {
    let issuer = TestIssuer::new();
    let (signed, status) = status_fixture(&issuer, StatusPurpose::Revocation, true);
    let report = verify_credential(
        VerifiableInput::JsonLd(&signed),
        &issuer.resolver(),
        &status,
        fixed_now(),
    );
    let check = report.check("status").unwrap();
    assert!(!check.passed);
    assert!(check.message.contains("revoked"), "{}", check.message);
    assert!(report.check("signature").unwrap().passed);
}

#[test]
fn suspended_credential_fails_status() {
    let issuer = TestIssuer::new();
    let (signed, status) = status_fixture(&issuer, StatusPurpose::Suspension, true);
    let report = verify_credential(
        VerifiableInput::JsonLd(&signed),
        &issuer.resolver(),
        &status,
        fixed_now(),
    );
    assert!(report
        .check("status")
        .unwrap()
        .message
        .contains("suspended"));
}

#[test]
fn unrevoked_credential_passes_status() {
    let issuer = TestIssuer::new();
    let (signed, status) = status_fixture(&issuer, StatusPurpose::Revocation, false);
    let report = verify_credential(
        VerifiableInput::JsonLd(&signed),
        &issuer.resolver(),
        &status,
        fixed_now(),
    );
    assert_verified(&report);
    assert!(report
        .check("status")
        .unwrap()
        .message
        .contains("list signature valid"));
}

#[test]
fn missing_status_list_fails_status() {
    let issuer = TestIssuer::new();
    let (signed, _) = status_fixture(&issuer, StatusPurpose::Revocation, false);
    let report = verify_credential(
        VerifiableInput::JsonLd(&signed),
        &issuer.resolver(),
        &MemoryStatus::default(),
        fixed_now(),
    );
    let check = report.check("status").unwrap();
    assert!(!check.passed);
    assert!(check.message.contains("was not found"));
}

#[test]
fn forged_status_list_fails_status() {
    let issuer = TestIssuer::new();
    let (signed, mut status) = status_fixture(&issuer, StatusPurpose::Revocation, true);
    // Someone replaces the list with an all-clear copy but keeps the old proof.
    let list = status.0.get_mut(LIST_URL).unwrap();
    list["credentialSubject"]["encodedList"] = StatusList::new(MIN_STATUS_LIST_SIZE)
        .unwrap()
        .encode()
        .unwrap()
        .into();
    let report = verify_credential(
        VerifiableInput::JsonLd(&signed),
        &issuer.resolver(),
        &status,
        fixed_now(),
    );
    let check = report.check("status").unwrap();
    assert!(!check.passed);
    assert!(
        check.message.contains("proof does not match"),
        "{}",
        check.message
    );
}

#[test]
fn clr_verifies_embedded_credentials() {
    let issuer = TestIssuer::new();
    let course = signed_course(&issuer);
    let clr = build_clr_credential(
        &ClrInput {
            credential_id: "urn:uuid:9f1c3c1e-8a0e-4d8e-9a55-0d8f0c1b2a99".into(),
            name: "Transcript".into(),
            description: None,
            issuer: issuer.profile(),
            recipient: Recipient {
                id: Some("did:example:learner-1".into()),
                identifiers: vec![],
            },
            valid_from: fixed_now(),
            valid_until: None,
            credential_status: None,
        },
        &[course],
        &[],
    )
    .unwrap();
    let signed = sign_data_integrity(
        &clr,
        &issuer.ed25519,
        &issuer.method(&issuer.ed25519),
        fixed_now(),
    )
    .unwrap();
    let report = verify_credential(
        VerifiableInput::JsonLd(&signed),
        &issuer.resolver(),
        &MemoryStatus::default(),
        fixed_now(),
    );
    assert_verified(&report);
    assert!(report.check("embeddedCredentials").unwrap().passed);

    let mut tampered = signed.clone();
    tampered["credentialSubject"]["verifiableCredential"][0]["name"] = "Other".into();
    let resigned = sign_data_integrity(
        &tampered_without_proof(&tampered),
        &issuer.ed25519,
        &issuer.method(&issuer.ed25519),
        fixed_now(),
    )
    .unwrap();
    let report = verify_credential(
        VerifiableInput::JsonLd(&resigned),
        &issuer.resolver(),
        &MemoryStatus::default(),
        fixed_now(),
    );
    assert!(report.check("signature").unwrap().passed);
    assert!(!report.check("embeddedCredentials").unwrap().passed);
}

fn tampered_without_proof(credential: &Value) -> Value {
    let mut copy = credential.clone();
    copy.as_object_mut().unwrap().remove("proof");
    copy
}

#[test]
fn unknown_context_is_reported() {
    let issuer = TestIssuer::new();
    let mut credential = build_achievement_credential(&course_input(&issuer.profile())).unwrap();
    credential["@context"]
        .as_array_mut()
        .unwrap()
        .push("https://contexts.example.com/custom.json".into());
    let error = sign_data_integrity(
        &credential,
        &issuer.ed25519,
        &issuer.method(&issuer.ed25519),
        fixed_now(),
    )
    .unwrap_err();
    assert_eq!(error.code(), "BAD_USER_INPUT");
    assert!(error
        .to_string()
        .contains("https://contexts.example.com/custom.json"));
    assert!(error.to_string().contains("never fetched"));
}

#[test]
fn proof_needs_ed25519_key() {
    let issuer = TestIssuer::new();
    let credential = build_achievement_credential(&course_input(&issuer.profile())).unwrap();
    let error = sign_data_integrity(&credential, &issuer.p256, "did:x#k", fixed_now()).unwrap_err();
    assert!(error.to_string().contains("need an Ed25519 key"));
    assert!(!error.to_string().contains("BEGIN"));
}

#[test]
fn garbage_input_fails_format() {
    let issuer = TestIssuer::new();
    for text in ["not a jwt", "{not json", "a.b.c"] {
        let report = verify_credential_text(
            text,
            &issuer.resolver(),
            &MemoryStatus::default(),
            fixed_now(),
        );
        assert!(!report.verified(), "{text}");
        assert!(!report.check("format").unwrap().passed, "{text}");
    }
}

#[test]
fn second_proof_keeps_first() {
    let issuer = TestIssuer::new();
    let signed = signed_course(&issuer);
    let other = IssuerKey::generate(KeyAlgorithm::Ed25519).unwrap();
    let twice = sign_data_integrity(&signed, &other, "did:example:other#k", fixed_now()).unwrap();
    let proofs = twice["proof"].as_array().unwrap();
    assert_eq!(proofs.len(), 2);
    assert_eq!(proofs[0], signed["proof"][0]);
    // The issuer's own proof still verifies although the second proof is not the issuer's.
    let report = verify_credential(
        VerifiableInput::JsonLd(&twice),
        &issuer.resolver(),
        &MemoryStatus::default(),
        fixed_now(),
    );
    assert!(
        report.check("signature").unwrap().passed,
        "{:?}",
        failed_checks(&report)
    );
}

#[test]
fn undefined_property_fails_defined_terms() {
    let issuer = TestIssuer::new();
    let mut signed = signed_course(&issuer);
    // JSON-LD expansion drops the unknown property, so the signature alone still verifies.
    signed["creditsAwarded"] = 120.into();
    let report = verify_credential(
        VerifiableInput::JsonLd(&signed),
        &issuer.resolver(),
        &MemoryStatus::default(),
        fixed_now(),
    );
    assert!(report.check("signature").unwrap().passed);
    let check = report.check("definedTerms").unwrap();
    assert!(!check.passed);
    assert!(
        check.message.contains("creditsAwarded"),
        "{}",
        check.message
    );
    assert!(!report.verified());
}

#[test]
fn signing_undefined_property_is_rejected() {
    let issuer = TestIssuer::new();
    let mut credential = build_achievement_credential(&course_input(&issuer.profile())).unwrap();
    credential["credentialSubject"]["gpa"] = "3.9".into();
    credential["type"][1] = "OpenBadgeCredentialX".into();
    let error = sign_data_integrity(
        &credential,
        &issuer.ed25519,
        &issuer.method(&issuer.ed25519),
        fixed_now(),
    )
    .unwrap_err();
    assert_eq!(error.code(), "BAD_USER_INPUT");
    assert!(
        error.to_string().contains("OpenBadgeCredentialX, gpa"),
        "{error}"
    );
}

#[test]
fn credential_schema_type_is_defined() {
    // 1EdTechJsonSchemaValidator2019 is defined only by the OBv3 extensions context.
    let issuer = TestIssuer::new();
    let credential = build_achievement_credential(&course_input(&issuer.profile())).unwrap();
    let terms = ler_credentials::canon::undefined_terms(&credential).unwrap();
    assert!(terms.is_empty(), "{terms:?}");
    let mut without_extensions = credential.clone();
    without_extensions["@context"].as_array_mut().unwrap().pop();
    let terms = ler_credentials::canon::undefined_terms(&without_extensions).unwrap();
    assert_eq!(terms, ["1EdTechJsonSchemaValidator2019"]);
}

#[test]
fn authentication_proof_is_rejected() {
    let issuer = TestIssuer::new();
    let mut signed = signed_course(&issuer);
    signed["proof"][0]["proofPurpose"] = "authentication".into();
    let report = verify_credential(
        VerifiableInput::JsonLd(&signed),
        &issuer.resolver(),
        &MemoryStatus::default(),
        fixed_now(),
    );
    let check = report.check("signature").unwrap();
    assert!(!check.passed);
    assert!(
        check.message.contains("'authentication'"),
        "{}",
        check.message
    );
}

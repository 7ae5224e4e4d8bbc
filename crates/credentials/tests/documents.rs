//! Credential documents: structure, the official schemas, and input checks.

mod common;

use chrono::Duration;
use common::{course_input, fixed_now, TestIssuer};
use ler_credentials::schema::{schema_violations, subject_identified, SchemaKind};
use ler_credentials::{
    build_achievement_credential, build_clr_credential, build_endorsement_credential,
    status_list_entry, Association, AssociationType, ClrInput, EndorsementInput, Recipient,
    RecipientIdentifier, StatusPurpose,
};
use serde_json::Value;

fn assert_schema_valid(credential: &Value, kind: SchemaKind) {
    let violations = schema_violations(credential, kind).unwrap();
    assert!(violations.is_empty(), "{violations:#?}");
}

fn clr_input(issuer: &TestIssuer) -> ClrInput {
    ClrInput {
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
    }
}

#[test]
fn achievement_credential_matches_obv3_schema() {
    let issuer = TestIssuer::new();
    let mut input = course_input(&issuer.profile());
    input.credential_status = Some(status_list_entry(
        "https://registry.example.org/status/1",
        7,
        StatusPurpose::Revocation,
    ));
    let credential = build_achievement_credential(&input).unwrap();
    assert_schema_valid(&credential, SchemaKind::Achievement);
    assert!(subject_identified(&credential));
}

#[test]
fn achievement_credential_has_vc2_structure() {
    let issuer = TestIssuer::new();
    let credential = build_achievement_credential(&course_input(&issuer.profile())).unwrap();
    assert_eq!(
        credential["@context"][0],
        "https://www.w3.org/ns/credentials/v2"
    );
    assert_eq!(
        credential["@context"][1],
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
    );
    assert_eq!(
        credential["@context"][2],
        "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"
    );
    assert_eq!(credential["type"][1], "OpenBadgeCredential");
    assert_eq!(credential["issuer"]["id"], issuer.did);
    assert_eq!(credential["validFrom"], "2025-05-22T12:00:00Z");
    assert_eq!(credential["validUntil"], "2026-06-01T12:00:00Z");
    assert_eq!(credential["name"], "Introduction to Programming");
    assert_eq!(
        credential["credentialSchema"][0]["type"],
        "1EdTechJsonSchemaValidator2019"
    );
    assert!(credential.get("issuanceDate").is_none());
}

#[test]
fn alignments_carry_framework_codes() {
    let issuer = TestIssuer::new();
    let credential = build_achievement_credential(&course_input(&issuer.profile())).unwrap();
    let alignments = credential["credentialSubject"]["achievement"]["alignment"]
        .as_array()
        .unwrap();
    let codes: Vec<&str> = alignments
        .iter()
        .map(|a| a["targetCode"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        [
            "11.0201",
            "15-1251",
            "15-1251.00",
            "ce-0a1b2c3d-0000-4000-8000-000000000001"
        ]
    );
    assert_eq!(alignments[0]["targetType"], "ext:CIP");
    assert_eq!(
        alignments[2]["targetUrl"],
        "https://www.onetonline.org/link/summary/15-1251.00"
    );
    assert_eq!(alignments[3]["targetType"], "CTDL");
}

#[test]
fn identifier_only_subject_is_valid() {
    let issuer = TestIssuer::new();
    let mut input = course_input(&issuer.profile());
    input.recipient = Recipient {
        id: None,
        identifiers: vec![RecipientIdentifier::hashed_email(
            " Learner@Example.org ",
            "salt",
        )],
    };
    let credential = build_achievement_credential(&input).unwrap();
    assert_schema_valid(&credential, SchemaKind::Achievement);
    let identity = &credential["credentialSubject"]["identifier"][0];
    assert_eq!(identity["identityType"], "emailAddress");
    assert_eq!(identity["hashed"], true);
    // The email is trimmed and lowercased, then hashed with the salt appended.
    assert_eq!(
        identity["identityHash"],
        format!("sha256${}", sha256_hex("learner@example.orgsalt"))
    );
    assert!(credential["credentialSubject"].get("id").is_none());
    assert!(!format!("{:?}", input.recipient).contains("Learner@Example.org"));
}

fn sha256_hex(text: &str) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(text.as_bytes()))
}

#[test]
fn subject_without_id_or_identifier_is_rejected() {
    let issuer = TestIssuer::new();
    let mut input = course_input(&issuer.profile());
    input.recipient = Recipient::default();
    let error = build_achievement_credential(&input).unwrap_err();
    assert_eq!(error.code(), "BAD_USER_INPUT");
    assert!(error
        .to_string()
        .contains("neither an id nor an identifier"));
}

#[test]
fn expiry_before_start_is_rejected() {
    let issuer = TestIssuer::new();
    let mut input = course_input(&issuer.profile());
    input.valid_until = Some(input.valid_from - Duration::seconds(1));
    let error = build_achievement_credential(&input).unwrap_err();
    assert!(error.to_string().contains("validUntil"));
    assert!(error.to_string().contains("is not after validFrom"));
}

#[test]
fn relative_ids_are_rejected() {
    let issuer = TestIssuer::new();
    let mut input = course_input(&issuer.profile());
    input.achievement.id = "courses/cs-101".into();
    let error = build_achievement_credential(&input).unwrap_err();
    assert!(error.to_string().contains("'courses/cs-101'"));
    assert!(error.to_string().contains("absolute URI"));
}

#[test]
fn missing_criteria_is_rejected() {
    let issuer = TestIssuer::new();
    let mut input = course_input(&issuer.profile());
    input.achievement.criteria_narrative = None;
    let error = build_achievement_credential(&input).unwrap_err();
    assert!(error.to_string().contains("has no criteria"));
}

#[test]
fn schema_reports_missing_required_field() {
    let issuer = TestIssuer::new();
    let mut credential = build_achievement_credential(&course_input(&issuer.profile())).unwrap();
    credential["credentialSubject"]["achievement"]
        .as_object_mut()
        .unwrap()
        .remove("criteria");
    let violations = schema_violations(&credential, SchemaKind::Achievement).unwrap();
    assert!(!violations.is_empty());
    assert!(
        violations
            .iter()
            .any(|v| v.contains("/credentialSubject/achievement")),
        "{violations:?}"
    );
}

#[test]
fn endorsement_matches_obv3_schema() {
    let issuer = TestIssuer::new();
    let credential = build_endorsement_credential(&EndorsementInput {
        credential_id: "urn:uuid:00000000-0000-4000-8000-000000000001".into(),
        name: "Endorsement of CS 101".into(),
        description: None,
        issuer: issuer.profile(),
        endorsed_id: "https://registry.example.org/achievements/course/cs-101".into(),
        endorsement_comment: Some("Aligned with the state IT pathway.".into()),
        valid_from: fixed_now(),
        valid_until: None,
        credential_status: None,
    })
    .unwrap();
    assert_schema_valid(&credential, SchemaKind::Endorsement);
    assert_eq!(
        credential["credentialSubject"]["type"][0],
        "EndorsementSubject"
    );
}

#[test]
fn clr_with_association_matches_schema() {
    let issuer = TestIssuer::new();
    let course = build_achievement_credential(&course_input(&issuer.profile())).unwrap();
    let mut program_input = course_input(&issuer.profile());
    program_input.credential_id = "urn:uuid:1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bee".into();
    program_input.achievement.id =
        "https://registry.example.org/achievements/program/cs-aas".into();
    program_input.achievement.achievement_type = Some("Degree".into());
    let program = build_achievement_credential(&program_input).unwrap();
    let association = Association {
        association_type: AssociationType::IsPartOf,
        source_id: course_input(&issuer.profile()).achievement.id,
        target_id: program_input.achievement.id.clone(),
    };
    let clr =
        build_clr_credential(&clr_input(&issuer), &[course, program], &[association]).unwrap();
    assert_schema_valid(&clr, SchemaKind::Clr);
    assert_eq!(clr["type"][1], "ClrCredential");
    assert_eq!(
        clr["credentialSubject"]["association"][0]["associationType"],
        "isPartOf"
    );
    assert_eq!(
        clr["credentialSubject"]["verifiableCredential"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn clr_association_to_unknown_achievement_fails() {
    let issuer = TestIssuer::new();
    let course = build_achievement_credential(&course_input(&issuer.profile())).unwrap();
    let association = Association {
        association_type: AssociationType::IsPartOf,
        source_id: "https://registry.example.org/achievements/course/cs-101".into(),
        target_id: "https://registry.example.org/achievements/program/unknown".into(),
    };
    let error = build_clr_credential(&clr_input(&issuer), &[course], &[association]).unwrap_err();
    assert!(error.to_string().contains("program/unknown"));
}

#[test]
fn empty_clr_selection_is_rejected() {
    let issuer = TestIssuer::new();
    let error = build_clr_credential(&clr_input(&issuer), &[], &[]).unwrap_err();
    assert!(error.to_string().contains("selection is empty"));
}

#[test]
fn official_clr_vector_matches_schema() {
    let path = format!(
        "{}/tests/fixtures/clrv2p0-eddsa-rdfc-2022.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let vector: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let credential = &vector["unsignedCredential"];
    assert_eq!(
        SchemaKind::for_credential(credential),
        Some(SchemaKind::Clr)
    );
    assert_schema_valid(credential, SchemaKind::Clr);
}

#[test]
fn vc11_clr_example_fails_schema() {
    // A CLR in the VC 1.1 data model (issuanceDate, 2018 context) from the 1EdTech validator.
    let path = format!(
        "{}/tests/fixtures/clr20-complex.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let example: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let violations = schema_violations(&example, SchemaKind::Clr).unwrap();
    assert!(
        violations
            .iter()
            .any(|v| v.contains("\"validFrom\" is a required property")),
        "{violations:?}"
    );
    assert!(violations.iter().all(|v| v.len() < 300), "{violations:?}");
}

#[test]
fn official_full_badge_matches_schema() {
    let path = format!(
        "{}/tests/fixtures/fullOpenBadge.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let example: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    assert_schema_valid(&example, SchemaKind::Achievement);
}

#[test]
fn whole_credit_counts_have_no_fraction() {
    let issuer = TestIssuer::new();
    let mut input = course_input(&issuer.profile());
    input.achievement.credits_available = Some(4.0);
    let whole = build_achievement_credential(&input).unwrap();
    let credits = &whole["credentialSubject"]["achievement"]["creditsAvailable"];
    assert!(credits.is_u64(), "{credits}");
    assert_eq!(credits.to_string(), "4");
    input.achievement.credits_available = Some(3.5);
    let fractional = build_achievement_credential(&input).unwrap();
    assert_eq!(
        fractional["credentialSubject"]["achievement"]["creditsAvailable"],
        3.5
    );
}

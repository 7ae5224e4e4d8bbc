//! Writes freshly issued credentials to a folder for the independent Python verifiers in
//! `tests/peers/credentials`.
//!
//! Usage: `cargo run -p ler-credentials --example write_peer_fixtures -- <output-folder>`

use std::path::{Path, PathBuf};

use chrono::{Duration, Utc};
use ler_credentials::encoding::{decode_base64url, encode_base64url};
use ler_credentials::{
    build_achievement_credential, build_clr_credential, build_did_document,
    build_endorsement_credential, build_status_list_credential, did_web_for_issuer,
    sign_data_integrity, sign_vc_jwt, status_list_entry, verification_method_id,
    AchievementDefinition, AchievementInput, Alignment, Association, AssociationType, ClrInput,
    EndorsementInput, Evidence, IssuerKey, IssuerProfile, JwtAlgorithm, KeyAlgorithm, KeyState,
    Recipient, RecipientIdentifier, StatusList, StatusPurpose, MIN_STATUS_LIST_SIZE,
};
use serde_json::{json, Value};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let output = PathBuf::from(
        std::env::args()
            .nth(1)
            .ok_or("missing output folder; usage: write_peer_fixtures <output-folder>")?,
    );
    std::fs::create_dir_all(&output)?;

    let did = did_web_for_issuer("localhost:8080", "provider-42")?;
    let issuer = IssuerProfile {
        id: did.clone(),
        name: "Lakeside Community College".into(),
        url: Some("https://lakeside.example.edu".into()),
        ..IssuerProfile::default()
    };
    let ed25519 = IssuerKey::generate(KeyAlgorithm::Ed25519)?;
    let p256 = IssuerKey::generate(KeyAlgorithm::P256)?;
    let rsa = IssuerKey::generate(KeyAlgorithm::Rsa2048)?;
    let keys = [&ed25519, &p256, &rsa];
    let published: Vec<_> = keys
        .iter()
        .map(|key| key.published(KeyState::Active))
        .collect();
    write_json(&output, "did.json", &build_did_document(&did, &published)?)?;

    let list_url = "https://localhost:8080/status/provider-42/revocation/1";
    let mut list = StatusList::new(MIN_STATUS_LIST_SIZE)?;
    let revoked_index = list.assign_random_index(list_url)?;
    let valid_index = list.assign_random_index(list_url)?;
    list.set(revoked_index, true)?;
    let now = Utc::now();
    let list_credential =
        build_status_list_credential(list_url, &did, StatusPurpose::Revocation, &list, now)?;
    let ed_method = verification_method_id(&did, ed25519.key_id());
    let signed_list = sign_data_integrity(&list_credential, &ed25519, &ed_method, now)?;
    write_json(&output, "status-list.json", &signed_list)?;

    let course = achievement_input(
        &issuer,
        "urn:uuid:5f1c3c1e-8a0e-4d8e-9a55-0d8f0c1b2a01",
        "https://localhost:8080/achievements/course/weld-101",
        "Welding Fundamentals",
        Some(status_list_entry(
            list_url,
            revoked_index,
            StatusPurpose::Revocation,
        )),
        Recipient {
            id: Some("did:example:learner-7".into()),
            identifiers: vec![],
        },
    );
    let program = achievement_input(
        &issuer,
        "urn:uuid:5f1c3c1e-8a0e-4d8e-9a55-0d8f0c1b2a02",
        "https://localhost:8080/achievements/program/welding-aas",
        "Welding Technology AAS",
        Some(status_list_entry(
            list_url,
            valid_index,
            StatusPurpose::Revocation,
        )),
        Recipient {
            id: None,
            identifiers: vec![RecipientIdentifier::hashed_email(
                "learner7@example.org",
                "s4lt",
            )],
        },
    );
    let course_credential = build_achievement_credential(&course)?;
    let program_credential = build_achievement_credential(&program)?;
    let signed_course = sign_data_integrity(&course_credential, &ed25519, &ed_method, now)?;
    let signed_program = sign_data_integrity(&program_credential, &ed25519, &ed_method, now)?;
    write_json(&output, "achievement-course.json", &signed_course)?;
    write_json(&output, "achievement-program.json", &signed_program)?;

    let endorsement = build_endorsement_credential(&EndorsementInput {
        credential_id: "urn:uuid:5f1c3c1e-8a0e-4d8e-9a55-0d8f0c1b2a03".into(),
        name: "Endorsement of Welding Technology AAS".into(),
        description: None,
        issuer: issuer.clone(),
        endorsed_id: program.achievement.id.clone(),
        endorsement_comment: Some("Meets the state welding workforce standard.".into()),
        valid_from: now - Duration::days(1),
        valid_until: None,
        credential_status: None,
    })?;
    let signed_endorsement = sign_data_integrity(&endorsement, &ed25519, &ed_method, now)?;
    write_json(&output, "endorsement.json", &signed_endorsement)?;

    let clr = build_clr_credential(
        &ClrInput {
            credential_id: "urn:uuid:5f1c3c1e-8a0e-4d8e-9a55-0d8f0c1b2a04".into(),
            name: "Learner record".into(),
            description: None,
            issuer: issuer.clone(),
            recipient: Recipient {
                id: Some("did:example:learner-7".into()),
                identifiers: vec![],
            },
            valid_from: now - Duration::days(1),
            valid_until: None,
            credential_status: None,
        },
        &[signed_course.clone(), signed_program.clone()],
        &[Association {
            association_type: AssociationType::IsPartOf,
            source_id: course.achievement.id.clone(),
            target_id: program.achievement.id.clone(),
        }],
    )?;
    let signed_clr = sign_data_integrity(&clr, &ed25519, &ed_method, now)?;
    write_json(&output, "clr.json", &signed_clr)?;

    let mut jwts = Vec::new();
    for (key, algorithm) in [
        (&p256, JwtAlgorithm::ES256),
        (&rsa, JwtAlgorithm::RS256),
        (&ed25519, JwtAlgorithm::EdDSA),
    ] {
        let kid = verification_method_id(&did, key.key_id());
        let token = sign_vc_jwt(&program_credential, key, &kid, algorithm)?;
        let file = format!("jwt-{}.jwt", algorithm.as_str());
        std::fs::write(output.join(&file), &token)?;
        let tampered_file = format!("jwt-{}-tampered.jwt", algorithm.as_str());
        std::fs::write(output.join(&tampered_file), tamper_jwt(&token)?)?;
        jwts.push(json!({
            "file": file, "tamperedFile": tampered_file, "alg": algorithm.as_str(),
            "jwk": key.public_key().to_jwk(),
        }));
    }

    let mut tampered_course = signed_course.clone();
    tampered_course["credentialSubject"]["achievement"]["name"] = "Advanced Welding".into();
    write_json(
        &output,
        "achievement-course-tampered.json",
        &tampered_course,
    )?;

    let manifest = json!({
        "did": did,
        "achievements": ["achievement-course.json", "achievement-program.json"],
        "endorsements": ["endorsement.json"],
        "clrs": ["clr.json"],
        "dataIntegrity": ["achievement-course.json", "achievement-program.json",
                          "endorsement.json", "clr.json", "status-list.json"],
        "tamperedDataIntegrity": ["achievement-course-tampered.json"],
        "jwts": jwts,
        "statusList": {
            "file": "status-list.json",
            "revokedIndex": revoked_index,
            "validIndex": valid_index,
        },
    });
    write_json(&output, "manifest.json", &manifest)?;
    println!("wrote peer fixtures to {}", output.display());
    Ok(())
}

fn achievement_input(
    issuer: &IssuerProfile,
    credential_id: &str,
    achievement_id: &str,
    name: &str,
    status: Option<Value>,
    recipient: Recipient,
) -> AchievementInput {
    let now = Utc::now();
    AchievementInput {
        credential_id: credential_id.into(),
        name: None,
        description: Some(format!("{name}, awarded by Lakeside Community College.")),
        issuer: issuer.clone(),
        recipient,
        achievement: AchievementDefinition {
            id: achievement_id.into(),
            name: name.into(),
            description: format!("Completion of {name}."),
            criteria_narrative: Some("Pass every module with a grade of C or better.".into()),
            achievement_type: Some("Course".into()),
            alignments: vec![
                Alignment::cip("48.0508", "Welding Technology/Welder"),
                Alignment::soc("51-4121", "Welders, Cutters, Solderers, and Brazers"),
                Alignment::onet_soc("51-4121.00", "Welders, Cutters, Solderers, and Brazers"),
                Alignment::ctdl(
                    "ce-3f9e2f1a-6a44-4a7b-8f0e-1c2d3e4f5a6b",
                    "Welding Certificate",
                ),
            ],
            credits_available: Some(4.0),
            ..AchievementDefinition::default()
        },
        evidence: vec![Evidence {
            id: Some("https://lakeside.example.edu/portfolio/7".into()),
            name: Some("Weld test plates".into()),
            ..Evidence::default()
        }],
        awarded_date: Some(now - Duration::days(1)),
        valid_from: now - Duration::days(1),
        valid_until: Some(now + Duration::days(365)),
        credential_status: status,
    }
}

/// Replaces the credential name in the payload while keeping the original signature.
fn tamper_jwt(token: &str) -> Result<String, Box<dyn std::error::Error>> {
    let parts: Vec<&str> = token.split('.').collect();
    let mut payload: Value = serde_json::from_slice(&decode_base64url(parts[1], "payload")?)?;
    payload["name"] = "Forged Credential".into();
    Ok(format!(
        "{}.{}.{}",
        parts[0],
        encode_base64url(&serde_json::to_vec(&payload)?),
        parts[2]
    ))
}

fn write_json(folder: &Path, name: &str, value: &Value) -> std::io::Result<()> {
    std::fs::write(folder.join(name), serde_json::to_vec_pretty(value)?)
}

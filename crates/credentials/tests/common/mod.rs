//! Shared test helpers: an issuer with keys, sample inputs, and in-memory resolvers.

#![allow(dead_code)]

use std::collections::HashMap;

use chrono::{DateTime, Duration, TimeZone, Utc};
use ler_credentials::did::find_verification_key;
use ler_credentials::{
    build_did_document, did_web_for_issuer, verification_method_id, AchievementDefinition,
    AchievementInput, Alignment, CredentialError, Evidence, IssuerKey, IssuerProfile, KeyAlgorithm,
    KeyResolver, KeyState, PublicKey, Recipient, StatusLookup,
};
use serde_json::Value;

/// A registry issuer with one key of each algorithm.
pub struct TestIssuer {
    pub did: String,
    pub ed25519: IssuerKey,
    pub p256: IssuerKey,
    pub rsa: IssuerKey,
}

impl TestIssuer {
    pub fn new() -> Self {
        TestIssuer {
            did: did_web_for_issuer("registry.example.org", "provider-1").unwrap(),
            ed25519: IssuerKey::generate(KeyAlgorithm::Ed25519).unwrap(),
            p256: IssuerKey::generate(KeyAlgorithm::P256).unwrap(),
            rsa: IssuerKey::generate(KeyAlgorithm::Rsa2048).unwrap(),
        }
    }

    pub fn profile(&self) -> IssuerProfile {
        IssuerProfile {
            id: self.did.clone(),
            name: "Example Technical College".into(),
            url: Some("https://college.example.edu".into()),
            ..IssuerProfile::default()
        }
    }

    pub fn method(&self, key: &IssuerKey) -> String {
        verification_method_id(&self.did, key.key_id())
    }

    pub fn resolver(&self) -> DocumentResolver {
        let keys = [
            self.ed25519.published(KeyState::Active),
            self.p256.published(KeyState::Active),
            self.rsa.published(KeyState::Retired),
        ];
        DocumentResolver {
            documents: vec![build_did_document(&self.did, &keys).unwrap()],
        }
    }
}

/// Resolves verification methods from DID documents held in memory.
pub struct DocumentResolver {
    pub documents: Vec<Value>,
}

impl KeyResolver for DocumentResolver {
    fn resolve(&self, verification_method: &str) -> Result<PublicKey, CredentialError> {
        for document in &self.documents {
            if let Ok(key) = find_verification_key(document, verification_method) {
                return Ok(key);
            }
        }
        Err(CredentialError::KeyNotFound {
            key_id: verification_method.to_string(),
        })
    }
}

/// Resolves fixed verification method ids to keys.
pub struct MapResolver(pub HashMap<String, PublicKey>);

impl KeyResolver for MapResolver {
    fn resolve(&self, verification_method: &str) -> Result<PublicKey, CredentialError> {
        self.0
            .get(verification_method)
            .cloned()
            .ok_or_else(|| CredentialError::KeyNotFound {
                key_id: verification_method.to_string(),
            })
    }
}

/// Serves status list credentials from memory.
#[derive(Default)]
pub struct MemoryStatus(pub HashMap<String, Value>);

impl StatusLookup for MemoryStatus {
    fn status_list_credential(&self, url: &str) -> Result<Option<Value>, CredentialError> {
        Ok(self.0.get(url).cloned())
    }
}

pub fn fixed_now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 6, 1, 12, 0, 0).unwrap()
}

pub fn course_input(issuer: &IssuerProfile) -> AchievementInput {
    AchievementInput {
        credential_id: "urn:uuid:1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed".into(),
        name: None,
        description: None,
        issuer: issuer.clone(),
        recipient: Recipient {
            id: Some("did:example:learner-1".into()),
            identifiers: vec![],
        },
        achievement: AchievementDefinition {
            id: "https://registry.example.org/achievements/course/cs-101".into(),
            name: "Introduction to Programming".into(),
            description: "Variables, control flow and functions in Python.".into(),
            criteria_narrative: Some("Complete all labs and pass the final exam.".into()),
            achievement_type: Some("Course".into()),
            alignments: vec![
                Alignment::cip("11.0201", "Computer Programming/Programmer, General"),
                Alignment::soc("15-1251", "Computer Programmers"),
                Alignment::onet_soc("15-1251.00", "Computer Programmers"),
                Alignment::ctdl(
                    "ce-0a1b2c3d-0000-4000-8000-000000000001",
                    "Programming Certificate",
                ),
            ],
            ..AchievementDefinition::default()
        },
        evidence: vec![Evidence {
            id: Some("https://college.example.edu/portfolio/1".into()),
            narrative: Some("Final project repository.".into()),
            ..Evidence::default()
        }],
        awarded_date: Some(fixed_now() - Duration::days(10)),
        valid_from: fixed_now() - Duration::days(10),
        valid_until: Some(fixed_now() + Duration::days(365)),
        credential_status: None,
    }
}

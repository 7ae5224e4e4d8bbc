//! Validation of RS256 and ES256 tokens with keys from a JWKS file.

mod common;

use std::path::PathBuf;

use common::{jwks_file_config, rejection, AUDIENCE, ISSUER, SECRET};
use ler_auth::testing::{claims, jwks_json, replace_payload, sign_hs256, Claims, TestKey};
use ler_auth::{AuthConfig, ConfigError, Role, SigningAlgorithm, Validator};
use serde_json::json;
use tempfile::TempDir;

fn provider_claims() -> Claims {
    let mut claims = claims(ISSUER, AUDIENCE, &["provider"]);
    claims.insert("provider_id".into(), json!("prov-7"));
    claims
}

fn write_jwks(dir: &TempDir, document: &str) -> PathBuf {
    let path = dir.path().join("jwks.json");
    std::fs::write(&path, document).unwrap();
    path
}

async fn validator_for(algorithm: SigningAlgorithm, keys: &[&TestKey]) -> (Validator, TempDir) {
    let dir = TempDir::new().unwrap();
    let path = write_jwks(&dir, &jwks_json(keys));
    let validator = Validator::new(jwks_file_config(algorithm, &path))
        .await
        .unwrap();
    (validator, dir)
}

#[tokio::test]
async fn rs256_token_valid_via_jwks() {
    let key = TestKey::rsa("rsa-1");
    let (validator, _dir) = validator_for(SigningAlgorithm::RS256, &[&key]).await;

    let principal = validator
        .validate(&key.sign(&provider_claims()))
        .await
        .unwrap();
    assert!(principal.has_role(Role::Provider));
    assert_eq!(principal.provider_id(), Some("prov-7"));
}

#[tokio::test]
async fn es256_token_valid_via_jwks() {
    let key = TestKey::ec_p256("ec-1");
    let (validator, _dir) = validator_for(SigningAlgorithm::ES256, &[&key]).await;

    let principal = validator
        .validate(&key.sign(&provider_claims()))
        .await
        .unwrap();
    assert!(principal.can_act_for_provider("prov-7"));
}

#[tokio::test]
async fn kid_selects_among_several_keys() {
    let first = TestKey::ec_p256("ec-1");
    let second = TestKey::ec_p256("ec-2");
    let (validator, _dir) = validator_for(SigningAlgorithm::ES256, &[&first, &second]).await;

    assert!(validator
        .validate(&first.sign(&provider_claims()))
        .await
        .is_ok());
    assert!(validator
        .validate(&second.sign(&provider_claims()))
        .await
        .is_ok());

    let swapped = second.sign_with_kid(&provider_claims(), Some("ec-1"));
    let error = rejection(&validator, &swapped).await;
    assert_eq!(error.reason(), "BAD_SIGNATURE");
}

#[tokio::test]
async fn hs256_token_rejected_when_rs256_configured() {
    let key = TestKey::rsa("rsa-1");
    let (validator, _dir) = validator_for(SigningAlgorithm::RS256, &[&key]).await;

    // Signing with the public modulus as HMAC secret is the classic key confusion attack.
    let public_modulus = key.jwk()["n"].as_str().unwrap();
    for secret in [SECRET.as_bytes(), public_modulus.as_bytes()] {
        let error = rejection(&validator, &sign_hs256(secret, &provider_claims())).await;
        assert_eq!(error.reason(), "ALGORITHM_NOT_ALLOWED");
        assert!(error.to_string().contains("`HS256`"));
    }
}

#[tokio::test]
async fn es256_token_rejected_when_rs256_configured() {
    let rsa = TestKey::rsa("rsa-1");
    let ec = TestKey::ec_p256("rsa-1");
    let (validator, _dir) = validator_for(SigningAlgorithm::RS256, &[&rsa]).await;

    let error = rejection(&validator, &ec.sign(&provider_claims())).await;
    assert_eq!(error.reason(), "ALGORITHM_NOT_ALLOWED");
}

#[tokio::test]
async fn unknown_kid_rejected() {
    let key = TestKey::rsa("rsa-1");
    let (validator, _dir) = validator_for(SigningAlgorithm::RS256, &[&key]).await;

    let token = key.sign_with_kid(&provider_claims(), Some("rsa-retired"));
    let error = rejection(&validator, &token).await;
    assert_eq!(error.reason(), "UNKNOWN_KEY");
    assert!(error.to_string().contains("`rsa-retired`"));
}

#[tokio::test]
async fn missing_kid_rejected() {
    let key = TestKey::ec_p256("ec-1");
    let (validator, _dir) = validator_for(SigningAlgorithm::ES256, &[&key]).await;

    let error = rejection(&validator, &key.sign_with_kid(&provider_claims(), None)).await;
    assert_eq!(error.reason(), "MISSING_KEY_ID");
}

#[tokio::test]
async fn tampered_rs256_payload_rejected() {
    let key = TestKey::rsa("rsa-1");
    let (validator, _dir) = validator_for(SigningAlgorithm::RS256, &[&key]).await;
    let token = key.sign(&provider_claims());
    let mut other_provider = provider_claims();
    other_provider.insert("provider_id".into(), json!("prov-8"));

    let error = rejection(&validator, &replace_payload(&token, &other_provider)).await;
    assert_eq!(error.reason(), "BAD_SIGNATURE");
}

#[tokio::test]
async fn tampered_es256_signature_rejected() {
    let key = TestKey::ec_p256("ec-1");
    let (validator, _dir) = validator_for(SigningAlgorithm::ES256, &[&key]).await;
    let token = key.sign(&provider_claims());
    let (message, _) = token.rsplit_once('.').unwrap();

    for signature in ["AAAA", ""] {
        let error = rejection(&validator, &format!("{message}.{signature}")).await;
        assert_eq!(error.reason(), "BAD_SIGNATURE", "signature {signature:?}");
    }
}

#[tokio::test]
async fn unusable_jwks_entries_skipped() {
    let good = TestKey::rsa("good");
    let mut encryption = TestKey::rsa("enc").jwk().clone();
    encryption["use"] = json!("enc");
    let mut other_alg = TestKey::rsa("rs512").jwk().clone();
    other_alg["alg"] = json!("RS512");
    let ec = TestKey::ec_p256("ec");
    let mut no_kid = TestKey::rsa("no-kid").jwk().clone();
    no_kid.as_object_mut().unwrap().remove("kid");
    let mut short = good.jwk().clone();
    short["kid"] = json!("short");
    short["n"] = json!("AQAB");
    let document = json!({
        "keys": [encryption, other_alg, ec.jwk(), no_kid, short, {"kty": "oct", "kid": "x"}, good.jwk()]
    });

    let dir = TempDir::new().unwrap();
    let path = write_jwks(&dir, &document.to_string());
    let validator = Validator::new(jwks_file_config(SigningAlgorithm::RS256, &path))
        .await
        .unwrap();

    assert!(validator
        .validate(&good.sign(&provider_claims()))
        .await
        .is_ok());
    for kid in ["enc", "rs512", "ec", "short", "x"] {
        let token = good.sign_with_kid(&provider_claims(), Some(kid));
        let error = rejection(&validator, &token).await;
        assert_eq!(error.reason(), "UNKNOWN_KEY", "kid {kid}");
    }
}

#[tokio::test]
async fn missing_jwks_file_fails_startup() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("absent.json");

    let error = Validator::new(jwks_file_config(SigningAlgorithm::RS256, &path))
        .await
        .unwrap_err();
    assert!(matches!(error, ConfigError::JwksUnavailable { .. }));
    assert!(error.to_string().contains("absent.json"));
}

#[tokio::test]
async fn jwks_without_usable_keys_fails_startup() {
    let ec = TestKey::ec_p256("ec-1");
    let dir = TempDir::new().unwrap();
    let path = write_jwks(&dir, &jwks_json(&[&ec]));

    let error = Validator::new(jwks_file_config(SigningAlgorithm::RS256, &path))
        .await
        .unwrap_err();
    assert!(error.to_string().contains("no usable RS256 signing key"));
}

#[tokio::test]
async fn jwks_not_json_fails_startup() {
    let dir = TempDir::new().unwrap();
    for document in ["<html></html>", "{\"keys\": {}}", "[]"] {
        let path = write_jwks(&dir, document);
        let error = Validator::new(jwks_file_config(SigningAlgorithm::ES256, &path))
            .await
            .unwrap_err();
        assert!(
            error.to_string().contains("not a JWKS"),
            "document {document}"
        );
    }
}

#[tokio::test]
async fn cached_keys_kept_until_refetch() {
    let old = TestKey::ec_p256("old");
    let new = TestKey::ec_p256("new");
    let dir = TempDir::new().unwrap();
    let path = write_jwks(&dir, &jwks_json(&[&old]));
    let config = AuthConfig {
        jwks_refresh_seconds: 3600,
        jwks_min_refetch_seconds: 3600,
        ..jwks_file_config(SigningAlgorithm::ES256, &path)
    };
    let validator = Validator::new(config).await.unwrap();

    write_jwks(&dir, &jwks_json(&[&new]));

    assert!(validator
        .validate(&old.sign(&provider_claims()))
        .await
        .is_ok());
    let error = rejection(&validator, &new.sign(&provider_claims())).await;
    assert_eq!(error.reason(), "UNKNOWN_KEY");
}

#[tokio::test]
async fn new_kid_triggers_reload() {
    let old = TestKey::ec_p256("old");
    let new = TestKey::ec_p256("new");
    let dir = TempDir::new().unwrap();
    let path = write_jwks(&dir, &jwks_json(&[&old]));
    let config = AuthConfig {
        jwks_min_refetch_seconds: 0,
        ..jwks_file_config(SigningAlgorithm::ES256, &path)
    };
    let validator = Validator::new(config).await.unwrap();

    write_jwks(&dir, &jwks_json(&[&new]));

    assert!(validator
        .validate(&new.sign(&provider_claims()))
        .await
        .is_ok());
    let error = rejection(&validator, &old.sign(&provider_claims())).await;
    assert_eq!(error.reason(), "UNKNOWN_KEY");
}

//! Validation of HS256 tokens: time claims, issuer, audience, signature and claims.

mod common;

use common::{hs256_config, hs256_validator, rejection, AUDIENCE, ISSUER, SECRET};
use ler_auth::testing::{claims, now, replace_payload, sign_hs256, unsigned_token, Claims};
use ler_auth::{Role, StateScope, Validator};
use serde_json::json;

fn learner_claims() -> Claims {
    let mut claims = claims(ISSUER, AUDIENCE, &["learner"]);
    claims.insert("learner_id".into(), json!("learner-42"));
    claims
}

fn sign(claims: &Claims) -> String {
    sign_hs256(SECRET.as_bytes(), claims)
}

#[tokio::test]
async fn valid_learner_token_accepted() {
    let validator = hs256_validator().await;
    let principal = validator.validate(&sign(&learner_claims())).await.unwrap();
    assert!(!principal.is_anonymous());
    assert_eq!(principal.subject(), Some("user-1"));
    assert!(principal.has_role(Role::Learner));
    assert_eq!(principal.learner_id(), Some("learner-42"));
}

#[tokio::test]
async fn expired_token_rejected() {
    let validator = hs256_validator().await;
    let mut claims = learner_claims();
    claims.insert("exp".into(), json!(now() - 3600));
    let token = sign(&claims);

    let error = rejection(&validator, &token).await;
    assert_eq!(error.reason(), "EXPIRED");
    assert_eq!(error.code(), "UNAUTHENTICATED");
    assert!(!error.to_string().contains(&token));
}

#[tokio::test]
async fn expiry_within_leeway_accepted() {
    let validator = hs256_validator().await;
    let mut claims = learner_claims();
    claims.insert("exp".into(), json!(now() - 10));
    assert!(validator.validate(&sign(&claims)).await.is_ok());
}

#[tokio::test]
async fn wrong_audience_rejected() {
    let validator = hs256_validator().await;
    let mut claims = learner_claims();
    claims.insert("aud".into(), json!("another-api"));

    let error = rejection(&validator, &sign(&claims)).await;
    assert_eq!(error.reason(), "BAD_AUDIENCE");
    assert!(error.to_string().contains("`ler-registry`"));
}

#[tokio::test]
async fn audience_array_with_ours_accepted() {
    let validator = hs256_validator().await;
    let mut claims = learner_claims();
    claims.insert("aud".into(), json!(["another-api", AUDIENCE]));
    assert!(validator.validate(&sign(&claims)).await.is_ok());
}

#[tokio::test]
async fn missing_audience_rejected() {
    let validator = hs256_validator().await;
    let mut claims = learner_claims();
    claims.remove("aud");

    let error = rejection(&validator, &sign(&claims)).await;
    assert_eq!(error.reason(), "MISSING_CLAIM");
    assert!(error.to_string().contains("`aud`"));
}

#[tokio::test]
async fn wrong_issuer_rejected() {
    let validator = hs256_validator().await;
    let mut claims = learner_claims();
    claims.insert("iss".into(), json!("https://evil.test.example"));

    let error = rejection(&validator, &sign(&claims)).await;
    assert_eq!(error.reason(), "BAD_ISSUER");
    assert!(error.to_string().contains(ISSUER));
}

#[tokio::test]
async fn future_nbf_rejected() {
    let validator = hs256_validator().await;
    let mut claims = learner_claims();
    claims.insert("nbf".into(), json!(now() + 3600));

    let error = rejection(&validator, &sign(&claims)).await;
    assert_eq!(error.reason(), "NOT_YET_VALID");
    assert!(error.to_string().contains("30 s"));
}

#[tokio::test]
async fn nbf_within_leeway_accepted() {
    let validator = hs256_validator().await;
    let mut claims = learner_claims();
    claims.insert("nbf".into(), json!(now() + 10));
    assert!(validator.validate(&sign(&claims)).await.is_ok());
}

#[tokio::test]
async fn alg_none_token_rejected() {
    let validator = hs256_validator().await;
    let header = json!({ "alg": "none", "typ": "JWT" });

    for signature in ["", "c2ln"] {
        let token = unsigned_token(&header, &learner_claims(), signature);
        let error = rejection(&validator, &token).await;
        assert_eq!(error.reason(), "ALGORITHM_NOT_ALLOWED");
        assert!(error.to_string().contains("accepts only HS256"));
    }
}

#[tokio::test]
async fn alg_header_variants_rejected() {
    let validator = hs256_validator().await;
    for alg in ["None", "NONE", "HS512", "hs256", "RS256"] {
        let header = json!({ "alg": alg });
        let token = unsigned_token(&header, &learner_claims(), "c2ln");
        let error = rejection(&validator, &token).await;
        assert_eq!(error.reason(), "ALGORITHM_NOT_ALLOWED", "alg {alg}");
    }
}

#[tokio::test]
async fn wrong_secret_rejected() {
    let validator = hs256_validator().await;
    let token = sign_hs256(
        b"another-secret-that-is-also-32-bytes-long",
        &learner_claims(),
    );

    let error = rejection(&validator, &token).await;
    assert_eq!(error.reason(), "BAD_SIGNATURE");
}

#[tokio::test]
async fn tampered_payload_rejected() {
    let validator = hs256_validator().await;
    let token = sign(&learner_claims());
    let mut elevated = learner_claims();
    elevated.insert("roles".into(), json!(["admin"]));

    let error = rejection(&validator, &replace_payload(&token, &elevated)).await;
    assert_eq!(error.reason(), "BAD_SIGNATURE");
}

#[tokio::test]
async fn missing_roles_claim_rejected() {
    let validator = hs256_validator().await;
    let mut claims = learner_claims();
    claims.remove("roles");

    let error = rejection(&validator, &sign(&claims)).await;
    assert_eq!(error.reason(), "MISSING_CLAIM");
    assert!(error.to_string().contains("`roles`"));
}

#[tokio::test]
async fn roles_claim_string_rejected() {
    let validator = hs256_validator().await;
    let mut claims = learner_claims();
    claims.insert("roles".into(), json!("learner"));

    let error = rejection(&validator, &sign(&claims)).await;
    assert_eq!(error.reason(), "INVALID_CLAIM");
    assert!(error.to_string().contains("array"));
}

#[tokio::test]
async fn empty_roles_gives_no_access() {
    let validator = hs256_validator().await;
    let claims = claims(ISSUER, AUDIENCE, &[]);
    let principal = validator.validate(&sign(&claims)).await.unwrap();
    assert!(principal.require_authenticated().is_ok());
    assert!(principal
        .require_any(&[Role::Learner, Role::Counselor])
        .is_err());
}

#[tokio::test]
async fn unknown_role_rejected_by_default() {
    let validator = hs256_validator().await;
    let mut claims = learner_claims();
    claims.insert("roles".into(), json!(["learner", "superuser"]));

    let error = rejection(&validator, &sign(&claims)).await;
    assert_eq!(error.reason(), "INVALID_CLAIM");
    assert!(error.to_string().contains("`superuser`"));
}

#[tokio::test]
async fn unknown_role_dropped_when_configured() {
    let config = ler_auth::AuthConfig {
        ignore_unknown_roles: true,
        ..hs256_config()
    };
    let validator = Validator::new(config).await.unwrap();
    let mut claims = learner_claims();
    claims.insert("roles".into(), json!(["learner", "offline_access"]));

    let principal = validator.validate(&sign(&claims)).await.unwrap();
    assert_eq!(principal.roles().collect::<Vec<_>>(), vec![Role::Learner]);
}

#[tokio::test]
async fn missing_exp_rejected() {
    let validator = hs256_validator().await;
    let mut claims = learner_claims();
    claims.remove("exp");

    let error = rejection(&validator, &sign(&claims)).await;
    assert_eq!(error.reason(), "MISSING_CLAIM");
    assert!(error.to_string().contains("`exp`"));
}

#[tokio::test]
async fn missing_sub_rejected() {
    let validator = hs256_validator().await;
    let mut claims = learner_claims();
    claims.remove("sub");

    let error = rejection(&validator, &sign(&claims)).await;
    assert_eq!(error.reason(), "MISSING_CLAIM");
    assert!(error.to_string().contains("`sub`"));
}

#[tokio::test]
async fn state_portal_without_state_rejected() {
    let validator = hs256_validator().await;
    let claims = claims(ISSUER, AUDIENCE, &["state_portal"]);

    let error = rejection(&validator, &sign(&claims)).await;
    assert_eq!(error.reason(), "MISSING_CLAIM");
    assert!(error.to_string().contains("`state`"));
}

#[tokio::test]
async fn state_portal_invalid_state_rejected() {
    let validator = hs256_validator().await;
    for state in [json!("ZZ"), json!("Tennessee"), json!(47)] {
        let mut claims = claims(ISSUER, AUDIENCE, &["state_portal"]);
        claims.insert("state".into(), state.clone());
        let error = rejection(&validator, &sign(&claims)).await;
        assert_eq!(error.reason(), "INVALID_CLAIM", "state {state}");
    }
}

#[tokio::test]
async fn state_portal_lowercase_state_normalized() {
    let validator = hs256_validator().await;
    let mut claims = claims(ISSUER, AUDIENCE, &["state_portal"]);
    claims.insert("state".into(), json!("tn"));

    let principal = validator.validate(&sign(&claims)).await.unwrap();
    let StateScope::One(state) = principal.state_scope() else {
        panic!("expected a one-state scope");
    };
    assert_eq!(state.as_str(), "TN");
}

#[tokio::test]
async fn provider_without_provider_id_rejected() {
    let validator = hs256_validator().await;
    for role in ["provider", "issuer", "contributor"] {
        let claims = claims(ISSUER, AUDIENCE, &[role]);
        let error = rejection(&validator, &sign(&claims)).await;
        assert_eq!(error.reason(), "MISSING_CLAIM", "role {role}");
        assert!(error.to_string().contains("`provider_id`"), "role {role}");
    }
}

#[tokio::test]
async fn learner_without_learner_id_rejected() {
    let validator = hs256_validator().await;
    let claims = claims(ISSUER, AUDIENCE, &["learner"]);

    let error = rejection(&validator, &sign(&claims)).await;
    assert_eq!(error.reason(), "MISSING_CLAIM");
    assert!(error.to_string().contains("`learner_id`"));
}

#[tokio::test]
async fn empty_provider_id_rejected() {
    let validator = hs256_validator().await;
    let mut claims = claims(ISSUER, AUDIENCE, &["provider"]);
    claims.insert("provider_id".into(), json!(""));

    let error = rejection(&validator, &sign(&claims)).await;
    assert_eq!(error.reason(), "INVALID_CLAIM");
    assert!(error.to_string().contains("empty"));
}

#[tokio::test]
async fn garbage_token_malformed() {
    let validator = hs256_validator().await;
    for token in ["", "not-a-jwt", "a.b.c", "..", "e30.e30.e30.e30"] {
        let error = rejection(&validator, token).await;
        assert_eq!(error.reason(), "MALFORMED", "token {token:?}");
    }
}

#[tokio::test]
async fn error_messages_omit_token() {
    let validator = hs256_validator().await;
    let mut expired = learner_claims();
    expired.insert("exp".into(), json!(now() - 3600));
    let mut no_roles = learner_claims();
    no_roles.remove("roles");
    let tokens = [
        sign(&expired),
        sign(&no_roles),
        sign_hs256(
            b"another-secret-that-is-also-32-bytes-long",
            &learner_claims(),
        ),
    ];

    for token in tokens {
        let message = rejection(&validator, &token).await.to_string();
        let signature = token.rsplit('.').next().unwrap();
        assert!(
            !message.contains(signature),
            "message repeats the signature: {message}"
        );
    }
}

#[tokio::test]
async fn authenticate_without_header_anonymous() {
    let validator = hs256_validator().await;
    let principal = validator.authenticate(None).await.unwrap();
    assert!(principal.is_anonymous());
}

#[tokio::test]
async fn authenticate_bearer_header_validates() {
    let validator = hs256_validator().await;
    let header = format!("Bearer {}", sign(&learner_claims()));
    let principal = validator.authenticate(Some(&header)).await.unwrap();
    assert!(principal.has_role(Role::Learner));
}

#[tokio::test]
async fn authenticate_basic_scheme_rejected() {
    let validator = hs256_validator().await;
    let error = validator
        .authenticate(Some("Basic dXNlcjpwYXNz"))
        .await
        .unwrap_err();
    assert_eq!(error.reason(), "BAD_AUTHORIZATION_HEADER");
    assert_eq!(error.code(), "UNAUTHENTICATED");
}

#[tokio::test]
async fn missing_issuer_rejected() {
    let validator = hs256_validator().await;
    let mut claims = learner_claims();
    claims.remove("iss");

    let error = rejection(&validator, &sign(&claims)).await;
    assert_eq!(error.reason(), "MISSING_CLAIM");
    assert!(error.to_string().contains("`iss`"));
}

#[tokio::test]
async fn string_exp_rejected() {
    let validator = hs256_validator().await;
    let mut claims = learner_claims();
    claims.insert("exp".into(), json!((now() + 600).to_string()));

    let error = rejection(&validator, &sign(&claims)).await;
    assert_eq!(error.reason(), "MISSING_CLAIM");
    assert!(error.to_string().contains("seconds since 1970"));
}

#[tokio::test]
async fn state_claim_without_portal_role_unscoped() {
    let validator = hs256_validator().await;
    let mut claims = claims(ISSUER, AUDIENCE, &["counselor"]);
    claims.insert("state".into(), json!("TN"));

    let principal = validator.validate(&sign(&claims)).await.unwrap();
    assert_eq!(principal.state_scope(), StateScope::None);
    assert!(!principal.can_access_state("TN"));
}

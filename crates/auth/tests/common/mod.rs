//! Shared settings for the integration tests.
#![allow(dead_code)]

use std::path::Path;

use ler_auth::{AuthConfig, AuthError, JwksSource, SigningAlgorithm, Validator};
use secrecy::SecretString;

pub const ISSUER: &str = "https://id.test.example/realms/ler";
pub const AUDIENCE: &str = "ler-registry";
/// Test-only HS256 secret, 40 bytes.
pub const SECRET: &str = "test-only-hs256-secret-0123456789abcdefg";

pub fn hs256_config() -> AuthConfig {
    AuthConfig {
        issuer: ISSUER.to_owned(),
        audience: AUDIENCE.to_owned(),
        leeway_seconds: 30,
        algorithm: SigningAlgorithm::HS256,
        hs256_secret: Some(SecretString::new(SECRET.to_owned())),
        jwks: None,
        jwks_refresh_seconds: 300,
        jwks_min_refetch_seconds: 30,
        ignore_unknown_roles: false,
    }
}

pub fn jwks_config(algorithm: SigningAlgorithm, source: JwksSource) -> AuthConfig {
    AuthConfig {
        algorithm,
        hs256_secret: None,
        jwks: Some(source),
        ..hs256_config()
    }
}

pub fn jwks_file_config(algorithm: SigningAlgorithm, path: &Path) -> AuthConfig {
    jwks_config(algorithm, JwksSource::File(path.to_owned()))
}

pub async fn hs256_validator() -> Validator {
    Validator::new(hs256_config())
        .await
        .expect("HS256 test config is valid")
}

/// Returns the error of a token that must be rejected, failing the test otherwise.
pub async fn rejection(validator: &Validator, token: &str) -> AuthError {
    match validator.validate(token).await {
        Ok(principal) => panic!("token was accepted as {principal:?}"),
        Err(error) => error,
    }
}

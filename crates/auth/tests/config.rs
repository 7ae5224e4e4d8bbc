//! Reading and checking `AuthConfig`.

mod common;

use common::hs256_config;
use ler_auth::{AuthConfig, ConfigError, JwksSource, SigningAlgorithm, Validator};
use secrecy::SecretString;

fn parse(json: &str) -> Result<AuthConfig, serde_json::Error> {
    serde_json::from_str(json)
}

#[test]
fn config_defaults_applied() {
    let config = parse(
        r#"{"issuer": "https://id.test.example", "audience": "ler-registry",
            "algorithm": "RS256", "jwks": {"url": "https://id.test.example/jwks"}}"#,
    )
    .unwrap();
    assert_eq!(config.leeway_seconds, 30);
    assert_eq!(config.jwks_refresh_seconds, 300);
    assert_eq!(config.jwks_min_refetch_seconds, 30);
    assert!(!config.ignore_unknown_roles);
    assert_eq!(
        config.jwks,
        Some(JwksSource::Url("https://id.test.example/jwks".to_owned()))
    );
    assert!(config.check().is_ok());
}

#[test]
fn config_reads_jwks_file() {
    let config = parse(
        r#"{"issuer": "i", "audience": "a", "algorithm": "ES256", "jwks": {"file": "/etc/ler/jwks.json"}}"#,
    )
    .unwrap();
    assert_eq!(
        config.jwks,
        Some(JwksSource::File("/etc/ler/jwks.json".into()))
    );
}

#[test]
fn config_unknown_field_rejected() {
    let error = parse(
        r#"{"issuer": "i", "audience": "a", "algorithm": "HS256", "hs256_secret": "x", "leeway": 5}"#,
    )
    .unwrap_err();
    assert!(error.to_string().contains("leeway"));
}

#[test]
fn config_unknown_algorithm_rejected() {
    for algorithm in ["none", "HS512", "rs256"] {
        let json = format!(r#"{{"issuer": "i", "audience": "a", "algorithm": "{algorithm}"}}"#);
        assert!(parse(&json).is_err(), "algorithm {algorithm}");
    }
}

#[test]
fn config_debug_hides_secret() {
    let output = format!("{:?}", hs256_config());
    assert!(!output.contains(common::SECRET));
    assert!(output.contains("REDACTED"));
}

#[test]
fn short_secret_rejected() {
    let config = AuthConfig {
        hs256_secret: Some(SecretString::new("too-short".to_owned())),
        ..hs256_config()
    };
    let error = config.check().unwrap_err();
    assert!(matches!(error, ConfigError::SecretTooShort { length: 9 }));
    assert!(!error.to_string().contains("too-short"));
}

#[test]
fn hs256_without_secret_rejected() {
    let config = AuthConfig {
        hs256_secret: None,
        ..hs256_config()
    };
    assert!(matches!(config.check(), Err(ConfigError::MissingSecret)));
}

#[test]
fn hs256_with_jwks_rejected() {
    let config = AuthConfig {
        jwks: Some(JwksSource::File("/tmp/jwks.json".into())),
        ..hs256_config()
    };
    assert!(matches!(config.check(), Err(ConfigError::UnexpectedJwks)));
}

#[test]
fn rs256_without_jwks_rejected() {
    let config = AuthConfig {
        algorithm: SigningAlgorithm::RS256,
        hs256_secret: None,
        ..hs256_config()
    };
    let error = config.check().unwrap_err();
    assert!(matches!(
        error,
        ConfigError::MissingJwks { algorithm: "RS256" }
    ));
}

#[test]
fn es256_with_secret_rejected() {
    let config = AuthConfig {
        algorithm: SigningAlgorithm::ES256,
        jwks: Some(JwksSource::File("/tmp/jwks.json".into())),
        ..hs256_config()
    };
    let error = config.check().unwrap_err();
    assert!(matches!(
        error,
        ConfigError::UnexpectedSecret { algorithm: "ES256" }
    ));
}

#[test]
fn leeway_above_maximum_rejected() {
    let config = AuthConfig {
        leeway_seconds: 301,
        ..hs256_config()
    };
    let error = config.check().unwrap_err();
    assert!(error.to_string().contains("301"));
}

#[test]
fn leeway_at_maximum_accepted() {
    let config = AuthConfig {
        leeway_seconds: 300,
        ..hs256_config()
    };
    assert!(config.check().is_ok());
}

#[test]
fn empty_issuer_rejected() {
    let config = AuthConfig {
        issuer: "  ".to_owned(),
        ..hs256_config()
    };
    let error = config.check().unwrap_err();
    assert!(error.to_string().contains("auth.issuer"));
}

#[test]
fn loopback_http_jwks_allowed() {
    for url in [
        "http://127.0.0.1:8080/jwks",
        "http://localhost/jwks",
        "http://[::1]:9000/jwks",
    ] {
        let config = AuthConfig {
            algorithm: SigningAlgorithm::RS256,
            hs256_secret: None,
            jwks: Some(JwksSource::Url(url.to_owned())),
            ..hs256_config()
        };
        assert!(config.check().is_ok(), "url {url}");
    }
}

#[test]
fn remote_http_jwks_rejected() {
    for url in [
        "http://id.test.example/jwks",
        "http://127.0.0.1.test.example/jwks",
        "not a url",
    ] {
        let config = AuthConfig {
            algorithm: SigningAlgorithm::RS256,
            hs256_secret: None,
            jwks: Some(JwksSource::Url(url.to_owned())),
            ..hs256_config()
        };
        assert!(config.check().is_err(), "url {url}");
    }
}

#[tokio::test]
async fn validator_debug_hides_secret() {
    let validator = Validator::new(hs256_config()).await.unwrap();
    let output = format!("{validator:?}");
    assert!(!output.contains(common::SECRET));
    assert!(output.contains("HS256"));
}

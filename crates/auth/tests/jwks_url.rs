//! Loading and reloading a JWKS over HTTP from a server on 127.0.0.1.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use common::{jwks_config, rejection, AUDIENCE, ISSUER};
use ler_auth::testing::{claims, jwks_json, Claims, TestKey};
use ler_auth::{AuthConfig, ConfigError, JwksSource, SigningAlgorithm, Validator};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// A loopback HTTP server that responds to every request with the current status and
/// body, and counts the requests.
struct JwksServer {
    url: String,
    response: Arc<Mutex<(u16, String)>>,
    requests: Arc<AtomicUsize>,
}

impl JwksServer {
    async fn start(body: String) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/realms/ler/jwks", listener.local_addr().unwrap());
        let response = Arc::new(Mutex::new((200, body)));
        let requests = Arc::new(AtomicUsize::new(0));

        let shared_response = Arc::clone(&response);
        let shared_requests = Arc::clone(&requests);
        tokio::spawn(async move {
            loop {
                let (mut stream, _) = listener.accept().await.unwrap();
                let mut request = Vec::new();
                let mut buffer = [0u8; 1024];
                while !request.ends_with(b"\r\n\r\n") {
                    let read = stream.read(&mut buffer).await.unwrap();
                    if read == 0 {
                        break;
                    }
                    request.extend_from_slice(&buffer[..read]);
                }
                shared_requests.fetch_add(1, Ordering::SeqCst);
                let (status, body) = shared_response.lock().unwrap().clone();
                let reply = format!(
                    "HTTP/1.1 {status} Test\r\ncontent-type: application/json\r\n\
                     content-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
                stream.write_all(reply.as_bytes()).await.unwrap();
                stream.shutdown().await.unwrap();
            }
        });

        JwksServer {
            url,
            response,
            requests,
        }
    }

    fn respond(&self, status: u16, body: String) {
        *self.response.lock().unwrap() = (status, body);
    }

    fn request_count(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }

    fn config(&self) -> AuthConfig {
        jwks_config(SigningAlgorithm::ES256, JwksSource::Url(self.url.clone()))
    }
}

fn counselor_claims() -> Claims {
    claims(ISSUER, AUDIENCE, &["counselor"])
}

#[tokio::test]
async fn url_jwks_validates_token() {
    let key = TestKey::ec_p256("ec-1");
    let server = JwksServer::start(jwks_json(&[&key])).await;
    let validator = Validator::new(server.config()).await.unwrap();

    assert!(validator
        .validate(&key.sign(&counselor_claims()))
        .await
        .is_ok());
    assert!(validator
        .validate(&key.sign(&counselor_claims()))
        .await
        .is_ok());
    assert_eq!(server.request_count(), 1);
}

#[tokio::test]
async fn url_jwks_reloaded_for_new_kid() {
    let old = TestKey::ec_p256("old");
    let new = TestKey::ec_p256("new");
    let server = JwksServer::start(jwks_json(&[&old])).await;
    let config = AuthConfig {
        jwks_min_refetch_seconds: 0,
        ..server.config()
    };
    let validator = Validator::new(config).await.unwrap();

    server.respond(200, jwks_json(&[&old, &new]));

    assert!(validator
        .validate(&new.sign(&counselor_claims()))
        .await
        .is_ok());
    assert_eq!(server.request_count(), 2);
    assert!(validator
        .validate(&old.sign(&counselor_claims()))
        .await
        .is_ok());
    assert_eq!(server.request_count(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_new_kid_loads_once() {
    let old = TestKey::ec_p256("old");
    let new = TestKey::ec_p256("new");
    let server = JwksServer::start(jwks_json(&[&old])).await;
    let config = AuthConfig {
        jwks_min_refetch_seconds: 0,
        ..server.config()
    };
    let validator = Validator::new(config).await.unwrap();
    server.respond(200, jwks_json(&[&old, &new]));

    let token = new.sign(&counselor_claims());
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let validator = validator.clone();
        let token = token.clone();
        tasks.push(tokio::spawn(
            async move { validator.validate(&token).await },
        ));
    }
    for task in tasks {
        assert!(task.await.unwrap().is_ok());
    }
    assert_eq!(server.request_count(), 2);
}

#[tokio::test]
async fn unknown_kid_reload_rate_limited() {
    let key = TestKey::ec_p256("ec-1");
    let server = JwksServer::start(jwks_json(&[&key])).await;
    let config = AuthConfig {
        jwks_min_refetch_seconds: 3600,
        ..server.config()
    };
    let validator = Validator::new(config).await.unwrap();

    for kid in ["forged-1", "forged-2", "forged-3"] {
        let token = key.sign_with_kid(&counselor_claims(), Some(kid));
        let error = rejection(&validator, &token).await;
        assert_eq!(error.reason(), "UNKNOWN_KEY");
    }
    assert_eq!(server.request_count(), 1);
}

#[tokio::test]
async fn failed_reload_keeps_cached_keys() {
    let key = TestKey::ec_p256("ec-1");
    let server = JwksServer::start(jwks_json(&[&key])).await;
    let config = AuthConfig {
        jwks_refresh_seconds: 0,
        jwks_min_refetch_seconds: 0,
        ..server.config()
    };
    let validator = Validator::new(config).await.unwrap();

    server.respond(503, "unavailable".to_owned());

    assert!(validator
        .validate(&key.sign(&counselor_claims()))
        .await
        .is_ok());
    assert_eq!(server.request_count(), 2);
}

#[tokio::test]
async fn error_status_fails_startup() {
    let server = JwksServer::start(String::new()).await;
    server.respond(500, "error".to_owned());

    let error = Validator::new(server.config()).await.unwrap_err();
    assert!(matches!(error, ConfigError::JwksUnavailable { .. }));
    assert!(error.to_string().contains("HTTP status 500"));
    assert!(error.to_string().contains(&server.url));
}

#[tokio::test]
async fn plain_http_rejected_off_loopback() {
    let config = jwks_config(
        SigningAlgorithm::RS256,
        JwksSource::Url("http://id.test.example/jwks".to_owned()),
    );

    let error = Validator::new(config).await.unwrap_err();
    assert!(matches!(error, ConfigError::InsecureJwksUrl { .. }));
}

#[tokio::test]
async fn unsupported_scheme_rejected() {
    let config = jwks_config(
        SigningAlgorithm::RS256,
        JwksSource::Url("file:///etc/jwks.json".to_owned()),
    );

    let error = Validator::new(config).await.unwrap_err();
    assert!(matches!(error, ConfigError::InvalidJwksUrl { .. }));
}

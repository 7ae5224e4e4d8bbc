//! Validation of bearer tokens into principals.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{DecodingKey, Validation};
use secrecy::ExposeSecret;

use crate::claims::{missing_claim, RawClaims};
use crate::config::{AuthConfig, ConfigError, SigningAlgorithm};
use crate::error::AuthError;
use crate::header::{bearer_token, inspect};
use crate::keystore::KeyStore;
use crate::principal::Principal;

/// Checks bearer tokens against one issuer, audience and pinned algorithm.
///
/// Cloning is cheap and clones share the JWKS cache, so the server keeps one validator
/// in its application data.
#[derive(Clone)]
pub struct Validator {
    inner: Arc<Inner>,
}

struct Inner {
    algorithm: SigningAlgorithm,
    issuer: String,
    audience: String,
    leeway_seconds: u64,
    ignore_unknown_roles: bool,
    validation: Validation,
    keys: Keys,
}

enum Keys {
    Shared(Arc<DecodingKey>),
    Jwks(Box<KeyStore>),
}

impl Validator {
    /// Checks `config` and loads the JWKS, if any, so that a wrong setting fails at
    /// startup instead of on the first request.
    pub async fn new(config: AuthConfig) -> Result<Self, ConfigError> {
        config.check()?;

        let keys = match (&config.hs256_secret, &config.jwks) {
            (Some(secret), _) => Keys::Shared(Arc::new(DecodingKey::from_secret(
                secret.expose_secret().as_bytes(),
            ))),
            (None, Some(source)) => Keys::Jwks(Box::new(
                KeyStore::load(
                    source.clone(),
                    config.algorithm,
                    Duration::from_secs(config.jwks_refresh_seconds),
                    Duration::from_secs(config.jwks_min_refetch_seconds),
                )
                .await?,
            )),
            (None, None) => unreachable!("AuthConfig::check requires a secret or a JWKS"),
        };

        let mut validation = Validation::new(config.algorithm.to_jsonwebtoken());
        validation.leeway = config.leeway_seconds;
        validation.validate_exp = true;
        validation.validate_nbf = true;
        validation.set_issuer(&[&config.issuer]);
        validation.set_audience(&[&config.audience]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);

        Ok(Validator {
            inner: Arc::new(Inner {
                algorithm: config.algorithm,
                issuer: config.issuer,
                audience: config.audience,
                leeway_seconds: config.leeway_seconds,
                ignore_unknown_roles: config.ignore_unknown_roles,
                validation,
                keys,
            }),
        })
    }

    /// Returns the principal of an `Authorization` header value: anonymous without a
    /// header, otherwise the result of [`Validator::validate`] on the bearer token.
    pub async fn authenticate(&self, authorization: Option<&str>) -> Result<Principal, AuthError> {
        match bearer_token(authorization)? {
            None => Ok(Principal::anonymous()),
            Some(token) => self.validate(token).await,
        }
    }

    /// Verifies the signature, `iss`, `aud`, `exp` and `nbf` of a compact JWT, then
    /// checks the registry claims and returns the principal.
    ///
    /// Only the configured algorithm is accepted. With a JWKS, the header kid selects
    /// the key, and a token without kid is rejected.
    pub async fn validate(&self, token: &str) -> Result<Principal, AuthError> {
        let inner = &self.inner;
        let kid = inspect(token, inner.algorithm)?;

        let key = match &inner.keys {
            Keys::Shared(key) => Arc::clone(key),
            Keys::Jwks(store) => {
                let kid = kid.ok_or(AuthError::MissingKeyId)?;
                store.key(&kid).await?
            }
        };

        let data = jsonwebtoken::decode::<RawClaims>(token, &key, &inner.validation)
            .map_err(|error| self.map_error(error))?;
        data.claims.into_principal(inner.ignore_unknown_roles)
    }

    fn map_error(&self, error: jsonwebtoken::errors::Error) -> AuthError {
        let inner = &self.inner;
        match error.into_kind() {
            ErrorKind::ExpiredSignature => AuthError::Expired,
            ErrorKind::ImmatureSignature => AuthError::NotYetValid {
                leeway_seconds: inner.leeway_seconds,
            },
            ErrorKind::InvalidAudience => AuthError::BadAudience {
                expected: inner.audience.clone(),
            },
            ErrorKind::InvalidIssuer => AuthError::BadIssuer {
                expected: inner.issuer.clone(),
            },
            ErrorKind::MissingRequiredClaim(claim) => missing_claim(&claim),
            ErrorKind::InvalidAlgorithm => AuthError::AlgorithmNotAllowed {
                found: "another algorithm".to_owned(),
                expected: inner.algorithm.as_str(),
            },
            ErrorKind::InvalidSignature | ErrorKind::Crypto(_) => AuthError::BadSignature,
            ErrorKind::Json(_) => {
                AuthError::malformed("its payload is not a JSON object of claims")
            }
            ErrorKind::Base64(_) => AuthError::malformed("a part is not base64url"),
            ErrorKind::Utf8(_) => AuthError::malformed("its payload is not UTF-8"),
            other => {
                tracing::debug!(error = ?other, "token rejected by jsonwebtoken");
                AuthError::malformed("it could not be decoded")
            }
        }
    }
}

impl fmt::Debug for Validator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Validator")
            .field("algorithm", &self.inner.algorithm)
            .field("issuer", &self.inner.issuer)
            .field("audience", &self.inner.audience)
            .field("leeway_seconds", &self.inner.leeway_seconds)
            .finish_non_exhaustive()
    }
}

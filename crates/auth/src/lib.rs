//! Authentication for ler-registry: validation of bearer JWTs into a [`Principal`], and
//! the role and scope checks that GraphQL resolvers make on it.
//!
//! The crate has no HTTP server. The HTTP layer passes the `Authorization` header value
//! to [`Validator::authenticate`] and stores the principal for the request. Resolvers
//! then call checks such as `principal.require(Role::Provider)`.
//!
//! ```no_run
//! # async fn example(config: ler_auth::AuthConfig, header: Option<&str>) -> Result<(), Box<dyn std::error::Error>> {
//! use ler_auth::{Role, Validator};
//!
//! let validator = Validator::new(config).await?;
//! let principal = validator.authenticate(header).await?;
//! principal.require_any(&[Role::Provider, Role::Issuer])?;
//! # Ok(())
//! # }
//! ```

mod access;
mod claims;
mod config;
mod error;
mod header;
mod jwks;
mod keystore;
mod principal;
mod role;
mod state;
mod validator;

#[cfg(feature = "test-util")]
pub mod testing;

pub use access::AccessError;
pub use claims::Identity;
pub use config::{
    AuthConfig, ConfigError, JwksSource, SigningAlgorithm, MAX_LEEWAY_SECONDS,
    MIN_HS256_SECRET_BYTES,
};
pub use error::AuthError;
pub use header::{bearer_token, MAX_TOKEN_BYTES};
pub use jwks::JwksError;
pub use principal::{Principal, StateScope};
pub use role::{Role, RoleList, UnknownRole};
pub use secrecy::SecretString;
pub use state::{InvalidStateCode, StateCode};
pub use validator::Validator;

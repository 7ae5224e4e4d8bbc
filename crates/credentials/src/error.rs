//! Error type shared by every module of the crate.

use thiserror::Error;

/// Failure of a credential operation. Messages name the offending value and the fix,
/// and never contain key material.
#[derive(Debug, Error)]
pub enum CredentialError {
    /// Invalid input from the caller. The message names the value and the fix.
    #[error("{0}")]
    InvalidInput(String),

    /// A JSON-LD document refers to a context that is not bundled with the registry.
    #[error(
        "JSON-LD context {url} is not bundled with the registry, and contexts are never fetched \
         over the network; use one of the bundled contexts (VC 2.0, Open Badges 3.0, CLR 2.0, \
         Data Integrity, Bitstring Status List)"
    )]
    UnknownContext { url: String },

    /// JSON-LD expansion or RDF canonicalization of a document failed.
    #[error("JSON-LD processing of the credential failed: {0}")]
    JsonLd(String),

    /// A verification method or key id could not be resolved to a public key.
    #[error(
        "public key {key_id} was not found; check the verification method or kid of the credential"
    )]
    KeyNotFound { key_id: String },

    /// A sealed private key could not be opened.
    #[error(
        "sealed private key {key_id} could not be opened; it was sealed under another master key \
         or the stored value was altered"
    )]
    UnsealFailed { key_id: String },

    /// A status list has no free index left.
    #[error("status list {list_id} has no free index left among {size} entries; create a new status list")]
    StatusListFull { list_id: String, size: usize },

    /// An error from a cryptographic library that the caller cannot fix.
    #[error("cryptographic operation failed: {0}")]
    Crypto(String),
}

impl CredentialError {
    /// Returns the GraphQL `extensions.code` for this error.
    pub fn code(&self) -> &'static str {
        match self {
            CredentialError::InvalidInput(_) | CredentialError::UnknownContext { .. } => {
                "BAD_USER_INPUT"
            }
            CredentialError::JsonLd(_) => "BAD_USER_INPUT",
            CredentialError::KeyNotFound { .. } => "NOT_FOUND",
            CredentialError::StatusListFull { .. } => "CONFLICT",
            CredentialError::UnsealFailed { .. } | CredentialError::Crypto(_) => "INTERNAL",
        }
    }

    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        CredentialError::InvalidInput(message.into())
    }
}

/// Result type of the crate.
pub type Result<T> = std::result::Result<T, CredentialError>;

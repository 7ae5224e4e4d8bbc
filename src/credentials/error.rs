//! Errors of the credential feature and their GraphQL codes.

use ler_credentials::CredentialError;

use crate::error::{ApiError, ErrorCode};
use crate::graph::GraphError;

/// Failure of a credential operation. Messages name the bad value and the fix.
#[derive(Debug, thiserror::Error)]
pub enum CredentialsError {
    #[error("{0}")]
    BadInput(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    Conflict(String),
    #[error(
        "Credential issuance is not configured on this server. Set LER_CREDENTIALS_MASTER_KEY \
         to a base64 value of 32 random bytes (`openssl rand -base64 32`) and restart."
    )]
    NotConfigured,
    #[error(transparent)]
    Credential(#[from] CredentialError),
    #[error(transparent)]
    Graph(#[from] GraphError),
    /// A failure the caller cannot fix; the message is logged, never sent.
    #[error("{0}")]
    Internal(String),
}

impl CredentialsError {
    /// Returns the GraphQL `extensions.code`.
    pub fn code(&self) -> &'static str {
        match self {
            Self::BadInput(_) => "BAD_USER_INPUT",
            Self::NotFound(_) => "NOT_FOUND",
            Self::Forbidden(_) => "FORBIDDEN",
            Self::Conflict(_) => "CONFLICT",
            Self::NotConfigured => "NOT_CONFIGURED",
            Self::Internal(_) | Self::Graph(_) => "INTERNAL",
            Self::Credential(error) => error.code(),
        }
    }
}

impl From<CredentialsError> for ApiError {
    fn from(error: CredentialsError) -> Self {
        let code = match error.code() {
            "BAD_USER_INPUT" => ErrorCode::BadUserInput,
            "NOT_FOUND" => ErrorCode::NotFound,
            "FORBIDDEN" => ErrorCode::Forbidden,
            "CONFLICT" => ErrorCode::Conflict,
            "NOT_CONFIGURED" => ErrorCode::NotConfigured,
            _ => ErrorCode::Internal,
        };
        match error {
            CredentialsError::Graph(graph) => ApiError::from(graph),
            CredentialsError::Internal(message) => {
                tracing::error!(error = %message, "credential operation failed");
                ApiError { code, message: "An internal error occurred. It has been logged.".into() }
            }
            CredentialsError::Credential(inner) if code == ErrorCode::Internal => {
                tracing::error!(error = %inner, "credential operation failed");
                ApiError { code, message: "An internal error occurred. It has been logged.".into() }
            }
            other => ApiError { code, message: other.to_string() },
        }
    }
}

/// Converts an error for a resolver with its code. A plain `?` would use the blanket
/// `Display` conversion of async-graphql, which drops the code and could leak internals.
pub fn to_graphql(error: CredentialsError) -> async_graphql::Error {
    ApiError::from(error).into()
}

pub type CredentialsResult<T> = Result<T, CredentialsError>;

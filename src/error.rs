//! The error-code registry shared by every resolver, and its GraphQL mapping.

use async_graphql::ErrorExtensions;

use crate::graph::GraphError;

/// Machine-readable error codes, sent as `extensions.code`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    BadUserInput,
    NotFound,
    Unauthenticated,
    Forbidden,
    Conflict,
    RateLimited,
    QueryTooComplex,
    UpstreamUnavailable,
    /// The server runs without a setting the operation needs, such as the credential master key.
    NotConfigured,
    Internal,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::BadUserInput => "BAD_USER_INPUT",
            Self::NotFound => "NOT_FOUND",
            Self::Unauthenticated => "UNAUTHENTICATED",
            Self::Forbidden => "FORBIDDEN",
            Self::Conflict => "CONFLICT",
            Self::RateLimited => "RATE_LIMITED",
            Self::QueryTooComplex => "QUERY_TOO_COMPLEX",
            Self::UpstreamUnavailable => "UPSTREAM_UNAVAILABLE",
            Self::NotConfigured => "NOT_CONFIGURED",
            Self::Internal => "INTERNAL",
        }
    }
}

/// An error a resolver returns: a code and a sentence for the caller.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
}

impl ApiError {
    pub fn bad_input(message: impl Into<String>) -> Self {
        Self { code: ErrorCode::BadUserInput, message: message.into() }
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self { code: ErrorCode::NotFound, message: message.into() }
    }
}

impl From<GraphError> for ApiError {
    /// Logs the cause and hides it from the caller.
    fn from(error: GraphError) -> Self {
        match error {
            GraphError::Unavailable { .. } => {
                tracing::error!(error = %error, "graph store unavailable");
                Self { code: ErrorCode::UpstreamUnavailable, message: "The graph store is unavailable. Retry in a few seconds.".into() }
            }
            other => {
                tracing::error!(error = %other, "graph statement failed");
                Self { code: ErrorCode::Internal, message: "An internal error occurred. It has been logged.".into() }
            }
        }
    }
}

impl From<ApiError> for async_graphql::Error {
    fn from(error: ApiError) -> Self {
        async_graphql::Error::new(error.message).extend_with(|_, ext| ext.set("code", error.code.as_str()))
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

//! Errors of pathway queries and program links, with their GraphQL codes.

use async_graphql::ErrorExtensions;
use ler_auth::AccessError;

use crate::error::ApiError;
use crate::graph::GraphError;

#[derive(Debug, thiserror::Error)]
pub enum PathwayError {
    /// One input field is invalid; `field` is its GraphQL name.
    #[error("{message}")]
    InvalidField { field: &'static str, message: String },
    #[error("No program has the id \"{id}\". Check the id, or find the program with `programs` or `search`.")]
    ProgramNotFound { id: String },
    #[error("No {kind} link entered through the API goes from \"{from}\" to \"{to}\". Check both ids and the kind; derived and CTDL links cannot be removed.")]
    LinkNotFound { from: String, to: String, kind: &'static str },
    #[error(transparent)]
    Access(#[from] AccessError),
    #[error(transparent)]
    Graph(#[from] GraphError),
}

impl PathwayError {
    pub fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        Self::InvalidField { field, message: message.into() }
    }

    pub fn code(&self) -> &'static str {
        match self {
            Self::InvalidField { .. } => "BAD_USER_INPUT",
            Self::ProgramNotFound { .. } | Self::LinkNotFound { .. } => "NOT_FOUND",
            Self::Access(error) => error.code(),
            Self::Graph(_) => "INTERNAL",
        }
    }

    /// Converts into a GraphQL error with `code`, plus `field` for invalid input. Graph
    /// errors are logged and hidden from the caller.
    pub fn into_graphql(self) -> async_graphql::Error {
        match self {
            PathwayError::Graph(graph) => ApiError::from(graph).into(),
            PathwayError::Access(access) => crate::auth::access_error(access),
            other => {
                let code = other.code();
                let field = match &other {
                    PathwayError::InvalidField { field, .. } => Some(*field),
                    _ => None,
                };
                async_graphql::Error::new(other.to_string()).extend_with(|_, ext| {
                    ext.set("code", code);
                    if let Some(field) = field {
                        ext.set("field", field);
                    }
                })
            }
        }
    }
}

pub type PathwayResult<T> = Result<T, PathwayError>;

/// Awaits a pathway operation and converts its error for GraphQL.
pub async fn run<T>(operation: impl std::future::Future<Output = PathwayResult<T>>) -> async_graphql::Result<T> {
    operation.await.map_err(PathwayError::into_graphql)
}

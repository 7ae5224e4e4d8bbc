//! Errors of registration writes and reads, with their GraphQL codes.

use async_graphql::ErrorExtensions;
use ler_auth::AccessError;

use crate::error::ApiError;
use crate::graph::GraphError;

#[derive(Debug, thiserror::Error)]
pub enum RegistryError {
    /// One input field is invalid; `field` is its GraphQL name.
    #[error("{message}")]
    InvalidField { field: &'static str, message: String },
    #[error("No {kind} has the id \"{id}\". Check the id, or list the records to find it.")]
    NotFound { kind: &'static str, id: String },
    #[error("The {kind} \"{id}\" is at version {current}, but the request expected version {expected}. Read the record again, reapply the change and send version {current}.")]
    StaleVersion { kind: &'static str, id: String, expected: i64, current: i64 },
    #[error("The {kind} \"{id}\" is retired, so it cannot change. Create a new record instead.")]
    Retired { kind: &'static str, id: String },
    #[error("A {kind} with the id \"{id}\" already exists. Update it with `update{kind}`, or choose another id.")]
    AlreadyExists { kind: &'static str, id: String },
    #[error(transparent)]
    Access(#[from] AccessError),
    #[error(transparent)]
    Graph(#[from] GraphError),
}

impl RegistryError {
    pub fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        Self::InvalidField { field, message: message.into() }
    }

    pub fn code(&self) -> &'static str {
        match self {
            Self::InvalidField { .. } => "BAD_USER_INPUT",
            Self::NotFound { .. } => "NOT_FOUND",
            Self::StaleVersion { .. } | Self::Retired { .. } | Self::AlreadyExists { .. } => "CONFLICT",
            Self::Access(error) => error.code(),
            Self::Graph(_) => "INTERNAL",
        }
    }
}

impl RegistryError {
    /// Converts into a GraphQL error with `code`, and `field`, `reason` or
    /// `currentVersion` where they apply. Resolvers must use this, never `?`: the blanket
    /// `From<Display>` conversion of async-graphql would send graph errors to the caller.
    pub fn into_graphql(self) -> async_graphql::Error {
        match self {
            // The graph error is logged there and hidden from the caller.
            RegistryError::Graph(graph) => ApiError::from(graph).into(),
            RegistryError::Access(access) => crate::auth::access_error(access),
            other => {
                let code = other.code();
                let field = match &other {
                    RegistryError::InvalidField { field, .. } => Some(*field),
                    _ => None,
                };
                let current = match &other {
                    RegistryError::StaleVersion { current, .. } => Some(*current),
                    _ => None,
                };
                async_graphql::Error::new(other.to_string()).extend_with(|_, ext| {
                    ext.set("code", code);
                    if let Some(field) = field {
                        ext.set("field", field);
                    }
                    if let Some(current) = current {
                        ext.set("currentVersion", current);
                    }
                })
            }
        }
    }
}

pub type RegistryResult<T> = Result<T, RegistryError>;

/// Awaits a registry operation and converts its error for GraphQL.
pub async fn run<T>(operation: impl std::future::Future<Output = RegistryResult<T>>) -> async_graphql::Result<T> {
    operation.await.map_err(RegistryError::into_graphql)
}

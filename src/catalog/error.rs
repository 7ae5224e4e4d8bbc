//! Errors of catalog ingest, publishing and alignment.

use crate::error::{ApiError, ErrorCode};
use crate::graph::GraphError;

/// An error from ingesting, publishing or aligning a catalog.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error(transparent)]
    Parse(#[from] ler_catalog::CatalogError),
    #[error("The document text is not valid base64 ({reason}). Send plain text in `text`, or standard base64 in `base64`.")]
    BadBase64 { reason: String },
    #[error("The input sets {given}. Set exactly one of `text` or `base64`.")]
    DocumentContent { given: &'static str },
    #[error("The document name \"{name}\" is invalid: {reason}")]
    BadName { name: String, reason: &'static str },
    #[error("The provider id \"{id}\" is invalid: use 1 to 120 letters, digits, '-', '_', '.' or ':'.")]
    BadProviderId { id: String },
    #[error("No catalog document has the id \"{id}\". Use the `documentId` that `ingestCatalog` returned.")]
    DocumentNotFound { id: String },
    #[error("No program has the id \"{id}\". Pass a registry id such as \"ipeds-141006:program:WAJ2\".")]
    ProgramNotFound { id: String },
    #[error("The CIP code \"{code}\" is not in the registry. Use a six-digit CIP 2020 code such as \"48.0508\".")]
    CipNotFound { code: String },
    #[error("The document \"{name}\" has no program, course or prerequisite row the {format} parser recognizes, so nothing was stored. Check that it is a course catalog in plain text, HTML, JSON or CSV, optionally gzipped, and that its name ends with the matching extension.")]
    NothingRecognized { name: String, format: String },
    #[error("The stored catalog state of document \"{id}\" could not be decoded: {reason}")]
    StoredState { id: String, reason: String },
    #[error(transparent)]
    Graph(#[from] GraphError),
}

impl IngestError {
    /// Returns the GraphQL error code reported for this error.
    pub fn code(&self) -> &'static str {
        self.error_code().as_str()
    }

    fn error_code(&self) -> ErrorCode {
        match self {
            IngestError::Parse(inner) if inner.code() == "BAD_USER_INPUT" => ErrorCode::BadUserInput,
            IngestError::Parse(_) => ErrorCode::Internal,
            IngestError::BadBase64 { .. }
            | IngestError::DocumentContent { .. }
            | IngestError::BadName { .. }
            | IngestError::BadProviderId { .. }
            | IngestError::NothingRecognized { .. } => ErrorCode::BadUserInput,
            IngestError::DocumentNotFound { .. } | IngestError::ProgramNotFound { .. } | IngestError::CipNotFound { .. } => {
                ErrorCode::NotFound
            }
            IngestError::StoredState { .. } => ErrorCode::Internal,
            IngestError::Graph(_) => ErrorCode::Internal,
        }
    }
}

impl From<IngestError> for ApiError {
    /// Hides graph and internal causes from the caller and logs them.
    fn from(error: IngestError) -> Self {
        match error {
            IngestError::Graph(inner) => ApiError::from(inner),
            other if other.error_code() == ErrorCode::Internal => {
                tracing::error!(error = %other, "catalog ingest failed");
                ApiError { code: ErrorCode::Internal, message: "An internal error occurred. It has been logged.".into() }
            }
            other => ApiError { code: other.error_code(), message: other.to_string() },
        }
    }
}

//! Errors returned by catalog reading, parsing and CTDL conversion.

use thiserror::Error;

/// An error from reading or parsing a catalog or a CTDL document.
#[derive(Debug, Error)]
pub enum CatalogError {
    #[error("document {name} is empty; provide a catalog file with course or program text")]
    Empty { name: String },

    #[error(
        "document {name} is larger than the limit of {limit} bytes; split the catalog into \
         smaller files or raise ParseOptions::max_document_bytes"
    )]
    TooLarge { name: String, limit: usize },

    #[error(
        "document {name} is not UTF-8 text (invalid byte at offset {offset}); convert it to \
         UTF-8, or extract the text first if it is a PDF or another binary format"
    )]
    NotText { name: String, offset: usize },

    #[error("document {name} is not valid gzip data: {reason}; check that the file is complete")]
    BadGzip { name: String, reason: String },

    #[error("document {name} is not valid JSON at line {line}, column {column}: {reason}")]
    BadJson {
        name: String,
        line: usize,
        column: usize,
        reason: String,
    },

    #[error("document {name} is not valid CSV at byte {offset}: {reason}")]
    BadCsv {
        name: String,
        offset: u64,
        reason: String,
    },

    #[error(
        "document {name} has an unsupported layout: {reason}; supported inputs are catalog \
         text, HTML, JSON course arrays, CSV course tables and CSV prerequisite tables"
    )]
    UnsupportedLayout { name: String, reason: String },

    #[error("CTDL document {name} is invalid: {reason}")]
    BadCtdl { name: String, reason: String },

    #[error("record {key} has no CTID; set ceterms:ctid (format ce-<UUID>) before exporting")]
    MissingCtid { key: String },

    #[error("failed to read {path}: {reason}")]
    Io { path: String, reason: String },

    #[error("extractor output is invalid: {reason}")]
    InvalidExtraction { reason: String },

    #[error("extractor endpoint {endpoint} failed: {reason}")]
    ExtractorFailed { endpoint: String, reason: String },
}

impl CatalogError {
    /// Returns the GraphQL error code that the API layer reports for this error.
    pub fn code(&self) -> &'static str {
        match self {
            CatalogError::Io { .. } => "INTERNAL",
            CatalogError::InvalidExtraction { .. } => "INTERNAL",
            CatalogError::ExtractorFailed { .. } => "INTERNAL",
            _ => "BAD_USER_INPUT",
        }
    }
}

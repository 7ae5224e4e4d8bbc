//! Lossless course catalog parsing, CIP inference and CTDL JSON-LD import and export.
//!
//! The crate is pure: it reads documents from memory or a file path and returns records.
//! Every parsed record keeps the source spans it came from, and text that no record
//! explains is kept as remainders, so the spans of a [`ParsedCatalog`] always reassemble
//! the decoded source byte for byte (see [`ParsedCatalog::reassemble`]).

mod assemble;
mod award;
pub mod cip;
mod codes;
mod csv_catalog;
pub mod ctdl;
mod ctdl_export;
pub mod diff;
mod error;
mod extractor;
mod fees;
mod http;
mod json_catalog;
mod lines;
mod links;
mod model;
pub mod openai;
mod source;
mod text;
mod text_courses;
mod text_programs;

pub use codes::{course_key, find_course_codes, program_key};
pub use error::CatalogError;
pub use extractor::{check_extraction, Extractor, RuleBasedExtractor};
pub use links::{link_key, requisite_groups};
pub use model::{
    AwardLevel, ClassificationCode, CostEstimate, Course, FeeItem, Link, LinkKind, Money,
    ParsedCatalog, Program, Quantity, Remainder, Span,
};
pub use source::{detect_format, Format, SourceDocument, MAX_DOCUMENT_BYTES};

/// Settings for one parse.
#[derive(Debug, Clone)]
pub struct ParseOptions {
    /// Prefix of every natural key, for example "sgtc"; identifies the institution.
    pub institution: String,
    /// Maximum decoded document size in bytes; larger documents are rejected.
    pub max_document_bytes: usize,
}

impl ParseOptions {
    /// Options for `institution` with the default size limit.
    pub fn new(institution: &str) -> ParseOptions {
        ParseOptions {
            institution: institution.to_string(),
            max_document_bytes: MAX_DOCUMENT_BYTES,
        }
    }
}

/// Parses a catalog document with the rule-based extractor and checks the result.
pub fn parse_catalog(
    doc: &SourceDocument,
    opts: &ParseOptions,
) -> Result<ParsedCatalog, CatalogError> {
    RuleBasedExtractor.extract(doc, opts)
}

/// Decodes uploaded bytes (plain or gzip) named `name` and parses them.
pub fn parse_catalog_bytes(
    name: &str,
    bytes: Vec<u8>,
    opts: &ParseOptions,
) -> Result<ParsedCatalog, CatalogError> {
    let doc = SourceDocument::from_bytes(name, bytes, opts.max_document_bytes)?;
    parse_catalog(&doc, opts)
}

/// Reads a catalog file (plain or `.gz`) and parses it.
pub fn parse_catalog_file(
    path: &std::path::Path,
    opts: &ParseOptions,
) -> Result<ParsedCatalog, CatalogError> {
    let doc = SourceDocument::read_file(path, opts.max_document_bytes)?;
    parse_catalog(&doc, opts)
}

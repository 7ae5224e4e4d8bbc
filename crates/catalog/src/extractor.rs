//! The extractor interface and the checks every extractor's output must pass.

use std::collections::HashSet;

use crate::error::CatalogError;
use crate::model::ParsedCatalog;
use crate::source::{Format, SourceDocument};
use crate::{csv_catalog, json_catalog, text, ParseOptions};

/// Turns a source document into catalog records.
///
/// Implementations must return spans that tile the document exactly; callers run
/// [`check_extraction`] on the result before storing it.
pub trait Extractor {
    /// Extracts records from `doc`.
    fn extract(
        &self,
        doc: &SourceDocument,
        opts: &ParseOptions,
    ) -> Result<ParsedCatalog, CatalogError>;
}

/// The default extractor, built from layout rules and regular expressions.
#[derive(Debug, Clone, Copy, Default)]
pub struct RuleBasedExtractor;

impl Extractor for RuleBasedExtractor {
    fn extract(
        &self,
        doc: &SourceDocument,
        opts: &ParseOptions,
    ) -> Result<ParsedCatalog, CatalogError> {
        if doc.text.len() > opts.max_document_bytes {
            return Err(CatalogError::TooLarge {
                name: doc.name.clone(),
                limit: opts.max_document_bytes,
            });
        }
        let catalog = match doc.format {
            Format::Text | Format::Html => text::parse(doc, &opts.institution),
            Format::Json => json_catalog::parse(doc, &opts.institution)?,
            Format::Csv => csv_catalog::parse(doc, &opts.institution)?,
        };
        check_extraction(doc, &catalog)?;
        Ok(catalog)
    }
}

/// Checks that spans tile the source without gaps or overlaps, that each span's text
/// matches the source, and that record and link keys are unique.
pub fn check_extraction(doc: &SourceDocument, catalog: &ParsedCatalog) -> Result<(), CatalogError> {
    let invalid = |reason: String| CatalogError::InvalidExtraction { reason };
    let mut position = 0;
    for span in catalog.all_spans() {
        if span.start != position {
            return Err(invalid(format!(
                "spans of {} leave a gap or overlap at byte {position} (next span starts at {})",
                doc.name, span.start
            )));
        }
        let source = doc.text.get(span.start..span.end).ok_or_else(|| {
            invalid(format!(
                "span {}..{} is outside {} or splits a character",
                span.start, span.end, doc.name
            ))
        })?;
        if source != span.text {
            return Err(invalid(format!(
                "span {}..{} text differs from {}",
                span.start, span.end, doc.name
            )));
        }
        position = span.end;
    }
    if position != doc.text.len() {
        return Err(invalid(format!(
            "spans of {} end at byte {position} but the document has {} bytes",
            doc.name,
            doc.text.len()
        )));
    }
    let mut keys = HashSet::new();
    let record_keys = catalog
        .courses
        .iter()
        .map(|c| &c.key)
        .chain(catalog.programs.iter().map(|p| &p.key))
        .chain(catalog.links.iter().map(|l| &l.key));
    for key in record_keys {
        if !keys.insert(key) {
            return Err(invalid(format!(
                "key {key} is used by more than one record"
            )));
        }
    }
    Ok(())
}

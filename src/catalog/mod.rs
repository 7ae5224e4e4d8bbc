//! Catalog ingest: parses course catalogs with `ler-catalog` and stores their programs,
//! courses, links and unparsed remainders in the graph, one transaction per document.

pub mod cli;
pub mod course;
pub mod error;
pub mod graphql;
pub mod rows;
pub mod seed;
pub mod statements;
pub mod store;

use ler_catalog::{ParseOptions, ParsedCatalog};

pub use error::IngestError;
pub use store::{ingest, publish, reassemble, IngestReport, IngestTarget};

use crate::graph::Graph;

/// Maximum length in characters of a provider id given to a catalog ingest.
const MAX_PROVIDER_ID_CHARS: usize = 120;

/// One catalog document to ingest.
#[derive(Debug, Clone)]
pub struct IngestRequest {
    /// File name; selects the parser (`.txt`, `.html`, `.json`, `.csv`, optionally `.gz`).
    pub name: String,
    pub bytes: Vec<u8>,
    /// Institution name, used to find the provider in IPEDS when no provider id is given.
    pub institution: Option<String>,
    pub provider_id: Option<String>,
    pub state: Option<String>,
    pub publish: bool,
}

/// Parses and stores one document. The provider is `provider_id` when given, else the
/// IPEDS institution whose name equals `institution`, else `catalog-<slug of name>`.
pub async fn ingest_document(graph: &Graph, request: IngestRequest) -> Result<IngestReport, IngestError> {
    check_name(&request.name)?;
    let provider_id = match &request.provider_id {
        Some(id) => check_provider_id(id)?,
        None => match &request.institution {
            Some(name) => match store::find_institution(graph, name).await? {
                Some(id) => id,
                None => format!("catalog-{}", slug(name)),
            },
            None => format!("catalog-{}", slug(&request.name)),
        },
    };
    let provider_name = request.institution.clone().unwrap_or_else(|| provider_id.clone());
    let opts = ParseOptions::new(&provider_id);
    let document = ler_catalog::SourceDocument::from_bytes(&request.name, request.bytes, opts.max_document_bytes)?;
    let catalog: ParsedCatalog = ler_catalog::parse_catalog(&document, &opts)?;
    if catalog.programs.is_empty() && catalog.courses.is_empty() && catalog.links.is_empty() {
        return Err(IngestError::NothingRecognized { name: request.name.chars().take(200).collect(), format: format!("{:?}", catalog.format).to_lowercase() });
    }
    let source = catalog.reassemble();
    let cip = store::load_cip_index(graph).await?;
    let target = IngestTarget { provider_id, provider_name, state: request.state, publish: request.publish };
    let report = store::ingest(graph, &catalog, &source, &target, Some(&cip)).await?;
    // NOTE: stack links are derived in a second transaction after the ingest commits.
    crate::pathways::derive_stacks(graph, &report.provider_id).await?;
    Ok(report)
}

fn check_name(name: &str) -> Result<(), IngestError> {
    let bad = |reason| Err(IngestError::BadName { name: name.chars().take(200).collect(), reason });
    if name.trim().is_empty() {
        return bad("it is empty. Pass the file name, for example \"catalog.txt\".");
    }
    if name.chars().count() > 200 {
        return bad("it is longer than 200 characters. Shorten it.");
    }
    if name.chars().any(char::is_control) {
        return bad("it contains control characters. Remove them.");
    }
    Ok(())
}

fn check_provider_id(id: &str) -> Result<String, IngestError> {
    let id = id.trim();
    let valid_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':');
    if id.is_empty() || id.chars().count() > MAX_PROVIDER_ID_CHARS || !id.chars().all(valid_char) {
        return Err(IngestError::BadProviderId { id: id.chars().take(MAX_PROVIDER_ID_CHARS).collect() });
    }
    Ok(id.to_string())
}

/// Lowercase ASCII letters and digits joined by single dashes.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_joins_words_with_dashes() {
        assert_eq!(slug("South Georgia Technical College"), "south-georgia-technical-college");
        assert_eq!(slug("  a--b  "), "a-b");
    }

    #[test]
    fn provider_id_rejects_spaces() {
        assert!(check_provider_id("ipeds 1").is_err());
        assert!(check_provider_id("").is_err());
        assert_eq!(check_provider_id(" ipeds-141006 ").unwrap(), "ipeds-141006");
    }

    #[test]
    fn document_name_rejects_control_characters() {
        assert!(check_name("a\u{0}b.txt").is_err());
        assert!(check_name("   ").is_err());
        assert!(check_name("catalog.txt").is_ok());
    }
}

//! JSON-LD to RDF conversion and RDF Dataset Canonicalization (RDFC-1.0).
//!
//! Expansion and RDF conversion use `oxjsonld`; canonicalization uses `rdf-canon`. The two
//! crates depend on different `oxrdf` versions, so quads are converted term by term.

use std::sync::{Arc, Mutex};

use oxjsonld::{JsonLdParser, JsonLdRemoteDocument};
use rdf_canon::{canonicalize_quads_with, CanonicalizationOptions};
use serde_json::Value;
use sha2::Sha256;

use crate::contexts::load_context;
use crate::error::{CredentialError, Result};

/// Upper bound on "hash N-degree quads" calls, which stops crafted documents whose
/// blank-node graphs make RDFC-1.0 run for exponential time. Ordinary credentials, including
/// CLRs with dozens of nested credentials, need far fewer calls.
const HASH_N_DEGREE_CALL_LIMIT: usize = 10_000;

/// IRI prefix that [`undefined_terms`] gives to terms no context defines.
const UNDEFINED_TERM_VOCAB: &str = "urn:ler-credentials:undefined-term#";

/// Converts a JSON-LD document to RDF with the bundled contexts and returns its canonical
/// N-Quads, each line ending with a newline.
///
/// NOTE: properties that no context defines are dropped by JSON-LD expansion, so they are
/// not covered by a signature; [`undefined_terms`] finds them. Also, oxjsonld 0.2.7 applies
/// only the last type-scoped context of a node with several types, so a term defined only
/// by an earlier type (CLR `partial` under ClrCredential) is dropped, where pyld keeps it.
pub fn canonicalize(document: &Value) -> Result<String> {
    let quads: Vec<oxrdf_canon::Quad> = to_quads(document)?.into_iter().map(convert_quad).collect();
    let options = CanonicalizationOptions {
        hndq_call_limit: Some(HASH_N_DEGREE_CALL_LIMIT),
    };
    canonicalize_quads_with::<Sha256>(&quads, &options)
        .map_err(|e| CredentialError::JsonLd(format!("RDF canonicalization failed: {e}")))
}

/// Returns the properties and types of a document that no JSON-LD context defines, sorted
/// and without duplicates. JSON-LD expansion would silently drop them, so a Data Integrity
/// proof would not cover them.
///
/// It appends a context whose `@vocab` maps every undefined term to a marker IRI, which is
/// the approach of the W3C "undefined terms" context, and looks for that IRI in the RDF.
pub fn undefined_terms(document: &Value) -> Result<Vec<String>> {
    let mut marked = document.clone();
    let Some(object) = marked.as_object_mut() else {
        return Err(CredentialError::invalid(
            "the JSON-LD document must be a JSON object",
        ));
    };
    let mut contexts = match object.remove("@context") {
        Some(Value::Array(contexts)) => contexts,
        Some(context) => vec![context],
        None => Vec::new(),
    };
    contexts.push(serde_json::json!({ "@vocab": UNDEFINED_TERM_VOCAB }));
    object.insert("@context".into(), Value::Array(contexts));

    let mut terms = std::collections::BTreeSet::new();
    for quad in to_quads(&marked)? {
        if let Some(term) = quad.predicate.as_str().strip_prefix(UNDEFINED_TERM_VOCAB) {
            terms.insert(term.to_string());
        }
        if let oxrdf::Term::NamedNode(node) = &quad.object {
            if let Some(term) = node.as_str().strip_prefix(UNDEFINED_TERM_VOCAB) {
                terms.insert(term.to_string());
            }
        }
    }
    Ok(terms.into_iter().collect())
}

/// Converts a JSON-LD document to RDF quads, loading contexts only from the bundle.
fn to_quads(document: &Value) -> Result<Vec<oxrdf::Quad>> {
    let bytes = serde_json::to_vec(document)
        .map_err(|e| CredentialError::JsonLd(format!("document could not be serialized: {e}")))?;
    let unknown_context: Arc<Mutex<Option<String>>> = Arc::new(Mutex::new(None));
    let unknown_for_loader = Arc::clone(&unknown_context);

    let parser = JsonLdParser::new()
        .for_slice(&bytes)
        .with_load_document_callback(move |url, _options| match load_context(url) {
            Ok(document) => Ok(JsonLdRemoteDocument {
                document: document.to_vec(),
                document_url: url.to_string(),
            }),
            Err(error) => {
                if let Ok(mut slot) = unknown_for_loader.lock() {
                    *slot = Some(url.to_string());
                }
                Err(Box::new(error))
            }
        });

    let mut quads = Vec::new();
    for quad in parser {
        match quad {
            Ok(quad) => quads.push(quad),
            Err(error) => {
                let missing = unknown_context.lock().ok().and_then(|slot| slot.clone());
                return Err(match missing {
                    Some(url) => CredentialError::UnknownContext { url },
                    None => CredentialError::JsonLd(error.to_string()),
                });
            }
        }
    }
    Ok(quads)
}

fn convert_quad(quad: oxrdf::Quad) -> oxrdf_canon::Quad {
    let subject: oxrdf_canon::Subject = match quad.subject {
        oxrdf::NamedOrBlankNode::NamedNode(node) => convert_named(node).into(),
        oxrdf::NamedOrBlankNode::BlankNode(node) => convert_blank(node).into(),
    };
    let graph_name = match quad.graph_name {
        oxrdf::GraphName::DefaultGraph => oxrdf_canon::GraphName::DefaultGraph,
        oxrdf::GraphName::NamedNode(node) => convert_named(node).into(),
        oxrdf::GraphName::BlankNode(node) => convert_blank(node).into(),
    };
    oxrdf_canon::Quad::new(
        subject,
        convert_named(quad.predicate),
        convert_term(quad.object),
        graph_name,
    )
}

fn convert_term(term: oxrdf::Term) -> oxrdf_canon::Term {
    match term {
        oxrdf::Term::NamedNode(node) => convert_named(node).into(),
        oxrdf::Term::BlankNode(node) => convert_blank(node).into(),
        oxrdf::Term::Literal(literal) => {
            let (value, datatype, language) = literal.destruct();
            match (datatype, language) {
                (_, Some(language)) => {
                    oxrdf_canon::Literal::new_language_tagged_literal_unchecked(value, language)
                        .into()
                }
                (Some(datatype), None) => {
                    oxrdf_canon::Literal::new_typed_literal(value, convert_named(datatype)).into()
                }
                (None, None) => oxrdf_canon::Literal::new_simple_literal(value).into(),
            }
        }
    }
}

// Both crates validate IRIs and blank node ids the same way, so the unchecked
// constructors receive values that were already checked by oxrdf 0.3.
fn convert_named(node: oxrdf::NamedNode) -> oxrdf_canon::NamedNode {
    oxrdf_canon::NamedNode::new_unchecked(node.into_string())
}

fn convert_blank(node: oxrdf::BlankNode) -> oxrdf_canon::BlankNode {
    oxrdf_canon::BlankNode::new_unchecked(node.into_string())
}

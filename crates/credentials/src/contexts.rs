//! JSON-LD contexts bundled at build time, and a document loader that serves only them.
//!
//! The files come from `seeds/standards/contexts` (origin and license in the SOURCES.md
//! there). Signing and verification never touch the network: a context URL that is not
//! in [`BUNDLED_CONTEXTS`] fails with [`CredentialError::UnknownContext`].

use crate::error::CredentialError;

/// VC Data Model 2.0 context URL.
pub const VC_V2_CONTEXT: &str = "https://www.w3.org/ns/credentials/v2";
/// Open Badges 3.0.3 context URL.
pub const OB_V3P0_CONTEXT: &str = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
/// CLR 2.0.1 context URL.
pub const CLR_V2P0_CONTEXT: &str = "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json";
/// Open Badges 3.0 extensions context URL, which CLR 2.0 documents also use.
pub const OB_EXTENSIONS_CONTEXT: &str = "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json";

macro_rules! context_file {
    ($name:literal) => {
        include_bytes!(concat!("../../../seeds/standards/contexts/", $name))
    };
}

/// Context URL and document pairs served by [`load_context`].
pub const BUNDLED_CONTEXTS: &[(&str, &[u8])] = &[
    (VC_V2_CONTEXT, context_file!("credentials-v2.jsonld")),
    (
        "https://www.w3.org/2018/credentials/v1",
        context_file!("2018-credentials-v1.jsonld"),
    ),
    (OB_V3P0_CONTEXT, context_file!("ob-v3p0-3.0.3.json")),
    (
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json",
        context_file!("ob-v3p0-3.0.2.json"),
    ),
    (
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json",
        context_file!("ob-v3p0-3.0.1.json"),
    ),
    (
        "https://purl.imsglobal.org/spec/ob/v3p0/context.json",
        context_file!("ob-v3p0.json"),
    ),
    (
        OB_EXTENSIONS_CONTEXT,
        context_file!("ob-v3p0-extensions.json"),
    ),
    (CLR_V2P0_CONTEXT, context_file!("clr-v2p0-2.0.1.json")),
    (
        "https://purl.imsglobal.org/spec/clr/v2p0/context.json",
        context_file!("clr-v2p0.json"),
    ),
    (
        "https://w3id.org/security/data-integrity/v1",
        context_file!("data-integrity-v1.jsonld"),
    ),
    (
        "https://www.w3.org/ns/credentials/status/v1",
        context_file!("bitstring_status_list_context_v1.jsonld"),
    ),
    (
        "https://www.w3.org/ns/did/v1",
        context_file!("did-v1.jsonld"),
    ),
    (
        "https://w3id.org/security/suites/ed25519-2020/v1",
        context_file!("security-suites-ed25519-2020-v1.jsonld"),
    ),
    (
        "https://www.w3.org/ns/odrl.jsonld",
        context_file!("odrl.jsonld"),
    ),
];

/// Returns the bundled document for a context URL, or an error naming the URL.
pub fn load_context(url: &str) -> Result<&'static [u8], CredentialError> {
    BUNDLED_CONTEXTS
        .iter()
        .find(|(known, _)| *known == url)
        .map(|(_, document)| *document)
        .ok_or_else(|| CredentialError::UnknownContext {
            url: url.to_string(),
        })
}

//! Open Badges 3.0 and CLR 2.0 credentials for the registry: documents, issuer keys,
//! VC-JWT and Data Integrity signing, Bitstring Status Lists, and verification.
//!
//! The crate does no I/O. JSON-LD contexts and JSON schemas are compiled in from
//! `seeds/standards`. Keys and status lists reach verification through the [`KeyResolver`]
//! and [`StatusLookup`] traits, which the server implements over its graph.

pub mod canon;
pub mod contexts;
pub mod data_integrity;
pub mod did;
pub mod documents;
pub mod encoding;
pub mod error;
pub mod jwt;
pub mod keys;
pub mod public_key;
pub mod schema;
mod status_check;
pub mod status_list;
pub mod verify;
mod verify_proof;

pub use data_integrity::{sign_data_integrity, verify_data_integrity_proof};
pub use did::{
    build_did_document, build_jwks, did_web_for_issuer, verification_method_id, KeyState,
    PublishedKey,
};
pub use documents::achievement::{
    build_achievement_credential, AchievementDefinition, AchievementInput, Alignment, Evidence,
};
pub use documents::clr::{build_clr_credential, Association, AssociationType, ClrInput};
pub use documents::endorsement::{build_endorsement_credential, EndorsementInput};
pub use documents::profile::{IssuerProfile, Recipient, RecipientIdentifier};
pub use error::{CredentialError, Result};
pub use jwt::{sign_vc_jwt, JwtAlgorithm};
pub use keys::{IssuerKey, KeyAlgorithm, MasterKey, SealedKey};
pub use public_key::{resolve_did_key, PublicKey};
pub use status_list::{
    build_status_list_credential, status_list_entry, StatusList, StatusPurpose,
    MIN_STATUS_LIST_SIZE,
};
pub use verify::{
    verify_credential, verify_credential_text, Check, KeyResolver, ProofFormat, StatusLookup,
    VerifiableInput, VerificationReport,
};

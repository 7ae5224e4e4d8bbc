//! Multibase, multicodec and base64url helpers used by keys, proofs and status lists.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

use crate::error::{CredentialError, Result};

/// Multicodec prefix (varint of 0xed) of an Ed25519 public key.
pub(crate) const MULTICODEC_ED25519_PUB: [u8; 2] = [0xed, 0x01];
/// Multicodec prefix (varint of 0x1200) of a compressed P-256 public key.
pub(crate) const MULTICODEC_P256_PUB: [u8; 2] = [0x80, 0x24];

/// Encodes bytes as multibase base58btc, the `z` prefix followed by base58 (Bitcoin alphabet).
pub fn encode_base58btc(bytes: &[u8]) -> String {
    format!("z{}", bs58::encode(bytes).into_string())
}

/// Decodes a multibase base58btc string. `label` names the value in the error message.
pub fn decode_base58btc(value: &str, label: &str) -> Result<Vec<u8>> {
    let Some(body) = value.strip_prefix('z') else {
        return Err(CredentialError::invalid(format!(
            "{label} '{value}' is not multibase base58btc; it must start with 'z'"
        )));
    };
    bs58::decode(body).into_vec().map_err(|e| {
        CredentialError::invalid(format!("{label} '{value}' is not valid base58btc: {e}"))
    })
}

/// Encodes bytes as unpadded base64url.
pub fn encode_base64url(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Decodes unpadded (or padded) base64url. `label` names the value in the error message.
pub fn decode_base64url(value: &str, label: &str) -> Result<Vec<u8>> {
    URL_SAFE_NO_PAD
        .decode(value.trim_end_matches('='))
        .map_err(|e| CredentialError::invalid(format!("{label} is not valid base64url: {e}")))
}

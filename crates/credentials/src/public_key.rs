//! Public keys in the forms verifiers meet them: JWK, Multikey (multibase) and `did:key`.

use openssl::bn::BigNumContext;
use openssl::ec::{EcGroup, EcPoint, PointConversionForm};
use openssl::nid::Nid;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::encoding::{
    decode_base58btc, decode_base64url, encode_base58btc, encode_base64url, MULTICODEC_ED25519_PUB,
    MULTICODEC_P256_PUB,
};
use crate::error::{CredentialError, Result};
use crate::keys::KeyAlgorithm;

/// A public verification key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PublicKey {
    /// Ed25519 public key, 32 bytes.
    Ed25519([u8; 32]),
    /// P-256 public key as big-endian affine coordinates.
    P256 { x: [u8; 32], y: [u8; 32] },
    /// RSA public key as big-endian modulus and exponent.
    Rsa { n: Vec<u8>, e: Vec<u8> },
}

impl PublicKey {
    /// Returns the algorithm family of the key.
    pub fn algorithm(&self) -> KeyAlgorithm {
        match self {
            PublicKey::Ed25519(_) => KeyAlgorithm::Ed25519,
            PublicKey::P256 { .. } => KeyAlgorithm::P256,
            PublicKey::Rsa { .. } => KeyAlgorithm::Rsa2048,
        }
    }

    /// Returns the public JWK (RFC 7517), without `kid`, `alg` or private members.
    pub fn to_jwk(&self) -> Value {
        match self {
            PublicKey::Ed25519(bytes) => {
                json!({"kty": "OKP", "crv": "Ed25519", "x": encode_base64url(bytes)})
            }
            PublicKey::P256 { x, y } => json!({
                "kty": "EC", "crv": "P-256",
                "x": encode_base64url(x), "y": encode_base64url(y)
            }),
            PublicKey::Rsa { n, e } => {
                json!({"kty": "RSA", "n": encode_base64url(n), "e": encode_base64url(e)})
            }
        }
    }

    /// Parses a public JWK of type OKP (Ed25519), EC (P-256) or RSA.
    pub fn from_jwk(jwk: &Value) -> Result<Self> {
        if jwk.get("d").is_some() {
            return Err(CredentialError::invalid(
                "the JWK contains a private key member 'd'; pass only the public key",
            ));
        }
        let member = |name: &str| -> Result<Vec<u8>> {
            let value = jwk.get(name).and_then(Value::as_str).ok_or_else(|| {
                CredentialError::invalid(format!("the JWK has no string member '{name}'"))
            })?;
            decode_base64url(value, &format!("JWK member '{name}'"))
        };
        let kty = jwk.get("kty").and_then(Value::as_str).unwrap_or_default();
        let crv = jwk.get("crv").and_then(Value::as_str).unwrap_or_default();
        match (kty, crv) {
            ("OKP", "Ed25519") => Ok(PublicKey::Ed25519(fixed_32(&member("x")?, "Ed25519 x")?)),
            ("EC", "P-256") => Ok(PublicKey::P256 {
                x: fixed_32(&member("x")?, "P-256 x")?,
                y: fixed_32(&member("y")?, "P-256 y")?,
            }),
            ("RSA", _) => Ok(PublicKey::Rsa {
                n: member("n")?,
                e: member("e")?,
            }),
            _ => Err(CredentialError::invalid(format!(
                "JWK with kty '{kty}' and crv '{crv}' is not supported; use OKP/Ed25519, \
                 EC/P-256 or RSA"
            ))),
        }
    }

    /// Returns the Multikey `publicKeyMultibase` value (base58btc of the multicodec key).
    /// RSA keys have no Multikey form in use here and return an error.
    pub fn to_multibase(&self) -> Result<String> {
        match self {
            PublicKey::Ed25519(bytes) => {
                let mut encoded = MULTICODEC_ED25519_PUB.to_vec();
                encoded.extend_from_slice(bytes);
                Ok(encode_base58btc(&encoded))
            }
            PublicKey::P256 { x, y } => {
                let mut encoded = MULTICODEC_P256_PUB.to_vec();
                encoded.extend_from_slice(&compress_p256(x, y));
                Ok(encode_base58btc(&encoded))
            }
            PublicKey::Rsa { .. } => Err(CredentialError::invalid(
                "RSA keys have no Multikey encoding here; publish them as JsonWebKey",
            )),
        }
    }

    /// Parses a Multikey `publicKeyMultibase` value holding an Ed25519 or P-256 key.
    pub fn from_multibase(value: &str) -> Result<Self> {
        let bytes = decode_base58btc(value, "public key multibase")?;
        if let Some(key) = bytes.strip_prefix(&MULTICODEC_ED25519_PUB) {
            return Ok(PublicKey::Ed25519(fixed_32(key, "Ed25519 public key")?));
        }
        if let Some(key) = bytes.strip_prefix(&MULTICODEC_P256_PUB) {
            let (x, y) = decompress_p256(key)?;
            return Ok(PublicKey::P256 { x, y });
        }
        Err(CredentialError::invalid(format!(
            "public key multibase '{value}' is neither an Ed25519 (0xed) nor a P-256 (0x1200) \
             multicodec key"
        )))
    }

    /// Returns the `did:key` DID of an Ed25519 or P-256 key.
    pub fn to_did_key(&self) -> Result<String> {
        Ok(format!("did:key:{}", self.to_multibase()?))
    }

    /// Returns the JWK thumbprint (RFC 7638, SHA-256, base64url).
    pub fn thumbprint(&self) -> String {
        let jwk = self.to_jwk();
        let required: &[&str] = match self {
            PublicKey::Ed25519(_) => &["crv", "kty", "x"],
            PublicKey::P256 { .. } => &["crv", "kty", "x", "y"],
            PublicKey::Rsa { .. } => &["e", "kty", "n"],
        };
        // Members in lexicographic order without whitespace, as RFC 7638 section 3 requires.
        let members: Vec<String> = required
            .iter()
            .map(|name| format!("\"{name}\":{}", jwk[*name]))
            .collect();
        let canonical = format!("{{{}}}", members.join(","));
        encode_base64url(&Sha256::digest(canonical.as_bytes()))
    }
}

/// Resolves a `did:key` DID or DID URL (`did:key:z...#z...`) to its public key.
pub fn resolve_did_key(did_url: &str) -> Result<PublicKey> {
    let without_fragment = did_url.split('#').next().unwrap_or(did_url);
    let Some(multibase) = without_fragment.strip_prefix("did:key:") else {
        return Err(CredentialError::invalid(format!(
            "'{did_url}' is not a did:key DID"
        )));
    };
    PublicKey::from_multibase(multibase)
}

fn fixed_32(bytes: &[u8], label: &str) -> Result<[u8; 32]> {
    bytes.try_into().map_err(|_| {
        CredentialError::invalid(format!("{label} has {} bytes; expected 32", bytes.len()))
    })
}

fn compress_p256(x: &[u8; 32], y: &[u8; 32]) -> [u8; 33] {
    let mut compressed = [0u8; 33];
    compressed[0] = if y[31] & 1 == 1 { 0x03 } else { 0x02 };
    compressed[1..].copy_from_slice(x);
    compressed
}

fn decompress_p256(compressed: &[u8]) -> Result<([u8; 32], [u8; 32])> {
    let invalid = |detail: String| {
        CredentialError::invalid(format!(
            "P-256 public key is not a valid curve point: {detail}"
        ))
    };
    let group =
        EcGroup::from_curve_name(Nid::X9_62_PRIME256V1).map_err(|e| invalid(e.to_string()))?;
    let mut context = BigNumContext::new().map_err(|e| invalid(e.to_string()))?;
    let point = EcPoint::from_bytes(&group, compressed, &mut context)
        .map_err(|e| invalid(e.to_string()))?;
    let uncompressed = point
        .to_bytes(&group, PointConversionForm::UNCOMPRESSED, &mut context)
        .map_err(|e| invalid(e.to_string()))?;
    if uncompressed.len() != 65 {
        return Err(invalid(format!(
            "{} bytes after decompression",
            uncompressed.len()
        )));
    }
    let x = fixed_32(&uncompressed[1..33], "P-256 x")?;
    let y = fixed_32(&uncompressed[33..65], "P-256 y")?;
    Ok((x, y))
}

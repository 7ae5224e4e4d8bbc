//! Issuer signing keys: generation, public forms, and sealing under a server master key.
//!
//! Private keys leave this module only sealed with AES-256-GCM, so the graph stores
//! ciphertext. `Debug` of every type here omits key material.

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use ed25519_dalek::{Signer as _, SigningKey};
use josekit::jwk::KeyPair as _;
use josekit::jws::{ES256, RS256};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use zeroize::{Zeroize, Zeroizing};

use crate::encoding::{decode_base64url, encode_base64url};
use crate::error::{CredentialError, Result};
use crate::public_key::PublicKey;

/// Signature algorithm family of an issuer key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum KeyAlgorithm {
    /// Ed25519, used for `eddsa-rdfc-2022` Data Integrity proofs and EdDSA JWTs.
    Ed25519,
    /// ECDSA on P-256 with SHA-256, used for ES256 JWTs.
    P256,
    /// RSASSA-PKCS1-v1_5 with a 2048-bit modulus and SHA-256, used for RS256 JWTs.
    Rsa2048,
}

impl KeyAlgorithm {
    /// Returns the name stored beside sealed keys (`Ed25519`, `P-256`, `RSA-2048`).
    pub fn as_str(self) -> &'static str {
        match self {
            KeyAlgorithm::Ed25519 => "Ed25519",
            KeyAlgorithm::P256 => "P-256",
            KeyAlgorithm::Rsa2048 => "RSA-2048",
        }
    }
}

/// The 256-bit server master key that seals issuer private keys.
pub struct MasterKey(Zeroizing<[u8; 32]>);

impl MasterKey {
    /// Wraps 32 secret bytes.
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        MasterKey(Zeroizing::new(bytes))
    }

    /// Parses a master key given as base64url or standard base64 of 32 bytes.
    pub fn from_base64(encoded: &str) -> Result<Self> {
        use base64::engine::general_purpose::STANDARD;
        use base64::Engine;
        let trimmed = encoded.trim();
        let mut bytes = decode_base64url(trimmed, "master key")
            .or_else(|_| STANDARD.decode(trimmed).map_err(|_| ()))
            .map_err(|_| {
                CredentialError::invalid(
                    "the master key is not valid base64; generate one with `openssl rand -base64 32`",
                )
            })?;
        if bytes.len() != 32 {
            let length = bytes.len();
            bytes.zeroize();
            return Err(CredentialError::invalid(format!(
                "the master key has {length} bytes; it must be exactly 32 bytes (256 bits)"
            )));
        }
        let mut key = [0u8; 32];
        key.copy_from_slice(&bytes);
        bytes.zeroize();
        Ok(MasterKey(Zeroizing::new(key)))
    }

    /// Generates a random master key from the operating system's generator.
    pub fn generate() -> Self {
        let mut bytes = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        MasterKey(Zeroizing::new(bytes))
    }
}

impl std::fmt::Debug for MasterKey {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("MasterKey(<redacted>)")
    }
}

/// An issuer private key with its public key and key id.
pub struct IssuerKey {
    key_id: String,
    public_key: PublicKey,
    secret: SecretMaterial,
}

enum SecretMaterial {
    Ed25519(SigningKey),
    /// PKCS#8 DER of a P-256 or RSA private key.
    Pkcs8(Zeroizing<Vec<u8>>),
}

/// PKCS#8 prefix of an Ed25519 private key (RFC 8410 section 7), followed by the 32-byte seed.
const ED25519_PKCS8_PREFIX: [u8; 16] = [
    0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
];

impl IssuerKey {
    /// Generates a new key. RSA generation takes up to a few seconds.
    pub fn generate(algorithm: KeyAlgorithm) -> Result<Self> {
        match algorithm {
            KeyAlgorithm::Ed25519 => {
                let mut seed = Zeroizing::new([0u8; 32]);
                rand::rngs::OsRng.fill_bytes(seed.as_mut());
                Ok(Self::from_ed25519_seed(&seed))
            }
            KeyAlgorithm::P256 => {
                let pair = ES256
                    .generate_key_pair()
                    .map_err(|e| CredentialError::Crypto(format!("P-256 key generation: {e}")))?;
                Self::from_pkcs8(algorithm, Zeroizing::new(pair.to_der_private_key()))
            }
            KeyAlgorithm::Rsa2048 => {
                let pair = RS256
                    .generate_key_pair(2048)
                    .map_err(|e| CredentialError::Crypto(format!("RSA key generation: {e}")))?;
                Self::from_pkcs8(algorithm, Zeroizing::new(pair.to_der_private_key()))
            }
        }
    }

    /// Builds an Ed25519 key from its 32-byte seed (the RFC 8032 private key).
    pub fn from_ed25519_seed(seed: &[u8; 32]) -> Self {
        let signing_key = SigningKey::from_bytes(seed);
        let public_key = PublicKey::Ed25519(signing_key.verifying_key().to_bytes());
        let key_id = default_key_id(&public_key);
        IssuerKey {
            key_id,
            public_key,
            secret: SecretMaterial::Ed25519(signing_key),
        }
    }

    fn from_pkcs8(algorithm: KeyAlgorithm, der: Zeroizing<Vec<u8>>) -> Result<Self> {
        let public_jwk: Value = match algorithm {
            KeyAlgorithm::P256 => {
                let pair = ES256.key_pair_from_der(der.as_slice()).map_err(|_| {
                    CredentialError::Crypto("stored P-256 private key is not valid PKCS#8".into())
                })?;
                Value::Object(pair.to_jwk_public_key().into())
            }
            KeyAlgorithm::Rsa2048 => {
                let pair = RS256.key_pair_from_der(der.as_slice()).map_err(|_| {
                    CredentialError::Crypto("stored RSA private key is not valid PKCS#8".into())
                })?;
                Value::Object(pair.to_jwk_public_key().into())
            }
            KeyAlgorithm::Ed25519 => {
                let seed = der
                    .strip_prefix(&ED25519_PKCS8_PREFIX)
                    .and_then(|seed| <[u8; 32]>::try_from(seed).ok())
                    .ok_or_else(|| {
                        CredentialError::Crypto(
                            "stored Ed25519 private key is not valid PKCS#8".into(),
                        )
                    })?;
                return Ok(Self::from_ed25519_seed(&seed));
            }
        };
        let public_key = PublicKey::from_jwk(&public_jwk)?;
        Ok(IssuerKey {
            key_id: default_key_id(&public_key),
            public_key,
            secret: SecretMaterial::Pkcs8(der),
        })
    }

    /// Returns the key id: the DID URL fragment of the verification method and the JWKS `kid`
    /// suffix. It is the Multikey value for Ed25519 and P-256 and the JWK thumbprint for RSA.
    pub fn key_id(&self) -> &str {
        &self.key_id
    }

    /// Returns the algorithm family.
    pub fn algorithm(&self) -> KeyAlgorithm {
        self.public_key.algorithm()
    }

    /// Returns the public key.
    pub fn public_key(&self) -> &PublicKey {
        &self.public_key
    }

    /// Returns the private key as PKCS#8 DER, for JOSE signers.
    pub(crate) fn pkcs8_der(&self) -> Zeroizing<Vec<u8>> {
        match &self.secret {
            SecretMaterial::Ed25519(signing_key) => {
                let mut der = ED25519_PKCS8_PREFIX.to_vec();
                der.extend_from_slice(signing_key.as_bytes());
                Zeroizing::new(der)
            }
            SecretMaterial::Pkcs8(der) => der.clone(),
        }
    }

    /// Signs bytes with Ed25519; other key types return an error.
    pub(crate) fn sign_ed25519(&self, message: &[u8]) -> Result<[u8; 64]> {
        match &self.secret {
            SecretMaterial::Ed25519(signing_key) => Ok(signing_key.sign(message).to_bytes()),
            SecretMaterial::Pkcs8(_) => Err(CredentialError::invalid(format!(
                "key {} is {}, but eddsa-rdfc-2022 proofs need an Ed25519 key",
                self.key_id,
                self.algorithm().as_str()
            ))),
        }
    }

    /// Encrypts the private key with AES-256-GCM under the master key. The algorithm and key
    /// id are bound as associated data, so a sealed key cannot be relabelled.
    pub fn seal(&self, master_key: &MasterKey) -> Result<SealedKey> {
        let cipher = Aes256Gcm::new_from_slice(master_key.0.as_ref())
            .map_err(|e| CredentialError::Crypto(format!("AES-256-GCM key setup: {e}")))?;
        let mut nonce = [0u8; 12];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let algorithm = self.algorithm();
        let associated_data = sealing_associated_data(algorithm, &self.key_id);
        let plaintext = self.pkcs8_der();
        let ciphertext = cipher
            .encrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: plaintext.as_slice(),
                    aad: associated_data.as_bytes(),
                },
            )
            .map_err(|_| CredentialError::Crypto("AES-256-GCM encryption failed".into()))?;
        Ok(SealedKey {
            version: 1,
            key_id: self.key_id.clone(),
            algorithm,
            nonce: encode_base64url(&nonce),
            ciphertext: encode_base64url(&ciphertext),
        })
    }

    /// Decrypts a sealed key. Fails with [`CredentialError::UnsealFailed`] when the master key
    /// differs or the stored value was altered.
    pub fn unseal(sealed: &SealedKey, master_key: &MasterKey) -> Result<Self> {
        let failed = || CredentialError::UnsealFailed {
            key_id: sealed.key_id.clone(),
        };
        if sealed.version != 1 {
            return Err(CredentialError::invalid(format!(
                "sealed key {} has format version {}; only version 1 is supported",
                sealed.key_id, sealed.version
            )));
        }
        let cipher = Aes256Gcm::new_from_slice(master_key.0.as_ref()).map_err(|_| failed())?;
        let nonce = decode_base64url(&sealed.nonce, "sealed key nonce")?;
        if nonce.len() != 12 {
            return Err(failed());
        }
        let ciphertext = decode_base64url(&sealed.ciphertext, "sealed key ciphertext")?;
        let associated_data = sealing_associated_data(sealed.algorithm, &sealed.key_id);
        let plaintext = cipher
            .decrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: &ciphertext,
                    aad: associated_data.as_bytes(),
                },
            )
            .map_err(|_| failed())?;
        let key = Self::from_pkcs8(sealed.algorithm, Zeroizing::new(plaintext))?;
        if key.key_id != sealed.key_id {
            return Err(failed());
        }
        Ok(key)
    }
}

impl std::fmt::Debug for IssuerKey {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("IssuerKey")
            .field("key_id", &self.key_id)
            .field("algorithm", &self.algorithm())
            .field("private_key", &"<redacted>")
            .finish()
    }
}

fn default_key_id(public_key: &PublicKey) -> String {
    public_key
        .to_multibase()
        .unwrap_or_else(|_| public_key.thumbprint())
}

fn sealing_associated_data(algorithm: KeyAlgorithm, key_id: &str) -> String {
    format!(
        "ler-credentials sealed key v1|{}|{key_id}",
        algorithm.as_str()
    )
}

/// An issuer private key encrypted under the master key; safe to store in the graph.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SealedKey {
    /// Format version, currently 1.
    pub version: u32,
    /// Key id of the sealed key.
    pub key_id: String,
    /// Algorithm family of the sealed key.
    pub algorithm: KeyAlgorithm,
    /// 96-bit AES-GCM nonce, base64url.
    pub nonce: String,
    /// AES-256-GCM ciphertext of the PKCS#8 DER private key followed by the tag, base64url.
    pub ciphertext: String,
}

//! Bitstring Status Lists (W3C Bitstring Status List v1.0): the bitstring, its encoding,
//! random index assignment, status entries and the status list credential.

use std::io::{Read, Write};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, SecondsFormat, Utc};
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use flate2::Compression;
use rand::Rng;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::contexts::VC_V2_CONTEXT;
use crate::error::{CredentialError, Result};

/// Minimum list length in entries. The W3C specification requires at least 16 KB
/// (131,072 bits) so that one index reveals little about which credential is checked.
pub const MIN_STATUS_LIST_SIZE: usize = 131_072;

/// Largest encoded list accepted by [`StatusList::decode`], in bytes after decompression,
/// which bounds memory use on hostile input (16 MiB, 134 million entries).
const MAX_DECODED_BYTES: u64 = 16 * 1024 * 1024;

/// Random probes made before [`StatusList::assign_random_index`] falls back to a scan.
const RANDOM_PROBES: usize = 64;

/// Purpose of a status list, the `statusPurpose` of its entries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StatusPurpose {
    /// A set bit means the credential is revoked, which cannot be undone.
    Revocation,
    /// A set bit means the credential is suspended until the bit is cleared.
    Suspension,
}

impl StatusPurpose {
    /// Returns the `statusPurpose` value.
    pub fn as_str(self) -> &'static str {
        match self {
            StatusPurpose::Revocation => "revocation",
            StatusPurpose::Suspension => "suspension",
        }
    }

    /// Parses a `statusPurpose` value.
    pub fn parse(value: &str) -> Result<Self> {
        match value {
            "revocation" => Ok(StatusPurpose::Revocation),
            "suspension" => Ok(StatusPurpose::Suspension),
            other => Err(CredentialError::invalid(format!(
                "status purpose '{other}' is not supported; use 'revocation' or 'suspension'"
            ))),
        }
    }
}

/// A status bitstring plus the record of which indices are already assigned to credentials.
/// Bit 0 is the most significant bit of the first byte.
#[derive(Clone, PartialEq, Eq)]
pub struct StatusList {
    size: usize,
    status: Vec<u8>,
    assigned: Vec<u8>,
}

impl std::fmt::Debug for StatusList {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("StatusList")
            .field("size", &self.size)
            .field("set", &count_ones(&self.status))
            .field("assigned", &count_ones(&self.assigned))
            .finish()
    }
}

impl StatusList {
    /// Creates an empty list of `size` entries. `size` must be a multiple of 8 and at least
    /// [`MIN_STATUS_LIST_SIZE`].
    pub fn new(size: usize) -> Result<Self> {
        if size < MIN_STATUS_LIST_SIZE || !size.is_multiple_of(8) {
            return Err(CredentialError::invalid(format!(
                "status list size {size} is invalid; it must be a multiple of 8 and at least \
                 {MIN_STATUS_LIST_SIZE}"
            )));
        }
        Ok(StatusList {
            size,
            status: vec![0; size / 8],
            assigned: vec![0; size / 8],
        })
    }

    /// Rebuilds a list from the stored encodings of its status bits and assigned indices,
    /// as returned by [`StatusList::encode`] and [`StatusList::encode_assigned`].
    pub fn from_encoded(encoded_status: &str, encoded_assigned: &str) -> Result<Self> {
        let status = decode_bitstring(encoded_status)?;
        let assigned = decode_bitstring(encoded_assigned)?;
        if status.len() != assigned.len() {
            return Err(CredentialError::invalid(format!(
                "stored status bits ({} bytes) and assigned indices ({} bytes) differ in length",
                status.len(),
                assigned.len()
            )));
        }
        let mut list = StatusList::new(status.len() * 8)?;
        list.status = status;
        list.assigned = assigned;
        Ok(list)
    }

    /// Returns the number of entries.
    pub fn size(&self) -> usize {
        self.size
    }

    /// Returns the status bit at `index`.
    pub fn get(&self, index: usize) -> Result<bool> {
        self.check_index(index)?;
        Ok(read_bit(&self.status, index))
    }

    /// Sets or clears the status bit at `index`.
    pub fn set(&mut self, index: usize, value: bool) -> Result<()> {
        self.check_index(index)?;
        write_bit(&mut self.status, index, value);
        Ok(())
    }

    /// Picks an unassigned index uniformly at random, marks it assigned and returns it.
    /// After [`RANDOM_PROBES`] collisions it scans forward from a random start, so it always
    /// finds a free index while one exists.
    pub fn assign_random_index(&mut self, list_id: &str) -> Result<usize> {
        let mut rng = rand::rngs::OsRng;
        for _ in 0..RANDOM_PROBES {
            let candidate = rng.gen_range(0..self.size);
            if !read_bit(&self.assigned, candidate) {
                write_bit(&mut self.assigned, candidate, true);
                return Ok(candidate);
            }
        }
        let start = rng.gen_range(0..self.size);
        for offset in 0..self.size {
            let candidate = (start + offset) % self.size;
            if !read_bit(&self.assigned, candidate) {
                write_bit(&mut self.assigned, candidate, true);
                return Ok(candidate);
            }
        }
        Err(CredentialError::StatusListFull {
            list_id: list_id.to_string(),
            size: self.size,
        })
    }

    /// Returns whether `index` was assigned to a credential.
    pub fn is_assigned(&self, index: usize) -> Result<bool> {
        self.check_index(index)?;
        Ok(read_bit(&self.assigned, index))
    }

    /// Returns the `encodedList` value: GZIP of the bitstring, base64url without padding,
    /// with the multibase prefix `u`.
    pub fn encode(&self) -> Result<String> {
        encode_bitstring(&self.status)
    }

    /// Encodes the assigned-index record the same way; it is private to the issuer.
    pub fn encode_assigned(&self) -> Result<String> {
        encode_bitstring(&self.assigned)
    }

    fn check_index(&self, index: usize) -> Result<()> {
        if index >= self.size {
            return Err(CredentialError::invalid(format!(
                "status list index {index} is out of range; the list has {} entries (0 to {})",
                self.size,
                self.size - 1
            )));
        }
        Ok(())
    }
}

/// Reads the status bit at `index` from an `encodedList` value.
pub fn read_encoded_status(encoded_list: &str, index: usize) -> Result<bool> {
    let bits = decode_bitstring(encoded_list)?;
    if index >= bits.len() * 8 {
        return Err(CredentialError::invalid(format!(
            "status list index {index} is out of range; the list has {} entries",
            bits.len() * 8
        )));
    }
    Ok(read_bit(&bits, index))
}

/// Builds a `BitstringStatusListEntry` for the credential's `credentialStatus`.
/// `statusListIndex` is a base-10 string, as the W3C specification requires.
pub fn status_list_entry(
    status_list_credential: &str,
    index: usize,
    purpose: StatusPurpose,
) -> Value {
    json!({
        "id": format!("{status_list_credential}#{index}"),
        "type": "BitstringStatusListEntry",
        "statusPurpose": purpose.as_str(),
        "statusListIndex": index.to_string(),
        "statusListCredential": status_list_credential,
    })
}

/// Builds the unsigned `BitstringStatusListCredential` published at `list_url`.
pub fn build_status_list_credential(
    list_url: &str,
    issuer_id: &str,
    purpose: StatusPurpose,
    list: &StatusList,
    valid_from: DateTime<Utc>,
) -> Result<Value> {
    Ok(json!({
        "@context": [VC_V2_CONTEXT],
        "id": list_url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_id,
        "validFrom": valid_from.to_rfc3339_opts(SecondsFormat::Secs, true),
        "credentialSubject": {
            "id": format!("{list_url}#list"),
            "type": "BitstringStatusList",
            "statusPurpose": purpose.as_str(),
            "encodedList": list.encode()?,
        }
    }))
}

fn encode_bitstring(bits: &[u8]) -> Result<String> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder
        .write_all(bits)
        .and_then(|_| encoder.finish())
        .map(|compressed| format!("u{}", URL_SAFE_NO_PAD.encode(compressed)))
        .map_err(|e| CredentialError::Crypto(format!("GZIP compression of the status list: {e}")))
}

fn decode_bitstring(encoded: &str) -> Result<Vec<u8>> {
    let Some(body) = encoded.strip_prefix('u') else {
        return Err(CredentialError::invalid(
            "encodedList must be multibase base64url and start with 'u'",
        ));
    };
    let compressed = URL_SAFE_NO_PAD
        .decode(body.trim_end_matches('='))
        .map_err(|e| CredentialError::invalid(format!("encodedList is not base64url: {e}")))?;
    let mut bits = Vec::new();
    GzDecoder::new(compressed.as_slice())
        .take(MAX_DECODED_BYTES + 1)
        .read_to_end(&mut bits)
        .map_err(|e| CredentialError::invalid(format!("encodedList is not valid GZIP: {e}")))?;
    if bits.len() as u64 > MAX_DECODED_BYTES {
        return Err(CredentialError::invalid(format!(
            "encodedList expands to more than {MAX_DECODED_BYTES} bytes"
        )));
    }
    Ok(bits)
}

fn read_bit(bits: &[u8], index: usize) -> bool {
    bits[index / 8] & (0x80 >> (index % 8)) != 0
}

fn write_bit(bits: &mut [u8], index: usize, value: bool) {
    let mask = 0x80 >> (index % 8);
    if value {
        bits[index / 8] |= mask;
    } else {
        bits[index / 8] &= !mask;
    }
}

fn count_ones(bits: &[u8]) -> u32 {
    bits.iter().map(|byte| byte.count_ones()).sum()
}

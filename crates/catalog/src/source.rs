//! Source documents: size limits, gzip decoding, UTF-8 checks and format detection.

use std::io::Read;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::CatalogError;

/// Default maximum size of one decoded catalog document, in bytes (32 MiB).
///
/// The largest real catalog in the seed set is about 1.9 MB, so the default leaves a wide
/// margin while keeping the memory of one parse bounded (spans copy the text about twice).
pub const MAX_DOCUMENT_BYTES: usize = 32 * 1024 * 1024;

const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// Layout of a source document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Format {
    /// Plain text, including text extracted from a PDF (form feeds separate pages).
    Text,
    /// HTML; tags are kept in spans and stripped only from derived field values.
    Html,
    /// A JSON array of course objects.
    Json,
    /// A CSV table of courses or of prerequisite edges.
    Csv,
}

/// A decoded catalog document. Every span offset refers to `text`.
#[derive(Debug, Clone)]
pub struct SourceDocument {
    /// Name used in spans and error messages, usually the file name without `.gz`.
    pub name: String,
    pub format: Format,
    /// Decoded UTF-8 text; for gzip input this is the decompressed text.
    pub text: String,
}

impl SourceDocument {
    /// Builds a document from text, detecting the format from the name or the content.
    pub fn from_text(
        name: &str,
        text: String,
        max_bytes: usize,
    ) -> Result<SourceDocument, CatalogError> {
        Self::from_bytes(name, text.into_bytes(), max_bytes)
    }

    /// Decodes raw bytes (plain or gzip) into a document.
    ///
    /// Rejects empty input, input over `max_bytes` after decompression, invalid UTF-8 and
    /// text containing NUL bytes, which only binary files contain.
    pub fn from_bytes(
        name: &str,
        bytes: Vec<u8>,
        max_bytes: usize,
    ) -> Result<SourceDocument, CatalogError> {
        let logical_name = name.strip_suffix(".gz").unwrap_or(name).to_string();
        let decoded = if bytes.starts_with(&GZIP_MAGIC) {
            gunzip_bounded(&logical_name, &bytes, max_bytes)?
        } else {
            bytes
        };
        if decoded.len() > max_bytes {
            return Err(CatalogError::TooLarge {
                name: logical_name,
                limit: max_bytes,
            });
        }
        let text = String::from_utf8(decoded).map_err(|e| CatalogError::NotText {
            name: logical_name.clone(),
            offset: e.utf8_error().valid_up_to(),
        })?;
        if let Some(offset) = text.find('\0') {
            return Err(CatalogError::NotText {
                name: logical_name,
                offset,
            });
        }
        if text.trim().is_empty() {
            return Err(CatalogError::Empty { name: logical_name });
        }
        let format = detect_format(&logical_name, &text);
        Ok(SourceDocument {
            name: logical_name,
            format,
            text,
        })
    }

    /// Reads a file (plain or `.gz`) without ever holding more than `max_bytes + 1` bytes.
    pub fn read_file(path: &Path, max_bytes: usize) -> Result<SourceDocument, CatalogError> {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        let io_error = |e: std::io::Error| CatalogError::Io {
            path: path.display().to_string(),
            reason: e.to_string(),
        };
        let file = std::fs::File::open(path).map_err(io_error)?;
        let limit = u64::try_from(max_bytes)
            .unwrap_or(u64::MAX)
            .saturating_add(1);
        let mut bytes = Vec::new();
        file.take(limit).read_to_end(&mut bytes).map_err(io_error)?;
        if bytes.len() > max_bytes {
            return Err(CatalogError::TooLarge {
                name: name.strip_suffix(".gz").unwrap_or(&name).to_string(),
                limit: max_bytes,
            });
        }
        Self::from_bytes(&name, bytes, max_bytes)
    }
}

/// Decompresses gzip data, stopping with `TooLarge` once the output passes `max_bytes`.
fn gunzip_bounded(name: &str, bytes: &[u8], max_bytes: usize) -> Result<Vec<u8>, CatalogError> {
    let limit = u64::try_from(max_bytes)
        .unwrap_or(u64::MAX)
        .saturating_add(1);
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(bytes)
        .take(limit)
        .read_to_end(&mut out)
        .map_err(|e| CatalogError::BadGzip {
            name: name.to_string(),
            reason: e.to_string(),
        })?;
    if out.len() > max_bytes {
        return Err(CatalogError::TooLarge {
            name: name.to_string(),
            limit: max_bytes,
        });
    }
    Ok(out)
}

/// Chooses the format from the file extension, falling back to sniffing the first bytes.
pub fn detect_format(name: &str, text: &str) -> Format {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".json") || lower.ends_with(".jsonld") {
        return Format::Json;
    }
    if lower.ends_with(".csv") {
        return Format::Csv;
    }
    if lower.ends_with(".html") || lower.ends_with(".htm") {
        return Format::Html;
    }
    if lower.ends_with(".txt") {
        return Format::Text;
    }
    let head = text.trim_start_matches('\u{feff}').trim_start();
    if head.starts_with('[') || head.starts_with('{') {
        return Format::Json;
    }
    let head_lower: String = head
        .chars()
        .take(512)
        .collect::<String>()
        .to_ascii_lowercase();
    if head_lower.starts_with("<!doctype html") || head_lower.starts_with("<html") {
        return Format::Html;
    }
    let first_line = head.lines().next().unwrap_or("");
    if first_line.matches(',').count() >= 2 && !first_line.contains(". ") {
        return Format::Csv;
    }
    Format::Text
}

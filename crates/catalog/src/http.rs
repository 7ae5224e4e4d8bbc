//! A minimal blocking HTTP/1.1 client for JSON POST requests over plain `http://`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::Duration;

use serde_json::Value;

use crate::error::CatalogError;

/// Largest response body accepted, in bytes.
const MAX_RESPONSE_BYTES: u64 = 8 * 1024 * 1024;

fn failed(url: &str, reason: impl Into<String>) -> CatalogError {
    CatalogError::ExtractorFailed {
        endpoint: url.to_string(),
        reason: reason.into(),
    }
}

/// Sends `body` as JSON with a bearer token and returns the parsed JSON response.
pub(crate) fn post_json(
    url: &str,
    bearer: &str,
    body: &Value,
    timeout: Duration,
) -> Result<Value, CatalogError> {
    let rest = url.strip_prefix("http://").ok_or_else(|| {
        failed(url, "only http:// URLs are supported; put a TLS-terminating proxy in front of https endpoints")
    })?;
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let address = if authority.contains(':') {
        authority.to_string()
    } else {
        format!("{authority}:80")
    };
    let socket = address
        .to_socket_addrs()
        .map_err(|e| failed(url, format!("cannot resolve {authority}: {e}")))?
        .next()
        .ok_or_else(|| failed(url, format!("{authority} resolves to no address")))?;
    let mut stream = TcpStream::connect_timeout(&socket, timeout)
        .map_err(|e| failed(url, format!("connection failed: {e}")))?;
    stream
        .set_read_timeout(Some(timeout))
        .and_then(|()| stream.set_write_timeout(Some(timeout)))
        .map_err(|e| failed(url, format!("cannot set timeouts: {e}")))?;

    let payload = body.to_string();
    let request = format!(
        "POST {path} HTTP/1.1\r\nHost: {authority}\r\nAuthorization: Bearer {bearer}\r\n\
         Content-Type: application/json\r\nAccept: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n",
        payload.len()
    );
    stream
        .write_all(request.as_bytes())
        .and_then(|()| stream.write_all(payload.as_bytes()))
        .map_err(|e| failed(url, format!("sending the request failed: {e}")))?;

    let mut reader = BufReader::new(stream.take(MAX_RESPONSE_BYTES));
    let mut status_line = String::new();
    reader
        .read_line(&mut status_line)
        .map_err(|e| failed(url, format!("reading the response failed: {e}")))?;
    let status: u16 = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| failed(url, format!("invalid status line {:?}", status_line.trim())))?;

    let mut chunked = false;
    let mut content_length: Option<usize> = None;
    loop {
        let mut header = String::new();
        reader
            .read_line(&mut header)
            .map_err(|e| failed(url, format!("reading the response headers failed: {e}")))?;
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        let lower = header.to_ascii_lowercase();
        if lower.starts_with("transfer-encoding:") && lower.contains("chunked") {
            chunked = true;
        } else if let Some(value) = lower.strip_prefix("content-length:") {
            content_length = value.trim().parse().ok();
        }
    }

    let body = if chunked {
        read_chunked(&mut reader)
            .map_err(|e| failed(url, format!("reading the chunked body failed: {e}")))?
    } else {
        let mut bytes = Vec::new();
        match content_length {
            Some(length) if length as u64 > MAX_RESPONSE_BYTES => {
                return Err(failed(url, format!("response of {length} bytes exceeds the limit of {MAX_RESPONSE_BYTES} bytes")));
            }
            Some(length) => {
                bytes.resize(length, 0);
                reader.read_exact(&mut bytes)
            }
            None => reader.read_to_end(&mut bytes).map(|_| ()),
        }
        .map_err(|e| failed(url, format!("reading the response body failed: {e}")))?;
        bytes
    };
    if !(200..300).contains(&status) {
        let preview: String = String::from_utf8_lossy(&body).chars().take(200).collect();
        return Err(failed(url, format!("HTTP status {status}: {preview}")));
    }
    serde_json::from_slice(&body).map_err(|e| failed(url, format!("the response is not JSON: {e}")))
}

fn read_chunked(reader: &mut impl BufRead) -> std::io::Result<Vec<u8>> {
    let mut body = Vec::new();
    loop {
        let mut size_line = String::new();
        reader.read_line(&mut size_line)?;
        let size_text = size_line.trim().split(';').next().unwrap_or("");
        let size = usize::from_str_radix(size_text, 16).map_err(|_| {
            std::io::Error::new(std::io::ErrorKind::InvalidData, "invalid chunk size")
        })?;
        if size == 0 {
            return Ok(body);
        }
        if (body.len() + size) as u64 > MAX_RESPONSE_BYTES {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "response exceeds the size limit",
            ));
        }
        let start = body.len();
        body.resize(start + size, 0);
        reader.read_exact(&mut body[start..])?;
        let mut line_end = String::new();
        reader.read_line(&mut line_end)?;
    }
}

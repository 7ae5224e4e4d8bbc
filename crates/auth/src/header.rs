//! Checks on the `Authorization` header and on the JOSE header of a token, made before
//! any key is looked up.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::Value;

use crate::config::SigningAlgorithm;
use crate::error::{printable, AuthError};

/// Maximum token length in bytes. Registry tokens carry a few short claims, and the
/// limit bounds the work spent on a request before its signature is checked.
pub const MAX_TOKEN_BYTES: usize = 8 * 1024;

/// Returns the token of an `Authorization: Bearer <token>` header value, or `None`
/// without a header. The scheme is matched case-insensitively (RFC 7235, section 2.1).
pub fn bearer_token(authorization: Option<&str>) -> Result<Option<&str>, AuthError> {
    let Some(value) = authorization else {
        return Ok(None);
    };
    let (scheme, token) = value
        .trim()
        .split_once(' ')
        .ok_or(AuthError::BadAuthorizationHeader)?;
    if !scheme.eq_ignore_ascii_case("bearer") {
        return Err(AuthError::BadAuthorizationHeader);
    }
    let token = token.trim();
    if token.is_empty() {
        return Err(AuthError::BadAuthorizationHeader);
    }
    Ok(Some(token))
}

/// Checks the shape of `token` and its header, and returns the header's kid.
///
/// The header `alg` must equal `algorithm`, so `none` and algorithm swaps are rejected
/// before a key is chosen. A `crit` header is rejected because no extension is
/// supported (RFC 7515, section 4.1.11).
pub(crate) fn inspect(
    token: &str,
    algorithm: SigningAlgorithm,
) -> Result<Option<String>, AuthError> {
    if token.len() > MAX_TOKEN_BYTES {
        return Err(AuthError::malformed(format!(
            "it is longer than {MAX_TOKEN_BYTES} bytes"
        )));
    }
    let segments: Vec<&str> = token.split('.').collect();
    if segments.len() != 3 {
        return Err(AuthError::malformed(format!(
            "it has {} dot-separated parts instead of 3",
            segments.len()
        )));
    }

    let header_bytes = URL_SAFE_NO_PAD
        .decode(segments[0])
        .map_err(|_| AuthError::malformed("its header is not base64url without padding"))?;
    let header: Value = serde_json::from_slice(&header_bytes)
        .map_err(|_| AuthError::malformed("its header is not JSON"))?;
    let Value::Object(header) = header else {
        return Err(AuthError::malformed("its header is not a JSON object"));
    };

    let found = match header.get("alg") {
        Some(Value::String(alg)) => alg.as_str(),
        Some(_) => return Err(AuthError::malformed("its header alg is not a string")),
        None => return Err(AuthError::malformed("its header has no alg")),
    };
    if found != algorithm.as_str() {
        return Err(AuthError::AlgorithmNotAllowed {
            found: printable(found),
            expected: algorithm.as_str(),
        });
    }
    if header.contains_key("crit") {
        return Err(AuthError::malformed(
            "its header lists critical extensions (crit), which this registry does not support",
        ));
    }

    match header.get("kid") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(kid)) => Ok(Some(kid.clone())),
        Some(_) => Err(AuthError::malformed("its header kid is not a string")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(json: &str) -> String {
        URL_SAFE_NO_PAD.encode(json)
    }

    #[test]
    fn bearer_token_absent_header_is_anonymous() {
        assert_eq!(bearer_token(None), Ok(None));
    }

    #[test]
    fn bearer_token_scheme_is_case_insensitive() {
        assert_eq!(bearer_token(Some("bearer abc")), Ok(Some("abc")));
        assert_eq!(bearer_token(Some("BEARER  abc ")), Ok(Some("abc")));
    }

    #[test]
    fn bearer_token_rejects_other_schemes() {
        for value in ["Basic dXNlcjpwYXNz", "abc", "Bearer", "Bearer   ", ""] {
            assert_eq!(
                bearer_token(Some(value)),
                Err(AuthError::BadAuthorizationHeader),
                "{value:?} should be rejected"
            );
        }
    }

    #[test]
    fn inspect_returns_kid() {
        let token = format!("{}.e30.sig", encode(r#"{"alg":"RS256","kid":"k1"}"#));
        assert_eq!(
            inspect(&token, SigningAlgorithm::RS256),
            Ok(Some("k1".to_owned()))
        );
    }

    #[test]
    fn inspect_rejects_alg_none() {
        let token = format!("{}.e30.", encode(r#"{"alg":"none"}"#));
        let error = inspect(&token, SigningAlgorithm::HS256).unwrap_err();
        assert_eq!(error.reason(), "ALGORITHM_NOT_ALLOWED");
        assert!(error.to_string().contains("`none`"));
    }

    #[test]
    fn inspect_rejects_crit_header() {
        let token = format!("{}.e30.sig", encode(r#"{"alg":"ES256","crit":["exp"]}"#));
        let error = inspect(&token, SigningAlgorithm::ES256).unwrap_err();
        assert_eq!(error.reason(), "MALFORMED");
    }

    #[test]
    fn inspect_rejects_wrong_part_count() {
        for token in ["", "a.b", "a.b.c.d", "a.b.c.d.e"] {
            let error = inspect(token, SigningAlgorithm::HS256).unwrap_err();
            assert_eq!(error.reason(), "MALFORMED", "{token:?} should be malformed");
        }
    }

    #[test]
    fn inspect_rejects_oversized_token() {
        let token = "a".repeat(MAX_TOKEN_BYTES + 1);
        let error = inspect(&token, SigningAlgorithm::HS256).unwrap_err();
        assert!(error.to_string().contains("longer than 8192 bytes"));
    }

    #[test]
    fn inspect_rejects_non_object_header() {
        let token = format!("{}.e30.sig", encode(r#"["alg","HS256"]"#));
        let error = inspect(&token, SigningAlgorithm::HS256).unwrap_err();
        assert_eq!(error.reason(), "MALFORMED");
    }
}

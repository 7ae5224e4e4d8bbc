//! Authentication errors returned for rejected tokens.

/// Maximum number of characters of an untrusted value that a message repeats.
const MAX_ECHO_CHARS: usize = 64;

/// Copies an untrusted value for an error message: control characters become `?`
/// and values longer than 64 characters are cut with `...`.
pub(crate) fn printable(value: &str) -> String {
    let mut text: String = value
        .chars()
        .take(MAX_ECHO_CHARS)
        .map(|c| if c.is_control() { '?' } else { c })
        .collect();
    if value.chars().count() > MAX_ECHO_CHARS {
        text.push_str("...");
    }
    text
}

/// Reason a bearer token was rejected.
///
/// Messages state what is wrong and how to fix it. They never repeat the token, and the
/// values they repeat from its header or claims are cut to 64 printable characters.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuthError {
    #[error("The token has expired. Sign in again to get a new token.")]
    Expired,

    #[error(
        "The token is not valid yet: its nbf claim is more than {leeway_seconds} s in the \
         future. Check the clock of the identity provider, or wait and retry."
    )]
    NotYetValid { leeway_seconds: u64 },

    #[error(
        "The token's aud claim does not contain `{expected}`. Request a token for the \
         audience `{expected}`."
    )]
    BadAudience { expected: String },

    #[error("The token's iss claim is not `{expected}`. Use a token issued by `{expected}`.")]
    BadIssuer { expected: String },

    #[error(
        "The token signature is invalid. Use an unmodified token issued by the configured \
         identity provider."
    )]
    BadSignature,

    #[error(
        "The token is signed with algorithm `{found}`, but this registry accepts only \
         {expected}. Request a token signed with {expected}."
    )]
    AlgorithmNotAllowed {
        found: String,
        expected: &'static str,
    },

    #[error(
        "No signing key with kid `{kid}` is published by the identity provider. Request a \
         new token, because the key may have been retired."
    )]
    UnknownKey { kid: String },

    #[error(
        "The token header has no kid, but this registry selects the signing key by kid. \
         Request a token whose header names its signing key."
    )]
    MissingKeyId,

    #[error(
        "The token is malformed: {detail}. Send a JWT in compact form (header.payload.signature)."
    )]
    Malformed { detail: String },

    #[error("The token has no `{claim}` claim. {fix}")]
    MissingClaim {
        claim: &'static str,
        fix: &'static str,
    },

    #[error("The token's `{claim}` claim is invalid: {detail}.")]
    InvalidClaim { claim: &'static str, detail: String },

    #[error(
        "The Authorization header is not a bearer token. Send `Authorization: Bearer <token>`, \
         or no Authorization header for anonymous access."
    )]
    BadAuthorizationHeader,
}

impl AuthError {
    /// Returns the stable machine reason, such as `EXPIRED`, for `extensions.reason`.
    pub fn reason(&self) -> &'static str {
        match self {
            AuthError::Expired => "EXPIRED",
            AuthError::NotYetValid { .. } => "NOT_YET_VALID",
            AuthError::BadAudience { .. } => "BAD_AUDIENCE",
            AuthError::BadIssuer { .. } => "BAD_ISSUER",
            AuthError::BadSignature => "BAD_SIGNATURE",
            AuthError::AlgorithmNotAllowed { .. } => "ALGORITHM_NOT_ALLOWED",
            AuthError::UnknownKey { .. } => "UNKNOWN_KEY",
            AuthError::MissingKeyId => "MISSING_KEY_ID",
            AuthError::Malformed { .. } => "MALFORMED",
            AuthError::MissingClaim { .. } => "MISSING_CLAIM",
            AuthError::InvalidClaim { .. } => "INVALID_CLAIM",
            AuthError::BadAuthorizationHeader => "BAD_AUTHORIZATION_HEADER",
        }
    }

    /// Returns the GraphQL error code, `UNAUTHENTICATED` for every rejected token.
    pub fn code(&self) -> &'static str {
        "UNAUTHENTICATED"
    }

    pub(crate) fn malformed(detail: impl Into<String>) -> Self {
        AuthError::Malformed {
            detail: detail.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printable_replaces_control_characters() {
        assert_eq!(printable("a\nb\u{1b}c"), "a?b?c");
    }

    #[test]
    fn printable_cuts_long_values() {
        let long = "k".repeat(100);
        let text = printable(&long);
        assert_eq!(text.len(), MAX_ECHO_CHARS + 3);
        assert!(text.ends_with("..."));
    }

    #[test]
    fn auth_error_codes_are_unauthenticated() {
        assert_eq!(AuthError::Expired.code(), "UNAUTHENTICATED");
        assert_eq!(AuthError::BadSignature.code(), "UNAUTHENTICATED");
    }
}

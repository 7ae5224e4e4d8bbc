//! Verification of VC-JWT and Data Integrity credentials into a report of named checks.

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;

use crate::error::Result;
use crate::jwt::parse_time;
use crate::public_key::PublicKey;
use crate::schema::{schema_violations, subject_identified, SchemaKind};
use crate::status_check::check_status;
use crate::verify_proof::{verify_embedded_proof, verify_jwt_proof};

/// Resolves verification method ids and JWT `kid` values to public keys. The server
/// implements it over the keys of its own `did:web` issuers; `did:key` ids never reach it.
pub trait KeyResolver {
    /// Returns the public key of a verification method id such as
    /// `did:web:registry.example.org:issuers:p1#z6Mk...`, or [`crate::CredentialError::KeyNotFound`].
    fn resolve(&self, verification_method: &str) -> Result<PublicKey>;
}

/// Looks up status list credentials by URL. The server serves its own lists from the graph.
pub trait StatusLookup {
    /// Returns the BitstringStatusListCredential published at `url`, or `None` when unknown.
    fn status_list_credential(&self, url: &str) -> Result<Option<Value>>;
}

/// A credential to verify: a compact VC-JWT or a JSON-LD credential with embedded proofs.
#[derive(Clone, Copy, Debug)]
pub enum VerifiableInput<'a> {
    /// A compact JWS.
    Jwt(&'a str),
    /// A JSON-LD credential.
    JsonLd(&'a Value),
}

impl<'a> From<&'a Value> for VerifiableInput<'a> {
    fn from(value: &'a Value) -> Self {
        match value {
            Value::String(token) => VerifiableInput::Jwt(token),
            other => VerifiableInput::JsonLd(other),
        }
    }
}

/// Securing mechanism of a verified credential.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ProofFormat {
    /// Compact VC-JWT.
    VcJwt,
    /// Embedded Data Integrity proof.
    DataIntegrity,
    /// The input could not be parsed.
    Unknown,
}

/// Outcome of one verification step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Check {
    /// Check name: `format`, `keyResolution`, `signature`, `definedTerms` (Data Integrity
    /// only), `jwtClaims` (VC-JWT only), `schema`, `subjectIdentified`, `validityPeriod`,
    /// `status` or `embeddedCredentials` (CLR only).
    pub name: &'static str,
    /// Whether the step passed.
    pub passed: bool,
    /// Description of the step, and on failure the reason.
    pub message: String,
}

/// All checks made on one credential.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VerificationReport {
    /// Securing mechanism found.
    pub format: ProofFormat,
    /// The credential, once decoded.
    pub credential: Option<Value>,
    /// One entry per check, in the order they ran.
    pub checks: Vec<Check>,
}

impl VerificationReport {
    /// Returns true when every check passed.
    pub fn verified(&self) -> bool {
        !self.checks.is_empty() && self.checks.iter().all(|check| check.passed)
    }

    /// Returns the check with the given name.
    pub fn check(&self, name: &str) -> Option<&Check> {
        self.checks.iter().find(|check| check.name == name)
    }

    pub(crate) fn push(&mut self, name: &'static str, passed: bool, message: impl Into<String>) {
        self.checks.push(Check {
            name,
            passed,
            message: message.into(),
        });
    }
}

/// Parses text as a JSON-LD credential when it starts with `{`, otherwise as a VC-JWT,
/// and verifies it with [`verify_credential`].
pub fn verify_credential_text(
    text: &str,
    resolver: &dyn KeyResolver,
    status: &dyn StatusLookup,
    now: DateTime<Utc>,
) -> VerificationReport {
    let trimmed = text.trim();
    if trimmed.starts_with('{') {
        match serde_json::from_str::<Value>(trimmed) {
            Ok(credential) => {
                verify_credential(VerifiableInput::JsonLd(&credential), resolver, status, now)
            }
            Err(error) => {
                let mut report = empty_report(ProofFormat::Unknown);
                report.push(
                    "format",
                    false,
                    format!("the credential is not valid JSON: {error}"),
                );
                report
            }
        }
    } else {
        verify_credential(VerifiableInput::Jwt(trimmed), resolver, status, now)
    }
}

/// Verifies a credential: key resolution, signature, JWT claims, JSON schema, subject
/// identification, validity period at `now`, status, and for a CLR its embedded credentials.
pub fn verify_credential(
    input: VerifiableInput<'_>,
    resolver: &dyn KeyResolver,
    status: &dyn StatusLookup,
    now: DateTime<Utc>,
) -> VerificationReport {
    let mut report = match input {
        VerifiableInput::Jwt(token) => verify_jwt_proof(token, resolver),
        VerifiableInput::JsonLd(credential) => verify_embedded_proof(credential, resolver),
    };
    let Some(credential) = report.credential.clone() else {
        return report;
    };

    match SchemaKind::for_credential(&credential) {
        Some(kind) => match schema_violations(&credential, kind) {
            Ok(violations) if violations.is_empty() => report.push(
                "schema",
                true,
                format!("valid against the {} schema", kind.name()),
            ),
            Ok(violations) => report.push(
                "schema",
                false,
                format!(
                    "invalid against the {} schema: {}",
                    kind.name(),
                    violations.join("; ")
                ),
            ),
            Err(error) => report.push("schema", false, error.to_string()),
        },
        None => report.push(
            "schema",
            false,
            "the credential type is none of OpenBadgeCredential, AchievementCredential, \
             EndorsementCredential or ClrCredential, so no schema applies",
        ),
    }

    if subject_identified(&credential) {
        report.push(
            "subjectIdentified",
            true,
            "credentialSubject has an id or an identifier",
        );
    } else {
        report.push(
            "subjectIdentified",
            false,
            "credentialSubject has neither an id nor an identifier",
        );
    }

    let (passed, message) = check_validity_period(&credential, now);
    report.push("validityPeriod", passed, message);

    let (passed, message) = check_status(&credential, resolver, status);
    report.push("status", passed, message);

    if SchemaKind::for_credential(&credential) == Some(SchemaKind::Clr) {
        let (passed, message) = check_embedded_credentials(&credential, resolver, status, now);
        report.push("embeddedCredentials", passed, message);
    }
    report
}

pub(crate) fn empty_report(format: ProofFormat) -> VerificationReport {
    VerificationReport {
        format,
        credential: None,
        checks: Vec::new(),
    }
}

fn check_validity_period(credential: &Value, now: DateTime<Utc>) -> (bool, String) {
    let read = |field: &str, legacy: &str| {
        credential
            .get(field)
            .or_else(|| credential.get(legacy))
            .and_then(Value::as_str)
            .map(|text| parse_time(text, field))
    };
    let valid_from = match read("validFrom", "issuanceDate") {
        Some(Ok(time)) => time,
        Some(Err(error)) => return (false, error.to_string()),
        None => return (false, "the credential has no validFrom".into()),
    };
    if now < valid_from {
        return (
            false,
            format!("the credential is not valid before {valid_from}"),
        );
    }
    match read("validUntil", "expirationDate") {
        Some(Ok(until)) if now >= until => (false, format!("the credential expired at {until}")),
        Some(Err(error)) => (false, error.to_string()),
        Some(Ok(until)) => (true, format!("valid from {valid_from} until {until}")),
        None => (true, format!("valid from {valid_from} with no expiry")),
    }
}

fn check_embedded_credentials(
    credential: &Value,
    resolver: &dyn KeyResolver,
    status: &dyn StatusLookup,
    now: DateTime<Utc>,
) -> (bool, String) {
    let embedded: Vec<Value> = match credential
        .get("credentialSubject")
        .and_then(|subject| subject.get("verifiableCredential"))
    {
        Some(Value::Array(items)) => items.clone(),
        Some(single) => vec![single.clone()],
        None => Vec::new(),
    };
    let mut failures = Vec::new();
    for (position, item) in embedded.iter().enumerate() {
        let report = verify_credential(VerifiableInput::from(item), resolver, status, now);
        if !report.verified() {
            let failed: Vec<String> = report
                .checks
                .iter()
                .filter(|check| !check.passed)
                .map(|check| format!("{}: {}", check.name, check.message))
                .collect();
            failures.push(format!("credential {position}: {}", failed.join(", ")));
        }
    }
    if failures.is_empty() {
        (
            true,
            format!("all {} embedded credentials verified", embedded.len()),
        )
    } else {
        (false, failures.join("; "))
    }
}

//! Registry claims of a token and the checks that turn them into a [`Principal`].

use std::collections::BTreeSet;

use serde::Deserialize;
use serde_json::Value;

use crate::error::{printable, AuthError};
use crate::principal::Principal;
use crate::role::Role;
use crate::state::StateCode;

/// Maximum length in characters of a `sub`, `provider_id` or `learner_id` claim.
const MAX_ID_CHARS: usize = 256;

/// The identity claims of a principal, already typed.
///
/// [`Principal::authenticated`] checks them the same way as claims from a token, so
/// tests and internal callers can build principals without minting a token.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Identity {
    pub subject: String,
    pub roles: Vec<Role>,
    pub provider_id: Option<String>,
    pub learner_id: Option<String>,
    /// A USPS two-letter code in either case.
    pub state: Option<String>,
}

/// Claims as they appear in the token, typed loosely so that each wrong type gets its
/// own error.
#[derive(Debug, Deserialize)]
pub(crate) struct RawClaims {
    #[serde(default)]
    sub: Option<Value>,
    #[serde(default)]
    roles: Option<Value>,
    #[serde(default)]
    provider_id: Option<Value>,
    #[serde(default)]
    learner_id: Option<Value>,
    #[serde(default)]
    state: Option<Value>,
}

impl RawClaims {
    /// Checks the claim types and role names, then builds the principal. Unknown role
    /// names are rejected unless `ignore_unknown_roles` is set.
    pub(crate) fn into_principal(self, ignore_unknown_roles: bool) -> Result<Principal, AuthError> {
        let subject = required_string(self.sub, "sub")?;
        let roles = parse_roles(self.roles, ignore_unknown_roles)?;
        let identity = Identity {
            subject,
            roles,
            provider_id: optional_string(self.provider_id, "provider_id")?,
            learner_id: optional_string(self.learner_id, "learner_id")?,
            state: optional_string(self.state, "state")?,
        };
        Principal::authenticated(identity)
    }
}

impl Principal {
    /// Builds an authenticated principal after checking that each role has the claims
    /// it needs and that the ids and the state are valid.
    pub fn authenticated(identity: Identity) -> Result<Principal, AuthError> {
        check_id(&identity.subject, "sub")?;
        let roles: BTreeSet<Role> = identity.roles.into_iter().collect();

        if let Some(provider_id) = &identity.provider_id {
            check_id(provider_id, "provider_id")?;
        }
        if let Some(learner_id) = &identity.learner_id {
            check_id(learner_id, "learner_id")?;
        }
        let state = match &identity.state {
            Some(value) => {
                Some(
                    value
                        .parse::<StateCode>()
                        .map_err(|error| AuthError::InvalidClaim {
                            claim: "state",
                            detail: error.to_string(),
                        })?,
                )
            }
            None => None,
        };

        let needs_provider_id = roles.iter().any(|role| role.needs_provider_id());
        if needs_provider_id && identity.provider_id.is_none() {
            return Err(AuthError::MissingClaim {
                claim: "provider_id",
                fix: "The roles contributor, provider and issuer need the id of their \
                      provider in `provider_id`.",
            });
        }
        if roles.contains(&Role::Learner) && identity.learner_id.is_none() {
            return Err(AuthError::MissingClaim {
                claim: "learner_id",
                fix: "The learner role needs the learner's id in `learner_id`.",
            });
        }
        if roles.contains(&Role::StatePortal) && state.is_none() {
            return Err(AuthError::MissingClaim {
                claim: "state",
                fix: "The state_portal role needs the portal's two-letter state code in \
                      `state`, such as \"TN\".",
            });
        }

        Ok(Principal {
            subject: Some(identity.subject),
            roles,
            provider_id: identity.provider_id,
            learner_id: identity.learner_id,
            state,
        })
    }
}

/// Returns the fix sentence for a missing claim that a token must carry.
pub(crate) fn missing_claim(claim: &str) -> AuthError {
    let (claim, fix) = match claim {
        "exp" => (
            "exp",
            "Request a token with an expiry time in `exp`, as a number of seconds since 1970.",
        ),
        "iss" => ("iss", "Request a token that names its issuer in `iss`."),
        "aud" => (
            "aud",
            "Request a token for this registry's audience in `aud`.",
        ),
        "nbf" => (
            "nbf",
            "Request a token with a start time in `nbf`, as a number of seconds since 1970.",
        ),
        "roles" => (
            "roles",
            "Request a token with a `roles` array claim, such as [\"learner\"].",
        ),
        "sub" => (
            "sub",
            "Request a token that names its subject in `sub` as a string.",
        ),
        other => {
            return AuthError::malformed(format!(
                "the required claim `{}` is missing",
                printable(other)
            ))
        }
    };
    AuthError::MissingClaim { claim, fix }
}

fn required_string(value: Option<Value>, claim: &'static str) -> Result<String, AuthError> {
    optional_string(value, claim)?.ok_or_else(|| missing_claim(claim))
}

/// Returns the string value of a claim, treating `null` as absent.
fn optional_string(value: Option<Value>, claim: &'static str) -> Result<Option<String>, AuthError> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => Ok(Some(text)),
        Some(_) => Err(AuthError::InvalidClaim {
            claim,
            detail: "it must be a string".to_owned(),
        }),
    }
}

fn parse_roles(value: Option<Value>, ignore_unknown_roles: bool) -> Result<Vec<Role>, AuthError> {
    let items = match value {
        None | Some(Value::Null) => return Err(missing_claim("roles")),
        Some(Value::Array(items)) => items,
        Some(_) => {
            return Err(AuthError::InvalidClaim {
                claim: "roles",
                detail: "it must be an array of role names, such as [\"learner\"]".to_owned(),
            })
        }
    };

    let mut roles = Vec::with_capacity(items.len());
    for item in items {
        let Value::String(name) = item else {
            return Err(AuthError::InvalidClaim {
                claim: "roles",
                detail: "every item must be a role name string".to_owned(),
            });
        };
        match name.parse::<Role>() {
            Ok(role) => roles.push(role),
            Err(_) if ignore_unknown_roles => {
                tracing::debug!(role = %printable(&name), "ignored unknown role in token");
            }
            Err(error) => {
                return Err(AuthError::InvalidClaim {
                    claim: "roles",
                    detail: error.to_string(),
                })
            }
        }
    }
    Ok(roles)
}

fn check_id(value: &str, claim: &'static str) -> Result<(), AuthError> {
    let problem = if value.is_empty() {
        Some("it is empty".to_owned())
    } else if value.chars().count() > MAX_ID_CHARS {
        Some(format!("it is longer than {MAX_ID_CHARS} characters"))
    } else if value.chars().any(char::is_control) {
        Some("it contains control characters".to_owned())
    } else if value.trim() != value {
        Some("it starts or ends with whitespace".to_owned())
    } else {
        None
    };
    match problem {
        Some(detail) => Err(AuthError::InvalidClaim { claim, detail }),
        None => Ok(()),
    }
}

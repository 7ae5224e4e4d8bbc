//! Roles that a token can grant.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A role granted by the `roles` claim of a token.
///
/// Roles do not imply each other, except that [`Role::Admin`] passes every access check.
/// A check that accepts several roles lists each of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// A person who holds, self-attests and shares credentials. Needs a `learner_id` claim.
    Learner,
    /// A free contributor of registry records. Needs a `provider_id` claim.
    Contributor,
    /// A paid provider. Needs a `provider_id` claim.
    Provider,
    /// A verified issuer of credentials. Needs a `provider_id` claim.
    Issuer,
    /// A career counselor who explores pathways and eligibility with learners.
    Counselor,
    /// A state workforce portal, scoped to the state in its `state` claim.
    StatePortal,
    /// A registry operator.
    Admin,
}

impl Role {
    /// Every role, in the order used for display and for the cache scope.
    pub const ALL: [Role; 7] = [
        Role::Learner,
        Role::Contributor,
        Role::Provider,
        Role::Issuer,
        Role::Counselor,
        Role::StatePortal,
        Role::Admin,
    ];

    /// Returns the claim value of the role, such as `state_portal`.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Learner => "learner",
            Role::Contributor => "contributor",
            Role::Provider => "provider",
            Role::Issuer => "issuer",
            Role::Counselor => "counselor",
            Role::StatePortal => "state_portal",
            Role::Admin => "admin",
        }
    }

    /// Returns whether a principal with this role must carry a `provider_id` claim.
    pub fn needs_provider_id(self) -> bool {
        matches!(self, Role::Contributor | Role::Provider | Role::Issuer)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Error for a role name that is not one of [`Role::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown role `{name}`; the known roles are {known}")]
pub struct UnknownRole {
    /// The rejected name, shortened and stripped of control characters.
    pub name: String,
    known: RoleList,
}

impl FromStr for Role {
    type Err = UnknownRole;

    /// Parses the exact, lowercase claim value of a role.
    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|role| role.as_str() == name)
            .ok_or_else(|| UnknownRole {
                name: crate::error::printable(name),
                known: RoleList(Role::ALL.to_vec()),
            })
    }
}

/// Roles displayed as a comma-separated list, or `none` when empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleList(pub Vec<Role>);

impl fmt::Display for RoleList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("none");
        }
        let names: Vec<&str> = self.0.iter().map(|role| role.as_str()).collect();
        f.write_str(&names.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_names_round_trip() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>(), Ok(role));
        }
    }

    #[test]
    fn role_parse_is_case_sensitive() {
        let error = "Admin".parse::<Role>().unwrap_err();
        assert_eq!(error.name, "Admin");
        assert!(error.to_string().contains("state_portal"));
    }

    #[test]
    fn role_serde_uses_claim_names() {
        let json = serde_json::to_string(&Role::StatePortal).unwrap();
        assert_eq!(json, "\"state_portal\"");
    }

    #[test]
    fn role_list_displays_none_when_empty() {
        assert_eq!(RoleList(Vec::new()).to_string(), "none");
        assert_eq!(
            RoleList(vec![Role::Provider, Role::Issuer]).to_string(),
            "provider, issuer"
        );
    }
}

//! Access checks that GraphQL resolvers call on a [`Principal`].

use crate::principal::Principal;
use crate::role::{Role, RoleList};

/// Reason a principal may not perform an operation.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AccessError {
    #[error(
        "This operation requires authentication with one of the roles {required}. Send \
         `Authorization: Bearer <token>` with a token from the identity provider."
    )]
    AuthenticationRequired { required: RoleList },

    #[error(
        "This operation requires one of the roles {required}, but the token grants {granted}. \
         Ask the registry operator for one of the required roles."
    )]
    MissingRole {
        required: RoleList,
        granted: RoleList,
    },

    #[error(
        "The token is not scoped to provider `{provider_id}`, so it cannot change that \
         provider's records. Use a token whose provider_id claim is `{provider_id}`."
    )]
    OtherProvider { provider_id: String },

    #[error(
        "The token is not scoped to the requested learner, so it cannot read that learner's \
         records. Learners can read only their own records."
    )]
    OtherLearner,

    #[error(
        "The token is not scoped to state `{state}`, so it cannot access that state's \
         records. Use a state portal token whose state claim is `{state}`."
    )]
    OtherState { state: String },
}

impl AccessError {
    /// Returns the stable machine reason, such as `MISSING_ROLE`, for `extensions.reason`.
    pub fn reason(&self) -> &'static str {
        match self {
            AccessError::AuthenticationRequired { .. } => "AUTHENTICATION_REQUIRED",
            AccessError::MissingRole { .. } => "MISSING_ROLE",
            AccessError::OtherProvider { .. } => "PROVIDER_SCOPE",
            AccessError::OtherLearner => "LEARNER_SCOPE",
            AccessError::OtherState { .. } => "STATE_SCOPE",
        }
    }

    /// Returns the GraphQL error code: `UNAUTHENTICATED` for anonymous callers and
    /// `FORBIDDEN` otherwise.
    pub fn code(&self) -> &'static str {
        match self {
            AccessError::AuthenticationRequired { .. } => "UNAUTHENTICATED",
            _ => "FORBIDDEN",
        }
    }
}

impl Principal {
    /// Checks that the principal is authenticated, with any roles or none.
    pub fn require_authenticated(&self) -> Result<(), AccessError> {
        if self.is_anonymous() {
            return Err(AccessError::AuthenticationRequired {
                required: RoleList(Vec::new()),
            });
        }
        Ok(())
    }

    /// Checks that the principal has one of `roles` or is an admin. An empty slice
    /// admits only admins.
    pub fn require_any(&self, roles: &[Role]) -> Result<(), AccessError> {
        if self.is_anonymous() {
            return Err(AccessError::AuthenticationRequired {
                required: RoleList(roles.to_vec()),
            });
        }
        if self.is_admin() || roles.iter().any(|role| self.has_role(*role)) {
            return Ok(());
        }
        Err(AccessError::MissingRole {
            required: RoleList(roles.to_vec()),
            granted: RoleList(self.roles().collect()),
        })
    }

    /// Shorthand for [`Principal::require_any`] with one role.
    pub fn require(&self, role: Role) -> Result<(), AccessError> {
        self.require_any(&[role])
    }

    /// Checks [`Principal::can_act_for_provider`].
    pub fn require_provider(&self, provider_id: &str) -> Result<(), AccessError> {
        self.require_any(&[Role::Contributor, Role::Provider, Role::Issuer])?;
        if self.can_act_for_provider(provider_id) {
            return Ok(());
        }
        Err(AccessError::OtherProvider {
            provider_id: crate::error::printable(provider_id),
        })
    }

    /// Checks [`Principal::can_read_learner`]. The error does not repeat the learner id.
    pub fn require_learner(&self, learner_id: &str) -> Result<(), AccessError> {
        self.require_any(&[Role::Learner])?;
        if self.can_read_learner(learner_id) {
            return Ok(());
        }
        Err(AccessError::OtherLearner)
    }

    /// Checks [`Principal::can_access_state`].
    pub fn require_state(&self, state: &str) -> Result<(), AccessError> {
        self.require_any(&[Role::StatePortal])?;
        if self.can_access_state(state) {
            return Ok(());
        }
        Err(AccessError::OtherState {
            state: crate::error::printable(state),
        })
    }
}

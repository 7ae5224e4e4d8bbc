//! The authenticated caller of a request and what it may read or change.

use std::collections::BTreeSet;
use std::fmt;

use sha2::{Digest, Sha256};

use crate::role::Role;
use crate::state::StateCode;

/// The caller of a request: anonymous, or the subject of a validated token with its
/// roles and the ids that scope them.
///
/// Build one with [`crate::Validator::validate`], [`Principal::anonymous`] or
/// [`Principal::authenticated`], which apply the same claim checks. `Debug` output
/// hides the subject and the learner id.
#[derive(Clone, PartialEq, Eq)]
pub struct Principal {
    pub(crate) subject: Option<String>,
    pub(crate) roles: BTreeSet<Role>,
    pub(crate) provider_id: Option<String>,
    pub(crate) learner_id: Option<String>,
    pub(crate) state: Option<StateCode>,
}

/// States whose portal-scoped records a principal may access.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StateScope {
    /// Every state, for admins.
    All,
    /// One state, for a state portal.
    One(StateCode),
    /// No state, for every other principal.
    None,
}

impl Principal {
    /// Returns the principal of a request without a bearer token.
    pub fn anonymous() -> Self {
        Principal {
            subject: None,
            roles: BTreeSet::new(),
            provider_id: None,
            learner_id: None,
            state: None,
        }
    }

    /// Returns whether the request carried no bearer token.
    pub fn is_anonymous(&self) -> bool {
        self.subject.is_none()
    }

    /// Returns the `sub` claim, or `None` when anonymous.
    pub fn subject(&self) -> Option<&str> {
        self.subject.as_deref()
    }

    /// Returns the granted roles in [`Role::ALL`] order.
    pub fn roles(&self) -> impl Iterator<Item = Role> + '_ {
        self.roles.iter().copied()
    }

    /// Returns whether the token granted `role`. Unlike the access checks, this is false for an
    /// admin that lacks the role itself.
    pub fn has_role(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    /// Returns whether the principal is an admin, which passes every access check.
    pub fn is_admin(&self) -> bool {
        self.has_role(Role::Admin)
    }

    /// Returns the `provider_id` claim, present for contributors, providers and issuers.
    pub fn provider_id(&self) -> Option<&str> {
        self.provider_id.as_deref()
    }

    /// Returns the `learner_id` claim, present for learners.
    pub fn learner_id(&self) -> Option<&str> {
        self.learner_id.as_deref()
    }

    /// Returns whether the principal may change the records of provider `provider_id`: admins,
    /// and contributors, providers and issuers whose `provider_id` claim matches.
    pub fn can_act_for_provider(&self, provider_id: &str) -> bool {
        if self.is_admin() {
            return true;
        }
        let has_provider_role = self.roles.iter().any(|role| role.needs_provider_id());
        has_provider_role && self.provider_id.as_deref() == Some(provider_id)
    }

    /// Returns whether the principal may read the private records of learner `learner_id`:
    /// admins, and the learner whose `learner_id` claim matches.
    ///
    /// NOTE: counselors and state portals get `false` here, because their access to a
    /// learner depends on consent or residence records that a token does not carry.
    pub fn can_read_learner(&self, learner_id: &str) -> bool {
        if self.is_admin() {
            return true;
        }
        self.has_role(Role::Learner) && self.learner_id.as_deref() == Some(learner_id)
    }

    /// Returns the states whose portal-scoped records the principal may access.
    pub fn state_scope(&self) -> StateScope {
        if self.is_admin() {
            return StateScope::All;
        }
        match (self.has_role(Role::StatePortal), self.state) {
            (true, Some(state)) => StateScope::One(state),
            _ => StateScope::None,
        }
    }

    /// Returns whether the principal may access the portal-scoped records of `state`, a
    /// two-letter code in either case.
    pub fn can_access_state(&self, state: &str) -> bool {
        match self.state_scope() {
            StateScope::All => true,
            StateScope::One(own) => own.as_str().eq_ignore_ascii_case(state),
            StateScope::None => false,
        }
    }

    /// Returns a stable key part for the response cache: 32 hex digits of a SHA-256
    /// over the roles, the provider and learner ids and the state.
    ///
    /// Principals that differ only in subject share a scope, so a response that depends
    /// on the subject alone must not be cached under it. The token is not an input.
    pub fn cache_scope(&self) -> String {
        let mut hasher = Sha256::new();
        hasher.update(b"ler-auth cache scope v1\n");
        for role in &self.roles {
            hash_field(&mut hasher, "role", role.as_str());
        }
        if let Some(provider_id) = &self.provider_id {
            hash_field(&mut hasher, "provider_id", provider_id);
        }
        if let Some(learner_id) = &self.learner_id {
            hash_field(&mut hasher, "learner_id", learner_id);
        }
        if let Some(state) = &self.state {
            hash_field(&mut hasher, "state", state.as_str());
        }
        if self.is_anonymous() {
            hash_field(&mut hasher, "anonymous", "");
        }
        let digest = hasher.finalize();
        hex::encode(&digest[..16])
    }
}

/// Hashes a name and a length-prefixed value, so that no two field lists give the
/// same byte stream.
fn hash_field(hasher: &mut Sha256, name: &str, value: &str) {
    hasher.update(name.as_bytes());
    hasher.update((value.len() as u64).to_be_bytes());
    hasher.update(value.as_bytes());
}

impl fmt::Debug for Principal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let subject = self.subject.as_ref().map(|_| "<redacted>");
        let learner_id = self.learner_id.as_ref().map(|_| "<redacted>");
        f.debug_struct("Principal")
            .field("subject", &subject)
            .field("roles", &self.roles)
            .field("provider_id", &self.provider_id)
            .field("learner_id", &learner_id)
            .field("state", &self.state)
            .finish()
    }
}

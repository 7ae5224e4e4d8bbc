//! Verification status of a record: who vouches for its content.

use async_graphql::Enum;
use ler_auth::{Principal, Role};

#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
pub enum VerificationStatus {
    /// Last written by a paid provider, a verified issuer or a state portal.
    VerifiedProvider,
    /// Last written by a free contributor and not yet reviewed.
    AwaitingVerification,
    /// Checked by a registry reviewer with `verifyRecord`, or written by an admin.
    VerifiedByReviewer,
    /// Loaded from public data sets and never changed through registration.
    PublicSource,
}

impl VerificationStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::VerifiedProvider => "VERIFIED_PROVIDER",
            Self::AwaitingVerification => "AWAITING_VERIFICATION",
            Self::VerifiedByReviewer => "VERIFIED_BY_REVIEWER",
            Self::PublicSource => "PUBLIC_SOURCE",
        }
    }

    /// Reads the stored property. Seeded records have none, so they read as PUBLIC_SOURCE.
    pub fn from_stored(stored: Option<&str>) -> Self {
        match stored {
            Some("VERIFIED_PROVIDER") => Self::VerifiedProvider,
            Some("AWAITING_VERIFICATION") => Self::AwaitingVerification,
            Some("VERIFIED_BY_REVIEWER") => Self::VerifiedByReviewer,
            _ => Self::PublicSource,
        }
    }

    /// Returns the status a create or update by `writer` gives a record. The strongest
    /// role wins: admin, then paid roles, then contributor.
    pub fn after_write_by(writer: &Principal) -> Self {
        if writer.is_admin() {
            Self::VerifiedByReviewer
        } else if writer.has_role(Role::Provider) || writer.has_role(Role::Issuer) || writer.has_role(Role::StatePortal) {
            Self::VerifiedProvider
        } else {
            Self::AwaitingVerification
        }
    }
}

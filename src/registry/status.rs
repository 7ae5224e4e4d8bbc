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

/// Registration state every registered record type exposes: its version, who vouches for
/// it and whether it is retired. Record types flatten it into their own fields.
pub struct RecordState {
    version: i64,
    verification_status: VerificationStatus,
    retired: bool,
}

impl RecordState {
    /// Builds the state from stored properties. Seeded records have no version, so they read
    /// as version 0.
    pub fn from_stored(version: Option<i64>, verification_status: Option<&str>, retired: bool) -> Self {
        Self { version: version.unwrap_or(0), verification_status: VerificationStatus::from_stored(verification_status), retired }
    }
}

#[async_graphql::Object]
impl RecordState {
    /// Optimistic-concurrency version, 0 for seeded records. Updates must pass it.
    async fn version(&self) -> i64 {
        self.version
    }

    async fn verification_status(&self) -> VerificationStatus {
        self.verification_status
    }

    /// Retired records stay readable but no longer change.
    async fn retired(&self) -> bool {
        self.retired
    }
}

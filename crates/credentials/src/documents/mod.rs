//! Unsigned credential documents: OpenBadgeCredential, EndorsementCredential and
//! ClrCredential.

pub mod achievement;
pub mod clr;
pub mod endorsement;
pub mod profile;

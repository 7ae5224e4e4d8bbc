//! Authorization helpers for resolvers.
//!
//! The HTTP layer validates the bearer token once per request and stores the resulting
//! [`Principal`] in the request data, anonymous when there is no token. Resolvers check
//! roles and scopes through these helpers.

use async_graphql::{Context, ErrorExtensions};
pub use ler_auth::{AccessError, Principal, Role};

/// Returns the caller of the current request.
pub fn principal<'a>(ctx: &'a Context<'_>) -> &'a Principal {
    ctx.data_unchecked::<Principal>()
}

/// Converts an access failure into a GraphQL error with `code` and a stable `reason`.
pub fn access_error(error: AccessError) -> async_graphql::Error {
    let code = error.code();
    let reason = error.reason();
    async_graphql::Error::new(error.to_string()).extend_with(|_, ext| {
        ext.set("code", code);
        ext.set("reason", reason);
    })
}

/// Requires the caller to hold one of `roles` (admin always passes).
pub fn require_any<'a>(ctx: &'a Context<'_>, roles: &[Role]) -> async_graphql::Result<&'a Principal> {
    let principal = principal(ctx);
    principal.require_any(roles).map_err(access_error)?;
    Ok(principal)
}

/// True when `principal` may read a record with this publication `status`: anything but a
/// draft, or a draft of the provider the principal acts for (admins act for every provider).
pub fn can_read_record(principal: &Principal, status: Option<&str>, provider_id: Option<&str>) -> bool {
    status != Some("DRAFT") || provider_id.is_some_and(|id| principal.can_act_for_provider(id))
}

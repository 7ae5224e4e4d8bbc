//! State codes the income tables cover.

/// USPS codes of the 50 states and the District of Columbia.
pub const STATES: [&str; 51] = [
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA",
    "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM",
    "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA",
    "WV", "WI", "WY",
];

/// USPS codes of territories. The HHS poverty guidelines do not cover them, and SNAP uses
/// separate limits there that are not loaded.
pub const TERRITORIES: [&str; 5] = ["PR", "GU", "VI", "AS", "MP"];

/// Tells whether `code` is one of [`STATES`] (exact, upper case).
pub fn is_supported_state(code: &str) -> bool {
    STATES.contains(&code)
}

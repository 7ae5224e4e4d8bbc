//! Two-letter state codes for state portal scopes.

use std::fmt;
use std::str::FromStr;

/// USPS two-letter codes of the 50 states, the District of Columbia and the five
/// inhabited territories (AS, GU, MP, PR, VI).
const STATE_CODES: [&str; 56] = [
    "AK", "AL", "AR", "AS", "AZ", "CA", "CO", "CT", "DC", "DE", "FL", "GA", "GU", "HI", "IA", "ID",
    "IL", "IN", "KS", "KY", "LA", "MA", "MD", "ME", "MI", "MN", "MO", "MP", "MS", "MT", "NC", "ND",
    "NE", "NH", "NJ", "NM", "NV", "NY", "OH", "OK", "OR", "PA", "PR", "RI", "SC", "SD", "TN", "TX",
    "UT", "VA", "VI", "VT", "WA", "WI", "WV", "WY",
];

/// A validated USPS state code, stored in uppercase.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StateCode([u8; 2]);

impl StateCode {
    /// Returns the code in uppercase, such as `TN`.
    pub fn as_str(&self) -> &str {
        // The bytes come from STATE_CODES, which is ASCII.
        std::str::from_utf8(&self.0).expect("state codes are ASCII")
    }
}

/// Error for a value that is not a USPS state code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{value}` is not a USPS two-letter state code; use a code such as `TN` \
     for a state, `DC` or a territory code (AS, GU, MP, PR, VI)"
)]
pub struct InvalidStateCode {
    /// The rejected value, shortened and stripped of control characters.
    pub value: String,
}

impl FromStr for StateCode {
    type Err = InvalidStateCode;

    /// Parses a code in either case, so `tn` and `TN` both give `TN`.
    fn from_str(value: &str) -> Result<Self, Self::Err> {
        let upper = value.to_ascii_uppercase();
        match STATE_CODES.binary_search(&upper.as_str()) {
            Ok(index) => {
                let bytes = STATE_CODES[index].as_bytes();
                Ok(StateCode([bytes[0], bytes[1]]))
            }
            Err(_) => Err(InvalidStateCode {
                value: crate::error::printable(value),
            }),
        }
    }
}

impl fmt::Display for StateCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for StateCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "StateCode({})", self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_table_is_sorted_for_search() {
        let mut sorted = STATE_CODES;
        sorted.sort_unstable();
        assert_eq!(sorted, STATE_CODES);
    }

    #[test]
    fn state_parse_accepts_lowercase() {
        let code: StateCode = "tn".parse().unwrap();
        assert_eq!(code.as_str(), "TN");
    }

    #[test]
    fn state_parse_accepts_territories_and_dc() {
        for value in ["DC", "PR", "GU", "VI", "AS", "MP"] {
            assert!(value.parse::<StateCode>().is_ok(), "{value} should parse");
        }
    }

    #[test]
    fn state_parse_rejects_unknown_codes() {
        for value in ["ZZ", "", "T", "TNN", "US", "T\u{0}"] {
            assert!(
                value.parse::<StateCode>().is_err(),
                "{value:?} should be rejected"
            );
        }
    }

    #[test]
    fn state_error_names_value_and_fix() {
        let message = "XX".parse::<StateCode>().unwrap_err().to_string();
        assert!(message.contains("`XX`"));
        assert!(message.contains("such as `TN`"));
    }
}

//! Field checks shared by the registration inputs. Each error names the GraphQL field,
//! the rejected value and the expected form.

use serde_json::{Map, Value};

use super::error::{RegistryError, RegistryResult};

/// Longest accepted name or title, in characters.
pub const MAX_NAME: usize = 300;
/// Longest accepted description, in characters.
pub const MAX_DESCRIPTION: usize = 20_000;

/// Properties of a record being written, keyed by stored property name.
pub type Props = Map<String, Value>;

/// Trims text and checks its length; blank text is an error.
pub fn text(field: &'static str, value: &str, max_chars: usize) -> RegistryResult<Value> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(RegistryError::invalid(field, format!("`{field}` is blank. Pass at least one visible character.")));
    }
    let count = trimmed.chars().count();
    if count > max_chars {
        return Err(RegistryError::invalid(field, format!("`{field}` has {count} characters, more than the limit of {max_chars}. Shorten it.")));
    }
    if trimmed.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err(RegistryError::invalid(field, format!("`{field}` contains control characters. Remove them.")));
    }
    Ok(Value::String(trimmed.to_string()))
}

pub fn state(field: &'static str, value: &str) -> RegistryResult<Value> {
    let trimmed = value.trim();
    if trimmed.len() == 2 && trimmed.chars().all(|c| c.is_ascii_alphabetic()) {
        return Ok(Value::String(trimmed.to_ascii_uppercase()));
    }
    Err(RegistryError::invalid(field, format!("`{field}` is \"{value}\", which is not a two-letter USPS state code. Use a code such as \"NJ\".")))
}

pub fn url(field: &'static str, value: &str) -> RegistryResult<Value> {
    let trimmed = value.trim();
    let has_host = trimmed.split_once("://").is_some_and(|(scheme, rest)| matches!(scheme, "http" | "https") && !rest.is_empty() && !rest.starts_with('/'));
    if has_host && trimmed.len() <= 2_000 && !trimmed.contains(char::is_whitespace) {
        return Ok(Value::String(trimmed.to_string()));
    }
    Err(RegistryError::invalid(field, format!("`{field}` is \"{value}\", which is not an http or https URL. Pass a full URL such as \"https://example.org/program\".")))
}

/// Checks a code against a shape where `9` is a digit and any other character is literal.
pub fn code(field: &'static str, value: &str, shape: &str, example: &str) -> RegistryResult<Value> {
    let trimmed = value.trim();
    let fits = trimmed.len() == shape.len() && trimmed.chars().zip(shape.chars()).all(|(c, s)| if s == '9' { c.is_ascii_digit() } else { c == s });
    if fits {
        return Ok(Value::String(trimmed.to_string()));
    }
    Err(RegistryError::invalid(field, format!("`{field}` is \"{value}\", which does not have the form {shape}. Use a code such as \"{example}\".")))
}

/// Checks a SOC 2018 code ("51-4121") or an O*NET-SOC code ("51-4121.00").
pub fn soc(field: &'static str, value: &str) -> RegistryResult<Value> {
    let trimmed = value.trim();
    if trimmed.len() == 10 {
        return code(field, value, "99-9999.99", "51-4121.00");
    }
    code(field, trimmed, "99-9999", "51-4121")
}

pub fn amount(field: &'static str, value: f64) -> RegistryResult<Value> {
    if value.is_finite() && (0.0..=10_000_000.0).contains(&value) {
        return Ok(Value::from(value));
    }
    Err(RegistryError::invalid(field, format!("`{field}` is {value}, but an amount must be between 0 and 10000000 US dollars.")))
}

pub fn date(field: &'static str, value: &str) -> RegistryResult<Value> {
    match chrono::NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d") {
        Ok(day) => Ok(Value::String(day.format("%Y-%m-%d").to_string())),
        Err(_) => Err(RegistryError::invalid(field, format!("`{field}` is \"{value}\", which is not a calendar date. Use the form YYYY-MM-DD, such as \"2027-03-31\"."))),
    }
}

/// Checks a list of ids: each non-blank, at most 500 of them, duplicates dropped.
pub fn id_list(field: &'static str, values: &[String]) -> RegistryResult<Value> {
    if values.len() > 500 {
        return Err(RegistryError::invalid(field, format!("`{field}` lists {} ids, more than the limit of 500. Use audience roles for large groups.", values.len())));
    }
    let mut ids: Vec<String> = Vec::with_capacity(values.len());
    for value in values {
        let id = text(field, value, 200)?;
        let id = id.as_str().unwrap_or_default().to_string();
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    Ok(Value::from(ids))
}

/// Checks a caller-chosen registry id: 3 to 100 lowercase letters, digits, dots or hyphens.
pub fn code_id(field: &'static str, value: &str) -> RegistryResult<String> {
    let trimmed = value.trim();
    let allowed = trimmed.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.');
    if allowed && (3..=100).contains(&trimmed.len()) {
        return Ok(trimmed.to_string());
    }
    Err(RegistryError::invalid(field, format!("`{field}` is \"{value}\", but an id has 3 to 100 lowercase letters, digits, dots or hyphens, such as \"nj-etpl-133\".")))
}

/// Requires `field` to be present in the merged record, for creates and updates alike.
pub fn require(merged: &Props, field: &'static str, property: &str) -> RegistryResult<()> {
    match merged.get(property) {
        Some(Value::Null) | None => Err(RegistryError::invalid(field, format!("`{field}` is required. Pass a value for it."))),
        Some(_) => Ok(()),
    }
}

/// Sets `property` when the input has a value for it.
pub fn put(props: &mut Props, property: &str, value: Option<RegistryResult<Value>>) -> RegistryResult<()> {
    if let Some(value) = value {
        props.insert(property.to_string(), value?);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field_of(result: RegistryResult<Value>) -> &'static str {
        match result {
            Err(RegistryError::InvalidField { field, .. }) => field,
            other => panic!("expected an invalid field, got {other:?}"),
        }
    }

    #[test]
    fn text_rejects_blank_and_long() {
        assert_eq!(field_of(text("name", "   ", 10)), "name");
        assert_eq!(field_of(text("name", "abcdefghijk", 10)), "name");
        assert_eq!(text("name", "  Welding  ", 10).unwrap(), "Welding");
    }

    #[test]
    fn url_requires_http_scheme_and_host() {
        assert!(url("url", "https://example.org/a").is_ok());
        assert!(url("url", "javascript:alert(1)").is_err());
        assert!(url("url", "https:///path").is_err());
        assert!(url("url", "ftp://example.org").is_err());
    }

    #[test]
    fn code_shapes_cip_and_soc() {
        assert!(code("cipCode", "48.0508", "99.9999", "48.0508").is_ok());
        assert!(code("cipCode", "48.058", "99.9999", "48.0508").is_err());
        assert!(soc("socCode", "51-4121").is_ok());
        assert!(soc("socCode", "51-4121.00").is_ok());
        assert!(soc("socCode", "514121").is_err());
    }

    #[test]
    fn amount_rejects_negative_and_nan() {
        assert!(amount("salaryMin", -1.0).is_err());
        assert!(amount("salaryMin", f64::NAN).is_err());
        assert!(amount("salaryMin", 52_000.0).is_ok());
    }

    #[test]
    fn date_rejects_impossible_day() {
        assert!(date("validThrough", "2027-02-30").is_err());
        assert_eq!(date("validThrough", "2027-02-28").unwrap(), "2027-02-28");
    }
}

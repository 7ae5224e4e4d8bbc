//! Relay connections with keyset cursors: a cursor encodes the sort key of the last row
//! seen, never an offset, so pages stay stable while records are added.

use async_graphql::connection::{Connection, Edge};
use async_graphql::{Context, Object, OutputType};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::Value;

use super::records::CountRow;
use crate::error::ApiError;
use crate::graph::{Graph, Statement};

/// Largest page a connection returns.
pub const MAX_PAGE: i32 = 100;
/// Page size when `first` is not given.
pub const DEFAULT_PAGE: i32 = 20;

const CURSOR_PREFIX: &str = "k1:";

pub fn encode_cursor(key: &str) -> String {
    URL_SAFE_NO_PAD.encode(format!("{CURSOR_PREFIX}{key}"))
}

/// Decodes an `after` cursor into the sort key it carries.
pub fn decode_cursor(cursor: &str) -> Result<String, ApiError> {
    let invalid = || ApiError::bad_input(format!(
        "The cursor \"{cursor}\" is not valid. Pass an `endCursor` or `cursor` value from an earlier page of the same list."
    ));
    let bytes = URL_SAFE_NO_PAD.decode(cursor).map_err(|_| invalid())?;
    let text = String::from_utf8(bytes).map_err(|_| invalid())?;
    text.strip_prefix(CURSOR_PREFIX).map(str::to_string).ok_or_else(invalid)
}

/// Checks `first` and returns the page size.
pub fn page_size(first: Option<i32>) -> Result<i32, ApiError> {
    match first {
        None => Ok(DEFAULT_PAGE),
        Some(n) if (0..=MAX_PAGE).contains(&n) => Ok(n),
        Some(n) => Err(ApiError::bad_input(format!(
            "`first` is {n}, but it must be between 0 and {MAX_PAGE}. Request a smaller page and pass `after` to read the next one."
        ))),
    }
}

/// Lowercased text filter, or null when absent or blank.
pub fn text_filter(text: &Option<String>) -> Value {
    match text.as_deref().map(str::trim) {
        Some(t) if !t.is_empty() => Value::String(t.to_lowercase()),
        _ => Value::Null,
    }
}

/// Extra connection field: the total row count, computed only when a client selects it.
pub struct TotalCount {
    graph: Graph,
    name: &'static str,
    text: &'static str,
    params: Vec<(&'static str, Value)>,
}

impl TotalCount {
    pub fn new(graph: &Graph, name: &'static str, text: &'static str, params: Vec<(&'static str, Value)>) -> Self {
        Self { graph: graph.clone(), name, text, params }
    }
}

#[Object]
impl TotalCount {
    /// Number of rows matching the filters, across all pages.
    async fn total_count(&self) -> async_graphql::Result<i64> {
        let mut statement = Statement::new(self.name, self.text);
        for (key, value) in &self.params {
            statement = statement.json_param(key, value);
        }
        let row: Option<CountRow> = self.graph.row(statement).await.map_err(ApiError::from)?;
        Ok(row.map_or(0, |r| r.count))
    }
}

pub type Page<T> = Connection<String, T, TotalCount>;

/// Builds a page from rows fetched with `LIMIT first + 1`.
pub fn build_page<T: OutputType>(mut rows: Vec<T>, first: i32, has_previous: bool, key_of: impl Fn(&T) -> String, total: TotalCount) -> Page<T> {
    let has_next = rows.len() > first as usize;
    rows.truncate(first as usize);
    let mut page = Connection::with_additional_fields(has_previous, has_next, total);
    page.edges.extend(rows.into_iter().map(|node| Edge::new(encode_cursor(&key_of(&node)), node)));
    page
}

/// Returns the graph handle stored in the schema data.
pub fn graph<'a>(ctx: &'a Context<'_>) -> &'a Graph {
    ctx.data_unchecked::<Graph>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_round_trips() {
        assert_eq!(decode_cursor(&encode_cursor("51-4121.00")).unwrap(), "51-4121.00");
    }

    #[test]
    fn cursor_garbage_is_bad_input() {
        let error = decode_cursor("not a cursor!").unwrap_err();
        assert_eq!(error.code.as_str(), "BAD_USER_INPUT");
        assert!(error.message.contains("not a cursor!"));
    }

    #[test]
    fn cursor_without_prefix_is_rejected() {
        let forged = URL_SAFE_NO_PAD.encode("51-4121.00");
        assert!(decode_cursor(&forged).is_err());
    }

    #[test]
    fn page_size_bounds() {
        assert_eq!(page_size(None).unwrap(), DEFAULT_PAGE);
        assert_eq!(page_size(Some(0)).unwrap(), 0);
        assert_eq!(page_size(Some(MAX_PAGE)).unwrap(), MAX_PAGE);
        assert!(page_size(Some(MAX_PAGE + 1)).is_err());
        assert!(page_size(Some(-1)).is_err());
    }
}

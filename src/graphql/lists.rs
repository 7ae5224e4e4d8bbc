//! List queries: filters and keyset-paged connections over occupations, programs,
//! providers and skills.

use async_graphql::{Context, Enum, InputObject};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

use super::connection::{build_page, decode_cursor, graph, page_size, text_filter, Page, TotalCount};
use super::records::NodeRow;
use crate::error::ApiError;
use crate::graph::Statement;

#[derive(InputObject, Default)]
pub struct OccupationFilter {
    /// Words in the title or an alternate title, case-insensitive.
    pub text: Option<String>,
    /// O*NET job zone, 1 to 5.
    pub job_zone: Option<i32>,
    /// SOC code prefix, for example "51-" for production occupations.
    pub soc_prefix: Option<String>,
}

#[derive(InputObject, Default)]
pub struct ProgramFilter {
    /// Words in the program name, case-insensitive.
    pub text: Option<String>,
    /// Two-letter state code, for example "NJ".
    pub state: Option<String>,
    /// CIP 2020 code, for example "48.0508".
    pub cip: Option<String>,
    /// Credential type as stored, for example "TRAINING_PROGRAM" or "BachelorDegree".
    pub credential_type: Option<String>,
    /// Natural id of the provider, for example "nj-etpl-133".
    pub provider_id: Option<String>,
}

#[derive(InputObject, Default)]
pub struct ProviderFilter {
    pub text: Option<String>,
    /// Two-letter state code.
    pub state: Option<String>,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
pub enum SkillKind {
    Skill,
    Knowledge,
}

#[derive(InputObject, Default)]
pub struct SkillFilter {
    pub text: Option<String>,
    pub kind: Option<SkillKind>,
}

/// Checks a two-letter state code and returns it uppercased.
pub fn state_code(state: &Option<String>) -> Result<Value, ApiError> {
    match state.as_deref().map(str::trim) {
        None | Some("") => Ok(Value::Null),
        Some(s) => match s.parse::<ler_auth::StateCode>() {
            Ok(code) => Ok(Value::String(code.to_string())),
            Err(_) => Err(ApiError::bad_input(format!("The state \"{s}\" is not a USPS state code. Use a code such as \"NJ\", \"DC\" or \"PR\"."))),
        },
    }
}

/// The parts of one paged list query.
pub struct ListQuery {
    pub page_name: &'static str,
    pub page_text: &'static str,
    pub count_name: &'static str,
    pub count_text: &'static str,
    pub filters: Vec<(&'static str, Value)>,
}

/// Runs a keyset page query and wraps the rows in a connection.
pub async fn fetch_page<R, T>(ctx: &Context<'_>, query: ListQuery, first: Option<i32>, after: Option<String>, wrap: impl Fn(R) -> T, key_of: impl Fn(&T) -> String) -> async_graphql::Result<Page<T>>
where
    R: DeserializeOwned,
    T: async_graphql::OutputType,
{
    let first = page_size(first)?;
    let after = after.map(|c| decode_cursor(&c)).transpose()?;
    let graph = graph(ctx);
    let mut statement = Statement::new(query.page_name, query.page_text)
        .json_param("after", &json!(after))
        .json_param("limit", &json!(first + 1));
    for (key, value) in &query.filters {
        statement = statement.json_param(key, value);
    }
    let rows: Vec<NodeRow<R>> = graph.rows(statement).await.map_err(ApiError::from)?;
    let nodes = rows.into_iter().map(|r| wrap(r.node)).collect();
    let total = TotalCount::new(graph, query.count_name, query.count_text, query.filters);
    Ok(build_page(nodes, first, after.is_some(), key_of, total))
}

pub fn occupation_filters(filter: &OccupationFilter) -> Result<Vec<(&'static str, Value)>, ApiError> {
    if let Some(zone) = filter.job_zone {
        if !(1..=5).contains(&zone) {
            return Err(ApiError::bad_input(format!("`jobZone` is {zone}, but O*NET job zones run from 1 to 5.")));
        }
    }
    Ok(vec![
        ("text", text_filter(&filter.text)),
        ("jobZone", json!(filter.job_zone)),
        ("socPrefix", json!(filter.soc_prefix.as_deref().map(str::trim).filter(|s| !s.is_empty()))),
    ])
}

pub fn program_filters(filter: &ProgramFilter) -> Result<Vec<(&'static str, Value)>, ApiError> {
    Ok(vec![
        ("text", text_filter(&filter.text)),
        ("state", state_code(&filter.state)?),
        ("cip", json!(filter.cip.as_deref().map(str::trim))),
        ("credentialType", json!(filter.credential_type)),
        ("providerId", json!(filter.provider_id)),
    ])
}

pub fn provider_filters(filter: &ProviderFilter) -> Result<Vec<(&'static str, Value)>, ApiError> {
    Ok(vec![("text", text_filter(&filter.text)), ("state", state_code(&filter.state)?)])
}

pub fn skill_filters(filter: &SkillFilter) -> Vec<(&'static str, Value)> {
    let kind = filter.kind.map(|k| match k {
        SkillKind::Skill => "SKILL",
        SkillKind::Knowledge => "KNOWLEDGE",
    });
    vec![("text", text_filter(&filter.text)), ("kind", json!(kind))]
}

//! Rows read from the graph, shaped as the Cypher `node {.*}` maps return them.

use serde::Deserialize;

/// Wrapper for statements that return one node map per row as `node`.
#[derive(Debug, Deserialize)]
pub struct NodeRow<T> {
    pub node: T,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OccupationRecord {
    pub onet_soc_code: String,
    pub soc_code: String,
    pub title: String,
    pub description: Option<String>,
    pub job_zone: Option<i64>,
    #[serde(default)]
    pub alternate_titles: Vec<String>,
    #[serde(default)]
    pub technology_skills: Vec<String>,
    #[serde(default)]
    pub tasks: Vec<String>,
    pub median_wage: Option<f64>,
    pub entry_wage: Option<f64>,
    pub mean_wage: Option<f64>,
    pub employment: Option<f64>,
    pub growth_percent: Option<f64>,
    pub annual_openings: Option<i64>,
    pub entry_education: Option<String>,
    pub source: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProgramRecord {
    pub id: String,
    /// Registration fields; seeded records have none of them.
    pub version: Option<i64>,
    pub verification_status: Option<String>,
    pub retired_at: Option<String>,
    pub name: Option<String>,
    pub description: Option<String>,
    pub credential_type: Option<String>,
    pub state: Option<String>,
    pub cip_code: Option<String>,
    pub ctid: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
    pub on_state_etpl: Option<bool>,
    pub in_demand: Option<bool>,
    pub employed_rate2: Option<f64>,
    pub employed_rate4: Option<f64>,
    pub employed_rate8: Option<f64>,
    pub quarterly_wage2: Option<f64>,
    pub quarterly_wage4: Option<f64>,
    pub quarterly_wage8: Option<f64>,
    pub retention_rate4: Option<f64>,
    pub completers2: Option<f64>,
    pub completers4: Option<f64>,
    pub completers8: Option<f64>,
    pub award_level: Option<String>,
    pub credit_hours: Option<f64>,
    pub clock_hours: Option<f64>,
    pub weeks: Option<f64>,
    pub weeks_estimated: Option<bool>,
    pub cost_usd: Option<f64>,
    pub cost_estimated: Option<bool>,
    pub status: Option<String>,
    pub source_document: Option<String>,
    pub stage: Option<String>,
    /// Registry id of the provider whose catalog or registration wrote the program.
    pub provider_id: Option<String>,
}

impl ProgramRecord {
    /// True when the caller may see the program: it is published, or the caller acts for
    /// its provider. Drafts come from unpublished catalog ingests.
    pub fn visible_to(&self, principal: &crate::auth::Principal) -> bool {
        crate::auth::can_read_record(principal, self.status.as_deref(), self.provider_id.as_deref())
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProviderRecord {
    pub id: String,
    /// Registration fields; seeded records have none of them.
    pub version: Option<i64>,
    pub verification_status: Option<String>,
    pub retired_at: Option<String>,
    pub name: Option<String>,
    pub city: Option<String>,
    pub state: Option<String>,
    pub postal_code: Option<String>,
    pub url: Option<String>,
    pub kind: Option<String>,
    pub source: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SkillRecord {
    pub element_id: String,
    pub name: String,
    pub kind: String,
}

/// One skill an occupation requires, with O*NET's importance and level ratings.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SkillRatingRow {
    pub key: String,
    pub element_id: String,
    pub name: String,
    pub kind: String,
    pub importance: Option<f64>,
    pub level: Option<f64>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct RelatedRow {
    pub key: String,
    pub related: String,
    pub tier: String,
    pub rank: i64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProgramLinkRow {
    pub key: String,
    pub program_id: String,
    #[serde(default)]
    pub basis: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KeyValueRow {
    pub key: String,
    #[serde(alias = "providerId", alias = "onetSocCode")]
    pub value: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct CodeRow {
    #[serde(default)]
    pub key: String,
    pub system: String,
    pub code: String,
    pub title: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct CountRow {
    pub count: i64,
}

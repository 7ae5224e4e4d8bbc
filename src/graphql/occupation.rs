use async_graphql::connection::{Connection, Edge, EmptyFields};
use async_graphql::{Context, Object, SimpleObject};

use super::common::Money;
use super::connection::{decode_cursor, encode_cursor, page_size};
use super::loaders::Loaders;
use super::program::Program;
use super::records::{OccupationRecord, SkillRatingRow};
use crate::error::ApiError;

/// An occupation from O*NET 29.3 with BLS wages and projections.
pub struct Occupation(pub OccupationRecord);

/// A skill or knowledge area an occupation requires, rated by O*NET.
#[derive(SimpleObject, Clone)]
pub struct SkillRating {
    /// O*NET content model element id, for example "2.A.1.a".
    pub element_id: String,
    pub name: String,
    /// SKILL or KNOWLEDGE.
    pub kind: String,
    /// O*NET importance rating, 1 to 5.
    pub importance: Option<f64>,
    /// O*NET level rating, 0 to 7.
    pub level: Option<f64>,
}

impl From<SkillRatingRow> for SkillRating {
    fn from(row: SkillRatingRow) -> Self {
        Self { element_id: row.element_id, name: row.name, kind: row.kind, importance: row.importance, level: row.level }
    }
}

/// An occupation O*NET lists as related, with its tier and rank.
pub struct RelatedOccupation {
    pub onet_soc_code: String,
    pub tier: String,
    pub rank: i64,
}

#[Object]
impl RelatedOccupation {
    /// O*NET relatedness tier, for example "Primary-Short".
    async fn tier(&self) -> &str {
        &self.tier
    }

    /// O*NET's rank of this related occupation, 1 first.
    async fn rank(&self) -> i64 {
        self.rank
    }

    async fn occupation(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Occupation>> {
        let loaders = ctx.data_unchecked::<Loaders>();
        Ok(loaders.occupations.load_one(self.onet_soc_code.clone()).await?.map(Occupation))
    }
}

/// A program that prepares for an occupation, with the link that connects them.
pub struct PreparingProgram {
    pub program_id: String,
    pub basis: Option<String>,
}

#[Object]
impl PreparingProgram {
    /// How the program is linked to the occupation.
    async fn basis(&self) -> Option<&str> {
        self.basis.as_deref()
    }

    async fn program(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Program>> {
        let loaders = ctx.data_unchecked::<Loaders>();
        Ok(loaders.programs.load_one(self.program_id.clone()).await?.map(Program))
    }
}

#[Object]
impl Occupation {
    /// Global id, usable with `node(id:)`.
    pub async fn id(&self) -> String {
        format!("Occupation:{}", self.0.onet_soc_code)
    }

    async fn title(&self) -> &str {
        &self.0.title
    }

    async fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }

    /// SOC 2018 code, for example "51-4121".
    async fn soc_code(&self) -> &str {
        &self.0.soc_code
    }

    /// O*NET-SOC 2019 code, for example "51-4121.00".
    async fn onet_soc_code(&self) -> &str {
        &self.0.onet_soc_code
    }

    /// O*NET job zone, 1 (little preparation) to 5 (extensive preparation).
    async fn job_zone(&self) -> Option<i64> {
        self.0.job_zone
    }

    /// BLS OEWS May 2024 national median annual wage; absent when BLS suppressed it.
    async fn median_annual_wage(&self) -> Option<Money> {
        Money::usd(self.0.median_wage)
    }

    /// BLS OEWS May 2024 national 10th-percentile annual wage, used as the entry wage.
    async fn entry_annual_wage(&self) -> Option<Money> {
        Money::usd(self.0.entry_wage)
    }

    /// BLS OEWS May 2024 national employment.
    async fn employment(&self) -> Option<i64> {
        self.0.employment.map(|e| e as i64)
    }

    /// BLS projected employment change 2024-34, in percent.
    async fn projected_growth_percent(&self) -> Option<f64> {
        self.0.growth_percent
    }

    /// BLS projected annual openings, average over 2024-34.
    async fn annual_openings(&self) -> Option<i64> {
        self.0.annual_openings
    }

    /// BLS typical education needed for entry.
    async fn typical_entry_education(&self) -> Option<&str> {
        self.0.entry_education.as_deref()
    }

    async fn alternate_titles(&self) -> &[String] {
        &self.0.alternate_titles
    }

    /// O*NET technology skill examples; hot technologies are marked.
    async fn technology_skills(&self) -> &[String] {
        &self.0.technology_skills
    }

    async fn tasks(&self) -> &[String] {
        &self.0.tasks
    }

    /// Sources of the figures on this record.
    async fn source(&self) -> Option<&str> {
        self.0.source.as_deref()
    }

    /// Skills and knowledge, most important first.
    #[graphql(complexity = "first.unwrap_or(20).max(0) as usize * child_complexity")]
    async fn skills(&self, ctx: &Context<'_>, first: Option<i32>, after: Option<String>) -> async_graphql::Result<Connection<String, SkillRating, EmptyFields, EmptyFields>> {
        let first = page_size(first)?;
        let after = after.map(|c| decode_cursor(&c)).transpose()?;
        let loaders = ctx.data_unchecked::<Loaders>();
        let rows = loaders.occupation_skills.load_one(self.0.onet_soc_code.clone()).await?.unwrap_or_default();
        let start = match &after {
            Some(id) => rows.iter().position(|r| &r.element_id == id).map(|i| i + 1).ok_or_else(|| {
                ApiError::bad_input(format!("The cursor for skill \"{id}\" does not belong to this occupation's skills. Start again without `after`."))
            })?,
            None => 0,
        };
        let end = (start + first as usize).min(rows.len());
        let mut page = Connection::new(start > 0, end < rows.len());
        page.edges.extend(rows[start..end].iter().cloned().map(|r| Edge::new(encode_cursor(&r.element_id), SkillRating::from(r))));
        Ok(page)
    }

    /// Related occupations in O*NET's order.
    async fn related_occupations(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<RelatedOccupation>> {
        let loaders = ctx.data_unchecked::<Loaders>();
        let rows = loaders.related_occupations.load_one(self.0.onet_soc_code.clone()).await?.unwrap_or_default();
        Ok(rows.into_iter().map(|r| RelatedOccupation { onet_soc_code: r.related, tier: r.tier, rank: r.rank }).collect())
    }

    /// Programs that prepare for this occupation, through the CIP-SOC crosswalk and explicit links.
    #[graphql(complexity = "first.unwrap_or(50).max(0) as usize * child_complexity")]
    async fn programs(&self, ctx: &Context<'_>, first: Option<i32>) -> async_graphql::Result<Vec<PreparingProgram>> {
        let first = match first {
            None => 50,
            Some(n) => page_size(Some(n))?,
        };
        let loaders = ctx.data_unchecked::<Loaders>();
        let rows = loaders.occupation_programs.load_one(self.0.onet_soc_code.clone()).await?.unwrap_or_default();
        Ok(rows.into_iter().take(first as usize).map(|r| PreparingProgram { program_id: r.program_id, basis: r.basis }).collect())
    }
}

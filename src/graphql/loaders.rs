//! Dataloaders: each runs one Cypher statement per batch of keys, so nested lists cost a
//! bounded number of statements however many rows the parent list has.

use std::collections::HashMap;
use std::time::Duration;

use async_graphql::dataloader::{DataLoader, Loader};
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::records::*;
use crate::auth::Principal;
use crate::cache::RequestTags;
use crate::error::ApiError;
use crate::graph::{cypher, Graph, Statement};

/// Collects every row of `statement` run with `$keys`.
async fn load_rows<T: DeserializeOwned>(graph: &Graph, name: &'static str, text: &'static str, keys: &[String]) -> Result<Vec<T>, ApiError> {
    let keys = Value::from(keys.to_vec());
    Ok(graph.rows(Statement::new(name, text).json_param("keys", &keys)).await?)
}

/// Groups rows by their key, keeping the statement's order inside each group.
fn group<T>(rows: Vec<T>, key_of: impl Fn(&T) -> String) -> HashMap<String, Vec<T>> {
    let mut out: HashMap<String, Vec<T>> = HashMap::new();
    for row in rows {
        out.entry(key_of(&row)).or_default().push(row);
    }
    out
}

macro_rules! node_loader {
    ($loader:ident, $record:ty, $kind:literal, $name:literal, $text:expr, $key:ident) => {
        /// Loads records and tags the request's cache entry with each key it was asked for.
        pub struct $loader(pub Graph, pub RequestTags);

        impl Loader<String> for $loader {
            type Value = $record;
            type Error = ApiError;

            async fn load(&self, keys: &[String]) -> Result<HashMap<String, $record>, ApiError> {
                self.1.read($kind, keys);
                let rows: Vec<NodeRow<$record>> = load_rows(&self.0, $name, $text, keys).await?;
                Ok(rows.into_iter().map(|r| (r.node.$key.clone(), r.node)).collect())
            }
        }
    };
}

macro_rules! group_loader {
    ($loader:ident, $row:ty, $name:literal, $text:expr) => {
        pub struct $loader(pub Graph);

        impl Loader<String> for $loader {
            type Value = Vec<$row>;
            type Error = ApiError;

            async fn load(&self, keys: &[String]) -> Result<HashMap<String, Vec<$row>>, ApiError> {
                let rows: Vec<$row> = load_rows(&self.0, $name, $text, keys).await?;
                let mut grouped = group(rows, |r| r.key.clone());
                for key in keys {
                    grouped.entry(key.clone()).or_default();
                }
                Ok(grouped)
            }
        }
    };
}

node_loader!(OccupationLoader, OccupationRecord, "Occupation", "occupations_by_key", cypher::OCCUPATIONS_BY_KEY, onet_soc_code);
node_loader!(OccupationBySocLoader, OccupationRecord, "Occupation", "occupations_by_soc", cypher::OCCUPATIONS_BY_SOC, soc_code);
/// Loads programs the request's caller may see: published ones, and drafts of the provider
/// the caller acts for. Resolvers that return Program objects load them through it.
pub struct ProgramLoader {
    graph: Graph,
    tags: RequestTags,
    viewer: Principal,
}

impl Loader<String> for ProgramLoader {
    type Value = ProgramRecord;
    type Error = ApiError;

    async fn load(&self, keys: &[String]) -> Result<HashMap<String, ProgramRecord>, ApiError> {
        self.tags.read("Program", keys);
        let rows: Vec<NodeRow<ProgramRecord>> = load_rows(&self.graph, "programs_by_key", cypher::PROGRAMS_BY_KEY, keys).await?;
        Ok(rows.into_iter().filter(|r| r.node.visible_to(&self.viewer)).map(|r| (r.node.id.clone(), r.node)).collect())
    }
}

node_loader!(ProviderLoader, ProviderRecord, "Provider", "providers_by_key", cypher::PROVIDERS_BY_KEY, id);
node_loader!(CourseLoader, crate::catalog::course::CourseRecord, "Course", "catalog_courses_by_key", crate::catalog::statements::COURSES_BY_KEY, id);
node_loader!(SkillLoader, SkillRecord, "Skill", "skills_by_key", cypher::SKILLS_BY_KEY, element_id);
/// Loads opportunities as stored maps; resolvers apply the audience rule of CLOSED posts.
pub struct OpportunityLoader(pub Graph, pub RequestTags);

impl Loader<String> for OpportunityLoader {
    type Value = serde_json::Map<String, Value>;
    type Error = ApiError;

    async fn load(&self, keys: &[String]) -> Result<HashMap<String, Self::Value>, ApiError> {
        self.1.read("Opportunity", keys);
        let rows: Vec<NodeRow<Self::Value>> = load_rows(&self.0, "opportunities_by_key", cypher::OPPORTUNITIES_BY_KEY, keys).await?;
        Ok(rows.into_iter().filter_map(|r| Some((r.node.get("id")?.as_str()?.to_string(), r.node))).collect())
    }
}

group_loader!(OccupationSkillsLoader, SkillRatingRow, "occupation_skills", cypher::OCCUPATION_SKILLS);
group_loader!(RelatedOccupationsLoader, RelatedRow, "occupation_related", cypher::OCCUPATION_RELATED);
group_loader!(OccupationProgramsLoader, ProgramLinkRow, "occupation_programs", cypher::OCCUPATION_PROGRAMS);
group_loader!(ProviderProgramsLoader, ProgramLinkRow, "provider_programs", cypher::PROVIDER_PROGRAMS);
group_loader!(ProgramProvidersLoader, KeyValueRow, "program_providers", cypher::PROGRAM_PROVIDERS);
group_loader!(ProgramOccupationsLoader, KeyValueRow, "program_occupations", cypher::PROGRAM_OCCUPATIONS);
group_loader!(ProgramCodesLoader, CodeRow, "program_codes", cypher::PROGRAM_CODES);
group_loader!(ProviderCodesLoader, CodeRow, "provider_codes", cypher::PROVIDER_CODES);

/// Default wait for more keys before a loader runs its batch.
pub const DEFAULT_BATCH_DELAY: Duration = Duration::from_millis(5);
/// Keys per statement; larger batches are split.
const MAX_BATCH: usize = 1_000;

/// The loaders of one request. Built fresh per request, so no cached row outlives it.
pub struct Loaders {
    pub occupations: DataLoader<OccupationLoader>,
    pub occupations_by_soc: DataLoader<OccupationBySocLoader>,
    pub programs: DataLoader<ProgramLoader>,
    pub providers: DataLoader<ProviderLoader>,
    pub skills: DataLoader<SkillLoader>,
    pub courses: DataLoader<CourseLoader>,
    pub opportunities: DataLoader<OpportunityLoader>,
    pub services: DataLoader<crate::registry::service::ServiceLoader>,
    pub occupation_skills: DataLoader<OccupationSkillsLoader>,
    pub related_occupations: DataLoader<RelatedOccupationsLoader>,
    pub occupation_programs: DataLoader<OccupationProgramsLoader>,
    pub provider_programs: DataLoader<ProviderProgramsLoader>,
    pub program_providers: DataLoader<ProgramProvidersLoader>,
    pub program_occupations: DataLoader<ProgramOccupationsLoader>,
    pub program_codes: DataLoader<ProgramCodesLoader>,
    pub provider_codes: DataLoader<ProviderCodesLoader>,
}

fn loader<T: Loader<String>>(inner: T, delay: Duration) -> DataLoader<T> {
    DataLoader::new(inner, tokio::spawn).delay(delay).max_batch_size(MAX_BATCH)
}

impl Loaders {
    pub fn new(graph: &Graph) -> Self {
        Self::with_tags(graph, RequestTags::default(), DEFAULT_BATCH_DELAY, Principal::anonymous())
    }

    /// Builds loaders that add every record they load to `tags`, for the response cache.
    /// `delay` is how long each loader collects keys before it runs one batch, and `viewer`
    /// is the caller, whose provider's drafts the program loader returns.
    pub fn with_tags(graph: &Graph, tags: RequestTags, delay: Duration, viewer: Principal) -> Self {
        Self {
            occupations: loader(OccupationLoader(graph.clone(), tags.clone()), delay),
            occupations_by_soc: loader(OccupationBySocLoader(graph.clone(), tags.clone()), delay),
            programs: loader(ProgramLoader { graph: graph.clone(), tags: tags.clone(), viewer }, delay),
            providers: loader(ProviderLoader(graph.clone(), tags.clone()), delay),
            skills: loader(SkillLoader(graph.clone(), tags.clone()), delay),
            courses: loader(CourseLoader(graph.clone(), tags.clone()), delay),
            opportunities: loader(OpportunityLoader(graph.clone(), tags.clone()), delay),
            services: loader(crate::registry::service::ServiceLoader(graph.clone(), tags), delay),
            occupation_skills: loader(OccupationSkillsLoader(graph.clone()), delay),
            related_occupations: loader(RelatedOccupationsLoader(graph.clone()), delay),
            occupation_programs: loader(OccupationProgramsLoader(graph.clone()), delay),
            provider_programs: loader(ProviderProgramsLoader(graph.clone()), delay),
            program_providers: loader(ProgramProvidersLoader(graph.clone()), delay),
            program_occupations: loader(ProgramOccupationsLoader(graph.clone()), delay),
            program_codes: loader(ProgramCodesLoader(graph.clone()), delay),
            provider_codes: loader(ProviderCodesLoader(graph.clone()), delay),
        }
    }
}

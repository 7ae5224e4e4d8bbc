//! The GraphQL `Course` type and the loaders of its nested fields.

use std::collections::HashMap;
use std::time::Duration;

use async_graphql::dataloader::{DataLoader, Loader};
use async_graphql::{Context, Object, SimpleObject};
use serde::Deserialize;
use serde_json::Value;

use super::statements as cypher;
use crate::error::ApiError;
use crate::graph::{Graph, Statement};

/// A course as stored by catalog ingest.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CourseRecord {
    pub id: String,
    pub code: Option<String>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub credit_hours: Option<f64>,
    pub credit_hours_max: Option<f64>,
    pub clock_hours: Option<f64>,
    pub cost_usd: Option<f64>,
    pub prerequisites_text: Option<String>,
    pub corequisites_text: Option<String>,
    pub status: Option<String>,
    pub provider_id: Option<String>,
    pub source_document: Option<String>,
    pub ctid: Option<String>,
    #[serde(default)]
    pub ctdl_json: Option<String>,
}

impl CourseRecord {
    /// True when the caller may see the record: it is published, or the caller acts for its provider.
    pub fn visible_to(&self, principal: &crate::auth::Principal) -> bool {
        crate::auth::can_read_record(principal, self.status.as_deref(), self.provider_id.as_deref())
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LinkedCourseRow {
    pub key: String,
    pub node: CourseRecord,
    #[serde(default)]
    pub required: Option<bool>,
    #[serde(default)]
    pub group: Option<i64>,
    #[serde(default)]
    pub concurrent_allowed: Option<bool>,
}

macro_rules! linked_loader {
    ($loader:ident, $name:literal, $text:expr) => {
        pub struct $loader(pub Graph);

        impl Loader<String> for $loader {
            type Value = Vec<LinkedCourseRow>;
            type Error = ApiError;

            async fn load(&self, keys: &[String]) -> Result<HashMap<String, Vec<LinkedCourseRow>>, ApiError> {
                let statement = Statement::new($name, $text).json_param("keys", &Value::from(keys.to_vec()));
                let rows: Vec<LinkedCourseRow> = self.0.rows(statement).await?;
                let mut grouped: HashMap<String, Vec<LinkedCourseRow>> = keys.iter().map(|k| (k.clone(), Vec::new())).collect();
                for row in rows {
                    grouped.entry(row.key.clone()).or_default().push(row);
                }
                Ok(grouped)
            }
        }
    };
}

linked_loader!(ProgramCoursesLoader, "catalog_program_courses", cypher::PROGRAM_COURSES);
linked_loader!(CoursePrerequisitesLoader, "catalog_course_prerequisites", cypher::COURSE_PREREQUISITES);

/// Course loaders shared by all requests. They batch keys and never cache rows.
pub struct CatalogLoaders {
    pub program_courses: DataLoader<ProgramCoursesLoader>,
    pub course_prerequisites: DataLoader<CoursePrerequisitesLoader>,
}

impl CatalogLoaders {
    pub fn new(graph: &Graph) -> Self {
        let delay = Duration::from_millis(5);
        Self {
            program_courses: DataLoader::new(ProgramCoursesLoader(graph.clone()), tokio::spawn).delay(delay).max_batch_size(1_000),
            course_prerequisites: DataLoader::new(CoursePrerequisitesLoader(graph.clone()), tokio::spawn).delay(delay).max_batch_size(1_000),
        }
    }
}

/// A course from an ingested catalog.
pub struct Course(pub CourseRecord);

/// A course listed in a program, with whether the program requires it.
#[derive(SimpleObject)]
pub struct ProgramCourse {
    pub course: Course,
    /// False for electives and choose-one lists.
    pub required: bool,
}

/// A course that must be completed before another.
#[derive(SimpleObject)]
pub struct Prerequisite {
    pub course: Course,
    /// Alternatives share a group: one course of each group meets the requirement.
    pub group: Option<i64>,
    /// True when the course may also be taken at the same time.
    pub concurrent_allowed: bool,
}

#[Object]
impl Course {
    /// Registry id: `<provider id>:course:<SUBJECT NUMBER>`.
    async fn id(&self) -> &str {
        &self.0.id
    }

    /// Course code as normalized by the parser, for example "WELD 1000".
    async fn code(&self) -> Option<&str> {
        self.0.code.as_deref()
    }

    async fn title(&self) -> Option<&str> {
        self.0.title.as_deref()
    }

    async fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }

    /// Credit hours as stated (the lower bound of a stated range).
    async fn credit_hours(&self) -> Option<f64> {
        self.0.credit_hours
    }

    /// Upper bound of a stated credit range, equal to `creditHours` for a single value.
    async fn credit_hours_max(&self) -> Option<f64> {
        self.0.credit_hours_max
    }

    async fn clock_hours(&self) -> Option<f64> {
        self.0.clock_hours
    }

    /// Sum of the stated tuition and fees, in US dollars.
    async fn cost_usd(&self) -> Option<f64> {
        self.0.cost_usd
    }

    /// Prerequisite wording as the catalog states it.
    async fn prerequisites_text(&self) -> Option<&str> {
        self.0.prerequisites_text.as_deref()
    }

    /// DRAFT until the provider publishes the catalog, then PUBLISHED.
    async fn status(&self) -> Option<&str> {
        self.0.status.as_deref()
    }

    async fn provider_id(&self) -> Option<&str> {
        self.0.provider_id.as_deref()
    }

    /// Id of the catalog document the course was parsed from.
    async fn source_document(&self) -> Option<&str> {
        self.0.source_document.as_deref()
    }

    /// CTID derived from the registry id, stable across re-ingests.
    async fn ctid(&self) -> Option<&str> {
        self.0.ctid.as_deref()
    }

    /// Courses that must be completed first, grouped into alternatives.
    async fn prerequisites(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Prerequisite>> {
        let loaders = ctx.data_unchecked::<CatalogLoaders>();
        let rows = loaders.course_prerequisites.load_one(self.0.id.clone()).await?.unwrap_or_default();
        let principal = crate::auth::principal(ctx);
        Ok(rows
            .into_iter()
            .filter(|r| r.node.visible_to(principal))
            .map(|r| Prerequisite { course: Course(r.node), group: r.group, concurrent_allowed: r.concurrent_allowed.unwrap_or(false) })
            .collect())
    }
}

/// Loads the courses of a program in catalog order, for `Program.courses`.
pub async fn program_courses(ctx: &Context<'_>, program_id: &str) -> async_graphql::Result<Vec<ProgramCourse>> {
    let loaders = ctx.data_unchecked::<CatalogLoaders>();
    let rows = loaders.program_courses.load_one(program_id.to_string()).await?.unwrap_or_default();
    let principal = crate::auth::principal(ctx);
    Ok(rows
        .into_iter()
        .filter(|r| r.node.visible_to(principal))
        .map(|r| ProgramCourse { course: Course(r.node), required: r.required.unwrap_or(true) })
        .collect())
}

use async_graphql::{Context, Object, SimpleObject};

use super::common::Code;
use super::loaders::Loaders;
use super::occupation::Occupation;
use super::records::{CodeRow, ProgramRecord, ProviderRecord};
use crate::registry::RecordState;

/// A program, certificate, degree or credential offered by a provider.
pub struct Program(pub ProgramRecord);

/// A provider of programs: an institution, a training provider or an employer.
pub struct Provider(pub ProviderRecord);

/// Outcomes a state reports for a program: employment and wages after exit.
#[derive(SimpleObject, Clone, Debug)]
pub struct ProgramOutcomes {
    /// Share of exiters employed in the 2nd quarter after exit, in percent.
    pub employment_rate_q2: Option<f64>,
    /// Share employed in the 4th quarter after exit, in percent.
    pub employment_rate_q4: Option<f64>,
    /// Share employed in the 8th quarter after exit, in percent.
    pub employment_rate_q8: Option<f64>,
    /// Average quarterly wage in the 2nd quarter after exit, in US dollars.
    pub quarterly_wage_q2: Option<f64>,
    pub quarterly_wage_q4: Option<f64>,
    pub quarterly_wage_q8: Option<f64>,
    /// Share still employed by the same employer in the 4th quarter, in percent.
    pub retention_rate_q4: Option<f64>,
    /// Completers counted for the 2nd, 4th and 8th quarter cohorts.
    pub completers_q2: Option<i64>,
    pub completers_q4: Option<i64>,
    pub completers_q8: Option<i64>,
}

fn codes(rows: Vec<CodeRow>) -> Vec<Code> {
    rows.into_iter().filter_map(|r| Code::from_row(&r.system, r.code, r.title)).collect()
}

#[Object]
impl Program {
    /// Global id, usable with `node(id:)`.
    pub async fn id(&self) -> String {
        format!("Program:{}", self.0.id)
    }

    /// Natural id in the registry, for example "nj-etpl-133-48.0508".
    async fn registry_id(&self) -> &str {
        &self.0.id
    }

    #[graphql(flatten)]
    async fn record_state(&self) -> RecordState {
        RecordState::from_stored(self.0.version, self.0.verification_status.as_deref(), self.0.retired_at.is_some())
    }

    async fn name(&self) -> Option<&str> {
        self.0.name.as_deref()
    }

    async fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }

    /// Credential type, for example BachelorDegree, Certificate or TRAINING_PROGRAM.
    async fn credential_type(&self) -> Option<&str> {
        self.0.credential_type.as_deref()
    }

    /// Two-letter state where the program is listed, when it comes from a state list.
    async fn state(&self) -> Option<&str> {
        self.0.state.as_deref()
    }

    /// Credential Engine CTID, when the program has one.
    async fn ctid(&self) -> Option<&str> {
        self.0.ctid.as_deref()
    }

    async fn url(&self) -> Option<&str> {
        self.0.url.as_deref()
    }

    /// Listed on its state's Eligible Training Provider List.
    async fn on_state_training_provider_list(&self) -> bool {
        self.0.on_state_etpl.unwrap_or(false)
    }

    /// Its CIP code is on the state's in-demand list.
    async fn in_demand(&self) -> Option<bool> {
        self.0.in_demand
    }

    async fn source(&self) -> Option<&str> {
        self.0.source.as_deref()
    }

    async fn outcomes(&self) -> Option<ProgramOutcomes> {
        let r = &self.0;
        let any = [r.employed_rate2, r.employed_rate4, r.employed_rate8, r.completers2].iter().any(Option::is_some);
        any.then(|| ProgramOutcomes {
            employment_rate_q2: r.employed_rate2,
            employment_rate_q4: r.employed_rate4,
            employment_rate_q8: r.employed_rate8,
            quarterly_wage_q2: r.quarterly_wage2,
            quarterly_wage_q4: r.quarterly_wage4,
            quarterly_wage_q8: r.quarterly_wage8,
            retention_rate_q4: r.retention_rate4,
            completers_q2: r.completers2.map(|v| v as i64),
            completers_q4: r.completers4.map(|v| v as i64),
            completers_q8: r.completers8.map(|v| v as i64),
        })
    }

    /// Award level from a catalog, for example CERTIFICATE, DIPLOMA or ASSOCIATE.
    async fn award_level(&self) -> Option<&str> {
        self.0.award_level.as_deref()
    }

    async fn credit_hours(&self) -> Option<f64> {
        self.0.credit_hours
    }

    async fn clock_hours(&self) -> Option<f64> {
        self.0.clock_hours
    }

    /// Length in weeks; `weeksEstimated` tells whether the catalog stated it.
    async fn weeks(&self) -> Option<f64> {
        self.0.weeks
    }

    /// True when `weeks` was derived (for example from terms) rather than stated.
    async fn weeks_estimated(&self) -> Option<bool> {
        self.0.weeks_estimated
    }

    /// Total tuition and fees in US dollars; `costEstimated` tells whether the catalog stated it.
    async fn cost_usd(&self) -> Option<f64> {
        self.0.cost_usd
    }

    /// True when `costUsd` was computed from a catalog-wide fee schedule.
    async fn cost_estimated(&self) -> Option<bool> {
        self.0.cost_estimated
    }

    /// DRAFT or PUBLISHED for programs from an ingested catalog.
    async fn status(&self) -> Option<&str> {
        self.0.status.as_deref()
    }

    /// Id of the catalog document the program was parsed from.
    async fn source_document(&self) -> Option<&str> {
        self.0.source_document.as_deref()
    }

    /// FOUNDATION, INTERMEDIATE, ADVANCED or TERMINAL within its stack.
    async fn stage(&self) -> Option<&str> {
        self.0.stage.as_deref()
    }

    /// Courses the program lists, in catalog order.
    async fn courses(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<crate::catalog::course::ProgramCourse>> {
        crate::catalog::course::program_courses(ctx, &self.0.id).await
    }

    /// Codes the program is classified with (CIP, CTDL, ...).
    async fn codes(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Code>> {
        let loaders = ctx.data_unchecked::<Loaders>();
        Ok(codes(loaders.program_codes.load_one(self.0.id.clone()).await?.unwrap_or_default()))
    }

    async fn provider(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Provider>> {
        let loaders = ctx.data_unchecked::<Loaders>();
        let links = loaders.program_providers.load_one(self.0.id.clone()).await?.unwrap_or_default();
        let Some(link) = links.into_iter().next() else { return Ok(None) };
        Ok(loaders.providers.load_one(link.value).await?.map(Provider))
    }

    /// Aid program verdicts for this program on `asOf` (default: today, UTC).
    async fn eligibility(&self, ctx: &Context<'_>, as_of: Option<chrono::NaiveDate>) -> async_graphql::Result<Option<crate::eligibility::types::ProgramEligibility>> {
        crate::eligibility::query::program_field(ctx, self, as_of).await
    }

    /// Occupations the program prepares for, through the crosswalk and explicit links.
    async fn occupations(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Occupation>> {
        let loaders = ctx.data_unchecked::<Loaders>();
        let links = loaders.program_occupations.load_one(self.0.id.clone()).await?.unwrap_or_default();
        let keys: Vec<String> = links.into_iter().map(|l| l.value).collect();
        let mut found = loaders.occupations.load_many(keys.clone()).await?;
        Ok(keys.iter().filter_map(|k| found.remove(k)).map(Occupation).collect())
    }
}

#[Object]
impl Provider {
    /// Global id, usable with `node(id:)`.
    pub async fn id(&self) -> String {
        format!("Provider:{}", self.0.id)
    }

    /// Natural id in the registry, for example "ipeds-100654".
    async fn registry_id(&self) -> &str {
        &self.0.id
    }

    #[graphql(flatten)]
    async fn record_state(&self) -> RecordState {
        RecordState::from_stored(self.0.version, self.0.verification_status.as_deref(), self.0.retired_at.is_some())
    }

    async fn name(&self) -> Option<&str> {
        self.0.name.as_deref()
    }

    async fn city(&self) -> Option<&str> {
        self.0.city.as_deref()
    }

    async fn state(&self) -> Option<&str> {
        self.0.state.as_deref()
    }

    async fn postal_code(&self) -> Option<&str> {
        self.0.postal_code.as_deref()
    }

    async fn url(&self) -> Option<&str> {
        self.0.url.as_deref()
    }

    /// INSTITUTION (IPEDS) or TRAINING_PROVIDER (state list).
    async fn kind(&self) -> Option<&str> {
        self.0.kind.as_deref()
    }

    async fn source(&self) -> Option<&str> {
        self.0.source.as_deref()
    }

    async fn codes(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Code>> {
        let loaders = ctx.data_unchecked::<Loaders>();
        Ok(codes(loaders.provider_codes.load_one(self.0.id.clone()).await?.unwrap_or_default()))
    }

    /// Programs the provider offers, ordered by id.
    #[graphql(complexity = "first.unwrap_or(50).max(0) as usize * child_complexity")]
    async fn programs(&self, ctx: &Context<'_>, first: Option<i32>) -> async_graphql::Result<Vec<Program>> {
        let first = super::connection::page_size(Some(first.unwrap_or(50)))? as usize;
        let loaders = ctx.data_unchecked::<Loaders>();
        let links = loaders.provider_programs.load_one(self.0.id.clone()).await?.unwrap_or_default();
        let keys: Vec<String> = links.into_iter().take(first).map(|l| l.program_id).collect();
        let mut found = loaders.programs.load_many(keys.clone()).await?;
        Ok(keys.iter().filter_map(|k| found.remove(k)).map(Program).collect())
    }
}

//! Query fields `programEligibility` and `householdEligibility`, and `Program.eligibility`.

use async_graphql::{Context, Object};
use chrono::NaiveDate;
use ler_eligibility::evaluate_household;

use crate::error::{ApiError, ErrorCode};
use crate::graph::Graph;
use crate::graphql::loaders::Loaders;
use crate::graphql::program::Program;

use super::input::HouseholdInput;
use super::loader::{evaluate_programs, read_aid_rules, EligibilityLoaders};
use super::store::{read_rules, read_subject_names, read_tables, SERVICE};
use super::types::{index_rules, service_output, HouseholdEligibilityOutput, ProgramEligibility};

/// Today's date in UTC, the default `asOf`.
fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

/// Strips the `Program:` prefix of a global id, so both id forms work.
fn natural_program_id(id: &str) -> &str {
    id.strip_prefix("Program:").unwrap_or(id)
}

#[derive(Default)]
pub struct EligibilityQuery;

#[Object]
impl EligibilityQuery {
    /// Aid program verdicts (Pell, Workforce Pell, WIOA ITA, ...) for one program, from the
    /// program's facts in the graph and the rules in effect on `asOf` (default: today, UTC).
    async fn program_eligibility(&self, ctx: &Context<'_>, program_id: async_graphql::ID, as_of: Option<NaiveDate>) -> async_graphql::Result<ProgramEligibility> {
        let graph = ctx.data_unchecked::<Graph>();
        let id = natural_program_id(&program_id).to_string();
        let not_found = || ApiError::not_found(format!("No program has id `{id}`. Use a registryId or id from `programs` or `search`."));
        if let Some(loaders) = ctx.data_opt::<Loaders>() {
            // The loader leaves out drafts of providers the caller does not act for.
            loaders.programs.load_one(id.clone()).await?.ok_or_else(not_found)?;
        }
        let rules = read_aid_rules(graph).await?;
        let mut found = evaluate_programs(graph, &rules, std::slice::from_ref(&id), as_of.unwrap_or_else(today)).await?;
        let eligibility = found.remove(&id).ok_or_else(not_found)?;
        Ok(eligibility)
    }

    /// Verdicts of every household service (SNAP, WIC, TANF, CCDF, LIHEAP, ...) for a
    /// household, with the income limits applied on `asOf` (default: today, UTC).
    async fn household_eligibility(&self, ctx: &Context<'_>, input: HouseholdInput, as_of: Option<NaiveDate>) -> async_graphql::Result<HouseholdEligibilityOutput> {
        let profile = input.to_profile().map_err(|error| error.to_graphql())?;
        let graph = ctx.data_unchecked::<Graph>();
        let as_of = as_of.unwrap_or_else(today);
        let rules = read_rules(graph, &[SERVICE]).await.map_err(ApiError::from)?;
        let tables = read_tables(graph).await.map_err(ApiError::from)?;
        let verdicts = evaluate_household(&profile, &rules, &tables, as_of).map_err(|error| super::input::HouseholdInputError::from(error).to_graphql())?;
        let ids: Vec<String> = verdicts.iter().map(|verdict| verdict.service.clone()).collect();
        let names = read_subject_names(graph, &ids).await.map_err(ApiError::from)?;
        let index = index_rules(&rules);
        let services = verdicts.iter().map(|verdict| service_output(verdict, &index, &names)).collect();
        Ok(HouseholdEligibilityOutput { as_of, services })
    }
}

/// Resolves `Program.eligibility` through the request's dataloader.
pub async fn program_field(ctx: &Context<'_>, program: &Program, as_of: Option<NaiveDate>) -> async_graphql::Result<Option<ProgramEligibility>> {
    let Some(loaders) = ctx.data_opt::<EligibilityLoaders>() else {
        tracing::error!(program.id = %program.0.id, "request data has no EligibilityLoaders; add them where the request is built");
        return Err(ApiError { code: ErrorCode::Internal, message: "An internal error occurred. It has been logged.".into() }.into());
    };
    let key = (program.0.id.clone(), as_of.unwrap_or_else(today));
    Ok(loaders.programs.load_one(key).await?)
}

//! Registration mutations: create and update per record kind, and retire and verify for
//! any kind by global id.

use async_graphql::{Context, Object, ID};
use ler_auth::{Principal, Role};
use serde_json::Value;

use super::error::{run, RegistryError, RegistryResult};
use super::input::*;
use super::kind::RecordKind;
use super::validate::{self, Props};
use super::write::{new_id, RecordWrite, Writer};
use crate::auth::principal;
use crate::cache::RequestTags;
use crate::graph::Statement;
use crate::graphql::connection::graph;

#[derive(Default)]
pub struct RegistryMutation;

fn writer<'a>(ctx: &'a Context<'_>) -> Writer<'a> {
    Writer { graph: graph(ctx), principal: principal(ctx), tags: ctx.data_opt::<RequestTags>() }
}

/// Splits a global id such as "Program:prg-1" into a registry kind and natural id.
pub fn parse_record_id(id: &str) -> RegistryResult<(RecordKind, String)> {
    let invalid = || RegistryError::invalid("id", format!("The id \"{id}\" is not a global record id. Pass the `id` of a Program, Course, Provider, Opportunity, Service or RegionalWage, such as \"Program:prg-…\"."));
    let (kind, key) = id.split_once(':').ok_or_else(invalid)?;
    let kind = RecordKind::parse(kind).ok_or_else(invalid)?;
    if key.trim().is_empty() {
        return Err(invalid());
    }
    Ok((kind, key.to_string()))
}

/// Accepts a global id of `kind` or a bare natural id.
fn natural_id(id: &str, kind: RecordKind) -> RegistryResult<String> {
    match id.split_once(':') {
        Some((label, key)) if label == kind.label() => Ok(key.to_string()),
        Some((label, _)) if RecordKind::parse(label).is_some() => {
            Err(RegistryError::invalid("id", format!("The id \"{id}\" names a {label}, but this mutation changes a {}. Pass a {} id.", kind.label(), kind.label())))
        }
        _ => Ok(id.to_string()),
    }
}

/// Returns the provider a new provider-owned record belongs to and checks the caller
/// may act for it. Admins name it; other callers default to their `provider_id` claim.
fn owning_provider(principal: &Principal, provider_id: Option<String>) -> RegistryResult<String> {
    principal.require_any(&[Role::Contributor, Role::Provider, Role::Issuer])?;
    let provider_id = match provider_id.map(|p| p.trim().to_string()).filter(|p| !p.is_empty()) {
        Some(id) => id,
        None => principal.provider_id().map(str::to_string).ok_or_else(|| RegistryError::invalid("providerId", "`providerId` is required because the token has no provider_id claim. Pass the provider's registry id."))?,
    };
    principal.require_provider(&provider_id)?;
    Ok(provider_id)
}

/// Creates a provider-owned record of `kind` from validated properties.
async fn create_owned(ctx: &Context<'_>, kind: RecordKind, mut props: Props, provider_id: Option<String>, check: fn(&Props) -> RegistryResult<()>) -> RegistryResult<RecordWrite> {
    let writer = writer(ctx);
    let provider_id = owning_provider(writer.principal, provider_id)?;
    check(&props)?;
    let program = match kind {
        RecordKind::Course => course_program(&writer, &props, &provider_id).await?,
        _ => None,
    };
    props.insert("providerId".into(), Value::String(provider_id.clone()));
    let link = (kind == RecordKind::Program).then_some(provider_id);
    writer.create(kind, new_id(kind), props, link, program).await
}

/// Rejects a `cipCode` that is well formed but not a CIP 2020 code in the registry.
async fn check_cip(writer: &Writer<'_>, props: &Props) -> RegistryResult<()> {
    let Some(code) = props.get("cipCode").and_then(Value::as_str) else { return Ok(()) };
    let statement = Statement::new("code_lookup", crate::graph::cypher::CODE_LOOKUP).param("system", "CIP").param("code", code);
    let found: Option<Value> = writer.graph.row(statement).await?;
    if found.is_none() {
        return Err(RegistryError::invalid("cipCode", format!("`cipCode` \"{code}\" is not a CIP 2020 code. Look it up with `search` or `byCode(system: CIP, ...)`, for example \"48.0508\" for welding.")));
    }
    Ok(())
}

#[derive(serde::Deserialize)]
struct ProgramOwners {
    providers: Vec<String>,
}

/// Returns the program a new course joins, after checking that it exists and belongs to
/// the course's provider. Admins may join any program.
async fn course_program(writer: &Writer<'_>, props: &Props, provider_id: &str) -> RegistryResult<Option<String>> {
    let Some(program_id) = props.get("programId").and_then(Value::as_str) else { return Ok(None) };
    let program_id = program_id.strip_prefix("Program:").unwrap_or(program_id).to_string();
    let statement = Statement::new("pathways_program_owners", crate::pathways::link::PROGRAM_OWNERS).json_param("ids", &serde_json::json!([program_id]));
    let owners: Option<ProgramOwners> = writer.graph.row(statement).await?;
    let Some(owners) = owners else {
        return Err(RegistryError::invalid("programId", format!("No program has the id \"{program_id}\". Pass the registry id of one of the provider's programs.")));
    };
    if !writer.principal.is_admin() && !owners.providers.iter().any(|owner| owner == provider_id) {
        return Err(RegistryError::invalid("programId", format!("The program \"{program_id}\" does not belong to provider \"{provider_id}\". Pass one of that provider's programs.")));
    }
    Ok(Some(program_id))
}

fn version_of(version: i32) -> RegistryResult<i64> {
    if version < 0 {
        return Err(RegistryError::invalid("version", format!("`version` is {version}, but versions start at 0. Pass the `version` you read.")));
    }
    Ok(i64::from(version))
}

#[Object]
impl RegistryMutation {
    /// Registers a program. Contributors' programs await verification. A `cipCode` must be a
    /// CIP 2020 code in the registry, and the program is classified with it.
    async fn create_program(&self, ctx: &Context<'_>, input: ProgramInput, provider_id: Option<String>) -> async_graphql::Result<RecordWrite> {
        run(async {
            let props = input.props()?;
            check_cip(&writer(ctx), &props).await?;
            create_owned(ctx, RecordKind::Program, props, provider_id, ProgramInput::check).await
        })
        .await
    }

    /// Changes the fields passed in `input`; `version` must be the current version. A new
    /// `cipCode` replaces the program's CIP classification.
    async fn update_program(&self, ctx: &Context<'_>, id: ID, version: i32, input: ProgramInput) -> async_graphql::Result<RecordWrite> {
        run(async {
            let id = natural_id(&id, RecordKind::Program)?;
            let props = input.props()?;
            check_cip(&writer(ctx), &props).await?;
            writer(ctx).update(RecordKind::Program, &id, version_of(version)?, props, ProgramInput::check).await
        })
        .await
    }

    /// Registers a course. With `programId` it joins that program, which must belong to the
    /// same provider; `name` and `courseCode` read back as `title` and `code`.
    async fn create_course(&self, ctx: &Context<'_>, input: CourseInput, provider_id: Option<String>) -> async_graphql::Result<RecordWrite> {
        run(async { create_owned(ctx, RecordKind::Course, input.props()?, provider_id, CourseInput::check).await }).await
    }

    async fn update_course(&self, ctx: &Context<'_>, id: ID, version: i32, input: CourseInput) -> async_graphql::Result<RecordWrite> {
        run(async {
            if input.program_id.is_some() {
                return Err(RegistryError::invalid("programId", "`programId` is set when a course is created and cannot change. Create a new course for the other program."));
            }
            let id = natural_id(&id, RecordKind::Course)?;
            writer(ctx).update(RecordKind::Course, &id, version_of(version)?, input.props()?, CourseInput::check).await
        })
        .await
    }

    async fn create_opportunity(&self, ctx: &Context<'_>, input: OpportunityInput, provider_id: Option<String>) -> async_graphql::Result<RecordWrite> {
        run(async { create_owned(ctx, RecordKind::Opportunity, input.props()?, provider_id, OpportunityInput::check).await }).await
    }

    async fn update_opportunity(&self, ctx: &Context<'_>, id: ID, version: i32, input: OpportunityInput) -> async_graphql::Result<RecordWrite> {
        run(async {
            let id = natural_id(&id, RecordKind::Opportunity)?;
            writer(ctx).update(RecordKind::Opportunity, &id, version_of(version)?, input.props()?, OpportunityInput::check).await
        })
        .await
    }

    async fn create_service(&self, ctx: &Context<'_>, input: ServiceInput, provider_id: Option<String>) -> async_graphql::Result<RecordWrite> {
        run(async { create_owned(ctx, RecordKind::Service, input.props()?, provider_id, ServiceInput::check).await }).await
    }

    async fn update_service(&self, ctx: &Context<'_>, id: ID, version: i32, input: ServiceInput) -> async_graphql::Result<RecordWrite> {
        run(async {
            let id = natural_id(&id, RecordKind::Service)?;
            writer(ctx).update(RecordKind::Service, &id, version_of(version)?, input.props()?, ServiceInput::check).await
        })
        .await
    }

    /// Registers a provider under the caller's own `provider_id`, which becomes its id.
    async fn create_provider(&self, ctx: &Context<'_>, id: String, input: ProviderInput) -> async_graphql::Result<RecordWrite> {
        run(async {
            let writer = writer(ctx);
            let id = validate::code_id("id", &id)?;
            writer.principal.require_provider(&id)?;
            let props = input.props()?;
            ProviderInput::check(&props)?;
            writer.create(RecordKind::Provider, id, props, None, None).await
        })
        .await
    }

    async fn update_provider(&self, ctx: &Context<'_>, id: ID, version: i32, input: ProviderInput) -> async_graphql::Result<RecordWrite> {
        run(async {
            let id = natural_id(&id, RecordKind::Provider)?;
            writer(ctx).update(RecordKind::Provider, &id, version_of(version)?, input.props()?, ProviderInput::check).await
        })
        .await
    }

    /// Records local wages of an occupation. State portals write only their own state.
    async fn create_regional_wage(&self, ctx: &Context<'_>, input: RegionalWageInput) -> async_graphql::Result<RecordWrite> {
        run(async {
            let writer = writer(ctx);
            writer.principal.require_any(&[Role::StatePortal])?;
            let props = input.props()?;
            RegionalWageInput::check(&props)?;
            let state = props.get("state").and_then(Value::as_str).unwrap_or_default().to_string();
            if !writer.principal.can_access_state(&state) {
                return Err(ler_auth::AccessError::OtherState { state }.into());
            }
            writer.create(RecordKind::RegionalWage, new_id(RecordKind::RegionalWage), props, None, None).await
        })
        .await
    }

    async fn update_regional_wage(&self, ctx: &Context<'_>, id: ID, version: i32, input: RegionalWageInput) -> async_graphql::Result<RecordWrite> {
        run(async {
            let id = natural_id(&id, RecordKind::RegionalWage)?;
            let patch = input.props()?;
            if let Some(state) = patch.get("state").and_then(Value::as_str) {
                if !principal(ctx).can_access_state(state) {
                    return Err(ler_auth::AccessError::OtherState { state: state.to_string() }.into());
                }
            }
            writer(ctx).update(RecordKind::RegionalWage, &id, version_of(version)?, patch, RegionalWageInput::check).await
        })
        .await
    }

    /// Retires any registry record by global id; it stays readable and cannot change.
    async fn retire_record(&self, ctx: &Context<'_>, id: ID, version: i32) -> async_graphql::Result<RecordWrite> {
        run(async {
            let (kind, key) = parse_record_id(&id)?;
            writer(ctx).retire(kind, &key, version_of(version)?).await
        })
        .await
    }

    /// Marks a record VERIFIED_BY_REVIEWER. Admins only.
    async fn verify_record(&self, ctx: &Context<'_>, id: ID, version: i32) -> async_graphql::Result<RecordWrite> {
        run(async {
            let (kind, key) = parse_record_id(&id)?;
            writer(ctx).verify(kind, &key, version_of(version)?).await
        })
        .await
    }
}

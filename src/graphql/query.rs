use async_graphql::connection::{Connection, Edge, EmptyFields};
use async_graphql::{Context, Object, SimpleObject};
use serde::Deserialize;
use serde_json::json;

use super::common::{Code, CodeMapping, CodeSystem};
use super::connection::{decode_cursor, encode_cursor, graph, page_size, Page};
use super::lists::*;
use super::loaders::Loaders;
use super::node::{load_node, parse_global_id, Node, NodeKind};
use super::occupation::Occupation;
use super::program::{Program, Provider};
use super::records::{CodeRow, NodeRow, OccupationRecord, ProgramRecord, ProviderRecord, SkillRecord};
use super::skill::Skill;
use crate::error::ApiError;
use crate::graph::{cypher, Statement};

/// Records returned by one `byCode` or `crosswalk` request at most.
const MAX_CODE_RESULTS: i64 = 500;

/// Lookups and lists over occupations, programs, providers, skills and codes.
#[derive(Default)]
pub struct CoreQuery;

/// One full-text search match.
#[derive(SimpleObject)]
pub struct SearchHit {
    /// Lucene relevance score; higher is better.
    pub score: f64,
    pub node: Node,
}

#[derive(Deserialize)]
struct KindKeyRow {
    kind: String,
    key: String,
    #[serde(default)]
    score: f64,
}

#[derive(Deserialize)]
struct MappingRow {
    system: String,
    code: String,
    title: Option<String>,
    sources: Vec<Option<String>>,
    via: Vec<String>,
}

pub(crate) fn occupation_code(code: &str) -> Result<&str, ApiError> {
    let code = code.trim();
    let bytes = code.as_bytes();
    let shape_ok = (code.len() == 7 || code.len() == 10)
        && bytes.iter().enumerate().all(|(i, b)| match i {
            2 => *b == b'-',
            7 => *b == b'.',
            _ => b.is_ascii_digit(),
        });
    if shape_ok {
        Ok(code)
    } else {
        Err(ApiError::bad_input(format!(
            "The occupation code \"{code}\" is not a SOC or O*NET-SOC code. Use a form such as \"51-4121\" (SOC 2018) or \"51-4121.00\" (O*NET-SOC)."
        )))
    }
}

/// Accepts a global id ("Program:x") or a natural id ("x") for the given kind.
fn natural_key(id: &str, kind: NodeKind) -> Result<String, ApiError> {
    match parse_global_id(id) {
        Ok((found, key)) if found == kind => Ok(key),
        Ok(_) => Err(ApiError::bad_input(format!("The id \"{id}\" names another kind of record. Pass a {kind:?} id."))),
        Err(_) => Ok(id.trim().to_string()),
    }
}

/// Escapes Lucene query syntax so user text is matched as words, never parsed as operators.
fn lucene_query(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| w.chars().filter(|c| c.is_alphanumeric() || *c == '-' || *c == '\'').collect::<String>())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().replace('-', "\\-").replace('\'', "\\'"))
        .collect();
    if words.is_empty() {
        return None;
    }
    let last = words.len() - 1;
    let terms: Vec<String> = words.iter().enumerate().map(|(i, w)| if i == last { format!("({w} OR {w}*)") } else { w.clone() }).collect();
    Some(terms.join(" AND "))
}

async fn node_of(ctx: &Context<'_>, kind: &str, key: String) -> async_graphql::Result<Option<Node>> {
    match NodeKind::parse(kind) {
        Some(kind) => load_node(ctx, kind, key).await,
        None => Ok(None),
    }
}

#[Object]
impl CoreQuery {
    /// One occupation by SOC 2018, O*NET-SOC 2019 or legacy O*NET-SOC 2010 code.
    async fn occupation(&self, ctx: &Context<'_>, code: String) -> async_graphql::Result<Occupation> {
        let code = occupation_code(&code)?;
        let statement = Statement::new("occupation_by_code", cypher::OCCUPATION_BY_CODE).param("code", code);
        let row: Option<NodeRow<OccupationRecord>> = graph(ctx).row(statement).await.map_err(ApiError::from)?;
        let row = row.ok_or_else(|| ApiError::not_found(format!(
            "No occupation has the code \"{code}\". Check the code against SOC 2018 or O*NET-SOC, or find it with `search(text:)`."
        )))?;
        Ok(Occupation(row.node))
    }

    /// Occupations ordered by O*NET-SOC code.
    #[graphql(complexity = "first.unwrap_or(20).max(0) as usize * child_complexity")]
    async fn occupations(&self, ctx: &Context<'_>, filter: Option<OccupationFilter>, first: Option<i32>, after: Option<String>) -> async_graphql::Result<Page<Occupation>> {
        let filters = occupation_filters(&filter.unwrap_or_default())?;
        let query = ListQuery { page_name: "occupations_page", page_text: cypher::OCCUPATIONS_PAGE, count_name: "occupations_count", count_text: cypher::OCCUPATIONS_COUNT, filters };
        fetch_page(ctx, query, first, after, |r: OccupationRecord| Occupation(r), |o| o.0.onet_soc_code.clone()).await
    }

    /// Programs ordered by registry id, without retired ones and without drafts of other
    /// providers than the caller's.
    #[graphql(complexity = "first.unwrap_or(20).max(0) as usize * child_complexity")]
    async fn programs(&self, ctx: &Context<'_>, filter: Option<ProgramFilter>, first: Option<i32>, after: Option<String>) -> async_graphql::Result<Page<Program>> {
        let mut filters = program_filters(&filter.unwrap_or_default())?;
        let own_provider: Vec<&str> = crate::auth::principal(ctx).provider_id().into_iter().collect();
        filters.push(("draftProviders", serde_json::json!(own_provider)));
        let query = ListQuery { page_name: "programs_page", page_text: cypher::PROGRAMS_PAGE, count_name: "programs_count", count_text: cypher::PROGRAMS_COUNT, filters };
        fetch_page(ctx, query, first, after, |r: ProgramRecord| Program(r), |p| p.0.id.clone()).await
    }

    /// Providers ordered by registry id, without retired ones.
    #[graphql(complexity = "first.unwrap_or(20).max(0) as usize * child_complexity")]
    async fn providers(&self, ctx: &Context<'_>, filter: Option<ProviderFilter>, first: Option<i32>, after: Option<String>) -> async_graphql::Result<Page<Provider>> {
        let filters = provider_filters(&filter.unwrap_or_default())?;
        let query = ListQuery { page_name: "providers_page", page_text: cypher::PROVIDERS_PAGE, count_name: "providers_count", count_text: cypher::PROVIDERS_COUNT, filters };
        fetch_page(ctx, query, first, after, |r: ProviderRecord| Provider(r), |p| p.0.id.clone()).await
    }

    /// O*NET skills and knowledge areas ordered by element id.
    #[graphql(complexity = "first.unwrap_or(20).max(0) as usize * child_complexity")]
    async fn skills(&self, ctx: &Context<'_>, filter: Option<SkillFilter>, first: Option<i32>, after: Option<String>) -> async_graphql::Result<Page<Skill>> {
        let filters = skill_filters(&filter.unwrap_or_default());
        let query = ListQuery { page_name: "skills_page", page_text: cypher::SKILLS_PAGE, count_name: "skills_count", count_text: cypher::SKILLS_COUNT, filters };
        fetch_page(ctx, query, first, after, |r: SkillRecord| Skill(r), |s| s.0.element_id.clone()).await
    }

    /// One program by global id ("Program:...") or registry id.
    async fn program(&self, ctx: &Context<'_>, id: async_graphql::ID) -> async_graphql::Result<Program> {
        let key = natural_key(&id, NodeKind::Program)?;
        let loaders = ctx.data_unchecked::<Loaders>();
        let record = loaders.programs.load_one(key.clone()).await?;
        Ok(Program(record.ok_or_else(|| ApiError::not_found(format!("No program has the id \"{key}\". List programs with `programs` to find valid ids.")))?))
    }

    /// One provider by global id ("Provider:...") or registry id.
    async fn provider(&self, ctx: &Context<'_>, id: async_graphql::ID) -> async_graphql::Result<Provider> {
        let key = natural_key(&id, NodeKind::Provider)?;
        let loaders = ctx.data_unchecked::<Loaders>();
        let record = loaders.providers.load_one(key.clone()).await?;
        Ok(Provider(record.ok_or_else(|| ApiError::not_found(format!("No provider has the id \"{key}\". List providers with `providers` to find valid ids.")))?))
    }

    /// Any record by global id; null when no record has it. Hidden from a federated
    /// supergraph, where entity keys take the place of this subgraph's global ids.
    #[graphql(inaccessible)]
    async fn node(&self, ctx: &Context<'_>, id: async_graphql::ID) -> async_graphql::Result<Option<Node>> {
        let (kind, key) = parse_global_id(&id)?;
        load_node(ctx, kind, key).await
    }

    /// Every record classified with one code: occupations, programs and providers.
    async fn by_code(&self, ctx: &Context<'_>, system: CodeSystem, code: String) -> async_graphql::Result<Vec<Node>> {
        let code = code.trim().to_string();
        let graph = graph(ctx);
        let lookup = Statement::new("code_lookup", cypher::CODE_LOOKUP).param("system", system.as_str()).param("code", code.clone());
        let exists: Option<CodeRow> = graph.row(lookup).await.map_err(ApiError::from)?;
        if exists.is_none() {
            return Err(ApiError::not_found(format!("The {} code \"{code}\" is not in the registry. Check the code and its system.", system.as_str())).into());
        }
        let statement = Statement::new("by_code", cypher::BY_CODE).param("system", system.as_str()).param("code", code).param("limit", MAX_CODE_RESULTS);
        let rows: Vec<KindKeyRow> = graph.rows(statement).await.map_err(ApiError::from)?;
        let mut nodes = Vec::with_capacity(rows.len());
        for row in rows {
            if let Some(node) = node_of(ctx, &row.kind, row.key).await? {
                nodes.push(node);
            }
        }
        Ok(nodes)
    }

    /// Codes mapped to one code within two crosswalk hops, with the source of each hop.
    async fn crosswalk(&self, ctx: &Context<'_>, system: CodeSystem, code: String, to: Option<Vec<CodeSystem>>) -> async_graphql::Result<Vec<CodeMapping>> {
        let code = code.trim().to_string();
        let graph = graph(ctx);
        let lookup = Statement::new("code_lookup", cypher::CODE_LOOKUP).param("system", system.as_str()).param("code", code.clone());
        let exists: Option<CodeRow> = graph.row(lookup).await.map_err(ApiError::from)?;
        if exists.is_none() {
            return Err(ApiError::not_found(format!("The {} code \"{code}\" is not in the registry. Check the code and its system.", system.as_str())).into());
        }
        let to: Vec<&str> = to.unwrap_or_default().into_iter().map(CodeSystem::as_str).collect();
        let statement = Statement::new("crosswalk", cypher::CROSSWALK)
            .param("system", system.as_str())
            .param("code", code)
            .json_param("to", &json!(to))
            .param("limit", MAX_CODE_RESULTS);
        let rows: Vec<MappingRow> = graph.rows(statement).await.map_err(ApiError::from)?;
        Ok(rows
            .into_iter()
            .filter_map(|r| {
                let sources = r.sources.into_iter().map(|s| s.unwrap_or_else(|| "unknown".into())).collect();
                Code::from_row(&r.system, r.code, r.title).map(|code| CodeMapping { code, sources, via: r.via })
            })
            .collect())
    }

    /// Full-text search over occupation titles and alternate titles, program, provider and skill names.
    #[graphql(complexity = "first.unwrap_or(20).max(0) as usize * child_complexity")]
    async fn search(&self, ctx: &Context<'_>, text: String, first: Option<i32>, after: Option<String>) -> async_graphql::Result<Connection<String, SearchHit, EmptyFields, EmptyFields>> {
        let first = page_size(first)?;
        let query = lucene_query(&text).ok_or_else(|| ApiError::bad_input(format!("The search text \"{text}\" has no words to search for. Pass at least one letter or digit.")))?;
        let (after_score, after_key) = match after {
            Some(cursor) => {
                let decoded = decode_cursor(&cursor)?;
                let (score, key) = decoded.split_once('|').ok_or_else(|| ApiError::bad_input(format!("The cursor \"{cursor}\" is not a search cursor. Pass an `endCursor` from an earlier page of the same search.")))?;
                let score: f64 = score.parse().map_err(|_| ApiError::bad_input(format!("The cursor \"{cursor}\" is not a search cursor.")))?;
                (Some(score), Some(key.to_string()))
            }
            None => (None, None),
        };
        let statement = Statement::new("search", cypher::SEARCH)
            .param("query", query)
            .json_param("afterScore", &json!(after_score))
            .json_param("afterKey", &json!(after_key))
            .param("limit", i64::from(first) + 1);
        let mut rows: Vec<KindKeyRow> = graph(ctx).rows(statement).await.map_err(ApiError::from)?;
        let has_next = rows.len() > first as usize;
        rows.truncate(first as usize);
        let mut page = Connection::new(after_score.is_some(), has_next);
        for row in rows {
            let cursor = encode_cursor(&format!("{}|{}:{}", row.score, row.kind, row.key));
            if let Some(node) = node_of(ctx, &row.kind, row.key).await? {
                page.edges.push(Edge::new(cursor, SearchHit { score: row.score, node }));
            }
        }
        Ok(page)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn occupation_code_accepts_soc_and_onet() {
        assert!(occupation_code("51-4121").is_ok());
        assert!(occupation_code("51-4121.00").is_ok());
    }

    #[test]
    fn occupation_code_rejects_other_shapes() {
        for bad in ["514121", "51-4121.0", "", "51_4121", "ab-cdef", "51-4121.00; MATCH (n) DETACH DELETE n"] {
            assert!(occupation_code(bad).is_err(), "{bad} was accepted");
        }
    }

    #[test]
    fn lucene_query_escapes_operators() {
        assert_eq!(lucene_query("weld*er OR (x)").unwrap(), "welder AND or AND (x OR x*)");
        assert_eq!(lucene_query("co-op").unwrap(), "(co\\-op OR co\\-op*)");
        assert!(lucene_query("  *** ").is_none());
    }
}

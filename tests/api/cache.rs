//! The Redis response cache, persisted queries and rate limits, against the Redis that
//! `scripts/test.sh` starts (`LER_TEST_REDIS_URL`), each test under its own key prefix.
//! One test starts and stops its own Redis to check that requests survive its loss.

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use ler_registry::cache::apq::document_hash;
use ler_registry::cache::{Cache, CacheSettings};
use ler_registry::config::Limits;
use ler_registry::graph::{Graph, GraphSettings};
use ler_registry::http;
use serde_json::{json, Value};

use crate::helpers::{token, TEST_AUDIENCE, TEST_ISSUER, TEST_SECRET};
use crate::fixtures::unique;
use crate::registration::{create_program, UPDATE_PROGRAM};

const READ_NAME: &str = "query Name($id: ID!) { program(id: $id) { name version } }";

struct CachedApp {
    addr: std::net::SocketAddr,
    client: reqwest::Client,
}

/// A response with its `X-Cache` header.
struct Cached {
    status: u16,
    x_cache: String,
    retry_after: Option<String>,
    body: Value,
}

fn redis_url() -> String {
    std::env::var("LER_TEST_REDIS_URL").unwrap_or_else(|_| panic!("LER_TEST_REDIS_URL is not set. Run the suite with scripts/test.sh, which starts a test Redis."))
}

async fn spawn_cached(redis_url: Option<String>, rate_limit: u64) -> CachedApp {
    let neo4j_uri = std::env::var("LER_TEST_NEO4J_URI").expect("LER_TEST_NEO4J_URI is set by scripts/test.sh");
    let settings = GraphSettings { uri: neo4j_uri, user: "neo4j".into(), password: String::new().into(), max_connections: 4 };
    let graph = Graph::connect(&settings).await.expect("test Neo4j is reachable");
    let mut auth: ler_auth::AuthConfig = serde_json::from_value(json!({ "issuer": TEST_ISSUER, "audience": TEST_AUDIENCE, "algorithm": "HS256" })).unwrap();
    auth.hs256_secret = Some(TEST_SECRET.to_string().into());
    let validator = ler_auth::Validator::new(auth).await.expect("test auth config is valid");
    let cache_settings = CacheSettings {
        redis_url: redis_url.map(Into::into),
        key_prefix: format!("{}:", unique("test")),
        rate_limit,
        rate_window: Duration::from_secs(60),
    };
    let cache = Cache::new(cache_settings).expect("Redis URL parses");
    let settings = http::AppSettings { limits: Limits::default(), validator: Some(validator), cache: Some(cache), credentials: None };
    let running = http::start("127.0.0.1:0".parse().unwrap(), graph, settings, 1).expect("server binds a free port");
    tokio::spawn(running.server);
    CachedApp { addr: running.addr, client: reqwest::Client::new() }
}

impl CachedApp {
    async fn post(&self, bearer: Option<&str>, body: Value) -> Cached {
        let mut request = self.client.post(format!("http://{}/graphql", self.addr)).header("accept", "application/json").json(&body);
        if let Some(bearer) = bearer {
            request = request.bearer_auth(bearer);
        }
        let response = request.send().await.expect("request is sent");
        let header = |name: &str| response.headers().get(name).map(|v| v.to_str().unwrap().to_string());
        let x_cache = header("x-cache").unwrap_or_default();
        let retry_after = header("retry-after");
        let status = response.status().as_u16();
        let body = response.json().await.expect("body is JSON");
        Cached { status, x_cache, retry_after, body }
    }

    async fn query(&self, bearer: Option<&str>, query: &str, variables: Value) -> Cached {
        self.post(bearer, json!({ "query": query, "variables": variables })).await
    }

    /// Adapts to the shared helpers, which create records through a `TestApp`.
    async fn as_test_app(&self) -> crate::helpers::TestApp {
        let neo4j_uri = std::env::var("LER_TEST_NEO4J_URI").unwrap();
        let settings = GraphSettings { uri: neo4j_uri, user: "neo4j".into(), password: String::new().into(), max_connections: 2 };
        crate::helpers::TestApp { addr: self.addr, graph: Graph::connect(&settings).await.unwrap(), client: self.client.clone() }
    }
}

#[tokio::test]
async fn second_identical_query_is_hit() {
    let app = spawn_cached(Some(redis_url()), 1_000).await;
    let contributor = token(&["contributor"], json!({ "provider_id": unique("contrib") }));
    let id = create_program(&app.as_test_app().await, &contributor, "Cache hit program").await;

    let first = app.query(None, READ_NAME, json!({ "id": id })).await;
    let second = app.query(None, READ_NAME, json!({ "id": id })).await;

    assert_eq!(first.x_cache, "MISS");
    assert_eq!(second.x_cache, "HIT");
    assert_eq!(second.body, first.body);
}

#[tokio::test]
async fn mutation_invalidates_entries_with_record() {
    let app = spawn_cached(Some(redis_url()), 1_000).await;
    let contributor = token(&["contributor"], json!({ "provider_id": unique("contrib") }));
    let id = create_program(&app.as_test_app().await, &contributor, "Before rename").await;
    let other_id = create_program(&app.as_test_app().await, &contributor, "Untouched").await;
    app.query(None, READ_NAME, json!({ "id": id })).await;
    app.query(None, READ_NAME, json!({ "id": other_id })).await;

    let update = app.query(Some(&contributor), UPDATE_PROGRAM, json!({ "id": id, "version": 1, "input": { "name": "After rename" } })).await;
    let changed = app.query(None, READ_NAME, json!({ "id": id })).await;
    let unchanged = app.query(None, READ_NAME, json!({ "id": other_id })).await;

    assert_eq!(update.x_cache, "BYPASS");
    assert_eq!(changed.x_cache, "MISS");
    assert_eq!(changed.body["data"]["program"]["name"], "After rename");
    assert_eq!(changed.body["data"]["program"]["version"], 2);
    assert_eq!(unchanged.x_cache, "HIT");
}

#[tokio::test]
async fn different_scopes_never_share_entry() {
    let app = spawn_cached(Some(redis_url()), 1_000).await;
    let poster = token(&["provider"], json!({ "provider_id": unique("prov") }));
    let learner_id = unique("learner");
    let input = json!({ "input": { "title": "Closed internship", "kind": "INTERNSHIP", "publication": "CLOSED", "audienceLearnerIds": [learner_id] } });
    let created = app.query(Some(&poster), "mutation($input: OpportunityInput!) { createOpportunity(input: $input) { id } }", input).await;
    let id = created.body["data"]["createOpportunity"]["id"].clone();
    let read = "query($id: ID!) { opportunity(id: $id) { title } }";
    let learner = token(&["learner"], json!({ "learner_id": learner_id }));

    let anonymous_first = app.query(None, read, json!({ "id": id })).await;
    let anonymous_second = app.query(None, read, json!({ "id": id })).await;
    let listed_learner = app.query(Some(&learner), read, json!({ "id": id })).await;

    assert_eq!(anonymous_second.x_cache, "HIT");
    assert!(anonymous_first.body["data"]["opportunity"].is_null());
    assert_eq!(listed_learner.x_cache, "MISS");
    assert_eq!(listed_learner.body["data"]["opportunity"]["title"], "Closed internship");
}

#[tokio::test]
async fn persisted_query_round_trip() {
    let app = spawn_cached(Some(redis_url()), 1_000).await;
    let document = format!("{{ __typename }} # {}", unique("apq"));
    let extensions = json!({ "persistedQuery": { "version": 1, "sha256Hash": document_hash(&document) } });

    let unknown = app.post(None, json!({ "extensions": extensions })).await;
    let registered = app.post(None, json!({ "query": document, "extensions": extensions })).await;
    let by_hash = app.post(None, json!({ "extensions": extensions })).await;
    let wrong = app.post(None, json!({ "query": "{ __typename }", "extensions": extensions })).await;

    assert_eq!(unknown.body["errors"][0]["message"], "PersistedQueryNotFound");
    assert_eq!(unknown.body["errors"][0]["extensions"]["code"], "PERSISTED_QUERY_NOT_FOUND");
    assert_eq!(registered.body["data"]["__typename"], "Query");
    assert_eq!(by_hash.body["data"]["__typename"], "Query");
    assert_eq!(wrong.status, 400);
}

#[tokio::test]
async fn rate_limit_returns_429_with_retry_after() {
    let app = spawn_cached(Some(redis_url()), 2).await;
    let caller = token(&["counselor"], json!({}));

    let first = app.query(Some(&caller), "{ __typename }", json!({})).await;
    let second = app.query(Some(&caller), "{ __typename }", json!({})).await;
    let third = app.query(Some(&caller), "{ __typename }", json!({})).await;

    assert_eq!(first.status, 200);
    assert_eq!(second.status, 200);
    assert_eq!(third.status, 429);
    assert_eq!(third.body["errors"][0]["extensions"]["code"], "RATE_LIMITED");
    let retry_after: u64 = third.retry_after.expect("Retry-After is set").parse().unwrap();
    assert!((1..=60).contains(&retry_after), "Retry-After {retry_after}");
}

#[tokio::test]
async fn in_process_cache_without_redis() {
    let app = spawn_cached(None, 1_000).await;

    let first = app.query(None, "{ occupation(code: \"51-4121\") { title } }", json!({})).await;
    let second = app.query(None, "{ occupation(code: \"51-4121\") { title } }", json!({})).await;

    assert_eq!(first.x_cache, "MISS");
    assert_eq!(second.x_cache, "HIT");
}

/// A redis-server child on a free loopback port in 6401-6409.
struct OwnRedis {
    port: u16,
    child: Child,
}

impl OwnRedis {
    fn start_on(port: u16) -> Self {
        let child = Command::new("redis-server")
            .args(["--port", &port.to_string(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("redis-server is installed; scripts/test.sh installs it");
        Self { port, child }
    }

    fn start() -> Self {
        let port = (6401..=6409).find(|p| TcpListener::bind(("127.0.0.1", *p)).is_ok()).expect("one of ports 6401-6409 is free");
        Self::start_on(port)
    }

    fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for OwnRedis {
    fn drop(&mut self) {
        self.stop();
    }
}

async fn wait_for_port(port: u16) {
    for _ in 0..100 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("redis-server did not open port {port}");
}

#[tokio::test]
async fn queries_survive_redis_loss() {
    let mut redis = OwnRedis::start();
    wait_for_port(redis.port).await;
    let app = spawn_cached(Some(format!("redis://127.0.0.1:{}", redis.port)), 1_000).await;
    let query = "{ occupation(code: \"51-4121\") { title } }";

    let before = app.query(None, query, json!({})).await;
    let cached = app.query(None, query, json!({})).await;
    redis.stop();
    let during = app.query(None, query, json!({})).await;
    let during_again = app.query(None, query, json!({})).await;

    assert_eq!(before.x_cache, "MISS");
    assert_eq!(cached.x_cache, "HIT");
    assert_eq!(during.status, 200);
    assert_eq!(during.x_cache, "BYPASS");
    assert_eq!(during.body["data"], before.body["data"]);
    assert_eq!(during_again.x_cache, "BYPASS");

    let port = redis.port;
    let _restarted = OwnRedis::start_on(port);
    wait_for_port(port).await;
    let mut resumed = String::new();
    for _ in 0..40 {
        resumed = app.query(None, query, json!({})).await.x_cache;
        if resumed != "BYPASS" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert_eq!(resumed, "MISS", "the cache did not resume after Redis came back");
}

#[tokio::test]
async fn new_record_invalidates_list_entry() {
    let app = spawn_cached(Some(redis_url()), 1_000).await;
    let poster = token(&["provider"], json!({ "provider_id": unique("prov") }));
    let create = "mutation($input: OpportunityInput!) { createOpportunity(input: $input) { id } }";
    let input = |title: &str| json!({ "input": { "title": title, "kind": "JOB", "publication": "OPEN" } });
    let list = "{ opportunities(first: 100) { id title } }";
    app.query(Some(&poster), create, input("Listed first")).await;
    app.query(None, list, json!({})).await;
    let cached = app.query(None, list, json!({})).await;

    let created = app.query(Some(&poster), create, input("Listed second")).await;
    let new_id = created.body["data"]["createOpportunity"]["id"].clone();
    let after = app.query(None, list, json!({})).await;
    let ids: Vec<Value> = after.body["data"]["opportunities"].as_array().unwrap().iter().map(|o| o["id"].clone()).collect();

    assert_eq!(cached.x_cache, "HIT");
    assert_eq!(after.x_cache, "MISS");
    assert!(ids.contains(&new_id), "{new_id} missing from {ids:?}");
}

#[tokio::test]
async fn catalog_publish_invalidates_program_list() {
    let app = spawn_cached(Some(redis_url()), 1_000).await;
    let provider_id = unique("test-publish");
    let owner = token(&["provider"], json!({ "provider_id": provider_id }));
    let ingest = "mutation($input: IngestCatalogInput!) { ingestCatalog(input: $input) { documentId } }";
    let input = json!({ "input": { "name": "publish.txt", "text": crate::catalog::SMALL_CATALOG_V1, "providerId": provider_id, "institution": "Test College" } });
    let ingested = app.query(Some(&owner), ingest, input).await;
    let document_id = ingested.body["data"]["ingestCatalog"]["documentId"].clone();
    let list = "query($p: String) { programs(filter: { providerId: $p }) { totalCount } }";
    let vars = json!({ "p": provider_id });
    app.query(None, list, vars.clone()).await;
    let draft = app.query(None, list, vars.clone()).await;

    app.query(Some(&owner), "mutation($d: String!) { publishCatalog(documentId: $d) }", json!({ "d": document_id })).await;
    let published = app.query(None, list, vars).await;

    assert_eq!(draft.x_cache, "HIT");
    assert_eq!(draft.body["data"]["programs"]["totalCount"], 0);
    assert_eq!(published.x_cache, "MISS");
    assert_eq!(published.body["data"]["programs"]["totalCount"], 1);
}

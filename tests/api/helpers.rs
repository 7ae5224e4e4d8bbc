//! A test app: the real HTTP server on a free port, talking to the Neo4j that
//! `scripts/test.sh` started and seeded.

use std::net::SocketAddr;

use ler_registry::config::Limits;
use ler_registry::graph::{Graph, GraphSettings};
use ler_registry::http;
use serde_json::{json, Value};

pub struct TestApp {
    pub addr: SocketAddr,
    pub graph: Graph,
    pub client: reqwest::Client,
}

pub struct GraphqlResponse {
    pub status: u16,
    pub content_type: String,
    pub body: Value,
}

fn neo4j_uri() -> String {
    std::env::var("LER_TEST_NEO4J_URI").unwrap_or_else(|_| {
        panic!("LER_TEST_NEO4J_URI is not set. Run the suite with scripts/test.sh, which starts and seeds a test Neo4j.")
    })
}

/// HS256 settings the test server validates tokens with.
pub const TEST_ISSUER: &str = "ler-registry-test";
pub const TEST_AUDIENCE: &str = "ler-registry";
pub const TEST_SECRET: &str = "test-secret-of-at-least-thirty-two-bytes!";

fn auth_config() -> ler_auth::AuthConfig {
    let mut config: ler_auth::AuthConfig = serde_json::from_value(json!({
        "issuer": TEST_ISSUER, "audience": TEST_AUDIENCE, "algorithm": "HS256"
    }))
    .unwrap();
    config.hs256_secret = Some(TEST_SECRET.to_string().into());
    config
}

/// Mints an HS256 token for the test server with these roles and extra claims
/// (for example `provider_id`, `learner_id` or `state`).
pub fn token(roles: &[&str], extra: Value) -> String {
    let mut claims = ler_auth::testing::claims(TEST_ISSUER, TEST_AUDIENCE, roles);
    if let Value::Object(more) = extra {
        claims.extend(more);
    }
    ler_auth::testing::sign_hs256(TEST_SECRET.as_bytes(), &claims)
}

/// Credential settings of the test server. The master key is fixed, because parallel tests
/// share issuer keys sealed in one graph.
pub const TEST_CREDENTIALS_HOST: &str = "registry.test";
pub fn test_credentials() -> ler_registry::credentials::CredentialSettings {
    let key = ler_credentials::MasterKey::from_base64("3q1yTqkV0gV2Jm4aGfLz3t8Wb0c9Yx1hQpRk5sN7uE4=").unwrap();
    ler_registry::credentials::CredentialSettings { master_key: Some(std::sync::Arc::new(key)), host: TEST_CREDENTIALS_HOST.into() }
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(Limits::default()).await
}

pub async fn spawn_app_with(limits: Limits) -> TestApp {
    spawn_app_with_credentials(limits, test_credentials()).await
}

/// Starts the app with the given credential settings, for example without a master key.
pub async fn spawn_app_with_credentials(limits: Limits, credentials: ler_registry::credentials::CredentialSettings) -> TestApp {
    if std::env::var("TEST_LOG").is_ok() {
        ler_registry::telemetry::init();
    }
    let settings = GraphSettings { uri: neo4j_uri(), user: "neo4j".into(), password: String::new().into(), max_connections: 4 };
    let graph = Graph::connect(&settings).await.expect("test Neo4j is reachable");
    let validator = ler_auth::Validator::new(auth_config()).await.expect("test auth config is valid");
    let settings = http::AppSettings { limits, validator: Some(validator), cache: None, credentials: Some(credentials) };
    let running = http::start("127.0.0.1:0".parse().unwrap(), graph.clone(), settings, 1).expect("server binds a free port");
    tokio::spawn(running.server);
    TestApp { addr: running.addr, graph, client: reqwest::Client::new() }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// POSTs a GraphQL request as application/json and accepts application/json.
    pub async fn post_graphql(&self, query: &str, variables: Value) -> GraphqlResponse {
        let body = json!({ "query": query, "variables": variables });
        let request = self.client.post(self.url("/graphql")).header("accept", "application/json").json(&body);
        Self::read(request.send().await.expect("request is sent")).await
    }

    pub async fn read(response: reqwest::Response) -> GraphqlResponse {
        let status = response.status().as_u16();
        let content_type = response.headers().get("content-type").map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
        let text = response.text().await.expect("body is readable");
        let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
        GraphqlResponse { status, content_type, body }
    }

    /// POSTs a GraphQL request with a bearer token.
    pub async fn post_graphql_as(&self, token: &str, query: &str, variables: Value) -> GraphqlResponse {
        let body = json!({ "query": query, "variables": variables });
        let request = self.client.post(self.url("/graphql")).header("accept", "application/json").bearer_auth(token).json(&body);
        Self::read(request.send().await.expect("request is sent")).await
    }

    /// Runs a query that must succeed and returns its `data`.
    #[track_caller]
    pub fn data(response: &GraphqlResponse) -> &Value {
        assert!(response.body.get("errors").is_none(), "expected no errors, got {}", response.body);
        assert_eq!(response.status, 200, "expected 200, body {}", response.body);
        &response.body["data"]
    }

    pub async fn query_data(&self, query: &str, variables: Value) -> Value {
        let response = self.post_graphql(query, variables).await;
        Self::data(&response).clone()
    }

    /// Runs a query with a bearer token that must succeed and returns its `data`.
    pub async fn query_data_as(&self, token: &str, query: &str, variables: Value) -> Value {
        let response = self.post_graphql_as(token, query, variables).await;
        Self::data(&response).clone()
    }

    /// Runs a query that must fail and returns the first error's code and message.
    pub async fn query_error(&self, query: &str, variables: Value) -> (String, String) {
        let response = self.post_graphql(query, variables).await;
        let error = response.body["errors"].get(0).unwrap_or_else(|| panic!("expected an error, got {}", response.body));
        let code = error["extensions"]["code"].as_str().unwrap_or("(none)").to_string();
        (code, error["message"].as_str().unwrap_or_default().to_string())
    }
}

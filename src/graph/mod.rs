//! Neo4j access: the connection pool, the Cypher statement catalog and row mapping.

mod bolt;
pub mod cypher;
pub mod migrate;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use neo4rs::{ConfigBuilder, Query};
use serde::de::DeserializeOwned;
use serde_json::Value;

pub use bolt::json_to_bolt;

/// Errors raised while talking to Neo4j.
#[derive(Debug, thiserror::Error)]
pub enum GraphError {
    #[error("Neo4j is unreachable at {uri}: {source}")]
    Unavailable { uri: String, source: neo4rs::Error },
    #[error("Cypher statement `{statement}` failed: {source}")]
    Statement { statement: &'static str, source: neo4rs::Error },
    #[error("row of statement `{statement}` does not match the expected shape: {message}")]
    Mapping { statement: &'static str, message: String },
}

/// Connection settings for the graph store.
#[derive(Clone)]
pub struct GraphSettings {
    pub uri: String,
    pub user: String,
    pub password: secrecy::SecretString,
    pub max_connections: usize,
}

/// A named Cypher statement from `cypher/`, with its parameters.
pub struct Statement {
    name: &'static str,
    query: Query,
}

impl Statement {
    pub fn new(name: &'static str, text: &'static str) -> Self {
        Self { name, query: neo4rs::query(text) }
    }

    pub fn param<T: Into<neo4rs::BoltType>>(mut self, key: &str, value: T) -> Self {
        self.query = self.query.param(key, value);
        self
    }

    pub fn json_param(self, key: &str, value: &Value) -> Self {
        self.param(key, json_to_bolt(value))
    }
}

/// Shared handle on the Neo4j pool. Counts the statements it runs so tests can check
/// that nested queries stay batched.
#[derive(Clone)]
pub struct Graph {
    inner: neo4rs::Graph,
    uri: String,
    statements: Arc<AtomicU64>,
}

impl Graph {
    pub async fn connect(settings: &GraphSettings) -> Result<Self, GraphError> {
        use secrecy::ExposeSecret;
        let config = ConfigBuilder::default()
            .uri(&settings.uri)
            .user(&settings.user)
            .password(settings.password.expose_secret())
            .max_connections(settings.max_connections)
            .fetch_size(1000)
            .build()
            .map_err(|source| GraphError::Unavailable { uri: settings.uri.clone(), source })?;
        let inner = neo4rs::Graph::connect(config)
            .await
            .map_err(|source| GraphError::Unavailable { uri: settings.uri.clone(), source })?;
        let graph = Self { inner, uri: settings.uri.clone(), statements: Arc::default() };
        graph.ping().await?;
        Ok(graph)
    }

    pub fn uri(&self) -> &str {
        &self.uri
    }

    /// Number of statements run through this handle since it was created.
    pub fn statement_count(&self) -> u64 {
        self.statements.load(Ordering::Relaxed)
    }

    pub async fn ping(&self) -> Result<(), GraphError> {
        self.rows::<Value>(Statement::new("ping", "RETURN 1 AS ok")).await.map(|_| ())
    }

    /// Runs a statement and discards its rows.
    pub async fn run(&self, statement: Statement) -> Result<(), GraphError> {
        self.statements.fetch_add(1, Ordering::Relaxed);
        let name = statement.name;
        tracing::debug!(db.statement.name = name, "running Cypher");
        self.inner.run(statement.query).await.map_err(|source| GraphError::Statement { statement: name, source })
    }

    /// Runs a statement whose rows have one column per field of `T`.
    pub async fn rows<T: DeserializeOwned>(&self, statement: Statement) -> Result<Vec<T>, GraphError> {
        self.statements.fetch_add(1, Ordering::Relaxed);
        let name = statement.name;
        tracing::debug!(db.statement.name = name, "running Cypher");
        let fail = |source| GraphError::Statement { statement: name, source };
        let mut stream = self.inner.execute(statement.query).await.map_err(fail)?;
        let mut out = Vec::new();
        while let Some(row) = stream.next().await.map_err(fail)? {
            let value = row.to::<T>().map_err(|e| GraphError::Mapping { statement: name, message: e.to_string() })?;
            out.push(value);
        }
        Ok(out)
    }

    /// Runs a statement expected to return at most one row.
    pub async fn row<T: DeserializeOwned>(&self, statement: Statement) -> Result<Option<T>, GraphError> {
        Ok(self.rows(statement).await?.into_iter().next())
    }
}

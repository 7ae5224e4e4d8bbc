//! The credential service: settings, the graph handle and the one-time schema setup.

use std::sync::Arc;

use ler_credentials::MasterKey;
use tokio::sync::OnceCell;

use super::cypher;
use super::error::{CredentialsError, CredentialsResult};
use crate::graph::{Graph, Statement};

/// Settings of credential issuance.
#[derive(Clone)]
pub struct CredentialSettings {
    /// Key that seals every issuer and learner private key stored in the graph. Without
    /// it the server still verifies credentials, but issues and signs nothing.
    pub master_key: Option<Arc<MasterKey>>,
    /// Public host name (with an optional port) of this server, used in `did:web`
    /// identifiers and in status list URLs, for example `registry.example.org`.
    pub host: String,
}

impl std::fmt::Debug for CredentialSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CredentialSettings").field("master_key", &"<redacted>").field("host", &self.host).finish()
    }
}

/// Shared handle that resolvers and HTTP handlers use for credential operations.
#[derive(Clone)]
pub struct CredentialService {
    pub(crate) graph: Graph,
    pub(crate) settings: CredentialSettings,
    schema_ready: Arc<OnceCell<()>>,
}

impl CredentialService {
    pub fn new(graph: Graph, settings: CredentialSettings) -> Self {
        Self { graph, settings, schema_ready: Arc::default() }
    }

    pub fn host(&self) -> &str {
        &self.settings.host
    }

    /// Returns the master key, or NotConfigured when the server runs without one.
    pub(crate) fn master_key(&self) -> CredentialsResult<&MasterKey> {
        self.settings.master_key.as_deref().ok_or(CredentialsError::NotConfigured)
    }

    /// Returns the public URL of the status list `list_id`.
    pub fn status_list_url(&self, list_id: &str) -> String {
        format!("https://{}/status/{list_id}", self.settings.host)
    }

    /// Returns the public URL that identifies a registry record in achievements.
    pub fn record_url(&self, record_id: &str) -> String {
        let encoded: String = url_path_segment(record_id);
        format!("https://{}/records/{encoded}", self.settings.host)
    }

    /// Creates the constraints of credential nodes once per process. A failure is logged
    /// and retried on the next call, because the constraints may already exist.
    pub(crate) async fn ensure_schema(&self) -> CredentialsResult<()> {
        self.schema_ready
            .get_or_try_init(|| async {
                for line in cypher::CONSTRAINTS.lines().filter(|l| !l.trim().is_empty() && !l.starts_with("//")) {
                    let statement = Statement::new("credentials_constraints", line);
                    self.graph.run(statement).await?;
                }
                Ok::<(), crate::graph::GraphError>(())
            })
            .await?;
        Ok(())
    }
}

/// Percent-encodes every byte outside the URL path unreserved set.
fn url_path_segment(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

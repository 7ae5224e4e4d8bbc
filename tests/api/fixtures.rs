//! Test data shared by several test modules: unique ids and catalog ingests.

use std::path::PathBuf;

use ler_registry::catalog::{ingest_document, IngestReport, IngestRequest};
use rand::Rng;

use crate::helpers::TestApp;

/// Returns `prefix` with a random suffix, so tests running in parallel or again write
/// distinct records.
pub fn unique(prefix: &str) -> String {
    format!("{prefix}-{:08x}", rand::thread_rng().gen::<u32>())
}

/// Reads a catalog file under `seeds/catalogs`: its file name and bytes.
pub fn seed_catalog(relative: &str) -> (String, Vec<u8>) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds/catalogs").join(relative);
    let bytes = std::fs::read(&path).expect("seed catalog is readable");
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    (name, bytes)
}

/// A catalog document to ingest for one test provider.
pub struct CatalogIngest<'a> {
    pub name: String,
    pub bytes: Vec<u8>,
    pub provider_id: &'a str,
    pub state: Option<&'a str>,
    pub publish: bool,
}

impl CatalogIngest<'_> {
    /// Ingests the document through the library, as the CLI does, and returns the report.
    pub async fn run(self, app: &TestApp) -> IngestReport {
        let request = IngestRequest {
            name: self.name,
            bytes: self.bytes,
            institution: Some(format!("Test institution {}", self.provider_id)),
            provider_id: Some(self.provider_id.to_string()),
            state: self.state.map(str::to_string),
            publish: self.publish,
        };
        ingest_document(&app.graph, request).await.expect("test catalog ingests")
    }
}

//! Seeding of the public catalogs in `seeds/catalogs/`, published, on their IPEDS providers.

use std::path::Path;

use super::{ingest_document, IngestError, IngestReport, IngestRequest};
use crate::graph::Graph;

/// A seed catalog: path under `seeds/catalogs/`, institution name as IPEDS spells it, state.
pub struct SeedCatalog {
    pub path: &'static str,
    pub institution: &'static str,
    pub state: &'static str,
}

/// Seed catalogs in load order. The UIUC prerequisite table links courses of the UIUC
/// course table, so it loads after it.
pub const SEED_CATALOGS: &[SeedCatalog] = &[
    SeedCatalog { path: "south_georgia_technical_college/sgtc_catalog_2021-2023.txt.gz", institution: "South Georgia Technical College", state: "GA" },
    SeedCatalog { path: "uiuc/uiuc_course_catalog_2026-su.csv.gz", institution: "University of Illinois Urbana-Champaign", state: "IL" },
    SeedCatalog { path: "uiuc/uiuc_prerequisites.csv", institution: "University of Illinois Urbana-Champaign", state: "IL" },
    SeedCatalog { path: "west_chester_university/wcu_courses_2024-09.json.gz", institution: "West Chester University of Pennsylvania", state: "PA" },
];

/// Errors of catalog seeding.
#[derive(Debug, thiserror::Error)]
pub enum SeedCatalogError {
    #[error("seed catalog {path} could not be read: {source}. Check --seeds-dir.")]
    Read { path: String, source: std::io::Error },
    #[error("seed catalog {path} failed to ingest: {source}")]
    Ingest { path: String, source: IngestError },
}

/// Ingests every seed catalog as published. Run after the IPEDS providers and CIP codes
/// are seeded, so programs land on their institution and get CIP codes.
pub async fn seed_catalogs(graph: &Graph, seeds_dir: &Path) -> Result<Vec<IngestReport>, SeedCatalogError> {
    let mut reports = Vec::new();
    for catalog in SEED_CATALOGS {
        let path = seeds_dir.join("catalogs").join(catalog.path);
        let bytes = std::fs::read(&path).map_err(|source| SeedCatalogError::Read { path: path.display().to_string(), source })?;
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let request = IngestRequest {
            name,
            bytes,
            institution: Some(catalog.institution.to_string()),
            provider_id: None,
            state: Some(catalog.state.to_string()),
            publish: true,
        };
        let report = ingest_document(graph, request).await.map_err(|source| SeedCatalogError::Ingest { path: path.display().to_string(), source })?;
        tracing::info!(seed.catalog = catalog.path, programs = report.programs, courses = report.courses, provider = %report.provider_id, "seed catalog loaded");
        reports.push(report);
    }
    Ok(reports)
}

//! Helpers shared by the integration tests: seed paths and parsing shortcuts.

#![allow(dead_code)]

use std::path::PathBuf;

use ler_catalog::{parse_catalog_file, ParseOptions, ParsedCatalog};

/// Path of a file under the repository's `seeds/` folder.
pub fn seed_path(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../seeds")
        .join(relative)
}

/// Path of a file under this crate's `tests/data/` folder.
pub fn test_data(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(relative)
}

/// Parses a seed catalog, panicking with the error message on failure.
pub fn parse_seed(relative: &str, institution: &str) -> ParsedCatalog {
    let path = seed_path(relative);
    parse_catalog_file(&path, &ParseOptions::new(institution))
        .unwrap_or_else(|e| panic!("parsing {} failed: {e}", path.display()))
}

pub const SGTC: &str = "catalogs/south_georgia_technical_college/sgtc_catalog_2021-2023.txt.gz";
pub const UIUC_COURSES: &str = "catalogs/uiuc/uiuc_course_catalog_2026-su.csv.gz";
pub const UIUC_PREREQUISITES: &str = "catalogs/uiuc/uiuc_prerequisites.csv";
pub const WCU: &str = "catalogs/west_chester_university/wcu_courses_2024-09.json.gz";

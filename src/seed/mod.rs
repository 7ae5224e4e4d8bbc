//! `ler-registry seed`: loads the compact seed files into Neo4j with MERGE in batches.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use flate2::read::GzDecoder;
use indicatif::{ProgressBar, ProgressStyle};
use serde::Deserialize;
use serde_json::Value;

use crate::graph::{cypher, migrate, Graph, GraphError, Statement};

/// Rows sent to Neo4j in one UNWIND statement.
pub const BATCH_SIZE: usize = 2_000;

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error("seed file {path} could not be read: {source}. Check --seeds-dir (currently {dir}).")]
    Read { path: PathBuf, dir: PathBuf, source: std::io::Error },
    #[error("line {line} of seed file {path} is not valid JSON: {source}")]
    Parse { path: PathBuf, line: usize, source: serde_json::Error },
    #[error(transparent)]
    Graph(#[from] GraphError),
    #[error(transparent)]
    Eligibility(Box<crate::eligibility::seed::EligibilitySeedError>),
    #[error(transparent)]
    Catalog(Box<crate::catalog::seed::SeedCatalogError>),
    #[error(transparent)]
    Pathways(Box<crate::pathways::ctdl::CtdlLinkError>),
}

/// Counts of nodes by label and relationships by type after a seed.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub struct NameCount {
    pub name: String,
    pub count: i64,
}

#[derive(Debug)]
pub struct SeedSummary {
    pub elements: Vec<NameCount>,
    pub codes: Vec<NameCount>,
    pub elapsed: Duration,
}

/// Loads every seed file in order. Safe to run again: all writes are MERGE.
pub async fn run(graph: &Graph, seeds_dir: &Path, show_progress: bool) -> Result<SeedSummary, SeedError> {
    let started = Instant::now();
    migrate::apply_schema(graph).await?;
    for (name, statement) in cypher::SEED_STEPS {
        let rows = read_rows(seeds_dir, name)?;
        let bar = progress_bar(name, rows.len(), show_progress);
        for batch in rows.chunks(BATCH_SIZE) {
            let batch = Value::Array(batch.to_vec());
            graph.run(Statement::new(name, statement).json_param("rows", &batch)).await?;
            bar.inc(batch.as_array().map_or(0, Vec::len) as u64);
        }
        bar.finish();
        tracing::info!(seed.file = name, seed.rows = rows.len(), "seed file loaded");
    }
    crate::mobility::seed_similarity(graph).await?;
    crate::eligibility::seed_eligibility(graph, seeds_dir).await.map_err(|error| SeedError::Eligibility(Box::new(error)))?;
    crate::catalog::seed::seed_catalogs(graph, seeds_dir).await.map_err(|e| SeedError::Catalog(Box::new(e)))?;
    crate::pathways::apply_schema(graph).await?;
    crate::pathways::ctdl::seed_links(graph, seeds_dir).await.map_err(|e| SeedError::Pathways(Box::new(e)))?;
    let summary = SeedSummary { elements: counts(graph).await?, codes: code_counts(graph).await?, elapsed: started.elapsed() };
    Ok(summary)
}

pub async fn counts(graph: &Graph) -> Result<Vec<NameCount>, GraphError> {
    graph.rows(Statement::new("counts", cypher::COUNTS)).await
}

pub async fn code_counts(graph: &Graph) -> Result<Vec<NameCount>, GraphError> {
    graph.rows(Statement::new("code_counts", cypher::CODE_COUNTS)).await
}

/// Returns true when the graph already contains the seeded occupations.
pub async fn is_seeded(graph: &Graph) -> Result<bool, GraphError> {
    let counts = code_counts(graph).await?;
    Ok(counts.iter().any(|c| c.name == "ONET_SOC" && c.count > 0))
}

fn read_rows(dir: &Path, name: &str) -> Result<Vec<Value>, SeedError> {
    let path = dir.join(format!("{name}.jsonl.gz"));
    let read_error = |source| SeedError::Read { path: path.clone(), dir: dir.to_path_buf(), source };
    let file = std::fs::File::open(&path).map_err(read_error)?;
    let mut rows = Vec::new();
    for (index, line) in BufReader::new(GzDecoder::new(file)).lines().enumerate() {
        let line = line.map_err(read_error)?;
        let row = serde_json::from_str(&line).map_err(|source| SeedError::Parse { path: path.clone(), line: index + 1, source })?;
        rows.push(row);
    }
    Ok(rows)
}

fn progress_bar(name: &str, len: usize, visible: bool) -> ProgressBar {
    if !visible {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    let style = ProgressStyle::with_template("{prefix:>22} [{bar:40}] {pos}/{len} rows {elapsed}")
        .expect("progress template is valid")
        .progress_chars("=> ");
    bar.set_style(style);
    bar.set_prefix(name.to_string());
    bar
}

/// Prints the summary table after a seed.
pub fn print_summary(summary: &SeedSummary) {
    println!("Seeded in {:.1} s", summary.elapsed.as_secs_f64());
    println!("Nodes by label and relationships by type:");
    for item in &summary.elements {
        println!("  {:<24} {:>8}", item.name, item.count);
    }
    println!("Codes by system:");
    for item in &summary.codes {
        println!("  {:<24} {:>8}", item.name, item.count);
    }
}

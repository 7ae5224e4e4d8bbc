//! `ler-registry ingest catalog FILE`: parses a catalog file and stores it in Neo4j.

use std::path::PathBuf;

use clap::Subcommand;

use super::{ingest_document, IngestRequest};
use crate::config::Neo4jArgs;
use crate::graph::{migrate, Graph};

#[derive(Subcommand)]
pub enum IngestCommand {
    /// Parse a course catalog (text, HTML, JSON or CSV, optionally gzip) and store its
    /// programs and courses. Records stay DRAFT unless --publish is set.
    Catalog {
        /// Catalog file to read.
        file: PathBuf,
        /// Institution name; the provider is the IPEDS institution with this exact name when
        /// --provider-id is not set.
        #[arg(long)]
        institution: Option<String>,
        /// Provider id the records belong to, for example "ipeds-141006".
        #[arg(long)]
        provider_id: Option<String>,
        /// Two-letter state stored on each program.
        #[arg(long)]
        state: Option<String>,
        /// Store the records as PUBLISHED.
        #[arg(long)]
        publish: bool,
        #[command(flatten)]
        neo4j: Neo4jArgs,
    },
}

/// Runs an ingest subcommand and prints its summary and diff.
pub async fn run(command: IngestCommand) -> anyhow::Result<()> {
    let IngestCommand::Catalog { file, institution, provider_id, state, publish, neo4j } = command;
    let bytes = std::fs::read(&file).map_err(|e| anyhow::anyhow!("failed to read catalog file {}: {e}", file.display()))?;
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let graph = Graph::connect(&neo4j.settings()).await?;
    migrate::apply_schema(&graph).await?;
    let request = IngestRequest { name, bytes, institution, provider_id, state, publish };
    let report = ingest_document(&graph, request).await?;
    println!("document   {}", report.document_id);
    println!("provider   {}", report.provider_id);
    println!("sha256     {}", report.sha256);
    println!("length     {} bytes", report.length);
    println!("status     {}", report.status);
    println!("programs   {}", report.programs);
    println!("courses    {}", report.courses);
    println!("links      {}", report.links);
    println!("remainders {}", report.remainders);
    println!("cip codes  {}", report.classified_programs);
    println!("added {}, removed {}, changed {}", report.diff.added.len(), report.diff.removed.len(), report.diff.changed.len());
    for key in &report.diff.removed {
        println!("  - {key}");
    }
    for change in &report.diff.changed {
        println!("  ~ {} ({})", change.key, change.fields.join(", "));
    }
    Ok(())
}

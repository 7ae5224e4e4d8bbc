//! `ler-registry generate`: adds a deterministic, national-scale synthetic graph of
//! providers, programs, courses and opportunities on top of the seeded real codes, for load
//! tests and benchmarks. Every generated node has `generated: true` and `generatorSeed`.

pub mod records;
pub mod rng;

use std::time::{Duration, Instant};

use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use serde::Deserialize;
use serde_json::Value;

use crate::config::Neo4jArgs;
use crate::graph::{Graph, GraphError, Statement};
use crate::seed::NameCount;
use records::{provider_records, CipEntry, OccupationEntry, ProviderRecords, Reference};

macro_rules! generate_cypher {
    ($($name:ident => $file:literal),* $(,)?) => {
        $(const $name: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/cypher/generate/", $file));)*
    };
}

generate_cypher! {
    REFERENCE_CIP => "reference_cip.cypher",
    REFERENCE_OCCUPATIONS => "reference_occupations.cypher",
    PROVIDERS => "providers.cypher",
    PROGRAMS => "programs.cypher",
    COURSES => "courses.cypher",
    PART_OF => "part_of.cypher",
    PREREQUISITES => "prerequisites.cypher",
    STACKS => "stacks.cypher",
    OPPORTUNITIES => "opportunities.cypher",
}

/// Providers generated at the default scale. Each adds 67 nodes and about 287
/// relationships (measured at seed 1), so the default gives about 1.17 million nodes and
/// 5.0 million relationships on top of the seed.
pub const DEFAULT_SCALE: u64 = 17_500;
/// Providers whose records go into one round of UNWIND statements.
const PROVIDERS_PER_ROUND: u64 = 50;
/// Rows per UNWIND statement at most.
const ROWS_PER_STATEMENT: usize = 5_000;

#[derive(Args)]
pub struct GenerateArgs {
    /// Number of synthetic providers. Each adds 67 nodes and about 287 relationships.
    #[arg(long, default_value_t = DEFAULT_SCALE)]
    pub scale: u64,
    /// Seed of the generator. The same seed and scale always write the same records.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Index of the first provider to write. Set it to the previous `--scale` to grow a
    /// generated graph without rewriting the providers it already has.
    #[arg(long, default_value_t = 0)]
    pub first_provider: u64,
    /// Hide the progress bar.
    #[arg(long)]
    pub quiet: bool,
    #[command(flatten)]
    pub neo4j: Neo4jArgs,
}

#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    #[error("the graph has no CIP codes linked to occupations or no occupations. Run `ler-registry seed` against {uri} first.")]
    NotSeeded { uri: String },
    #[error("`--first-provider` is {first}, not below `--scale` {scale}. Pass a first provider index below the scale.")]
    EmptyRange { first: u64, scale: u64 },
    #[error(transparent)]
    Graph(#[from] GraphError),
}

impl GenerateError {
    pub fn code(&self) -> crate::error::ErrorCode {
        match self {
            Self::NotSeeded { .. } => crate::error::ErrorCode::NotFound,
            Self::EmptyRange { .. } => crate::error::ErrorCode::BadUserInput,
            Self::Graph(_) => crate::error::ErrorCode::Internal,
        }
    }
}

/// Counts and duration of one run.
#[derive(Debug)]
pub struct GenerateSummary {
    pub providers: u64,
    /// Nodes and relationships the records describe. MERGE writes nothing new for records
    /// an earlier run with the same seed already wrote.
    pub nodes: u64,
    pub relationships: u64,
    pub elapsed: Duration,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CipRow {
    code: String,
    title: String,
    occupations: Vec<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct OccupationRow {
    soc_code: String,
    title: String,
    median_wage: Option<f64>,
}

/// Reads the real CIP codes and occupations the synthetic records point at.
pub async fn load_reference(graph: &Graph) -> Result<Reference, GenerateError> {
    let cip: Vec<CipRow> = graph.rows(Statement::new("generate_reference_cip", REFERENCE_CIP)).await?;
    let occupations: Vec<OccupationRow> = graph.rows(Statement::new("generate_reference_occupations", REFERENCE_OCCUPATIONS)).await?;
    let cip = cip.into_iter().map(|r| CipEntry { code: r.code, title: r.title, occupations: r.occupations }).collect();
    let occupations = occupations.into_iter().map(|r| OccupationEntry { soc_code: r.soc_code, title: r.title, median_wage: r.median_wage }).collect();
    Reference::new(cip, occupations).ok_or_else(|| GenerateError::NotSeeded { uri: graph.uri().to_string() })
}

/// Writes providers `first_provider..scale` for `seed`, in rounds of [`PROVIDERS_PER_ROUND`].
pub async fn generate(graph: &Graph, first_provider: u64, scale: u64, seed: u64, show_progress: bool) -> Result<GenerateSummary, GenerateError> {
    if first_provider >= scale {
        return Err(GenerateError::EmptyRange { first: first_provider, scale });
    }
    let started = Instant::now();
    let reference = load_reference(graph).await?;
    let bar = progress_bar(scale - first_provider, show_progress);
    let (mut nodes, mut relationships) = (0u64, 0u64);

    let mut first = first_provider;
    while first < scale {
        let last = (first + PROVIDERS_PER_ROUND).min(scale);
        let round: Vec<ProviderRecords> = (first..last).map(|index| provider_records(&reference, seed, index)).collect();
        nodes += round.iter().map(|r| r.node_count() as u64).sum::<u64>();
        relationships += round.iter().map(|r| r.relationship_count() as u64).sum::<u64>();
        write_round(graph, &round).await?;
        bar.inc(last - first);
        first = last;
    }
    bar.finish();
    let summary = GenerateSummary { providers: scale - first_provider, nodes, relationships, elapsed: started.elapsed() };
    tracing::info!(providers = summary.providers, seed, nodes, relationships, seconds = summary.elapsed.as_secs_f64(), "synthetic graph generated");
    Ok(summary)
}

/// Writes one round in dependency order: nodes first, then the links between them.
async fn write_round(graph: &Graph, round: &[ProviderRecords]) -> Result<(), GraphError> {
    let collect = |select: fn(&ProviderRecords) -> &Vec<Value>| -> Vec<Value> { round.iter().flat_map(|r| select(r).iter().cloned()).collect() };
    let providers: Vec<Value> = round.iter().map(|r| r.provider.clone()).collect();
    write_rows(graph, "generate_providers", PROVIDERS, &providers).await?;
    write_rows(graph, "generate_programs", PROGRAMS, &collect(|r| &r.programs)).await?;
    write_rows(graph, "generate_courses", COURSES, &collect(|r| &r.courses)).await?;
    write_rows(graph, "generate_part_of", PART_OF, &collect(|r| &r.part_of)).await?;
    write_rows(graph, "generate_prerequisites", PREREQUISITES, &collect(|r| &r.prerequisites)).await?;
    write_rows(graph, "generate_stacks", STACKS, &collect(|r| &r.stacks)).await?;
    write_rows(graph, "generate_opportunities", OPPORTUNITIES, &collect(|r| &r.opportunities)).await?;
    Ok(())
}

async fn write_rows(graph: &Graph, name: &'static str, text: &'static str, rows: &[Value]) -> Result<(), GraphError> {
    for chunk in rows.chunks(ROWS_PER_STATEMENT) {
        graph.run(Statement::new(name, text).json_param("rows", &Value::Array(chunk.to_vec()))).await?;
    }
    Ok(())
}

fn progress_bar(len: u64, visible: bool) -> ProgressBar {
    if !visible {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len);
    let style = ProgressStyle::with_template("providers [{bar:40}] {pos}/{len} {elapsed} (eta {eta})").expect("progress template is valid").progress_chars("=> ");
    bar.set_style(style);
    bar
}

/// Runs `generate` and prints what it wrote and the graph's counts afterwards.
pub async fn run(args: GenerateArgs) -> anyhow::Result<()> {
    let graph = Graph::connect(&args.neo4j.settings()).await?;
    let summary = generate(&graph, args.first_provider, args.scale, args.seed, !args.quiet).await?;
    println!(
        "Generated {} providers (seed {}): {} nodes and {} relationships in {:.1} s",
        summary.providers,
        args.seed,
        summary.nodes,
        summary.relationships,
        summary.elapsed.as_secs_f64()
    );
    let counts: Vec<NameCount> = crate::seed::counts(&graph).await?;
    println!("Nodes by label and relationships by type in the whole graph:");
    for count in counts {
        println!("  {:<24} {:>10}", count.name, count.count);
    }
    Ok(())
}

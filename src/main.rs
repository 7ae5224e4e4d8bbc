use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use ler_registry::config::{Neo4jArgs, ServeArgs};
use ler_registry::graph::{migrate, Graph};
use ler_registry::{graphql, http, seed, telemetry};

/// ler-registry: a national credential registry served as GraphQL.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve GraphQL over HTTP; seeds the graph first when it is empty.
    Serve(ServeArgs),
    /// Load the seed files into Neo4j. Safe to run again: every write is a MERGE.
    Seed {
        #[command(flatten)]
        neo4j: Neo4jArgs,
        /// Folder of seed files.
        #[arg(long, env = "LER_SEEDS_DIR", default_value = "seeds")]
        seeds_dir: PathBuf,
        /// Hide the progress bars.
        #[arg(long)]
        quiet: bool,
    },
    /// Print the GraphQL schema (SDL) to standard output.
    Schema,
    /// Parse a document and store its records in Neo4j.
    #[command(subcommand)]
    Ingest(ler_registry::catalog::cli::IngestCommand),
    /// Write graph data to a file for analysis outside the server.
    #[command(subcommand)]
    Export(ler_registry::mobility::export::ExportCommand),
    /// Add a deterministic synthetic graph of providers, programs, courses and opportunities.
    Generate(ler_registry::generate::GenerateArgs),
}

#[tokio::main]
async fn main() -> ExitCode {
    telemetry::init();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Serve(args) => serve(args).await,
        Command::Seed { neo4j, seeds_dir, quiet } => run_seed(neo4j, seeds_dir, quiet).await,
        Command::Ingest(command) => ler_registry::catalog::cli::run(command).await,
        Command::Export(command) => ler_registry::mobility::export::run(command).await,
        Command::Generate(args) => ler_registry::generate::run(args).await,
        Command::Schema => {
            print!("{}", graphql::sdl());
            Ok(())
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!(error = format!("{error:#}"), "command failed");
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run_seed(neo4j: Neo4jArgs, seeds_dir: PathBuf, quiet: bool) -> anyhow::Result<()> {
    let graph = Graph::connect(&neo4j.settings()).await?;
    let summary = seed::run(&graph, &seeds_dir, !quiet).await?;
    seed::print_summary(&summary);
    Ok(())
}

async fn serve(args: ServeArgs) -> anyhow::Result<()> {
    let graph = Graph::connect(&args.neo4j.settings()).await?;
    tracing::info!(neo4j.uri = graph.uri(), "connected to Neo4j");
    migrate::apply_schema(&graph).await?;
    if args.seed_if_empty && !seed::is_seeded(&graph).await? {
        tracing::info!(seeds.dir = %args.seeds_dir.display(), "graph is empty; seeding");
        let summary = seed::run(&graph, &args.seeds_dir, true).await?;
        seed::print_summary(&summary);
    }
    for count in seed::counts(&graph).await? {
        tracing::info!(name = count.name, count = count.count, "graph contents");
    }
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    let validator = match args.auth.config()? {
        Some(config) => {
            tracing::info!(jwt.algorithm = config.algorithm.as_str(), jwt.issuer = config.issuer, "bearer-token validation on");
            Some(ler_auth::Validator::new(config).await?)
        }
        None => {
            tracing::warn!("no LER_JWT_HS256_SECRET or LER_JWT_JWKS set: every request is anonymous and role-protected operations are rejected");
            None
        }
    };
    let cache = ler_registry::cache::Cache::new(args.cache.settings())?;
    let credentials = args.credentials.settings()?;
    if credentials.master_key.is_none() {
        tracing::warn!("no LER_CREDENTIALS_MASTER_KEY set: credential issuance is off, verification stays on");
    }
    let settings = http::AppSettings { limits: args.limits, validator, cache: Some(cache), credentials: Some(credentials) };
    let running = http::start(args.bind, graph, settings, workers)?;
    tracing::info!(url = format!("http://{}/graphql", running.addr), "serving GraphQL");
    let handle = running.server.handle();
    tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            tracing::info!("shutting down");
            handle.stop(true).await;
        }
    });
    running.server.await?;
    Ok(())
}

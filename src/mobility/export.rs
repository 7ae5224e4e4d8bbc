//! `ler-registry export mobility`: writes every occupation transition (RELATED_TO and
//! SIMILAR_TO) to CSV or JSON Lines for analysis outside the server.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use serde::{Deserialize, Serialize};

use super::paths::related_weight;
use crate::config::Neo4jArgs;
use crate::graph::{Graph, GraphError, Statement};

const EXPORT_COUNT: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/cypher/mobility/export_count.cypher"));
const EXPORT_PAGE: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/cypher/mobility/export_page.cypher"));

/// Source occupations read per page.
const PAGE_OCCUPATIONS: i64 = 100;

#[derive(Subcommand)]
pub enum ExportCommand {
    /// Write every occupation transition with its kind, weight and wage gain.
    Mobility(MobilityExportArgs),
}

#[derive(Args)]
pub struct MobilityExportArgs {
    /// Output format.
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// File to write. It is written under a temporary name and renamed when complete.
    #[arg(long)]
    pub out: PathBuf,
    /// Hide the progress bar.
    #[arg(long)]
    pub quiet: bool,
    #[command(flatten)]
    pub neo4j: Neo4jArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Comma-separated values with a header row.
    Csv,
    /// One JSON object per line.
    Jsonl,
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("failed to write the export file {path}. Check that its folder exists and is writable")]
    Write { path: PathBuf, source: std::io::Error },
    #[error(transparent)]
    Graph(#[from] GraphError),
}

impl ExportError {
    pub fn code(&self) -> crate::error::ErrorCode {
        match self {
            Self::Write { .. } | Self::Graph(_) => crate::error::ErrorCode::Internal,
        }
    }
}

/// One exported transition. Field order is the CSV column order.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TransitionRecord {
    pub from: String,
    pub from_title: Option<String>,
    pub to: String,
    pub to_title: Option<String>,
    /// RELATED or SIMILAR.
    pub kind: &'static str,
    /// The hop weight `mobilityPaths` uses.
    pub weight: f64,
    pub tier: Option<String>,
    pub rank: Option<i64>,
    pub from_median_wage: Option<f64>,
    pub to_median_wage: Option<f64>,
    /// `to_median_wage - from_median_wage`, in US dollars per year.
    pub wage_gain: Option<f64>,
    pub method: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PageRow {
    from: String,
    from_title: Option<String>,
    from_median_wage: Option<f64>,
    to: Option<String>,
    to_title: Option<String>,
    to_median_wage: Option<f64>,
    kind: Option<String>,
    score: Option<f64>,
    tier: Option<String>,
    rank: Option<i64>,
    method: Option<String>,
}

fn to_record(row: PageRow) -> Option<TransitionRecord> {
    let (kind, weight) = match row.kind.as_deref()? {
        "RELATED_TO" => ("RELATED", related_weight(row.rank.unwrap_or(1))),
        "SIMILAR_TO" => ("SIMILAR", row.score?),
        _ => return None,
    };
    let wage_gain = match (row.from_median_wage, row.to_median_wage) {
        (Some(from), Some(to)) => Some(to - from),
        _ => None,
    };
    Some(TransitionRecord {
        from: row.from,
        from_title: row.from_title,
        to: row.to?,
        to_title: row.to_title,
        kind,
        weight,
        tier: row.tier,
        rank: row.rank,
        from_median_wage: row.from_median_wage,
        to_median_wage: row.to_median_wage,
        wage_gain,
        method: row.method,
    })
}

/// Writes transitions in one of the two formats.
pub struct RecordWriter<W: Write> {
    format: ExportFormat,
    csv: Option<csv::Writer<W>>,
    plain: Option<W>,
}

impl<W: Write> RecordWriter<W> {
    pub fn new(format: ExportFormat, inner: W) -> Self {
        match format {
            ExportFormat::Csv => Self { format, csv: Some(csv::Writer::from_writer(inner)), plain: None },
            ExportFormat::Jsonl => Self { format, csv: None, plain: Some(inner) },
        }
    }

    pub fn write(&mut self, record: &TransitionRecord) -> std::io::Result<()> {
        match (self.format, &mut self.csv, &mut self.plain) {
            (ExportFormat::Csv, Some(writer), _) => writer.serialize(record).map_err(std::io::Error::other),
            (ExportFormat::Jsonl, _, Some(writer)) => {
                serde_json::to_writer(&mut *writer, record)?;
                writer.write_all(b"\n")
            }
            _ => unreachable!("the writer matching the format is always set"),
        }
    }

    /// Flushes and returns the inner writer.
    pub fn finish(self) -> std::io::Result<W> {
        match (self.csv, self.plain) {
            (Some(writer), _) => writer.into_inner().map_err(|e| e.into_error()),
            (_, Some(mut writer)) => {
                writer.flush()?;
                Ok(writer)
            }
            _ => unreachable!("the writer matching the format is always set"),
        }
    }
}

/// Streams every transition into `out` page by page, and returns the number written.
pub async fn export_mobility(graph: &Graph, format: ExportFormat, out: &Path, show_progress: bool) -> Result<u64, ExportError> {
    #[derive(Deserialize)]
    struct Total {
        total: i64,
    }
    let total: Option<Total> = graph.row(Statement::new("mobility_export_count", EXPORT_COUNT)).await?;
    let bar = progress_bar(total.map_or(0, |t| t.total).max(0) as u64, show_progress);

    let partial = out.with_extension("partial");
    let write_error = |source| ExportError::Write { path: out.to_path_buf(), source };
    let file = File::create(&partial).map_err(write_error)?;
    let mut writer = RecordWriter::new(format, BufWriter::new(file));
    let mut after = String::new();
    let mut written = 0u64;
    loop {
        let statement = Statement::new("mobility_export_page", EXPORT_PAGE).param("after", after.clone()).param("limit", PAGE_OCCUPATIONS);
        let rows: Vec<PageRow> = graph.rows(statement).await?;
        let Some(last) = rows.last() else { break };
        after = last.from.clone();
        for record in rows.into_iter().filter_map(to_record) {
            writer.write(&record).map_err(write_error)?;
            written += 1;
            bar.inc(1);
        }
    }
    writer.finish().map_err(write_error)?;
    std::fs::rename(&partial, out).map_err(write_error)?;
    bar.finish();
    Ok(written)
}

fn progress_bar(len: u64, visible: bool) -> ProgressBar {
    if !visible {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len);
    let style = ProgressStyle::with_template("transitions [{bar:40}] {pos}/{len} {elapsed}").expect("progress template is valid").progress_chars("=> ");
    bar.set_style(style);
    bar
}

/// Runs an export subcommand and prints what it wrote.
pub async fn run(command: ExportCommand) -> anyhow::Result<()> {
    let ExportCommand::Mobility(args) = command;
    let graph = Graph::connect(&args.neo4j.settings()).await?;
    let started = std::time::Instant::now();
    let written = export_mobility(&graph, args.format, &args.out, !args.quiet).await?;
    println!("Wrote {written} transitions to {} in {:.1} s", args.out.display(), started.elapsed().as_secs_f64());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> TransitionRecord {
        TransitionRecord {
            from: "51-4121.00".into(),
            from_title: Some("Welders, Cutters, Solderers, and Brazers".into()),
            to: "51-4122.00".into(),
            to_title: None,
            kind: "RELATED",
            weight: 1.0,
            tier: Some("Primary-Short".into()),
            rank: Some(1),
            from_median_wage: Some(51_000.0),
            to_median_wage: Some(48_500.0),
            wage_gain: Some(-2_500.0),
            method: None,
        }
    }

    #[test]
    fn csv_writer_quotes_titles_with_commas() {
        let mut writer = RecordWriter::new(ExportFormat::Csv, Vec::new());
        writer.write(&sample()).unwrap();
        let text = String::from_utf8(writer.finish().unwrap()).unwrap();
        let mut lines = text.lines();
        assert_eq!(lines.next().unwrap(), "from,from_title,to,to_title,kind,weight,tier,rank,from_median_wage,to_median_wage,wage_gain,method");
        assert_eq!(lines.next().unwrap(), "51-4121.00,\"Welders, Cutters, Solderers, and Brazers\",51-4122.00,,RELATED,1.0,Primary-Short,1,51000.0,48500.0,-2500.0,");
        assert!(lines.next().is_none());
    }

    #[test]
    fn jsonl_writer_writes_one_object_per_line() {
        let mut writer = RecordWriter::new(ExportFormat::Jsonl, Vec::new());
        writer.write(&sample()).unwrap();
        writer.write(&sample()).unwrap();
        let text = String::from_utf8(writer.finish().unwrap()).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2);
        let parsed: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
        assert_eq!(parsed["wage_gain"], -2500.0);
        assert_eq!(parsed["to_title"], serde_json::Value::Null);
    }

    #[test]
    fn page_row_without_edge_is_skipped() {
        let row = PageRow { from: "x".into(), from_title: None, from_median_wage: None, to: None, to_title: None, to_median_wage: None, kind: None, score: None, tier: None, rank: None, method: None };
        assert!(to_record(row).is_none());
    }
}

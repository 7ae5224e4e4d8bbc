//! Logging setup: human-readable by default, JSON with `LER_LOG_FORMAT=json`.

use tracing_subscriber::EnvFilter;

/// Installs the global subscriber. `RUST_LOG` sets the filter (default `info`).
pub fn init() {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,neo4rs=warn"));
    let json = std::env::var("LER_LOG_FORMAT").is_ok_and(|v| v == "json");
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_target(false);
    let result = if json { builder.json().try_init() } else { builder.try_init() };
    // A second init (as in tests) keeps the first subscriber.
    drop(result);
}

#!/usr/bin/env bash
# Runs the registry on the seeded real data: starts the local Neo4j, builds the server,
# seeds the graph on first run and serves GraphQL at http://127.0.0.1:8080/graphql.
#
# Settings (environment): LER_BIND (default 127.0.0.1:8080), NEO4J_PORT (default 7687),
# LER_BUILD_PROFILE (release or dev, default release). Stop with Ctrl-C; the local Neo4j
# keeps running until `scripts/neo4j.sh stop`.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"
command -v cargo >/dev/null || { echo "run.sh: cargo is required; install Rust from https://rustup.rs" >&2; exit 1; }

PORT="${NEO4J_PORT:-7687}"
PROFILE="${LER_BUILD_PROFILE:-release}"
NEO4J_PORT="$PORT" scripts/neo4j.sh start

echo "run.sh: building the server ($PROFILE profile; the first build takes several minutes)..."
cargo build --profile "$PROFILE" --bin ler-registry
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
BIN="$TARGET_DIR/$([[ "$PROFILE" == dev ]] && echo debug || echo "$PROFILE")/ler-registry"

export LER_NEO4J_URI="bolt://127.0.0.1:$PORT"
exec "$BIN" serve --seeds-dir "$ROOT/seeds"

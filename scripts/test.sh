#!/usr/bin/env bash
# Runs the whole test suite against a real Neo4j and a real Redis that this script
# installs, starts and stops itself. Called by .ci/run.
#
# Settings (environment): LER_TEST_NEO4J_PORT (default 7688), LER_TEST_REDIS_PORT
# (default 6390), LER_TEST_KEEP=1 keeps both servers running afterwards.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"

NEO4J_TEST_PORT="${LER_TEST_NEO4J_PORT:-7688}"
REDIS_TEST_PORT="${LER_TEST_REDIS_PORT:-6390}"
TEST_DATA="$ROOT/.local/test"
started=$(date +%s)

step() { echo; echo "== test.sh: $* ($(( $(date +%s) - started ))s)"; }
fail() { echo "test.sh: $*" >&2; exit 1; }

command -v cargo >/dev/null || fail "cargo is required; install Rust from https://rustup.rs"

# The debug build, Neo4j and the npm packages take about 10 GB (measured on this project). A
# full disk fails them midway with errors far from the cause, so warn before the build starts.
free_gb=$(( $(df -Pk "$ROOT" | awk 'NR == 2 {print $4}') / 1024 / 1024 ))
if (( free_gb < 12 )); then
  echo "test.sh: warning: only ${free_gb} GB free on the disk of $ROOT, and the build, Neo4j and npm need about 10 GB. Free space first, for example with cargo clean." >&2
fi

install_redis() {
  command -v redis-server >/dev/null && return
  step "installing redis-server from Debian"
  [[ "$(id -u)" == 0 ]] || fail "redis-server is missing and installing it needs root: apt-get install -y redis-server"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
}

stop_services() {
  [[ "${LER_TEST_KEEP:-0}" == 1 ]] && return
  NEO4J_PORT="$NEO4J_TEST_PORT" NEO4J_DATA="$TEST_DATA/neo4j" scripts/neo4j.sh stop >/dev/null 2>&1 || true
  redis-cli -p "$REDIS_TEST_PORT" shutdown nosave >/dev/null 2>&1 || true
}
trap stop_services EXIT

install_redis
step "starting Redis on 127.0.0.1:$REDIS_TEST_PORT"
redis-cli -p "$REDIS_TEST_PORT" shutdown nosave >/dev/null 2>&1 || true
redis-server --port "$REDIS_TEST_PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
  --logfile "$ROOT/.local/redis-test.log" --dir "$ROOT/.local" >/dev/null 2>&1 \
  || { mkdir -p "$ROOT/.local" && redis-server --port "$REDIS_TEST_PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes --logfile "$ROOT/.local/redis-test.log" --dir "$ROOT/.local"; }

step "starting a fresh Neo4j on 127.0.0.1:$NEO4J_TEST_PORT"
NEO4J_PORT="$NEO4J_TEST_PORT" NEO4J_DATA="$TEST_DATA/neo4j" scripts/neo4j.sh stop >/dev/null 2>&1 || true
rm -rf "$TEST_DATA/neo4j"
NEO4J_PORT="$NEO4J_TEST_PORT" NEO4J_DATA="$TEST_DATA/neo4j" NEO4J_HEAP=1g scripts/neo4j.sh start &
neo4j_pid=$!

step "building the workspace, its tests and examples"
cargo build --workspace --tests --bins --examples
wait "$neo4j_pid" || fail "Neo4j did not start; see $TEST_DATA/neo4j/launcher.log"

export LER_TEST_NEO4J_URI="bolt://127.0.0.1:$NEO4J_TEST_PORT"
export LER_TEST_REDIS_URL="redis://127.0.0.1:$REDIS_TEST_PORT"
step "seeding the test graph from seeds/"
"${CARGO_TARGET_DIR:-target}/debug/ler-registry" seed --quiet --neo4j-uri "$LER_TEST_NEO4J_URI" --seeds-dir "$ROOT/seeds"

# Every stage runs even when an earlier one fails, so one run reports all failures.
failed=()
run_stage() {
  local name="$1"
  shift
  step "$name"
  "$@" || failed+=("$name")
}

run_stage "running cargo test" cargo test --workspace --no-fail-fast -- --test-threads=4
run_stage "running the federation and GraphQL-over-HTTP checks" scripts/federation-check.sh
run_stage "running the independent credential verifiers (Python)" tests/peers/credentials/run.sh "$ROOT/.local/peer-venv"

if (( ${#failed[@]} > 0 )); then
  step "failed stages: ${failed[*]}"
  exit 1
fi
step "done: every stage passed"

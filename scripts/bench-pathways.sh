#!/usr/bin/env bash
# Measures p50 and p95 latency of mobilityPaths, stackability and fastestPathToEmployment
# against the seeded graph and against generated graphs of growing scale, and appends the
# results to docs/benchmarks.md. A benchmark, not a test: it asserts nothing.
#
# Everything runs on 127.0.0.1: the script starts its own Neo4j and its own server and stops
# both when it ends. It grows one graph: seed, measure, generate up to the first scale,
# measure, extend to the next scale, measure, and so on.
#
# Settings (environment):
#   BENCH_SCALES        generated providers per step, ascending (default "1000 4000 17500")
#   BENCH_SEED          generator seed (default 1)
#   BENCH_REQUESTS      timed requests per query and step (default 40, after 5 warm-up requests)
#   BENCH_NEO4J_PORT    Bolt port of the benchmark Neo4j (default 7722)
#   BENCH_HTTP_PORT     port of the benchmark server (default 18722)
#   BENCH_DATA          data folder of the benchmark Neo4j (default .local/bench/neo4j)
#   BENCH_FRESH=1       delete BENCH_DATA first, so the graph starts empty
#   NEO4J_HEAP          JVM heap of the benchmark Neo4j (default 3g)
#   NEO4J_PAGECACHE_MB  page cache of the benchmark Neo4j in MB (default 2048)
#   LER_BIN             server binary (default: release build, built when missing)
#   BENCH_OUT           file the results are appended to (default docs/benchmarks.md)
#   BENCH_FASTEST_FIELDS  selection and arguments for fastestPathToEmployment, with $CODE for
#                       the SOC code (default: 'fastestPathToEmployment(input: {occupation: "$CODE", k: 3})
#                       { reason pathways { totalWeeks totalCostUsd steps { id weeks costUsd } } }')
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"

SCALES="${BENCH_SCALES:-1000 4000 17500}"
SEED="${BENCH_SEED:-1}"
REQUESTS="${BENCH_REQUESTS:-40}"
WARMUP=5
NEO4J_PORT_BENCH="${BENCH_NEO4J_PORT:-7722}"
HTTP_PORT="${BENCH_HTTP_PORT:-18722}"
DATA="${BENCH_DATA:-$ROOT/.local/bench/neo4j}"
HEAP="${NEO4J_HEAP:-3g}"
PAGECACHE_MB="${NEO4J_PAGECACHE_MB:-2048}"
OUT="${BENCH_OUT:-$ROOT/docs/benchmarks.md}"
# Kept in its own variable: the braces of the selection would end a ${...:-default} early.
DEFAULT_FASTEST='fastestPathToEmployment(input: {occupation: "$CODE", k: 3}) { reason pathways { totalWeeks totalCostUsd steps { id weeks costUsd } } }'
FASTEST_FIELDS="${BENCH_FASTEST_FIELDS:-$DEFAULT_FASTEST}"
URI="bolt://127.0.0.1:$NEO4J_PORT_BENCH"
URL="http://127.0.0.1:$HTTP_PORT/graphql"
WORK="$(mktemp -d)"
SERVER_PID=""

# Real SOC codes the mobility and fastest-path queries start from, across major groups.
CODES=(51-4121 29-1141 15-1252 47-2111 49-3023 43-4051 53-3032 11-9111 25-2021 35-2014)

fail() { echo "bench-pathways.sh: $*" >&2; exit 1; }
step() { echo "== bench-pathways.sh: $*" >&2; }

stop_all() {
  [[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  NEO4J_PORT="$NEO4J_PORT_BENCH" NEO4J_DATA="$DATA" scripts/neo4j.sh stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap stop_all EXIT

command -v curl >/dev/null || fail "curl is required: apt-get install -y curl"
command -v jq >/dev/null || fail "jq is required: apt-get install -y jq"

if [[ -z "${LER_BIN:-}" ]]; then
  TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
  LER_BIN="$TARGET/release/ler-registry"
  if [[ ! -x "$LER_BIN" ]]; then
    step "building the release binary"
    cargo build --release --bin ler-registry
  fi
fi
[[ -x "$LER_BIN" ]] || fail "no server binary at $LER_BIN; build it with cargo build --release --bin ler-registry or set LER_BIN"

if [[ "${BENCH_FRESH:-0}" == 1 ]]; then
  NEO4J_PORT="$NEO4J_PORT_BENCH" NEO4J_DATA="$DATA" scripts/neo4j.sh stop >/dev/null 2>&1 || true
  rm -rf "$DATA"
fi
step "starting Neo4j on $URI (heap $HEAP, page cache $PAGECACHE_MB MB)"
NEO4J_PORT="$NEO4J_PORT_BENCH" NEO4J_DATA="$DATA" NEO4J_HEAP="$HEAP" NEO4J_PAGECACHE_MB="$PAGECACHE_MB" scripts/neo4j.sh start >&2

# Prints "nodes relationships" from a `seed` or `generate` count table on standard input:
# labels are CamelCase, relationship types are UPPER_SNAKE_CASE.
sum_counts() {
  awk '/^Nodes by label/ { on = 1; next } /^Codes by system/ { on = 0 }
       on && /^  [A-Za-z_]+ +[0-9]+$/ { if ($1 ~ /^[A-Z_]+$/) rels += $2; else nodes += $2 }
       END { print nodes + 0, rels + 0 }'
}

start_server() {
  LER_RATE_LIMIT=100000000 "$LER_BIN" serve --bind "127.0.0.1:$HTTP_PORT" --neo4j-uri "$URI" --seed-if-empty false \
    >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  # The server counts the whole graph before it listens, which takes a while at scale.
  for _ in $(seq 1 600); do
    curl -fsS -o /dev/null -H 'content-type: application/json' -d '{"query":"{ __typename }"}' "$URL" 2>/dev/null && return
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -20 "$WORK/server.log" >&2; fail "the server exited during startup"; }
    sleep 1
  done
  fail "the server did not answer on $URL within 600 s; see $WORK/server.log"
}

stop_server() {
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

# Sends one query and prints "milliseconds<TAB>x-cache<TAB>first error message or ok".
# Each request gets a unique alias, so the response cache never serves it.
timed_request() {
  local body="$1"
  local result
  result="$(curl -sS -o "$WORK/response.json" -D "$WORK/headers.txt" -w '%{time_total}' \
    -H 'content-type: application/json' --data-binary "$body" "$URL")"
  local cache
  cache="$(tr -d '\r' <"$WORK/headers.txt" | awk -F': ' 'tolower($1) == "x-cache" { print $2 }')"
  local error
  error="$(jq -r '.errors[0].message // "ok"' "$WORK/response.json" 2>/dev/null || echo "response is not JSON")"
  awk -v s="$result" -v c="${cache:-none}" -v e="$error" 'BEGIN { printf "%.2f\t%s\t%s\n", s * 1000, c, e }'
}

# Runs WARMUP + REQUESTS requests of one kind and prints "p50 p95 errors hits".
measure() {
  local kind="$1"; shift
  local items=("$@")
  local samples="$WORK/samples.txt"
  : >"$samples"
  local n=0 errors=0 hits=0 first_error=""
  for i in $(seq 1 $((WARMUP + REQUESTS))); do
    local item="${items[$(( i % ${#items[@]} ))]}"
    local alias="q${RANDOM}${i}"
    local selection
    case "$kind" in
      mobility2) selection="$alias: mobilityPaths(from: \"$item\", maxHops: 2, first: 20) { score wageGain occupations { code title medianAnnualWage } hops { kind weight } }" ;;
      mobility3) selection="$alias: mobilityPaths(from: \"$item\", maxHops: 3, first: 20) { score wageGain occupations { code title medianAnnualWage } hops { kind weight } }" ;;
      stackability) selection="$alias: stackability(programId: \"$item\") { program { id stage } up { id hops derivation occupations { code } } down { id hops } }" ;;
      fastest) selection="$alias: ${FASTEST_FIELDS//\$CODE/$item}" ;;
    esac
    local body
    body="$(jq -cn --arg q "{ $selection }" '{query: $q}')"
    local line
    line="$(timed_request "$body")"
    (( i <= WARMUP )) && continue
    local ms cache message
    IFS=$'\t' read -r ms cache message <<<"$line"
    echo "$ms" >>"$samples"
    [[ "$cache" == HIT ]] && hits=$((hits + 1))
    if [[ "$message" != ok ]]; then
      errors=$((errors + 1))
      [[ -z "$first_error" ]] && first_error="$message"
    fi
    n=$((n + 1))
  done
  [[ -n "$first_error" ]] && step "$kind: first error: $first_error"
  sort -n "$samples" | awk -v errors="$errors" -v hits="$hits" '{ v[NR] = $1 } END {
    p50 = v[int((NR - 1) * 0.50) + 1]; p95 = v[int((NR - 1) * 0.95) + 1];
    printf "%s %s %d %d\n", p50, p95, errors, hits }'
}

has_field() {
  curl -sS -H 'content-type: application/json' -d '{"query":"{ __schema { queryType { fields { name } } } }"}' "$URL" \
    | jq -e --arg name "$1" '.data.__schema.queryType.fields | map(.name) | index($name) != null' >/dev/null
}

# Program ids for stackability: the first 10 programs by id, then 10 generated ones spread
# across the generated providers.
program_ids() {
  local scale="$1"
  local ids=()
  local seeded
  seeded="$(curl -sS -H 'content-type: application/json' -d '{"query":"{ programs(first: 100) { edges { node { id } } } }"}' "$URL" \
    | jq -r '.data.programs.edges[].node.id' | sed 's/^Program://' | head -10)"
  while read -r id; do [[ -n "$id" ]] && ids+=("$id"); done <<<"$seeded"
  if (( scale > 0 )); then
    for k in $(seq 0 9); do ids+=("gen-$SEED-prv-$(( k * scale / 10 ))-prg-$(( k % 10 ))"); done
  fi
  printf '%s\n' "${ids[@]}"
}

ROWS="$WORK/rows.md"
: >"$ROWS"

bench_step() {
  local label="$1" scale="$2" nodes="$3" rels="$4"
  start_server
  local programs=()
  while read -r id; do programs+=("$id"); done < <(program_ids "$scale")
  for kind in mobility2 mobility3 stackability fastest; do
    local name items result
    case "$kind" in
      mobility2) name="mobilityPaths, maxHops 2"; items=("${CODES[@]}") ;;
      mobility3) name="mobilityPaths, maxHops 3"; items=("${CODES[@]}") ;;
      stackability) name="stackability"; items=("${programs[@]}") ;;
      fastest) name="fastestPathToEmployment"; items=("${CODES[@]}") ;;
    esac
    if [[ "$kind" == fastest ]] && ! has_field fastestPathToEmployment; then
      echo "| $label | $nodes | $rels | $name | not available | not available | |" >>"$ROWS"
      continue
    fi
    step "$label: measuring $name"
    read -r p50 p95 errors hits <<<"$(measure "$kind" "${items[@]}")"
    local note=""
    (( errors > 0 )) && note="$errors of $REQUESTS requests returned errors"
    (( hits > 0 )) && note="$note $hits cache hits"
    echo "| $label | $nodes | $rels | $name | $p50 | $p95 | $note |" >>"$ROWS"
  done
  stop_server
}

step "seeding (idempotent)"
read -r nodes rels <<<"$("$LER_BIN" seed --quiet --neo4j-uri "$URI" --seeds-dir "$ROOT/seeds" | sum_counts)"
bench_step "seeded" 0 "$nodes" "$rels"

previous=0
for scale in $SCALES; do
  step "generating providers $previous..$scale (seed $SEED)"
  started=$(date +%s)
  read -r nodes rels <<<"$("$LER_BIN" generate --quiet --first-provider "$previous" --scale "$scale" --seed "$SEED" --neo4j-uri "$URI" | sum_counts)"
  step "generated in $(( $(date +%s) - started )) s: $nodes nodes, $rels relationships"
  bench_step "generated, scale $scale" "$scale" "$nodes" "$rels"
  previous=$scale
done

CPU="$(lscpu 2>/dev/null | awk -F: '/Model name/ { gsub(/^ +/, "", $2); print $2; exit }')"
MEMORY="$(free -g | awk '/^Mem:/ { print $2 " GB" }')"
{
  echo
  echo "## Pathway query latency ($(date -u +%Y-%m-%d))"
  echo
  echo "Command: \`BENCH_SCALES=\"$SCALES\" BENCH_SEED=$SEED BENCH_REQUESTS=$REQUESTS scripts/bench-pathways.sh\`."
  echo "Machine: $(nproc) cores ($CPU), $MEMORY memory, shared with other work while it ran."
  echo "Neo4j 5.26 Community with a $HEAP heap and a $PAGECACHE_MB MB page cache, and a release"
  echo "build of the server. One client sends requests one at a time over loopback with curl:"
  echo "$REQUESTS timed requests per row after $WARMUP warm-up requests. Each request has a unique"
  echo "alias, so the response cache never serves it. Latency is curl's \`time_total\` in ms."
  echo
  echo "| Graph | Nodes | Relationships | Query | p50 ms | p95 ms | Notes |"
  echo "|---|---|---|---|---|---|---|"
  cat "$ROWS"
} | tee -a "$OUT"

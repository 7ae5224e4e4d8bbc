#!/usr/bin/env bash
# Checks this server as an Apollo Federation v2 subgraph and as a GraphQL-over-HTTP server:
# composes its SDL with the sample state subgraph in tests/federation/, queries both through
# Hive Gateway, and runs the graphql-http server audit. Everything listens on 127.0.0.1.
# Closes with "N passed, M failed" and exits non-zero on any failure.
#
# Needs: Node.js 20 or newer with npm, a seeded Neo4j at LER_TEST_NEO4J_URI, and the built
# server binary (built here when missing).
# Settings (environment): LER_TEST_NEO4J_URI (required) and CARGO_TARGET_DIR (where the
# binary is, default target/). LER_FEDERATION_PORT_BASE sets the server's port, and the
# state subgraph and the gateway take the next two. Without it, each takes a free port.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CHECK_DIR="$ROOT/tests/federation"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
BINARY="$TARGET_DIR/debug/ler-registry"

fail() { echo "federation-check.sh: $*" >&2; echo "0 passed, 1 failed"; exit 1; }

[[ -n "${LER_TEST_NEO4J_URI:-}" ]] || fail "LER_TEST_NEO4J_URI is not set. Point it at a seeded Neo4j, for example bolt://127.0.0.1:7688 (scripts/test.sh sets it)."
command -v node >/dev/null || fail "node is not on PATH. Install Node.js 20 or newer (apt-get install -y nodejs npm)."
command -v npm >/dev/null || fail "npm is not on PATH. Install it with: apt-get install -y npm"

# npm ci takes minutes, so it runs only when a package-lock.json changed since its last install.
install_packages() {
  local dir="$1" lock_sum stamp
  lock_sum="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
  stamp="$dir/node_modules/.installed-lock-sha256"
  [[ "$(cat "$stamp" 2>/dev/null)" == "$lock_sum" ]] && return
  echo "federation-check.sh: installing npm packages in $dir from package-lock.json"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) || fail "npm ci failed in $dir; see the npm output above."
  echo "$lock_sum" > "$stamp"
}
install_packages "$CHECK_DIR"
install_packages "$ROOT/docker/gateway"

if [[ ! -x "$BINARY" ]]; then
  echo "federation-check.sh: building $BINARY"
  (cd "$ROOT" && cargo build --bin ler-registry) || fail "cargo build failed; see the output above."
fi

free_port() {
  node -e "const s = require('net').createServer(); s.listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); });"
}
if [[ -n "${LER_FEDERATION_PORT_BASE:-}" ]]; then
  registry_port="$LER_FEDERATION_PORT_BASE"
  state_port=$((LER_FEDERATION_PORT_BASE + 1))
  gateway_port=$((LER_FEDERATION_PORT_BASE + 2))
else
  registry_port="$(free_port)"
  state_port="$(free_port)"
  gateway_port="$(free_port)"
fi

log="$(mktemp -t ler-federation-server.XXXXXX.log)"
# Authentication stays off so the audit and the gateway run as anonymous callers.
env -u LER_JWT_HS256_SECRET -u LER_JWT_JWKS "$BINARY" serve \
  --bind "127.0.0.1:$registry_port" --neo4j-uri "$LER_TEST_NEO4J_URI" --seed-if-empty false \
  >"$log" 2>&1 &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null || true' EXIT

registry_url="http://127.0.0.1:$registry_port/graphql"
for _ in $(seq 1 120); do
  if curl -fsS -o /dev/null "http://127.0.0.1:$registry_port/health/live" 2>/dev/null; then
    break
  fi
  kill -0 "$server_pid" 2>/dev/null || { cat "$log" >&2; fail "the server exited during start; its log is above."; }
  sleep 0.5
done
curl -fsS -o /dev/null "http://127.0.0.1:$registry_port/health/live" || { cat "$log" >&2; fail "the server did not respond on port $registry_port within 60 seconds."; }

node "$CHECK_DIR/check.mjs" "$registry_url" "$state_port" "$gateway_port"

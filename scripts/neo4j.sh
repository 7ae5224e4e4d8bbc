#!/usr/bin/env bash
# Starts, stops or checks the local Neo4j 5.26 Community used for development and tests.
#
#   scripts/neo4j.sh start    resolve the classpath from Maven Central, start, wait for Bolt
#   scripts/neo4j.sh stop     stop the instance started from this checkout
#   scripts/neo4j.sh status   exit 0 when the instance answers on its port
#
# Settings (environment): NEO4J_PORT (default 7687), NEO4J_DATA (default .local/neo4j/PORT),
# NEO4J_HEAP (JVM -Xmx, default 2g), NEO4J_PAGECACHE_MB (default 512),
# NEO4J_START_TIMEOUT (seconds, default 180).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORT="${NEO4J_PORT:-7687}"
DATA="${NEO4J_DATA:-$ROOT/.local/neo4j/$PORT}"
HEAP="${NEO4J_HEAP:-2g}"
PAGECACHE_MB="${NEO4J_PAGECACHE_MB:-512}"
TIMEOUT="${NEO4J_START_TIMEOUT:-180}"
PIDFILE="$DATA/launcher.pid"
LOG="$DATA/launcher.log"
CLASSPATH_FILE="$ROOT/.local/neo4j-classpath.txt"

fail() { echo "neo4j.sh: $*" >&2; exit 1; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; }

require_tools() {
  command -v java >/dev/null || fail "Java 17 or newer is required but 'java' is not on PATH. Install it with: apt-get install -y openjdk-17-jre-headless"
  command -v mvn >/dev/null || fail "Maven is required to fetch Neo4j from Maven Central but 'mvn' is not on PATH. Install it with: apt-get install -y maven"
  local major
  major="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = //p')"
  [[ "${major%%.*}" -ge 17 ]] || fail "Java 17 or newer is required, found Java $major."
}

resolve_classpath() {
  if [[ -s "$CLASSPATH_FILE" && "$CLASSPATH_FILE" -nt "$ROOT/neo4j-local/pom.xml" ]]; then
    return
  fi
  mkdir -p "$(dirname "$CLASSPATH_FILE")"
  echo "neo4j.sh: resolving Neo4j from Maven Central (first run only)..."
  mvn -q -B -f "$ROOT/neo4j-local/pom.xml" dependency:build-classpath \
      -Dmdep.outputFile="$CLASSPATH_FILE" >"$ROOT/.local/mvn.log" 2>&1 \
    || fail "Maven could not resolve org.neo4j:neo4j; see $ROOT/.local/mvn.log"
}

start() {
  require_tools
  if [[ -f "$PIDFILE" ]] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null && port_open; then
    echo "neo4j.sh: already running on bolt://127.0.0.1:$PORT (pid $(cat "$PIDFILE"))"
    return
  fi
  port_open && fail "port $PORT is already in use by another process; set NEO4J_PORT to a free port."
  resolve_classpath
  mkdir -p "$DATA"
  nohup java -Xmx"$HEAP" -XX:+UseG1GC -cp "$(cat "$CLASSPATH_FILE")" \
      "$ROOT/neo4j-local/Launcher.java" "$DATA/db" "$PORT" "$PAGECACHE_MB" >"$LOG" 2>&1 &
  echo $! >"$PIDFILE"
  local waited=0
  until grep -q '^READY' "$LOG" 2>/dev/null && port_open; do
    kill -0 "$(cat "$PIDFILE")" 2>/dev/null || { tail -20 "$LOG" >&2; fail "Neo4j exited during startup; log: $LOG"; }
    (( waited >= TIMEOUT )) && { tail -20 "$LOG" >&2; fail "Neo4j did not accept Bolt connections within ${TIMEOUT}s; log: $LOG"; }
    sleep 1; waited=$((waited + 1))
  done
  echo "neo4j.sh: Neo4j 5.26 ready on bolt://127.0.0.1:$PORT after ${waited}s (data in $DATA)"
}

stop() {
  [[ -f "$PIDFILE" ]] || { echo "neo4j.sh: no instance recorded in $DATA"; return; }
  local pid; pid="$(cat "$PIDFILE")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  fi
  rm -f "$PIDFILE"
  echo "neo4j.sh: stopped the instance on port $PORT"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) port_open ;;
  *) fail "usage: scripts/neo4j.sh start|stop|status" ;;
esac

#!/usr/bin/env bash
# Issues credentials with the Rust crate and checks them with the Python verifiers.
# Usage: tests/peers/credentials/run.sh [venv-folder]   (run from the repository root)
set -euo pipefail

venv="${1:-${TMPDIR:-/tmp}/ler-credentials-peer-venv}"
fixtures="$(mktemp -d)"
trap 'rm -rf "$fixtures"' EXIT

if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv" || { echo "run.sh: python3 -m venv failed; install it with: apt-get install -y python3-venv" >&2; exit 1; }
fi
"$venv/bin/pip" install --quiet -r tests/peers/credentials/requirements.txt
# Building the whole workspace's examples keeps the features that scripts/test.sh built
# with, so nothing recompiles there; `cargo run -p` would resolve other features.
cargo build --quiet --workspace --examples
"${CARGO_TARGET_DIR:-target}/debug/examples/write_peer_fixtures" "$fixtures"
"$venv/bin/python" tests/peers/credentials/verify_credentials.py "$fixtures"

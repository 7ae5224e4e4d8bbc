#!/usr/bin/env bash
# Issues credentials with the Rust crate and checks them with the Python verifiers.
# Usage: tests/peers/credentials/run.sh [venv-folder]   (run from the repository root)
set -euo pipefail

venv="${1:-${TMPDIR:-/tmp}/ler-credentials-peer-venv}"
fixtures="$(mktemp -d)"
trap 'rm -rf "$fixtures"' EXIT

if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet -r tests/peers/credentials/requirements.txt
cargo run --quiet -p ler-credentials --example write_peer_fixtures -- "$fixtures"
"$venv/bin/python" tests/peers/credentials/verify_credentials.py "$fixtures"

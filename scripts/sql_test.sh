#!/usr/bin/env bash
# Differential test of the SQL export: generates seeded scorecards and accounts, runs each
# exported query in a throwaway PostgreSQL and in DuckDB, and compares every account with
# the core's own scores (1e-9; bands, grades and missing lists exactly). Prints cargo's
# closing-line format, which scripts/test.sh counts. SQL_CASES and SQL_SEED override.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup_sql.sh
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/healthscore/target}"
CASES="${SQL_CASES:-300}"
SEED="${SQL_SEED:-20261128}"

ensure_postgres
ensure_duckdb

WORK="$(mktemp -d)"
PG_DIR="$(mktemp -d)"
trap 'stop_postgres "$PG_DIR"; rm -rf "$WORK" "$PG_DIR"' EXIT

say "generating $CASES SQL cases (seed $SEED)"
cargo run -q -p healthscore-cli --locked --example sql_cases -- --out "$WORK/cases" --seed "$SEED" --cases "$CASES"

say "starting a throwaway PostgreSQL in $PG_DIR"
start_postgres "$PG_DIR"

say "running every case in PostgreSQL and DuckDB"
"$SQL_VENV/bin/python" scripts/sql_differential.py "$WORK/cases" --pg-host "$PG_DIR"

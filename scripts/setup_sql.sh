#!/usr/bin/env bash
# Installs what the SQL differential test needs and is missing: Debian's PostgreSQL
# server and client, and DuckDB (PyPI) in a venv under ~/.cache/healthscore. Seconds
# when all is there. Sourced by scripts/sql_test.sh and benches/cli_vs_duckdb.sh.
set -euo pipefail

DUCKDB_VERSION="2.0.1"
SQL_VENV="$HOME/.cache/healthscore/venv-sql"

declare -F say >/dev/null || say() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }
declare -F as_root >/dev/null || as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# The newest installed PostgreSQL's bin directory (initdb, pg_ctl).
pg_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1
}

ensure_postgres() {
  if [ -n "$(pg_bin)" ] && [ -x "$(pg_bin)/initdb" ] && command -v psql >/dev/null; then return; fi
  say "installing Debian's postgresql (server and psql)"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql postgresql-client >/dev/null
}

ensure_duckdb() {
  if "$SQL_VENV/bin/python" -c "import duckdb, sys; sys.exit(duckdb.__version__ != '$DUCKDB_VERSION')" 2>/dev/null; then
    return
  fi
  say "installing duckdb $DUCKDB_VERSION from PyPI into $SQL_VENV"
  python3 -m venv "$SQL_VENV"
  "$SQL_VENV/bin/pip" install -q --disable-pip-version-check "duckdb==$DUCKDB_VERSION"
}

ensure_time() {
  if [ -x /usr/bin/time ]; then return; fi
  say "installing Debian's time (for peak memory)"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
}

# Starts a throwaway PostgreSQL in "$1" listening on a Unix socket there only; PostgreSQL
# refuses to run as root, so as root it runs as the postgres user. Stop it with stop_postgres.
start_postgres() {
  local dir="$1" run=()
  if [ "$(id -u)" = 0 ]; then
    chown postgres "$dir"
    run=(runuser -u postgres --)
  fi
  "${run[@]}" "$(pg_bin)/initdb" -D "$dir/data" -A trust -U postgres --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
  "${run[@]}" "$(pg_bin)/pg_ctl" -D "$dir/data" -o "-k $dir -c listen_addresses=''" -l "$dir/server.log" -w start >/dev/null
}

stop_postgres() {
  local dir="$1" run=()
  [ -d "$dir/data" ] || return 0
  if [ "$(id -u)" = 0 ]; then run=(runuser -u postgres --); fi
  "${run[@]}" "$(pg_bin)/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
}

#!/usr/bin/env bash
# Scores 1,000,000 accounts x 12 metrics (the DEAR template on the demo accounts, repeated)
# twice: with `healthscore score` (streaming, release build) and with DuckDB running the
# card's exported SQL over the same CSV read as text. Prints wall time and peak RSS of each
# (GNU time -v). ROWS overrides the row count.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup_sql.sh
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/healthscore/target}"
ROWS="${ROWS:-1000000}"
CARD=docs/examples/dear.json

ensure_duckdb
ensure_time

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

say "building healthscore (release)"
cargo build -q --release --locked -p healthscore-cli
BIN="$CARGO_TARGET_DIR/release/healthscore"

say "writing $ROWS accounts"
awk -v rows="$ROWS" 'NR == 1 { print; next } { line[n++] = $0 }
  END { for (i = 0; i < rows; i++) { l = line[i % n]; print "Account " i substr(l, index(l, ",")) } }' \
  core/src/templates/demo_accounts.csv > "$WORK/accounts.csv"
ls -l "$WORK/accounts.csv" | awk '{ printf "%.0f MB, ", $5 / 1e6 }'; wc -l < "$WORK/accounts.csv"
"$BIN" sql "$CARD" --dialect duckdb --table accounts > "$WORK/query.sql"

# Prints "<label>: wall S s, peak RSS N MB" from a GNU time -v log.
report() {
  awk -v label="$1" -F': ' '/Elapsed \(wall clock\)/ { wall = $2 } /Maximum resident/ { rss = $2 }
    END { n = split(wall, p, ":"); s = p[n] + (n > 1 ? p[n-1] * 60 : 0) + (n > 2 ? p[n-2] * 3600 : 0);
          printf "%s: wall %.2f s, peak RSS %.0f MB\n", label, s, rss / 1024 }' "$2"
}

say "healthscore score"
/usr/bin/time -v "$BIN" score "$CARD" "$WORK/accounts.csv" > "$WORK/scored.csv" 2> "$WORK/cli.time"
report "healthscore score (streaming CSV -> CSV)" "$WORK/cli.time"
echo "  rows written: $(( $(wc -l < "$WORK/scored.csv") - 1 ))"

say "DuckDB running the exported SQL"
cat > "$WORK/duck.py" <<'PY'
import sys, duckdb
work = sys.argv[1]
con = duckdb.connect()
con.execute(f"CREATE VIEW accounts AS SELECT * FROM read_csv('{work}/accounts.csv', header=true, all_varchar=true)")
query = open(f"{work}/query.sql").read()
con.execute(f"COPY ({query}) TO '{work}/duck.csv' (HEADER)")
PY
/usr/bin/time -v "$SQL_VENV/bin/python" "$WORK/duck.py" "$WORK" 2> "$WORK/duck.time"
report "DuckDB $("$SQL_VENV/bin/python" -c 'import duckdb; print(duckdb.__version__)') (exported SQL, read_csv all_varchar -> CSV)" "$WORK/duck.time"
echo "  rows written: $(( $(wc -l < "$WORK/duck.csv") - 1 ))"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo)"

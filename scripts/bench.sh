#!/usr/bin/env bash
# Builds the release app and measures it against its peers in one headless Chromium run:
# paste and file -> scores painted, per weight-slider event (plain, baseline pinned, account
# selected), a 60-event drag, memory, bundle size and cold load, next to PapaParse, a plain JS
# scoring loop and DuckDB-WASM on the same accounts (benches/harness, see its perf/perf.mjs).
#   scripts/bench.sh                      1,000 / 10,000 / 100,000 accounts, 3 repetitions
#   scripts/bench.sh 1000000 --peers=lite --reps=1   one size, PapaParse + JS loop only
#   BENCH_QUICK=1 scripts/bench.sh        1 repetition, fewer samples (a first look)
# Also runs benches/input-to-paint.mjs (slider input -> next frame at 1,000 and 10,000) and
# benches/responsiveness.mjs (a keystroke with 100,000 accounts; a 200-metric card imported)
# and benches/evidence.mjs (a slider event with the outcome marked, at 10,000 and 100,000).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup.sh
trunk build --release
node benches/input-to-paint.mjs dist
node benches/evidence.mjs dist

harness="$PWD/benches/harness"
for dir in "$harness" "$harness/peers"; do
  stamp="$dir/node_modules/.installed-lock"
  if ! { [ -f "$stamp" ] && cmp -s "$dir/package-lock.json" "$stamp"; }; then
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) && cp "$dir/package-lock.json" "$stamp"
  fi
done
args=("$@")
if [ ${#args[@]} -eq 0 ]; then args=(1000 10000 100000 --reps=3); fi
if [ -n "${BENCH_QUICK:-}" ]; then args+=(--reps=1 --samples=10 --traced=4 --loads=2); fi
out="${BENCH_OUT:-$PWD/target-bench.json}"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
python3 -m http.server --bind 127.0.0.1 "$port" --directory dist >/dev/null 2>&1 & server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
sleep 1
(cd "$harness/perf" && node perf.mjs "http://127.0.0.1:$port/" "${args[@]}" --out="$out" >/dev/null)
(cd "$harness/perf" && node summarize.mjs "$out")
node benches/responsiveness.mjs dist 100000

#!/usr/bin/env bash
# Runs every test: native core and CLI tests, the SQL export's differential test in
# PostgreSQL and DuckDB, component tests in headless Chromium,
# then Playwright end to end against the release build in dist/.
# Installs whatever is missing first; exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup.sh
LOG_DIR="$(mktemp -d)"
trap 'rm -rf "$LOG_DIR"' EXIT
start=$SECONDS

say "native tests: the domain core"
cargo test -p healthscore-core --locked 2>&1 | tee "$LOG_DIR/native.log"

say "native tests: the command-line scorer (healthscore-cli)"
cargo test -p healthscore-cli --locked 2>&1 | tee "$LOG_DIR/cli.log"

say "SQL export: differential test in PostgreSQL and DuckDB"
bash scripts/sql_test.sh 2>&1 | tee "$LOG_DIR/sql.log"

say "component tests in headless Chromium (wasm-bindgen-test)"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
CHROMEDRIVER=/usr/bin/chromedriver \
  cargo test -p healthscore --locked --target wasm32-unknown-unknown --tests 2>&1 | tee "$LOG_DIR/browser.log"

say "release build for the end-to-end tests"
trunk build --release

say "end-to-end tests: Playwright driving Debian's chromium"
(cd tests/e2e && npx playwright test) 2>&1 | tee "$LOG_DIR/e2e.log"

# One closing line over all the suites, in the form CI reads.
total() {
  local pattern="$1"; shift
  { grep -hoE "$pattern" "$@" || true; } | { grep -oE '^ *[0-9]+' || true; } | awk '{ n += $1 } END { print n + 0 }'
}
cargo_logs=("$LOG_DIR/native.log" "$LOG_DIR/cli.log" "$LOG_DIR/sql.log" "$LOG_DIR/browser.log")
passed=$(( $(total '[0-9]+ passed;' "${cargo_logs[@]}") + $(total '^ *[0-9]+ passed \(' "$LOG_DIR/e2e.log") ))
failed=$(( $(total '[0-9]+ failed;' "${cargo_logs[@]}") + $(total '^ *[0-9]+ failed' "$LOG_DIR/e2e.log") ))
say "all suites done in $(( SECONDS - start )) s"
echo "$passed passed, $failed failed"

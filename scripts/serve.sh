#!/usr/bin/env bash
# Builds the app (release) and serves it on 127.0.0.1 with the demo scorecard and accounts.
# Installs whatever is missing first. PORT=9000 scripts/serve.sh picks another port.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup.sh
PORT="${PORT:-8080}"
say "building and serving on http://127.0.0.1:$PORT/ (Ctrl+C stops)"
exec trunk serve --release --port "$PORT"

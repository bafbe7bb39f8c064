#!/usr/bin/env bash
# Builds the release app and prints the input-to-paint benchmark (benches/input-to-paint.mjs).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup.sh
trunk build --release
node benches/input-to-paint.mjs dist

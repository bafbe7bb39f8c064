#!/usr/bin/env bash
# Installs whatever the project needs and is missing; seconds when all is there.
# Sourced by serve.sh and test.sh: it also exports the environment they build in.
# Versions and the reasons behind each step: ../shared/TOOLCHAIN.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRUNK_VERSION="0.21.14"
# wasm-bindgen-cli must equal the wasm-bindgen that Cargo.lock pins, exactly.
WASM_BINDGEN_VERSION="$(grep -A1 '^name = "wasm-bindgen"$' "$ROOT/Cargo.lock" | sed -n 's/^version = "\(.*\)"$/\1/p')"

# Keep build output outside the clone so repeated CI runs on one machine start warm.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/healthscore/target}"
export PATH="$HOME/.cargo/bin:$ROOT/tests/e2e/node_modules/.bin:$PATH"
# Trunk must never download: no update check, no tool downloads.
export TRUNK_SKIP_VERSION_CHECK=true
export TRUNK_OFFLINE=true
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

say() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_wasm_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
}

ensure_chromium() {
  if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then return; fi
  say "installing Debian's chromium and chromium-driver"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
}

ensure_trunk() {
  if trunk --version 2>/dev/null | grep -q "trunk $TRUNK_VERSION"; then return; fi
  say "building trunk $TRUNK_VERSION from crates.io (about 6 minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
}

ensure_wasm_bindgen() {
  if wasm-bindgen --version 2>/dev/null | grep -q "wasm-bindgen $WASM_BINDGEN_VERSION" \
    && command -v wasm-bindgen-test-runner >/dev/null; then
    return
  fi
  say "building wasm-bindgen-cli $WASM_BINDGEN_VERSION from crates.io (about 2 minutes)"
  if cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --locked --force; then return; fi
  # Its lock pins a webpki-roots the registry here lacks: build from the
  # fetched source with that one crate stepped back.
  say "retrying wasm-bindgen-cli with webpki-roots pinned to 1.0.10"
  local src build
  src="$(ls -d "$HOME"/.cargo/registry/src/*/wasm-bindgen-cli-"$WASM_BINDGEN_VERSION" | head -n1)"
  build="$(mktemp -d)"
  cp -r "$src/." "$build"
  (cd "$build" && cargo update -p webpki-roots --precise 1.0.10 && cargo install --path . --locked --force)
  rm -rf "$build"
}

ensure_node_modules() {
  local dir="$ROOT/tests/e2e" stamp="$ROOT/tests/e2e/node_modules/.installed-lock"
  if [ -f "$stamp" ] && cmp -s "$dir/package-lock.json" "$stamp"; then return; fi
  say "installing npm packages (binaryen's wasm-opt, Playwright) from the lock file"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$dir/package-lock.json" "$stamp"
}

ensure_crates() {
  # Trunk builds with --offline, so every crate must be fetched first.
  cargo fetch --locked --manifest-path "$ROOT/Cargo.toml" >/dev/null 2>&1 \
    || cargo fetch --locked --manifest-path "$ROOT/Cargo.toml"
}

ensure_wasm_target
ensure_chromium
ensure_node_modules
ensure_crates
ensure_trunk
ensure_wasm_bindgen

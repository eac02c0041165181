#!/usr/bin/env bash
# Installs what building and testing PeerHelp needs, each tool only when it is missing or at the
# wrong version, so a second run takes seconds. Sourced by demo.sh and test.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$HOME/.cargo/bin:$PATH"

WASM_OPT_MIN_VERSION=116
# wasm-bindgen-cli must be exactly the wasm-bindgen the widget links against.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)

say() { printf '==> %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 3 minutes)"
  # Not --locked: the CLI's lock file names a crate version that is no longer published.
  # At opt-level 1 it compiles in about half the time, and still processes the widget in well
  # under a second: what it outputs does not depend on how it was optimized.
  CARGO_PROFILE_RELEASE_OPT_LEVEL=1 \
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# `|| true`: on a fresh machine there is no wasm-opt yet, and that must not end the script.
wasm_opt_version=$(wasm-opt --version 2>/dev/null | sed -n 's/.*version \([0-9]*\).*/\1/p' || true)
if [ -z "$wasm_opt_version" ] || [ "$wasm_opt_version" -lt "$WASM_OPT_MIN_VERSION" ]; then
  # Debian's binaryen is too old for current wasm-bindgen output; npm's is current.
  say "installing wasm-opt (binaryen from npm)"
  npm install -g binaryen
  hash -r
fi

missing_packages=()
command -v chromium >/dev/null || missing_packages+=(chromium)
command -v chromedriver >/dev/null || missing_packages+=(chromium-driver)
command -v brotli >/dev/null || missing_packages+=(brotli)
if [ ${#missing_packages[@]} -gt 0 ]; then
  say "installing ${missing_packages[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing_packages[@]}"
fi

if [ ! -d e2e/node_modules/playwright-core ] || [ ! -d e2e/node_modules/axe-core ]; then
  say "installing the end-to-end test tools (playwright-core, which drives the system Chromium; axe-core)"
  npm ci --prefix e2e --no-audit --no-fund
fi

if [ ! -d scripts/web/node_modules/terser ]; then
  say "installing terser, which minifies the JS glue of the widget and the console"
  npm ci --prefix scripts/web --no-audit --no-fund
fi

#!/usr/bin/env bash
# Runs every check and test: formatting, lints, the native crates' tests (server over real
# HTTP on SQLite files, search quality on the StackFAQ set), the server's tests again on
# PostgreSQL (PEERHELP_TEST_POSTGRES_URL, or a throwaway cluster: see postgres.sh), the
# widget's tests in headless Chromium, release builds of the widget and the staff console with
# the widget's weight checked against its budget, and the end-to-end tests of a brand page (a
# visitor alone; a visitor and a peer helper; a visitor and a staff member in the console; the
# loader; a brand admin's first use of the console).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup.sh
export CHROMEDRIVER=/usr/bin/chromedriver

# Each step says when it starts, so a slow CI run shows where its time went.
step() { printf '\n==> [%dm%02ds] %s\n' $((SECONDS / 60)) $((SECONDS % 60)) "$*"; }

step "format"
cargo fmt --all -- --check
# Clippy lints the workspace's crates as they build for their tests, the way `cargo clippy` runs
# it (RUSTC_WORKSPACE_WRAPPER, with -D warnings): a separate `cargo clippy` would check every
# dependency once more, minutes on a fresh machine. Every crate builds natively for the native
# tests, the staff console included (it has no code only for wasm32), and the widget builds
# for wasm32 again for its browser tests: those builds are the lint passes.
RUSTC_WORKSPACE_WRAPPER="$(rustup which clippy-driver)"
export RUSTC_WORKSPACE_WRAPPER
export CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__"
step "native builds with lints, and tests (api, search, server on SQLite)"
env -u PEERHELP_TEST_POSTGRES_URL cargo test
step "the server's tests on PostgreSQL"
source scripts/postgres.sh
# The whole workspace again, not `-p peerhelp-server`: cargo resolves features per selection, so
# the server alone would compile its dependency tree a second time (minutes on a fresh machine);
# the other crates' tests take seconds.
cargo test
step "widget build for wasm32 with lints, and its tests in headless Chromium"
# Browser steps are bounded: a test that hangs fails the run here instead of stalling CI.
timeout 20m cargo test -p peerhelp-widget --target wasm32-unknown-unknown
step "widget and staff console release builds, and the widget's weight against its budget"
# Without clippy, whose driver turns MIR optimizations off: what ships and is weighed is
# compiled exactly as demo.sh compiles it.
env -u RUSTC_WORKSPACE_WRAPPER -u CLIPPY_ARGS node scripts/web/build.mjs
# The bench binary the native tests built and ran (`cargo run -p peerhelp-bench` would resolve
# features for that package alone and compile its dependency tree again).
target/debug/peerhelp-bench widget-size --check
step "end-to-end: a brand page on another origin; the visitor's, helper's and staff flows"
# The `peerhelp` binary the native tests built and ran (a `cargo build` would resolve features
# without the tests' and compile it again).
cargo test --no-run -q
timeout 15m node --test --test-timeout=300000 e2e/
step "done"

#!/usr/bin/env bash
# Builds the widget and runs the server on the embedded SQLite default with the demo community,
# then prints the address of a demo brand page embedding the widget.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/setup.sh

echo "==> building the widget and the staff console (release)"
node scripts/web/build.mjs
echo "==> building and starting the server"
cargo build --release -p peerhelp-server --bin peerhelp
exec target/release/peerhelp serve --demo "$@"

#!/usr/bin/env bash
# Set-up: build everything attache needs, in release mode, from the package registries only.
# Safe to run again; it only rebuilds what changed.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v cargo >/dev/null 2>&1; then
  echo "setup: cargo not found; install Rust (https://rustup.rs) first" >&2
  exit 1
fi
cargo build --release --workspace --locked
echo "setup: done; the binary is target/release/attache"

#!/usr/bin/env bash
# What CI runs: install missing Debian packages, build, run every test suite. Exits with
# ctest's status.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
packaging/install-deps.sh
packaging/build.sh
exec ctest --test-dir build --output-on-failure -j2

#!/usr/bin/env bash
# What CI runs: install missing Debian packages, build, run every test suite, then the
# fuzz targets for a bounded time, then the Debian packages. Exits with ctest's status, or 1
# when fuzzing found something or a package test failed.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
packaging/install-deps.sh
packaging/build.sh
status=0
ctest --test-dir build --output-on-failure -j2 || status=$?
# The fuzz targets (tests/fuzz/run.sh): a clang build of their own plus a bounded run of
# every target; a finding fails CI with its reproducer printed. HUBVAULT_FUZZ_SECONDS=0 skips.
fuzz_seconds="${HUBVAULT_FUZZ_SECONDS:-180}"
if [ "$fuzz_seconds" -gt 0 ]; then
    tests/fuzz/run.sh "$fuzz_seconds" || status=1
fi
# The Debian packages (packaging/test-packages.sh): built once from this tree as it is,
# linted, installed, used from the installed paths only, and purged. HUBVAULT_PACKAGE_TEST=0 skips.
if [ "${HUBVAULT_PACKAGE_TEST:-1}" != 0 ]; then
    packaging/test-packages.sh --allow-dirty || status=1
fi
exit "$status"

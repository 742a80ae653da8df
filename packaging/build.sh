#!/usr/bin/env bash
# Configures (Ninja, RelWithDebInfo) into ./build at the repository root and builds
# everything with all cores.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build --parallel "$(nproc)"

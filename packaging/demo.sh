#!/usr/bin/env bash
# Builds HubVault, creates a small demo repository (unless it already exists) and shows
# it: in hubvault-gui when a display is available, else through the CLI.
#   HUBVAULT_DEMO_DIR  where the demo repository lives (default: ~/hubvault-demo)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
packaging/install-deps.sh
packaging/build.sh

cli="$root/build/src/cli/hubvault"
gui="$root/build/src/app/hubvault-gui"
demo="${HUBVAULT_DEMO_DIR:-$HOME/hubvault-demo}"

# The generated inputs are only needed until they are committed; an EXIT trap also
# removes them when a command fails under `set -e`.
work=""
trap '[[ -z "$work" ]] || rm -rf "$work"' EXIT

create_demo() {
    work="$(mktemp -d)"

    cat >"$work/README.md" <<'README'
# HubVault demo

A small model repository: a configuration, a tokenizer vocabulary and 40 MiB of
"weights" that HubVault stores as content-defined chunks.
README
    cat >"$work/config.json" <<'JSON'
{"architecture": "demo-mlp", "hidden_size": 256, "layers": 4}
JSON
    printf '%s\n' '<pad>' '<unk>' hello world vault chunk >"$work/vocab.txt"
    head -c $((40 * 1024 * 1024)) /dev/urandom >"$work/weights.bin"

    "$cli" init "$demo"
    "$cli" -C "$demo" commit -m "Add demo model" \
        --add README.md="$work/README.md" \
        --add models/config.json="$work/config.json" \
        --add models/vocab.txt="$work/vocab.txt" \
        --add models/weights.bin="$work/weights.bin"
    rm -rf "$work" # before a possible exec below, which skips the EXIT trap
    work=""
}

if [[ -d "$demo" && -n "$(ls -A "$demo" 2>/dev/null)" ]]; then
    # Never write into a directory we did not create: reuse it only if it is a repository.
    if ! "$cli" -C "$demo" log >/dev/null 2>&1; then
        echo "demo: $demo exists and is not a HubVault repository; set HUBVAULT_DEMO_DIR" >&2
        exit 1
    fi
    echo "demo: reusing $demo"
else
    echo "demo: creating $demo"
    create_demo
fi

if [[ -n "${DISPLAY:-}" || -n "${WAYLAND_DISPLAY:-}" ]]; then
    exec "$gui" "$demo"
fi

echo "demo: no display found, showing the repository with the CLI"
set -x
"$cli" -C "$demo" log
"$cli" -C "$demo" ls-tree -r
"$cli" -C "$demo" verify --full

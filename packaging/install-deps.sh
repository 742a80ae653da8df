#!/usr/bin/env bash
# Installs the Debian packages of packaging/debian-packages.txt (one name per line; blank
# lines and '#' comments are ignored) that are not installed yet. Does nothing, and
# needs no network, when everything is already there.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
list="$here/debian-packages.txt"

wanted=()
while IFS= read -r line || [[ -n "$line" ]]; do
    line="${line%%#*}"
    line="${line//[[:space:]]/}"
    [[ -n "$line" ]] && wanted+=("$line")
done <"$list"

# The browser UI's tests run under Node.js with npm. Machines that already have a Node.js
# (from NodeSource or the like) keep it: Debian's nodejs would conflict with it.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    wanted+=(nodejs npm)
fi

missing=()
for pkg in "${wanted[@]}"; do
    # dpkg-query also knows removed-but-configured packages; only "install ok installed" counts.
    status="$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)"
    [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done

if ((${#missing[@]} == 0)); then
    echo "install-deps: all ${#wanted[@]} packages are installed"
    exit 0
fi
echo "install-deps: installing ${missing[*]}"

# sudo drops the environment by default, so the variable is passed through env.
as_root=(env DEBIAN_FRONTEND=noninteractive)
if [[ "$(id -u)" -ne 0 ]]; then
    as_root=(sudo env DEBIAN_FRONTEND=noninteractive)
fi
"${as_root[@]}" apt-get update
# The list names everything the build and tests use; recommends would only add size.
"${as_root[@]}" apt-get install -y --no-install-recommends "${missing[@]}"

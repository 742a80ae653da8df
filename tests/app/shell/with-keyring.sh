#!/usr/bin/env bash
# Runs a test inside a private D-Bus session with an unlocked GNOME Keyring, so that the
# token store talks to a real Secret Service and never to the user's own keyring.
set -euo pipefail
if ! command -v dbus-run-session >/dev/null || ! command -v gnome-keyring-daemon >/dev/null; then
    echo "with-keyring: dbus-run-session or gnome-keyring-daemon is missing (packaging/debian-packages.txt installs them)" >&2
    exit 1
fi
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
export HOME="$home" XDG_DATA_HOME="$home/data" XDG_RUNTIME_DIR="$home/run" HUBVAULT_TEST_KEYRING=1
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
# The password creates and unlocks a throwaway login keyring; the daemon ends with the session.
exec dbus-run-session -- bash -c 'printf "hubvault-test" | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$@"' keyring "$@"

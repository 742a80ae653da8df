#!/usr/bin/env bash
# Tests the Debian packages as a user gets them: builds them (packaging/build-deb.sh, once),
# runs lintian, installs them with apt-get, uses every installed part from the installed
# paths only (never the build tree), then purges them and checks that nothing is left.
#   packaging/test-packages.sh [--allow-dirty]     (the option is passed to build-deb.sh)
#   packaging/test-packages.sh --no-build          (tests the .deb files already in build-deb/)
# Needs root (or sudo) and must not find hubvault or hubvault-gui installed already: it
# removes what it installed, and would remove those too.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/build-deb"
cd "$root"
build=1
if [[ "${1:-}" == --no-build ]]; then
    build=0
    shift
fi

as_root=(env DEBIAN_FRONTEND=noninteractive)
[[ "$(id -u)" -eq 0 ]] || as_root=(sudo env DEBIAN_FRONTEND=noninteractive)

step() { printf '\n== test-packages: %s\n' "$*"; }
fail() { echo "test-packages: FAILED: $*" >&2; exit 1; }
# Only the installed programs: /usr/bin first, nothing of the build tree.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin

for pkg in hubvault hubvault-gui; do
    status="$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)"
    # Left configuration files count too: the purge at the end would delete them.
    [[ -z "$status" || "$status" == *not-installed* ]] ||
        fail "$pkg is installed already ($status); purge it first (dpkg --purge $pkg), this test would"
done

version="$(sed -n 's/^project(HubVault VERSION \([0-9][0-9.]*\).*/\1/p' CMakeLists.txt)"
work="$(mktemp -d)"
installed=0
cleanup() {
    if ((installed)); then
        echo "test-packages: purging the packages after a failure" >&2
        "${as_root[@]}" dpkg --purge hubvault hubvault-gui >/dev/null 2>&1 || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

step "build-deb.sh refuses a tree with uncommitted changes"
if ((build)) && git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git clone --quiet --depth 1 "file://$root" "$work/clone"
    # This tree's build-deb.sh, which a clone of HEAD may predate; the new file makes it dirty.
    cp packaging/build-deb.sh "$work/clone/packaging/build-deb.sh"
    echo "uncommitted" >"$work/clone/uncommitted.txt"
    if "$work/clone/packaging/build-deb.sh" --out "$work/clone-out" >"$work/dirty.log" 2>&1; then
        fail "build-deb.sh built from a dirty tree"
    fi
    grep -q "uncommitted changes" "$work/dirty.log" || fail "build-deb.sh did not say why: $(cat "$work/dirty.log")"
    grep -q "uncommitted.txt" "$work/dirty.log" || fail "build-deb.sh did not name the changed file"
    [[ ! -e "$work/clone-out" ]] || fail "build-deb.sh started building before refusing"
    rm -rf "$work/clone"
else
    echo "(not a git checkout, or --no-build: skipped)"
fi

if ((build)); then
    step "building the packages"
    rm -f "$out"/*.deb
    # The -dbgsym packages are not tested, and compressing their debug info is minutes of CPU.
    DEB_BUILD_OPTIONS="${DEB_BUILD_OPTIONS:-noautodbgsym parallel=2}" packaging/build-deb.sh --out "$out" "$@"
fi
debs=("$out/hubvault_${version}_"*.deb "$out/hubvault-gui_${version}_"*.deb)
for deb in "${debs[@]}"; do [[ -f "$deb" ]] || fail "missing $deb"; done

step "lintian"
# Errors fail; every warning must be explained in packaging/lintian-notes.md.
lintian --fail-on error --display-info "${debs[@]}" | tee "$work/lintian.txt" ||
    fail "lintian reported errors"
while read -r tag; do
    grep -q "\`$tag\`" packaging/lintian-notes.md || fail "lintian warning '$tag' is not explained in packaging/lintian-notes.md"
done < <(sed -n 's/^W: [^:]*: \([^ ]*\).*/\1/p' "$work/lintian.txt" | sort -u)

step "package metadata"
for deb in "${debs[@]}"; do
    dpkg-deb -f "$deb" Package Version Section Priority Maintainer Depends
    [[ "$(dpkg-deb -f "$deb" Version)" == "$version" ]] || fail "$deb is not version $version"
    [[ "$(dpkg-deb -f "$deb" Depends)" == *libqt6core6* ]] || fail "$deb: Depends not computed from the binary"
done
dpkg-deb -f "$out/hubvault-gui_${version}_"*.deb Depends | grep -q libqt6widgets6 || fail "hubvault-gui does not depend on Qt Widgets"

# What the packages will put in place, and which of those paths exist before: after the
# purge, each must be as it was (the files gone, the folders they share with others kept).
for deb in "${debs[@]}"; do dpkg-deb --fsys-tarfile "$deb" | tar -t; done |
    sed 's|^\./|/|; s|/$||' | grep -v '^\.\?$' | sort -u >"$work/paths.txt"
while read -r path; do
    if [[ -e "$path" || -L "$path" ]]; then echo "$path"; fi
done <"$work/paths.txt" >"$work/existing-before.txt"

step "apt-get install"
installed=1
# Recommends (qt6-translations-l10n) are left out: nothing but our packages is added, and
# the test needs no download.
"${as_root[@]}" apt-get install -y --no-install-recommends "${debs[@]}"
dpkg -L hubvault hubvault-gui | grep -vx '/\.' | sort -u >"$work/dpkg-L.txt"

step "versions"
hubvault --version | tee "$work/version.txt"
grep -qx "HubVault version $version (hubvault)" "$work/version.txt" || fail "hubvault --version does not name version $version"
grep -q "^Compatible with hubvault version 0.0.2 (repository format version 1)\.$" "$work/version.txt" ||
    fail "hubvault --version does not name the compatible hubvault version"
grep -Eq "^Running with Qt [0-9.]+, SQLite [0-9.]+, OpenSSL [0-9].*, libarchive [0-9]" "$work/version.txt" ||
    fail "hubvault --version does not name the runtime libraries"
hv --version | cmp -s - "$work/version.txt" || fail "hv --version differs from hubvault --version"
[[ "$(dpkg-query -W -f='${Version}' hubvault)" == "$version" ]] || fail "installed package version"
hubvault-gui --version | tee "$work/gui-version.txt"
grep -qx "HubVault version $version (hubvault-gui)" "$work/gui-version.txt" || fail "hubvault-gui --version"
metainfo=(/usr/share/metainfo/*.HubVault.metainfo.xml)
((${#metainfo[@]} == 1)) && [[ -f "${metainfo[0]}" ]] || fail "no AppStream metainfo of HubVault installed"
grep -o '<release version="[^"]*"' "${metainfo[0]}" | head -1 | grep -q "\"$version\"" ||
    fail "the newest AppStream release is not $version"

step "CLI round trip on a temporary repository"
repo="$work/repo"
printf 'hello from the package test\n' >"$work/hello.txt"
head -c 300000 /dev/urandom >"$work/weights.bin"
hv init "$repo"
hv -C "$repo" commit -m "Add the test files" --add hello.txt="$work/hello.txt" --add models/weights.bin="$work/weights.bin"
hubvault -C "$repo" log | tee "$work/log.txt"
grep -q "Add the test files" "$work/log.txt" || fail "log does not show the commit"
hubvault -C "$repo" ls-tree -r | tee "$work/ls.txt"
grep -q "models/weights.bin" "$work/ls.txt" || fail "ls-tree does not list the upload"
copy="$(hubvault -C "$repo" download models/weights.bin)"
cmp "$copy" "$work/weights.bin" || fail "the downloaded file differs from the uploaded one"
hubvault -C "$repo" verify --full

step "man pages"
for page in hubvault hv hubvault-gui; do
    if command -v man >/dev/null; then man -w "$page"; else ls /usr/share/man/man1/"$page".1*; fi
done
# Every option hubvault-gui --help lists is described in its man page.
QT_QPA_PLATFORM=offscreen hubvault-gui --help >"$work/gui-help.txt"
zcat /usr/share/man/man1/hubvault-gui.1.gz >"$work/gui-man.txt"
for option in $(grep -o -- '--[a-z][a-z-]*' "$work/gui-help.txt" | sort -u); do
    # In troff source every '-' of an option is written '\-'.
    grep -qF -- "${option//-/\\-}" "$work/gui-man.txt" || fail "hubvault-gui.1 does not describe $option"
done

step "bash completion of 'hubvault br<TAB>'"
completion="$(bash -c 'source /usr/share/bash-completion/completions/hubvault
    COMP_WORDS=(hubvault br); COMP_CWORD=1; COMP_LINE="hubvault br"; COMP_POINT=${#COMP_LINE}
    _hubvault hubvault br hubvault; printf "%s\n" "${COMPREPLY[@]}"')"
echo "$completion"
[[ "$completion" == *branch* ]] || fail "bash completion of 'hubvault br' does not offer 'branch'"
[[ -f /usr/share/bash-completion/completions/hv && -f /usr/share/zsh/site-functions/_hubvault ]] ||
    fail "the hv bash completion or the zsh completion is missing"

step "hubvault-gui in Chinese, offscreen"
# Translations are compiled into the binary (:/i18n); the installed one must find them.
zh_help="$(LANG=zh_CN.UTF-8 LC_ALL= LANGUAGE= QT_QPA_PLATFORM=offscreen hubvault-gui --help)"
echo "$zh_help" | head -3
[[ "$zh_help" == *"浏览 HubVault 仓库"* ]] || fail "hubvault-gui --help is not in Chinese with LANG=zh_CN.UTF-8"
# A fixture repository written by hubvault 0.0.2 (a copy: opening may recover or cache),
# or the one made above where the fixtures are not beside the checkout.
shown="$repo"
fixture="$root/../shared/fixtures/hubvault-0.0.2/c-branches-merges"
if [[ -d "$fixture" ]]; then
    cp -r "$fixture" "$work/fixture"
    shown="$work/fixture"
fi
LANG=zh_CN.UTF-8 LC_ALL= LANGUAGE= QT_QPA_PLATFORM=offscreen hubvault-gui "$shown" --screenshot "$work/zh.png"
LANG=C.UTF-8 LC_ALL= LANGUAGE= QT_QPA_PLATFORM=offscreen hubvault-gui "$shown" --screenshot "$work/en.png"
for png in "$work/zh.png" "$work/en.png"; do
    [[ "$(head -c 8 "$png" | od -An -tx1 | tr -d ' \n')" == 89504e470d0a1a0a ]] || fail "$png is not a PNG"
done
# Same window, same repository: only the language of menus and labels differs.
! cmp -s "$work/zh.png" "$work/en.png" || fail "the Chinese screenshot is the English one"

step "desktop entry, AppStream, icons"
desktop-file-validate /usr/share/applications/hubvault-gui.desktop
grep -q '^Exec=hubvault-gui %[fF]$' /usr/share/applications/hubvault-gui.desktop || fail "Exec without %f"
appstreamcli validate --no-net "${metainfo[@]}"
[[ -f /usr/share/icons/hicolor/scalable/apps/hubvault-gui.svg ]] || fail "no scalable icon"
for size in 16 22 24 32 48 64 128 256 512; do
    png="/usr/share/icons/hicolor/${size}x${size}/apps/hubvault-gui.png"
    [[ -f "$png" ]] || fail "no ${size}px icon"
    # PNG header: width and height are the big-endian words at offsets 16 and 20.
    dims="$(od -An -tu1 -j16 -N8 "$png" | awk '{print $3*256+$4 "x" $7*256+$8}')"
    [[ "$dims" == "${size}x${size}" ]] || fail "$png is $dims"
done

step "the systemd unit and its configuration"
unit=/lib/systemd/system/hubvault.service
[[ -f "$unit" ]] || fail "no $unit"
[[ -f /etc/default/hubvault ]] || fail "no /etc/default/hubvault"
if command -v systemd-analyze >/dev/null; then
    # Checks the syntax, that ExecStart is executable and that the man page it names exists.
    SYSTEMD_LOG_LEVEL=warning systemd-analyze verify "$unit" >"$work/verify.txt" 2>&1 ||
        fail "systemd-analyze verify: $(cat "$work/verify.txt")"
    cat "$work/verify.txt"
fi
# Disabled by default: no WantedBy link was made.
[[ ! -e /etc/systemd/system/multi-user.target.wants/hubvault.service ]] || fail "the unit is enabled"
# The shipped configuration, run the way the unit runs it, must refuse to serve without tokens.
(
    set -a
    # shellcheck source=/dev/null
    . /etc/default/hubvault
    set +a
    # shellcheck disable=SC2086 # the token and option variables are split into words, as systemd does
    timeout 20 hubvault serve --init --host "$HUBVAULT_HOST" --port "$HUBVAULT_PORT" $HUBVAULT_TOKENS $HUBVAULT_OPTIONS "$work/served" \
        >"$work/serve.txt" 2>&1 && exit 1
    grep -q "At least one --token-ro or --token-rw" "$work/serve.txt"
) || fail "hubvault serve with the shipped /etc/default/hubvault did not refuse to run without tokens"

step "apt-get remove, then purge"
"${as_root[@]}" apt-get remove -y hubvault hubvault-gui
# Left by remove: only the configuration file; everything under /usr is gone.
while read -r path; do
    [[ "$path" == /usr/* ]] || continue
    if [[ -e "$path" || -L "$path" ]] && ! grep -qxF "$path" "$work/existing-before.txt"; then
        fail "$path is left after apt-get remove"
    fi
done <"$work/dpkg-L.txt"
[[ -f /etc/default/hubvault ]] || fail "remove deleted the configuration (only purge should)"
# dpkg, not apt-get: hubvault-gui has no configuration file, so remove left nothing of it
# to purge, and apt-get knows no package of that name in its lists.
"${as_root[@]}" dpkg --purge hubvault hubvault-gui
installed=0
while read -r path; do
    before=0
    grep -qxF "$path" "$work/existing-before.txt" && before=1
    now=0
    [[ -e "$path" || -L "$path" ]] && now=1
    ((before == now)) || fail "$path: existed before install: $before, after purge: $now"
done < <(sort -u "$work/paths.txt" "$work/dpkg-L.txt")

step "all package tests passed"

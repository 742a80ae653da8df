#!/usr/bin/env bash
# Builds the Debian 12 packages hubvault and hubvault-gui with dpkg-buildpackage from the
# committed tree plus packaging/debian; the .deb files land in build-deb/ (or --out DIR).
#   packaging/build-deb.sh [--allow-dirty] [--out DIR]
# A tree with uncommitted changes is refused: a package must be rebuildable from a commit.
# --allow-dirty packages the working tree as it is instead (tracked and untracked files,
# less what .gitignore ignores). Build dependencies: packaging/install-deps.sh.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/build-deb"
allow_dirty=0
while (($#)); do
    case "$1" in
        --allow-dirty) allow_dirty=1 ;;
        --out) out="$(realpath -m "${2:?--out needs a directory}")"; shift ;;
        -h | --help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "build-deb: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
    shift
done
cd "$root"

if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    echo "build-deb: $root is not a git checkout, so whether it is clean is unknown" >&2
    ((allow_dirty)) || { echo "build-deb: use --allow-dirty to package it as it is" >&2; exit 1; }
    dirty=1
else
    dirty=0
    [[ -z "$(git status --porcelain --untracked-files=normal)" ]] || dirty=1
    if ((dirty && !allow_dirty)); then
        echo "build-deb: the tree has uncommitted changes:" >&2
        git status --short >&2
        echo "build-deb: commit them, or use --allow-dirty to package the working tree as it is" >&2
        exit 1
    fi
fi

# The one version number: project() of the top-level CMakeLists.txt.
version="$(sed -n 's/^project(HubVault VERSION \([0-9][0-9.]*\).*/\1/p' CMakeLists.txt)"
[[ -n "$version" ]] || { echo "build-deb: no 'project(HubVault VERSION x.y.z' in CMakeLists.txt" >&2; exit 1; }
# Its CHANGELOG.md section gives the date of the Debian changelog entry (GenerateMetainfo
# makes the same check for the AppStream release).
date="$(sed -n "s/^## \[${version//./\\.}\] - \([0-9-]*\)$/\1/p" CHANGELOG.md)"
[[ -n "$date" ]] || { echo "build-deb: CHANGELOG.md has no '## [$version] - YYYY-MM-DD' section" >&2; exit 1; }

# The staging path stays the same between runs, so a rebuild of an unchanged file is a
# ccache hit; CCACHE_BASEDIR makes it one from another checkout too.
stage="$out/hubvault-$version"
rm -rf "$stage"
mkdir -p "$stage"
if ((dirty)) && git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git ls-files -z --cached --others --exclude-standard |
        while IFS= read -r -d '' f; do if [[ -e "$f" || -L "$f" ]]; then printf '%s\0' "$f"; fi; done |
        tar --null -T - -cf - | tar -xf - -C "$stage"
elif ((dirty)); then
    tar --exclude='./build' --exclude='./build-*' -cf - . | tar -xf - -C "$stage"
else
    git archive --format=tar HEAD | tar -xf - -C "$stage"
fi
cp -r packaging/debian "$stage/debian"

# debian/changelog is made here, not kept: its version and date would be a second copy of
# the ones in CMakeLists.txt and CHANGELOG.md.
maintainer="$(sed -n 's/^Maintainer: //p' packaging/debian/control)"
cat >"$stage/debian/changelog" <<EOF
hubvault ($version) unstable; urgency=medium

  * HubVault $version. The changes are listed in CHANGELOG.md (installed in
    /usr/share/doc/hubvault/ and /usr/share/doc/hubvault-gui/).

 -- $maintainer  $(LC_ALL=C date -u -R -d "$date")
EOF

# debhelper points HOME elsewhere while building; ccache must keep using its real cache.
if command -v ccache >/dev/null; then
    export CCACHE_DIR="${CCACHE_DIR:-$(ccache --get-config cache_dir)}"
    export CCACHE_BASEDIR="$stage" CCACHE_NOHASHDIR=1
fi
export DEB_BUILD_OPTIONS="${DEB_BUILD_OPTIONS:-parallel=$(nproc)}"

echo "build-deb: building hubvault $version in $stage"
(cd "$stage" && dpkg-buildpackage -b -us -uc)
ls -1 "$out"/*_"$version"_*.deb

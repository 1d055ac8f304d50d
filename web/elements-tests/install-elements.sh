#!/usr/bin/env bash
# Installs the built package (<repo>/pkg-elements) into web/elements-tests as a portal gets it:
# npm pack, then npm install of the tarball.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$here/../../pkg-elements" && npm pack --silent --pack-destination "$tmp" >/dev/null)
tarball="$(ls "$tmp"/appconfig-elements-*.tgz)"
mkdir -p "$here/.pkg"
cp "$tarball" "$here/.pkg/appconfig-elements.tgz"
(cd "$here" && npm install --no-save --no-audit --no-fund --loglevel=error "$here/.pkg/appconfig-elements.tgz" >/dev/null)
echo "install-elements: installed $(basename "$tarball") ($(stat -c %s "$tarball") bytes packed)" >&2

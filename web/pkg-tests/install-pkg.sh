#!/usr/bin/env bash
# Installs the built package (<repo>/pkg) into web/pkg-tests as a user gets it: npm pack, then the tarball.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$here/../../pkg" && npm pack --silent --pack-destination "$tmp" >/dev/null)
tarball="$(ls "$tmp"/appconfig-wasm-*.tgz)"
mkdir -p "$here/.pkg"
cp "$tarball" "$here/.pkg/appconfig-wasm.tgz"
(cd "$here" && npm install --no-save --no-audit --no-fund --loglevel=error "$here/.pkg/appconfig-wasm.tgz" >/dev/null)
echo "install-pkg: installed $(basename "$tarball") ($(stat -c %s "$tarball") bytes packed)" >&2

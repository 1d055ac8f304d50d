#!/usr/bin/env bash
# Builds the appconfig-elements npm package into <repo>/pkg-elements/ (gitignored):
#   cargo (release, wasm32) -> wasm-bindgen --target web -> wasm-opt -Oz (npm binaryen@132)
#   + crates/appconfig-elements/js (the element classes, index.js defines them on import,
#   define.js does not; the React wrapper; the TypeScript declarations) + package.json.
# Needs: cargo with the wasm32-unknown-unknown target, wasm-bindgen-cli 0.2.130, node 20 + npm.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
crate="$root/crates/appconfig-elements"
out="$root/pkg-elements"

if [ ! -x "$here/node_modules/.bin/wasm-opt" ]; then
  echo "build-elements: installing build and test dependencies (npm ci in web/elements-tests)" >&2
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi
export PATH="$here/node_modules/.bin:$PATH"
wasm-opt --version | grep -q "version 132" || { echo "build-elements: wasm-opt 132 expected" >&2; exit 1; }
wasm-bindgen --version | grep -q " 0.2.130" || { echo "build-elements: wasm-bindgen-cli 0.2.130 expected" >&2; exit 1; }

(cd "$root" && cargo build --quiet --release --target wasm32-unknown-unknown -p appconfig-elements) >&2
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
# --keep-debug: wasm-opt sorts functions by name (then writes no names, as for the dashboard).
wasm-bindgen --target web --no-typescript --keep-debug --out-dir "$stage" "$root/target/wasm32-unknown-unknown/release/appconfig_elements.wasm"
# The dashboard's flags (index.html): sorting functions by name puts generic copies together
# for gzip; --one-caller-inline-max-function-size keeps binaryen from inlining big functions.
cache="$root/target/elements-wasm-opt"
mkdir -p "$cache"
flags="-Oz --converge --one-caller-inline-max-function-size=20 --low-memory-unused --zero-filled-memory --reorder-functions-by-name --strip-debug --strip-producers"
key="$({ sha256sum < "$stage/appconfig_elements_bg.wasm"; echo "$flags"; } | sha256sum | cut -c1-32)"
if [ ! -f "$cache/$key.wasm" ]; then
  # shellcheck disable=SC2086
  wasm-opt $flags "$stage/appconfig_elements_bg.wasm" -o "$cache/$key.tmp.wasm"
  mv "$cache/$key.tmp.wasm" "$cache/$key.wasm"
fi

cp "$cache/$key.wasm" "$stage/appconfig_elements_bg.wasm"
# The comparison module ("What changed"), fetched by the elements when the panel opens.
node "$root/crates/appconfig-dashboard/build/compare-module.mjs" "$stage/appconfig_compare.wasm" >&2
node "$here/minify-imports.mjs" "$stage" >&2

rm -rf "$out"
mkdir -p "$out"
cp "$stage/appconfig_elements_bg.wasm" "$out/appconfig_elements_bg.wasm"
cp "$stage/appconfig_compare.wasm" "$out/appconfig_compare.wasm"
# esbuild (npm, pinned) minifies wasm-bindgen's glue as it does for the dashboard's loader.
esbuild --minify --format=esm --log-level=warning "$stage/appconfig_elements.js" --outfile="$out/appconfig_elements.js"
cp "$crate"/js/*.js "$crate"/js/*.d.ts "$out/"
cp "$crate/README.md" "$out/README.md"
version="$(sed -n 's/^version = "\(.*\)"/\1/p' "$root/Cargo.toml" | head -1)"
cat > "$out/package.json" <<JSON
{
  "name": "appconfig-elements",
  "version": "$version",
  "description": "<appconfig-deployment> and <appconfig-environments>: live AWS AppConfig deployments as custom elements for developer portals (Rust/Yew in WebAssembly)",
  "license": "Apache-2.0",
  "type": "module",
  "module": "./index.js",
  "browser": "./index.js",
  "types": "./index.d.ts",
  "sideEffects": ["./index.js", "./react.js"],
  "exports": {
    ".": { "types": "./index.d.ts", "default": "./index.js" },
    "./define": { "types": "./define.d.ts", "default": "./define.js" },
    "./react": { "types": "./react.d.ts", "default": "./react.js" },
    "./appconfig_elements_bg.wasm": "./appconfig_elements_bg.wasm",
    "./appconfig_compare.wasm": "./appconfig_compare.wasm",
    "./package.json": "./package.json"
  },
  "peerDependencies": { "react": ">=18" },
  "peerDependenciesMeta": { "react": { "optional": true } },
  "files": ["*.js", "*.d.ts", "appconfig_elements_bg.wasm", "appconfig_compare.wasm", "README.md"],
  "keywords": ["aws", "appconfig", "web-components", "custom-elements", "backstage", "wasm"]
}
JSON
gz() { gzip -9 -c "$1" | wc -c; }
total=0
for f in appconfig_elements_bg.wasm appconfig_elements.js elements.js index.js; do
  g=$(gz "$out/$f"); total=$((total + g))
  printf 'build-elements: %-28s %8d bytes raw %8d gzip -9\n' "$f" "$(stat -c %s "$out/$f")" "$g" >&2
done
echo "build-elements: a browser receives $total bytes (gzip -9: wasm + JS of the plain import)" >&2
printf 'build-elements: %-28s %8d bytes raw %8d gzip -9 (fetched when "What changed" opens)\n' appconfig_compare.wasm "$(stat -c %s "$out/appconfig_compare.wasm")" "$(gz "$out/appconfig_compare.wasm")" >&2
echo "build-elements: package in $out" >&2

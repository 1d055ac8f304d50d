#!/usr/bin/env bash
# Builds the appconfig-wasm npm package into <repo>/pkg/ (gitignored).
#
# Two wasm-pack builds of crates/appconfig-js: `web` (ES module, for browsers, workers and
# bundlers) and `nodejs` (CommonJS, loads the .wasm synchronously), each shrunk with wasm-opt -Oz
# from npm binaryen@132 (wasm-pack is told not to download anything), then wrapped by
# crates/appconfig-js/js/api.js and given the hand-written TypeScript declarations.
# Needs: cargo with the wasm32-unknown-unknown target, wasm-pack 0.15, node 20 + npm.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
crate="$root/crates/appconfig-js"
out="$root/pkg"

if [ ! -x "$here/node_modules/.bin/wasm-opt" ]; then
  echo "build-pkg: installing test/build dependencies (npm ci in web/pkg-tests)" >&2
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi
export PATH="$here/node_modules/.bin:$PATH"
wasm-opt --version | grep -q "version 132" || { echo "build-pkg: wasm-opt 132 expected" >&2; exit 1; }

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
for target in web nodejs; do
  # --mode no-install: never download wasm-bindgen; use the one on PATH (0.2.130).
  wasm-pack --log-level error build "$crate" --release --mode no-install --target "$target" \
    --no-typescript --no-pack --out-dir "$stage/$target" >&2
done
# Both builds hold the same .wasm: shrink it once and ship it once, in web/.
cmp -s "$stage/nodejs/appconfig_js_bg.wasm" "$stage/web/appconfig_js_bg.wasm" ||
  { echo "build-pkg: the web and nodejs builds differ in their .wasm" >&2; exit 1; }
# --one-caller-inline-max-function-size=20: binaryen otherwise inlines every function that has
# one caller, whatever its size; the few bytes of call overhead saved cost far more after gzip
# (web/bench/measure.mjs: +4.3 KiB raw, -11.2 KiB gzip; 0-50 all similar, unlimited is worst).
# KEEP_NAMES=1 keeps the name section (for twiggy; `cargo xtask bench --sizes` uses it).
strip="--strip-debug"
[ "${KEEP_NAMES:-0}" = 1 ] && strip="--debuginfo"
# wasm-opt takes a minute or two: its output is kept in target/ by the input's hash, so a
# rebuild after a JavaScript-only change skips it.
cache="$root/target/pkg-wasm-opt"
key="$(sha256sum "$stage/web/appconfig_js_bg.wasm" | cut -c1-32)-${KEEP_NAMES:-0}"
if [ -f "$cache/$key.wasm" ]; then
  cp "$cache/$key.wasm" "$stage/web/appconfig_js_bg.wasm"
else
  wasm-opt -Oz --converge --one-caller-inline-max-function-size=20 \
    $strip --strip-producers "$stage/web/appconfig_js_bg.wasm" \
    -o "$stage/web/appconfig_js_bg.wasm"
  mkdir -p "$cache" && cp "$stage/web/appconfig_js_bg.wasm" "$cache/$key.wasm"
fi

rm -rf "$out"
mkdir -p "$out/web" "$out/node"
js="$crate/js"
# The wrapper, in order: errors, the shape table (generated from the core), body parsing, the
# client, the waiters. The Node build adds the SDK's Node defaults (environment, ~/.aws files).
api() {
  cat "$js/errors.js" "$js/shapes.js" "$js/parse.js" "$js/client.js" "$js/waiters.js"
  echo "const WaiterState = WAITER_STATES;"
}
names="AppConfigClient, signRequest, parseGetDeploymentResponse, deploymentTimeline, waitUntilDeploymentComplete, waitForDeploymentComplete, waitUntilEnvironmentReadyForDeployment, waitForEnvironmentReadyForDeployment, WaiterState, WaiterError, AppConfigError, AppConfigServiceException, BadRequestException, ConflictException, InternalServerException, PayloadTooLargeException, ResourceNotFoundException, ServiceQuotaExceededException, AccessDeniedException, ThrottlingException, UnrecognizedClientException, InvalidSignatureException, ExpiredTokenException, ValidationError, EndpointError, SigningError, CredentialsProviderError, NetworkError, TimeoutError, AbortError, MalformedResponseError"

# web: ES module; the .wasm is fetched next to the module at import time (top-level await).
cp "$stage/web/appconfig_js.js" "$stage/web/appconfig_js_bg.wasm" "$out/web/"
{
  echo '// appconfig-wasm for browsers, workers and bundlers: ready on import, no init call.'
  echo 'import __wbg_init, * as wasm from "./appconfig_js.js";'
  echo 'await __wbg_init({ module_or_path: new URL("./appconfig_js_bg.wasm", import.meta.url) });'
  echo '// Browsers have no environment or ~/.aws files: a client is configured explicitly.'
  echo 'const nodeDefaults = (config) => config;'
  api
  echo "export { $names };"
} > "$out/web/index.js"

# node: CommonJS (require) with an ES module face (import) over the same instance.
# Point the Node glue at the one .wasm in web/.
glue_line='const wasmPath = `${__dirname}/appconfig_js_bg.wasm`;'
grep -qF "$glue_line" "$stage/nodejs/appconfig_js.js" ||
  { echo "build-pkg: unexpected wasm-bindgen nodejs glue (wasm path line not found)" >&2; exit 1; }
sed 's#const wasmPath = `${__dirname}/appconfig_js_bg.wasm`;#const wasmPath = require("path").join(__dirname, "..", "web", "appconfig_js_bg.wasm");#' \
  "$stage/nodejs/appconfig_js.js" > "$out/node/appconfig_js.cjs"
{
  echo '"use strict";'
  echo '// appconfig-wasm for Node (require): the .wasm loads synchronously, no init call.'
  echo 'const wasm = require("./appconfig_js.cjs");'
  api
  cat "$js/node-defaults.js"
  echo "module.exports = { $names };"
} > "$out/node/index.cjs"
{
  echo '// appconfig-wasm for Node (import): the same instance as require("appconfig-wasm").'
  echo 'import { createRequire } from "node:module";'
  echo 'const api = createRequire(import.meta.url)("./index.cjs");'
  echo "export const { $names } = api;"
} > "$out/node/index.mjs"

cp "$crate/js/index.d.ts" "$out/index.d.ts"
cp "$crate/js/index.d.ts" "$out/index.d.cts"
cp "$crate/README.md" "$out/README.md"
version="$(sed -n 's/^version = "\(.*\)"/\1/p' "$root/Cargo.toml" | head -1)"
cat > "$out/package.json" <<JSON
{
  "name": "appconfig-wasm",
  "version": "$version",
  "description": "AWS AppConfig deployment client (get, list, stop, waiters) and SigV4 signer in WebAssembly, with the AWS SDK v3 shapes",
  "license": "Apache-2.0",
  "type": "module",
  "main": "./node/index.cjs",
  "module": "./web/index.js",
  "browser": "./web/index.js",
  "types": "./index.d.ts",
  "exports": {
    ".": {
      "node": {
        "import": { "types": "./index.d.ts", "default": "./node/index.mjs" },
        "require": { "types": "./index.d.cts", "default": "./node/index.cjs" }
      },
      "types": "./index.d.ts",
      "default": "./web/index.js"
    },
    "./package.json": "./package.json"
  },
  "files": ["index.d.ts", "index.d.cts", "web/", "node/", "README.md"],
  "engines": { "node": ">=20" },
  "keywords": ["aws", "appconfig", "sigv4", "wasm", "deployment"]
}
JSON

size() { stat -c %s "$1"; }
gz() { gzip -9 -c "$1" | wc -c; }
for f in web/appconfig_js_bg.wasm web/appconfig_js.js web/index.js; do
  printf 'build-pkg: %-26s %8d bytes raw %8d gzip\n' "$f" "$(size "$out/$f")" "$(gz "$out/$f")" >&2
done
echo "build-pkg: package in $out" >&2

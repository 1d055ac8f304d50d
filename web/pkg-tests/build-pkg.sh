#!/usr/bin/env bash
# Builds the appconfig-wasm npm package into <repo>/pkg/ (gitignored).
#
# Two wasm modules, each built once by cargo and bound twice by wasm-bindgen (`web`: ES module,
# for browsers, workers and bundlers; `nodejs`: CommonJS, loads the .wasm synchronously):
#   crates/appconfig-js          the client (`appconfig-wasm`), shrunk with wasm-opt -Oz
#   crates/appconfig-js-timeline the timeline (`appconfig-wasm/timeline`), built for speed
#                                (the `wasm-timeline` profile, wasm-opt -O3): no client
#                                transfers it, the waiters load it for onProgress only
# wasm-opt is npm binaryen@132. The JavaScript of crates/appconfig-js/js/ is assembled around
# them per entry (web/*.js, node/*.cjs) with the hand-written TypeScript declarations.
# Needs: cargo with the wasm32-unknown-unknown target, wasm-bindgen-cli 0.2.130, node 20 + npm.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
crate="$root/crates/appconfig-js"
js="$crate/js"
out="$root/pkg"

if [ ! -x "$here/node_modules/.bin/wasm-opt" ]; then
  echo "build-pkg: installing test/build dependencies (npm ci in web/pkg-tests)" >&2
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi
export PATH="$here/node_modules/.bin:$PATH"
wasm-opt --version | grep -q "version 132" || { echo "build-pkg: wasm-opt 132 expected" >&2; exit 1; }
wasm-bindgen --version | grep -q " 0.2.130" || { echo "build-pkg: wasm-bindgen-cli 0.2.130 expected" >&2; exit 1; }

(cd "$root" &&
  cargo build --quiet --release --target wasm32-unknown-unknown -p appconfig-js &&
  cargo build --quiet --profile wasm-timeline --target wasm32-unknown-unknown -p appconfig-js-timeline) >&2

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
# KEEP_NAMES=1 keeps the name section (for twiggy; `cargo xtask bench --sizes` uses it).
strip="--strip-debug"
[ "${KEEP_NAMES:-0}" = 1 ] && strip="--debuginfo"
cache="$root/target/pkg-wasm-opt"
mkdir -p "$cache"

# bind <name> <cargo profile dir> <wasm-opt flags...>: web/ and nodejs/ glue, optimized .wasm.
bind() {
  local name="$1" profile="$2"
  shift 2
  local wasm="$root/target/wasm32-unknown-unknown/$profile/$name.wasm"
  for target in web nodejs; do
    wasm-bindgen --target "$target" --no-typescript --out-dir "$stage/$target" "$wasm"
  done
  cmp -s "$stage/nodejs/${name}_bg.wasm" "$stage/web/${name}_bg.wasm" ||
    { echo "build-pkg: the web and nodejs bindings of $name differ in their .wasm" >&2; exit 1; }
  # wasm-opt takes a while: its output is kept in target/ by the input's hash and the flags,
  # so a rebuild after a JavaScript-only change skips it.
  local key
  key="$({ sha256sum < "$stage/web/${name}_bg.wasm"; echo "$* $strip"; } | sha256sum | cut -c1-32)"
  if [ ! -f "$cache/$key.wasm" ]; then
    wasm-opt "$@" $strip --strip-producers "$stage/web/${name}_bg.wasm" -o "$cache/$key.tmp.wasm"
    mv "$cache/$key.tmp.wasm" "$cache/$key.wasm"
  fi
  cp "$cache/$key.wasm" "$stage/web/${name}_bg.wasm"
}
# --one-caller-inline-max-function-size=20: binaryen otherwise inlines every function that has
# one caller, whatever its size; the few bytes of call overhead saved cost far more after gzip.
bind appconfig_js release -Oz --converge --one-caller-inline-max-function-size=20
bind appconfig_js_timeline wasm-timeline -O3

rm -rf "$out"
mkdir -p "$out/web" "$out/node"
cp "$stage/web/appconfig_js.js" "$stage/web/appconfig_js_bg.wasm" \
  "$stage/web/appconfig_js_timeline.js" "$stage/web/appconfig_js_timeline_bg.wasm" "$out/web/"

# The Node glue loads the one .wasm in web/.
for name in appconfig_js appconfig_js_timeline; do
  line="const wasmPath = \`\${__dirname}/${name}_bg.wasm\`;"
  grep -qF "$line" "$stage/nodejs/$name.js" ||
    { echo "build-pkg: unexpected wasm-bindgen nodejs glue (wasm path line of $name not found)" >&2; exit 1; }
  sed "s#const wasmPath = \`\${__dirname}/${name}_bg.wasm\`;#const wasmPath = require(\"path\").join(__dirname, \"..\", \"web\", \"${name}_bg.wasm\");#" \
    "$stage/nodejs/$name.js" > "$out/node/$name.cjs"
done

# What each file of js/ shares: common.js is its own module in each build, so that both entries
# throw the same error classes.
common="own, typeName, AppConfigError, AppConfigServiceException, errorClasses, responseMetadata, makeError, validationError, invalid, fromWasm, guard, Malformed, describe, wrong, wrongType, timestamp, BadRequestException, ConflictException, InternalServerException, PayloadTooLargeException, ResourceNotFoundException, ServiceQuotaExceededException, AccessDeniedException, ThrottlingException, UnrecognizedClientException, InvalidSignatureException, ExpiredTokenException, ValidationError, EndpointError, SigningError, CredentialsProviderError, NetworkError, TimeoutError, AbortError, MalformedResponseError, WaiterError"
# The client entry, in order: input reading, the transport, the shape table (generated from the
# core), body parsing, the client, the waiters.
client() {
  cat "$js/input.js" "$js/transport.js" "$js/shapes.js" "$js/parse.js" "$js/client.js" "$js/waiters.js"
  echo "const WaiterState = WAITER_STATES;"
}
names="AppConfigClient, signRequest, parseGetDeploymentResponse, waitUntilDeploymentComplete, waitForDeploymentComplete, waitUntilEnvironmentReadyForDeployment, waitForEnvironmentReadyForDeployment, WaiterState, WaiterError, AppConfigError, AppConfigServiceException, BadRequestException, ConflictException, InternalServerException, PayloadTooLargeException, ResourceNotFoundException, ServiceQuotaExceededException, AccessDeniedException, ThrottlingException, UnrecognizedClientException, InvalidSignatureException, ExpiredTokenException, ValidationError, EndpointError, SigningError, CredentialsProviderError, NetworkError, TimeoutError, AbortError, MalformedResponseError"
timeline_names="deploymentTimeline"

# web: ES modules; each .wasm is fetched next to its module at import time (top-level await).
{
  echo '// appconfig-wasm: what both entries share (errors, own-property reads, timestamps).'
  cat "$js/common.js"
  echo "export { $common };"
} > "$out/web/common.js"
{
  echo '// appconfig-wasm for browsers, workers and bundlers: ready on import, no init call.'
  echo 'import __wbg_init, * as wasm from "./appconfig_js.js";'
  echo "import { $common } from \"./common.js\";"
  echo 'await __wbg_init({ module_or_path: new URL("./appconfig_js_bg.wasm", import.meta.url) });'
  echo '// Browsers have no environment or ~/.aws files: a client is configured explicitly.'
  echo 'const nodeDefaults = (config) => config;'
  echo 'const loadTimeline = () => import("./timeline.js");'
  client
  echo "export { $names };"
} > "$out/web/index.js"
{
  echo '// appconfig-wasm/timeline for browsers, workers and bundlers: ready on import.'
  echo 'import __wbg_init, * as timelineWasm from "./appconfig_js_timeline.js";'
  echo "import { $common } from \"./common.js\";"
  echo 'await __wbg_init({ module_or_path: new URL("./appconfig_js_timeline_bg.wasm", import.meta.url) });'
  cat "$js/timeline.js"
  echo "export { $timeline_names };"
} > "$out/web/timeline.js"

# node: CommonJS (require) with an ES module face (import) over the same instances.
{
  echo '"use strict";'
  echo '// appconfig-wasm: what both entries share (errors, own-property reads, timestamps).'
  cat "$js/common.js"
  echo "module.exports = { $common };"
} > "$out/node/common.cjs"
{
  echo '"use strict";'
  echo '// appconfig-wasm for Node (require): the .wasm loads synchronously, no init call.'
  echo 'const wasm = require("./appconfig_js.cjs");'
  echo "const { $common } = require(\"./common.cjs\");"
  echo 'const loadTimeline = async () => require("./timeline.cjs");'
  client
  cat "$js/node-defaults.js"
  echo "module.exports = { $names };"
} > "$out/node/index.cjs"
{
  echo '"use strict";'
  echo '// appconfig-wasm/timeline for Node (require): its own .wasm, loaded synchronously.'
  echo 'const timelineWasm = require("./appconfig_js_timeline.cjs");'
  echo "const { $common } = require(\"./common.cjs\");"
  cat "$js/timeline.js"
  echo "module.exports = { $timeline_names };"
} > "$out/node/timeline.cjs"
for entry in index timeline; do
  list="$names"
  [ "$entry" = timeline ] && list="$timeline_names"
  {
    echo "// appconfig-wasm for Node (import): the same instance as require() gives."
    echo 'import { createRequire } from "node:module";'
    echo "const api = createRequire(import.meta.url)(\"./$entry.cjs\");"
    echo "export const { $list } = api;"
  } > "$out/node/$entry.mjs"
done

for d in index timeline; do
  cp "$js/$d.d.ts" "$out/$d.d.ts"
  sed 's#from "./index.js"#from "./index.cjs"#' "$js/$d.d.ts" > "$out/$d.d.cts"
done
cp "$crate/README.md" "$out/README.md"
version="$(sed -n 's/^version = "\(.*\)"/\1/p' "$root/Cargo.toml" | head -1)"
cat > "$out/package.json" <<JSON
{
  "name": "appconfig-wasm",
  "version": "$version",
  "description": "AWS AppConfig deployment client (get, list, stop, waiters), SigV4 signer and deployment timeline in WebAssembly, with the AWS SDK v3 shapes",
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
    "./timeline": {
      "node": {
        "import": { "types": "./timeline.d.ts", "default": "./node/timeline.mjs" },
        "require": { "types": "./timeline.d.cts", "default": "./node/timeline.cjs" }
      },
      "types": "./timeline.d.ts",
      "default": "./web/timeline.js"
    },
    "./package.json": "./package.json"
  },
  "files": ["index.d.ts", "index.d.cts", "timeline.d.ts", "timeline.d.cts", "web/", "node/", "README.md"],
  "engines": { "node": ">=20" },
  "keywords": ["aws", "appconfig", "sigv4", "wasm", "deployment"]
}
JSON

size() { stat -c %s "$1"; }
gz() { gzip -9 -c "$1" | wc -c; }
for f in web/appconfig_js_bg.wasm web/appconfig_js.js web/index.js web/common.js web/appconfig_js_timeline_bg.wasm web/timeline.js; do
  printf 'build-pkg: %-34s %8d bytes raw %8d gzip\n' "$f" "$(size "$out/$f")" "$(gz "$out/$f")" >&2
done
echo "build-pkg: package in $out" >&2

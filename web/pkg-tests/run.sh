#!/usr/bin/env bash
# Tests of the appconfig-wasm npm package, as a user gets it. Installs what it needs (npm ci here,
# botocore via pip when missing), builds the package (build-pkg.sh → <repo>/pkg), installs its
# `npm pack` tarball here, then runs with `node --test`:
#   test/sign.test.mjs     signRequest vs @smithy/signature-v4 and botocore on generated requests
#   test/client.test.mjs   the client against a canned, signature-checking AppConfig on 127.0.0.1
#   test/robustness.test.mjs  odd values into every entry point: typed errors, never a wasm trap
#   test/responses.test.mjs  the core's error-path vectors through parseGetDeploymentResponse
#   test/faults.test.mjs   the fault matrix: refused, reset, stall, 500, 429, HTML, 10 MB, bad UTF-8, ...
#   test/memory.test.mjs   the client .wasm's memory stays flat over repeated work (its allocator frees)
#   test/operations.test.mjs  stopDeployment, getEnvironment, getApplication; a polluted prototype
#   test/node-defaults.test.mjs  region and credentials from the environment and ~/.aws (fresh Nodes)
#   test/waiters.test.mjs  the waiters against the simulator (target/debug/appconfig-sim) at --speed
#   test/types.test.mjs    tsc --strict on code using the whole API, assignability to the AWS SDK's types
#   test/types-runtime.test.mjs  the timeline: index.d.ts and deploymentTimeline against the core's members
#                          (js/timeline-keys.json, derived by appconfig-js-timeline's tests) and vectors
#   test/policy.test.mjs   crossOrigin against the table appconfig-fetch's cross_origin is tested with
#   test/size.test.mjs     the gzip size of the .wasm and the JS against the budget (size-budget.json)
#   test/browser.test.mjs  headless Chromium: <script type=module>, CORS and no-CORS endpoints, a
#                          module worker, an esbuild bundle, a `vite build`
# and a smoke run of `cargo xtask bench` (web/bench/bench.mjs --smoke: proves it runs, times nothing).
# SKIP_BUILD=1 reuses an existing <repo>/pkg. The last line is `SUMMARY: <N> passed, <M> failed`.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$here"

fail_setup() {
  echo "run.sh: $1" >&2
  echo "SUMMARY: 0 passed, 1 failed"
  exit 1
}

if ! cmp -s package-lock.json node_modules/.installed-lock.json 2>/dev/null; then
  npm ci --no-audit --no-fund --loglevel=error || fail_setup "npm ci failed"
  cp package-lock.json node_modules/.installed-lock.json
fi
if ! python3 -c "import botocore" 2>/dev/null; then
  python3 -m pip install --quiet botocore 2>/dev/null ||
    python3 -m pip install --quiet --break-system-packages botocore ||
    fail_setup "pip install botocore failed"
fi
if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -f "$root/pkg/package.json" ]; then
  "$here/build-pkg.sh" || fail_setup "build-pkg.sh failed"
fi
"$here/install-pkg.sh" || fail_setup "installing the packed package failed"
# The waiters are tested against the simulator: built (or found up to date) like the other suites do.
(cd "$root" && cargo build -q -p appconfig-sim) || fail_setup "building the simulator failed"
# The tests configure every client themselves: nothing from this machine's AWS setup.
unset AWS_REGION AWS_DEFAULT_REGION AWS_PROFILE AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN
export AWS_SHARED_CREDENTIALS_FILE=/nonexistent/credentials AWS_CONFIG_FILE=/nonexistent/config

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
node --test --test-reporter=tap --test-timeout=120000 \
  test/sign.test.mjs test/client.test.mjs test/robustness.test.mjs test/responses.test.mjs test/faults.test.mjs \
  test/memory.test.mjs test/operations.test.mjs test/node-defaults.test.mjs test/waiters.test.mjs test/types.test.mjs test/types-runtime.test.mjs test/size.test.mjs \
  test/policy.test.mjs test/browser.test.mjs 2>&1 | tee "$log" |
  grep -E '^(not )?ok |^# (tests|pass|fail)|^  (error|location):' || true
passed="$(grep -E '^# pass [0-9]+' "$log" | tail -1 | awk '{print $3}')"
failed="$(grep -E '^# fail [0-9]+' "$log" | tail -1 | awk '{print $3}')"
if [ -z "$passed" ] || [ -z "$failed" ]; then
  tail -40 "$log"
  passed="${passed:-0}"
  failed=$((${failed:-0} + 1))
fi
if grep -q '^not ok' "$log"; then
  echo "---- failures ----"
  awk '/^not ok/{p=1} p{print} /^  \.\.\./{p=0}' "$log" | head -200
fi

# The bench fails (one failure here) only when it cannot run or the peers disagree.
echo "---- smoke run of cargo xtask bench (numbers mean nothing here) ----"
if ! node "$root/web/bench/bench.mjs" --smoke | grep -v '^{"date"'; then
  echo "run.sh: the bench's smoke run failed (the peers disagree, or it could not run)" >&2
  failed=$((failed + 1))
fi
echo "SUMMARY: $passed passed, $failed failed"
[ "$failed" = 0 ]

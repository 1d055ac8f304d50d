#!/usr/bin/env bash
# Tests of the Yew dashboard (crates/appconfig-dashboard), from a fresh clone:
#   1. npm deps of web/e2e (playwright-core, binaryen@132 for wasm-opt, esbuild for the loader), installed if missing;
#   2. component tests in headless Chromium (cargo test --target wasm32-unknown-unknown);
#   3. trunk build --release -> dist/ (offline: wasm-bindgen 0.2.130 and npm's wasm-opt on PATH);
#   4. cargo build -p appconfig-sim -p appconfig-gateway (debug: the same binaries the other
#      suites use, and a fat-LTO release build of the servers would cost minutes on a 2-core CI
#      machine for no test value);
#   5. end-to-end tests (node --test): each test file starts its own
#      `appconfig-sim --port 0 --speed N --serve dist` (tests/gateway.test.mjs also an
#      appconfig-gateway in front of it) and stops it when done.
# Last line: SUMMARY: <passed> passed, <failed> failed
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
cd "$ROOT"
LOG_DIR="$ROOT/web/artifacts"
mkdir -p "$LOG_DIR"
export PATH="$HERE/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"

passed=0
failed=0
summary() {
  echo "SUMMARY: $passed passed, $failed failed"
}
fail_step() {
  echo "run.sh: $1 failed" >&2
  failed=$((failed + 1))
  summary
  exit 1
}

# 1. npm dependencies (idempotent: npm ci only when node_modules is missing or stale).
if [ ! -x "$HERE/node_modules/.bin/wasm-opt" ] || [ ! -x "$HERE/node_modules/.bin/esbuild" ] || [ ! -d "$HERE/node_modules/playwright-core" ] \
  || [ "$HERE/package-lock.json" -nt "$HERE/node_modules/.package-lock.json" ]; then
  (cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error) || fail_step "npm ci"
fi
wasm-opt --version | grep -q "version 132" || fail_step "wasm-opt 132 on PATH"
command -v wasm-bindgen >/dev/null || fail_step "wasm-bindgen on PATH"

# 2. Component tests in headless Chromium.
echo "== component tests (wasm-bindgen-test, headless Chromium)"
cargo test -p appconfig-dashboard --target wasm32-unknown-unknown 2>&1 | tee "$LOG_DIR/component-tests.log" | grep -E "^test |test result|error(\[|:)|panicked" 
status=${PIPESTATUS[0]}
while read -r p f; do
  passed=$((passed + p)); failed=$((failed + f))
done < <(sed -n 's/^test result: [a-zA-Z]*\. \([0-9]*\) passed; \([0-9]*\) failed.*/\1 \2/p' "$LOG_DIR/component-tests.log")
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=$((failed + 1)); fi

# 3. The dashboard, as shipped.
echo "== trunk build --release"
trunk build --release --offline >"$LOG_DIR/trunk-build.log" 2>&1 || { tail -30 "$LOG_DIR/trunk-build.log"; fail_step "trunk build"; }
ls -l dist/*.wasm dist/*.js | awk '{print "   " $5 " bytes  " $9}'

# 4. The simulator and the gateway.
echo "== cargo build -p appconfig-sim -p appconfig-gateway"
cargo build -p appconfig-sim -p appconfig-gateway >"$LOG_DIR/sim-build.log" 2>&1 || { tail -30 "$LOG_DIR/sim-build.log"; fail_step "simulator and gateway build"; }
TARGET_DIR="$(cargo metadata --format-version 1 --no-deps | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')"
export APPCONFIG_SIM_BIN="$TARGET_DIR/debug/appconfig-sim"
export APPCONFIG_GATEWAY_BIN="$TARGET_DIR/debug/appconfig-gateway"
export DASHBOARD_DIST="$ROOT/dist"
[ -x "$APPCONFIG_SIM_BIN" ] || fail_step "finding $APPCONFIG_SIM_BIN"
[ -x "$APPCONFIG_GATEWAY_BIN" ] || fail_step "finding $APPCONFIG_GATEWAY_BIN"

# 5. End-to-end tests.
echo "== end-to-end tests (playwright-core + /usr/bin/chromium)"
(cd "$HERE" && node --test --test-concurrency=1 --test-reporter=spec tests/) 2>&1 | tee "$LOG_DIR/e2e-tests.log"
e2e_status=${PIPESTATUS[0]}
p=$(sed -n 's/^ℹ pass \([0-9]*\)$/\1/p' "$LOG_DIR/e2e-tests.log" | tail -1)
f=$(sed -n 's/^ℹ fail \([0-9]*\)$/\1/p' "$LOG_DIR/e2e-tests.log" | tail -1)
passed=$((passed + ${p:-0}))
failed=$((failed + ${f:-0}))
if [ "$e2e_status" -ne 0 ] && [ "${f:-0}" -eq 0 ]; then failed=$((failed + 1)); fi
echo "screenshots: $LOG_DIR"
summary
[ "$failed" -eq 0 ]

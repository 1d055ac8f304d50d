#!/usr/bin/env bash
# Tests of the appconfig-elements npm package (crates/appconfig-elements), from a fresh clone:
#   1. npm deps of web/elements-tests (playwright-core, binaryen@132, esbuild, vite, webpack,
#      rollup, react, typescript), installed if missing;
#   2. build-elements.sh -> <repo>/pkg-elements, then npm pack + install of the tarball;
#   3. cargo build -p appconfig-sim (debug, as the other suites);
#   4. node --test tests/: the size guard, plain HTML, React + Vite, webpack/esbuild/Rollup,
#      tsc --strict, and the budgets (timings printed, the deterministic ones asserted).
# Last line: SUMMARY: <passed> passed, <failed> failed
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
cd "$ROOT"
LOG_DIR="$ROOT/web/artifacts/elements"
mkdir -p "$LOG_DIR"
export PATH="$HERE/node_modules/.bin:$HOME/.cargo/bin:$PATH"

passed=0
failed=0
summary() { echo "SUMMARY: $passed passed, $failed failed"; }
fail_step() {
  echo "run.sh: $1 failed" >&2
  failed=$((failed + 1))
  summary
  exit 1
}

if [ ! -x "$HERE/node_modules/.bin/wasm-opt" ] || [ ! -d "$HERE/node_modules/vite" ] \
  || [ "$HERE/package-lock.json" -nt "$HERE/node_modules/.package-lock.json" ]; then
  (cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error) || fail_step "npm ci"
fi

echo "== build-elements.sh"
bash "$HERE/build-elements.sh" 2>&1 | tee "$LOG_DIR/build.log" | grep -E "^build-elements:|error" || true
[ "${PIPESTATUS[0]}" -eq 0 ] || fail_step "build-elements.sh"
bash "$HERE/install-elements.sh" || fail_step "install-elements.sh"

echo "== cargo build -p appconfig-sim -p appconfig-gateway"
cargo build -p appconfig-sim -p appconfig-gateway >"$LOG_DIR/sim-build.log" 2>&1 || { tail -30 "$LOG_DIR/sim-build.log"; fail_step "simulator and gateway build"; }
TARGET_DIR="$(cargo metadata --format-version 1 --no-deps | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')"
export APPCONFIG_SIM_BIN="$TARGET_DIR/debug/appconfig-sim"
export APPCONFIG_GATEWAY_BIN="$TARGET_DIR/debug/appconfig-gateway"
export ELEMENTS_PKG="$HERE/node_modules/appconfig-elements"

echo "== tests (playwright-core + /usr/bin/chromium)"
(cd "$HERE" && node --test --test-concurrency=1 --test-reporter=spec tests/) 2>&1 | tee "$LOG_DIR/tests.log"
status=${PIPESTATUS[0]}
p=$(sed -n 's/^ℹ pass \([0-9]*\)$/\1/p' "$LOG_DIR/tests.log" | tail -1)
f=$(sed -n 's/^ℹ fail \([0-9]*\)$/\1/p' "$LOG_DIR/tests.log" | tail -1)
passed=$((passed + ${p:-0}))
failed=$((failed + ${f:-0}))
if [ "$status" -ne 0 ] && [ "${f:-0}" -eq 0 ]; then failed=$((failed + 1)); fi
echo "screenshots: $LOG_DIR"
summary
[ "$failed" -eq 0 ]

#!/usr/bin/env bash
# The real AWS SDKs against appconfig-sim: boto3 (Python; its appconfig client, then its
# cloudwatch client in each protocol), the AWS CLI (awscli, in the same venv), @aws-sdk/client-appconfig (Node) and
# aws-sdk-appconfig (Rust, its own small crate in rust/, built once per run into
# target/sim-clients-rust). Installs what it needs (a venv with the pinned boto3 and awscli, npm ci),
# builds the simulator (debug), starts it on a free port with --speed 60, runs the suites
# in that order (the later ones start deployments where the earlier ones left them), stops it,
# and prints "SUMMARY: N passed, M failed" last. Exits non-zero on any failure.
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
WORK="$(mktemp -d)"
SIM_PID=""
passed=0
failed=0

cleanup() {
  if [ -n "$SIM_PID" ] && kill -0 "$SIM_PID" 2>/dev/null; then
    kill "$SIM_PID" 2>/dev/null
    wait "$SIM_PID" 2>/dev/null
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

summary_and_exit() {
  echo "SUMMARY: ${passed} passed, ${failed} failed"
  if [ "$failed" -gt 0 ] || [ "$passed" -eq 0 ]; then exit 1; fi
  exit 0
}

setup_failed() {
  echo "sim-clients: $1" >&2
  failed=$((failed + 1))
  summary_and_exit
}

cd "$HERE" || exit 1

# Python: a venv with the pinned boto3.
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv || setup_failed "cannot create a Python venv"
fi
want_boto3="$(sed -n 's/^boto3==//p' requirements.txt)"
want_awscli="$(sed -n 's/^awscli==//p' requirements.txt)"
if ! .venv/bin/python -c "import boto3, awscli, sys; sys.exit(boto3.__version__ != '$want_boto3' or awscli.__version__ != '$want_awscli')" 2>/dev/null; then
  .venv/bin/pip install --quiet --disable-pip-version-check -r requirements.txt || setup_failed "pip install failed"
fi

# Node: the pinned SDK from package-lock.json.
if [ ! -f node_modules/@aws-sdk/client-appconfig/package.json ] \
  || ! node -e "process.exit(require('./node_modules/@aws-sdk/client-appconfig/package.json').version === require('./package.json').dependencies['@aws-sdk/client-appconfig'] ? 0 : 1)"; then
  npm ci --no-audit --no-fund --loglevel=error || setup_failed "npm ci failed"
fi

# The simulator.
(cd "$ROOT" && cargo build -p appconfig-sim --quiet) || setup_failed "cargo build -p appconfig-sim failed"
SIM="$TARGET_DIR/debug/appconfig-sim"
"$SIM" --port 0 --speed 60 >"$WORK/sim.out" 2>"$WORK/sim.log" &
SIM_PID=$!
URL=""
for _ in $(seq 1 100); do
  line="$(head -n 1 "$WORK/sim.out" 2>/dev/null)"
  case "$line" in
    "appconfig-sim listening on "*) URL="${line#appconfig-sim listening on }"; break ;;
  esac
  kill -0 "$SIM_PID" 2>/dev/null || break
  sleep 0.1
done
[ -n "$URL" ] || { cat "$WORK/sim.log" >&2; setup_failed "the simulator did not start"; }
echo "sim-clients: simulator at $URL (speed 60)"

# boto3.
SIM_URL="$URL" AWS_EC2_METADATA_DISABLED=true AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null \
  .venv/bin/python test_boto3.py 2>&1 | tee "$WORK/py.txt"
py_line="$(grep -E '^boto3: [0-9]+ passed, [0-9]+ failed$' "$WORK/py.txt" | tail -n 1)"
if [ -n "$py_line" ]; then
  passed=$((passed + $(echo "$py_line" | sed -E 's/^boto3: ([0-9]+) passed.*/\1/')))
  failed=$((failed + $(echo "$py_line" | sed -E 's/.* ([0-9]+) failed$/\1/')))
else
  echo "sim-clients: the boto3 suite did not report" >&2
  failed=$((failed + 1))
fi

# boto3's cloudwatch client, in each protocol botocore offers for CloudWatch.
SIM_URL="$URL" AWS_EC2_METADATA_DISABLED=true AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null \
  .venv/bin/python test_cloudwatch.py 2>&1 | tee "$WORK/cw.txt"
cw_line="$(grep -E '^cloudwatch: [0-9]+ passed, [0-9]+ failed$' "$WORK/cw.txt" | tail -n 1)"
if [ -n "$cw_line" ]; then
  passed=$((passed + $(echo "$cw_line" | sed -E 's/^cloudwatch: ([0-9]+) passed.*/\1/')))
  failed=$((failed + $(echo "$cw_line" | sed -E 's/.* ([0-9]+) failed$/\1/')))
else
  echo "sim-clients: the cloudwatch suite did not report" >&2
  failed=$((failed + 1))
fi

# The AWS CLI: create-application through start-deployment, as a new user types it.
SIM_URL="$URL" .venv/bin/python test_awscli.py 2>&1 | tee "$WORK/cli.txt"
cli_line="$(grep -E '^awscli: [0-9]+ passed, [0-9]+ failed$' "$WORK/cli.txt" | tail -n 1)"
if [ -n "$cli_line" ]; then
  passed=$((passed + $(echo "$cli_line" | sed -E 's/^awscli: ([0-9]+) passed.*/\1/')))
  failed=$((failed + $(echo "$cli_line" | sed -E 's/.* ([0-9]+) failed$/\1/')))
else
  echo "sim-clients: the awscli suite did not report" >&2
  failed=$((failed + 1))
fi

# AWS SDK for JavaScript v3.
SIM_URL="$URL" AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE=1 \
  node --no-warnings --test --test-reporter=tap appconfig.test.mjs 2>&1 | tee "$WORK/node.txt"
node_pass="$(grep -E '^# pass [0-9]+$' "$WORK/node.txt" | tail -n 1 | awk '{print $3}')"
node_fail="$(grep -E '^# fail [0-9]+$' "$WORK/node.txt" | tail -n 1 | awk '{print $3}')"
if [ -n "$node_pass" ] && [ -n "$node_fail" ]; then
  passed=$((passed + node_pass))
  failed=$((failed + node_fail))
else
  echo "sim-clients: the node suite did not report" >&2
  failed=$((failed + 1))
fi

# AWS SDK for Rust: built on its own (the SDK's crates stay out of the workspace's build).
rust_log="$WORK/rust.txt"
( cd "$HERE/rust" && SIM_URL="$URL" CARGO_TARGET_DIR="$TARGET_DIR/sim-clients-rust" \
    cargo test --locked --quiet 2>&1 ) | tee "$rust_log"
rust_line="$(grep -E '^test result: ' "$rust_log" | grep -v ' 0 passed; 0 failed' | tail -n 1)"
if [ -n "$rust_line" ]; then
  passed=$((passed + $(echo "$rust_line" | sed -E 's/.* ([0-9]+) passed.*/\1/')))
  failed=$((failed + $(echo "$rust_line" | sed -E 's/.* ([0-9]+) failed.*/\1/')))
else
  echo "sim-clients: the Rust SDK suite did not report" >&2
  failed=$((failed + 1))
fi

if [ "$failed" -gt 0 ]; then
  echo "--- simulator log (last 40 lines) ---" >&2
  tail -n 40 "$WORK/sim.log" >&2
fi
summary_and_exit

// Size is a test: the package's gzip size against crates/appconfig-js/size-budget.json (the
// README's budget table). Deterministic for a given toolchain, so this never flakes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { sizes } from "../../bench/measure.mjs";

const budget = JSON.parse(readFileSync(new URL("../../../crates/appconfig-js/size-budget.json", import.meta.url), "utf8"));

test("the .wasm and the bundled JS stay within the size budget (gzip -9)", async () => {
  const s = await sizes();
  console.log(`# size: wasm ${s.oursWasm.gzip} B gzip (budget ${budget.wasmGzip}), JS ${s.oursJs.gzip} B (budget ${budget.jsGzip}), SDK one-call bundle ${s.sdk.gzip} B`);
  assert.ok(s.oursWasm.gzip <= budget.wasmGzip, `the .wasm is ${s.oursWasm.gzip} B gzip, over its budget of ${budget.wasmGzip}`);
  assert.ok(s.oursJs.gzip <= budget.jsGzip, `the JS is ${s.oursJs.gzip} B gzip, over its budget of ${budget.jsGzip}`);
});
